/* natopost/collection.h -- many postings, queried with the query language.
 *
 * A collection holds postings compactly, as a column store: one typed
 * column per field of np_posting_fields() (uint8 for grades, levels,
 * clearances and booleans; int32 for dates; int16 -- widened to double when
 * a value needs it -- for numbers; dictionary codes for text, the distinct
 * strings interned once in a shared string pool), plus each whole posting
 * encoded in a few bytes per field with its strings as pool ids, so that any
 * row can be re-created exactly (np_posting_equal to what was added).
 *
 * Queries run over the columns (query.h grammar): each condition is a tight
 * loop over one typed column producing a selection mask; a text condition
 * (=, in, ~ contains) is decided once per distinct string of the column,
 * then mapped over the rows by code. The answer always equals the row-wise
 * np_query_match over the postings (the test suites check both on random
 * queries and postings). `order by` sorts with np_query_compare_records'
 * semantics (a missing value last in either direction; ties keep the
 * collection's order); `count by F` groups the matching rows by F.
 *
 * Candidates: np_collection_add_candidate registers a profile (candidate.h)
 * under its name; queries may then use the boolean field eligible(NAME):
 * true when the verdict on the essential requirements is "eligible", false
 * for "not eligible", null for "cannot tell" (so `eligible(alice) is null`
 * finds the postings where the profile or the notice lacks what the answer
 * needs).
 *
 * Ownership and lifetimes: the collection owns everything it holds; free it
 * with np_collection_free. Postings are copied in (the caller keeps its
 * own). np_collection_posting and np_result_posting return BORROWED
 * postings, re-created on first access and kept until the collection is
 * freed (np_posting_clone them to keep one longer). Text values read from a
 * collection (np_collection_value, groups) point into its string pool and
 * stay valid while the collection lives. A result refers to its
 * collection: free results before the collection. A collection is not
 * thread-safe: reading postings fills a cache, so guard concurrent use.
 * Every fallible call returns np_status and fills an optional np_error.
 */
#ifndef NATOPOST_COLLECTION_H
#define NATOPOST_COLLECTION_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/candidate.h"
#include "natopost/error.h"
#include "natopost/posting.h"
#include "natopost/posting_fields.h"
#include "natopost/query.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct np_collection np_collection;
typedef struct np_result np_result;

/* ---- building ---- */

/* An empty collection (free with np_collection_free). NP_ENOMEM. */
NP_API np_status np_collection_new(np_collection **out, np_error *err);
NP_API void np_collection_free(np_collection *collection); /* accepts NULL */

/* Adds a copy of `posting`. NP_ENOMEM; NP_EINVAL past UINT32_MAX - 1 rows. */
NP_API np_status np_collection_add_posting(np_collection *collection, const np_posting *posting,
                                    np_error *err);

/* Adds every posting of natopost posting JSON text: an array, one object or
 * NDJSON (np_posting_list_read_json). */
NP_API np_status np_collection_add_json(np_collection *collection, const char *text, size_t len,
                                 np_error *err);

/* Adds one file: posting JSON (np_posting_list_load) or a notice's text
 * (np_notice_read_file), told apart by content (below). */
NP_API np_status np_collection_add_file(np_collection *collection, const char *path, np_error *err);

/* Adds the files of a folder (not its subfolders) in name order: *.txt
 * notices and *.json / *.ndjson / *.jsonl posting JSON; other files (a
 * README.md, hidden files) are skipped. */
NP_API np_status np_collection_add_folder(np_collection *collection, const char *path, np_error *err);

/* np_collection_add_folder for a folder, else np_collection_add_file. */
NP_API np_status np_collection_add_path(np_collection *collection, const char *path, np_error *err);

/* Every add is all-or-nothing: on failure the collection is as before
 * (errors from files are prefixed with the path). A file is read by its
 * content, whatever its name: posting JSON (an array, one object or NDJSON;
 * np_notice_is_posting_json) or a notice's text.
 *
 * A file already loaded into this collection (the same file: device and
 * inode, whatever the path) is not read again: it is recorded in the skip
 * list below with `repeated` set, under either error policy. */

