/* Linear time and bounded memory on crafted input (issue 14), measured
 * without clocks: the suite is linked with --wrap for malloc, calloc,
 * realloc, free and memchr (tests/c/meson.build), so it sees every byte the
 * core allocates and every byte its memchr calls scan. "Linear" is checked
 * by doing the same work at two sizes: twice the input may cost about twice
 * as much, not four times. */
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);
void *__real_memchr(const void *s, int c, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
void __wrap_free(void *ptr);
void *__wrap_memchr(const void *s, int c, size_t n);

static long long live, peak, allocated, scanned;

static void *counted(void *p)
{
    if (p) {
        const long long n = (long long)malloc_usable_size(p);
        live += n;
        allocated += n;
        if (live > peak) peak = live;
    }
    return p;
}

static void uncount(void *p)
{
    if (p) live -= (long long)malloc_usable_size(p);
}

void *__wrap_malloc(size_t size) { return counted(__real_malloc(size)); }
void *__wrap_calloc(size_t count, size_t size) { return counted(__real_calloc(count, size)); }
void *__wrap_realloc(void *ptr, size_t size)
{
    uncount(ptr);
    void *p = __real_realloc(ptr, size);
    if (!p && size) {
        counted(ptr); /* the old block stays */
        return NULL;
    }
    return counted(p);
}
void __wrap_free(void *ptr)
{
    uncount(ptr);
    __real_free(ptr);
}
void *__wrap_memchr(const void *s, int c, size_t n)
{
    const char *hit = __real_memchr(s, c, n);
    scanned += hit ? hit - (const char *)s + 1 : (long long)n;
    return (void *)hit;
}

typedef struct cost {
    long long peak, allocated, scanned;
} cost;

static void reset(void) { live = peak = allocated = scanned = 0; }

/* A notice: a title, then `unit` repeated `count` times. */
static cost read_crafted(const char *unit, size_t count, size_t *len)
{
    static const char head[] = "Senior Analyst\nNATO International Staff\n";
    const size_t ul = strlen(unit);
    *len = sizeof head - 1 + ul * count;
    char *text = __real_malloc(*len + 1);
    cr_assert_not_null(text);
    memcpy(text, head, sizeof head - 1);
    for (size_t i = 0; i < count; i++) memcpy(text + sizeof head - 1 + i * ul, unit, ul);
    text[*len] = '\0';
    reset();
    np_posting *p = NULL;
    np_error err;
    const np_status st = np_notice_read(&p, text, *len, "crafted.txt", &err);
    cr_assert_eq(st, NP_OK, "crafted notice (%zu x \"%s\") refused: %s", count, unit, err.message);
    const cost c = {peak, allocated, scanned};
    np_posting_free(p);
    __real_free(text);
    return c;
}

/* Reads `unit` x count and x 2 count: the memchr bytes and the bytes
 * allocated may double, not quadruple; the peak stays within `max_ratio`
 * times the input. */
static void check_reader_linear(const char *unit, size_t count, double max_ratio)
{
    size_t len1, len2;
    const cost one = read_crafted(unit, count, &len1);
    const cost two = read_crafted(unit, 2 * count, &len2);
    cr_assert_gt(one.scanned, 0, "the memchr wrap is not in effect");
    cr_expect_leq(two.scanned, 2.5 * (double)one.scanned,
                  "\"%s\": memchr scanned %lld bytes at %zu bytes of input, %lld at %zu: not linear",
                  unit, one.scanned, len1, two.scanned, len2);
    cr_expect_leq(two.allocated, 2.5 * (double)one.allocated,
                  "\"%s\": allocated %lld bytes at %zu bytes of input, %lld at %zu: not linear", unit,
                  one.allocated, len1, two.allocated, len2);
    cr_expect_leq((double)two.peak, max_ratio * (double)len2,
                  "\"%s\": peak %lld bytes for %zu bytes of input (more than %.0fx)", unit, two.peak,
                  len2, max_ratio);
}

/* Old Mac files: every line ends with a lone CR, so a search for '\n' from
 * each line start ran to the end of the text (2.56 MB took 43 s). */
Test(linear, lone_cr_line_ends) { check_reader_linear("Word\r", 40000, 24); }

/* 16 MB of empty lines took 1.05 GB: 32 bytes per stored line, twice. */
Test(linear, empty_lines) { check_reader_linear("\n", 200000, 8); }
Test(linear, empty_lone_cr_lines) { check_reader_linear("\r", 200000, 8); }
Test(linear, empty_bullets) { check_reader_linear("-\n", 100000, 24); }
Test(linear, short_lines) { check_reader_linear("a\n", 100000, 24); }
Test(linear, one_long_line) { check_reader_linear("word ", 100000, 8); }

/* Lines end with a CR before and after a line feed: both searches restart. */
Test(linear, mixed_line_ends) { check_reader_linear("ab\r\n\rcd\n", 30000, 24); }

/* `title in ["x", "x", ...]` with `count` literals. */
static cost compile_literals(size_t count, size_t *len)
{
    static const char head[] = "title in [", unit[] = "\"literal\", ";
    *len = sizeof head - 1 + (sizeof unit - 1) * count + 3;
    char *q = __real_malloc(*len + 1);
    cr_assert_not_null(q);
    memcpy(q, head, sizeof head - 1);
    size_t n = sizeof head - 1;
    for (size_t i = 0; i < count; i++, n += sizeof unit - 1) memcpy(q + n, unit, sizeof unit - 1);
    memcpy(q + n, "\"\"]", 4);
    size_t field_count;
    const np_qfield *fields = np_posting_fields(&field_count);
    reset();
    np_query *query = NULL;
    np_error err;
    cr_assert_eq(np_query_compile(&query, q, *len, fields, field_count, &err), NP_OK, "%s", err.message);
    const cost c = {peak, allocated, scanned};
    np_query_free(query);
    __real_free(q);
    return c;
}

/* Every string literal allocated (and zeroed) the rest of the query: 40k
 * literals took 10.5 s and 4.1 GB. */
Test(linear, query_string_literals)
{
    size_t len1, len2;
    const cost one = compile_literals(5000, &len1);
    const cost two = compile_literals(10000, &len2);
    cr_expect_leq(two.allocated, 2.5 * (double)one.allocated,
                  "allocated %lld bytes for a %zu-byte query, %lld for %zu: not linear",
                  one.allocated, len1, two.allocated, len2);
    cr_expect_leq((double)two.peak, 32.0 * (double)len2, "peak %lld bytes for a %zu-byte query",
                  two.peak, len2);
}
