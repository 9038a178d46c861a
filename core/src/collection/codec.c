/* Posting <-> compact bytes (see codec.h), field by field in the schema's
 * order (model/posting_schema.h). Integers are LEB128 varints
 * (signed ones zigzag-encoded); strings are pool ids + 1 (0 = NULL); doubles
 * that are small integers are varints, others their 8 bytes. */
#include "codec.h"

#include "model/posting_schema.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

/* ---- writer ---- */

static void put_byte(npi_bytes *b, uint8_t v)
{
    if (b->failed) return;
    if (b->len == b->cap) {
        const size_t cap = b->cap ? b->cap * 2 : 4096;
        uint8_t *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    b->data[b->len++] = v;
}

static void put_u(npi_bytes *b, uint64_t v)
{
    while (v >= 0x80) {
        put_byte(b, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    put_byte(b, (uint8_t)v);
}

static void put_s(npi_bytes *b, int64_t v)
{
    /* Zigzag: the sign spread over all bits without shifting a negative
     * value right (implementation-defined in C). */
    put_u(b, ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

static void put_double(npi_bytes *b, double v)
{
    if (v == v && v < 9.0e15 && v > -9.0e15 && v == (double)(int64_t)v && !(v == 0 && signbit(v))) {
        put_byte(b, 0);
        put_s(b, (int64_t)v);
        return;
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    put_byte(b, 1);
    for (int i = 0; i < 8; i++) put_byte(b, (uint8_t)(bits >> (8 * i)));
}

typedef struct writer {
    npi_bytes *b;
    npi_spool *pool;
} writer;

static void put_str(writer *w, const char *s)
{
    if (!s) {
        put_byte(w->b, 0);
        return;
    }
    const uint32_t id = npi_spool_intern(w->pool, s, strlen(s));
    if (id == NP_SPOOL_NONE) {
        w->b->failed = true;
        return;
    }
    put_u(w->b, (uint64_t)id + 1);
}

static void put_requirement(writer *w, const np_requirement *r)
{
    npi_bytes *b = w->b;
    put_u(b, (uint64_t)r->kind);
    put_byte(b, r->essential);
    put_str(w, r->text);
    put_s(b, r->line);
    switch (r->kind) {
    case NP_REQ_OTHER: break;
    case NP_REQ_DEGREE:
        put_u(b, (uint64_t)r->as.degree.level);
        put_byte(b, r->as.degree.equivalent_accepted);
        break;
    case NP_REQ_EXPERIENCE: put_double(b, r->as.experience.min_years); break;
    case NP_REQ_LANGUAGES: {
        const np_language_req *l = &r->as.languages;
        put_u(b, (uint64_t)l->form);
        put_u(b, (uint64_t)l->one);
        put_u(b, (uint64_t)l->other);
        put_u(b, (uint64_t)l->english);
        put_u(b, (uint64_t)l->french);
        put_byte(b, l->or_higher);
        break;
    }
    case NP_REQ_STANAG: {
        const np_stanag_profile *s = &r->as.stanag;
        put_s(b, s->listening);
        put_s(b, s->speaking);
        put_s(b, s->reading);
        put_s(b, s->writing);
        put_byte(b, s->plus_mask);
        break;
    }
    case NP_REQ_TRAVEL: put_s(b, r->as.travel.percent); break;
    case NP_REQ_SOFTWARE: put_str(w, r->as.software.names); break;
    case NP_REQ_NATIONALITY: put_byte(b, r->as.nationality.nato_member); break;
    case NP_REQ_CLEARANCE:
        put_u(b, (uint64_t)r->as.clearance.level);
        put_byte(b, r->as.clearance.atomal);
        break;
    }
}

static void put_field(writer *w, const np_posting *p, const nps_field *f)
{
    npi_bytes *b = w->b;
    const void *v = nps_cmember(p, f);
    switch (f->kind) {
    case NPS_STRING:
    case NPS_SOURCE: put_str(w, *(char *const *)v); break;
    case NPS_LANGUAGE:
        for (size_t i = 0; i < sizeof p->language; i++) put_byte(b, (uint8_t)((const char *)v)[i]);
        break;
    case NPS_GRADE: {
        const np_grade *g = v;
        put_byte(b, g->low);
        put_byte(b, g->high);
        put_byte(b, (uint8_t)g->category);
        break;
    }
    case NPS_SALARY: {
        const np_salary *s = v;
        put_double(b, s->amount);
        for (size_t i = 0; i < sizeof s->currency; i++) put_byte(b, (uint8_t)s->currency[i]);
        put_str(w, s->basis);
        put_s(b, s->tax_free);
        break;
    }
    case NPS_DEADLINE:
        put_s(b, p->deadline.date);
        put_s(b, p->deadline.minute);
        break;
    case NPS_DATE: put_s(b, *(const np_date *)v); break;
    case NPS_CLEARANCE: put_u(b, (uint64_t)*(const np_clearance *)v); break;
    case NPS_BOOL: put_byte(b, *(const bool *)v); break;
    case NPS_TRISTATE: put_s(b, *(const np_tristate *)v); break;
    case NPS_ACCOUNTABILITIES:
        put_u(b, p->accountability_count);
        for (size_t i = 0; i < p->accountability_count; i++) {
            put_str(w, p->accountabilities[i].heading);
            put_str(w, p->accountabilities[i].text);
            put_s(b, p->accountabilities[i].line);
        }
        break;
    case NPS_INTERRELATIONSHIPS: {
        const np_interrelationships *ir = v;
        put_str(w, ir->reports_to);
        put_str(w, ir->direct_reports);
        put_str(w, ir->indirect_reports);
        put_str(w, ir->text);
        put_s(b, ir->line);
        break;
    }
    case NPS_COMPETENCIES:
        put_u(b, p->competency_count);
        for (size_t i = 0; i < p->competency_count; i++) {
            put_str(w, p->competencies[i].name);
            put_str(w, p->competencies[i].descriptor);
            put_s(b, p->competencies[i].line);
        }
        break;
    case NPS_REQUIREMENTS:
        put_u(b, p->requirement_count);
        for (size_t i = 0; i < p->requirement_count; i++) put_requirement(w, &p->requirements[i]);
        break;
    case NPS_CONTRACT: {
        const np_contract_terms *c = v;
        put_u(b, (uint64_t)c->stated | (uint64_t)c->turnover_clause << 1 |
                     (uint64_t)c->seconded_terms << 2 | (uint64_t)c->twin_grade_note << 3);
        put_s(b, c->definite_months);
        put_s(b, c->renewal_months);
        put_s(b, c->max_service_months);
        put_s(b, c->conversion_possible);
        put_s(b, c->seconded_max_months);
        put_str(w, c->text);
        put_s(b, c->line);
        break;
    }
    case NPS_LINES: {
        for (size_t i = 0; i < NPS_LINE_COUNT; i++) put_s(b, nps_line_value(v, &nps_line_fields[i]));
        break;
    }
    case NPS_DIAGNOSTICS:
        put_u(b, p->diagnostic_count);
        for (size_t i = 0; i < p->diagnostic_count; i++) {
            put_u(b, (uint64_t)p->diagnostics[i].severity);
            put_s(b, p->diagnostics[i].line);
            put_str(w, p->diagnostics[i].field);
            put_str(w, p->diagnostics[i].message);
        }
        break;
    }
}

np_status npi_codec_encode(npi_bytes *b, npi_spool *pool, const np_posting *p, np_error *err)
{
    const size_t start = b->len;
    writer w = {b, pool};
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) put_field(&w, p, &nps_fields[i]);
    if (b->failed) {
        b->failed = false;
        b->len = start;
        return np_error_set(err, NP_ENOMEM, "out of memory storing a posting");
    }
    return NP_OK;
}

/* ---- reader ---- */

typedef struct reader {
    const uint8_t *p, *end;
    const npi_spool *pool;
    bool bad;
} reader;

static uint8_t get_byte(reader *r)
{
    if (r->p >= r->end) {
        r->bad = true;
        return 0;
    }
    return *r->p++;
}

static uint64_t get_u(reader *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const uint8_t byte = get_byte(r);
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return v;
    }
    r->bad = true;
    return 0;
}

static int64_t get_s(reader *r)
{
    const uint64_t u = get_u(r);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

static int get_int(reader *r)
{
    const int64_t v = get_s(r);
    if (v < INT32_MIN || v > INT32_MAX) {
        r->bad = true;
        return 0;
    }
    return (int)v;
}

static double get_double(reader *r)
{
    if (get_byte(r) == 0) return (double)get_s(r);
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++) bits |= (uint64_t)get_byte(r) << (8 * i);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* The pooled string, or NULL (also for a bad id, which sets r->bad). */
static const char *get_str(reader *r, size_t *len)
{
    const uint64_t v = get_u(r);
    *len = 0;
    if (v == 0) return NULL;
    if (v - 1 >= r->pool->count) {
        r->bad = true;
        return NULL;
    }
    return npi_spool_str(r->pool, (uint32_t)(v - 1), len);
}

/* Reads a string into *slot (owned copy). */
static np_status take_str(reader *r, char **slot, np_error *err)
{
    size_t len;
    const char *s = get_str(r, &len);
    if (!s) return NP_OK;
    return np_posting_set_text(slot, s, len, err);
}

static np_status get_requirement(reader *r, np_posting *p, np_error *err)
{
    const uint64_t kind = get_u(r);
    const bool essential = get_byte(r) != 0;
    size_t len;
    const char *text = get_str(r, &len);
    const int line = get_int(r);
    if (kind > NP_REQ_CLEARANCE) r->bad = true;
    if (r->bad) return NP_OK; /* reported by npi_codec_decode */
    np_requirement *q;
    np_status st = np_posting_add_requirement(p, &q, essential, text, len, line, err);
    if (st != NP_OK) return st;
    q->kind = (np_req_kind)kind;
    switch (q->kind) {
    case NP_REQ_OTHER: break;
    case NP_REQ_DEGREE:
        q->as.degree.level = (np_degree_level)get_u(r);
        q->as.degree.equivalent_accepted = get_byte(r) != 0;
        break;
    case NP_REQ_EXPERIENCE: q->as.experience.min_years = get_double(r); break;
    case NP_REQ_LANGUAGES: {
        np_language_req *l = &q->as.languages;
        l->form = (np_lang_form)get_u(r);
        l->one = (np_lang_level)get_u(r);
        l->other = (np_lang_level)get_u(r);
        l->english = (np_lang_level)get_u(r);
        l->french = (np_lang_level)get_u(r);
        l->or_higher = get_byte(r) != 0;
        break;
    }
    case NP_REQ_STANAG: {
        np_stanag_profile *s = &q->as.stanag;
        s->listening = (int8_t)get_s(r);
        s->speaking = (int8_t)get_s(r);
        s->reading = (int8_t)get_s(r);
        s->writing = (int8_t)get_s(r);
        s->plus_mask = get_byte(r);
        break;
    }
    case NP_REQ_TRAVEL: q->as.travel.percent = get_int(r); break;
    case NP_REQ_SOFTWARE: return take_str(r, &q->as.software.names, err);
    case NP_REQ_NATIONALITY: q->as.nationality.nato_member = get_byte(r) != 0; break;
    case NP_REQ_CLEARANCE:
        q->as.clearance.level = (np_clearance)get_u(r);
        q->as.clearance.atomal = get_byte(r) != 0;
        break;
    }
    return NP_OK;
}

static np_status get_field(reader *r, np_posting *p, const nps_field *f, np_error *err)
{
    void *v = nps_member(p, f);
    np_status st = NP_OK;
    switch (f->kind) {
    case NPS_STRING:
    case NPS_SOURCE: return take_str(r, v, err);
    case NPS_LANGUAGE:
        for (size_t i = 0; i < sizeof p->language; i++) ((char *)v)[i] = (char)get_byte(r);
        return NP_OK;
    case NPS_GRADE: {
        np_grade *g = v;
        g->low = get_byte(r);
        g->high = get_byte(r);
        g->category = (char)get_byte(r);
        return NP_OK;
    }
    case NPS_SALARY: {
        np_salary *s = v;
        s->amount = get_double(r);
        for (size_t i = 0; i < sizeof s->currency; i++) s->currency[i] = (char)get_byte(r);
        st = take_str(r, &s->basis, err);
        s->tax_free = (np_tristate)get_int(r);
        return st;
    }
    case NPS_DEADLINE:
        p->deadline.date = get_int(r);
        p->deadline.minute = get_int(r);
        return NP_OK;
    case NPS_DATE: *(np_date *)v = get_int(r); return NP_OK;
    case NPS_CLEARANCE: *(np_clearance *)v = (np_clearance)get_u(r); return NP_OK;
    case NPS_BOOL: *(bool *)v = get_byte(r) != 0; return NP_OK;
    case NPS_TRISTATE: *(np_tristate *)v = (np_tristate)get_int(r); return NP_OK;
    case NPS_ACCOUNTABILITIES: {
        const uint64_t n = get_u(r);
        for (uint64_t i = 0; i < n && !r->bad && st == NP_OK; i++) {
            size_t hl, tl;
            const char *heading = get_str(r, &hl);
            const char *text = get_str(r, &tl);
            const int line = get_int(r);
            st = np_posting_add_accountability(p, heading, hl, text, tl, line, err);
        }
        return st;
    }
    case NPS_INTERRELATIONSHIPS: {
        np_interrelationships *ir = v;
        if ((st = take_str(r, &ir->reports_to, err)) != NP_OK ||
            (st = take_str(r, &ir->direct_reports, err)) != NP_OK ||
            (st = take_str(r, &ir->indirect_reports, err)) != NP_OK ||
            (st = take_str(r, &ir->text, err)) != NP_OK)
            return st;
        ir->line = get_int(r);
        return NP_OK;
    }
    case NPS_COMPETENCIES: {
        const uint64_t n = get_u(r);
        for (uint64_t i = 0; i < n && !r->bad && st == NP_OK; i++) {
            size_t nl, dl;
            const char *name = get_str(r, &nl);
            const char *descriptor = get_str(r, &dl);
            const int line = get_int(r);
            st = np_posting_add_competency(p, name, nl, descriptor, dl, line, err);
        }
        return st;
    }
    case NPS_REQUIREMENTS: {
        const uint64_t n = get_u(r);
        for (uint64_t i = 0; i < n && !r->bad && st == NP_OK; i++) st = get_requirement(r, p, err);
        return st;
    }
    case NPS_CONTRACT: {
        np_contract_terms *c = v;
        const uint64_t flags = get_u(r);
        c->stated = flags & 1;
        c->turnover_clause = (flags >> 1) & 1;
        c->seconded_terms = (flags >> 2) & 1;
        c->twin_grade_note = (flags >> 3) & 1;
        c->definite_months = get_int(r);
        c->renewal_months = get_int(r);
        c->max_service_months = get_int(r);
        c->conversion_possible = (np_tristate)get_int(r);
        c->seconded_max_months = get_int(r);
        st = take_str(r, &c->text, err);
        c->line = get_int(r);
        return st;
    }
    case NPS_LINES: {
        for (size_t i = 0; i < NPS_LINE_COUNT; i++) *nps_line(v, &nps_line_fields[i]) = get_int(r);
        return NP_OK;
    }
    case NPS_DIAGNOSTICS: {
        const uint64_t n = get_u(r);
        for (uint64_t i = 0; i < n && !r->bad && st == NP_OK; i++) {
            const np_diag_severity severity = (np_diag_severity)get_u(r);
            const int line = get_int(r);
            size_t fl, ml;
            const char *field = get_str(r, &fl);
            const char *message = get_str(r, &ml);
            st = np_posting_add_diagnostic(p, severity, line, field, err, "%s", message ? message : "");
            /* add_diagnostic formats into a bounded buffer: keep long messages whole. */
            if (st == NP_OK && message)
                st = np_posting_set_text(&p->diagnostics[p->diagnostic_count - 1].message, message,
                                         ml, err);
        }
        return st;
    }
    }
    r->bad = true;
    return NP_OK;
}

static np_status decode(reader *r, np_posting *p, np_error *err)
{
    for (size_t i = 0; i < NPS_FIELD_COUNT && !r->bad; i++) {
        const np_status st = get_field(r, p, &nps_fields[i], err);
        if (st != NP_OK) return st;
    }
    return NP_OK;
}

np_status npi_codec_decode(np_posting **out, const uint8_t *data, size_t len, const npi_spool *pool,
                          np_error *err)
{
    *out = NULL;
    np_posting *p = np_posting_new();
    if (!p) return np_error_set(err, NP_ENOMEM, "out of memory");
    reader r = {data, data + len, pool, false};
    np_status st = decode(&r, p, err);
    if (st == NP_OK && (r.bad || r.p != r.end))
        st = np_error_set(err, NP_EINVAL, "internal error: a stored posting does not decode");
    if (st != NP_OK) {
        np_posting_free(p);
        return st;
    }
    *out = p;
    return NP_OK;
}
