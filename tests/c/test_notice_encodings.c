/* Issue 13, item 4: the encodings a notice may come in (the rule is in
 * notice.h). One notice written here, with accents, curly quotes, a euro
 * sign and a dash, is encoded as UTF-8, UTF-8 with a byte order mark,
 * Windows-1252, UTF-16LE and UTF-16BE (with byte order marks): every form
 * gives the same posting, the decoded ones with an info diagnostic naming
 * the encoding. Bytes that fit no supported encoding are errors whose line,
 * column and offset are those of the text as given. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "notice_support.h"

static const char NOTICE[] =
    "Officer, Sécurité et Défense\n"
    "Location: Brussels, Belgium\n"
    "NATO Grade G15\n"
    "Salary: 7,563.38 € per month\n"
    "Application Deadline: 3 December 2025\n"
    "SUMMARY\n"
    "The post holder – under the Head’s “direction” – advises on défense planning.\n"
    "QUALIFICATIONS AND EXPERIENCE\n"
    "ESSENTIAL\n"
    "- a university degree in engineering;\n"
    "- at least three years’ experience in security policy;\n"
    "- V (\"Advanced\") in one; III (\"Intermediate\") in the other.\n";

/* ---- encoders for the characters NOTICE uses ----------------------------------------- */

static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t cp;
    if (s[0] < 0x80) cp = s[0], *p += 1;
    else if (s[0] < 0xE0) cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F), *p += 2;
    else cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F), *p += 3;
    return cp;
}

static unsigned char to_cp1252(uint32_t cp)
{
    switch (cp) {
    case 0x20AC: return 0x80;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    case 0x2013: return 0x96;
    default: cr_assert_lt(cp, 0x100u, "U+%04X has no Windows-1252 byte here", cp); return (unsigned char)cp;
    }
}

/* NOTICE in `form`: "utf-8-bom", "cp1252", "utf-16le", "utf-16be". */
static char *encode(const char *form, size_t *len)
{
    char *out = malloc(sizeof NOTICE * 2 + 4);
    cr_assert_not_null(out);
    size_t n = 0;
    const bool bom8 = strcmp(form, "utf-8-bom") == 0, cp1252 = strcmp(form, "cp1252") == 0;
    const bool le = strcmp(form, "utf-16le") == 0, be = strcmp(form, "utf-16be") == 0;
    if (bom8) {
        memcpy(out, "\xEF\xBB\xBF", 3);
        memcpy(out + 3, NOTICE, sizeof NOTICE - 1);
        *len = sizeof NOTICE + 2; /* three BOM bytes and the text without its NUL */
        return out;
    }
    if (le) out[n++] = (char)0xFF, out[n++] = (char)0xFE;
    if (be) out[n++] = (char)0xFE, out[n++] = (char)0xFF;
    for (const unsigned char *p = (const unsigned char *)NOTICE; *p;) {
        const uint32_t cp = next_cp(&p);
        if (cp1252) out[n++] = (char)to_cp1252(cp);
        else if (le) out[n++] = (char)(cp & 0xFF), out[n++] = (char)(cp >> 8);
        else out[n++] = (char)(cp >> 8), out[n++] = (char)(cp & 0xFF);
    }
    cr_assert(cp1252 || le || be, "unknown form %s", form);
    *len = n;
    return out;
}

static json_t *as_json(const np_posting *p)
{
    char *text = NULL;
    cr_assert_eq(np_posting_to_json(&text, p, false, NULL), NP_OK);
    json_t *j = json_loads(text, 0, NULL);
    np_free(text);
    cr_assert_not_null(j);
    return j;
}

/* ---- the same posting from every form --------------------------------------------------- */

