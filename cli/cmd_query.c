/* natopost query: run the query language over notices and posting JSON.
 * natopost eligibility: check a candidate against every posting.
 * Both load the same inputs (files and folders) into a collection. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char QUERY_HELP[] =
    "usage: natopost query 'EXPR' PATH... [--json | --csv] [--fields F,...]\n"
    "                      [--candidate FILE]... [--limit N] [--keep-going] [--unique]\n"
    "                      [--param VALUE]... [--today DATE]\n"
    "\n"
    "Reads the postings of every PATH (a notice's text, posting JSON -- .json,\n"
    ".ndjson, .jsonl -- or a folder of them) and prints those EXPR selects.\n"
    "\n"
    "EXPR is the query language (README \"Query language\"), e.g.\n"
    "  'grade >= G15 and division ~ \"operations\" order by deadline'\n"
    "  'lang.second >= II and deadline < 2025-12-01 and clearance >= \"NATO SECRET\"'\n"
    "  'deadline is null'      'count by division'      'eligible(alice)'\n"
    "  'deadline > today and grade >= ?' --param G15\n"
    "\n"
    "options:\n"
    "  --json             the matches as a JSON array of flat records (every field),\n"
    "                     or [{\"value\": ..., \"count\": N}] for count by\n"
    "  --csv              the same as CSV (RFC 4180, a header row)\n"
    "  --fields F,...     the fields to print (default: a few for the table,\n"
    "                     every field for --json and --csv)\n"
    "  --candidate FILE   a candidate profile (JSON); queries may then use\n"
    "                     eligible(NAME), NAME being the profile's \"name\" or the\n"
    "                     file name without its extension (repeatable)\n"
    "  --limit N          print at most N matches\n"
    "  --keep-going       skip files that cannot be read (not a notice, bad posting\n"
    "                     JSON, unreadable) and name each one on stderr with its\n"
    "                     line and column; the others are queried\n"
    "  --unique           one posting per identity (requisition number with its\n"
    "                     body, else the text's fingerprint): the most complete\n"
    "                     copy is kept, and each folded one is named on stderr\n"
    "                     with the sources of all its copies\n"
    "  --param VALUE      the value of the next '?' of EXPR, read as the compared\n"
    "                     field's literal (G15, III, 2025-12-01, \"NATO SECRET\");\n"
    "                     repeat it once per '?', in order\n"
    "  --today DATE       what 'today' in EXPR stands for (default: the local\n"
    "                     date), for reproducible runs\n"
    "  --list-fields      list the fields and their types, then exit\n"
    "  -h, --help         show this help\n"
    "\n"
    "A file is read by its content: posting JSON or a notice's text. A file\n"
    "given or listed twice is read once (noted on stderr).\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 a file could not be\n"
    "read, 2 bad input (the query's error is printed with a caret under it),\n"
    "3 success, but --keep-going skipped some files.\n";

static const char ELIGIBILITY_HELP[] =
    "usage: natopost eligibility --candidate FILE PATH... [--json] [--keep-going]\n"
    "\n"
    "Checks the candidate profile FILE (JSON: name, degree, experience_years,\n"
    "languages {english, french}, stanag, clearance, nationality,\n"
    "serving_staff) against every posting of the PATHs: per requirement met,\n"
    "not met, cannot tell or not assessed with the reason, the verdict on the\n"
    "essential requirements and the desirable ones met. To filter postings by a\n"
    "candidate, use 'natopost query' with eligible(NAME).\n"
    "\n"
    "options:\n"
    "  --candidate FILE   the candidate profile (required)\n"
    "  --json             print a JSON array, one object per posting\n"
    "  --keep-going       skip files that cannot be read, naming each on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 success, 1 a file could not be read, 2 bad input, 3 success,\n"
    "but --keep-going skipped some files.\n";

/* ---- shared: inputs ---- */

/* Registers a candidate read from `path`, named by its "name" or the file
 * name without folders and extension. */
static int load_candidate(const char *cmd, np_collection *c, const char *path, np_candidate *out)
{
    np_error err;
    if (np_candidate_load(out, path, &err) != NP_OK) return cli_fail(cmd, &err);
    if (!out->name[0]) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        size_t n = strcspn(base, ".");
        if (n == 0) n = strlen(base);
        if (n >= sizeof out->name) n = sizeof out->name - 1;
        memcpy(out->name, base, n);
        out->name[n] = '\0';
    }
    if (c && np_collection_add_candidate(c, out, &err) != NP_OK) return cli_fail(cmd, &err);
    return CLI_OK;
}

