/* natopost/grade.h -- NATO grades, single and twin, ordered so they compare.
 *
 * Since the single salary spine (2019) posts carry NATO grades G1..G24; older
 * notices use category grades (A.1..A.7, L.1..L.5, B.1..B.6, C.1..C.6), which
 * map onto G numbers (docs/nato-reference.md, "Grades"). A grade is
 * stored as its G numbers, so "A.2" and "G15" are the same grade and every
 * grade compares with every other by rank. A twin grade or range ("G15/G16",
 * "A2/A3", "G17-G20") keeps both ends; it ranks by its lower end, the grade
 * at which candidates are appointed.
 */
#ifndef NATOPOST_GRADE_H
#define NATOPOST_GRADE_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NP_GRADE_MAX 24      /* G24 */
#define NP_GRADE_TEXT_MAX 16 /* np_grade_format buffer size, NUL included */

typedef struct np_grade {
    uint8_t low;  /* G number 1..24; 0 = no grade (unknown) */
    uint8_t high; /* == low for a single grade; > low for a twin grade or range */
    char category; /* the old-style letter the notice used ('A', 'B', 'C', 'L'), or 0 for G style */
} np_grade;

#define NP_GRADE_NONE ((np_grade){0, 0, 0})

static inline bool np_grade_is_known(np_grade g) { return g.low != 0; }
static inline bool np_grade_is_twin(np_grade g) { return g.high > g.low; }

/* Parses one grade as notices and queries write it: "G20", "G-15", "NATO
 * Grade G20", "20", "A2", "A.2", "A-2", "A2/A3", "A3 (A2/3)" is NOT accepted
 * (the reader picks the grade out of such text), "G15/G16", "G15/16",
 * "G17-G20", "B2-B3". Surrounding blanks are allowed; anything else left over
 * is NP_EPARSE naming the column; a grade outside G1..G24 (or a category
 * number outside its category) is NP_EINVAL. */
NP_API np_status np_grade_parse(np_grade *out, const char *text, size_t len, np_error *err);

/* Canonical text: "G20", "G15/G16"; old-style grades keep their category
 * ("A2/A3" -> "A2/A3") so a round trip through text is lossless. Writes at
 * most NP_GRADE_TEXT_MAX bytes including the NUL; "" for an unknown grade.
 * Returns the length written. */
NP_API size_t np_grade_format(np_grade grade, char buf[NP_GRADE_TEXT_MAX]);

/* Orders grades by rank (lower end, then upper end): <0, 0, >0. An unknown
 * grade sorts before every known one. */
NP_API int np_grade_compare(np_grade a, np_grade b);

/* The G number of old-style grade `category` number `n` (A.2 -> 15), 0 when
 * there is no such grade. */
NP_API int np_grade_from_category(char category, int n);

#ifdef __cplusplus
}
#endif
#endif
