/* A strict JSON parser into an arena-held tree (json_tree.h). */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/json_tree.h"
#include "formats/posting_json_internal.h"
#include "support/json_bytes.h"

/* ---- the arena --------------------------------------------------------------- */

struct npj_chunk {
    struct npj_chunk *next;
    size_t cap, used;
    unsigned char data[]; /* at offset 24: 8-aligned, as every block handed out */
};

enum { FIRST_CHUNK = 64 * 1024, LARGEST_CHUNK = 4 * 1024 * 1024 };

static void *arena_alloc(npj_tree *t, size_t n)
{
    if (n > SIZE_MAX - 8 - sizeof(struct npj_chunk)) return NULL;
    n = (n + 7) & ~(size_t)7;
    struct npj_chunk *c = t->chunks;
    if (!c || c->cap - c->used < n) {
        size_t cap = c ? (c->cap < LARGEST_CHUNK / 2 ? c->cap * 2 : LARGEST_CHUNK) : FIRST_CHUNK;
        if (cap < n) cap = n;
        c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = t->chunks;
        t->chunks = c;
    }
    void *block = c->data + c->used;
    c->used += n;
    return block;
}

/* Keeps the newest (largest) chunk for the next tree. */
static void arena_reset(npj_tree *t)
{
    struct npj_chunk *c = t->chunks;
    if (!c) return;
    for (struct npj_chunk *old = c->next, *next; old; old = next) {
        next = old->next;
        free(old);
    }
    c->next = NULL;
    c->used = 0;
}