/* ---- many files: the error policy and the skip list ---- */

/* What adding files and folders does with a file that cannot be read (not
 * a notice, bad posting JSON, unreadable, too large). */
typedef enum np_on_error {
    NP_ON_ERROR_RAISE = 0, /* fail at the first bad file (the default) */
    NP_ON_ERROR_SKIP = 1   /* record the file in the skip list, go on */
} np_on_error;

/* "raise" or "skip" (the bindings' and the CLI's words) into *out;
 * NP_EINVAL naming both otherwise. */
NP_API np_status np_collection_on_error_parse(np_on_error *out, const char *word, np_error *err);
NP_API void np_collection_set_on_error(np_collection *collection, np_on_error policy);
NP_API np_on_error np_collection_on_error(const np_collection *collection);

/* A file an add skipped. Out of memory and cancellation are never skipped:
 * they fail the add under either policy. */
typedef struct np_collection_skip {
    const char *path;    /* the file or folder as given or listed (owned by the collection) */
    const char *message; /* the reader's message, naming the file (owned by the collection) */
    np_status code;      /* the reader's status; NP_OK for a repeated file */
    int line, column;    /* where in the file (1-based, bytes), 0 when not applicable */
    bool repeated;       /* already loaded: its postings were not added twice */
} np_collection_skip;

/* The files skipped so far, in the order met. BORROWED: valid until the
 * collection is freed. */
NP_API size_t np_collection_skip_count(const np_collection *collection);
NP_API const np_collection_skip *np_collection_skip_at(const np_collection *collection, size_t i);

/* ---- duplicates ---- */

/* A new collection (*out, free with np_collection_free) with one posting
 * per identity (np_posting_identity) of `collection`, in the order of each
 * identity's first row: of the copies, the most complete one (the most
 * fields of np_posting_fields() stated; the first on a tie) is kept, and
 * the sources of every copy (np_collection_source) are recorded with it.
 * Candidates and the error policy are carried over; the skip list stays on
 * `collection`. NP_ENOMEM. */
NP_API np_status np_collection_unique(np_collection **out, const np_collection *collection,
                                np_error *err);

/* The sources (file paths) of row `row`: for a row np_collection_unique
 * folded, the source of each copy in the order met (a copy without a
 * source is not listed); for any other row, the posting's own source (0 or
 * 1 entries). Text owned by the collection. */
NP_API size_t np_collection_source_count(const np_collection *collection, size_t row);
NP_API const char *np_collection_source(const np_collection *collection, size_t row, size_t i);

/* Releases the spare capacity that growing leaves (up to half of the
 * columns and encoded postings); call it when done adding. Adding later
 * still works. NP_ENOMEM only if the system refuses to shrink a block. */
NP_API np_status np_collection_shrink(np_collection *collection, np_error *err);

/* ---- reading ---- */

NP_API size_t np_collection_count(const np_collection *collection);

/* Row `row` (0-based, in the order added) as a posting: BORROWED, valid
 * until np_collection_free. NULL with NP_EINVAL (row out of range) or
 * NP_ENOMEM in *err. */
NP_API const np_posting *np_collection_posting(np_collection *collection, size_t row, np_error *err);

/* Row `row` re-created as a new posting the caller owns (free with
 * np_posting_free), without filling the cache the borrowed pointers live
 * in: for hosts that walk millions of rows once. NP_EINVAL, NP_ENOMEM. */
NP_API np_status np_collection_posting_copy(const np_collection *collection, size_t row,
                                     np_posting **out, np_error *err);

/* Field `field` of row `row`, read from the columns (no posting is
 * re-created): what np_posting_field_get gives on the posting. Text points
 * into the collection. A row out of range or a field the collection does
 * not know reads as null. */
NP_API void np_collection_value(const np_collection *collection, size_t row, const np_qfield *field,
                         np_qvalue *out);

/* Heap bytes the collection holds (columns, dictionaries, string pool,
 * encoded postings), not counting postings re-created by the calls above. */
NP_API size_t np_collection_memory(const np_collection *collection);

/* ---- candidates and the field table ---- */

