/* The query language: lexer, recursive-descent parser and type checker.
 * Evaluation lives with the storage (collection.c) so that it can run
 * column-wise; the leaf semantics shared by every evaluator are here. */
#include "natopost/query.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/edit_distance.h"
#include "natopost/date.h"
#include "support/text_quote.h"

/* ---- allocation: everything a query owns is recorded and freed at once ---- */

typedef struct query_impl {
    np_query pub;
    void **allocs;
    size_t count, cap;
} query_impl;

static void *q_alloc(query_impl *q, size_t size)
{
    if (q->count == q->cap) {
        const size_t cap = q->cap ? q->cap * 2 : 16;
        void **grown = realloc(q->allocs, cap * sizeof *grown);
        if (!grown) return NULL;
        q->allocs = grown;
        q->cap = cap;
    }
    void *p = calloc(1, size ? size : 1);
    if (p) q->allocs[q->count++] = p;
    return p;
}

void np_query_free(np_query *query)
{
    if (!query) return;
    query_impl *q = (query_impl *)query;
    for (size_t i = 0; i < q->count; i++) free(q->allocs[i]);
    free(q->allocs);
    free(q);
}

/* ---- lexer ---- */

typedef enum tok_kind { T_END, T_LPAREN, T_RPAREN, T_LBRACKET, T_RBRACKET, T_COMMA, T_OP, T_STRING, T_WORD, T_PARAM } tok_kind;

typedef struct token {
    tok_kind kind;
    size_t start; /* byte offset */
    size_t len;
    char *text;   /* T_STRING: unescaped copy (owned by the query); T_WORD: NULL */
    size_t text_len;
    np_qop op;
    bool contains; /* T_OP '~' */
} token;

typedef struct parser {
    const char *src;
    size_t len;
    size_t pos;
    token tok; /* current token */
    const np_qfield *fields;
    size_t field_count;
    query_impl *q;
    np_error *err;
    np_status status;
    int depth; /* open parentheses and "not"s: bounded so that recursion is */
    const np_query_env *env; /* never NULL */
    size_t params_used;      /* "?"s seen so far */
    bool today_known;        /* `today` below is resolved */
    np_date today;
} parser;

/* Deeper nesting than any real question needs; the bound keeps the
 * recursive parser and evaluators far from the stack's end. */
#define QUERY_MAX_DEPTH 100

static bool is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-' || c == '/' || c == '+' || c == ':' || c >= 0x80;
}

/* Formats "<what> at column N" followed by the query and a caret under the
 * problem; long queries are shown as a window around the column. */
