/* Small scanners shared by the notice recognisers: character classes,
 * case-insensitive search over the lower-cased copy of the text, numbers in
 * digits or words, durations, dates in every form notices use, amounts,
 * sentence splitting, posting updates with a sticky status, and the
 * first-byte index of the phrase tables. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "notice_internal.h"

/* ---- first-byte index of the phrase tables ----------------------------------- */

/* Each run is found once per byte and process, by a scan of the table, and
 * kept in an atomic slot: the library is used from several threads, and
 * threads that look the same byte up at once store the same value, so
 * relaxed atomics make the memo race-free without a lock or call_once. */
uint32_t nt_first_byte_scan(nt_first_byte_index *index, unsigned char first)
{
    const char *entry = index->table;
    size_t start = 0;
    while (start < index->count &&
           (unsigned char)**(const char *const *)(entry + start * index->stride + index->key_offset) != first)
        start++;
    size_t end = start;
    while (end < index->count &&
           (unsigned char)**(const char *const *)(entry + end * index->stride + index->key_offset) == first)
        end++;
    if (start == index->count) start = end = 0;
    const uint32_t run = NT_FIRST_BYTE_KNOWN | (uint32_t)end << 16 | (uint32_t)start;
    atomic_store_explicit(&index->run[first], run, memory_order_relaxed);
    return run;
}

/* nt_is_word as a table: the scanners test every byte of every word. */
const uint8_t nt_word_bytes[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x50 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 0x70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xA0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xB0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xC0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xD0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xE0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xF0 */
};

size_t nt_find(const char *low, size_t len, const char *needle)
{
    const size_t n = strlen(needle);
    if (n == 0 || n > len) return n == 0 ? 0 : NT_NPOS;
    const char *p = low, *end = low + len - n + 1;
    const char c1 = n > 1 ? needle[1] : 0;
    while (p < end) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p) return NT_NPOS;
        /* the second byte first: most first-letter hits end there */
        if (n == 1 || (p[1] == c1 && memcmp(p + 2, needle + 2, n - 2) == 0)) return (size_t)(p - low);
        p++;
    }
    return NT_NPOS;
}

static bool boundary_before(const char *s, size_t i) { return i == 0 || !nt_is_word((unsigned char)s[i - 1]); }
static bool boundary_after(const char *s, size_t len, size_t i)
{
    return i >= len || !nt_is_word((unsigned char)s[i]);
}

size_t nt_find_word(const char *low, size_t len, const char *needle)
{
    const size_t n = strlen(needle);
    size_t from = 0;
    while (from < len) {
        size_t i = nt_find(low + from, len - from, needle);
        if (i == NT_NPOS) return NT_NPOS;
        i += from;
        if (boundary_before(low, i) && boundary_after(low, len, i + n)) return i;
        from = i + 1;
    }
    return NT_NPOS;
}

size_t nt_find_exact_word(const char *s, size_t len, const char *needle)
{
    return nt_find_word(s, len, needle); /* nt_find compares bytes as given */
}

bool nt_starts_word(const char *low, size_t len, const char *needle)
{
    const size_t n = strlen(needle);
    return n <= len && memcmp(low, needle, n) == 0 && boundary_after(low, len, n);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

void nt_trim(const char **s, size_t *len, const char *also)
{
    const char *p = *s;
    size_t n = *len;
    while (n && (is_blank(*p) || (also && strchr(also, *p)))) p++, n--;
    while (n && (is_blank(p[n - 1]) || (also && strchr(also, p[n - 1])))) n--;
    *s = p;
    *len = n;
}

size_t nt_skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && is_blank(s[i])) i++;
    return i;
}

/* ---- numbers --------------------------------------------------------------- */

/* A lower-case word at s (ASCII letters only); returns its length. */
static size_t word_len(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && nt_is_alpha((unsigned char)s[n])) n++;
    return n;
}

