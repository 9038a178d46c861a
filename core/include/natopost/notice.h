/* natopost/notice.h -- reads a vacancy notice, as copied from a job site,
 * into a posting.
 *
 * The reader works in two passes: it segments the text into sections
 * (header block, summary, qualifications, accountabilities,
 * interrelationships, competencies, contract, site boilerplate) whatever the
 * layout ("1. SUMMARY", "1.SUMMARY", "- SUMMARY", "SUMMARY:", bullets,
 * upper-case headings, run-together words, Spanish site labels), then runs a
 * recogniser per field over the relevant section. What it cannot read stays
 * "not stated" and gets a diagnostic with its line; it never invents a value.
 *
 * posting->id is the requisition number when the notice states one, else
 * "fnv1a:" and 16 hex digits of FNV-1a (64 bits) over the normalised text,
 * so the same notice copied with CRLF line ends or NBSP gets the same id.
 */
#ifndef NATOPOST_NOTICE_H
#define NATOPOST_NOTICE_H

#include <stddef.h>

#include "natopost/error.h"
#include "natopost/posting.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads `text` (len bytes, UTF-8; need not be NUL-terminated) into a new
 * posting (free with np_posting_free). `source` (may be NULL) is copied into
 * posting->source. Unreadable parts become diagnostics, not errors: the call
 * fails only for input that is not a notice at all -- empty or blank text,
 * invalid UTF-8 or NUL bytes (NP_EPARSE with line and column), or more than
 * NP_NOTICE_MAX_BYTES (NP_EINVAL) -- or when memory runs out (NP_ENOMEM). */
np_status np_notice_read(np_posting **out, const char *text, size_t len, const char *source,
                         np_error *err);

/* np_notice_read on a file's contents; `source` becomes the path. NP_EIO
 * (with the path and the system's reason) when the file cannot be read. */
np_status np_notice_read_file(np_posting **out, const char *path, np_error *err);

#define NP_NOTICE_MAX_BYTES ((size_t)16 * 1024 * 1024) /* 16 MiB: notices are ~15 KB */

#ifdef __cplusplus
}
#endif
#endif
