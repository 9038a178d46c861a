/* natopost timeline: the contract timeline of one appointment. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char CMD[] = "timeline";

static const char HELP[] =
    "usage: natopost timeline --start YYYY-MM-DD [options]\n"
    "\n"
    "Prints the contract and promotion timeline of a NATO appointment\n"
    "(rules: 3-year definite duration contract, renewal up to 3 years, 6 years\n"
    "at most, conversion window, twin-grade promotion).\n"
    "\n"
    "options:\n"
    "  --start DATE            entry-on-duty date (required)\n"
    "  --kind KIND             external (default), seconded or serving\n"
    "  --twin-grade            the post is twin-graded (e.g. G15/G16)\n"
    "  --reduction-months N    promotion wait reduced by N months (0..24; external, seconded)\n"
    "  --direct-higher         serving staff appointed directly to the higher grade\n"
    "  --initial-months N      initial contract length (policy default 36)\n"
    "  --renewal-months N      renewal length, 0 = not renewed (policy default 36)\n"
    "  --max-months N          maximum period of service (policy default 72)\n"
    "  --policy FILE           contract policy JSON (keys as in 'natopost timeline --json')\n"
    "  --posting FILE          a vacancy notice (text): its contract terms are the policy,\n"
    "                          twin-graded when its grade is twin or it has the twin-grade note\n"
    "  --on DATE               also print the status at the end of that day\n"
    "  --json                  print the timeline as JSON\n"
    "  --ics                   print the timeline as an iCalendar file\n"
    "  --dtstamp SECONDS       DTSTAMP of the iCalendar file (Unix time; default now)\n"
    "  -h, --help              show this help\n"
    "\n"
    "example: natopost timeline --start 2025-09-01 --twin-grade --on 2026-11-22\n";

enum { OPT_START = 1000, OPT_KIND, OPT_TWIN, OPT_REDUCTION, OPT_DIRECT, OPT_INITIAL, OPT_RENEWAL,
       OPT_MAX, OPT_POLICY, OPT_ON, OPT_JSON, OPT_ICS, OPT_DTSTAMP, OPT_POSTING };

static const struct option OPTIONS[] = {
    {"start", required_argument, NULL, OPT_START},
    {"kind", required_argument, NULL, OPT_KIND},
    {"twin-grade", no_argument, NULL, OPT_TWIN},
    {"reduction-months", required_argument, NULL, OPT_REDUCTION},
    {"direct-higher", no_argument, NULL, OPT_DIRECT},
    {"initial-months", required_argument, NULL, OPT_INITIAL},
    {"renewal-months", required_argument, NULL, OPT_RENEWAL},
    {"max-months", required_argument, NULL, OPT_MAX},
    {"policy", required_argument, NULL, OPT_POLICY},
    {"posting", required_argument, NULL, OPT_POSTING},
    {"on", required_argument, NULL, OPT_ON},
    {"json", no_argument, NULL, OPT_JSON},
    {"ics", no_argument, NULL, OPT_ICS},
    {"dtstamp", required_argument, NULL, OPT_DTSTAMP},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse_date_option(const char *option, const char *text, np_date *out)
{
    np_error err;
    if (np_date_parse(out, text, strlen(text), &err) != NP_OK)
        return cli_usage_error(CMD, "%s: %s", option, err.message);
    return CLI_OK;
}

/* The contract policy a notice states; a twin-graded post sets *twin. */
static int policy_of_posting(const char *path, np_policy *policy, bool *twin)
{
    np_error err;
    np_posting *p;
    if (np_notice_read_file(&p, path, &err) != NP_OK) return cli_fail(CMD, &err);
    bool twin_grade = false;
    np_status st = np_posting_policy(policy, &twin_grade, p, &err);
    np_posting_free(p);
    if (st != NP_OK) {
        np_error_prefix(&err, "--posting %s", path);
        return cli_fail(CMD, &err);
    }
    *twin = *twin || twin_grade;
    return CLI_OK;
}

