/* Owned rosters: ids, appointment columns and text group columns (each a
 * dictionary: codes per row, distinct values once). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/roster.h"
#include "roster_internal.h"
#include "formats/posting_json_internal.h"
#include "roster_rows.h"
#include "support/text_quote.h"

static const char *const RESERVED[] = {"id", "start", "kind", "initial_months", "renewal_months",
                                       "max_months", "twin_grade", "reduction_months",
                                       "direct_higher"};

bool npi_roster_is_parameter_column(const char *name)
{
    for (size_t i = 0; i < sizeof RESERVED / sizeof RESERVED[0]; i++)
        if (strcmp(name, RESERVED[i]) == 0) return true;
    return false;
}

typedef struct group_values_t {
    char *name;
    int32_t *codes;   /* per row */
    char **values;    /* per code */
    size_t value_count, value_cap;
    int32_t *slots;   /* open addressing over `values`: code + 1, 0 = empty */
    size_t slot_count;
} group_values_t;

struct np_roster {
    np_policy policy;
    size_t count, cap;
    char **ids;
    int64_t *start;
    int32_t *kind, *initial_months, *renewal_months, *max_months, *reduction_months;
    uint8_t *twin_grade, *direct_higher;
    group_values_t *groups;
    size_t group_count;
};

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static char *copy_text(const char *s)
{
    const size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}

np_status np_roster_new(np_roster **out, const np_policy *policy, const char *const *names,
                        size_t group_count, np_error *err)
{
    *out = NULL;
    np_policy p = policy ? *policy : np_policy_default();
    np_status st = np_policy_validate(&p, err);
    if (st != NP_OK) {
        np_error_prefix(err, "policy");
        return st;
    }
    for (size_t i = 0; i < group_count; i++) {
        char shown[NP_QUOTE_MAX];
        npi_quote(shown, sizeof shown, names[i], strlen(names[i]));
        if (!npj_valid_utf8(names[i]))
            return np_error_set(err, NP_EINVAL, "group column %s: the name is not UTF-8", shown);
        if (npi_roster_is_parameter_column(names[i]))
            return np_error_set(err, NP_EINVAL, "group column %s is a parameter column", shown);
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return np_error_set(err, NP_EINVAL, "group column %s appears twice", shown);
    }
    np_roster *r = calloc(1, sizeof *r);
    if (!r) return np_error_set(err, NP_ENOMEM, "out of memory creating a roster");
    r->policy = p;
    r->groups = group_count ? calloc(group_count, sizeof *r->groups) : NULL;
    if (group_count && !r->groups) {
        free(r);
        return np_error_set(err, NP_ENOMEM, "out of memory creating a roster");
    }
    r->group_count = group_count;
    for (size_t i = 0; i < group_count; i++) {
        r->groups[i].name = copy_text(names[i]);
        if (!r->groups[i].name) {
            np_roster_free(r);
            return np_error_set(err, NP_ENOMEM, "out of memory creating a roster");
        }
    }
    *out = r;
    return NP_OK;
}

void np_roster_free(np_roster *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->count; i++) free(r->ids[i]);
    free(r->ids);
    free(r->start);
    free(r->kind);
    free(r->initial_months);
    free(r->renewal_months);
    free(r->max_months);
    free(r->reduction_months);
    free(r->twin_grade);
    free(r->direct_higher);
    for (size_t g = 0; g < r->group_count; g++) {
        group_values_t *c = &r->groups[g];
        free(c->name);
        free(c->codes);
        for (size_t v = 0; v < c->value_count; v++) free(c->values[v]);
        free(c->values);
        free(c->slots);
    }
    free(r->groups);
    free(r);
}

static bool grow_array(void **p, size_t cap, size_t size)
{
    void *n = realloc(*p, cap * size);
    if (!n) return false;
    *p = n;
    return true;
}