static bool word_is(const char *s, size_t n, const char *w)
{
    /* the first letter before the length: most words compared differ there */
    if (n > 0 && nt_tolower(s[0]) != w[0]) return false;
    if (strlen(w) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (nt_tolower(s[i]) != w[i]) return false;
    return true;
}

/* Number words of English and French up to twenty, and the tens ("au moins
 * deux ans", "trente-cinq": the tens joined as in English), with their
 * lengths, grouped by first letter: a count may start at any word, so only
 * the words of its first letter are looked at, each skipped on its length
 * before its letters. */
typedef struct number_word {
    const char *text; /* lower case */
    uint8_t len;
    uint8_t value;
} number_word;

#define NW(text, value) {text, sizeof(text) - 1, value}

static const number_word NUMBER_WORDS[] = {
    NW("cinq", 5), NW("cinquante", 50),
    NW("deux", 2), NW("dix", 10), NW("douze", 12), NW("dix-sept", 17), NW("dix-huit", 18),
    NW("dix-neuf", 19),
    NW("eight", 8), NW("eleven", 11), NW("eighteen", 18), NW("eighty", 80),
    NW("four", 4), NW("five", 5), NW("fourteen", 14), NW("fifteen", 15), NW("forty", 40),
    NW("fifty", 50),
    NW("huit", 8),
    NW("nine", 9), NW("nineteen", 19), NW("ninety", 90), NW("neuf", 9),
    NW("one", 1), NW("onze", 11),
    NW("quatre", 4), NW("quatorze", 14), NW("quinze", 15), NW("quarante", 40),
    NW("six", 6), NW("seven", 7), NW("sixteen", 16), NW("seventeen", 17), NW("sixty", 60),
    NW("seventy", 70), NW("sept", 7), NW("seize", 16), NW("soixante", 60),
    NW("two", 2), NW("three", 3), NW("ten", 10), NW("twelve", 12), NW("thirteen", 13),
    NW("twenty", 20), NW("thirty", 30), NW("trois", 3), NW("treize", 13), NW("trente", 30),
    NW("un", 1), NW("une", 1),
    NW("vingt", 20),
    NW("zero", 0), NW("z\xc3\xa9ro", 0),
};

static nt_first_byte_index NUMBER_INDEX = NT_FIRST_BYTE_INDEX(NUMBER_WORDS, number_word, text);

static int small_number_word(const char *s, size_t n)
{
    if (n < 2 || n > 10) return -1; /* "un" .. "quatorze", "cinquante", "dix-sept" */
    size_t end;
    for (size_t k = nt_first_byte_run(&NUMBER_INDEX, (unsigned char)nt_tolower(s[0]), &end); k < end; k++) {
        const number_word *w = &NUMBER_WORDS[k];
        if (w->len != n) continue;
        size_t i = 1;
        while (i < n && nt_tolower(s[i]) == w->text[i]) i++;
        if (i == n) return w->value;
    }
    return -1;
}

bool nt_parse_count(const char *s, size_t len, int *value, size_t *used)
{
    if (len && nt_is_digit((unsigned char)s[0])) {
        int v = 0;
        size_t i = 0;
        while (i < len && nt_is_digit((unsigned char)s[i])) {
            if (i >= 3) return false; /* 0..999 */
            v = v * 10 + (s[i] - '0');
            i++;
        }
        *value = v;
        *used = i;
        return true;
    }
    size_t n = word_len(s, len);
    /* "dix-sept", "dix-huit", "dix-neuf" are one word of the table */
    if (n == 3 && n + 1 < len && s[n] == '-' && small_number_word(s, n + 1 + word_len(s + n + 1, len - n - 1)) > 0)
        n += 1 + word_len(s + n + 1, len - n - 1);
    int v = small_number_word(s, n);
    if (v < 0) return false;
    size_t i = n;
    if (v >= 20 && v % 10 == 0 && i + 1 < len && (s[i] == ' ' || s[i] == '-')) {
        size_t m = word_len(s + i + 1, len - i - 1);
        int u = small_number_word(s + i + 1, m);
        if (u > 0 && u < 10) {
            v += u;
            i += 1 + m;
        }
    }
    if (i < len && nt_is_word((unsigned char)s[i])) return false;
    *value = v;
    *used = i;
    return true;
}

bool nt_parse_duration(const char *s, size_t len, int *months, size_t *used)
{
    int n;
    size_t i;
    if (!nt_parse_count(s, len, &n, &i)) return false;
    /* "six (6) years" */
    size_t j = nt_skip_blanks(s, len, i);
    if (j < len && s[j] == '(') {
        size_t k = j + 1;
        while (k < len && nt_is_digit((unsigned char)s[k])) k++;
        if (k < len && s[k] == ')' && k > j + 1) i = k + 1;
    }
    if (i < len && (s[i] == '-' || s[i] == ' ')) i++;
    i = nt_skip_blanks(s, len, i);
    size_t w = word_len(s + i, len - i);
    const char *u = s + i;
    int factor;
    if (word_is(u, w, "year") || word_is(u, w, "years") || word_is(u, w, "yr") ||
        word_is(u, w, "yrs") || word_is(u, w, "an") || word_is(u, w, "ans"))
        factor = 12;
    else if (word_is(u, w, "month") || word_is(u, w, "months") || word_is(u, w, "mois"))
        factor = 1;
    else if (len - i >= 6 && (memcmp(u, "ann\xc3\xa9", 5) == 0 || memcmp(u, "Ann\xc3\xa9", 5) == 0) &&
             (word_is(u + 5, word_len(u + 5, len - i - 5), "e") ||
              word_is(u + 5, word_len(u + 5, len - i - 5), "es"))) {
        /* "année", "années": the accent ends word_len's ASCII word */
        factor = 12;
        w = 5 + word_len(u + 5, len - i - 5);
    }
    else
        return false;
    *months = n * factor;
    *used = i + w;
    return true;
}

/* ---- dates ------------------------------------------------------------------ */

static const struct {
    const char *name;
    int month;
} MONTHS[] = {
    {"january", 1},    {"february", 2},  {"march", 3},      {"april", 4},      {"may", 5},
    {"june", 6},       {"july", 7},      {"august", 8},     {"september", 9},  {"october", 10},
    {"november", 11},  {"december", 12}, {"jan", 1},        {"feb", 2},        {"mar", 3},
    {"apr", 4},        {"jun", 6},       {"jul", 7},        {"aug", 8},        {"sep", 9},
    {"sept", 9},       {"oct", 10},      {"nov", 11},       {"dec", 12},
    /* Spanish and French, as job sites label them */
    {"enero", 1},      {"febrero", 2},   {"marzo", 3},      {"abril", 4},      {"mayo", 5},
    {"junio", 6},      {"julio", 7},     {"agosto", 8},     {"septiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"janvier", 1},   {"f\xc3\xa9vrier", 2}, {"mars", 3},
    {"avril", 4},      {"mai", 5},       {"juin", 6},       {"juillet", 7},    {"ao\xc3\xbbt", 8},
    {"septembre", 9},  {"octobre", 10},  {"novembre", 11},  {"d\xc3\xa9" "cembre", 12},
    /* French without accents and abbreviated; Italian */
    {"fevrier", 2},    {"aout", 8},      {"decembre", 12},  {"janv", 1},       {"f\xc3\xa9vr", 2},
    {"fevr", 2},       {"avr", 4},       {"juil", 7},       {"d\xc3\xa9" "c", 12}, {"setiembre", 9},
    {"gennaio", 1},    {"febbraio", 2},  {"aprile", 4},     {"maggio", 5},     {"giugno", 6},
    {"luglio", 7},     {"settembre", 9}, {"ottobre", 10},   {"dicembre", 12},
};

/* Weekday names before a date ("Sunday 21 September 2025", "dimanche 21
 * septembre 2025", "domingo, 21 de septiembre de 2025", "domenica 21 ..."). */
static const char *const WEEKDAYS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "mi\xc3\xa9rcoles", "miercoles", "jueves", "viernes", "s\303\241bado", "sabado",
    "domingo", "luned\xc3\xac", "marted\xc3\xac", "mercoled\xc3\xac", "gioved\xc3\xac",
    "venerd\xc3\xac", "sabato", "domenica",
};

/* The word at s (letters, UTF-8 included) lower-cased into w[16]; its
 * length, or 0 when it is not 3 to 12 bytes long (no month or weekday). */
static size_t name_at(const char *s, size_t len, char w[16])
{
    size_t n = 0;
    while (n < len && (nt_is_alpha((unsigned char)s[n]) || (unsigned char)s[n] >= 0x80)) n++;
    if (n < 3 || n > 12) return 0;
    for (size_t i = 0; i < n; i++) w[i] = nt_tolower(s[i]);
    w[n] = '\0';
    return n;
}

/* The bytes a weekday name (and a following '.', ',' and blanks) takes at s. */
static size_t skip_weekday(const char *s, size_t len)
{
    char w[16];
    size_t n = name_at(s, len, w);
    for (size_t i = 0; n && i < sizeof WEEKDAYS / sizeof WEEKDAYS[0]; i++) {
        if (strcmp(w, WEEKDAYS[i]) == 0) {
            if (n < len && s[n] == '.') n++;
            if (n < len && s[n] == ',') n++;
            return nt_skip_blanks(s, len, n);
        }
    }
    return 0;
}

/* A month name at s; *used includes a trailing '.'. 0 when none. */
static int month_name(const char *s, size_t len, size_t *used)
{
    char w[16];
    size_t n = name_at(s, len, w);
    for (size_t i = 0; n && i < sizeof MONTHS / sizeof MONTHS[0]; i++) {
        if (strcmp(w, MONTHS[i].name) == 0) {
            if (n < len && s[n] == '.') n++;
            *used = n;
            return MONTHS[i].month;
        }
    }
    return 0;
}

/* Exactly `digits` ASCII digits at s (1..2 with digits == 0 meaning "1 or 2"). */
static int read_digits(const char *s, size_t len, size_t *i, int min, int max)
{
    int v = 0, n = 0;
    while (*i < len && nt_is_digit((unsigned char)s[*i]) && n < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (n < min || (*i < len && nt_is_digit((unsigned char)s[*i]))) return -1;
    return v;
}

static size_t skip_ordinal(const char *s, size_t len, size_t i)
{
    if (i + 1 < len) {
        char a = nt_tolower(s[i]), b = nt_tolower(s[i + 1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 'e' && b == 'r') ||
            (a == 't' && b == 'h')) {
            if (i + 2 >= len || !nt_is_alpha((unsigned char)s[i + 2])) return i + 2;
        }
    }
    return i;
}

/* An optional time after a date: [,] [at] H:MM[:SS] [AM|PM]. */
static size_t parse_time(const char *s, size_t len, size_t i, int *minute)
{
    size_t j = nt_skip_blanks(s, len, i);
    if (j < len && s[j] == ',') j = nt_skip_blanks(s, len, j + 1);
    if (j + 2 < len && word_is(s + j, word_len(s + j, len - j), "at")) j = nt_skip_blanks(s, len, j + 2);
    int h = read_digits(s, len, &j, 1, 2);
    if (h < 0 || j >= len || (s[j] != ':' && s[j] != '.' && s[j] != 'h')) return i;
    j++;
    int m = read_digits(s, len, &j, 2, 2);
    if (m < 0 || m > 59) return i;
    if (j + 2 < len && s[j] == ':' && nt_is_digit((unsigned char)s[j + 1])) {
        size_t k = j + 1;
        if (read_digits(s, len, &k, 2, 2) < 0) return i;
        j = k;
    }
    size_t k = nt_skip_blanks(s, len, j);
    int pm = -1;
    if (k + 1 < len && (nt_tolower(s[k]) == 'a' || nt_tolower(s[k]) == 'p')) {
        size_t w = k + 1;
        if (w < len && s[w] == '.') w++;
        if (w < len && nt_tolower(s[w]) == 'm') {
            w++;
            if (w < len && s[w] == '.') w++;
            if (w >= len || !nt_is_alpha((unsigned char)s[w])) {
                pm = nt_tolower(s[k]) == 'p';
                j = w;
            }
        }
    }
    if (pm >= 0) {
        if (h < 1 || h > 12) return i;
        h = h % 12 + (pm ? 12 : 0);
    } else if (h > 23) {
        return i;
    }
    *minute = h * 60 + m;
    return j;
}

bool nt_parse_date(const char *s, size_t len, np_date *date, int *minute, size_t *used)
{
    size_t i = nt_skip_blanks(s, len, 0);
    i += skip_weekday(s + i, len - i);
    int y = -1, mo = -1, d = -1;
    if (i < len && nt_is_digit((unsigned char)s[i])) {
        size_t start = i;
        int first = read_digits(s, len, &i, 1, 4);
        if (first < 0) return false;
        if (i - start == 4) { /* ISO: YYYY-MM-DD or YYYY/MM/DD */
            if (i >= len || (s[i] != '-' && s[i] != '/')) return false;
            char sep = s[i++];
            mo = read_digits(s, len, &i, 1, 2);
            if (mo < 0 || i >= len || s[i] != sep) return false;
            i++;
            d = read_digits(s, len, &i, 1, 2);
            y = first;
        } else if (i - start <= 2) { /* day first */
            d = first;
            i = skip_ordinal(s, len, i);
            if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.') && i + 1 < len &&
                nt_is_digit((unsigned char)s[i + 1])) {
                char sep = s[i++];
                mo = read_digits(s, len, &i, 1, 2);
                if (mo < 0 || i >= len || s[i] != sep) return false;
                i++;
            } else {
                if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) i++;
                i = nt_skip_blanks(s, len, i);
                /* "21 of September", "21 de septiembre de 2025" */
                if (i + 3 < len && (word_is(s + i, word_len(s + i, len - i), "of") ||
                                    word_is(s + i, word_len(s + i, len - i), "de")))
                    i = nt_skip_blanks(s, len, i + 2);
                size_t n;
                mo = month_name(s + i, len - i, &n);
                if (!mo) return false;
                i += n;
                if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == ',')) i++;
                i = nt_skip_blanks(s, len, i);
                if (i + 3 < len && word_is(s + i, word_len(s + i, len - i), "de")) i = nt_skip_blanks(s, len, i + 2);
            }
            y = read_digits(s, len, &i, 4, 4);
        } else {
            return false;
        }
    } else {
        size_t n;
        mo = month_name(s + i, len - i, &n);
        if (!mo) return false;
        i = nt_skip_blanks(s, len, i + n);
        if (i < len && s[i] == '-') i++;
        d = read_digits(s, len, &i, 1, 2);
        if (d < 0) return false;
        i = skip_ordinal(s, len, i);
        if (i < len && (s[i] == ',' || s[i] == '-')) i++;
        i = nt_skip_blanks(s, len, i);
        y = read_digits(s, len, &i, 4, 4);
    }
    if (y < 1 || mo < 1 || d < 1) return false;
    np_date out;
    if (np_date_from_ymd(&out, y, mo, d, NULL) != NP_OK) return false;
    *date = out;
    *minute = -1;
    *used = parse_time(s, len, i, minute);
    return true;
}