/* ---- values ---- */

/* The fewest significant digits (1..17) that print `v` so that it reads
 * back exactly: jansson prints every real of a document with one precision
 * (17 by default, "9253.2099999999991"), so each document is dumped with the
 * largest of these its numbers need. */
static int real_digits(double v)
{
    char buf[40];
    for (int digits = 1; digits < 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) return digits;
    }
    return 17;
}

/* A JSON value for `v`; the real digits it needs are folded into *digits. */
static json_t *value_json(const np_qvalue *v, int *digits)
{
    if (v->is_null) return json_null();
    switch (v->type) {
    case NP_QTYPE_TEXT: return json_stringn(v->text, v->text_len);
    case NP_QTYPE_NUMBER: {
        if (v->number == (double)(json_int_t)v->number && v->number > -9e15 && v->number < 9e15)
            return json_integer((json_int_t)v->number);
        const int need = real_digits(v->number);
        if (need > *digits) *digits = need;
        return json_real(v->number);
    }
    case NP_QTYPE_BOOL: return json_boolean(v->ordinal);
    default: {
        char buf[32];
        np_posting_field_format(v, buf, sizeof buf);
        return json_string(buf);
    }
    }
}

/* Prints `item` (consumed) as item `index` of a JSON array written one
 * compact item per line, its reals with `digits` significant digits: each
 * item is dumped alone, so that one number needing 17 digits does not
 * lengthen every other. */
static int print_json_item(json_t *item, size_t index, int digits)
{
    char *text = json_dumps(item, JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_ENSURE_ASCII |
                                      JSON_REAL_PRECISION(digits));
    json_decref(item);
    if (!text) return cli_usage_error("query", "out of memory");
    printf("%s\n  %s", index ? "," : "", text);
    free(text);
    return CLI_OK;
}

/* The value as text, in a buffer owned by the caller (grown as needed). */
static const char *value_text(const np_qvalue *v, char **buf, size_t *cap)
{
    const size_t need = np_posting_field_format(v, *buf, *cap) + 1;
    if (need > *cap) {
        char *grown = realloc(*buf, need);
        if (!grown) return "";
        *buf = grown;
        *cap = need;
        np_posting_field_format(v, *buf, *cap);
    }
    return *buf;
}

static void csv_cell(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* ---- field selection ---- */

typedef struct field_list {
    const np_qfield **items;
    size_t count;
} field_list;

static const np_qfield *find_field(const np_qfield *fields, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(fields[i].name) == len && strncmp(fields[i].name, name, len) == 0) return &fields[i];
    return NULL;
}

static bool list_has(const field_list *l, const np_qfield *f)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i]->id == f->id) return true;
    return false;
}

static int choose_fields(field_list *out, const np_collection *c, const np_query *q, const char *spec,
                         bool all)
{
    size_t n;
    const np_qfield *fields = np_collection_fields(c, &n);
    out->items = calloc(n + 8, sizeof *out->items);
    out->count = 0;
    if (!out->items) return cli_usage_error("query", "out of memory");
    if (spec) {
        for (const char *s = spec; *s;) {
            const size_t len = strcspn(s, ",");
            const np_qfield *f = find_field(fields, n, s, len);
            if (!f) return cli_usage_error("query", "--fields: unknown field \"%.*s\" (see --list-fields)", (int)len, s);
            if (!list_has(out, f) && out->count < n) out->items[out->count++] = f;
            s += len;
            if (*s == ',') s++;
        }
        return CLI_OK;
    }
    if (all) {
        for (size_t i = 0; i < n; i++) out->items[out->count++] = &fields[i];
        return CLI_OK;
    }
    static const char *const DEFAULTS[] = {"id", "grade", "deadline", "division", "title"};
    for (size_t i = 0; i < sizeof DEFAULTS / sizeof DEFAULTS[0]; i++)
        out->items[out->count++] = find_field(fields, n, DEFAULTS[i], strlen(DEFAULTS[i]));
    /* Show what the rows are sorted by. */
    for (size_t i = 0; i < q->order_by_count && out->count < n + 8; i++)
        if (!list_has(out, q->order_by[i].field)) out->items[out->count++] = q->order_by[i].field;
    return CLI_OK;
}

/* ---- output ---- */

typedef enum format { TABLE, JSON, CSV } format;

/* The line under the table: how many postings match and, when --limit cut
 * the rows, how many of them are shown. */
