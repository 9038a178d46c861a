/* Private to the notice reader (core/src/reader/).
 *
 * Pipeline (np_notice_read in notice.c):
 *   1. nt_decode     -- the encoding rule (notice_encoding.c, stated in
 *                       notice.h): UTF-8 as is, UTF-16 with a BOM and
 *                       Windows-1252 decoded; rejects empty text, NUL bytes
 *                       and bytes of no supported encoding (line/column/
 *                       offset of the first bad byte in the text as given);
 *   2. nt_normalize  -- one pass: CRLF -> LF, NBSP and other spaces -> ' ',
 *                       curly quotes -> ASCII, dashes/bullets -> '-', runs of
 *                       blanks folded; then split into trimmed lines that keep
 *                       their 1-based source line number and a bullet flag;
 *   3. nt_segment    -- finds section headings in every layout and tags each
 *                       line with its section kind (and, in the qualifications,
 *                       with its essential/desirable part); a heading glued to
 *                       site text or followed by text on the same line splits
 *                       the line into several logical lines;
 *   4. recognisers   -- one per field family, each over its sections only.
 *
 * Every step is linear in the text: lines are scanned a constant number of
 * times, searches look for short fixed needles, and look-backs are bounded.
 */
#ifndef NATOPOST_NOTICE_INTERNAL_H
#define NATOPOST_NOTICE_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/notice.h"
#include "natopost/posting.h"
#include "support/text_quote.h"

#define NT_NPOS ((size_t)-1)

typedef enum nt_kind {
    NT_HEADER = 0,         /* before the first heading: site text, labels, title */
    NT_SUMMARY,
    NT_QUALIFICATIONS,     /* essential and desirable parts */
    NT_ACCOUNTABILITIES,
    NT_INTERRELATIONSHIPS,
    NT_COMPETENCIES,
    NT_CONTRACT,
    NT_BOILERPLATE,        /* recruitment process, additional information, site footer */
    NT_KIND_COUNT
} nt_kind;

typedef enum nt_part { NT_PART_NONE = 0, NT_PART_ESSENTIAL, NT_PART_DESIRABLE } nt_part;

typedef struct nt_line {
    uint32_t off;    /* start of the text in doc->buf and doc->low (the text is at
                        most NP_NOTICE_MAX_BYTES: 32 bits keep the array small) */
    uint32_t len;    /* trimmed, bullet marker removed */
    int no;          /* 1-based line of the source text (lines end at LF) */
    uint8_t kind;    /* nt_kind of the section the line belongs to */
    uint8_t bullet;  /* a bullet marker ("-", "*", "•") was removed */
    uint8_t heading; /* a section heading (its text is the heading only) */
    uint8_t part;    /* in NT_QUALIFICATIONS: nt_part; a sub-heading or intro line has
                        part set and `intro` set */
    uint8_t intro;   /* "ESSENTIAL", "The incumbent must:", ... (not an item) */
    uint8_t used;    /* consumed by a label recogniser (not a title candidate) */
} nt_line;

typedef struct nt_doc {
    char *buf;  /* normalised text, lines separated by '\n', NUL-terminated */
    char *low;  /* the same bytes with ASCII letters lower-cased */
    size_t size;
    nt_line *lines;
    size_t count, cap;
    int section_line[NT_KIND_COUNT]; /* line of the first heading of each kind; 0 = none */
    int reports_to_line;             /* line of "reports to ..." (interrelationships) */
    np_posting *p;
    np_error *err;
    np_status status; /* sticky: the first failure (NP_ENOMEM) */
} nt_doc;

static inline const char *nt_text(const nt_doc *d, const nt_line *l) { return d->buf + l->off; }
static inline const char *nt_low(const nt_doc *d, const nt_line *l) { return d->low + l->off; }

/* ---- notice_normalize.c ---------------------------------------------------- */

/* ---- notice_encoding.c ----------------------------------------------------- */

/* The notice as UTF-8: `text` itself, or a decoded copy (`owned`, free it). */
typedef struct nt_text_in {
    const char *text;
    size_t len;
    char *owned;
    const char *encoding; /* "UTF-16LE", "UTF-16BE", "Windows-1252"; NULL for UTF-8 */
} nt_text_in;

/* NP_EPARSE (line, column, offset of the first offence in `text`) for empty
 * text, a NUL byte, or bytes that fit no supported encoding; NP_EINVAL above
 * NP_NOTICE_MAX_BYTES; NP_ENOMEM. */
