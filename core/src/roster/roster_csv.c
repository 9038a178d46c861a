/* CSV rosters (RFC 4180): a header line naming the columns, then one
 * appointment per record. Fields may be double-quoted (a quote inside is
 * doubled) and may then hold commas and line breaks; CRLF and LF both end a
 * record; a UTF-8 byte order mark (spreadsheet exports) is skipped. */
#include <stdlib.h>
#include <string.h>

#include "support/file_io.h"
#include "natopost/roster.h"
#include "support/plural.h"
#include "roster_internal.h"
#include "support/strbuf.h"
#include "support/text_quote.h"

/* One record's fields: NUL-separated texts in `text`, `count` of them. */
typedef struct record {
    npi_strbuf text;
    size_t *starts;
    size_t count, cap;
    int line; /* where the record starts */
} record;

typedef struct cursor {
    const char *p, *end;
    int line;
    const char *source;
} cursor;

static bool add_field(record *r)
{
    if (r->count == r->cap) {
        const size_t cap = r->cap ? r->cap * 2 : 16;
        size_t *s = realloc(r->starts, cap * sizeof *s);
        if (!s) return false;
        r->starts = s;
        r->cap = cap;
    }
    r->starts[r->count++] = r->text.len;
    return true;
}

static const char *field(const record *r, size_t i) { return r->text.data + r->starts[i]; }

/* Reads the next record; false at the end of the input (blank lines are
 * skipped). NP_EPARSE for an unterminated quote or text after a closing one. */
static np_status next_record(cursor *c, record *r, bool *got, np_error *err)
{
    *got = false;
    while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
        if (*c->p == '\n') c->line++;
        c->p++;
    }
    if (c->p >= c->end) return NP_OK;
    r->text.len = 0;
    r->count = 0;
    r->line = c->line;
    for (;;) {
        if (!add_field(r)) return np_error_set(err, NP_ENOMEM, "out of memory reading CSV");
        if (c->p < c->end && *c->p == '"') {
            const int quote_line = c->line;
            c->p++;
            for (;;) {
                if (c->p >= c->end)
                    return np_error_set_at(err, NP_EPARSE, quote_line, 0, 0,
                                           "%s:%d: a quoted field is never closed", c->source,
                                           quote_line);
                if (*c->p == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        npi_strbuf_append(&r->text, "\"", 1);
                        c->p += 2;
                        continue;
                    }
                    c->p++;
                    break;
                }
                if (*c->p == '\n') c->line++;
                npi_strbuf_append(&r->text, c->p++, 1);
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
                return np_error_set_at(err, NP_EPARSE, c->line, 0, 0,
                                       "%s:%d: text after a closing quote (a quote inside a "
                                       "quoted field is written twice)",
                                       c->source, c->line);
        } else {
            const char *s = c->p;
            while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') c->p++;
            npi_strbuf_append(&r->text, s, (size_t)(c->p - s));
        }
        npi_strbuf_append(&r->text, "", 1);
        if (r->text.failed) return np_error_set(err, NP_ENOMEM, "out of memory reading CSV");
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r') c->p++;
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->line++;
        }
        break;
    }
    *got = true;
    return NP_OK;
}

/* Where each parameter's column is (-1: absent). */
enum { COL_ID, COL_START, COL_KIND, COL_INITIAL, COL_RENEWAL, COL_MAX, COL_TWIN, COL_REDUCTION,
       COL_DIRECT, COL_COUNT };
static const char *const COLUMN_NAMES[COL_COUNT] = {
    "id", "start", "kind", "initial_months", "renewal_months", "max_months", "twin_grade",
    "reduction_months", "direct_higher"};

typedef struct layout {
    long where[COL_COUNT];
    size_t *group_fields; /* header index of each group column */
    const char **group_names;
    size_t group_count;
    size_t width;
} layout;