static void print_match_note(size_t shown, size_t total, size_t postings)
{
    if (shown < total)
        printf("(showing %zu of %zu matching posting%s; raise --limit to see more)\n", shown, total,
               total == 1 ? "" : "s");
    else
        printf("(%zu of %zu posting%s match%s)\n", total, postings, postings == 1 ? "" : "s",
               total == 1 ? "es" : "");
}

static void print_rows_table(np_result *r, const field_list *fl, size_t shown, size_t total)
{
    const np_collection *c = np_result_collection(r);
    enum { MAXW = 48 };
    size_t width[64] = {0};
    const size_t nf = fl->count < 64 ? fl->count : 64;
    char *buf = NULL, *line = NULL; /* a cell stays on its row: cli_printable */
    size_t cap = 0, line_cap = 0;
    for (size_t k = 0; k < nf; k++) width[k] = strlen(fl->items[k]->name);
    for (size_t i = 0; i < shown; i++)
        for (size_t k = 0; k < nf; k++) {
            np_qvalue v;
            np_collection_value(c, np_result_row(r, i), fl->items[k], &v);
            size_t w = strlen(cli_printable(value_text(&v, &buf, &cap), &line, &line_cap));
            if (w > MAXW) w = MAXW;
            if (w > width[k]) width[k] = w;
        }
    for (size_t k = 0; k < nf; k++) printf("%s%-*s", k ? "  " : "", (int)width[k], fl->items[k]->name);
    printf("\n");
    for (size_t i = 0; i < shown; i++) {
        for (size_t k = 0; k < nf; k++) {
            np_qvalue v;
            np_collection_value(c, np_result_row(r, i), fl->items[k], &v);
            const char *s = cli_printable(value_text(&v, &buf, &cap), &line, &line_cap);
            const size_t len = strlen(s);
            if (len > MAXW) printf("%s%.*s...", k ? "  " : "", MAXW - 3, s);
            else printf("%s%-*s", k ? "  " : "", k + 1 < nf ? (int)width[k] : 0, s);
        }
        printf("\n");
    }
    print_match_note(shown, total, np_collection_count(c));
    free(buf);
    free(line);
}

static int print_rows(np_result *r, const field_list *fl, format fmt, size_t limit)
{
    const np_collection *c = np_result_collection(r);
    const size_t total = np_result_count(r);
    const size_t shown = total < limit ? total : limit;
    if (fmt == TABLE) {
        print_rows_table(r, fl, shown, total);
        return CLI_OK;
    }
    if (fmt == CSV) {
        char *buf = NULL;
        size_t cap = 0;
        for (size_t k = 0; k < fl->count; k++) {
            if (k) fputc(',', stdout);
            csv_cell(stdout, fl->items[k]->name);
        }
        fputs("\r\n", stdout);
        for (size_t i = 0; i < shown; i++) {
            for (size_t k = 0; k < fl->count; k++) {
                np_qvalue v;
                np_collection_value(c, np_result_row(r, i), fl->items[k], &v);
                if (k) fputc(',', stdout);
                csv_cell(stdout, value_text(&v, &buf, &cap));
            }
            fputs("\r\n", stdout);
        }
        free(buf);
        return CLI_OK;
    }
    /* JSON: written record by record, so that a large result does not need
     * a second copy in memory. */
    fputs("[", stdout);
    for (size_t i = 0; i < shown; i++) {
        json_t *rec = json_object();
        if (!rec) return cli_usage_error("query", "out of memory");
        int digits = 1;
        for (size_t k = 0; k < fl->count; k++) {
            np_qvalue v;
            np_collection_value(c, np_result_row(r, i), fl->items[k], &v);
            json_object_set_new(rec, fl->items[k]->name, value_json(&v, &digits));
        }
        const int rc = print_json_item(rec, i, digits);
        if (rc != CLI_OK) return rc;
    }
    fputs(shown ? "\n]\n" : "]\n", stdout);
    return CLI_OK;
}

