/* support/json_write.c against json_dumps, which wrote posting JSON before
 * it: byte-identical text for generated values under every flag it takes,
 * and a refusal (for json_dumps to do it) of every flag it does not. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/json_write.h"
#include "support.h"

static int pick(ts_rng *r, int n) { return (int)ts_rng_range(r, 0, n - 1); }

static json_t *gen_string(ts_rng *r)
{
    static const char *const pieces[] = {"a", "é", "€", "𝄞", "\n", "\"", "\\", "/", "\t", "\x01",
                                         "\x1f", "\x7f", "\b\f\r", " ", "key", "\xe2\x80\xa8"};
    char buf[256] = ""; /* long enough for the 8-byte fast path, with escapes anywhere */
    const int n = pick(r, 24);
    for (int i = 0; i < n; i++) strcat(buf, pieces[pick(r, (int)(sizeof pieces / sizeof *pieces))]);
    return json_string(buf);
}

static json_t *gen_real(ts_rng *r)
{
    switch (pick(r, 6)) {
    case 0: return json_real((double)ts_rng_range(r, 0, 100000000) / 100.0);
    case 1: return json_real((double)ts_rng_range(r, -1000, 1000));
    case 2: return json_real(1e300 * (double)pick(r, 1000));
    case 3: return json_real(1e-300 / (double)(1 + pick(r, 1000)));
    case 4: return json_real((double)ts_rng_next(r) / 3.0);
    default: return json_real(0.1 * pick(r, 30) + 1e15 * pick(r, 3));
    }
}

static json_t *gen_value(ts_rng *r, int depth)
{
    switch (pick(r, depth > 4 ? 5 : 7)) {
    case 0: return pick(r, 3) == 0 ? json_null() : json_boolean(pick(r, 2));
    case 1: return gen_string(r);
    case 2: return json_integer((json_int_t)ts_rng_next(r) >> pick(r, 64));
    case 3: return gen_real(r);
    case 4: return json_integer(ts_rng_range(r, -5, 5));
    case 5: {
        json_t *a = json_array();
        for (int i = pick(r, 5); i > 0; i--) json_array_append_new(a, gen_value(r, depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (int i = pick(r, 6); i > 0; i--) {
            char key[16];
            snprintf(key, sizeof key, pick(r, 4) ? "k%d" : "\"\n%d/", pick(r, 20));
            json_object_set_new(o, key, gen_value(r, depth + 1));
        }
        return o;
    }
    }
}

static void expect_same(const json_t *v, size_t flags)
{
    char *theirs = json_dumps(v, flags);
    npi_strbuf sb = NP_STRBUF_INIT;
    cr_assert(npi_json_write(&sb, v, flags));
    char *ours = npi_strbuf_take(&sb);
    cr_assert_not_null(theirs);
    cr_assert_not_null(ours);
    cr_expect_str_eq(ours, theirs, "flags %#zx", flags);
    free(theirs);
    free(ours);
}

Test(json_write, writes_as_json_dumps)
{
    ts_rng r = {20261203};
    const size_t flag_sets[] = {0, JSON_COMPACT, JSON_INDENT(2), JSON_INDENT(2) | JSON_PRESERVE_ORDER,
                                JSON_INDENT(4) | JSON_COMPACT, JSON_INDENT(31), JSON_COMPACT | JSON_REAL_PRECISION(1),
                                JSON_INDENT(2) | JSON_REAL_PRECISION(6), JSON_REAL_PRECISION(17)};
    for (int round = 0; round < 2000; round++) {
        json_t *v = pick(&r, 2) ? json_array() : json_object();
        for (int i = 0; i < 4; i++) {
            json_t *item = gen_value(&r, 1);
            if (json_is_array(v)) json_array_append_new(v, item);
            else {
                char key[16];
                snprintf(key, sizeof key, "m%d", i);
                json_object_set_new(v, key, item);
            }
        }
        for (size_t f = 0; f < sizeof flag_sets / sizeof *flag_sets; f++) expect_same(v, flag_sets[f]);
        expect_same(v, JSON_COMPACT | JSON_REAL_PRECISION(1 + pick(&r, 17)));
        json_decref(v);
    }
    json_t *empty = json_pack("{s[]s{}}", "a", "b");
    expect_same(empty, JSON_INDENT(2));
    expect_same(empty, 0);
    json_decref(empty);
}

Test(json_write, leaves_other_flags_and_scalars_to_jansson)
{
    json_t *v = json_pack("{s:s}", "a", "b/é");
    const size_t others[] = {JSON_ENSURE_ASCII, JSON_SORT_KEYS, JSON_ENCODE_ANY, JSON_ESCAPE_SLASH, JSON_EMBED};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        npi_strbuf sb = NP_STRBUF_INIT;
        cr_expect_not(npi_json_write(&sb, v, others[i]), "flag %#zx", others[i]);
        cr_expect_eq(sb.len, 0);
        npi_strbuf_reset(&sb);
    }
    json_t *scalar = json_integer(1);
    npi_strbuf sb = NP_STRBUF_INIT;
    cr_expect_not(npi_json_write(&sb, scalar, JSON_COMPACT));
    json_decref(scalar);
    json_decref(v);
}
