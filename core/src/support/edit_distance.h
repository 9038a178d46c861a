/* Private helper: how far a typo is from the word meant, for "did you
 * mean" suggestions (query fields, nationalities). */
#ifndef NATOPOST_EDIT_DISTANCE_H
#define NATOPOST_EDIT_DISTANCE_H

#include <stdbool.h>
#include <stddef.h>

/* Past this, words are simply "far apart". */
#define NP_EDIT_DISTANCE_FAR 9

/* Edit distance (insertions, deletions, substitutions, adjacent swaps)
 * between a[0..n) and b[0..m), capped at NP_EDIT_DISTANCE_FAR; words longer
 * than 48 bytes count as far. `fold_case` compares ASCII letters
 * case-insensitively. */
size_t npi_edit_distance(const char *a, size_t n, const char *b, size_t m, bool fold_case);

#endif