/* ---- amounts ---------------------------------------------------------------- */

bool nt_parse_amount(const char *s, size_t len, double *value, size_t *used)
{
    if (len == 0 || !nt_is_digit((unsigned char)s[0])) return false;
    uint64_t whole = 0;
    size_t nd = 0, end = 0, dots = 0, commas = 0;
    size_t last_sep = NT_NPOS; /* digits before the last separator */
    size_t group_start = 0;    /* digits before the current space-separated group */
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (nt_is_digit((unsigned char)c)) {
            if (nd >= 15) return false; /* beyond exact doubles; no salary is that long */
            whole = whole * 10 + (uint64_t)(c - '0');
            nd++;
            end = i + 1;
        } else if ((c == ',' || c == '.') && i + 1 < len && nt_is_digit((unsigned char)s[i + 1])) {
            last_sep = nd;
            if (c == '.') dots++;
            else commas++;
        } else if (c == ' ' && dots + commas == 0 && nd - group_start <= 3 && len - i > 3 &&
                   nt_is_digit((unsigned char)s[i + 1]) && nt_is_digit((unsigned char)s[i + 2]) &&
                   nt_is_digit((unsigned char)s[i + 3]) &&
                   (len - i == 4 || !nt_is_digit((unsigned char)s[i + 4]))) {
            /* "7 563,38": French and SI writing group thousands with a space */
            group_start = nd;
        } else {
            break;
        }
    }
    /* The last separator is the decimal point when both kinds occur, or when
     * it occurs once and 1-2 digits follow ("9,253.21", "13.914,54", "7,5"). */
    size_t frac = last_sep == NT_NPOS ? 0 : nd - last_sep;
    bool decimal = last_sep != NT_NPOS &&
                   ((dots && commas) || ((dots + commas) == 1 && frac <= 2));
    double scale = 1;
    if (decimal)
        for (size_t k = 0; k < frac; k++) scale *= 10;
    /* Both operands are exact, so the quotient is the double nearest the
     * written decimal. */
    *value = (double)whole / scale;
    *used = end;
    return true;
}

