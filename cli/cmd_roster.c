/* natopost roster: the month-by-month projection of a CSV roster, or each
 * appointment's next event after a date. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char CMD[] = "roster";

static const char HELP[] =
    "usage: natopost roster FILE.csv --from YYYY-MM --months N [--by COLUMN]\n"
    "                       [--policy FILE] [--csv | --json]\n"
    "       natopost roster FILE.csv --next-after YYYY-MM-DD [--policy FILE] [--csv | --json]\n"
    "\n"
    "FILE.csv is a roster: a header line, then one appointment per line. Columns:\n"
    "start (YYYY-MM-DD, required), id, kind, initial_months, renewal_months,\n"
    "max_months, twin_grade, reduction_months, direct_higher (an absent column or an\n"
    "empty cell takes the default, as in 'natopost timeline'); any other column\n"
    "(division, grade, ...) is a group column for --by.\n"
    "\n"
    "For each month of the horizon: how many events of each code fall in it, and at\n"
    "the end of its last day how many staff are under contract, in the initial and\n"
    "in the renewal phase, in the conversion window, and able to be promoted.\n"
    "\n"
    "options:\n"
    "  --from YYYY-MM     the first month of the horizon\n"
    "  --months N         the number of months (1..12000)\n"
    "  --by COLUMN        one row per month and value of the group column COLUMN\n"
    "                     (the rows with an empty cell form one group, labelled \"\")\n"
    "  --next-after DATE  instead: each appointment's next event after DATE (id,\n"
    "                     next_event, date; empty when none follows); without an id\n"
    "                     column, the id is the row's number counted from 1\n"
    "  --policy FILE      the contract policy (JSON) instead of the defaults\n"
    "  --csv              CSV (a header line: month, [COLUMN,] one column per event\n"
    "                     code, under_contract, in_initial, in_renewal, window_open,\n"
    "                     promotion_possible)\n"
    "  --json             a JSON array of objects with the same keys\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 success, 1 the file could not be read, 2 bad input (the\n"
    "message names the line and the column).\n";

enum { OPT_FROM = 256, OPT_MONTHS, OPT_BY, OPT_NEXT, OPT_POLICY, OPT_CSV, OPT_JSON };

static const struct option OPTIONS[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"months", required_argument, NULL, OPT_MONTHS},
    {"by", required_argument, NULL, OPT_BY},
    {"next-after", required_argument, NULL, OPT_NEXT},
    {"policy", required_argument, NULL, OPT_POLICY},
    {"csv", no_argument, NULL, OPT_CSV},
    {"json", no_argument, NULL, OPT_JSON},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The projection as an aligned table: one column per count, headed by its code. */
static void print_table(const np_projection *p, const char *by, const char *const *labels)
{
    char *csv = np_projection_to_csv(p, by, labels, NULL);
    if (!csv) return;
    /* The CSV is the table's content; only the separators change. Group
     * labels with commas are quoted in the CSV, so widths come from the cells. */
    size_t widths[NP_PROJECTION_COLUMNS + 2] = {0};
    const size_t columns = NP_PROJECTION_COLUMNS + 1 + (by ? 1 : 0);
    for (int pass = 0; pass < 2; pass++) {
        size_t col = 0, width = 0;
        bool quoted = false;
        for (const char *c = csv; *c; c++) {
            if (*c == '"') quoted = !quoted;
            if (!quoted && (*c == ',' || *c == '\n')) {
                if (pass == 0 && width > widths[col]) widths[col] = width;
                if (pass == 1) {
                    printf("%*s", (int)(widths[col] - width), "");
                    putchar(*c == ',' ? ' ' : '\n');
                    if (*c == ',') putchar(' ');
                }
                col = *c == ',' ? col + 1 : 0;
                width = 0;
                if (col >= columns) col = columns - 1;
                continue;
            }
            if (*c == '"') continue;
            if (pass == 1) putchar(*c);
            width++;
        }
    }
    np_free(csv);
}

