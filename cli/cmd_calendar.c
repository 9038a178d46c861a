/* natopost calendar: the application deadlines of postings as iCalendar. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char CMD[] = "calendar";

static const char HELP[] =
    "usage: natopost calendar PATH... [--dtstamp UNIX_SECONDS]\n"
    "\n"
    "Reads the postings of every PATH (a notice's text, posting JSON -- .json,\n"
    ".ndjson, .jsonl -- or a folder of them) and prints an iCalendar file (RFC\n"
    "5545) with one event per posting that states an application deadline: all\n"
    "day, or at the stated time as a floating local time (no time zone, as the\n"
    "notices state it). UIDs come from the posting's id, so a re-import updates.\n"
    "\n"
    "options:\n"
    "  --dtstamp N   the creation time written as DTSTAMP (default: now)\n"
    "  -h, --help    show this help\n";

static const struct option OPTIONS[] = {
    {"dtstamp", required_argument, NULL, 'd'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int cli_calendar(int argc, char **argv)
{
    long long dtstamp = (long long)time(NULL);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'd': {
            char *end;
            dtstamp = strtoll(optarg, &end, 10);
            if (!*optarg || *end)
                return cli_usage_error(CMD, "--dtstamp expects Unix seconds, got \"%s\"", optarg);
            break;
        }
        case 'h': fputs(HELP, stdout); return CLI_OK;
        case ':': return cli_usage_error(CMD, "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error(CMD, "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (optind >= argc) return cli_usage_error(CMD, "at least one PATH is required");
    np_error err;
    np_collection *coll;
    if (np_collection_new(&coll, &err) != NP_OK) return cli_fail(CMD, &err);
    for (int i = optind; i < argc; i++) {
        if (np_collection_add_path(coll, argv[i], &err) != NP_OK) {
            np_collection_free(coll);
            return cli_fail(CMD, &err);
        }
    }
    char *text = np_collection_to_ical(coll, (int64_t)dtstamp, &err);
    np_collection_free(coll);
    if (!text) return cli_fail(CMD, &err);
    fputs(text, stdout);
    np_free(text);
    if (fflush(stdout) != 0) {
        perror("natopost calendar: writing output");
        return CLI_IO;
    }
    return CLI_OK;
}