/* Registers a copy of `candidate` under candidate->name, adding the field
 * eligible(NAME) to the collection's field table. NP_EINVAL for an empty
 * name, a name already registered or a nationality that names no country
 * (np_candidate_check_nationality); NP_ENOMEM. */
NP_API np_status np_collection_add_candidate(np_collection *collection, const np_candidate *candidate,
                                      np_error *err);
/* The registered candidates, in registration order: the collection's own
 * copies, BORROWED until np_collection_free; NULL for index >= count. */
NP_API size_t np_collection_candidate_count(const np_collection *collection);
NP_API const np_candidate *np_collection_candidate(const np_collection *collection, size_t index);

/* The fields queries on this collection may name: np_posting_fields()
 * followed by one eligible(NAME) per candidate. The table stays valid until
 * np_collection_free (registering a candidate makes a new, longer table;
 * older tables stay valid, so queries compiled earlier keep working). */
NP_API const np_qfield *np_collection_fields(const np_collection *collection, size_t *count);

/* ---- queries ---- */

/* np_query_compile against np_collection_fields(). Free with
 * np_query_free, before the collection. */
NP_API np_status np_collection_compile(const np_collection *collection, np_query **out,
                                const char *text, size_t len, np_error *err);
/* The same with "?" parameters and a fixed "today" (np_query_compile_env;
 * `env` NULL: none). */
NP_API np_status np_collection_compile_env(const np_collection *collection, np_query **out,
                                    const char *text, size_t len, const np_query_env *env,
                                    np_error *err);

/* Runs a compiled query (compiled against this collection's fields or
 * np_posting_fields()). *out: free with np_result_free. NP_EINVAL when the
 * query names a field this collection does not have; NP_ENOMEM. */
NP_API np_status np_collection_run(np_result **out, np_collection *collection, const np_query *query,
                            np_error *err);

/* Compile and run in one call (the query is not kept). */
NP_API np_status np_collection_query(np_result **out, np_collection *collection, const char *text,
                              size_t len, np_error *err);
NP_API np_status np_collection_query_env(np_result **out, np_collection *collection, const char *text,
                                  size_t len, const np_query_env *env, np_error *err);

/* Row-wise evaluation, for checks and for hosts that hold one row: a
 * record for np_query_match / np_query_compare_records with the getter
 * np_collection_row_get, which reads the re-created posting
 * (np_posting_field_get) and computes eligible(NAME) with
 * np_eligibility_verdict. */
typedef struct np_collection_row {
    np_collection *collection;
    size_t row;
} np_collection_row;
NP_API void np_collection_row_get(const void *row, const np_qfield *field, np_qvalue *out);

/* ---- results ---- */

/* The matching rows, in query order ("order by", else collection order). */
NP_API size_t np_result_count(const np_result *result);
/* The collection row of the i-th match (i < np_result_count). */
NP_API size_t np_result_row(const np_result *result, size_t i);
/* All of them at once (np_result_count entries; owned by the result). */
NP_API const uint32_t *np_result_rows(const np_result *result);
/* The posting of the i-th match: BORROWED as np_collection_posting. */
NP_API const np_posting *np_result_posting(np_result *result, size_t i, np_error *err);
NP_API np_collection *np_result_collection(const np_result *result);

/* Field `field` of every match, in result order, into out[0 .. np_result_count)
 * (read from the columns, as np_collection_value): one typed column of a
 * DataFrame per field of np_collection_fields(). NP_EINVAL when the
 * collection has no such field. */
NP_API np_status np_result_values(const np_result *result, const np_qfield *field, np_qvalue *out,
                           np_error *err);

/* "count by F": the field (NULL when the query has no count by) and the
 * groups of the matching rows, one per distinct value of F (null included),
 * sorted by count descending, then by value (np_qvalue_compare; null last). */
NP_API const np_qfield *np_result_count_by(const np_result *result);
NP_API size_t np_result_group_count(const np_result *result);
/* The i-th group's value (text points into the collection) and row count. */
NP_API void np_result_group(const np_result *result, size_t i, np_qvalue *value, size_t *count);

NP_API void np_result_free(np_result *result); /* accepts NULL */

#ifdef __cplusplus
}
#endif
#endif