static int next_events(const np_roster *r, np_date after, bool csv, bool json)
{
    np_error err;
    const size_t n = np_roster_count(r);
    int32_t *codes = malloc((n ? n : 1) * sizeof *codes);
    int64_t *dates = malloc((n ? n : 1) * sizeof *dates);
    const np_roster_columns c = np_roster_view(r, SIZE_MAX);
    if (!codes || !dates) {
        free(codes);
        free(dates);
        fprintf(stderr, "natopost %s: out of memory\n", CMD);
        return CLI_IO;
    }
    if (np_roster_next_events(np_roster_policy(r), &c, after, codes, dates, &err) != NP_OK) {
        free(codes);
        free(dates);
        return cli_fail(CMD, &err);
    }
    json_t *rows = json ? json_array() : NULL;
    if (csv) puts("id,next_event,date");
    for (size_t i = 0; i < n; i++) {
        char date[NP_DATE_ISO_LEN + 1] = "";
        if (codes[i] >= 0) np_date_format((np_date)dates[i], date);
        const char *code = codes[i] >= 0 ? np_event_code_name((np_event_code)codes[i]) : "";
        const char *id = np_roster_id(r, i);
        if (json) {
            json_array_append_new(rows, json_pack("{s:s, s:s?, s:s?}", "id", id, "next_event",
                                                  codes[i] >= 0 ? code : NULL, "date",
                                                  codes[i] >= 0 ? date : NULL));
        } else if (csv) {
            /* Ids are the roster's own cells: quote them as the CSV reader reads them. */
            if (strpbrk(id, ",\"\r\n")) {
                putchar('"');
                for (const char *p = id; *p; p++) {
                    if (*p == '"') putchar('"');
                    putchar(*p);
                }
                putchar('"');
            } else {
                fputs(id, stdout);
            }
            printf(",%s,%s\n", code, date);
        } else {
            printf("%-12s %-24s %s\n", id, codes[i] >= 0 ? code : "(none)", date);
        }
    }
    if (json) {
        char *text = json_dumps(rows, JSON_INDENT(2));
        if (text) puts(text);
        free(text);
        json_decref(rows);
    }
    free(codes);
    free(dates);
    return CLI_OK;
}

int cli_roster(int argc, char **argv)
{
    const char *from = NULL, *by = NULL, *next = NULL;
    int months = 0;
    bool csv = false, json = false, have_policy = false;
    np_policy policy = np_policy_default();
    np_error err;
    int rc;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_FROM: from = optarg; break;
        case OPT_MONTHS:
            if ((rc = cli_parse_int(CMD, "--months", optarg, &months))) return rc;
            break;
        case OPT_BY: by = optarg; break;
        case OPT_NEXT: next = optarg; break;
        case OPT_POLICY:
            if (np_policy_load(&policy, optarg, &err) != NP_OK) return cli_fail(CMD, &err);
            have_policy = true;
            break;
        case OPT_CSV: csv = true; break;
        case OPT_JSON: json = true; break;
        case 'h': fputs(HELP, stdout); return CLI_OK;
        case ':': return cli_usage_error(CMD, "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (optind >= argc) return cli_usage_error(CMD, "a roster FILE.csv is required");
    if (optind + 1 < argc) return cli_usage_error(CMD, "unexpected argument \"%s\"", argv[optind + 1]);
    if (csv && json) return cli_usage_error(CMD, "--csv and --json cannot be combined");
    np_date after = 0;
    int year = 0, month = 0;
    if (next) {
        if (from || months || by)
            return cli_usage_error(CMD, "--next-after cannot be combined with --from, --months or --by");
        if (np_date_parse(&after, next, strlen(next), &err) != NP_OK)
            return cli_usage_error(CMD, "--next-after: %s", err.message);
    } else {
        if (!from) return cli_usage_error(CMD, "--from YYYY-MM is required");
        if (!months) return cli_usage_error(CMD, "--months N is required");
        if (np_month_parse(&year, &month, from, strlen(from), &err) != NP_OK)
            return cli_usage_error(CMD, "--from: %s", err.message);
    }

    np_roster *r;
    if (np_roster_load_csv(&r, argv[optind], have_policy ? &policy : NULL, &err) != NP_OK)
        return cli_fail(CMD, &err);
    if (next) {
        rc = next_events(r, after, csv, json);
        np_roster_free(r);
        return rc;
    }
    size_t column = SIZE_MAX;
    if (by && np_roster_group_column_find(r, by, &column, &err) != NP_OK) {
        np_roster_free(r);
        return cli_usage_error(CMD, "--by: %s", err.message);
    }
    np_projection p;
    const np_roster_columns view = np_roster_view(r, column);
    if (np_roster_project(&p, np_roster_policy(r), &view, year, month, months, &err) != NP_OK) {
        np_roster_free(r);
        return cli_fail(CMD, &err);
    }
    const char **labels = NULL;
    if (by) {
        labels = malloc(p.groups * sizeof *labels);
        for (size_t g = 0; labels && g < p.groups; g++)
            labels[g] = g < np_roster_group_value_count(r, column) ? np_roster_group_value(r, column, g) : "";
    }
    rc = CLI_OK;
    if (by && !labels) {
        fprintf(stderr, "natopost %s: out of memory\n", CMD);
        rc = CLI_IO;
    } else if (csv || json) {
        char *text = csv ? np_projection_to_csv(&p, by, labels, &err)
                         : np_projection_to_json(&p, by, labels, &err);
        if (text) {
            fputs(text, stdout);
            if (json) fputc('\n', stdout);
            np_free(text);
        } else {
            rc = cli_fail(CMD, &err);
        }
    } else {
        print_table(&p, by, labels);
    }
    free((void *)labels);
    np_projection_free(&p);
    np_roster_free(r);
    if (rc == CLI_OK && fflush(stdout) != 0) {
        perror("natopost roster: writing output");
        return CLI_IO;
    }
    return rc;
}
