/* natopost/posting_json.h -- postings as JSON: the versioned natopost form
 * ("format": "natopost.posting/1", schema in docs/posting.schema.json), many
 * postings as a JSON array or newline-delimited JSON, and schema.org
 * JobPosting JSON-LD.
 *
 * The natopost form is lossless: np_posting_from_json(np_posting_to_json(p))
 * equals p field for field (np_posting_equal). Unknown keys, wrong types and
 * out-of-range values are errors naming the JSON path ("requirements[2].line").
 */
#ifndef NATOPOST_POSTING_JSON_H
#define NATOPOST_POSTING_JSON_H

#include <natopost/export.h>

#include <stddef.h>

#include "natopost/error.h"
#include "natopost/posting.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NP_POSTING_FORMAT "natopost.posting/1"

/* Serialises one posting; *out is a NUL-terminated string to free with
 * np_free. `pretty`: indented, else compact on one line (NDJSON-ready). */
NP_API np_status np_posting_to_json(char **out, const np_posting *posting, bool pretty, np_error *err);

/* Parses one posting object; *out is freed with np_posting_free. */
NP_API np_status np_posting_from_json(np_posting **out, const char *text, size_t len, np_error *err);

/* Parses one posting record, the shape np_emit_posting gives (Python's
 * Posting.to_dict(), Lua's p:to_table(), `natopost read --record`), as JSON
 * text: the JSON form's members, every one optional, "format" too, except
 * that "grade" may be its text ("G15/G16") and "deadline" a date
 * ("2025-11-03") with the time apart in "deadline_time" ("23:59"). The JSON
 * form's own shapes are taken as well. Unknown keys and wrong types are
 * errors naming the key, as np_posting_from_json gives them. *out is freed
 * with np_posting_free. */
NP_API np_status np_posting_from_record_json(np_posting **out, const char *text, size_t len,
                                             np_error *err);

/* A list of postings read from JSON (an array) or NDJSON (one object per
 * line). Owns its postings; free with np_posting_list_free. */
typedef struct np_posting_list {
    np_posting **items;
    size_t count;
    size_t capacity;
} np_posting_list;

/* Appends `posting` (taking ownership, also on failure). */
NP_API np_status np_posting_list_push(np_posting_list *list, np_posting *posting, np_error *err);
NP_API void np_posting_list_free(np_posting_list *list); /* frees items; the struct itself is the caller's */

/* Appends every posting in `text`: a JSON array of postings, a single
 * posting object, or newline-delimited JSON (blank lines allowed). Errors
 * name the item index or NDJSON line. On error nothing is appended. */
NP_API np_status np_posting_list_read_json(np_posting_list *list, const char *text, size_t len,
                                    np_error *err);

/* Writes postings as a JSON array (ndjson == false, pretty) or NDJSON;
 * *out freed with np_free. */
NP_API np_status np_posting_list_to_json(char **out, const np_posting *const *postings, size_t count,
                                  bool ndjson, np_error *err);

/* Atomic save (the new file written and synced, then renamed over the
 * target; docs/posting-json.md): a crash never leaves half a file, and on
 * Linux no temporary file. A symlink's target is replaced; a replaced file
 * keeps its mode; a path that is not a regular file (directory, FIFO,
 * device) is refused. `.ndjson`/`.jsonl` paths get NDJSON, others an array.
 * NP_EIO with the path and reason on failure. */
NP_API np_status np_posting_list_save(const char *path, const np_posting *const *postings, size_t count,
                               np_error *err);

/* Loads a .json/.ndjson/.jsonl file (np_posting_list_read_json). */
NP_API np_status np_posting_list_load(np_posting_list *list, const char *path, np_error *err);

/* schema.org JobPosting JSON-LD ("@context": "https://schema.org"); *out
 * freed with np_free. Fields the posting does not state are left out. */
NP_API np_status np_posting_to_jsonld(char **out, const np_posting *posting, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
