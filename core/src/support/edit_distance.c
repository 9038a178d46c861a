#include "support/edit_distance.h"

static char fold(char c, bool fold_case)
{
    return fold_case && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t npi_edit_distance(const char *a, size_t n, const char *b, size_t m, bool fold_case)
{
    enum { MAXW = 48 };
    if (n > MAXW || m > MAXW) return NP_EDIT_DISTANCE_FAR;
    unsigned char d[MAXW + 1][MAXW + 1]; /* distances <= 2 * MAXW */
    for (size_t i = 0; i <= n; i++) d[i][0] = (unsigned char)i;
    for (size_t j = 0; j <= m; j++) d[0][j] = (unsigned char)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            const char ai = fold(a[i - 1], fold_case), bj = fold(b[j - 1], fold_case);
            size_t best = (size_t)d[i - 1][j - 1] + (ai != bj);
            if ((size_t)d[i - 1][j] + 1 < best) best = (size_t)d[i - 1][j] + 1;
            if ((size_t)d[i][j - 1] + 1 < best) best = (size_t)d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ai == fold(b[j - 2], fold_case) && fold(a[i - 2], fold_case) == bj &&
                (size_t)d[i - 2][j - 2] + 1 < best)
                best = (size_t)d[i - 2][j - 2] + 1;
            d[i][j] = (unsigned char)best;
        }
    return d[n][m] < NP_EDIT_DISTANCE_FAR ? d[n][m] : NP_EDIT_DISTANCE_FAR;
}