static int print_groups(const np_result *r, format fmt)
{
    const np_qfield *by = np_result_count_by(r);
    const size_t n = np_result_group_count(r);
    char *buf = NULL;
    size_t cap = 0;
    if (fmt == JSON) {
        fputs("[", stdout);
        for (size_t g = 0; g < n; g++) {
            np_qvalue v;
            size_t count;
            np_result_group(r, g, &v, &count);
            int digits = 1;
            json_t *group = json_pack("{s:o, s:I}", "value", value_json(&v, &digits), "count",
                                      (json_int_t)count);
            if (!group) return cli_usage_error("query", "out of memory");
            const int rc = print_json_item(group, g, digits);
            if (rc != CLI_OK) return rc;
        }
        fputs(n ? "\n]\n" : "]\n", stdout);
        return CLI_OK;
    }
    if (fmt == CSV) {
        csv_cell(stdout, by->name);
        fputs(",count\r\n", stdout);
    } else {
        printf("%-40s  %s\n", by->name, "count");
    }
    for (size_t g = 0; g < n; g++) {
        np_qvalue v;
        size_t count;
        np_result_group(r, g, &v, &count);
        const char *s = v.is_null ? (fmt == CSV ? "" : "(null)") : value_text(&v, &buf, &cap);
        if (fmt == CSV) {
            csv_cell(stdout, s);
            printf(",%zu\r\n", count);
        } else {
            printf("%-40s  %zu\n", s, count);
        }
    }
    free(buf);
    return CLI_OK;
}

static void list_fields(const np_collection *c)
{
    size_t n;
    const np_qfield *fields = np_collection_fields(c, &n);
    for (size_t i = 0; i < n; i++) printf("%-24s %s\n", fields[i].name, np_qtype_name(fields[i].type));
}

/* ---- natopost query ---- */

enum { OPT_JSON = 1000, OPT_CSV, OPT_FIELDS, OPT_CANDIDATE, OPT_LIMIT, OPT_LIST_FIELDS, OPT_KEEP_GOING, OPT_UNIQUE,
       OPT_PARAM, OPT_TODAY };

static const struct option QUERY_OPTIONS[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"csv", no_argument, NULL, OPT_CSV},
    {"fields", required_argument, NULL, OPT_FIELDS},
    {"candidate", required_argument, NULL, OPT_CANDIDATE},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"list-fields", no_argument, NULL, OPT_LIST_FIELDS},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"unique", no_argument, NULL, OPT_UNIQUE},
    {"param", required_argument, NULL, OPT_PARAM},
    {"today", required_argument, NULL, OPT_TODAY},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Each identity --unique folded, with the sources of its copies. */