np_status nt_decode(nt_text_in *out, const char *text, size_t len, np_error *err);
/* Fills d->buf, d->low and d->lines (kind NT_HEADER) from valid text. */
np_status nt_normalize(nt_doc *d, const char *text, size_t len);
/* Appends a logical line (used by the segmenter to split lines). */
nt_line *nt_push_line(nt_doc *d, size_t off, size_t len, int no, bool bullet);
/* Makes room for `count` lines in total (false and d->status on failure), so
 * that a known number of lines is allocated once rather than by doubling. */
bool nt_reserve_lines(nt_doc *d, size_t count);
void nt_doc_free(nt_doc *d);

/* ---- notice_segment.c ------------------------------------------------------ */

/* Tags every line with its section; splits glued headings. */
np_status nt_segment(nt_doc *d);
/* Recognises a section heading at the start of `s` (normalised text):
 * optional number ("1.", "1. ", "2)"), a known heading phrase, an optional
 * colon. Returns the kind (NT_HEADER when none) and the number of bytes the
 * heading takes (*used, including the colon and following blanks). `bullet`
 * says the line had a "-" marker (the "- SUMMARY text" layout). *part (may be
 * NULL) is set for "ESSENTIAL QUALIFICATIONS" / "DESIRABLE ..." headings. */
nt_kind nt_match_heading(const char *s, size_t len, bool bullet, size_t *used, nt_part *part);

/* ---- notice_text.c: the first-byte index ------------------------------------ */

/* The first-byte index of a static table of entries whose key (a string at
 * `key_offset` in each entry of `stride` bytes) is grouped by its first byte:
 * the phrase tables look up only the run of entries a line's first byte
 * starts. Define one per table with static storage (the slots start at 0,
 * "not looked up yet"); tables hold fewer than 32768 entries. */
typedef struct nt_first_byte_index {
    const void *table;
    size_t count, stride, key_offset;
    _Atomic uint32_t run[256]; /* per byte: NT_FIRST_BYTE_KNOWN | end << 16 | start, once looked up */
} nt_first_byte_index;

#define NT_FIRST_BYTE_INDEX(array, type, key)                                             \
    {.table = (array), .count = sizeof(array) / sizeof((array)[0]), .stride = sizeof(type), \
     .key_offset = offsetof(type, key)}

#define NT_FIRST_BYTE_KNOWN 0x80000000u

/* Looks the run of `first` up in the table and remembers it. */
uint32_t nt_first_byte_scan(nt_first_byte_index *index, unsigned char first);

/* The entries of the table whose key starts with `first`: [return, *end). */
static inline size_t nt_first_byte_run(nt_first_byte_index *index, unsigned char first, size_t *end)
{
    uint32_t run = atomic_load_explicit(&index->run[first], memory_order_relaxed);
    if (!run) run = nt_first_byte_scan(index, first);
    *end = (run >> 16) & 0x7FFF;
    return run & 0xFFFF;
}

/* ---- notice_text.c --------------------------------------------------------- */

static inline bool nt_is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool nt_is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool nt_is_alpha(unsigned char c) { return nt_is_upper(c) || nt_is_lower(c); }
static inline bool nt_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
/* A byte that can be part of a word: ASCII letter or digit, or any non-ASCII
 * byte (1 in nt_word_bytes, notice_text.c). */
extern const uint8_t nt_word_bytes[256];
static inline bool nt_is_word(unsigned char c) { return nt_word_bytes[c] != 0; }
static inline char nt_tolower(char c) { return nt_is_upper((unsigned char)c) ? (char)(c - 'A' + 'a') : c; }

/* First occurrence of lower-case `needle` in lower-cased `low` (len bytes),
 * or NT_NPOS. */
size_t nt_find(const char *low, size_t len, const char *needle);
/* The same, with word boundaries on both sides of the match. */
size_t nt_find_word(const char *low, size_t len, const char *needle);
/* True if lower-cased `low` starts with `needle` followed by a word boundary. */
bool nt_starts_word(const char *low, size_t len, const char *needle);
/* Case-sensitive whole-word search (for product names, acronyms). */
size_t nt_find_exact_word(const char *s, size_t len, const char *needle);

/* Trims blanks (and the characters in `also`, may be NULL) at both ends. */
void nt_trim(const char **s, size_t *len, const char *also);
size_t nt_skip_blanks(const char *s, size_t len, size_t i);

/* An integer written in digits or words ("3", "three", "twenty four",
 * "twenty-four"); *used bytes. Values 0..999. */
bool nt_parse_count(const char *s, size_t len, int *value, size_t *used);
/* A duration at the start of `s`: "3 years", "3-year", "three years",
 * "36 months", "six (6) years" -> months. */
bool nt_parse_duration(const char *s, size_t len, int *months, size_t *used);
/* A date at the start of `s` in any form the notices use: ISO "2025-11-03",
 * "31-12-2025" and "31/12/2025" (day first), "03-Nov-2025", "3 November 2025",
 * "April 22, 2025", with an optional time ("5:59:00 PM", "17:59"). *minute is
 * -1 without a time. */