static np_status read_header(layout *l, const record *h, const char *source, np_error *err)
{
    for (int k = 0; k < COL_COUNT; k++) l->where[k] = -1;
    l->width = h->count;
    l->group_fields = malloc(h->count * sizeof *l->group_fields);
    l->group_names = malloc(h->count * sizeof *l->group_names);
    if (!l->group_fields || !l->group_names)
        return np_error_set(err, NP_ENOMEM, "out of memory reading CSV");
    for (size_t i = 0; i < h->count; i++) {
        const char *name = field(h, i);
        char shown[NP_QUOTE_MAX];
        npi_quote(shown, sizeof shown, name, strlen(name));
        if (!*name)
            return np_error_set_at(err, NP_EPARSE, h->line, 0, 0,
                                   "%s:%d: column %zu of the header has no name", source,
                                   h->line, i + 1);
        for (size_t j = 0; j < i; j++)
            if (strcmp(field(h, j), name) == 0)
                return np_error_set_at(err, NP_EPARSE, h->line, 0, 0,
                                       "%s:%d: column %s appears twice in the header", source,
                                       h->line, shown);
        bool known = false;
        for (int k = 0; k < COL_COUNT; k++)
            if (strcmp(name, COLUMN_NAMES[k]) == 0) {
                l->where[k] = (long)i;
                known = true;
            }
        if (!known) {
            l->group_fields[l->group_count] = i;
            l->group_names[l->group_count++] = name;
        }
    }
    if (l->where[COL_START] < 0)
        return np_error_set_at(err, NP_EPARSE, h->line, 0, 0,
                               "%s:%d: the header has no start column (the entry-on-duty date)",
                               source, h->line);
    return NP_OK;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != *b) return false;
    return !*a && !*b;
}

static np_status parse_bool(bool *out, const char *text, np_error *err)
{
    static const char *const yes[] = {"true", "1", "yes"}, *const no[] = {"false", "0", "no"};
    for (int i = 0; i < 3; i++) {
        if (same_word(text, yes[i])) return *out = true, NP_OK;
        if (same_word(text, no[i])) return *out = false, NP_OK;
    }
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, text, strlen(text));
    return np_error_set(err, NP_EINVAL, "%s is not a boolean (true/false, 1/0, yes/no)", shown);
}

static np_status parse_int(int *out, const char *text, np_error *err)
{
    const char *p = text;
    const bool negative = *p == '-';
    if (*p == '-' || *p == '+') p++;
    long long v = 0;
    bool digits = false;
    for (; *p >= '0' && *p <= '9' && v <= 100000000; p++, digits = true) v = v * 10 + (*p - '0');
    if (!digits || *p || v > 100000000) {
        char shown[NP_QUOTE_MAX];
        npi_quote(shown, sizeof shown, text, strlen(text));
        return np_error_set(err, NP_EINVAL, "%s is not a whole number of months", shown);
    }
    *out = (int)(negative ? -v : v);
    return NP_OK;
}

/* Reads the record's cells into an appointment; the error names the column. */
static np_status read_cells(np_appointment *a, const char **id, const layout *l, const record *r,
                            np_error *err)
{
    *a = (np_appointment)NP_APPOINTMENT_INIT;
    *id = l->where[COL_ID] >= 0 && *field(r, (size_t)l->where[COL_ID]) ? field(r, (size_t)l->where[COL_ID])
                                                                       : NULL;
    np_status st = NP_OK;
    for (int k = COL_START; k < COL_COUNT && st == NP_OK; k++) {
        if (l->where[k] < 0) continue;
        const char *cell = field(r, (size_t)l->where[k]);
        if (!*cell) {
            if (k == COL_START) st = np_error_set(err, NP_EINVAL, "empty: the start date is required");
            continue; /* an empty cell takes the default */
        }
        bool flag = false;
        switch (k) {
        case COL_START: st = np_date_parse(&a->start, cell, strlen(cell), err); break;
        case COL_KIND: st = np_kind_parse(&a->kind, cell, err); break;
        case COL_INITIAL: st = parse_int(&a->initial_months, cell, err); break;
        case COL_RENEWAL: st = parse_int(&a->renewal_months, cell, err); break;
        case COL_MAX: st = parse_int(&a->max_months, cell, err); break;
        case COL_REDUCTION: st = parse_int(&a->reduction_months, cell, err); break;
        case COL_TWIN:
            st = parse_bool(&flag, cell, err);
            a->twin_grade = flag;
            break;
        case COL_DIRECT:
            st = parse_bool(&flag, cell, err);
            a->direct_higher = flag;
            break;
        default: break;
        }
        if (st != NP_OK) np_error_prefix(err, "column %s", COLUMN_NAMES[k]);
    }
    return st;
}