static bool reserve_rows(np_roster *r)
{
    if (r->count < r->cap) return true;
    const size_t cap = r->cap ? r->cap * 2 : 64;
    bool ok = grow_array((void **)&r->ids, cap, sizeof *r->ids) &&
              grow_array((void **)&r->start, cap, sizeof *r->start) &&
              grow_array((void **)&r->kind, cap, sizeof *r->kind) &&
              grow_array((void **)&r->initial_months, cap, sizeof *r->initial_months) &&
              grow_array((void **)&r->renewal_months, cap, sizeof *r->renewal_months) &&
              grow_array((void **)&r->max_months, cap, sizeof *r->max_months) &&
              grow_array((void **)&r->reduction_months, cap, sizeof *r->reduction_months) &&
              grow_array((void **)&r->twin_grade, cap, sizeof *r->twin_grade) &&
              grow_array((void **)&r->direct_higher, cap, sizeof *r->direct_higher);
    for (size_t g = 0; ok && g < r->group_count; g++)
        ok = grow_array((void **)&r->groups[g].codes, cap, sizeof *r->groups[g].codes);
    if (ok) r->cap = cap;
    return ok;
}

static bool rehash(group_values_t *c, size_t slot_count)
{
    int32_t *slots = calloc(slot_count, sizeof *slots);
    if (!slots) return false;
    for (size_t v = 0; v < c->value_count; v++) {
        size_t s = (size_t)hash_text(c->values[v]) & (slot_count - 1);
        while (slots[s]) s = (s + 1) & (slot_count - 1);
        slots[s] = (int32_t)v + 1;
    }
    free(c->slots);
    c->slots = slots;
    c->slot_count = slot_count;
    return true;
}

/* The code of `value` in the column, added when new; -1 when out of memory. */
static int32_t intern(group_values_t *c, const char *value)
{
    if ((c->value_count + 1) * 2 > c->slot_count && !rehash(c, c->slot_count ? c->slot_count * 2 : 16))
        return -1;
    size_t s = (size_t)hash_text(value) & (c->slot_count - 1);
    while (c->slots[s]) {
        const int32_t code = c->slots[s] - 1;
        if (strcmp(c->values[code], value) == 0) return code;
        s = (s + 1) & (c->slot_count - 1);
    }
    if (c->value_count == c->value_cap) {
        const size_t cap = c->value_cap ? c->value_cap * 2 : 8;
        if (!grow_array((void **)&c->values, cap, sizeof *c->values)) return -1;
        c->value_cap = cap;
    }
    char *copy = copy_text(value);
    if (!copy) return -1;
    c->values[c->value_count] = copy;
    c->slots[s] = (int32_t)c->value_count + 1;
    return (int32_t)c->value_count++;
}

np_status np_roster_append(np_roster *r, const char *id, const np_appointment *a,
                           const char *const *group_values, np_error *err)
{
    char number[32];
    if (!id) {
        snprintf(number, sizeof number, "%zu", r->count + 1);
        id = number;
    }
    /* Checked before it is stored, so that a roster only ever holds rows a
     * projection accepts, and texts every writer can write. */
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, id, strlen(id));
    if (!npj_valid_utf8(id)) return np_error_set(err, NP_EINVAL, "row %s: the id is not UTF-8", shown);
    for (size_t g = 0; group_values && g < r->group_count; g++)
        if (group_values[g] && !npj_valid_utf8(group_values[g]))
            return np_error_set(err, NP_EINVAL, "row %s: column %s: the value is not UTF-8", shown,
                                r->groups[g].name);
    const int64_t start = a->start;
    const int32_t kind = (int32_t)a->kind, initial = a->initial_months,
                  renewal = a->renewal_months, max = a->max_months,
                  reduction = a->reduction_months;
    const uint8_t twin = a->twin_grade, direct = a->direct_higher;
    const np_roster_columns one = {1,     &start, &kind,      &initial, &renewal, &max,
                                   &twin, &reduction, &direct, NULL,   0};
    npi_row_rules cache = npi_row_rules_init(&r->policy);
    int64_t days[NP_EVENT_COUNT];
    np_status st = npi_roster_row_events(&cache, &one, 0, days, err);
    if (st != NP_OK) {
        np_error_prefix(err, "row %s", shown);
        return st;
    }
    if (!reserve_rows(r)) return np_error_set(err, NP_ENOMEM, "out of memory adding a roster row");
    const size_t i = r->count;
    r->ids[i] = copy_text(id);
    if (!r->ids[i]) return np_error_set(err, NP_ENOMEM, "out of memory adding a roster row");
    for (size_t g = 0; g < r->group_count; g++) {
        const char *value = group_values && group_values[g] ? group_values[g] : "";
        const int32_t code = intern(&r->groups[g], value);
        if (code < 0) {
            free(r->ids[i]);
            return np_error_set(err, NP_ENOMEM, "out of memory adding a roster row");
        }
        r->groups[g].codes[i] = code;
    }
    r->start[i] = start;
    r->kind[i] = kind;
    r->initial_months[i] = initial;
    r->renewal_months[i] = renewal;
    r->max_months[i] = max;
    r->reduction_months[i] = reduction;
    r->twin_grade[i] = twin;
    r->direct_higher[i] = direct;
    r->count++;
    return NP_OK;
}

