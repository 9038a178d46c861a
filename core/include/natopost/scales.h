/* natopost/scales.h -- the ordered scales requirements are written on:
 * security clearance levels, NATO official-language levels (I..VI) and
 * STANAG 6001 language profiles (military bodies, "SLP 3321").
 * Facts: docs/nato-reference.md.
 */
#ifndef NATOPOST_SCALES_H
#define NATOPOST_SCALES_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Security clearance, low to high; 0 = not stated. */
typedef enum np_clearance {
    NP_CLEARANCE_NONE = 0,
    NP_CLEARANCE_NR = 1,  /* NATO RESTRICTED */
    NP_CLEARANCE_NC = 2,  /* NATO CONFIDENTIAL */
    NP_CLEARANCE_NS = 3,  /* NATO SECRET */
    NP_CLEARANCE_CTS = 4  /* COSMIC TOP SECRET */
} np_clearance;

/* Accepts the full names ("NATO SECRET", any case, runs of blanks), the
 * abbreviations (NR, NC, NS, CTS) and the ATOMAL suffix ("CTS/A", which sets
 * *atomal when atomal is not NULL). NP_EPARSE with the text quoted otherwise. */
NP_API np_status np_clearance_parse(np_clearance *out, bool *atomal, const char *text, size_t len,
                             np_error *err);
/* "NATO SECRET", ...; "" for NP_CLEARANCE_NONE. Static storage. */
NP_API const char *np_clearance_name(np_clearance level);
/* "NS", ...; "" for NP_CLEARANCE_NONE. Static storage. */
NP_API const char *np_clearance_abbrev(np_clearance level);

/* NATO official-language level I..VI as 1..6; 0 = not stated. */
typedef enum np_lang_level {
    NP_LEVEL_NONE = 0,
    NP_LEVEL_I = 1,   /* Beginner */
    NP_LEVEL_II = 2,  /* Elementary */
    NP_LEVEL_III = 3, /* Intermediate */
    NP_LEVEL_IV = 4,  /* Upper Intermediate */
    NP_LEVEL_V = 5,   /* Advanced */
    NP_LEVEL_VI = 6   /* Proficiency */
} np_lang_level;

/* Accepts a Roman numeral ("III", any case) or a level name ("Intermediate",
 * "Upper Intermediate", and the misspelling "Upper indermediate" seen in a
 * notice). NP_EPARSE otherwise. */
NP_API np_status np_lang_level_parse(np_lang_level *out, const char *text, size_t len, np_error *err);
/* "III"; "" for NP_LEVEL_NONE. Static storage. */
NP_API const char *np_lang_level_numeral(np_lang_level level);
/* "Intermediate"; "" for NP_LEVEL_NONE. Static storage. */
NP_API const char *np_lang_level_name(np_lang_level level);

/* STANAG 6001 profile: listening, speaking, reading, writing, each 0..5, a
 * "+" per skill in plus_mask (bit 0 = listening .. bit 3 = writing). */
typedef struct np_stanag_profile {
    int8_t listening, speaking, reading, writing; /* -1 = not stated */
    uint8_t plus_mask;
} np_stanag_profile;

#define NP_STANAG_NONE ((np_stanag_profile){-1, -1, -1, -1, 0})

/* Parses "3333", "SLP 3321", "3+3+32" (a '+' after a digit). NP_EPARSE with
 * the column of the first bad character; a digit above 5 is NP_EINVAL. */
NP_API np_status np_stanag_parse(np_stanag_profile *out, const char *text, size_t len, np_error *err);
/* "SLP 3321" (with '+' where set); buf of at least 16 bytes. Returns length. */
NP_API size_t np_stanag_format(np_stanag_profile profile, char buf[16]);

#ifdef __cplusplus
}
#endif
#endif
