/* np_notice_read: validation, normalisation, segmentation, then one
 * recogniser per field family (see notice_internal.h for the pipeline). */
#include "natopost/notice.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/file_io.h"
#include "notice_internal.h"

/* The identity rule (notice.h): the requisition number when stated, else a
 * fingerprint of the lower-cased normalised text without its whitespace
 * and without the site boilerplate sections, so that the same notice saved
 * from two sites (other footers, other line breaks, CRLF, NBSP) gets one id. */
static np_status set_id(nt_doc *d)
{
    np_posting *p = d->p;
    if (p->requisition) return nt_set(d, &p->id, p->requisition, strlen(p->requisition));
    /* FNV-1a, 64 bits, over the bytes that are not blanks, in order: one
     * pass with no inner scans, as this runs on every notice read */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < d->count; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind == NT_BOILERPLATE) continue;
        const unsigned char *s = (const unsigned char *)nt_low(d, l);
        for (size_t k = 0; k < l->len; k++) {
            const unsigned char c = s[k];
            const uint64_t next = (h ^ c) * 0x100000001b3ULL;
            h = c == ' ' || c == '\t' ? h : next;
        }
    }
    char id[32];
    int n = snprintf(id, sizeof id, "fnv1a:%016" PRIx64, h);
    return nt_set(d, &p->id, id, (size_t)n);
}

bool np_notice_is_posting_json(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
    const char *ws = " \t\r\n";
    while (i < len && strchr(ws, text[i]) && text[i]) i++;
    if (i >= len || (text[i] != '{' && text[i] != '[')) return false;
    const char open = text[i++];
    while (i < len && strchr(ws, text[i]) && text[i]) i++;
    /* an object opens with a key; an array of postings with an object or
     * nothing: a notice never starts like that */
    if (i >= len) return false;
    return open == '{' ? text[i] == '"' || text[i] == '}' : text[i] == '{' || text[i] == ']';
}

static np_status missing_fields(nt_doc *d)
{
    const np_posting *p = d->p;
    if (p->deadline.date == NP_DATE_NONE)
        nt_diag(d, NP_DIAG_WARNING, 0, "deadline", "no application deadline stated");
    if (!np_grade_is_known(p->grade))
        nt_diag(d, NP_DIAG_WARNING, 0, "grade", "no grade stated");
    return d->status;
}

static bool blank(const nt_doc *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->lines[i].len) return false;
    return true;
}

np_status np_notice_read(np_posting **out, const char *text, size_t len, const char *source,
                         np_error *err)
{
    if (!out) return np_error_set(err, NP_EINVAL, "np_notice_read: out is NULL");
    *out = NULL;
    if (text && np_notice_is_posting_json(text, len))
        return np_error_set_at(err, NP_EPARSE, 1, 1, 0,
                               "this is posting JSON, not a notice's text: read it with load "
                               "(natopost.load, natopost read, a collection)");
    nt_text_in in;
    np_status st = nt_decode(&in, text, len, err);
    if (st != NP_OK) return st;
    nt_doc d;
    memset(&d, 0, sizeof d);
    d.err = err;
    d.status = NP_OK;
    d.p = np_posting_new();
    if (!d.p) {
        free(in.owned);
        return np_error_set(err, NP_ENOMEM, "out of memory");
    }
    st = nt_normalize(&d, in.text, in.len);
    free(in.owned);
    if (st != NP_OK) goto fail;
    if (in.encoding &&
        nt_diag(&d, NP_DIAG_INFO, 0, "encoding", "the text is not UTF-8: read as %s%s", in.encoding,
                in.encoding[0] == 'U' ? " (byte order mark)" : "") != NP_OK)
        goto fail;
    if (blank(&d)) {
        d.status = np_error_set_at(err, NP_EPARSE, 1, 1, 0, "the notice is blank (no text)");
        goto fail;
    }
    if (nt_read_language(&d) != NP_OK) goto fail;
    if (nt_segment(&d) != NP_OK) goto fail;
    if (nt_read_sections(&d) != NP_OK) goto fail;
    if (nt_read_header(&d) != NP_OK) goto fail;
    if (nt_read_org(&d) != NP_OK) goto fail;
    if (nt_read_requirements(&d) != NP_OK) goto fail;
    if (nt_read_contract(&d) != NP_OK) goto fail;
    if (missing_fields(&d) != NP_OK) goto fail;
    if (set_id(&d) != NP_OK) goto fail;
    if (source && nt_set(&d, &d.p->source, source, strlen(source)) != NP_OK) goto fail;
    nt_doc_free(&d);
    *out = d.p;
    return NP_OK;
fail:
    st = d.status;
    nt_doc_free(&d);
    np_posting_free(d.p);
    return st;
}

np_status np_notice_read_file(np_posting **out, const char *path, np_error *err)
{
    if (!out) return np_error_set(err, NP_EINVAL, "np_notice_read_file: out is NULL");
    *out = NULL;
    if (!path) return np_error_set(err, NP_EINVAL, "np_notice_read_file: path is NULL");
    char *text;
    size_t len;
    np_status st = npi_file_read_bounded(path, NP_NOTICE_MAX_BYTES, "notices are about 15 KB", &text,
                                         &len, err);
    if (st != NP_OK) return st;
    st = np_notice_read(out, text, len, path, err);
    free(text);
    if (st == NP_EPARSE) np_error_prefix(err, "%s", path);
    return st;
}