static void print_table(const np_timeline *t, const np_day_status *status)
{
    const np_appointment *a = &t->appointment;
    char date[NP_DATE_ISO_LEN + 1];
    static const char *const WEEKDAYS[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    np_date_format(a->start, date);
    printf("Contract timeline: %s appointment%s, entry on duty %s\n", np_kind_name(a->kind),
           a->twin_grade ? ", twin-graded post" : "", date);
    printf("initial %d %s, renewal %d %s, maximum %d %s", a->initial_months,
           cli_plural(a->initial_months, "month", "months"), a->renewal_months,
           cli_plural(a->renewal_months, "month", "months"), a->max_months,
           cli_plural(a->max_months, "month", "months"));
    if (a->reduction_months)
        printf(", promotion wait reduced by %d %s", a->reduction_months,
               cli_plural(a->reduction_months, "month", "months"));
    printf("\n\n");

    /* Chronological order reads best; ties keep the spec's table order. */
    const np_event *order[NP_EVENT_COUNT];
    for (size_t i = 0; i < t->event_count; i++) {
        size_t j = i;
        while (j > 0 && order[j - 1]->date > t->events[i].date) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = &t->events[i];
    }
    printf("  %-10s  %-3s  %-24s  %s\n", "date", "day", "code", "event");
    for (size_t i = 0; i < t->event_count; i++) {
        const np_event *e = order[i];
        np_date_format(e->date, date);
        printf("  %s  %s  %-24s  %s%s%s\n", date, WEEKDAYS[np_date_weekday(e->date) - 1],
               np_event_code_name(e->code), np_event_label(e->code), e->note ? " -- " : "",
               e->note ? e->note : "");
    }
    if (t->note_count) printf("\nnotes:\n");
    for (size_t i = 0; i < t->note_count; i++) printf("  - %s\n", t->notes[i].text);
    if (status) {
        np_date_format(status->on, date);
        printf("\nstatus at the end of %s: phase %s, %d %s to the contract end, "
               "conversion window %s, %d %s served",
               date, np_phase_name(status->phase), (int)status->days_to_contract_end,
               cli_plural(status->days_to_contract_end, "day", "days"),
               status->conversion_window_open ? "open" : "closed", status->months_served,
               cli_plural(status->months_served, "month", "months"));
        if (status->twin_grade)
            printf(", promotion %s", status->promotion_possible ? "possible" : "not possible");
        printf("\n");
    }
}

int cli_timeline(int argc, char **argv)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    np_policy policy = np_policy_default();
    bool have_start = false, have_on = false, json = false, ics = false;
    bool have_policy = false, have_posting = false;
    np_date on = 0;
    long long dtstamp = (long long)time(NULL);
    np_error err;
    int rc;
    optind = 1;
    opterr = 0;
    int c;
    unsigned long long seen = 0;
    while ((c = getopt_long(argc, argv, ":h", OPTIONS, NULL)) != -1) {
        if ((rc = cli_option_once(CMD, OPTIONS, c, &seen))) return rc;
        switch (c) {
        case OPT_START:
            if ((rc = parse_date_option("--start", optarg, &a.start))) return rc;
            have_start = true;
            break;
        case OPT_KIND:
            if (np_kind_parse(&a.kind, optarg, &err) != NP_OK) return cli_usage_error(CMD, "--kind: %s", err.message);
            break;
        case OPT_TWIN: a.twin_grade = true; break;
        case OPT_DIRECT: a.direct_higher = true; break;
        case OPT_REDUCTION:
            if ((rc = cli_parse_int(CMD, "--reduction-months", optarg, &a.reduction_months))) return rc;
            break;
        case OPT_INITIAL:
            if ((rc = cli_parse_int(CMD, "--initial-months", optarg, &a.initial_months))) return rc;
            break;
        case OPT_RENEWAL:
            if ((rc = cli_parse_int(CMD, "--renewal-months", optarg, &a.renewal_months))) return rc;
            break;
        case OPT_MAX:
            if ((rc = cli_parse_int(CMD, "--max-months", optarg, &a.max_months))) return rc;
            break;
        case OPT_POLICY:
            if (have_posting) return cli_usage_error(CMD, "--policy and --posting cannot be combined");
            if (np_policy_load(&policy, optarg, &err) != NP_OK) return cli_fail(CMD, &err);
            have_policy = true;
            break;
        case OPT_POSTING:
            if (have_policy) return cli_usage_error(CMD, "--policy and --posting cannot be combined");
            if ((rc = policy_of_posting(optarg, &policy, &a.twin_grade))) return rc;
            have_posting = true;
            break;
        case OPT_ON:
            if ((rc = parse_date_option("--on", optarg, &on))) return rc;
            have_on = true;
            break;
        case OPT_JSON: json = true; break;
        case OPT_ICS: ics = true; break;
        case OPT_DTSTAMP: {
            char *end;
            dtstamp = strtoll(optarg, &end, 10);
            if (!*optarg || *end) return cli_usage_error(CMD, "--dtstamp expects Unix seconds, got \"%s\"", optarg);
            break;
        }
        case 'h': fputs(HELP, stdout); return CLI_OK;
        case ':': return cli_usage_error(CMD, "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (optind < argc) return cli_usage_error(CMD, "unexpected argument \"%s\"", argv[optind]);
    if (!have_start) return cli_usage_error(CMD, "--start YYYY-MM-DD is required");
    if (json && ics) return cli_usage_error(CMD, "--json and --ics cannot be combined");

    np_timeline t;
    if (np_timeline_build(&t, &policy, &a, &err) != NP_OK) return cli_fail(CMD, &err);
    np_day_status status;
    if (have_on) status = np_timeline_status(&t, on);

    if (json || ics) {
        char *text = json ? np_timeline_to_json(&t, have_on ? &status : NULL, &err)
                          : np_timeline_to_ical(&t, dtstamp, &err);
        if (!text) return cli_fail(CMD, &err);
        fputs(text, stdout);
        if (json) fputc('\n', stdout);
        np_free(text);
    } else {
        print_table(&t, have_on ? &status : NULL);
    }
    return CLI_OK;
}
