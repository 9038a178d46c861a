/* Private to the posting JSON module: the names, ranges and helpers shared by
 * the writer (posting_to_json.c), the reader (posting_from_json.c), the list
 * functions (posting_list.c) and JSON-LD (posting_jsonld.c).
 *
 * The writer accepts exactly what the reader accepts (same tables, same
 * ranges), so every posting the writer writes reads back equal. */
#ifndef NATOPOST_POSTING_JSON_INTERNAL_H
#define NATOPOST_POSTING_JSON_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "natopost/posting.h"
#include "natopost/posting_json.h"
#include "support/strbuf.h"

/* Ranges of the numbers in the natopost form (docs/posting-json.md). */
#define NPJ_AMOUNT_MAX NP_SALARY_AMOUNT_MAX /* salary.amount: 0..1e12 */
#define NPJ_YEARS_MAX 100.0   /* experience min_years: 0..100 */
#define NPJ_PERCENT_MAX 100   /* travel percent: 0..100 */
#define NPJ_MONTHS_MAX NP_POLICY_MONTHS_MAX /* contract months: 0..1200 */
#define NPJ_MINUTE_MAX 1439   /* deadline time: 00:00..23:59 */
#define NPJ_STANAG_MAX 5      /* STANAG 6001 levels 0..5 */

/* ---- names (index = the C enum value) ------------------------------------ */

extern const char *const npj_severity_names[3];  /* "info", "warning", "error" */
extern const char *const npj_degree_names[3];    /* NULL, "university", "postgraduate" */
extern const char *const npj_lang_form_names[3]; /* "either_or", "both", "named" */
extern const char *const npj_skill_names[4];     /* "listening" .. "writing" */

/* ---- JSON paths for error messages ----------------------------------------- */

#define NPJ_PATH_MAX 200

typedef struct npj_path {
    char buf[NPJ_PATH_MAX];
    size_t len;
} npj_path;

/* Appends ".key" ("key" at the start) / "[i]"; returns the length to give
 * npj_path_pop to undo it. A path too long for the buffer ends in "...". */
size_t npj_path_key(npj_path *path, const char *key);
size_t npj_path_index(npj_path *path, size_t index);
void npj_path_pop(npj_path *path, size_t len);
/* The path as text: "(root)" when empty. */
const char *npj_path_text(const npj_path *path);

/* ---- numbers ---------------------------------------------------------------- */

/* The fewest significant digits (1..17) that print `v` so that it reads back
 * exactly. */
int npj_real_digits(double v);

/* True if `v` is a whole number a JSON integer writes exactly (|v| <= 2^53). */
bool npj_is_exact_integer(double v);

/* A JSON number for `v`: an integer when `v` is integral (and exactly
 * representable), else a real; the real digits needed are folded into
 * *digits (the JSON_REAL_PRECISION to dump with). NULL when out of memory. */
json_t *npj_number(double v, int *digits);

/* json_dumps with JSON_REAL_PRECISION(digits); NULL when out of memory. */
char *npj_dump(const json_t *value, size_t flags, int digits);

/* ---- the writer on jansson values, the reader on json_tree.h values ----------- */

struct npj_value;

/* The natopost form of `posting` as a new jansson object (*out); folds the
 * real digits it needs into *digits. NP_EINVAL naming the field that cannot
 * be written, or NP_ENOMEM. */
np_status npj_posting_value(json_t **out, const np_posting *posting, int *digits, np_error *err);

/* Appends the natopost form of `posting` to sb as text: compact, or pretty
 * (indented by 2) with its lines indented as a value `depth` containers
 * deep. On error nothing is appended: NP_EINVAL naming the field that cannot
 * be written, or NP_ENOMEM (sb failed). */
np_status npj_posting_write(npi_strbuf *sb, const np_posting *posting, bool pretty, int depth,
                            np_error *err);

/* Reads one posting object (a json_tree.h value). `path` is the prefix of the paths named in
 * errors ("[3]" for an array item; empty for a single object); `where` (may
 * be NULL) is put before the path in messages ("line 7"). Error messages
 * start with "posting JSON: ". */
np_status npj_posting_read(np_posting **out, const struct npj_value *value, npj_path *path,
                           const char *where, np_error *err);

/* A jansson parse error of `text` (len bytes), which starts at line
 * `line_base` (1 for a whole text; an NDJSON line's number) and byte
 * `offset_base` of the input: npi_json_parse_error's NP_EPARSE "posting JSON:
 * <reason> at line L, column C" with the position in the whole input, or
 * NP_ENOMEM when jansson ran out of memory. */
np_status npj_parse_error(np_error *err, const json_error_t *jerr, const char *text, size_t len,
                          int line_base, size_t offset_base);

/* The length of the valid UTF-8 sequence at p (1..4), or 0 when the bytes
 * there are not one; reads no further than the first byte that is not a
 * continuation byte. */
int npj_utf8_sequence(const unsigned char *p);

/* True if the NUL-terminated `s` is valid UTF-8 as jansson accepts it. */
bool npj_valid_utf8(const char *s);

/* A source (file name) that is not UTF-8 is written twice (docs/posting-
 * json.md, "source_bytes"): for display, each byte that is not part of a
 * valid UTF-8 sequence replaced by U+FFFD; losslessly, percent-encoded
 * (bytes 0x21..0x7E but '%' as themselves, every other byte "%XX"). Both
 * return a malloc'd string (the caller frees it), NULL when out of memory. */
char *npj_utf8_display(const char *s);
char *npj_percent_encode(const char *s);
/* Decodes the percent-encoded s[0..len) into out (room for len + 1 bytes):
 * the decoded length, or SIZE_MAX with *bad_at the offset of a byte that
 * should have been encoded, a '%' without two hex digits, or "%00" (no file
 * name holds a NUL). */
size_t npj_percent_decode(char *out, const char *s, size_t len, size_t *bad_at);

#endif
