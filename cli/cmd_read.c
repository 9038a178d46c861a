/* natopost read: vacancy notices (text copied from job sites) as postings. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char CMD[] = "read";

static const char HELP[] =
    "usage: natopost read PATH... [--json | --record | --jsonld | --table] [--keep-going]\n"
    "\n"
    "Reads NATO vacancy notices as copied from job sites (plain text; UTF-8,\n"
    "UTF-16 with a byte order mark or Windows-1252), posting JSON files (told\n"
    "apart by content: an array, one object or NDJSON) and folders of them\n"
    "(*.txt, *.json, *.ndjson, *.jsonl, in name order), and\n"
    "prints what each one states: title, body, location, division, grade,\n"
    "deadline, clearance, languages, experience, contract terms, counts of\n"
    "competencies and requirements, and the reader's diagnostics with their\n"
    "line numbers. What a notice does not state is shown as \"-\".\n"
    "\n"
    "options:\n"
    "  --table     one row per notice: title, grade, division, deadline,\n"
    "              languages, experience\n"
    "  --json      the natopost posting JSON: one object when PATH is one notice\n"
    "              file; an array (even of 0 or 1) for a folder, several paths\n"
    "              or a posting JSON file (null when --keep-going skipped the\n"
    "              one notice)\n"
    "  --record    the posting record, as Python's Posting.to_dict() and Lua's\n"
    "              p:to_table() give it: the JSON's members but \"format\", the\n"
    "              grade as text, the deadline's date and \"deadline_time\" apart\n"
    "              (object or array as for --json)\n"
    "  --jsonld    schema.org JobPosting JSON-LD (object or array as for --json)\n"
    "  --keep-going  skip files that cannot be read and name each one on stderr\n"
    "              (path, line, column, message); the others are printed\n"
    "  -h, --help  show this help\n"
    "\n"
    "A file given or listed twice is read once (noted on stderr).\n"
    "\n"
    "Exit status: 0 success, 1 a file cannot be read, 2 a file is not a notice\n"
    "(empty, NUL bytes, bytes of no supported encoding, too large) or bad usage,\n"
    "3 success, but --keep-going skipped some files.\n"
    "\n"
    "example: natopost read examples/postings/*.txt --table\n";

enum { OPT_JSON = 1000, OPT_RECORD, OPT_JSONLD, OPT_TABLE, OPT_KEEP_GOING };

static const struct option OPTIONS[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"record", no_argument, NULL, OPT_RECORD},
    {"jsonld", no_argument, NULL, OPT_JSONLD},
    {"table", no_argument, NULL, OPT_TABLE},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef enum format { FMT_SUMMARY, FMT_TABLE, FMT_JSON, FMT_RECORD, FMT_JSONLD } format;

/* ---- short descriptions of typed values -------------------------------------- */

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

static void describe_languages(const np_language_req *l, char *buf, size_t size)
{
    switch (l->form) {
    case NP_LANG_BOTH:
        snprintf(buf, size, "%s in both%s", np_lang_level_numeral(l->one),
                 l->or_higher ? " or higher" : "");
        break;
    case NP_LANG_NAMED: {
        int n = 0;
        if (l->english) n = snprintf(buf, size, "English %s", np_lang_level_numeral(l->english));
        if (l->french && n >= 0 && (size_t)n < size)
            snprintf(buf + n, size - (size_t)n, "%sFrench %s", n ? ", " : "",
                     np_lang_level_numeral(l->french));
        if (l->or_higher) {
            size_t k = strlen(buf);
            snprintf(buf + k, size - k, " or higher");
        }
        break;
    }
    default:
        snprintf(buf, size, "%s / %s (either language)", np_lang_level_numeral(l->one),
                 np_lang_level_numeral(l->other));
    }
}

