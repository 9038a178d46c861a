/* Helpers every subcommand shares: error reports and exit codes, strict
 * integer options, options given once, escaped file names, and the final
 * check that standard output was written. */
#define _GNU_SOURCE /* getopt_long's struct option */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "natopost/collection.h"

int cli_fail(const char *cmd, const np_error *err)
{
    fprintf(stderr, "natopost %s: %s\n", cmd, err->message);
    return err->code == NP_EIO ? CLI_IO : CLI_BAD_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "natopost %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'natopost %s --help')\n", cmd);
    return CLI_BAD_INPUT;
}

int cli_parse_int(const char *cmd, const char *option, const char *text, int *out)
{
    const char *p = text;
    int sign = 1;
    if (*p == '-' || *p == '+') sign = *p++ == '-' ? -1 : 1;
    if (!*p) return cli_usage_error(cmd, "%s expects an integer, got \"%s\"", option, text);
    long long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return cli_usage_error(cmd, "%s expects an integer, got \"%s\"", option, text);
        v = v * 10 + (*p - '0');
        if (v > 2147483648LL)
            return cli_usage_error(cmd, "%s: %s is too large", option, text);
    }
    v *= sign;
    if (v > 2147483647LL || v < -2147483647LL)
        return cli_usage_error(cmd, "%s: %s is too large", option, text);
    *out = (int)v;
    return CLI_OK;
}

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

int cli_load_paths(const char *cmd, np_collection *c, char **paths, int count, int keep_going)
{
    np_collection_set_on_error(c, keep_going ? NP_ON_ERROR_SKIP : NP_ON_ERROR_RAISE);
    int rc = CLI_OK;
    for (int i = 0; i < count && rc == CLI_OK; i++) {
        np_error err;
        if (np_collection_add_path(c, paths[i], &err) != NP_OK) rc = cli_fail(cmd, &err);
    }
    char *buf = NULL, *text = NULL; /* each line stays one line whatever the names hold */
    size_t cap = 0, text_cap = 0;
    for (size_t i = 0; i < np_collection_skip_count(c); i++) {
        const np_collection_skip *s = np_collection_skip_at(c, i);
        const char *message = s->message;
        const size_t n = strlen(s->path);
        /* the readers' messages start with the path: it is said once */
        if (strncmp(message, s->path, n) == 0 && message[n] == ':') message += n + 1 + (message[n + 1] == ' ');
        message = cli_printable(message, &text, &text_cap);
        const char *path = cli_printable(s->path, &buf, &cap);
        if (s->repeated) fprintf(stderr, "natopost %s: %s: %s\n", cmd, path, message);
        else if (s->line > 0 && !strstr(message, "line "))
            fprintf(stderr, "natopost %s: skipped %s: %s (line %d, column %d)\n", cmd, path, message, s->line,
                    s->column);
        else fprintf(stderr, "natopost %s: skipped %s: %s\n", cmd, path, message);
    }
    free(buf);
    free(text);
    np_collection_shrink(c, NULL);
    return rc;
}

int cli_skipped_status(const np_collection *c, int rc)
{
    if (rc != CLI_OK) return rc;
    for (size_t i = 0; i < np_collection_skip_count(c); i++)
        if (!np_collection_skip_at(c, i)->repeated) return CLI_SKIPPED;
    return rc;
}

const char *cli_plural(long long n, const char *one, const char *many)
{
    return n == 1 || n == -1 ? one : many;
}