size_t np_roster_count(const np_roster *r) { return r->count; }

const np_policy *np_roster_policy(const np_roster *r) { return &r->policy; }

const char *np_roster_id(const np_roster *r, size_t row) { return r->ids[row]; }

np_appointment np_roster_appointment(const np_roster *r, size_t row)
{
    const np_roster_columns c = np_roster_view(r, SIZE_MAX);
    return npi_roster_row_appointment(&c, row);
}

size_t np_roster_group_column_count(const np_roster *r) { return r->group_count; }

const char *np_roster_group_column_name(const np_roster *r, size_t column)
{
    return r->groups[column].name;
}

np_status np_roster_group_column_find(const np_roster *r, const char *name, size_t *column,
                                      np_error *err)
{
    for (size_t g = 0; g < r->group_count; g++) {
        if (strcmp(r->groups[g].name, name) == 0) {
            *column = g;
            return NP_OK;
        }
    }
    char shown[NP_QUOTE_MAX], known[200] = "";
    npi_quote(shown, sizeof shown, name, strlen(name));
    size_t used = 0;
    for (size_t g = 0; g < r->group_count && used < sizeof known; g++) {
        const int n = snprintf(known + used, sizeof known - used, "%s%s", g ? ", " : "",
                               r->groups[g].name);
        if (n < 0) break;
        used += (size_t)n;
    }
    return np_error_set(err, NP_ENOTFOUND, "no group column %s in the roster (group columns: %s)",
                        shown, r->group_count ? known : "none");
}

size_t np_roster_group_value_count(const np_roster *r, size_t column)
{
    return r->groups[column].value_count;
}

const char *np_roster_group_value(const np_roster *r, size_t column, size_t code)
{
    return r->groups[column].values[code];
}

np_roster_columns np_roster_view(const np_roster *r, size_t group_column)
{
    np_roster_columns c = {r->count,        r->start,         r->kind,       r->initial_months,
                           r->renewal_months, r->max_months, r->twin_grade, r->reduction_months,
                           r->direct_higher, NULL,           0};
    if (group_column < r->group_count) {
        c.group = r->groups[group_column].codes;
        c.group_count = r->groups[group_column].value_count;
        if (c.group_count == 0) c.group_count = 1; /* an empty roster still has its shape */
    }
    return c;
}

np_status np_month_parse(int *year, int *month, const char *text, size_t len, np_error *err)
{
    /* "YYYY-MM" is the date "YYYY-MM-01" without its day: reuse the date parser's
     * messages for the part that is there. */
    char date[NP_DATE_ISO_LEN + 1];
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, text, len);
    bool well_formed = len == 7 && text[4] == '-';
    for (size_t i = 0; well_formed && i < 7; i++)
        well_formed = i == 4 || (text[i] >= '0' && text[i] <= '9');
    if (!well_formed) return np_error_set(err, NP_EPARSE, "month %s: expected YYYY-MM", shown);
    memcpy(date, text, 7);
    memcpy(date + 7, "-01", 4);
    np_date d;
    np_status st = np_date_parse(&d, date, NP_DATE_ISO_LEN, err);
    if (st != NP_OK) {
        np_error_prefix(err, "month %s", shown);
        return st;
    }
    const np_ymd ymd = np_date_to_ymd(d);
    *year = ymd.year;
    *month = ymd.month;
    return NP_OK;
}