/* The first typed requirement of a kind, essential before desirable. */
static const np_requirement *find_req(const np_posting *p, np_req_kind kind, bool *essential)
{
    const np_requirement *r = np_posting_find_requirement(p, kind, true);
    *essential = r != NULL;
    return r ? r : np_posting_find_requirement(p, kind, false);
}

static void describe_req(const np_posting *p, np_req_kind kind, char *buf, size_t size, bool tag)
{
    bool essential;
    const np_requirement *r = find_req(p, kind, &essential);
    if (!r) {
        snprintf(buf, size, "-");
        return;
    }
    char text[128];
    switch (kind) {
    case NP_REQ_LANGUAGES: describe_languages(&r->as.languages, text, sizeof text); break;
    case NP_REQ_EXPERIENCE: snprintf(text, sizeof text, ">= %g years", r->as.experience.min_years); break;
    case NP_REQ_STANAG: np_stanag_format(r->as.stanag, text); break;
    case NP_REQ_TRAVEL:
        if (r->as.travel.percent >= 0) snprintf(text, sizeof text, "about %d%%", r->as.travel.percent);
        else snprintf(text, sizeof text, "when required (no share stated)");
        break;
    case NP_REQ_DEGREE:
        snprintf(text, sizeof text, "%s%s",
                 r->as.degree.level == NP_DEGREE_POSTGRADUATE ? "post-graduate" : "university",
                 r->as.degree.equivalent_accepted ? " (or equivalent)" : "");
        break;
    case NP_REQ_SOFTWARE: snprintf(text, sizeof text, "%s", or_dash(r->as.software.names)); break;
    default: snprintf(text, sizeof text, "%s", r->text);
    }
    if (tag) snprintf(buf, size, "%s (%s, line %d)", text, essential ? "essential" : "desirable", r->line);
    else snprintf(buf, size, "%s", text);
}

static void describe_grade(const np_posting *p, char *buf, size_t size)
{
    if (!np_grade_is_known(p->grade)) {
        snprintf(buf, size, "-");
        return;
    }
    char g[NP_GRADE_TEXT_MAX];
    np_grade_format(p->grade, g);
    snprintf(buf, size, "%s", g);
}

static void describe_deadline(const np_posting *p, char *buf, size_t size)
{
    if (p->deadline.date == NP_DATE_NONE) {
        snprintf(buf, size, "-");
        return;
    }
    char date[NP_DATE_ISO_LEN + 1];
    np_date_format(p->deadline.date, date);
    if (p->deadline.minute >= 0)
        snprintf(buf, size, "%s %02d:%02d", date, p->deadline.minute / 60, p->deadline.minute % 60);
    else
        snprintf(buf, size, "%s", date);
}

/* ---- the readable summary ------------------------------------------------------------ */

static void row(const char *name, const char *value, int line)
{
    if (line > 0 && value && *value && strcmp(value, "-") != 0)
        printf("  %-14s %s  (line %d)\n", name, value, line);
    else
        printf("  %-14s %s\n", name, or_dash(value));
}

static void print_months(const char *what, int months, bool *first)
{
    if (months < 0) return;
    printf("%s%s %d %s", *first ? "" : ", ", what, months, cli_plural(months, "month", "months"));
    *first = false;
}

