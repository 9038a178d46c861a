/* Helpers every subcommand shares: options given once, escaped file names,
 * and the final check that standard output was written. */
#define _GNU_SOURCE /* getopt_long's struct option */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_option_once(const char *cmd, const struct option *options, int code, unsigned long long *seen)
{
    const int bit = code - CLI_OPT_BASE;
    if (bit < 0 || bit >= 64) return CLI_OK; /* -h and the like */
    if (!(*seen & (1ULL << bit))) {
        *seen |= 1ULL << bit;
        return CLI_OK;
    }
    const char *name = "?";
    for (const struct option *o = options; o->name; o++)
        if (o->val == code) name = o->name;
    return cli_usage_error(cmd, "--%s given twice", name);
}

const char *cli_printable(const char *s, char **buf, size_t *cap)
{
    size_t extra = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '\\') extra += 3;
    if (!extra) return s;
    const size_t need = strlen(s) + extra + 1;
    if (need > *cap) {
        char *bigger = realloc(*buf, need);
        if (!bigger) return "(out of memory)";
        *buf = bigger;
        *cap = need;
    }
    char *o = *buf;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *named = *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : *p == '\t' ? "\\t" : *p == '\\' ? "\\\\" : NULL;
        if (named) {
            memcpy(o, named, 2);
            o += 2;
        } else if (*p < 0x20 || *p == 0x7F) {
            o += sprintf(o, "\\x%02X", *p);
        } else {
            *o++ = (char)*p;
        }
    }
    *o = '\0';
    return *buf;
}

int cli_finish_output(const char *cmd, int rc)
{
    int failed = ferror(stdout), saved = 0;
    if (fflush(stdout) != 0) {
        failed = 1;
        saved = errno;
    }
    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed) return rc;
    if (rc == CLI_OK) { /* a command that failed has said why already */
        fprintf(stderr, "natopost%s%s: cannot write the output: %s\n", cmd ? " " : "", cmd ? cmd : "",
                saved ? strerror(saved) : "write error");
        rc = CLI_IO;
    }
    return rc;
}

const char *cli_plural(long long n, const char *one, const char *many)
{
    return n == 1 || n == -1 ? one : many;
}
