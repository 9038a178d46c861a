/* NATO grades: parsing the spellings notices and queries use, canonical text,
 * rank order. Facts: docs/nato-reference.md, "Grades". */
#include "natopost/grade.h"

#include <stdio.h>
#include <string.h>

#include "support/text_quote.h"

/* Old category grades in order, as G numbers (A.1 = G11, A.2 = G15, ...). */
static const uint8_t CATEGORY_A[] = {11, 15, 17, 20, 22, 23, 24};
static const uint8_t CATEGORY_L[] = {13, 16, 18, 19, 21};
static const uint8_t CATEGORY_B[] = {2, 5, 8, 10, 12, 14};
static const uint8_t CATEGORY_C[] = {1, 3, 4, 6, 7, 9};

static const uint8_t *category_table(char category, size_t *count)
{
    switch (category) {
    case 'A': *count = sizeof CATEGORY_A; return CATEGORY_A;
    case 'L': *count = sizeof CATEGORY_L; return CATEGORY_L;
    case 'B': *count = sizeof CATEGORY_B; return CATEGORY_B;
    case 'C': *count = sizeof CATEGORY_C; return CATEGORY_C;
    default: *count = 0; return NULL;
    }
}

int np_grade_from_category(char category, int n)
{
    size_t count;
    const uint8_t *table = category_table(category, &count);
    if (!table || n < 1 || (size_t)n > count) return 0;
    return table[n - 1];
}

/* The category number of G number `g` in `category`, 0 if it has none. */
static int category_number(char category, int g)
{
    size_t count;
    const uint8_t *table = category_table(category, &count);
    for (size_t i = 0; table && i < count; i++)
        if (table[i] == g) return (int)i + 1;
    return 0;
}

static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_blank(char c) { return c == ' ' || c == '\t'; }

typedef struct cursor {
    const char *text;
    size_t len, pos;
} cursor;

static void skip_blanks(cursor *c)
{
    while (c->pos < c->len && is_blank(c->text[c->pos])) c->pos++;
}