Test(notice_encodings, every_form_gives_the_same_posting)
{
    np_posting *ref = read_text(NOTICE);
    cr_assert_str_eq(ref->title, "Officer, Sécurité et Défense");
    cr_assert_eq(ref->salary.amount, 7563.38);
    cr_assert_str_eq(ref->salary.currency, "EUR");
    cr_assert_not(has_diag(ref, "encoding"), "UTF-8 is read as it is");
    json_t *want = as_json(ref);

    static const struct {
        const char *form, *encoding;
    } FORMS[] = {{"utf-8-bom", NULL},
                 {"cp1252", "Windows-1252"},
                 {"utf-16le", "UTF-16LE"},
                 {"utf-16be", "UTF-16BE"}};
    for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++) {
        size_t len;
        char *bytes = encode(FORMS[i].form, &len);
        np_posting *p = read_bytes(bytes, len);
        json_t *got = as_json(p);
        if (FORMS[i].encoding) {
            json_t *diags = json_object_get(got, "diagnostics");
            json_t *first = json_array_get(diags, 0);
            cr_assert_str_eq(json_string_value(json_object_get(first, "field")), "encoding", "%s",
                             FORMS[i].form);
            cr_expect_str_eq(json_string_value(json_object_get(first, "severity")), "info");
            cr_expect_not_null(strstr(json_string_value(json_object_get(first, "message")),
                                      FORMS[i].encoding),
                               "%s: the diagnostic names the encoding", FORMS[i].form);
            json_array_remove(diags, 0);
        } else {
            cr_expect_not(has_diag(p, "encoding"), "%s", FORMS[i].form);
        }
        char *a = json_dumps(want, JSON_SORT_KEYS), *b = json_dumps(got, JSON_SORT_KEYS);
        cr_expect_str_eq(b, a, "%s reads as the UTF-8 text does", FORMS[i].form);
        free(a);
        free(b);
        json_decref(got);
        np_posting_free(p);
        free(bytes);
    }
    json_decref(want);
    np_posting_free(ref);
}

/* ---- errors, positioned in the text as given ---------------------------------------------- */

static np_error read_fails(const char *bytes, size_t len)
{
    np_posting *p = NULL;
    np_error err;
    cr_assert_eq(np_notice_read(&p, bytes, len, NULL, &err), NP_EPARSE, "read: %s", err.message);
    cr_assert_null(p);
    return err;
}

Test(notice_encodings, bytes_of_no_supported_encoding_are_errors)
{
    /* 0x81 is undefined in Windows-1252: line 3, column 5 */
    static const char UNDEFINED[] = "Officer\nGrade G15\nab\xE9\x81z\n";
    np_error err = read_fails(UNDEFINED, sizeof UNDEFINED - 1);
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 4);
    cr_expect_eq(err.offset, 21u);
    cr_expect_not_null(strstr(err.message, "0x81 is undefined"), "%s", err.message);

    /* UTF-8 on line 1 and a Windows-1252 byte on line 2: either reading garbles half */
    static const char MIXED[] = "Officer, S\xC3\xA9" "curit\xC3\xA9\nD\xE9" "fense\n";
    err = read_fails(MIXED, sizeof MIXED - 1);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.column, 2);
    cr_expect_not_null(strstr(err.message, "mixes two encodings"), "%s", err.message);
    cr_expect_not_null(strstr(err.message, "line 1, column 11"), "names the UTF-8 part: %s", err.message);

    /* a NUL byte in text that is not UTF-8 */
    static const char NUL[] = "Officer\xE9\nab\0c\n";
    err = read_fails(NUL, sizeof NUL - 1);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.column, 3);
}

Test(notice_encodings, utf16_errors_name_the_source_position)
{
    /* "Hi\nA" then a lone high surrogate (D800) then "B", little endian */
    static const char LONE[] = "\xFF\xFE" "H\0i\0\n\0A\0\x00\xD8" "B\0";
    np_error err = read_fails(LONE, sizeof LONE - 1);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.offset, 10u);
    cr_expect_eq(err.column, 3, "bytes from the line start in the source");
    cr_expect_not_null(strstr(err.message, "unpaired high surrogate"), "%s", err.message);
    cr_expect_not_null(strstr(err.message, "UTF-16LE"), "%s", err.message);

    static const char ODD[] = "\xFE\xFF\0H\0i\0";
    err = read_fails(ODD, sizeof ODD - 1);
    cr_expect_not_null(strstr(err.message, "odd number of bytes"), "%s", err.message);
    cr_expect_eq(err.offset, 6u);

    static const char NUL[] = "\xFE\xFF\0H\0\n\0\0";
    err = read_fails(NUL, sizeof NUL - 1);
    cr_expect_eq(err.line, 2);
    cr_expect_not_null(strstr(err.message, "NUL character"), "%s", err.message);

    /* a surrogate pair is one character: U+1F4C5 (calendar emoji) before the title */
    static const char PAIR[] = "\xFF\xFE=\xD8\xC5\xDC \0O\0f\0f\0i\0c\0e\0r\0\n\0";
    np_posting *p = read_bytes(PAIR, sizeof PAIR - 1);
    cr_expect(has_diag(p, "encoding"));
    np_posting_free(p);
}

Test(notice_encodings, decoded_lines_keep_their_numbers)
{
    size_t len;
    char *bytes = encode("utf-16le", &len);
    np_posting *p = read_bytes(bytes, len);
    cr_expect_eq(p->lines.salary, 4);
    cr_expect_eq(p->lines.deadline, 5);
    cr_expect_eq(p->lines.summary, 7);
    np_posting_free(p);
    free(bytes);
}
