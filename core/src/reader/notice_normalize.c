/* Validation, normalisation and line splitting of notice text.
 *
 * Normalisation never lengthens the text, keeps one '\n' per source line
 * break (so line numbers survive; CRLF becomes '\n', a lone CR stays a
 * break that does not count as a line, as grep -n sees it), and maps what
 * copy-paste from job sites
 * brings in: CRLF and CR, NBSP and the other Unicode spaces, zero-width
 * characters and the BOM (dropped), curly quotes, dashes, bullets ("•",
 * "▪", "◦", Word's private-use bullet), tabs and control characters. Runs of
 * blanks fold to one space; lines are trimmed. */
#include <stdlib.h>
#include <string.h>

#include "natopost/cancel.h"
#include "notice_internal.h"

/* ---- normalisation ---------------------------------------------------------- */

/* What a multi-byte character becomes: a replacement string ("" = dropped),
 * or NULL to keep it. */
static const char *map_char(uint32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x2028: case 0x2029:
        return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return "";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x2022: case 0x2023: case 0x2043: case 0x25AA: case 0x25AB: case 0x25CF:
    case 0x25E6: case 0x25A0: case 0x25A1: case 0x25C6: case 0x2219: case 0xF0B7:
    case 0xF0A7: case 0x27A2: case 0x2794:
        return "-";
    case 0x2026:
        return "...";
    default:
        return NULL;
    }
}

static bool grow_lines(nt_doc *d, size_t cap)
{
    nt_line *bigger = cap <= SIZE_MAX / sizeof *bigger ? realloc(d->lines, cap * sizeof *bigger) : NULL;
    if (!bigger) {
        d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
        return false;
    }
    d->lines = bigger;
    d->cap = cap;
    return true;
}

bool nt_reserve_lines(nt_doc *d, size_t count)
{
    return count <= d->cap || grow_lines(d, count);
}

nt_line *nt_push_line(nt_doc *d, size_t off, size_t len, int no, bool bullet)
{
    if (d->count == d->cap && !grow_lines(d, d->cap ? d->cap * 2 : 64)) return NULL;
    nt_line *l = &d->lines[d->count++];
    memset(l, 0, sizeof *l);
    /* Both fit: the text is at most NP_NOTICE_MAX_BYTES. */
    l->off = (uint32_t)off;
    l->len = (uint32_t)len;
    l->no = no;
    l->bullet = bullet;
    return l;
}

/* The end of the line starting at `start`: the first '\n' or '\r' at or
 * after it, found with one memchr per kind and remembered, so that a text
 * with only one kind of line end (old Mac files: lone CRs) is scanned once
 * rather than once per line. */
typedef struct line_ends {
    size_t nl, cr; /* next position of each, d->size when none is left */
} line_ends;

static size_t next_at(const nt_doc *d, size_t start, char c)
{
    const char *hit = memchr(d->buf + start, c, d->size - start);
    return hit ? (size_t)(hit - d->buf) : d->size;
}

static size_t line_end(const nt_doc *d, line_ends *e, size_t start)
{
    if (e->nl < start) e->nl = next_at(d, start, '\n');
    if (e->cr < start) e->cr = next_at(d, start, '\r');
    return e->nl < e->cr ? e->nl : e->cr;
}

/* Splits buf into lines at '\n' and at '\r' (a lone CR of the source, which
 * ends a line of text but, as in grep -n, not a numbered line); removes
 * bullet markers. A run of empty lines is kept as at most two: no
 * recogniser looks further than two lines ahead, and storing every one
 * made 16 MB of empty lines take a gigabyte. The first pass (`store`
 * false) only counts, so the array is allocated once at its size. */
static size_t split_lines_pass(nt_doc *d, bool store)
{
    const char *b = d->buf;
    line_ends ends = {next_at(d, 0, '\n'), next_at(d, 0, '\r')};
    size_t start = 0, count = 0, empty_run = 0, seen = 0;
    int no = 1;
    /* clang-analyzer assumes memchr over 0 bytes can find a byte, runs
     * `start` past the end and calls the bytes read garbage; it cannot happen. */
    // NOLINTBEGIN(clang-analyzer-core.UndefinedBinaryOperatorResult)
    for (;;) {
        const size_t end = line_end(d, &ends, start);
        size_t off = start, len = end - start;
        bool bullet = false;
        /* "- text", "* text", "-text"; a lone "-" is an empty bullet. */
        if (len && (b[off] == '-' || b[off] == '*') &&
            (len == 1 || b[off + 1] == ' ' || nt_is_alpha((unsigned char)b[off + 1]) ||
             (unsigned char)b[off + 1] >= 0x80)) {
            bullet = true;
            off++, len--;
            if (len && b[off] == ' ') off++, len--;
        }
        empty_run = len || bullet ? 0 : empty_run + 1;
        if (store && seen++ % (1u << 16) == 0 && (d->status = np_cancel_check(d->err)) != NP_OK)
            return 0;
        if (empty_run <= 2) {
            if (store && !nt_push_line(d, off, len, no, bullet)) return 0;
            count++;
        }
        if (end == d->size) return count;
        if (b[end] == '\n') no++;
        start = end + 1;
    }
    // NOLINTEND(clang-analyzer-core.UndefinedBinaryOperatorResult)
}