/* Consumes `word` (case-insensitive) followed by a non-letter. */
static int accept_word(cursor *c, const char *word)
{
    size_t n = strlen(word);
    if (c->len - c->pos < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (upper(c->text[c->pos + i]) != word[i]) return 0;
    if (c->pos + n < c->len) {
        char next = upper(c->text[c->pos + n]);
        if (next >= 'A' && next <= 'Z') return 0;
    }
    c->pos += n;
    return 1;
}

static np_status parse_error(np_error *err, const cursor *c, const char *what)
{
    char quoted[NP_QUOTE_MAX];
    npi_quote(quoted, sizeof quoted, c->text, c->len);
    return np_error_set_at(err, NP_EPARSE, 1, (int)c->pos + 1, c->pos,
                           "grade %s: %s at column %zu (expected a grade such as G15, "
                           "G15/G16 or A2)",
                           quoted, what, c->pos + 1);
}

/* One grade term: "G15", "G-15", "NG 24", "15", "A2", "A.2", "A-2". When
 * `style` is nonzero (the second end of "G15/16" or "A2/3"), a bare number is
 * read in that style. *g gets the G number, *category the letter (0 = G). */
static np_status parse_term(cursor *c, char style, int *g, char *category, np_error *err)
{
    char letter = 0;
    if (c->pos < c->len) {
        char u = upper(c->text[c->pos]);
        if (u == 'N' && c->pos + 1 < c->len && upper(c->text[c->pos + 1]) == 'G') {
            letter = 'G';
            c->pos += 2;
        } else if (u == 'L' && c->pos + 2 < c->len && upper(c->text[c->pos + 1]) == 'I' &&
                   (is_digit(c->text[c->pos + 2]) || c->text[c->pos + 2] == '.' ||
                    c->text[c->pos + 2] == '-' || is_blank(c->text[c->pos + 2]))) {
            letter = 'L'; /* "LI 3", "LI.3": the linguists' category as old notices write it */
            c->pos += 2;
        } else if (u == 'G' || u == 'A' || u == 'B' || u == 'C' || u == 'L') {
            letter = u;
            c->pos++;
        }
        if (letter && c->pos < c->len &&
            (c->text[c->pos] == '.' || c->text[c->pos] == '-' || is_blank(c->text[c->pos])) &&
            c->pos + 1 < c->len && (is_digit(c->text[c->pos + 1]) || is_blank(c->text[c->pos + 1])))
            c->pos++;
        skip_blanks(c);
    }
    if (c->pos >= c->len || !is_digit(c->text[c->pos]))
        return parse_error(err, c, c->pos >= c->len ? "missing grade number" : "unexpected character");
    size_t start = c->pos;
    int n = 0;
    while (c->pos < c->len && is_digit(c->text[c->pos]) && n < 1000) n = n * 10 + (c->text[c->pos++] - '0');
    if (c->pos < c->len && is_digit(c->text[c->pos])) return parse_error(err, c, "number too long");
    if (!letter) letter = style ? style : 'G';
    if (letter == 'G') {
        if (n < 1 || n > NP_GRADE_MAX)
            return np_error_set_at(err, NP_EINVAL, 1, (int)start + 1, start,
                                   "grade G%d is out of range (G1..G24)", n);
        *g = n;
        *category = 0;
        return NP_OK;
    }
    int mapped = np_grade_from_category(letter, n);
    if (!mapped) {
        size_t count;
        category_table(letter, &count);
        return np_error_set_at(err, NP_EINVAL, 1, (int)start + 1, start,
                               "grade %c%d does not exist (%c1..%c%zu)", letter, n, letter, letter,
                               count);
    }
    *g = mapped;
    *category = letter;
    return NP_OK;
}

np_status np_grade_parse(np_grade *out, const char *text, size_t len, np_error *err)
{
    cursor c = {text ? text : "", text ? len : 0, 0};
    skip_blanks(&c);
    /* Labels notices put before the grade itself. */
    if (accept_word(&c, "NATO")) skip_blanks(&c);
    if (accept_word(&c, "GRADES") || accept_word(&c, "GRADE")) {
        skip_blanks(&c);
        if (c.pos < c.len && c.text[c.pos] == ':') c.pos++;
        skip_blanks(&c);
    }
    int low, high;
    char cat_low, cat_high;
    np_status st = parse_term(&c, 0, &low, &cat_low, err);
    if (st != NP_OK) return st;
    high = low;
    cat_high = cat_low;
    skip_blanks(&c);
    if (c.pos < c.len && (c.text[c.pos] == '/' || c.text[c.pos] == '-')) {
        c.pos++;
        skip_blanks(&c);
        st = parse_term(&c, cat_low ? cat_low : 'G', &high, &cat_high, err);
        if (st != NP_OK) return st;
        skip_blanks(&c);
    }
    if (c.pos != c.len) return parse_error(err, &c, "unexpected text after the grade");
    if (cat_low != cat_high && high == low) {
        /* "A-2/G-15": one grade in both systems. */
    } else if (cat_low != cat_high) {
        return np_error_set(err, NP_EINVAL,
                            "grade range mixes grade styles with different grades (G%d and G%d)",
                            low, high);
    } else if (high < low) {
        return np_error_set(err, NP_EINVAL, "grade range ends (G%d) below where it starts (G%d)",
                            high, low);
    }
    out->low = (uint8_t)low;
    out->high = (uint8_t)high;
    out->category = cat_low;
    return NP_OK;
}

size_t np_grade_format(np_grade grade, char buf[NP_GRADE_TEXT_MAX])
{
    if (!np_grade_is_known(grade)) {
        buf[0] = '\0';
        return 0;
    }
    int n;
    if (grade.category) {
        int lo = category_number(grade.category, grade.low);
        int hi = category_number(grade.category, grade.high);
        if (lo && hi) {
            n = grade.high > grade.low
                    ? snprintf(buf, NP_GRADE_TEXT_MAX, "%c%d/%c%d", grade.category, lo,
                               grade.category, hi)
                    : snprintf(buf, NP_GRADE_TEXT_MAX, "%c%d", grade.category, lo);
            return (size_t)n;
        }
    }
    n = grade.high > grade.low ? snprintf(buf, NP_GRADE_TEXT_MAX, "G%d/G%d", grade.low, grade.high)
                               : snprintf(buf, NP_GRADE_TEXT_MAX, "G%d", grade.low);
    return (size_t)n;
}

int np_grade_compare(np_grade a, np_grade b)
{
    if (a.low != b.low) return a.low < b.low ? -1 : 1;
    if (a.high != b.high) return a.high < b.high ? -1 : 1;
    return 0;
}
