/* A projection as CSV (one line per month and group) or as a JSON array. */
#include <jansson.h>
#include <string.h>

#include "support/json_util.h"
#include "natopost/roster.h"
#include "support/strbuf.h"

/* RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
static void put_csv_field(npi_strbuf *sb, const char *text)
{
    if (!strpbrk(text, ",\"\r\n")) {
        npi_strbuf_puts(sb, text);
        return;
    }
    npi_strbuf_append(sb, "\"", 1);
    for (const char *p = text; *p; p++) {
        if (*p == '"') npi_strbuf_append(sb, "\"", 1);
        npi_strbuf_append(sb, p, 1);
    }
    npi_strbuf_append(sb, "\"", 1);
}

static void month_text(char out[8], const np_projection *p, size_t m)
{
    const size_t total = (size_t)p->first_year * 12 + (size_t)p->first_month - 1 + m;
    const unsigned year = (unsigned)(total / 12), month = (unsigned)(total % 12 + 1);
    out[0] = (char)('0' + year / 1000 % 10);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '\0';
}

static bool grouped(const np_projection *p, const char *group_name, const char *const *labels)
{
    return group_name && labels && p->groups >= 1;
}

char *np_projection_to_csv(const np_projection *p, const char *group_name,
                           const char *const *labels, np_error *err)
{
    const bool by_group = grouped(p, group_name, labels);
    npi_strbuf sb = NP_STRBUF_INIT;
    npi_strbuf_puts(&sb, "month");
    if (by_group) {
        npi_strbuf_append(&sb, ",", 1);
        put_csv_field(&sb, group_name);
    }
    for (size_t k = 0; k < NP_PROJECTION_COLUMNS; k++)
        npi_strbuf_printf(&sb, ",%s", np_projection_column_name(k));
    npi_strbuf_append(&sb, "\n", 1);
    /* Month by month, the groups of a month together: the order a reader of
     * the table (or a pivot) expects. */
    for (size_t m = 0; m < p->months; m++) {
        char month[8];
        month_text(month, p, m);
        for (size_t g = 0; g < p->groups; g++) {
            npi_strbuf_puts(&sb, month);
            if (by_group) {
                npi_strbuf_append(&sb, ",", 1);
                put_csv_field(&sb, labels[g]);
            }
            const int64_t *row = p->counts + (g * p->months + m) * NP_PROJECTION_COLUMNS;
            for (size_t k = 0; k < NP_PROJECTION_COLUMNS; k++)
                npi_strbuf_printf(&sb, ",%lld", (long long)row[k]);
            npi_strbuf_append(&sb, "\n", 1);
        }
    }
    char *text = npi_strbuf_take(&sb);
    /* Roster texts are checked UTF-8 (np_roster_append); labels from elsewhere
     * that jansson refuses end up here too. */
    if (!text) np_error_set(err, NP_ENOMEM, "out of memory writing the projection (or a group "
                                            "label is not UTF-8)");
    return text;
}

char *np_projection_to_json(const np_projection *p, const char *group_name,
                            const char *const *labels, np_error *err)
{
    const bool by_group = grouped(p, group_name, labels);
    json_t *rows = json_array();
    bool ok = rows != NULL;
    for (size_t m = 0; ok && m < p->months; m++) {
        char month[8];
        month_text(month, p, m);
        for (size_t g = 0; ok && g < p->groups; g++) {
            json_t *row = json_object();
            ok = row && json_array_append_new(rows, row) == 0 &&
                 json_object_set_new(row, "month", json_string(month)) == 0 &&
                 (!by_group || json_object_set_new(row, group_name, json_string(labels[g])) == 0);
            const int64_t *counts = p->counts + (g * p->months + m) * NP_PROJECTION_COLUMNS;
            for (size_t k = 0; ok && k < NP_PROJECTION_COLUMNS; k++)
                ok = json_object_set_new(row, np_projection_column_name(k),
                                         json_integer((json_int_t)counts[k])) == 0;
        }
    }
    char *text = ok ? npi_json_dumps(rows, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(rows);
    /* Roster texts are checked UTF-8 (np_roster_append); labels from elsewhere
     * that jansson refuses end up here too. */
    if (!text) np_error_set(err, NP_ENOMEM, "out of memory writing the projection (or a group "
                                            "label is not UTF-8)");
    return text;
}
