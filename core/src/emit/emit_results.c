/* The timeline, status and eligibility results through an np_emitter: the
 * one description of their shapes (docs/timeline-json.md, README
 * "Candidate eligibility") that the JSON writer, Python and Lua share. */
#include "emit_internal.h"

np_status npi_emit_stopped(np_error *err, np_status st, const char *what)
{
    if (st != NP_OK && err && err->code == NP_OK)
        np_error_set(err, st, "writing %s: %s", what, np_status_name(st));
    return st;
}

/* Clears `err` first so that npi_emit_stopped can tell a message already set
 * by a nested call (a posting walk) from none. */
#define PUBLIC_WALK(err, what, walk)           \
    do {                                       \
        np_error_clear(err);                   \
        return npi_emit_stopped(err, (walk), what); \
    } while (0)

static np_status appointment(const np_emitter *em, const np_appointment *a)
{
    EMIT_TRY(em->begin_object(em->user, 8));
    EMIT_TRY(emit_key_date(em, "start", a->start));
    EMIT_TRY(emit_key_text(em, "kind", np_kind_name(a->kind)));
    EMIT_TRY(emit_key_int(em, "initial_months", a->initial_months));
    EMIT_TRY(emit_key_int(em, "renewal_months", a->renewal_months));
    EMIT_TRY(emit_key_int(em, "max_months", a->max_months));
    EMIT_TRY(emit_key_bool(em, "twin_grade", a->twin_grade));
    EMIT_TRY(emit_key_int(em, "reduction_months", a->reduction_months));
    EMIT_TRY(emit_key_bool(em, "direct_higher", a->direct_higher));
    return em->end_object(em->user);
}

/* The parameters by the policy's own introspection, so a new parameter
 * needs no edit here. */
static np_status policy(const np_emitter *em, const np_policy *p)
{
    np_policy copy = *p; /* np_policy_int_param takes a mutable policy */
    const size_t n = np_policy_int_param_count();
    EMIT_TRY(em->begin_object(em->user, n + 1));
    for (size_t i = 0; i < n; i++) {
        const char *name = np_policy_int_param_name(i);
        EMIT_TRY(emit_key_int(em, name, *np_policy_int_param(&copy, name)));
    }
    EMIT_TRY(emit_key_bool(em, "seconded_conversion", p->seconded_conversion));
    return em->end_object(em->user);
}

static np_status event(const np_emitter *em, const np_event *e)
{
    EMIT_TRY(em->begin_object(em->user, 4));
    EMIT_TRY(emit_key_text(em, "code", np_event_code_name(e->code)));
    EMIT_TRY(emit_key_date(em, "date", e->date));
    EMIT_TRY(emit_key_text(em, "label", np_event_label(e->code)));
    EMIT_TRY(emit_key_text(em, "note", e->note));
    return em->end_object(em->user);
}

static np_status notes(const np_emitter *em, const np_timeline *t)
{
    EMIT_TRY(em->begin_array(em->user, t->note_count));
    for (size_t i = 0; i < t->note_count; i++) {
        EMIT_TRY(em->begin_object(em->user, 2));
        EMIT_TRY(emit_key_text(em, "code", np_note_code_name(t->notes[i].code)));
        EMIT_TRY(emit_key_text(em, "text", t->notes[i].text));
        EMIT_TRY(em->end_object(em->user));
    }
    return em->end_array(em->user);
}

static np_status status(const np_emitter *em, const np_day_status *s)
{
    EMIT_TRY(em->begin_object(em->user, 6));
    EMIT_TRY(emit_key_date(em, "on", s->on));
    EMIT_TRY(emit_key_text(em, "phase", np_phase_name(s->phase)));
    EMIT_TRY(emit_key_int(em, "days_to_contract_end", s->days_to_contract_end));
    EMIT_TRY(emit_key_bool(em, "conversion_window_open", s->conversion_window_open));
    EMIT_TRY(emit_key_int(em, "months_served", s->months_served));
    EMIT_TRY(emit_key_bool(em, "promotion_possible", s->promotion_possible));
    return em->end_object(em->user);
}

static np_status timeline(const np_emitter *em, const np_timeline *t, const np_day_status *s)
{
    EMIT_TRY(em->begin_object(em->user, s ? 9 : 8));
    EMIT_TRY(emit_key_text(em, "format", "natopost.timeline/1"));
    EMIT_TRY(em->key(em->user, "appointment"));
    EMIT_TRY(appointment(em, &t->appointment));
    EMIT_TRY(em->key(em->user, "policy"));
    EMIT_TRY(policy(em, &t->policy));
    EMIT_TRY(em->key(em->user, "events"));
    EMIT_TRY(em->begin_array(em->user, t->event_count));
    for (size_t i = 0; i < t->event_count; i++) EMIT_TRY(event(em, &t->events[i]));
    EMIT_TRY(em->end_array(em->user));
    EMIT_TRY(em->key(em->user, "notes"));
    EMIT_TRY(notes(em, t));
    EMIT_TRY(emit_key_bool(em, "renewed", t->renewed));
    EMIT_TRY(emit_key_bool(em, "has_conversion_window", t->has_conversion_window));
    EMIT_TRY(emit_key_bool(em, "promotion_reachable", t->promotion_reachable));
    if (s) {
        EMIT_TRY(em->key(em->user, "status"));
        EMIT_TRY(status(em, s));
    }
    return em->end_object(em->user);
}