static void report_folded(const np_collection *u)
{
    const np_qfield *id = np_posting_field_find("id");
    char *buf = NULL;
    size_t cap = 0;
    for (size_t row = 0; row < np_collection_count(u); row++) {
        const size_t n = np_collection_source_count(u, row);
        if (n < 2) continue;
        np_qvalue v;
        np_collection_value(u, row, id, &v);
        fprintf(stderr, "natopost query: %s: %zu copies folded into one:", v.is_null ? "(no id)" : v.text, n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s %s", i ? "," : "", cli_printable(np_collection_source(u, row, i), &buf, &cap));
        fputc('\n', stderr);
    }
    free(buf);
}

/* Adds the text of one --param: the core reads it as the literal of the
 * field its '?' is compared with. */
static int add_param(const char *cmd, np_query_env *env, np_qparam **params, size_t *cap, const char *value)
{
    if (env->param_count == *cap) {
        const size_t grown_cap = *cap ? *cap * 2 : 4;
        np_qparam *grown = realloc(*params, grown_cap * sizeof *grown);
        if (!grown) return cli_usage_error(cmd, "out of memory");
        *params = grown;
        *cap = grown_cap;
    }
    (*params)[env->param_count++] = (np_qparam){NP_QPARAM_TEXT, value, strlen(value), 0, 0, 0, false};
    env->params = *params;
    return CLI_OK;
}

static int run_query(np_collection *all, int argc, char **argv, format fmt, const char *fields_spec,
                     size_t limit, bool keep_going, bool unique, const np_query_env *env)
{
    static const char CMD[] = "query";
    const char *text = argv[optind];
    int rc = cli_load_paths(CMD, all, argv + optind + 1, argc - optind - 1, keep_going);
    if (rc) return rc;
    np_query *q;
    np_error err;
    np_collection *c = all, *u = NULL;
    if (unique) {
        if (np_collection_unique(&u, all, &err) != NP_OK) return cli_fail(CMD, &err);
        report_folded(u);
        c = u;
    }
    if (np_collection_compile_env(c, &q, text, strlen(text), env, &err) != NP_OK) {
        np_collection_free(u);
        return cli_fail(CMD, &err);
    }
    np_result *r;
    if (np_collection_run(&r, c, q, &err) != NP_OK) {
        np_query_free(q);
        np_collection_free(u);
        return cli_fail(CMD, &err);
    }
    if (q->count_by) {
        rc = print_groups(r, fmt);
    } else {
        field_list fl = {NULL, 0};
        rc = choose_fields(&fl, c, q, fields_spec, fmt != TABLE);
        if (!rc) rc = print_rows(r, &fl, fmt, limit);
        free(fl.items);
    }
    np_result_free(r);
    np_query_free(q);
    np_collection_free(u);
    return cli_skipped_status(all, rc);
}

int cli_query(int argc, char **argv)
{
    static const char CMD[] = "query";
    format fmt = TABLE;
    const char *fields_spec = NULL;
    size_t limit = (size_t)-1;
    bool list = false, keep_going = false, unique = false;
    np_query_env env = NP_QUERY_ENV_INIT;
    np_qparam *params = NULL;
    size_t params_cap = 0;
    np_collection *c;
    np_error err;
    if (np_collection_new(&c, &err) != NP_OK) return cli_fail(CMD, &err);
    int rc = CLI_OK, opt;
    optind = 1;
    opterr = 0;
    unsigned long long seen = 0;
    while (rc == CLI_OK && (opt = getopt_long(argc, argv, ":h", QUERY_OPTIONS, NULL)) != -1) {
        /* --candidate and --param add one each time; any other option once */
        if (opt != OPT_CANDIDATE && opt != OPT_PARAM && (rc = cli_option_once(CMD, QUERY_OPTIONS, opt, &seen))) break;
        switch (opt) {
        case OPT_JSON:
        case OPT_CSV:
            if (fmt != TABLE) rc = cli_usage_error(CMD, "--json and --csv cannot be combined");
            fmt = opt == OPT_JSON ? JSON : CSV;
            break;
        case OPT_FIELDS: fields_spec = optarg; break;
        case OPT_CANDIDATE: {
            np_candidate cand;
            rc = load_candidate(CMD, c, optarg, &cand);
            break;
        }
        case OPT_LIMIT: {
            int n;
            rc = cli_parse_int(CMD, "--limit", optarg, &n);
            if (!rc && n < 0) rc = cli_usage_error(CMD, "--limit must be >= 0");
            if (!rc) limit = (size_t)n;
            break;
        }
        case OPT_LIST_FIELDS: list = true; break;
        case OPT_KEEP_GOING: keep_going = true; break;
        case OPT_UNIQUE: unique = true; break;
        case OPT_PARAM: rc = add_param(CMD, &env, &params, &params_cap, optarg); break;
        case OPT_TODAY: {
            np_date today;
            if (np_date_parse(&today, optarg, strlen(optarg), &err) != NP_OK) {
                rc = cli_usage_error(CMD, "--today: %s", err.message);
                break;
            }
            env.today_fixed = true;
            env.today = today;
            break;
        }
        case 'h': fputs(QUERY_HELP, stdout); np_collection_free(c); free(params); return CLI_OK;
        case ':': rc = cli_usage_error(CMD, "%s needs a value", argv[optind - 1]); break;
        default: rc = cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]); break;
        }
    }
    if (rc == CLI_OK && list && optind < argc)
        rc = cli_usage_error(CMD, "--list-fields takes no query or files (got \"%s\")", argv[optind]);
    else if (rc == CLI_OK && list) list_fields(c);
    else if (rc == CLI_OK && optind >= argc) rc = cli_usage_error(CMD, "expected a query and at least one file or folder");
    else if (rc == CLI_OK && optind + 1 >= argc) rc = cli_usage_error(CMD, "expected at least one file or folder after the query");
    else if (rc == CLI_OK) rc = run_query(c, argc, argv, fmt, fields_spec, limit, keep_going, unique, &env);
    np_collection_free(c);
    free(params);
    return rc;
}

/* ---- natopost eligibility ---- */

static np_status emit_text(const np_emitter *em, const char *key, const char *text)
{
    np_status st = em->key(em->user, key);
    if (st == NP_OK) st = text ? em->string(em->user, text, strlen(text)) : em->null(em->user);
    return st;
}

typedef struct {
    np_collection *collection;
    const np_candidate *candidate;
} eligibility_run;

/* One object per posting: which posting and candidate, then the core's
 * eligibility members (np_emit_eligibility's shape, as Python and Lua give
 * it). */