static np_status split_lines(nt_doc *d)
{
    if (!nt_reserve_lines(d, split_lines_pass(d, false))) return d->status;
    split_lines_pass(d, true);
    return d->status;
}

/* dst = src with ASCII letters lower-cased, eight bytes at a time: a byte
 * gets 0x20 added when it lies in 'A'..'Z' (bytes >= 0x80 are left alone). */
static void lower_copy(char *restrict dst, const char *restrict src, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        uint64_t w;
        memcpy(&w, src + k, 8);
        const uint64_t seven = w & ~high;
        const uint64_t ge_a = seven + (0x80 - 'A') * ones; /* high bit: byte >= 'A' */
        const uint64_t gt_z = seven + (0x7F - 'Z') * ones; /* high bit: byte > 'Z' */
        const uint64_t upper = ge_a & ~gt_z & ~w & high;
        w |= upper >> 2;
        memcpy(dst + k, &w, 8);
    }
    for (; k < n; k++) dst[k] = nt_tolower(src[k]);
}

/* How many of the eight bytes at p the normaliser copies unchanged, from
 * the start: printable ASCII and single blanks (a leading blank only when
 * `space_ok`, i.e. the output does not end with a blank or a line break).
 * Each mask marks bytes by their high bit. The SWAR zero-byte test never
 * misses a byte, so every byte before the lowest mark is plain; it can mark
 * a plain byte too (after a real blank), which only sends that byte down the
 * byte-by-byte path. */
static unsigned plain_prefix(const unsigned char *p, bool space_ok)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t bad = w & high;                                   /* non-ASCII */
    bad |= (w - 0x20 * ones) & ~w & high;                      /* a byte < 0x20 */
    const uint64_t del = w ^ (0x7F * ones);
    bad |= (del - ones) & ~del & high;                         /* 0x7F */
    const uint64_t sp = w ^ (0x20 * ones);
    const uint64_t spaces = (sp - ones) & ~sp & high;          /* blanks */
    bad |= spaces & (spaces << 8);                             /* a blank after a blank */
    if (!space_ok) bad |= spaces & 0x80;                       /* little endian: byte 0 */
    if (!bad) return 8;
#if defined(__GNUC__)
    return (unsigned)(__builtin_ctzll(bad) / 8);
#else
    unsigned k = 0;
    while (!(bad & 0x80)) bad >>= 8, k++;
    return k;
#endif
}

/* Appends one blank unless at a line start or after another blank. */
#define PUT_SPACE()                                                                \
    do {                                                                           \
        if (n && o[n - 1] != ' ' && o[n - 1] != '\n') o[n++] = ' ';                 \
    } while (0)

np_status nt_normalize(nt_doc *d, const char *text, size_t len)
{
    d->buf = malloc(len + 1);
    d->low = malloc(len + 1);
    if (!d->buf || !d->low) return d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
    char *restrict o = d->buf;
    const unsigned char *restrict in = (const unsigned char *)text;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (len - i >= 8) {
            unsigned k = plain_prefix(in + i, n && o[n - 1] != ' ' && o[n - 1] != '\n');
            memcpy(o + n, in + i, 8); /* the bytes after the k plain ones are rewritten */
            n += k;
            i += k;
            if (k == 8) continue;
        }
        unsigned char c = in[i];
        if (c > ' ' && c < 0x7F) { /* the common case: printable ASCII */
            o[n++] = (char)c;
            i++;
        } else if (c == '\n' || c == '\r') {
            while (n && o[n - 1] == ' ') n--; /* trim the line's end */
            const bool crlf = c == '\r' && i + 1 < len && in[i + 1] == '\n';
            o[n++] = crlf ? '\n' : (char)c; /* a lone CR stays: see split_lines */
            i += crlf ? 2 : 1;
        } else if (c < 0x80) { /* blank, tab, control characters */
            PUT_SPACE();
            i++;
        } else {
            size_t step;
            const char *rep = map_char(nt_codepoint(text, len, i, &step));
            if (!rep) {
                memcpy(o + n, in + i, step);
                n += step;
            } else {
                for (const char *r = rep; *r; r++) {
                    if (*r == ' ') PUT_SPACE();
                    else o[n++] = *r;
                }
            }
            i += step;
        }
    }
    while (n && o[n - 1] == ' ') n--;
    o[n] = '\0';
    d->size = n;
    lower_copy(d->low, o, n + 1);
    return split_lines(d);
}

void nt_doc_free(nt_doc *d)
{
    free(d->buf);
    free(d->low);
    free(d->lines);
    d->buf = d->low = NULL;
    d->lines = NULL;
    d->count = d->cap = 0;
}
