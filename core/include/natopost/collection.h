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
np_status np_collection_new(np_collection **out, np_error *err);
void np_collection_free(np_collection *collection); /* accepts NULL */

/* Adds a copy of `posting`. NP_ENOMEM; NP_EINVAL past UINT32_MAX - 1 rows. */
np_status np_collection_add_posting(np_collection *collection, const np_posting *posting,
                                    np_error *err);

/* Adds every posting of natopost posting JSON text: an array, one object or
 * NDJSON (np_posting_list_read_json). */
np_status np_collection_add_json(np_collection *collection, const char *text, size_t len,
                                 np_error *err);

/* Adds one file: .json, .ndjson and .jsonl are posting JSON
 * (np_posting_list_load); anything else is a notice's text
 * (np_notice_read_file). */
np_status np_collection_add_file(np_collection *collection, const char *path, np_error *err);

/* Adds the files of a folder (not its subfolders) in name order: *.txt
 * notices and *.json / *.ndjson / *.jsonl posting JSON; other files (a
 * README.md, hidden files) are skipped. */
np_status np_collection_add_folder(np_collection *collection, const char *path, np_error *err);

/* np_collection_add_folder for a folder, else np_collection_add_file. */
np_status np_collection_add_path(np_collection *collection, const char *path, np_error *err);

/* Every add is all-or-nothing: on failure the collection is as before
 * (errors from files are prefixed with the path). */

/* Releases the spare capacity that growing leaves (up to half of the
 * columns and encoded postings); call it when done adding. Adding later
 * still works. NP_ENOMEM only if the system refuses to shrink a block. */
np_status np_collection_shrink(np_collection *collection, np_error *err);

/* ---- reading ---- */

size_t np_collection_count(const np_collection *collection);

/* Row `row` (0-based, in the order added) as a posting: BORROWED, valid
 * until np_collection_free. NULL with NP_EINVAL (row out of range) or
 * NP_ENOMEM in *err. */
const np_posting *np_collection_posting(np_collection *collection, size_t row, np_error *err);

/* Row `row` re-created as a new posting the caller owns (free with
 * np_posting_free), without filling the cache the borrowed pointers live
 * in: for hosts that walk millions of rows once. NP_EINVAL, NP_ENOMEM. */
np_status np_collection_posting_copy(const np_collection *collection, size_t row,
                                     np_posting **out, np_error *err);

/* Field `field` of row `row`, read from the columns (no posting is
 * re-created): what np_posting_field_get gives on the posting. Text points
 * into the collection. A row out of range or a field the collection does
 * not know reads as null. */
void np_collection_value(const np_collection *collection, size_t row, const np_qfield *field,
                         np_qvalue *out);

/* Heap bytes the collection holds (columns, dictionaries, string pool,
 * encoded postings), not counting postings re-created by the calls above. */
size_t np_collection_memory(const np_collection *collection);

/* ---- candidates and the field table ---- */

/* Registers a copy of `candidate` under candidate->name, adding the field
 * eligible(NAME) to the collection's field table. NP_EINVAL for an empty
 * name, a name already registered or a nationality that names no country
 * (np_candidate_check_nationality); NP_ENOMEM. */
np_status np_collection_add_candidate(np_collection *collection, const np_candidate *candidate,
                                      np_error *err);
size_t np_collection_candidate_count(const np_collection *collection);
const np_candidate *np_collection_candidate(const np_collection *collection, size_t index);

/* The fields queries on this collection may name: np_posting_fields()
 * followed by one eligible(NAME) per candidate. The table stays valid until
 * np_collection_free (registering a candidate makes a new, longer table;
 * older tables stay valid, so queries compiled earlier keep working). */
const np_qfield *np_collection_fields(const np_collection *collection, size_t *count);

/* ---- queries ---- */

/* np_query_compile against np_collection_fields(). Free with
 * np_query_free, before the collection. */
np_status np_collection_compile(const np_collection *collection, np_query **out,
                                const char *text, size_t len, np_error *err);
/* The same with "?" parameters and a fixed "today" (np_query_compile_env;
 * `env` NULL: none). */
np_status np_collection_compile_env(const np_collection *collection, np_query **out,
                                    const char *text, size_t len, const np_query_env *env,
                                    np_error *err);

/* Runs a compiled query (compiled against this collection's fields or
 * np_posting_fields()). *out: free with np_result_free. NP_EINVAL when the
 * query names a field this collection does not have; NP_ENOMEM. */
np_status np_collection_run(np_result **out, np_collection *collection, const np_query *query,
                            np_error *err);

/* Compile and run in one call (the query is not kept). */
np_status np_collection_query(np_result **out, np_collection *collection, const char *text,
                              size_t len, np_error *err);
np_status np_collection_query_env(np_result **out, np_collection *collection, const char *text,
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
void np_collection_row_get(const void *row, const np_qfield *field, np_qvalue *out);

/* ---- results ---- */

/* The matching rows, in query order ("order by", else collection order). */
size_t np_result_count(const np_result *result);
/* The collection row of the i-th match (i < np_result_count). */
size_t np_result_row(const np_result *result, size_t i);
/* All of them at once (np_result_count entries; owned by the result). */
const uint32_t *np_result_rows(const np_result *result);
/* The posting of the i-th match: BORROWED as np_collection_posting. */
const np_posting *np_result_posting(np_result *result, size_t i, np_error *err);
np_collection *np_result_collection(const np_result *result);

/* Field `field` of every match, in result order, into out[0 .. np_result_count)
 * (read from the columns, as np_collection_value): one typed column of a
 * DataFrame per field of np_collection_fields(). NP_EINVAL when the
 * collection has no such field. */
np_status np_result_values(const np_result *result, const np_qfield *field, np_qvalue *out,
                           np_error *err);

/* "count by F": the field (NULL when the query has no count by) and the
 * groups of the matching rows, one per distinct value of F (null included),
 * sorted by count descending, then by value (np_qvalue_compare; null last). */
const np_qfield *np_result_count_by(const np_result *result);
size_t np_result_group_count(const np_result *result);
/* The i-th group's value (text points into the collection) and row count. */
void np_result_group(const np_result *result, size_t i, np_qvalue *value, size_t *count);

void np_result_free(np_result *result); /* accepts NULL */

#ifdef __cplusplus
}
#endif
#endif