static np_status check(const np_emitter *em, const np_check *c, const np_posting *p)
{
    const bool stated = c->requirement >= 0 && (size_t)c->requirement < p->requirement_count;
    EMIT_TRY(em->begin_object(em->user, 6));
    EMIT_TRY(emit_key_text(em, "kind", np_req_kind_name(c->kind)));
    EMIT_TRY(emit_key_bool(em, "essential", c->essential));
    EMIT_TRY(emit_key_text(em, "requirement", stated ? p->requirements[c->requirement].text : NULL));
    EMIT_TRY(em->key(em->user, "requirement_index"));
    EMIT_TRY(stated ? em->integer(em->user, c->requirement) : em->null(em->user));
    EMIT_TRY(emit_key_text(em, "status", np_check_status_name(c->status)));
    EMIT_TRY(emit_key_text(em, "reason", c->reason));
    return em->end_object(em->user);
}

static np_status eligibility_members(const np_emitter *em, const np_eligibility *e,
                                     const np_posting *p)
{
    EMIT_TRY(emit_key_text(em, "verdict", np_verdict_name(e->verdict)));
    EMIT_TRY(emit_key_int(em, "essential_met", (int64_t)e->essential_met));
    EMIT_TRY(emit_key_int(em, "essential_not_met", (int64_t)e->essential_not_met));
    EMIT_TRY(emit_key_int(em, "essential_cannot_tell", (int64_t)e->essential_cannot_tell));
    EMIT_TRY(emit_key_int(em, "desirable_met", (int64_t)e->desirable_met));
    EMIT_TRY(emit_key_int(em, "desirable_count", (int64_t)e->desirable_count));
    EMIT_TRY(em->key(em->user, "checks"));
    EMIT_TRY(em->begin_array(em->user, e->check_count));
    for (size_t i = 0; i < e->check_count; i++) EMIT_TRY(check(em, &e->checks[i], p));
    return em->end_array(em->user);
}

static np_status eligibility(const np_emitter *em, const np_eligibility *e, const np_posting *p)
{
    EMIT_TRY(em->begin_object(em->user, NP_EMIT_ELIGIBILITY_MEMBERS));
    EMIT_TRY(eligibility_members(em, e, p));
    return em->end_object(em->user);
}

np_status np_emit_timeline(const np_emitter *em, const np_timeline *t, const np_day_status *s,
                           np_error *err)
{
    PUBLIC_WALK(err, "a timeline", timeline(em, t, s));
}

np_status np_emit_appointment(const np_emitter *em, const np_appointment *a, np_error *err)
{
    PUBLIC_WALK(err, "an appointment", appointment(em, a));
}

np_status np_emit_policy(const np_emitter *em, const np_policy *p, np_error *err)
{
    PUBLIC_WALK(err, "a policy", policy(em, p));
}

np_status np_emit_event(const np_emitter *em, const np_event *e, np_error *err)
{
    PUBLIC_WALK(err, "an event", event(em, e));
}

np_status np_emit_timeline_notes(const np_emitter *em, const np_timeline *t, np_error *err)
{
    PUBLIC_WALK(err, "timeline notes", notes(em, t));
}

np_status np_emit_status(const np_emitter *em, const np_day_status *s, np_error *err)
{
    PUBLIC_WALK(err, "a status", status(em, s));
}

np_status np_emit_eligibility(const np_emitter *em, const np_eligibility *e, const np_posting *p,
                              np_error *err)
{
    PUBLIC_WALK(err, "an eligibility result", eligibility(em, e, p));
}

np_status np_emit_eligibility_members(const np_emitter *em, const np_eligibility *e,
                                      const np_posting *p, np_error *err)
{
    PUBLIC_WALK(err, "an eligibility result", eligibility_members(em, e, p));
}

np_status np_emit_result(const np_emitter *em, const void *result, np_error *err)
{
    const np_result *r = result;
    switch (r->kind) {
    case NP_RESULT_TIMELINE: return np_emit_timeline(em, r->timeline, r->status, err);
    case NP_RESULT_APPOINTMENT: return np_emit_appointment(em, r->appointment, err);
    case NP_RESULT_POLICY: return np_emit_policy(em, r->policy, err);
    case NP_RESULT_EVENT: return np_emit_event(em, r->event, err);
    case NP_RESULT_NOTES: return np_emit_timeline_notes(em, r->timeline, err);
    case NP_RESULT_STATUS: return np_emit_status(em, r->status, err);
    case NP_RESULT_ELIGIBILITY: return np_emit_eligibility(em, r->eligibility, r->posting, err);
    case NP_RESULT_POSTING: return np_emit_posting(em, r->posting, err);
    case NP_RESULT_POSTING_MEMBER: return np_emit_posting_member(em, r->posting, r->member, err);
    }
    return np_error_set(err, NP_EINVAL, "emit: unknown result kind %d", (int)r->kind);
}
