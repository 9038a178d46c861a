/* The natopost command-line tool: one function per subcommand.
 * Exit codes: 0 success, 1 a file could not be read or written,
 * 2 bad input (usage, malformed value, out-of-range parameter),
 * 3 done, but --keep-going skipped some files (each named on stderr). */
#ifndef NATOPOST_CLI_H
#define NATOPOST_CLI_H

#include <stdio.h>

#include "natopost/error.h"

enum { CLI_OK = 0, CLI_IO = 1, CLI_BAD_INPUT = 2, CLI_SKIPPED = 3 };

int cli_timeline(int argc, char **argv);
int cli_read(int argc, char **argv); /* cmd_read.c */
int cli_query(int argc, char **argv);       /* cmd_query.c */
int cli_eligibility(int argc, char **argv); /* cmd_query.c */
int cli_roster(int argc, char **argv);      /* cmd_roster.c */
int cli_calendar(int argc, char **argv);    /* cmd_calendar.c */

/* ---- cli_util.c ---- */

/* Prints "natopost <cmd>: <message>" on one line to stderr; returns the exit
 * code for `err` (CLI_IO for NP_EIO, CLI_BAD_INPUT otherwise). */
int cli_fail(const char *cmd, const np_error *err);
/* Same for a usage problem found by the tool itself. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* `one` when n is 1 or -1, else `many`: "1 day", "2 days". */
const char *cli_plural(long long n, const char *one, const char *many);
/* Parses a decimal int option value strictly (no trailing text, in int range). */
int cli_parse_int(const char *cmd, const char *option, const char *text, int *out);

/* getopt_long codes of the long options: CLI_OPT_BASE + 0..63 in every command. */
enum { CLI_OPT_BASE = 1000 };
struct option;
/* Every option is given at most once (a repeated value would silently
 * replace the first): a usage error "--NAME given twice" when `code` is in
 * *seen, else records it. Codes outside the long-option range pass. */
int cli_option_once(const char *cmd, const struct option *options, int code, unsigned long long *seen);
/* `s` as it may appear inside one line of output: control characters as
 * \n, \r, \t or \xNN and backslashes doubled, so that a file name with a
 * newline cannot split a line. Returns `s` itself when nothing needs
 * escaping, else *buf (grown as needed; free it with free()). */
const char *cli_printable(const char *s, char **buf, size_t *cap);
/* Flushes and closes standard output; when that fails (a full disk,
 * /dev/full, a closed pipe), reports it for `cmd` (NULL: the tool itself)
 * and turns a success `rc` into CLI_IO. Returns the exit code. */
int cli_finish_output(const char *cmd, int rc);

/* Adds every path (file or folder) to `c` under the error policy of
 * --keep-going (skip) or not (raise, the default), then names each file
 * skipped on stderr, one line each: "natopost CMD: skipped PATH: MESSAGE
 * (line L, column C)" (or "... PATH: already loaded ..."). Returns CLI_OK or
 * the first failure's exit code. */
struct np_collection;
int cli_load_paths(const char *cmd, struct np_collection *c, char **paths, int count,
                   int keep_going);
/* CLI_SKIPPED when `rc` is CLI_OK and some file of `c` was skipped as bad
 * (a repeated file is only a note), else rc. */
int cli_skipped_status(const struct np_collection *c, int rc);

#endif