static np_status read_rows(np_roster *roster, cursor *c, record *r, const layout *l, np_error *err)
{
    const char **values = l->group_count ? malloc(l->group_count * sizeof *values) : NULL;
    if (l->group_count && !values) return np_error_set(err, NP_ENOMEM, "out of memory reading CSV");
    np_status st = NP_OK;
    for (;;) {
        bool got;
        st = next_record(c, r, &got, err);
        if (st != NP_OK || !got) break;
        if (r->count != l->width) {
            st = np_error_set_at(err, NP_EPARSE, r->line, 0, 0,
                                 "%s:%d: %zu %s, but the header names %zu %s", c->source, r->line,
                                 r->count, npi_plural((long long)r->count, "field", "fields"), l->width,
                                 npi_plural((long long)l->width, "column", "columns"));
            break;
        }
        np_appointment a;
        const char *id;
        st = read_cells(&a, &id, l, r, err);
        for (size_t g = 0; st == NP_OK && g < l->group_count; g++) values[g] = field(r, l->group_fields[g]);
        if (st == NP_OK) st = np_roster_append(roster, id, &a, values, err);
        if (st != NP_OK) {
            np_error_prefix(err, "%s:%d", c->source, r->line);
            if (err) err->line = r->line;
            break;
        }
    }
    free((void *)values);
    return st;
}

np_status np_roster_read_csv(np_roster **out, const char *text, size_t len, const char *source,
                             const np_policy *policy, np_error *err)
{
    *out = NULL;
    if (!source) source = "roster";
    cursor c = {text, text + len, 1, source};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) c.p += 3;
    if (len && memchr(text, '\0', len))
        return np_error_set(err, NP_EPARSE, "%s: the text holds a NUL byte (not a CSV file)", source);
    record header = {NP_STRBUF_INIT, NULL, 0, 0, 0}, row = {NP_STRBUF_INIT, NULL, 0, 0, 0};
    layout l = {{0}, NULL, NULL, 0, 0};
    np_roster *roster = NULL;
    bool got;
    np_status st = next_record(&c, &header, &got, err);
    if (st == NP_OK && !got)
        st = np_error_set(err, NP_EPARSE, "%s: empty: expected a header line naming the columns", source);
    if (st == NP_OK) st = read_header(&l, &header, source, err);
    if (st == NP_OK) st = np_roster_new(&roster, policy, l.group_names, l.group_count, err);
    if (st == NP_OK) st = read_rows(roster, &c, &row, &l, err);
    npi_strbuf_reset(&header.text);
    npi_strbuf_reset(&row.text);
    free(header.starts);
    free(row.starts);
    free(l.group_fields);
    free((void *)l.group_names);
    if (st != NP_OK) {
        np_roster_free(roster);
        return st;
    }
    *out = roster;
    return NP_OK;
}

np_status np_roster_load_csv(np_roster **out, const char *path, const np_policy *policy,
                             np_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    np_status st = npi_file_read_all(path, &text, &len, err);
    if (st != NP_OK) return st;
    st = np_roster_read_csv(out, text, len, path, policy, err);
    free(text);
    return st;
}