static void print_summary(const np_posting *p)
{
    char buf[256];
    char *escaped = NULL; /* the header is one line whatever the file name holds */
    size_t escaped_cap = 0;
    printf("%s\n", cli_printable(or_dash(p->source), &escaped, &escaped_cap));
    free(escaped);
    row("id", p->id, 0);
    row("title", p->title, p->lines.title);
    row("body", p->body, p->lines.body);
    row("location", p->location, p->lines.location);
    row("division", p->division, p->lines.division);
    row("directorate", p->directorate, p->lines.directorate);
    row("section", p->section, p->lines.section);
    describe_grade(p, buf, sizeof buf);
    row("grade", buf, p->lines.grade);
    if (p->salary.amount >= 0) {
        snprintf(buf, sizeof buf, "%.2f%s%s%s%s%s", p->salary.amount, p->salary.currency[0] ? " " : "",
                 p->salary.currency, p->salary.basis ? " (" : "", p->salary.basis ? p->salary.basis : "",
                 p->salary.basis ? ")" : "");
        row("salary", buf, p->lines.salary);
    } else {
        row("salary", NULL, 0);
    }
    describe_deadline(p, buf, sizeof buf);
    row("deadline", buf, p->lines.deadline);
    if (p->published != NP_DATE_NONE) {
        np_date_format(p->published, buf);
        row("published", buf, p->lines.published);
    }
    if (p->updated != NP_DATE_NONE) {
        np_date_format(p->updated, buf);
        row("updated", buf, p->lines.updated);
    }
    if (p->requisition) row("requisition", p->requisition, p->lines.requisition);
    snprintf(buf, sizeof buf, "%s%s", np_clearance_name(p->clearance), p->clearance_atomal ? " ATOMAL" : "");
    row("clearance", buf, p->lines.clearance);
    if (p->fast_track == NP_YES) row("fast track", "yes", p->lines.fast_track);
    describe_req(p, NP_REQ_LANGUAGES, buf, sizeof buf, true);
    row("languages", buf, 0);
    if (np_posting_find_requirement(p, NP_REQ_STANAG, true) ||
        np_posting_find_requirement(p, NP_REQ_STANAG, false)) {
        describe_req(p, NP_REQ_STANAG, buf, sizeof buf, true);
        row("STANAG 6001", buf, 0);
    }
    describe_req(p, NP_REQ_EXPERIENCE, buf, sizeof buf, true);
    row("experience", buf, 0);
    describe_req(p, NP_REQ_DEGREE, buf, sizeof buf, true);
    row("degree", buf, 0);
    printf("  %-14s ", "contract");
    const np_contract_terms *c = &p->contract;
    if (!c->stated) {
        printf("-\n");
    } else {
        bool first = true;
        print_months("definite duration", c->definite_months, &first);
        if (c->renewal_months == 0) printf("%snot renewable", first ? "" : ", "), first = false;
        else print_months("renewal up to", c->renewal_months, &first);
        print_months("maximum", c->max_service_months, &first);
        if (c->conversion_possible != NP_UNKNOWN)
            printf("%sconversion %s", first ? "" : "; ", c->conversion_possible == NP_YES ? "possible" : "not possible"), first = false;
        if (c->twin_grade_note) printf("%stwin-grade note", first ? "" : "; "), first = false;
        if (first) printf("stated, no durations");
        printf("  (line %d)\n", c->line);
    }
    size_t essential = 0, desirable = 0;
    for (size_t i = 0; i < p->requirement_count; i++)
        p->requirements[i].essential ? essential++ : desirable++;
    printf("  %-14s %zu %s, %zu %s; requirements: %zu essential, %zu desirable\n", "counts", p->competency_count,
           cli_plural((long long)p->competency_count, "competency", "competencies"), p->accountability_count,
           cli_plural((long long)p->accountability_count, "accountability", "accountabilities"), essential,
           desirable);
    if (p->diagnostic_count) printf("  diagnostics\n");
    static const char *const SEVERITY[] = {"info", "warning", "error"};
    for (size_t i = 0; i < p->diagnostic_count; i++) {
        const np_diagnostic *d = &p->diagnostics[i];
        if (d->line > 0) printf("    line %-4d %-7s %s: %s\n", d->line, SEVERITY[d->severity], or_dash(d->field), d->message);
        else printf("    %-9s %-7s %s: %s\n", "(notice)", SEVERITY[d->severity], or_dash(d->field), d->message);
    }
}

/* ---- the table ---------------------------------------------------------------------------- */

enum { COLS = 6, CELL = 64 };

static void cell(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n < CELL) {
        memcpy(dst, src, n + 1);
        return;
    }
    /* cut at a character boundary and mark the cut */
    size_t k = CELL - 4;
    while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80) k--;
    memcpy(dst, src, k);
    memcpy(dst + k, "...", 4);
}