/* ---- UTF-8 and symbols ------------------------------------------------------- */

uint32_t nt_codepoint(const char *s, size_t len, size_t i, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[i];
    if (c < 0x80 || i + 1 >= len) { *n = 1; return c; }
    if (c < 0xE0) { *n = 2; return ((uint32_t)(c & 0x1F) << 6) | (u[i + 1] & 0x3F); }
    if (c < 0xF0) {
        if (i + 2 >= len) { *n = 1; return c; }
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
    }
    if (i + 3 >= len) { *n = 1; return c; }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(u[i + 1] & 0x3F) << 12) |
           ((uint32_t)(u[i + 2] & 0x3F) << 6) | (u[i + 3] & 0x3F);
}

static bool is_symbol(uint32_t cp)
{
    if (cp < 0x80) return cp == ' ' || cp == '-' || cp == '*' || cp == '#' || cp == '>' ||
                          cp == '|' || cp == '~' || cp == '=' || cp == '+' || cp == '.';
    return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x00B7 || cp == 0xF0B7;
}

size_t nt_skip_symbols(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        uint32_t cp = nt_codepoint(s, len, i, &n);
        if (!is_symbol(cp)) break;
        i += n;
    }
    return i;
}

/* ---- posting updates ---------------------------------------------------------- */

