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
 * Encodings, by one rule (checked in this order):
 *   - a UTF-16 byte order mark (FF FE little endian, FE FF big endian): the
 *     text is UTF-16 and is decoded; an unpaired surrogate, a NUL character
 *     or an odd number of bytes is an error;
 *   - valid UTF-8 is read as it is (a UTF-8 byte order mark is dropped);
 *   - text that is not valid UTF-8 is read as Windows-1252 (whose printable
 *     part includes Latin-1's) when every byte maps to a character and no
 *     valid multi-byte UTF-8 sequence is in it (mixed text would be garbled
 *     either way);
 *   - anything else is an error: a NUL byte, one of the five bytes
 *     Windows-1252 leaves undefined (81 8D 8F 90 9D) in text that is not
 *     UTF-8, mixed UTF-8 and Windows-1252.
 * A decoded text gets an info diagnostic (field "encoding") naming its
 * encoding. Errors give the line, column (bytes) and offset of the first
 * offending byte in the text as given; decoding keeps line breaks, so the
 * lines of fields and diagnostics are those of the source.
 *
 * posting->language is "en" or "fr" when the notice's function words say
 * so clearly, "" (with an info diagnostic) otherwise.
 *
 * posting->id is the requisition number when the notice states one, else
 * "fnv1a:" and 16 hex digits of FNV-1a (64 bits) over the normalised text,
 * lower-cased, without its whitespace and without the site boilerplate
 * sections (recruitment process, additional information, footers), so the
 * same notice copied with CRLF line ends, NBSP, other line breaks or another
 * site's footer gets the same id. A posting's identity for duplicates adds
 * the body to the requisition number (np_posting_identity, posting.h).
 *
 * Posting JSON is not a notice: text that opens like posting JSON (after an
 * optional UTF-8 byte order mark and blanks, "{" then a key or "}", or "["
 * then "{" or "]") is refused with NP_EPARSE naming load
 * (np_notice_is_posting_json says it beforehand).
 */
#ifndef NATOPOST_NOTICE_H
#define NATOPOST_NOTICE_H

#include <stdbool.h>
#include <natopost/export.h>

#include <stddef.h>

#include "natopost/error.h"
#include "natopost/posting.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads `text` (len bytes in an encoding of the rule above; need not be
 * NUL-terminated) into a new
 * posting (free with np_posting_free). `source` (may be NULL) is copied into
 * posting->source. Unreadable parts become diagnostics, not errors: the call
 * fails only for input that is not a notice at all -- empty or blank text,
 * bytes of no supported encoding or NUL bytes (NP_EPARSE with line and column), or more than
 * NP_NOTICE_MAX_BYTES (NP_EINVAL) -- or when memory runs out (NP_ENOMEM). */
NP_API np_status np_notice_read(np_posting **out, const char *text, size_t len, const char *source,
                         np_error *err);

/* np_notice_read on a file's contents; `source` becomes the path. NP_EIO
 * (with the path and the system's reason) when the file cannot be read. */
NP_API np_status np_notice_read_file(np_posting **out, const char *path, np_error *err);

/* True when `text` opens like posting JSON (an object or an array of
 * objects, rule above): load it with np_posting_list_read_json. */
NP_API bool np_notice_is_posting_json(const char *text, size_t len);

#define NP_NOTICE_MAX_BYTES ((size_t)16 * 1024 * 1024) /* 16 MiB: notices are ~15 KB */

#ifdef __cplusplus
}
#endif
#endif