void npj_tree_free(npj_tree *t)
{
    for (struct npj_chunk *c = t->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(t->values);
    free(t->members);
    free(t->slots);
    *t = (npj_tree)NPJ_TREE_INIT;
}

/* Grows the scratch array *items (of `size`-byte elements) to room for one more. */
static bool grow(void **items, size_t *cap, size_t len, size_t size)
{
    if (len < *cap) return true;
    const size_t more = *cap ? *cap * 2 : 64;
    if (more > SIZE_MAX / size) return false;
    void *grown = realloc(*items, more * size);
    if (!grown) return false;
    *items = grown;
    *cap = more;
    return true;
}

/* ---- the parser -------------------------------------------------------------------- */

typedef struct parser {
    npj_tree *t;
    const unsigned char *text, *p, *end;
    int depth;
    bool out_of_memory;
    size_t error_at;
} parser;

static bool fail_at(parser *ps, const unsigned char *where)
{
    ps->error_at = (size_t)(where - ps->text);
    return false;
}

static bool out_of_memory(parser *ps)
{
    ps->out_of_memory = true;
    return false;
}

static void skip_space(parser *ps)
{
    const unsigned char *p = ps->p, *end = ps->end;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    ps->p = p;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The four hex digits at p (p + 4 <= limit), or -1. */
static long hex4(const unsigned char *p, const unsigned char *limit)
{
    if (limit - p < 4) return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        const int d = hex_digit(p[i]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(unsigned char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A byte a string's first pass stops at: the closing quote, a backslash, a
 * control character (refused) or a byte of a UTF-8 sequence. */
static bool stops_string(unsigned char c)
{
    return (unsigned)(c - 0x20u) >= 0x60u || c == '"' || c == '\\';
}

/* Decodes the escapes and checks the UTF-8 of s[0..raw) (a string's body,
 * ending before its closing quote) into out; the decoded length, or
 * SIZE_MAX with *bad the offending byte. */
static size_t decode(unsigned char *out, const unsigned char *s, const unsigned char *q,
                     const unsigned char **bad)
{
    unsigned char *o = out;
    for (const unsigned char *p = s; p < q;) {
        const unsigned char c = *p;
        if (c >= 0x80) {
            const int n = npj_utf8_sequence(p);
            if (!n) return *bad = p, SIZE_MAX;
            memcpy(o, p, (size_t)n);
            o += n;
            p += n;
            continue;
        }
        if (c != '\\') {
            *o++ = c;
            p++;
            continue;
        }
        const unsigned char e = p[1];
        p += 2;
        switch (e) {
        case '"': case '\\': case '/': *o++ = e; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            long cp = hex4(p, q);
            if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return *bad = p, SIZE_MAX;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a high surrogate: its low one follows */
                const long low = q - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2, q) : -1;
                if (low < 0xDC00 || low > 0xDFFF) return *bad = p, SIZE_MAX;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            }
            o += put_utf8(o, (unsigned long)cp);
            break;
        }
        default: return *bad = p - 1, SIZE_MAX;
        }
    }
    return (size_t)(o - out);
}

/* The string at ps->p (its opening quote), unescaped into the arena. */
static bool parse_string(parser *ps, const char **out, size_t *out_len)
{
    const unsigned char *s = ps->p + 1, *q = s, *end = ps->end;
    bool plain = true;
    for (;;) {
        while (end - q >= 8 && npi_json_plain_ascii8(q)) q += 8;
        while (q < end && !stops_string(*q)) q++;
        if (q == end) return fail_at(ps, end);
        if (*q == '"') break;
        if (*q < 0x20) return fail_at(ps, q);
        if (*q == '\\') {
            if (end - q < 2) return fail_at(ps, end);
            q += 2;
        } else {
            q++;
        }
        plain = false;
    }
    const size_t raw = (size_t)(q - s);
    unsigned char *dst = arena_alloc(ps->t, raw + 1);
    if (!dst) return out_of_memory(ps);
    size_t n = raw;
    if (plain) {
        memcpy(dst, s, raw);
    } else {
        const unsigned char *bad = NULL;
        n = decode(dst, s, q, &bad);
        if (n == SIZE_MAX) return fail_at(ps, bad);
    }
    dst[n] = '\0';
    *out = (const char *)dst;
    *out_len = n;
    ps->p = q + 1;
    return true;
}

/* A real as strtod reads it in the C locale (jansson's jsonp_strtod). */
static bool parse_real(parser *ps, const unsigned char *start, size_t n, double *out)
{
    char small[64];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return out_of_memory(ps);
    memcpy(buf, start, n);
    buf[n] = '\0';
    const char point = *localeconv()->decimal_point;
    if (point != '.') {
        char *dot = strchr(buf, '.');
        if (dot) *dot = point;
    }
    *out = strtod(buf, NULL);
    if (buf != small) free(buf);
    if (isinf(*out)) return fail_at(ps, start + n - 1); /* overflow */
    return true;
}

static bool parse_number(parser *ps, npj_value *out)
{
    const unsigned char *start = ps->p, *q = start, *end = ps->end;
    const bool negative = *q == '-';
    if (negative) q++;
    if (q == end || !is_digit(*q)) return fail_at(ps, q);
    const unsigned char *digits = q;
    if (*q == '0') {
        q++;
        if (q < end && is_digit(*q)) return fail_at(ps, q);
    } else {
        while (q < end && is_digit(*q)) q++;
    }
    const unsigned char *digits_end = q;
    bool real = false;
    if (q < end && *q == '.') {
        real = true;
        q++;
        if (q == end || !is_digit(*q)) return fail_at(ps, q);
        while (q < end && is_digit(*q)) q++;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        real = true;
        q++;
        if (q < end && (*q == '+' || *q == '-')) q++;
        if (q == end || !is_digit(*q)) return fail_at(ps, q);
        while (q < end && is_digit(*q)) q++;
    }
    ps->p = q;
    if (real) {
        out->type = NPJ_REAL;
        return parse_real(ps, start, (size_t)(q - start), &out->as.real);
    }
    const unsigned long long limit = negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
    unsigned long long v = 0;
    for (const unsigned char *d = digits; d < digits_end; d++) {
        const unsigned digit = (unsigned)(*d - '0');
        if (v > (limit - digit) / 10) return fail_at(ps, digits_end - 1); /* too big */
        v = v * 10 + digit;
    }
    out->type = NPJ_INTEGER;
    out->as.integer = negative ? (v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v)
                               : (long long)v;
    return true;
}

static bool literal(parser *ps, const char *word, size_t n, npj_type type, npj_value *out)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return fail_at(ps, ps->p);
    ps->p += n;
    out->type = type;
    return true;
}

static bool parse_value(parser *ps, npj_value *out);

static bool parse_array(parser *ps, npj_value *out)
{
    npj_tree *t = ps->t;
    const size_t base = t->values_len;
    ps->p++;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
    } else {
        for (;;) {
            npj_value item;
            skip_space(ps);
            if (!parse_value(ps, &item)) return false;
            if (!grow((void **)&t->values, &t->values_cap, t->values_len, sizeof item))
                return out_of_memory(ps);
            t->values[t->values_len++] = item;
            skip_space(ps);
            if (ps->p == ps->end) return fail_at(ps, ps->p);
            const unsigned char c = *ps->p++;
            if (c == ']') break;
            if (c != ',') return fail_at(ps, ps->p - 1);
        }
    }
    const size_t n = t->values_len - base;
    npj_value *items = NULL;
    if (n) {
        items = arena_alloc(t, n * sizeof *items);
        if (!items) return out_of_memory(ps);
        memcpy(items, t->values + base, n * sizeof *items);
    }
    t->values_len = base;
    out->type = NPJ_ARRAY;
    out->len = n;
    out->as.items = items;
    return true;
}

static uint64_t key_hash(const char *key, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 1099511628211u;
    return h;
}