bool nt_parse_date(const char *s, size_t len, np_date *date, int *minute, size_t *used);
/* A money amount "9,253.21", "13.914,54", "7563" -> value; *used bytes. */
bool nt_parse_amount(const char *s, size_t len, double *value, size_t *used);

/* Decodes the UTF-8 code point at s[i] (valid text); *n its byte length. */
uint32_t nt_codepoint(const char *s, size_t len, size_t i, size_t *n);
/* Skips symbols at the start: emoji, arrows, bullets, ASCII punctuation and
 * blanks (not letters, digits, quotes or brackets). Returns the new start. */
size_t nt_skip_symbols(const char *s, size_t len);

/* Posting updates that keep the sticky status. */
np_status nt_set(nt_doc *d, char **slot, const char *s, size_t len);
np_status nt_diag(nt_doc *d, np_diag_severity severity, int line, const char *field,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Sentences of a line: pieces ending at ". " + upper-case letter, "; " or
 * the end. Calls fn for each (trimmed, non-empty). */
typedef void (*nt_sentence_fn)(nt_doc *d, const nt_line *line, const char *s, const char *low,
                               size_t len, void *ctx);
void nt_each_sentence(nt_doc *d, const nt_line *line, bool split_semicolons, nt_sentence_fn fn,
                      void *ctx);

/* ---- notice_place.c ---------------------------------------------------------- */

/* The first NATO body named in the text (its canonical name), *at (may be
 * NULL) its offset or NT_NPOS; `abbreviations` also accepts the upper-case
 * short forms ("ACT" is also a verb, "IS" a word). */
const char *nt_find_body(const char *s, const char *low, size_t len, bool abbreviations, size_t *at);
/* A known duty city at the start of lower-cased `low` ("bruxelles" ->
 * "Brussels"); *used (may be NULL) the bytes matched. NULL when none. */
const char *nt_city_at(const char *low, size_t len, size_t *used);
typedef enum nt_place_kind { NT_PLACE_NONE = 0, NT_PLACE_CITY, NT_PLACE_COUNTRY } nt_place_kind;
/* A place value: "Brussels, Belgium", "Belgium-Brussels", "LU-Capellen",
 * "Shape, Mons, Belgium", "Bruxelles" -> CITY with the city (*city points
 * into s or at a static canonical name); a country alone -> COUNTRY. An
 * unknown city alone counts only when `labelled` (the value of a location
 * label); unlabelled lines need a known city or "City, Country". */
nt_place_kind nt_read_place(const char *s, const char *low, size_t len, bool labelled,
                            const char **city, size_t *city_len);
/* The duty city a sentence states: "NATO HQ Brussels", "located at NATO
 * Headquarters in Brussels", "based in Mons"; NULL when none. */
const char *nt_city_in_text(const char *low, size_t len);

/* ---- recognisers ------------------------------------------------------------ */

np_status nt_read_sections(nt_doc *d);     /* notice_sections.c: summary, accountabilities,
                                              interrelationships, competencies */
np_status nt_read_header(nt_doc *d);       /* notice_header.c: labels, title, body, location,
                                              grade, salary, dates, requisition, fast track,
                                              clearance */
np_status nt_read_org(nt_doc *d);          /* notice_org.c: division, directorate, section */
np_status nt_read_requirements(nt_doc *d); /* notice_requirements.c */
np_status nt_read_contract(nt_doc *d);     /* notice_contract.c */
np_status nt_read_language(nt_doc *d);     /* notice_language.c: "en", "fr" or undecided */

/* notice_requirements.c: fills the typed form of one requirement from its
 * sentence (exposed for the unit tests). NP_ENOMEM only. */
np_status nt_classify_requirement(np_requirement *req, const char *s, size_t len, np_error *err);
/* notice_header.c: the start of the next label after `from` in a header line
 * run together from label/value pairs ("Vacancy Number: 16021 Grade: A-2
 * Title: ...", "NATO Grade: 24Basic Monthly Salary: ..."), or NT_NPOS. */
size_t nt_next_glued_label(const char *s, const char *low, size_t len, size_t from);
/* notice_header.c: finds a clearance level in a sentence that mentions a
 * clearance; false when none is stated. */
bool nt_find_clearance(const char *s, const char *low, size_t len, np_clearance *level,
                       bool *atomal);
/* notice_header.c: a grade in label text ("NATO Grade G20", "A-2/G-15",
 * "GradeA.2 / NATO Grade G15", "A3 (A2/3)"). */
bool nt_find_grade(const char *s, size_t len, np_grade *grade);

#endif
