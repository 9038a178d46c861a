/* The notice's language, English or French, from its function words.
 *
 * Every notice, whatever its subject, is mostly made of a few short words
 * ("the", "and", "of" / "le", "les", "des", "et"), and the two lists share
 * none. One pass over the lower-cased text counts words of at most four
 * letters that are in either list; the language with at least twice the
 * other's count (and at least MIN_WORDS of them) wins. Site labels in a
 * third language or a bilingual title ("NOTIFICATION DE LA VACANCE") do not
 * tip a notice; too few words, or a mix, leave it undecided with a
 * diagnostic, because a wrong language is worse than none. */
#include <string.h>

#include "notice_internal.h"

/* MIN_WORDS: fewer function words than this decide nothing. SURE_WORDS:
 * this many with three times the other language's count is a decision no
 * further text would overturn, so the scan stops there (most notices are
 * decided in their first few hundred words). */
enum { MIN_WORDS = 8, SURE_WORDS = 40, MAX_WORD = 4 };

/* A word of 1..4 bytes packed into an integer, so that a word is looked up
 * by one switch (the compiler's jump table or binary search), not by string
 * compares: the scan runs over every word of every notice. */
#define W1(a) ((uint32_t)(unsigned char)(a))
#define W2(a, b) (W1(a) | W1(b) << 8)
#define W3(a, b, c) (W2(a, b) | W1(c) << 16)
#define W4(a, b, c, d) (W3(a, b, c) | W1(d) << 24)

typedef enum { L_NONE, L_EN, L_FR } lang_word;

static lang_word classify(uint32_t w)
{
    switch (w) {
    /* English: the, and, of, with, for, to, in, is, are, will, be, this, that, from, an */
    case W3('t', 'h', 'e'): case W3('a', 'n', 'd'): case W2('o', 'f'): case W4('w', 'i', 't', 'h'):
    case W3('f', 'o', 'r'): case W2('t', 'o'): case W2('i', 'n'): case W2('i', 's'):
    case W3('a', 'r', 'e'): case W4('w', 'i', 'l', 'l'): case W2('b', 'e'):
    case W4('t', 'h', 'i', 's'): case W4('t', 'h', 'a', 't'): case W4('f', 'r', 'o', 'm'):
    case W2('a', 'n'):
        return L_EN;
    /* French: le, la, les, des, et, du, une, un, pour, dans, est, sont, au, aux,
     * sur, par, avec, de, ou, à */
    case W2('l', 'e'): case W2('l', 'a'): case W3('l', 'e', 's'): case W3('d', 'e', 's'):
    case W2('e', 't'): case W2('d', 'u'): case W3('u', 'n', 'e'): case W2('u', 'n'):
    case W4('p', 'o', 'u', 'r'): case W4('d', 'a', 'n', 's'): case W3('e', 's', 't'):
    case W4('s', 'o', 'n', 't'): case W2('a', 'u'): case W3('a', 'u', 'x'): case W3('s', 'u', 'r'):
    case W3('p', 'a', 'r'): case W4('a', 'v', 'e', 'c'): case W2('d', 'e'): case W2('o', 'u'):
    case W2(0xC3, 0xA0):
        return L_FR;
    default:
        return L_NONE;
    }
}

np_status nt_read_language(nt_doc *d)
{
    const char *low = d->low;
    const size_t size = d->size;
    size_t english = 0, french = 0;
    for (size_t i = 0; i < size;) {
        /* one tight loop per run of blanks and per word: the stop test runs
         * only when a count has changed */
        while (i < size && !nt_is_word((unsigned char)low[i])) i++;
        size_t j = i;
        while (j < size && nt_is_word((unsigned char)low[j])) j++;
        const size_t n = j - i;
        lang_word kind = L_NONE;
        /* "l'", "d'" glue an article to the next word: "l'expérience" */
        if (n == 1 && j < size && low[j] == '\'' && (low[i] == 'l' || low[i] == 'd')) kind = L_FR;
        else if (n && n <= MAX_WORD) {
            uint32_t w = 0;
            for (size_t k = 0; k < n; k++) w |= W1(low[i + k]) << (8 * k);
            kind = classify(w);
        }
        i = j;
        if (kind == L_NONE) continue;
        english += kind == L_EN;
        french += kind == L_FR;
        if ((english >= SURE_WORDS && english >= 3 * french) ||
            (french >= SURE_WORDS && french >= 3 * english))
            break;
    }
    const char *code = NULL;
    if (english >= MIN_WORDS && english >= 2 * french) code = "en";
    else if (french >= MIN_WORDS && french >= 2 * english) code = "fr";
    if (code) {
        memcpy(d->p->language, code, 3);
        return d->status;
    }
    return nt_diag(d, NP_DIAG_INFO, 0, "language",
                   "the language is undecided (%zu English and %zu French function words)",
                   english, french);
}