static bool same_key(const npj_member *a, const npj_member *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/* True if two of m[0..n) have the same key: pairs for small objects, a
 * hash set for large ones (linear in n). */
static bool duplicate_key(parser *ps, const npj_member *m, size_t n)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(&m[i], &m[j])) return true;
        return false;
    }
    npj_tree *t = ps->t;
    size_t cap = 32;
    while (cap < 2 * n) cap *= 2;
    if (cap > t->slots_cap) {
        if (cap > SIZE_MAX / sizeof *t->slots) return out_of_memory(ps);
        size_t *slots = realloc(t->slots, cap * sizeof *slots);
        if (!slots) return out_of_memory(ps);
        t->slots = slots;
        t->slots_cap = cap;
    }
    memset(t->slots, 0, cap * sizeof *t->slots);
    for (size_t i = 0; i < n; i++) {
        size_t at = (size_t)key_hash(m[i].key, m[i].key_len) & (cap - 1);
        while (t->slots[at]) {
            if (same_key(&m[t->slots[at] - 1], &m[i])) return true;
            at = (at + 1) & (cap - 1);
        }
        t->slots[at] = i + 1;
    }
    return false;
}

static bool parse_object(parser *ps, npj_value *out)
{
    npj_tree *t = ps->t;
    const size_t base = t->members_len;
    const unsigned char *open = ps->p++;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
    } else {
        for (;;) {
            npj_member m;
            skip_space(ps);
            if (ps->p == ps->end || *ps->p != '"') return fail_at(ps, ps->p);
            if (!parse_string(ps, &m.key, &m.key_len)) return false;
            skip_space(ps);
            if (ps->p == ps->end || *ps->p != ':') return fail_at(ps, ps->p);
            ps->p++;
            skip_space(ps);
            if (!parse_value(ps, &m.value)) return false;
            if (!grow((void **)&t->members, &t->members_cap, t->members_len, sizeof m))
                return out_of_memory(ps);
            t->members[t->members_len++] = m;
            skip_space(ps);
            if (ps->p == ps->end) return fail_at(ps, ps->p);
            const unsigned char c = *ps->p++;
            if (c == '}') break;
            if (c != ',') return fail_at(ps, ps->p - 1);
        }
    }
    const size_t n = t->members_len - base;
    if (n > 1 && duplicate_key(ps, t->members + base, n))
        return ps->out_of_memory ? false : fail_at(ps, open);
    if (ps->out_of_memory) return false;
    npj_member *members = NULL;
    if (n) {
        members = arena_alloc(t, n * sizeof *members);
        if (!members) return out_of_memory(ps);
        memcpy(members, t->members + base, n * sizeof *members);
    }
    t->members_len = base;
    out->type = NPJ_OBJECT;
    out->len = n;
    out->as.members = members;
    return true;
}

/* The value at ps->p (no space before it). */
static bool parse_value(parser *ps, npj_value *out)
{
    if (++ps->depth > JSON_PARSER_MAX_DEPTH) return fail_at(ps, ps->p);
    if (ps->p == ps->end) return fail_at(ps, ps->p);
    out->len = 0;
    bool ok;
    switch (*ps->p) {
    case '{': ok = parse_object(ps, out); break;
    case '[': ok = parse_array(ps, out); break;
    case '"':
        out->type = NPJ_STRING;
        ok = parse_string(ps, &out->as.string, &out->len);
        break;
    case 't': ok = literal(ps, "true", 4, NPJ_TRUE, out); break;
    case 'f': ok = literal(ps, "false", 5, NPJ_FALSE, out); break;
    case 'n': ok = literal(ps, "null", 4, NPJ_NULL, out); break;
    default: ok = parse_number(ps, out); break;
    }
    ps->depth--;
    return ok;
}

np_status npj_tree_parse(npj_tree *t, const npj_value **root, const char *text, size_t len,
                         bool any, size_t *error_at, np_error *err)
{
    *root = NULL;
    arena_reset(t);
    t->values_len = 0;
    t->members_len = 0;
    const unsigned char *start = (const unsigned char *)(text ? text : "");
    parser ps = {t, start, start, start + len, 0, false, 0};
    npj_value *value = arena_alloc(t, sizeof *value);
    if (!value) return np_error_set(err, NP_ENOMEM, "out of memory reading posting JSON");
    skip_space(&ps);
    bool ok = ps.p < ps.end && (any || *ps.p == '{' || *ps.p == '[') ? parse_value(&ps, value)
                                                                     : fail_at(&ps, ps.p);
    if (ok) {
        skip_space(&ps);
        if (ps.p != ps.end) ok = fail_at(&ps, ps.p);
    }
    if (ps.out_of_memory) return np_error_set(err, NP_ENOMEM, "out of memory reading posting JSON");
    if (!ok) {
        *error_at = ps.error_at;
        return NP_EPARSE;
    }
    *root = value;
    return NP_OK;
}

