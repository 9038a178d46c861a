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

enum { MIN_WORDS = 8, MAX_WORD = 4 };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ENGLISH[] = {"the", "and", "of", "with", "for", "to", "in", "is",
                                      "are", "will", "be", "this", "that", "from", "an"};
static const char *const FRENCH[] = {"le", "la", "les", "des", "et", "du", "une", "un", "pour",
                                     "dans", "est", "sont", "au", "aux", "sur", "par", "avec",
                                     "de", "ou", "\xc3\xa0"};

static bool in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == w[0] && strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return true;
    return false;
}

np_status nt_read_language(nt_doc *d)
{
    const char *low = d->low;
    const size_t size = d->size;
    size_t english = 0, french = 0;
    for (size_t i = 0; i < size;) {
        if (!nt_is_word((unsigned char)low[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < size && nt_is_word((unsigned char)low[j])) j++;
        /* "l'", "d'" glue an article to the next word: "l'expérience" */
        if (j - i == 1 && j < size && low[j] == '\'' && (low[i] == 'l' || low[i] == 'd')) french++;
        else if (j - i <= MAX_WORD) {
            if (in_list(ENGLISH, COUNT(ENGLISH), low + i, j - i)) english++;
            else if (in_list(FRENCH, COUNT(FRENCH), low + i, j - i)) french++;
        }
        i = j;
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
