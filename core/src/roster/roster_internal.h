/* Private: shared by the roster table and its CSV reader. */
#ifndef NATOPOST_ROSTER_INTERNAL_H
#define NATOPOST_ROSTER_INTERNAL_H

#include <stdbool.h>

/* True for "id" and the appointment parameter columns (start, kind, ...):
 * every other column of a roster is a group column. */
bool npi_roster_is_parameter_column(const char *name);

#endif