/* Display width: UTF-8 characters, not bytes. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) w++;
    return w;
}

static void print_table(np_posting *const *postings, size_t count)
{
    static const char *const HEAD[COLS] = {"title", "grade", "division", "deadline", "languages", "experience"};
    char(*cells)[COLS][CELL] = calloc(count ? count : 1, sizeof *cells);
    if (!cells) {
        fputs("natopost read: out of memory\n", stderr);
        return;
    }
    size_t w[COLS];
    for (int c = 0; c < COLS; c++) w[c] = strlen(HEAD[c]);
    for (size_t i = 0; i < count; i++) {
        const np_posting *p = postings[i];
        char buf[256];
        cell(cells[i][0], or_dash(p->title));
        describe_grade(p, buf, sizeof buf);
        cell(cells[i][1], buf);
        cell(cells[i][2], or_dash(p->division));
        describe_deadline(p, buf, sizeof buf);
        cell(cells[i][3], buf);
        describe_req(p, NP_REQ_LANGUAGES, buf, sizeof buf, false);
        if (strcmp(buf, "-") == 0) describe_req(p, NP_REQ_STANAG, buf, sizeof buf, false);
        cell(cells[i][4], buf);
        describe_req(p, NP_REQ_EXPERIENCE, buf, sizeof buf, false);
        cell(cells[i][5], buf);
        for (int c = 0; c < COLS; c++)
            if (width(cells[i][c]) > w[c]) w[c] = width(cells[i][c]);
    }
    for (int c = 0; c < COLS; c++) printf("%s%-*s", c ? "  " : "", c == COLS - 1 ? 0 : (int)w[c], HEAD[c]);
    printf("\n");
    for (int c = 0; c < COLS; c++) {
        printf("%s", c ? "  " : "");
        for (size_t k = 0; k < w[c]; k++) putchar('-');
    }
    printf("\n");
    for (size_t i = 0; i < count; i++) {
        for (int c = 0; c < COLS; c++) {
            const char *s = cells[i][c];
            printf("%s%s", c ? "  " : "", s);
            if (c < COLS - 1)
                for (size_t k = width(s); k < w[c]; k++) putchar(' ');
        }
        printf("\n");
    }
    free(cells);
}

/* ---- JSON ----------------------------------------------------------------------------------- */

/* True when the arguments are one notice file: not a folder, not posting
 * JSON (told apart by content, as the collection reads it). Its posting
 * prints as one object; anything else prints as an array whatever the count,
 * so that a script reading a folder always gets an array. A path that is not
 * a regular file (a pipe) is not read twice: one posting from it is taken as
 * a notice's. */
static bool one_notice_file(char *const *paths, int count, size_t postings)
{
    struct stat st;
    if (count != 1 || stat(paths[0], &st) != 0 || S_ISDIR(st.st_mode)) return false;
    if (!S_ISREG(st.st_mode)) return postings == 1;
    FILE *f = fopen(paths[0], "rb");
    if (!f) return false;
    char head[4096]; /* the opening decides: a byte order mark, blanks, then { or [ */
    const size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return !np_notice_is_posting_json(head, n);
}

typedef struct posting_set {
    np_posting *const *postings;
    size_t count;
    bool one; /* one object, not an array (one_notice_file) */
} posting_set;

/* The core's posting record (np_emit_posting) of each posting. */
static np_status emit_records(const np_emitter *em, const void *arg, np_error *err)
{
    const posting_set *set = arg;
    if (set->one) return set->count ? np_emit_posting(em, set->postings[0], err) : em->null(em->user);
    np_status st = em->begin_array(em->user, set->count);
    for (size_t i = 0; st == NP_OK && i < set->count; i++) st = np_emit_posting(em, set->postings[i], err);
    return st == NP_OK ? em->end_array(em->user) : st;
}