static np_status emit_posting_eligibility(const np_emitter *em, const np_posting *p,
                                          const np_candidate *cand, np_error *err)
{
    np_eligibility e;
    np_status st = np_eligibility_check(&e, cand, p, err);
    if (st == NP_OK) st = em->begin_object(em->user, 4 + NP_EMIT_ELIGIBILITY_MEMBERS);
    if (st == NP_OK) st = emit_text(em, "id", p->id);
    if (st == NP_OK) st = emit_text(em, "title", p->title);
    if (st == NP_OK) st = emit_text(em, "source", p->source);
    if (st == NP_OK) st = emit_text(em, "candidate", cand->name);
    if (st == NP_OK) st = np_emit_eligibility_members(em, &e, p, err);
    if (st == NP_OK) st = em->end_object(em->user);
    np_eligibility_clear(&e);
    return st;
}

static np_status emit_eligibilities(const np_emitter *em, const void *arg, np_error *err)
{
    const eligibility_run *run = arg;
    np_status st = em->begin_array(em->user, np_collection_count(run->collection));
    for (size_t row = 0; st == NP_OK && row < np_collection_count(run->collection); row++) {
        const np_posting *p = np_collection_posting(run->collection, row, err);
        st = p ? emit_posting_eligibility(em, p, run->candidate, err) : err->code;
    }
    return st == NP_OK ? em->end_array(em->user) : st;
}

static void eligibility_table(const np_posting *p, const np_eligibility *e)
{
    printf("%s  %s: %s (essential: %zu met, %zu not met, %zu cannot tell; desirable: %zu of %zu met)\n",
           p->id ? p->id : "?", p->title ? p->title : "(no title)", np_verdict_name(e->verdict), e->essential_met,
           e->essential_not_met, e->essential_cannot_tell, e->desirable_met, e->desirable_count);
    for (size_t i = 0; i < e->check_count; i++) {
        const np_check *k = &e->checks[i];
        char status[24];
        snprintf(status, sizeof status, "[%s]", np_check_status_name(k->status));
        printf("  %-14s %-9s %-11s %s\n", status, k->essential ? "essential" : "desirable",
               np_req_kind_name(k->kind), k->reason);
    }
}

static const struct option ELIGIBILITY_OPTIONS[] = {
    {"candidate", required_argument, NULL, OPT_CANDIDATE},
    {"json", no_argument, NULL, OPT_JSON},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cli_eligibility(int argc, char **argv)
{
    static const char CMD[] = "eligibility";
    const char *candidate_path = NULL;
    bool json = false, keep_going = false;
    int opt;
    optind = 1;
    opterr = 0;
    unsigned long long seen = 0;
    while ((opt = getopt_long(argc, argv, ":h", ELIGIBILITY_OPTIONS, NULL)) != -1) {
        const int once = cli_option_once(CMD, ELIGIBILITY_OPTIONS, opt, &seen);
        if (once) return once;
        switch (opt) {
        case OPT_CANDIDATE:
            candidate_path = optarg;
            break;
        case OPT_JSON: json = true; break;
        case OPT_KEEP_GOING: keep_going = true; break;
        case 'h': fputs(ELIGIBILITY_HELP, stdout); return CLI_OK;
        case ':': return cli_usage_error(CMD, "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (!candidate_path) return cli_usage_error(CMD, "--candidate FILE is required");
    if (optind >= argc) return cli_usage_error(CMD, "expected at least one file or folder");
    np_candidate cand;
    int rc = load_candidate(CMD, NULL, candidate_path, &cand);
    if (rc) return rc;
    np_collection *c;
    np_error err;
    if (np_collection_new(&c, &err) != NP_OK) return cli_fail(CMD, &err);
    rc = cli_load_paths(CMD, c, argv + optind, argc - optind, keep_going);
    if (rc == CLI_OK && json) {
        const eligibility_run run = {c, &cand};
        char *text;
        if (np_emit_json(&text, emit_eligibilities, &run, true, &err) != NP_OK) rc = cli_fail(CMD, &err);
        else printf("%s\n", text);
        if (rc == CLI_OK) np_free(text);
    }
    for (size_t row = 0; rc == CLI_OK && !json && row < np_collection_count(c); row++) {
        const np_posting *p = np_collection_posting(c, row, &err);
        np_eligibility e;
        if (!p || np_eligibility_check(&e, &cand, p, &err) != NP_OK) {
            rc = cli_fail(CMD, &err);
            break;
        }
        eligibility_table(p, &e);
        np_eligibility_clear(&e);
    }
    rc = cli_skipped_status(c, rc);
    np_collection_free(c);
    return rc;
}