np_status nt_set(nt_doc *d, char **slot, const char *s, size_t len)
{
    if (d->status != NP_OK) return d->status;
    d->status = np_posting_set_text(slot, s, len, d->err);
    return d->status;
}

np_status nt_diag(nt_doc *d, np_diag_severity severity, int line, const char *field,
                  const char *fmt, ...)
{
    if (d->status != NP_OK) return d->status;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    const int full = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* a long quote is cut at the buffer's end, perhaps inside a character */
    if (full >= (int)sizeof msg) msg[npi_utf8_cut(msg, sizeof msg - 1)] = '\0';
    d->status = np_posting_add_diagnostic(d->p, severity, line, field, d->err, "%s", msg);
    return d->status;
}

/* ---- sentences ------------------------------------------------------------------ */

/* Words after which a full stop is not a sentence end. */
static bool is_abbreviation(const char *low, size_t end)
{
    size_t b = end;
    while (b > 0 && (nt_is_alpha((unsigned char)low[b - 1]) || low[b - 1] == '.')) b--;
    size_t n = end - b;
    if (n <= 2) return true; /* "e.g", "i.e", "No", "St", initials */
    static const char *const ABBR[] = {"etc", "approx", "incl", "ref", "nos", "cf", "viz", "ex",
                                       "e.g", "i.e", "mr", "mrs", "dr", "prof", "vs"};
    for (size_t i = 0; i < sizeof ABBR / sizeof ABBR[0]; i++)
        if (strlen(ABBR[i]) == n && memcmp(low + b, ABBR[i], n) == 0) return true;
    return false;
}

void nt_each_sentence(nt_doc *d, const nt_line *line, bool split_semicolons, nt_sentence_fn fn,
                      void *ctx)
{
    const char *s = nt_text(d, line), *low = nt_low(d, line);
    const size_t len = line->len;
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i <= len; i++) {
        bool cut = i == len;
        if (!cut) {
            char c = s[i];
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0 && (c == '.' || c == '?' || c == '!') && i + 2 < len &&
                     s[i + 1] == ' ' &&
                     (nt_is_upper((unsigned char)s[i + 2]) || s[i + 2] == '"') &&
                     !(c == '.' && is_abbreviation(low, i)))
                cut = true;
            else if (split_semicolons && depth == 0 && c == ';')
                cut = true;
        }
        if (!cut) continue;
        size_t end = i < len ? i + 1 : len;
        const char *p = s + start;
        size_t n = end - start;
        nt_trim(&p, &n, NULL);
        if (n) fn(d, line, p, low + (p - s), n, ctx);
        start = end;
    }
}