static np_status fail_at(parser *p, np_status code, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static np_status fail_at(parser *p, np_status code, size_t offset, const char *fmt, ...)
{
    if (p->status != NP_OK) return p->status;
    p->status = code;
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    enum { WINDOW = 60 };
    size_t from = offset > WINDOW / 2 ? offset - WINDOW / 2 : 0;
    size_t to = from + WINDOW < p->len ? from + WINDOW : p->len;
    char shown[WINDOW + 8];
    size_t n = 0;
    if (from > 0) { memcpy(shown, "...", 3); n = 3; }
    for (size_t i = from; i < to; i++) {
        const unsigned char c = (unsigned char)p->src[i];
        shown[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    shown[n] = '\0';
    const size_t caret = (from > 0 ? 3 : 0) + (offset - from);
    char pad[WINDOW + 8];
    memset(pad, ' ', caret);
    pad[caret] = '\0';
    np_error_set_at(p->err, code, 1, (int)offset + 1, offset, "%s at column %zu\n  %s\n  %s^", what,
                    offset + 1, shown, pad);
    return code;
}

static void next(parser *p)
{
    const char *s = p->src;
    while (p->pos < p->len && (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\n' || s[p->pos] == '\r'))
        p->pos++;
    token t = {T_END, p->pos, 0, NULL, 0, NP_QOP_EQ, false};
    if (p->pos >= p->len) {
        p->tok = t;
        return;
    }
    const char c = s[p->pos];
    const char c2 = p->pos + 1 < p->len ? s[p->pos + 1] : '\0';
    switch (c) {
    case '(': t.kind = T_LPAREN; t.len = 1; break;
    case ')': t.kind = T_RPAREN; t.len = 1; break;
    case '[': t.kind = T_LBRACKET; t.len = 1; break;
    case ']': t.kind = T_RBRACKET; t.len = 1; break;
    case ',': t.kind = T_COMMA; t.len = 1; break;
    case '?': t.kind = T_PARAM; t.len = 1; break;
    case '~': t.kind = T_OP; t.len = 1; t.contains = true; break;
    case '=': t.kind = T_OP; t.len = c2 == '=' ? 2 : 1; t.op = NP_QOP_EQ; break;
    case '!':
        if (c2 != '=') {
            fail_at(p, NP_EPARSE, p->pos, "'!' must be followed by '=' (use \"not\" to negate)");
            p->tok = t;
            return;
        }
        t.kind = T_OP; t.len = 2; t.op = NP_QOP_NE; break;
    case '<': t.kind = T_OP; t.len = c2 == '=' ? 2 : 1; t.op = c2 == '=' ? NP_QOP_LE : NP_QOP_LT; break;
    case '>': t.kind = T_OP; t.len = c2 == '=' ? 2 : 1; t.op = c2 == '=' ? NP_QOP_GE : NP_QOP_GT; break;
    case '"':
    case '\'': {
        /* Measure first, then allocate the literal's own size: allocating the
         * rest of the query for every literal made many literals quadratic. */
        size_t i = p->pos + 1, n = 0;
        for (; i < p->len && s[i] != c; i++, n++)
            if (s[i] == '\\' && i + 1 < p->len) i++;
        if (i >= p->len) {
            fail_at(p, NP_EPARSE, p->pos, "unterminated string (missing closing %c)", c);
            p->tok = t;
            return;
        }
        char *buf = q_alloc(p->q, n + 1);
        if (!buf) { fail_at(p, NP_ENOMEM, p->pos, "out of memory"); p->tok = t; return; }
        n = 0;
        for (size_t k = p->pos + 1; k < i; k++) {
            if (s[k] == '\\' && k + 1 < p->len) k++;
            buf[n++] = s[k];
        }
        buf[n] = '\0';
        t.kind = T_STRING; t.len = i + 1 - p->pos; t.text = buf; t.text_len = n;
        break;
    }
    default:
        if (!is_word_char((unsigned char)c)) {
            fail_at(p, NP_EPARSE, p->pos, "unexpected character '%c'", c);
            p->tok = t;
            return;
        }
        t.kind = T_WORD;
        while (p->pos + t.len < p->len && is_word_char((unsigned char)s[p->pos + t.len])) t.len++;
    }
    p->pos += t.len;
    p->tok = t;
}

static bool word_is(const parser *p, const char *kw)
{
    if (p->tok.kind != T_WORD || strlen(kw) != p->tok.len) return false;
    for (size_t i = 0; i < p->tok.len; i++) {
        char c = p->src[p->tok.start + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != kw[i]) return false;
    }
    return true;
}

static bool is_keyword(const parser *p)
{
    static const char *const KEYWORDS[] = {"and", "or", "not", "in", "is", "null", "order", "by", "asc", "desc", "count"};
    for (size_t i = 0; i < sizeof KEYWORDS / sizeof KEYWORDS[0]; i++)
        if (word_is(p, KEYWORDS[i])) return true;
    return false;
}

static const char *describe(const parser *p, char *buf, size_t size)
{
    switch (p->tok.kind) {
    case T_END: return "the end of the query";
    case T_STRING: snprintf(buf, size, "string \"%.*s\"", (int)(p->tok.text_len > 30 ? 30 : p->tok.text_len), p->tok.text); return buf;
    default: snprintf(buf, size, "'%.*s'", (int)(p->tok.len > 30 ? 30 : p->tok.len), p->src + p->tok.start); return buf;
    }
}

/* ---- literals ---- */

static np_status default_literal(np_qvalue *out, np_qtype type, const char *text, size_t len, np_error *err)
{
    switch (type) {
    case NP_QTYPE_TEXT:
        out->text = text;
        out->text_len = len;
        return NP_OK;
    case NP_QTYPE_NUMBER: {
        char buf[64];
        if (len == 0 || len >= sizeof buf) return np_error_set(err, NP_EINVAL, "expected a number");
        memcpy(buf, text, len);
        buf[len] = '\0';
        char *end;
        const double v = strtod(buf, &end);
        if (*end || !isfinite(v)) return np_error_set(err, NP_EINVAL, "\"%s\" is not a number", buf);
        out->number = v;
        return NP_OK;
    }
    case NP_QTYPE_DATE: {
        np_date d;
        np_status st = np_date_parse(&d, text, len, err);
        if (st != NP_OK) return st;
        out->ordinal = d;
        return NP_OK;
    }
    case NP_QTYPE_BOOL:
        if (len == 4 && strncmp(text, "true", 4) == 0) out->ordinal = 1;
        else if (len == 5 && strncmp(text, "false", 5) == 0) out->ordinal = 0;
        else return np_error_set(err, NP_EINVAL, "expected true or false");
        return NP_OK;
    default:
        return np_error_set(err, NP_EINVAL, "no literal parser for %s values", np_qtype_name(type));
    }
}

/* `text` read as a literal of field `f` (the field's own parser, else its
 * type's). */
static np_status field_literal(const np_qfield *f, np_qvalue *v, const char *text, size_t len, np_error *err)
{
    np_error_clear(err);
    return f->parse_literal ? f->parse_literal(v, text, len, err) : default_literal(v, f->type, text, len, err);
}

static np_qvalue *parse_param(parser *p, const np_qfield *f);
static bool parse_today(parser *p, np_qvalue *v);

static np_qvalue *parse_literal(parser *p, const np_qfield *f)
{
    if (p->tok.kind == T_PARAM) return parse_param(p, f);
    if (p->tok.kind != T_WORD && p->tok.kind != T_STRING) {
        char b[64];
        fail_at(p, NP_EPARSE, p->tok.start, "expected a value for %s, found %s", f->name, describe(p, b, sizeof b));
        return NULL;
    }
    np_qvalue *v = q_alloc(p->q, sizeof *v);
    if (!v) { fail_at(p, NP_ENOMEM, p->tok.start, "out of memory"); return NULL; }
    const char *text = p->tok.kind == T_STRING ? p->tok.text : p->src + p->tok.start;
    const size_t len = p->tok.kind == T_STRING ? p->tok.text_len : p->tok.len;
    if (f->type == NP_QTYPE_TEXT && p->tok.kind == T_WORD) {
        /* Keep a copy: the value must outlive the query text. */
        char *copy = q_alloc(p->q, len + 1);
        if (!copy) { fail_at(p, NP_ENOMEM, p->tok.start, "out of memory"); return NULL; }
        memcpy(copy, text, len);
        text = copy;
    }
    v->type = f->type;
    if (f->type == NP_QTYPE_DATE && word_is(p, "today")) {
        if (!parse_today(p, v)) return NULL;
        next(p);
        return v;
    }
    np_error lit;
    if (field_literal(f, v, text, len, &lit) != NP_OK) {
        fail_at(p, NP_EINVAL, p->tok.start, "%s is a %s field: %s", f->name, np_qtype_name(f->type), lit.message);
        return NULL;
    }
    v->type = f->type;
    v->is_null = false;
    next(p);
    return v;
}

/* ---- parameters and today ---- */

const char *np_qparam_type_name(np_qparam_type type)
{
    switch (type) {
    case NP_QPARAM_TEXT: return "a string";
    case NP_QPARAM_INTEGER: return "an integer";
    case NP_QPARAM_NUMBER: return "a number";
    case NP_QPARAM_DATE: return "a date";
    case NP_QPARAM_BOOL: return "a boolean";
    }
    return "an unknown kind of value";
}

/* What a value for a field of `type` looks like, for messages. */
static const char *expected_value(np_qtype type)
{
    switch (type) {
    case NP_QTYPE_TEXT: return "a string";
    case NP_QTYPE_NUMBER: return "a number";
    case NP_QTYPE_DATE: return "a date";
    case NP_QTYPE_GRADE: return "a grade such as \"G15\"";
    case NP_QTYPE_LEVEL: return "a language level such as \"III\"";
    case NP_QTYPE_CLEARANCE: return "a clearance such as \"NATO SECRET\"";
    case NP_QTYPE_BOOL: return "true or false";
    }
    return "a value";
}

/* Integers beyond 2^53 have no exact double: refuse rather than round. */
#define EXACT_INTEGER_MAX 9007199254740992LL

/* The parameter of the current "?" as a value of field `f`, or a
 * positioned error. */
static np_qvalue *parse_param(parser *p, const np_qfield *f)
{
    const size_t at = p->tok.start;
    const size_t index = p->params_used++;
    const size_t given = p->env->param_count;
    if (index >= given) {
        fail_at(p, NP_EINVAL, at, "placeholder %zu has no value (%zu parameter%s given)", index + 1, given,
                given == 1 ? "" : "s");
        return NULL;
    }
    const np_qparam *param = &p->env->params[index];
    np_qvalue *v = q_alloc(p->q, sizeof *v);
    if (!v) { fail_at(p, NP_ENOMEM, at, "out of memory"); return NULL; }
    v->type = f->type;
    bool fits = false;
    switch (param->type) {
    case NP_QPARAM_TEXT: {
        const size_t len = param->text ? param->text_len : 0;
        char *copy = q_alloc(p->q, len + 1);
        if (!copy) { fail_at(p, NP_ENOMEM, at, "out of memory"); return NULL; }
        if (len) memcpy(copy, param->text, len);
        /* The value is shown quoted and escaped: it may hold anything. */
        char shown[NP_QUOTE_MAX];
        npi_quote(shown, sizeof shown, copy, len);
        if (memchr(copy, '\0', len)) {
            fail_at(p, NP_EINVAL, at, "parameter %zu (%s) contains a NUL byte", index + 1, shown);
            return NULL;
        }
        np_error lit;
        if (field_literal(f, v, copy, len, &lit) != NP_OK) {
            fail_at(p, NP_EINVAL, at, "parameter %zu (%s): %s is a %s field: %s", index + 1, shown, f->name,
                    np_qtype_name(f->type), lit.message);
            return NULL;
        }
        fits = true;
        break;
    }
    case NP_QPARAM_INTEGER:
        if (f->type != NP_QTYPE_NUMBER) break;
        if (param->integer > EXACT_INTEGER_MAX || param->integer < -EXACT_INTEGER_MAX) {
            fail_at(p, NP_EINVAL, at, "parameter %zu (%lld) is too large to compare exactly", index + 1,
                    (long long)param->integer);
            return NULL;
        }
        v->number = (double)param->integer;
        fits = true;
        break;
    case NP_QPARAM_NUMBER:
        if (f->type != NP_QTYPE_NUMBER) break;
        if (!isfinite(param->number)) {
            fail_at(p, NP_EINVAL, at, "parameter %zu is not a finite number", index + 1);
            return NULL;
        }
        v->number = param->number;
        fits = true;
        break;
    case NP_QPARAM_DATE:
        if (f->type != NP_QTYPE_DATE) break;
        if (!np_date_in_range(param->date)) {
            fail_at(p, NP_EINVAL, at, "parameter %zu is a date outside 0001-01-01..9999-12-31", index + 1);
            return NULL;
        }
        v->ordinal = param->date;
        fits = true;
        break;
    case NP_QPARAM_BOOL:
        if (f->type != NP_QTYPE_BOOL) break;
        v->ordinal = param->boolean ? 1 : 0;
        fits = true;
        break;
    }
    if (!fits) {
        fail_at(p, NP_EINVAL, at, "parameter %zu is %s, but %s is a %s field: give %s", index + 1,
                np_qparam_type_name(param->type), f->name, np_qtype_name(f->type), expected_value(f->type));
        return NULL;
    }
    v->is_null = false;
    next(p);
    return v;
}

/* `today` as a date value: the environment's fixed date, else the local
 * date, read once per query so that every `today` of it agrees. */
static bool parse_today(parser *p, np_qvalue *v)
{
    if (!p->today_known) {
        if (p->env->today_fixed) {
            if (!np_date_in_range(p->env->today)) {
                fail_at(p, NP_EINVAL, p->tok.start, "the date fixed for today is outside 0001-01-01..9999-12-31");
                return false;
            }
            p->today = p->env->today;
        } else {
            np_error e;
            if (np_date_today(&p->today, &e) != NP_OK) {
                fail_at(p, e.code, p->tok.start, "%s", e.message);
                return false;
            }
        }
        p->today_known = true;
    }
    v->ordinal = p->today;
    v->is_null = false;
    return true;
}

/* ---- parser ---- */

static np_qnode *parse_or(parser *p);

static np_qnode *new_node(parser *p, np_qnode_kind kind, size_t offset)
{
    np_qnode *n = q_alloc(p->q, sizeof *n);
    if (!n) { fail_at(p, NP_ENOMEM, offset, "out of memory"); return NULL; }
    n->kind = kind;
    n->column = (int)offset + 1;
    return n;
}

/* The field whose name is a small typo away from `name`, or NULL. */
static const np_qfield *closest_field(const parser *p, const char *name, size_t len)
{
    const np_qfield *best = NULL;
    size_t best_d = len / 3 > 1 ? len / 3 : 1; /* at most a third of the word */
    bool tie = false;
    for (size_t i = 0; i < p->field_count; i++) {
        const size_t d = npi_edit_distance(name, len, p->fields[i].name, strlen(p->fields[i].name), false);
        if (d < best_d || (d == best_d && !best)) {
            best = &p->fields[i];
            best_d = d;
            tie = false;
        } else if (d == best_d) {
            tie = true;
        }
    }
    return tie ? NULL : best;
}

/* Lists the table's fields named "<name>(...)" into `known`. */
static size_t list_with_argument(const parser *p, const char *name, size_t name_len, char *known, size_t size)
{
    size_t n = 0, found = 0;
    known[0] = '\0';
    for (size_t i = 0; i < p->field_count; i++) {
        const char *f = p->fields[i].name;
        if (strlen(f) <= name_len || memcmp(f, name, name_len) != 0 || f[name_len] != '(') continue;
        found++;
        if (n + 24 >= size) continue;
        n += (size_t)snprintf(known + n, size - n, "%s%s", n ? ", " : "", f);
    }
    if (n + 24 >= size && n < size) snprintf(known + n, size - n, ", ...");
    return found;
}

/* A field that takes an argument, written name(arg) with the parenthesis
 * right after the name (e.g. eligible(alice)): the table holds one entry per
 * argument, named exactly "name(arg)". The current token is the name. */
static const np_qfield *parse_field_call(parser *p)
{
    char b[64], known[160];
    const size_t at = p->tok.start, name_len = p->tok.len;
    const char *name = p->src + at;
    next(p); /* '(' */
    next(p);
    if (p->tok.kind != T_WORD && p->tok.kind != T_STRING) {
        fail_at(p, NP_EPARSE, p->tok.start, "expected an argument for %.*s(...), found %s", (int)(name_len > 40 ? 40 : name_len),
                name, describe(p, b, sizeof b));
        return NULL;
    }
    const size_t arg_at = p->tok.start;
    const char *arg = p->tok.kind == T_STRING ? p->tok.text : p->src + p->tok.start;
    const size_t arg_len = p->tok.kind == T_STRING ? p->tok.text_len : p->tok.len;
    next(p);
    if (p->tok.kind != T_RPAREN) {
        fail_at(p, NP_EPARSE, p->tok.start, "expected ')' after the argument of %.*s(...), found %s",
                (int)(name_len > 40 ? 40 : name_len), name, describe(p, b, sizeof b));
        return NULL;
    }
    next(p);
    for (size_t i = 0; i < p->field_count; i++) {
        const char *f = p->fields[i].name;
        if (strlen(f) == name_len + arg_len + 2 && memcmp(f, name, name_len) == 0 && f[name_len] == '(' &&
            memcmp(f + name_len + 1, arg, arg_len) == 0 && f[name_len + 1 + arg_len] == ')')
            return &p->fields[i];
    }
    if (list_with_argument(p, name, name_len, known, sizeof known) == 0)
        fail_at(p, NP_EINVAL, at, "unknown field '%.*s(...)': no field takes an argument here",
                (int)(name_len > 40 ? 40 : name_len), name);
    else
        fail_at(p, NP_EINVAL, arg_at, "unknown argument '%.*s' of %.*s(...) (known: %s)", (int)(arg_len > 40 ? 40 : arg_len),
                arg, (int)(name_len > 40 ? 40 : name_len), name, known);
    return NULL;
}

static const np_qfield *parse_field(parser *p)
{
    char b[64];
    if (p->tok.kind != T_WORD || is_keyword(p)) {
        fail_at(p, NP_EPARSE, p->tok.start, "expected a field name, found %s", describe(p, b, sizeof b));
        return NULL;
    }
    if (p->pos < p->len && p->src[p->pos] == '(') return parse_field_call(p);
    for (size_t i = 0; i < p->field_count; i++) {
        if (strlen(p->fields[i].name) == p->tok.len &&
            strncmp(p->fields[i].name, p->src + p->tok.start, p->tok.len) == 0) {
            next(p);
            return &p->fields[i];
        }
    }
    const np_qfield *near = closest_field(p, p->src + p->tok.start, p->tok.len);
    if (near) {
        fail_at(p, NP_EINVAL, p->tok.start, "unknown field '%.*s' (did you mean '%s'?)",
                (int)(p->tok.len > 40 ? 40 : p->tok.len), p->src + p->tok.start, near->name);
        return NULL;
    }
    char known[160];
    size_t n = 0;
    for (size_t i = 0; i < p->field_count && n + 24 < sizeof known; i++)
        n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "", p->fields[i].name);
    if (n + 24 >= sizeof known) snprintf(known + n, sizeof known - n, ", ...");
    fail_at(p, NP_EINVAL, p->tok.start, "unknown field '%.*s' (known: %s)", (int)(p->tok.len > 40 ? 40 : p->tok.len),
            p->src + p->tok.start, known);
    return NULL;
}

static np_qnode *parse_predicate(parser *p)
{
    const size_t at = p->tok.start;
    const np_qfield *f = parse_field(p);
    if (!f) return NULL;
    char b[64];
    if (p->tok.kind == T_OP && p->tok.contains) {
        if (f->type != NP_QTYPE_TEXT)
            return fail_at(p, NP_EINVAL, p->tok.start, "'~' (contains) needs a text field; %s is a %s field", f->name, np_qtype_name(f->type)), NULL;
        next(p);
        np_qnode *n = new_node(p, NP_QNODE_CONTAINS, at);
        if (!n) return NULL;
        n->field = f;
        if (!(n->values = parse_literal(p, f))) return NULL;
        n->value_count = 1;
        return n;
    }
    if (p->tok.kind == T_OP) {
        const np_qop op = p->tok.op;
        if (f->type == NP_QTYPE_BOOL && op != NP_QOP_EQ && op != NP_QOP_NE)
            return fail_at(p, NP_EINVAL, p->tok.start, "%s is a boolean field: only = and != apply", f->name), NULL;
        next(p);
        np_qnode *n = new_node(p, NP_QNODE_COMPARE, at);
        if (!n) return NULL;
        n->field = f;
        n->op = op;
        if (!(n->values = parse_literal(p, f))) return NULL;
        n->value_count = 1;
        return n;
    }
    if (word_is(p, "in")) {
        next(p);
        if (p->tok.kind != T_LBRACKET)
            return fail_at(p, NP_EPARSE, p->tok.start, "expected '[' after in, found %s", describe(p, b, sizeof b)), NULL;
        next(p);
        np_qnode *n = new_node(p, NP_QNODE_IN, at);
        if (!n) return NULL;
        n->field = f;
        size_t cap = 0;
        for (;;) {
            np_qvalue *v = parse_literal(p, f);
            if (!v) return NULL;
            if (n->value_count == cap) {
                cap = cap ? cap * 2 : 4;
                np_qvalue *grown = q_alloc(p->q, cap * sizeof *grown);
                if (!grown) return fail_at(p, NP_ENOMEM, at, "out of memory"), NULL;
                if (n->value_count) memcpy(grown, n->values, n->value_count * sizeof *grown);
                n->values = grown;
            }
            n->values[n->value_count++] = *v;
            if (p->tok.kind == T_COMMA) { next(p); continue; }
            if (p->tok.kind == T_RBRACKET) { next(p); break; }
            return fail_at(p, NP_EPARSE, p->tok.start, "expected ',' or ']' in the list, found %s", describe(p, b, sizeof b)), NULL;
        }
        return n;
    }
    if (word_is(p, "is")) {
        next(p);
        bool negate = false;
        if (word_is(p, "not")) { negate = true; next(p); }
        if (!word_is(p, "null"))
            return fail_at(p, NP_EPARSE, p->tok.start, "expected null after is%s, found %s", negate ? " not" : "", describe(p, b, sizeof b)), NULL;
        next(p);
        np_qnode *n = new_node(p, NP_QNODE_IS_NULL, at);
        if (!n) return NULL;
        n->field = f;
        if (!negate) return n;
        np_qnode *neg = new_node(p, NP_QNODE_NOT, at);
        if (neg) neg->left = n;
        return neg;
    }
    if (f->type != NP_QTYPE_BOOL)
        return fail_at(p, NP_EINVAL, at, "%s is a %s field, not a condition: compare it (e.g. %s = ...) or use 'is null'", f->name, np_qtype_name(f->type), f->name), NULL;
    np_qnode *n = new_node(p, NP_QNODE_TRUE_FIELD, at);
    if (n) n->field = f;
    return n;
}

static np_qnode *parse_primary(parser *p)
{
    char b[64];
    if (p->tok.kind == T_LPAREN) {
        const size_t open = p->tok.start;
        if (++p->depth > QUERY_MAX_DEPTH)
            return fail_at(p, NP_EPARSE, open, "nesting deeper than %d levels", QUERY_MAX_DEPTH),
                   NULL;
        next(p);
        np_qnode *inner = parse_or(p);
        p->depth--;
        if (!inner) return NULL;
        if (p->tok.kind != T_RPAREN)
            return fail_at(p, NP_EPARSE, p->tok.kind == T_END ? open : p->tok.start,
                           p->tok.kind == T_END ? "unbalanced '(': no matching ')'" : "expected ')', found %s",
                           describe(p, b, sizeof b)), NULL;
        next(p);
        return inner;
    }
    if (p->tok.kind == T_RPAREN) return fail_at(p, NP_EPARSE, p->tok.start, "unbalanced ')'"), NULL;
    return parse_predicate(p);
}

static np_qnode *parse_not(parser *p)
{
    if (word_is(p, "not")) {
        const size_t at = p->tok.start;
        if (++p->depth > QUERY_MAX_DEPTH)
            return fail_at(p, NP_EPARSE, at, "nesting deeper than %d levels", QUERY_MAX_DEPTH),
                   NULL;
        next(p);
        np_qnode *inner = parse_not(p);
        p->depth--;
        if (!inner) return NULL;
        np_qnode *n = new_node(p, NP_QNODE_NOT, at);
        if (n) n->left = inner;
        return n;
    }
    return parse_primary(p);
}

static np_qnode *parse_binary(parser *p, const char *kw, np_qnode_kind kind, np_qnode *(*operand)(parser *))
{
    np_qnode *left = operand(p);
    while (left && word_is(p, kw)) {
        const size_t at = p->tok.start;
        next(p);
        np_qnode *right = operand(p);
        if (!right) return NULL;
        np_qnode *n = new_node(p, kind, at);
        if (!n) return NULL;
        n->left = left;
        n->right = right;
        left = n;
    }
    return left;
}

static np_qnode *parse_and(parser *p) { return parse_binary(p, "and", NP_QNODE_AND, parse_not); }
static np_qnode *parse_or(parser *p) { return parse_binary(p, "or", NP_QNODE_OR, parse_and); }

np_status np_query_compile(np_query **out, const char *text, size_t len, const np_qfield *fields,
                           size_t field_count, np_error *err)
{
    return np_query_compile_env(out, text, len, fields, field_count, NULL, err);
}

np_status np_query_compile_env(np_query **out, const char *text, size_t len, const np_qfield *fields,
                               size_t field_count, const np_query_env *env, np_error *err)
{
    static const np_query_env NO_ENV = NP_QUERY_ENV_INIT;
    *out = NULL;
    query_impl *q = calloc(1, sizeof *q);
    if (!q) return np_error_set(err, NP_ENOMEM, "out of memory compiling a query");
    parser p = {text, len, 0, {T_END, 0, 0, NULL, 0, NP_QOP_EQ, false}, fields, field_count, q, err, NP_OK, 0,
                env ? env : &NO_ENV, 0, false, 0};
    char b[64];
    /* Control characters (a NUL from a C string gone wrong, binary noise)
     * are never part of a question: say where, rather than compare them. */
    for (size_t i = 0; i < len && p.status == NP_OK; i++) {
        const unsigned char ch = (unsigned char)text[i];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f)
            fail_at(&p, NP_EPARSE, i, "control character 0x%02X in the query", ch);
    }
    if (p.status == NP_OK) next(&p);
    if (p.status == NP_OK && p.tok.kind != T_END && !word_is(&p, "order") && !word_is(&p, "count"))
        q->pub.where = parse_or(&p);
    if (p.status == NP_OK && word_is(&p, "order")) {
        next(&p);
        if (!word_is(&p, "by")) fail_at(&p, NP_EPARSE, p.tok.start, "expected by after order, found %s", describe(&p, b, sizeof b));
        else next(&p);
        size_t cap = 0, count = 0;
        np_qsort_key *keys = NULL;
        while (p.status == NP_OK) {
            const np_qfield *f = parse_field(&p);
            if (!f) break;
            if (count == cap) {
                cap = cap ? cap * 2 : 4;
                np_qsort_key *grown = q_alloc(q, cap * sizeof *grown);
                if (!grown) { fail_at(&p, NP_ENOMEM, p.tok.start, "out of memory"); break; }
                if (keys) memcpy(grown, keys, count * sizeof *grown);
                keys = grown;
            }
            np_qsort_key *k = &keys[count++];
            k->field = f;
            if (word_is(&p, "desc")) { k->descending = true; next(&p); }
            else if (word_is(&p, "asc")) next(&p);
            if (p.tok.kind != T_COMMA) break;
            next(&p);
        }
        q->pub.order_by = keys;
        q->pub.order_by_count = count;
    }
    if (p.status == NP_OK && word_is(&p, "count")) {
        next(&p);
        if (!word_is(&p, "by")) fail_at(&p, NP_EPARSE, p.tok.start, "expected by after count, found %s", describe(&p, b, sizeof b));
        else {
            next(&p);
            q->pub.count_by = parse_field(&p);
        }
    }
    if (p.status == NP_OK && p.tok.kind != T_END) {
        if (p.tok.kind == T_RPAREN) fail_at(&p, NP_EPARSE, p.tok.start, "unbalanced ')'");
        else fail_at(&p, NP_EPARSE, p.tok.start, "expected and, or, order by, count by or the end of the query, found %s", describe(&p, b, sizeof b));
    }
    if (p.status == NP_OK && p.params_used < p.env->param_count) {
        const size_t given = p.env->param_count;
        fail_at(&p, NP_EINVAL, len, "%zu parameter%s given, but the query has %zu placeholder%s ('?')", given,
                given == 1 ? "" : "s", p.params_used, p.params_used == 1 ? "" : "s");
    }
    if (p.status != NP_OK) {
        np_query_free(&q->pub);
        return p.status;
    }
    *out = &q->pub;
    return NP_OK;
}

/* ---- shared semantics ---- */

const char *np_qtype_name(np_qtype type)
{
    switch (type) {
    case NP_QTYPE_TEXT: return "text";
    case NP_QTYPE_NUMBER: return "number";
    case NP_QTYPE_DATE: return "date";
    case NP_QTYPE_GRADE: return "grade";
    case NP_QTYPE_LEVEL: return "language level";
    case NP_QTYPE_CLEARANCE: return "clearance";
    case NP_QTYPE_BOOL: return "boolean";
    }
    return "unknown";
}

int np_qvalue_compare(const np_qvalue *a, const np_qvalue *b)
{
    switch (a->type) {
    case NP_QTYPE_TEXT: {
        const size_t n = a->text_len < b->text_len ? a->text_len : b->text_len;
        const int c = memcmp(a->text, b->text, n);
        if (c) return c;
        return (a->text_len > b->text_len) - (a->text_len < b->text_len);
    }
    case NP_QTYPE_NUMBER: return (a->number > b->number) - (a->number < b->number);
    default: return (a->ordinal > b->ordinal) - (a->ordinal < b->ordinal);
    }
}

static char fold(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

bool np_text_contains_ci(const char *hay, size_t hay_len, const char *needle, size_t needle_len)
{
    if (needle_len == 0) return true;
    if (needle_len > hay_len) return false;
    const char first = fold(needle[0]);
    for (size_t i = 0; i + needle_len <= hay_len; i++) {
        if (fold(hay[i]) != first) continue;
        size_t k = 1;
        while (k < needle_len && fold(hay[i + k]) == fold(needle[k])) k++;
        if (k == needle_len) return true;
    }
    return false;
}

bool np_qnode_test_value(const np_qnode *leaf, const np_qvalue *value)
{
    if (leaf->kind == NP_QNODE_IS_NULL) return value->is_null;
    if (value->is_null) return false;
    switch (leaf->kind) {
    case NP_QNODE_TRUE_FIELD: return value->ordinal != 0;
    case NP_QNODE_CONTAINS: return np_text_contains_ci(value->text, value->text_len, leaf->values[0].text, leaf->values[0].text_len);
    case NP_QNODE_IN:
        for (size_t i = 0; i < leaf->value_count; i++)
            if (np_qvalue_compare(value, &leaf->values[i]) == 0) return true;
        return false;
    case NP_QNODE_COMPARE: {
        const int c = np_qvalue_compare(value, &leaf->values[0]);
        switch (leaf->op) {
        case NP_QOP_EQ: return c == 0;
        case NP_QOP_NE: return c != 0;
        case NP_QOP_LT: return c < 0;
        case NP_QOP_LE: return c <= 0;
        case NP_QOP_GT: return c > 0;
        case NP_QOP_GE: return c >= 0;
        }
        return false;
    }
    default: return false;
    }
}

static bool match_node(const np_qnode *n, const void *record, np_qfield_getter get)
{
    switch (n->kind) {
    case NP_QNODE_AND:
    case NP_QNODE_OR: {
        /* "a and b and c ..." is a left-deep chain as long as the query:
         * walk its spine rather than recursing down it. */
        const bool is_and = n->kind == NP_QNODE_AND;
        const np_qnode *m = n;
        for (; m->kind == n->kind; m = m->left)
            if (match_node(m->right, record, get) != is_and) return !is_and;
        return match_node(m, record, get);
    }
    case NP_QNODE_NOT: return !match_node(n->left, record, get);
    default: {
        np_qvalue v = {n->field->type, true, 0, 0, NULL, 0};
        get(record, n->field, &v);
        return np_qnode_test_value(n, &v);
    }
    }
}

bool np_query_match(const np_query *query, const void *record, np_qfield_getter get)
{
    return !query->where || match_node(query->where, record, get);
}

int np_query_compare_records(const np_query *query, const void *a, const void *b,
                             np_qfield_getter get)
{
    for (size_t i = 0; i < query->order_by_count; i++) {
        const np_qsort_key *k = &query->order_by[i];
        np_qvalue va = {k->field->type, true, 0, 0, NULL, 0};
        np_qvalue vb = va;
        get(a, k->field, &va);
        get(b, k->field, &vb);
        if (va.is_null || vb.is_null) {
            if (va.is_null != vb.is_null) return va.is_null ? 1 : -1;
            continue;
        }
        const int c = np_qvalue_compare(&va, &vb);
        if (c) return k->descending ? -c : c;
    }
    return 0;
}