np_status npj_tree_syntax_error(np_error *err, const char *text, size_t len, bool any,
                                size_t error_at, int line_base, size_t offset_base)
{
    json_error_t jerr;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES | (any ? JSON_DECODE_ANY : 0), &jerr);
    if (!v) return npj_parse_error(err, &jerr, text, len, line_base, offset_base);
    /* jansson accepts it: a NUL byte right after a number or a literal, which
     * jansson's lexer skips ("2\0", "[true\0]") and JSON does not allow; the
     * only difference tests/c/test_json_tree.c and the fuzz harness allow. */
    json_decref(v);
    int line = line_base;
    size_t line_start = 0;
    for (size_t i = 0; i < error_at && i < len; i++)
        if (text[i] == '\n') line++, line_start = i + 1;
    const int column = (int)(error_at - line_start + 1);
    const bool nul = error_at < len && text[error_at] == '\0';
    return np_error_set_at(err, NP_EPARSE, line, column, offset_base + error_at,
                           "posting JSON: not valid JSON%s at line %d, column %d",
                           nul ? " (a NUL byte)" : "", line, column);
}

const npj_value *npj_object_get(const npj_value *object, const char *key)
{
    if (!npj_is_object(object)) return NULL;
    for (size_t i = 0; i < object->len; i++)
        if (strcmp(object->as.members[i].key, key) == 0) return &object->as.members[i].value;
    return NULL;
}

/* ---- from jansson ---------------------------------------------------------------------- */

static const char *arena_copy(npj_tree *t, const char *s, size_t len)
{
    char *copy = arena_alloc(t, len + 1);
    if (!copy) return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

static bool convert(npj_tree *t, npj_value *out, const json_t *v)
{
    out->len = 0;
    switch (json_typeof(v)) {
    case JSON_NULL: out->type = NPJ_NULL; return true;
    case JSON_TRUE: out->type = NPJ_TRUE; return true;
    case JSON_FALSE: out->type = NPJ_FALSE; return true;
    case JSON_INTEGER:
        out->type = NPJ_INTEGER;
        out->as.integer = json_integer_value(v);
        return true;
    case JSON_REAL:
        out->type = NPJ_REAL;
        out->as.real = json_real_value(v);
        return true;
    case JSON_STRING:
        out->type = NPJ_STRING;
        out->len = json_string_length(v);
        out->as.string = arena_copy(t, json_string_value(v), out->len);
        return out->as.string != NULL;
    case JSON_ARRAY: {
        const size_t n = json_array_size(v);
        npj_value *items = n ? arena_alloc(t, n * sizeof *items) : NULL;
        if (n && !items) return false;
        for (size_t i = 0; i < n; i++)
            if (!convert(t, &items[i], json_array_get(v, i))) return false;
        out->type = NPJ_ARRAY;
        out->len = n;
        out->as.items = items;
        return true;
    }
    case JSON_OBJECT: {
        const size_t n = json_object_size(v);
        npj_member *members = n ? arena_alloc(t, n * sizeof *members) : NULL;
        if (n && !members) return false;
        size_t i = 0;
        const char *key;
        const json_t *value;
        json_object_foreach((json_t *)v, key, value) {
            if (i == n) return false; /* cannot be: jansson counts what it iterates */
            members[i].key_len = strlen(key);
            members[i].key = arena_copy(t, key, members[i].key_len);
            if (!members[i].key || !convert(t, &members[i].value, value)) return false;
            i++;
        }
        out->type = NPJ_OBJECT;
        out->len = i;
        out->as.members = members;
        return true;
    }
    }
    return false;
}

np_status npj_tree_from_jansson(npj_tree *t, const npj_value **root, const json_t *value,
                                np_error *err)
{
    *root = NULL;
    arena_reset(t);
    npj_value *v = arena_alloc(t, sizeof *v);
    if (!v || !convert(t, v, value))
        return np_error_set(err, NP_ENOMEM, "out of memory reading posting JSON");
    *root = v;
    return NP_OK;
}

const char *npj_type_name(const npj_value *value)
{
    if (!value) return "nothing (the key is absent)";
    switch (value->type) {
    case NPJ_OBJECT: return "an object";
    case NPJ_ARRAY: return "an array";
    case NPJ_STRING: return "a string";
    case NPJ_INTEGER: return "an integer";
    case NPJ_REAL: return "a real number";
    case NPJ_TRUE: return "true";
    case NPJ_FALSE: return "false";
    case NPJ_NULL: return "null";
    }
    return "an unknown value";
}
