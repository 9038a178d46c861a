/* natopost: read NATO vacancy notices and compute contract timelines. The
 * dispatch to the subcommands (cmd_*.c); their shared helpers are in
 * cli_util.c. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "natopost/natopost.h"

static const char USAGE[] =
    "usage: natopost <command> [options]\n"
    "\n"
    "commands:\n"
    "  timeline   contract and promotion timeline of an appointment\n"
    "  read       vacancy notices (text copied from job sites) as postings\n"
    "  query      select, sort and count postings with the query language\n"
    "  eligibility  check a candidate profile against postings' requirements\n"
    "  roster     month-by-month projection of a CSV roster of appointments\n"
    "  calendar   the application deadlines of postings as an iCalendar file\n"
    "\n"
    "Run 'natopost <command> --help' for a command's options.\n"
    "Exit status: 0 success, 1 file error, 2 bad input.\n";

static int run(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return CLI_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("natopost %s\n", NATOPOST_VERSION);
        return CLI_OK;
    }
    if (strcmp(cmd, "timeline") == 0) return cli_timeline(argc - 1, argv + 1);
    if (strcmp(cmd, "read") == 0) return cli_read(argc - 1, argv + 1);
    if (strcmp(cmd, "query") == 0) return cli_query(argc - 1, argv + 1);
    if (strcmp(cmd, "eligibility") == 0) return cli_eligibility(argc - 1, argv + 1);
    if (strcmp(cmd, "roster") == 0) return cli_roster(argc - 1, argv + 1);
    if (strcmp(cmd, "calendar") == 0) return cli_calendar(argc - 1, argv + 1);
    fprintf(stderr, "natopost: unknown command \"%s\" (see 'natopost --help')\n", cmd);
    return CLI_BAD_INPUT;
}

int main(int argc, char **argv)
{
    static const char *const COMMANDS[] = {"timeline", "read", "query", "eligibility", "roster",
                                           "calendar"};
    const char *cmd = NULL;
    for (size_t i = 0; argc > 1 && i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i]) == 0) cmd = COMMANDS[i];
    /* Every command's output, --help included, is checked once here. */
    return cli_finish_output(cmd, run(argc, argv));
}
