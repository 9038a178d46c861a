/* Private helper: a count in a message agrees with its noun ("1 day",
 * "2 days", "-1 day"). */
#ifndef NATOPOST_PLURAL_H
#define NATOPOST_PLURAL_H

static inline const char *npi_plural(long long n, const char *one, const char *many)
{
    return n == 1 || n == -1 ? one : many;
}

#endif
