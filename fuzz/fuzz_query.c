/* libFuzzer harness: the query language (lexer, parser, type checker) and
 * the row-wise evaluator. A rejected query must say what is wrong and where;
 * an accepted one must evaluate and order records without fault. The field
 * table has one field of every type, with the model's literal parsers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static np_status grade_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_grade g;
    np_status st = np_grade_parse(&g, text, len, err);
    if (st == NP_OK) out->ordinal = g.low;
    return st;
}

static np_status level_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_lang_level level;
    np_status st = np_lang_level_parse(&level, text, len, err);
    if (st == NP_OK) out->ordinal = (int32_t)level;
    return st;
}

static np_status clearance_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_clearance level;
    np_status st = np_clearance_parse(&level, NULL, text, len, err);
    if (st == NP_OK) out->ordinal = (int32_t)level;
    return st;
}

static const np_qfield FIELDS[] = {
    {"title", NP_QTYPE_TEXT, 0, NULL},
    {"experience", NP_QTYPE_NUMBER, 1, NULL},
    {"deadline", NP_QTYPE_DATE, 2, NULL},
    {"grade", NP_QTYPE_GRADE, 3, grade_literal},
    {"lang.second", NP_QTYPE_LEVEL, 4, level_literal},
    {"clearance", NP_QTYPE_CLEARANCE, 5, clearance_literal},
    {"fast_track", NP_QTYPE_BOOL, 6, NULL},
};

typedef struct record {
    const char *title;
    double experience;
    int32_t ordinals[5]; /* deadline, grade, level, clearance, fast_track */
    unsigned null_mask;  /* bit i: field i is missing */
} record;

static const record RECORDS[] = {
    {"Officer, Logistics", 2, {20200, 15, 1, 0, 0}, 1u << 5},
    {"Staff Officer", 5, {20453, 20, 3, 3, 1}, 0},
    {NULL, 0, {0, 0, 0, 0, 0}, 0x7f},
};

static void get(const void *rec, const np_qfield *field, np_qvalue *out)
{
    const record *r = rec;
    memset(out, 0, sizeof *out);
    out->type = field->type;
    out->is_null = (r->null_mask >> field->id) & 1u;
    if (out->is_null) return;
    if (field->id == 0) {
        out->text = r->title;
        out->text_len = strlen(r->title);
    } else if (field->id == 1) {
        out->number = r->experience;
    } else {
        out->ordinal = r->ordinals[field->id - 2];
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_query *q = NULL;
    np_error err;
    if (np_query_compile(&q, (const char *)data, size, FIELDS, sizeof FIELDS / sizeof FIELDS[0],
                         &err) != NP_OK) {
        if (err.message[0] == '\0' || err.column < 1) abort();
        return 0;
    }
    size_t n = sizeof RECORDS / sizeof RECORDS[0];
    for (size_t i = 0; i < n; i++) {
        (void)np_query_match(q, &RECORDS[i], get);
        for (size_t j = 0; j < n; j++) {
            int ab = np_query_compare_records(q, &RECORDS[i], &RECORDS[j], get);
            int ba = np_query_compare_records(q, &RECORDS[j], &RECORDS[i], get);
            if ((ab < 0) != (ba > 0) || (ab == 0) != (ba == 0)) abort(); /* antisymmetry */
        }
    }
    np_query_free(q);
    return 0;
}
