/* libFuzzer harness: the grade, clearance, language-level and STANAG
 * parsers. Accepted text must format to a canonical form that parses back to
 * the same value; rejected text must carry a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    np_error err;

    np_grade g, back;
    if (np_grade_parse(&g, text, size, &err) == NP_OK) {
        char buf[NP_GRADE_TEXT_MAX];
        size_t n = np_grade_format(g, buf);
        if (np_grade_parse(&back, buf, n, NULL) != NP_OK) abort();
        if (np_grade_compare(g, back) != 0 || g.category != back.category) abort();
        if (g.low < 1 || g.high > NP_GRADE_MAX || g.high < g.low) abort();
    } else if (err.message[0] == '\0') {
        abort();
    }

    np_clearance c, c2;
    bool atomal, atomal2;
    if (np_clearance_parse(&c, &atomal, text, size, &err) == NP_OK) {
        const char *name = np_clearance_name(c);
        if (np_clearance_parse(&c2, &atomal2, name, strlen(name), NULL) != NP_OK || c2 != c) abort();
    } else if (err.message[0] == '\0') {
        abort();
    }

    np_lang_level l, l2;
    if (np_lang_level_parse(&l, text, size, &err) == NP_OK) {
        const char *numeral = np_lang_level_numeral(l);
        if (np_lang_level_parse(&l2, numeral, strlen(numeral), NULL) != NP_OK || l2 != l) abort();
    } else if (err.message[0] == '\0') {
        abort();
    }

    np_stanag_profile s, s2;
    if (np_stanag_parse(&s, text, size, &err) == NP_OK) {
        char buf[16];
        size_t n = np_stanag_format(s, buf);
        if (np_stanag_parse(&s2, buf, n, NULL) != NP_OK) abort();
        if (memcmp(&s.listening, &s2.listening, 4) != 0 || s.plus_mask != s2.plus_mask) abort();
    } else if (err.message[0] == '\0') {
        abort();
    }
    return 0;
}