static int print_json(const posting_set *set, format fmt)
{
    np_error err;
    char *text = NULL;
    np_status st;
    const size_t count = set->count;
    if (fmt == FMT_RECORD) {
        if (np_emit_json(&text, emit_records, set, true, &err) != NP_OK) return cli_fail(CMD, &err);
        printf("%s\n", text);
        np_free(text);
        return CLI_OK;
    }
    if (set->one && count == 0) { /* --keep-going skipped the one notice */
        puts("null");
        return CLI_OK;
    }
    if (fmt == FMT_JSON) {
        if (set->one) st = np_posting_to_json(&text, set->postings[0], true, &err);
        else st = np_posting_list_to_json(&text, (const np_posting *const *)set->postings, count, false, &err);
        if (st != NP_OK) return cli_fail(CMD, &err);
        const size_t len = strlen(text);
        fputs(text, stdout);
        if (!len || text[len - 1] != '\n') fputc('\n', stdout);
        np_free(text);
        return CLI_OK;
    }
    if (!set->one) fputs(count ? "[\n" : "[", stdout);
    for (size_t i = 0; i < count; i++) {
        if (np_posting_to_jsonld(&text, set->postings[i], &err) != NP_OK) return cli_fail(CMD, &err);
        fputs(text, stdout);
        np_free(text);
        fputs(i + 1 < count ? ",\n" : "\n", stdout);
    }
    if (!set->one) fputs("]\n", stdout);
    return CLI_OK;
}

int cli_read(int argc, char **argv)
{
    format fmt = FMT_SUMMARY;
    int formats = 0, keep_going = 0;
    optind = 1;
    opterr = 0;
    int c;
    unsigned long long seen = 0;
    while ((c = getopt_long(argc, argv, ":h", OPTIONS, NULL)) != -1) {
        const int once = cli_option_once(CMD, OPTIONS, c, &seen);
        if (once) return once;
        switch (c) {
        case OPT_JSON: fmt = FMT_JSON; formats++; break;
        case OPT_RECORD: fmt = FMT_RECORD; formats++; break;
        case OPT_JSONLD: fmt = FMT_JSONLD; formats++; break;
        case OPT_TABLE: fmt = FMT_TABLE; formats++; break;
        case OPT_KEEP_GOING: keep_going = 1; break;
        case 'h': fputs(HELP, stdout); return CLI_OK;
        default: return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (formats > 1) return cli_usage_error(CMD, "--json, --record, --jsonld and --table cannot be combined");
    if (optind >= argc) return cli_usage_error(CMD, "no notice file given");
    np_collection *all;
    np_error err;
    if (np_collection_new(&all, &err) != NP_OK) return cli_fail(CMD, &err);
    int rc = cli_load_paths(CMD, all, argv + optind, argc - optind, keep_going);
    const size_t count = np_collection_count(all);
    /* borrowed from the collection (lossless: the postings as read) */
    np_posting **postings = rc == CLI_OK ? calloc(count ? count : 1, sizeof *postings) : NULL;
    if (rc == CLI_OK && !postings) rc = cli_usage_error(CMD, "out of memory");
    for (size_t i = 0; rc == CLI_OK && i < count; i++)
        if (!(postings[i] = (np_posting *)np_collection_posting(all, i, &err))) rc = cli_fail(CMD, &err);
    if (rc == CLI_OK) {
        switch (fmt) {
        case FMT_TABLE: print_table(postings, count); break;
        case FMT_JSON:
        case FMT_RECORD:
        case FMT_JSONLD: {
            const posting_set set = {postings, count, one_notice_file(argv + optind, argc - optind, count)};
            rc = print_json(&set, fmt);
            break;
        }
        default:
            for (size_t i = 0; i < count; i++) {
                if (i) printf("\n");
                print_summary(postings[i]);
            }
        }
    }
    free(postings);
    rc = cli_skipped_status(all, rc);
    np_collection_free(all);
    return rc;
}
