#include "natopost/timeline.h"

#include <stdio.h>
#include <string.h>

#include "support/text_quote.h"
#include "rules/timeline_rules.h"

static const char *const KIND_NAMES[] = {"external", "seconded", "serving"};

static const struct {
    const char *code;
    const char *label;
} EVENTS[NP_EVENT_COUNT] = {
    {"entry_on_duty", "Entry on duty"},
    {"initial_contract_end", "End of the initial contract"},
    {"renewal_start", "Start of the renewal"},
    {"renewal_end", "End of the renewal"},
    {"conversion_window_open", "Conversion to an indefinite contract: window opens"},
    {"conversion_window_close", "Conversion to an indefinite contract: last day to apply"},
    {"contract_end", "Contract end"},
    {"max_service_end", "End of the maximum period of service"},
    {"earliest_promotion", "Earliest promotion to the higher grade"},
};

static const char *const NOTE_CODES[NP_NOTE_COUNT] = {
    "seconded_renewal",
    "promotion_not_reachable",
    "conversion_window_empty",
    "no_conversion_seconded",
};

static const char *const PHASE_NAMES[] = {"not_started", "initial", "renewal", "ended"};

const char *np_kind_name(np_kind kind)
{
    return (unsigned)kind < sizeof KIND_NAMES / sizeof KIND_NAMES[0] ? KIND_NAMES[kind] : "unknown";
}

np_status np_kind_parse(np_kind *out, const char *name, np_error *err)
{
    for (size_t i = 0; i < sizeof KIND_NAMES / sizeof KIND_NAMES[0]; i++) {
        if (strcmp(name, KIND_NAMES[i]) == 0) {
            *out = (np_kind)i;
            return NP_OK;
        }
    }
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, name, strlen(name));
    return np_error_set(err, NP_EINVAL, "kind %s is not one of external, seconded, serving", shown);
}

const char *np_event_code_name(np_event_code code)
{
    return (unsigned)code < NP_EVENT_COUNT ? EVENTS[code].code : "unknown";
}

const char *np_event_label(np_event_code code)
{
    return (unsigned)code < NP_EVENT_COUNT ? EVENTS[code].label : "unknown";
}

np_status np_event_code_parse(np_event_code *out, const char *name, np_error *err)
{
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        if (strcmp(name, EVENTS[i].code) == 0) {
            *out = (np_event_code)i;
            return NP_OK;
        }
    }
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, name, strlen(name));
    return np_error_set(err, NP_EINVAL,
                        "unknown event code %s (known: entry_on_duty, initial_contract_end, "
                        "renewal_start, renewal_end, conversion_window_open, "
                        "conversion_window_close, contract_end, max_service_end, "
                        "earliest_promotion)",
                        shown);
}

const char *np_note_code_name(np_note_code code)
{
    return (unsigned)code < NP_NOTE_COUNT ? NOTE_CODES[code] : "unknown";
}

const char *np_phase_name(np_phase phase)
{
    return (unsigned)phase < sizeof PHASE_NAMES / sizeof PHASE_NAMES[0] ? PHASE_NAMES[phase] : "unknown";
}

/* Resolves a month count left at NP_FROM_POLICY; `from_policy` records which,
 * so that an error can say the value was not the caller's. */
static int pick(int given, int policy_value, bool *from_policy)
{
    *from_policy = given == NP_FROM_POLICY;
    return *from_policy ? policy_value : given;
}

/* The slot of the anniversary `months` after the start in the rules' plan,
 * added when new. */
static int8_t anniversary_slot(npi_rules *r, int months)
{
    const uint32_t years = (uint32_t)months / 12, rest = (uint32_t)months % 12;
    for (int k = 0; k < r->anniversary_count; k++)
        if (r->anniversary_years[k] == years && r->anniversary_months[k] == rest) return (int8_t)k;
    const int k = r->anniversary_count++;
    r->anniversary_years[k] = years;
    r->anniversary_months[k] = rest;
    return (int8_t)k;
}

/* One event's row of the plan; `code` is a constant at each call, so that
 * npi_rules_event_offset folds to that row. */
static inline void plan_event(npi_rules *r, np_event_code code)
{
    const npi_event_offset o = npi_rules_event_offset(r, code);
    const bool fixed = o.kind == NP_OFFSET_FIXED;
    r->slot[code] = fixed ? anniversary_slot(r, o.months) : NP_RULES_ABSENT_SLOT;
    r->adjust[code] = fixed ? (int8_t)o.adjust : 0;
}

/* Fills the per-start plan from the event table (npi_rules_event_offset). */
static void plan_events(npi_rules *r)
{
    r->anniversary_count = 1; /* slot 0: the start itself */
    r->anniversary_years[0] = 0;
    r->anniversary_months[0] = 0;
    plan_event(r, NP_EVENT_ENTRY_ON_DUTY);
    plan_event(r, NP_EVENT_INITIAL_CONTRACT_END);
    plan_event(r, NP_EVENT_RENEWAL_START);
    plan_event(r, NP_EVENT_RENEWAL_END);
    plan_event(r, NP_EVENT_CONVERSION_WINDOW_OPEN);
    plan_event(r, NP_EVENT_CONVERSION_WINDOW_CLOSE);
    plan_event(r, NP_EVENT_CONTRACT_END);
    plan_event(r, NP_EVENT_MAX_SERVICE_END);
    plan_event(r, NP_EVENT_EARLIEST_PROMOTION);
    r->window_slot = npi_rules_event_offset(r, NP_EVENT_CONVERSION_WINDOW_OPEN).kind == NP_OFFSET_WINDOW
                         ? anniversary_slot(r, r->appointment.initial_months)
                         : -1;
    const uint32_t notice = (uint32_t)r->policy.conversion_notice_months;
    r->notice_years = notice / 12;
    r->notice_months = notice % 12;
    const uint32_t end = (uint32_t)(r->appointment.initial_months + r->appointment.renewal_months);
    r->end_years = end / 12;
    r->end_months = end % 12;
}

np_status npi_rules_resolve(npi_rules *r, const np_policy *policy, const np_appointment *in,
                           np_error *err)
{
    r->policy = policy ? *policy : np_policy_default();
    np_status st = np_policy_validate(&r->policy, err);
    if (st != NP_OK) {
        np_error_prefix(err, "policy");
        return st;
    }
    const np_policy *p = &r->policy;
    np_appointment *a = &r->appointment;
    *a = *in;
    if ((unsigned)a->kind > NP_KIND_SERVING)
        return np_error_set(err, NP_EINVAL, "kind %d is not one of external, seconded, serving",
                            (int)a->kind);

    bool initial_default, max_default, renewal_default;
    a->initial_months = pick(in->initial_months, p->initial_months, &initial_default);
    a->max_months = pick(in->max_months, p->max_months, &max_default);
    a->renewal_months = pick(in->renewal_months, p->renewal_months, &renewal_default);

    if (a->initial_months < 1 || a->initial_months > NP_POLICY_MONTHS_MAX)
        return np_error_set(err, NP_EINVAL, "initial_months must be between 1 and %d, got %d",
                            NP_POLICY_MONTHS_MAX, a->initial_months);
    if (a->max_months < a->initial_months || a->max_months > NP_POLICY_MONTHS_MAX)
        return np_error_set(err, NP_EINVAL,
                            "max_months must be between initial_months (%d) and %d, got %d%s",
                            a->initial_months, NP_POLICY_MONTHS_MAX, a->max_months,
                            max_default ? " (the policy's value)" : "");
    const int renewal_max = a->max_months - a->initial_months;
    if (a->renewal_months < 0 || a->renewal_months > renewal_max)
        return np_error_set(err, NP_EINVAL,
                            "renewal_months must be between 0 and %d (max_months - "
                            "initial_months), got %d%s",
                            renewal_max, a->renewal_months,
                            renewal_default ? " (the policy's value)" : "");

    if (a->reduction_months < 0 || a->reduction_months > p->max_reduction_months)
        return np_error_set(err, NP_EINVAL, "reduction_months must be between 0 and %d, got %d",
                            p->max_reduction_months, a->reduction_months);
    if (a->reduction_months != 0 && !a->twin_grade)
        return np_error_set(err, NP_EINVAL,
                            "reduction_months applies only to twin-graded posts (twin_grade is false)");
    if (a->reduction_months != 0 && a->kind == NP_KIND_SERVING)
        return np_error_set(err, NP_EINVAL,
                            "reduction_months applies to external and seconded appointments, "
                            "not to serving staff");
    if (a->direct_higher && a->kind != NP_KIND_SERVING)
        return np_error_set(err, NP_EINVAL,
                            "direct_higher applies only to serving staff, not to %s %s appointment",
                            a->kind == NP_KIND_EXTERNAL ? "an" : "a", np_kind_name(a->kind));
    if (a->direct_higher && !a->twin_grade)
        return np_error_set(err, NP_EINVAL,
                            "direct_higher applies only to twin-graded posts (twin_grade is false)");

    r->renewed = a->renewal_months > 0;
    r->conversion_offered = r->renewed && (a->kind != NP_KIND_SECONDED || p->seconded_conversion);
    if (!a->twin_grade) r->promotion_offset = -1;
    else if (a->direct_higher) r->promotion_offset = 0;
    else r->promotion_offset = p->promotion_months - a->reduction_months;
    plan_events(r);
    return NP_OK;
}

/* Appends a note and returns its text buffer (NP_NOTE_TEXT_MAX bytes) to fill. */
static char *add_note(np_timeline *t, np_note_code code)
{
    np_note *n = &t->notes[t->note_count++];
    n->code = code;
    return n->text;
}

np_status npi_rules_days_error(const int64_t days[NP_EVENT_COUNT], int64_t start, np_error *err)
{
    int c = 0;
    while (days[c] == NP_RULES_ABSENT || days[c] <= NP_DATE_MAX) c++;
    const np_ymd s = npi_civil_from_days(start);
    return np_error_set(err, NP_EINVAL,
                        "%s: date is out of range (after 9999-12-31) for a start on %04d-%02d-%02d",
                        EVENTS[c].code, s.year, s.month, s.day);
}

/* The rules of the last appointment parameters this thread resolved. Hosts
 * build many timelines with one policy and a few kinds of appointment (a staff
 * table, a loop over days), and validating and planning cost more than the
 * timeline itself. Per thread, so no lock; only a successful resolution is
 * kept, so an error is reported every time. */
typedef struct resolved_rules {
    bool used;
    bool default_policy; /* resolved with policy NULL */
    np_policy policy;    /* as given, when not NULL */
    np_appointment given;
    npi_rules rules;
    /* The timeline's events in order, the window's included when offered
     * (dropped, at window_position, when a start's window is empty): codes
     * in a template, and where each position's day comes from (every
     * position has a slot, past event_total the absent one, so that the fill
     * is a fixed loop). */
    int event_total;
    int window_position;
    np_event event_template[NP_EVENT_COUNT];
    int8_t event_slot[NP_EVENT_COUNT];
    int8_t event_adjust[NP_EVENT_COUNT];
    /* The latest event's slot and adjustment (anniversaries grow with the
     * months; the window closes before the contract ends): one test of it
     * checks a start's whole timeline against 9999-12-31. */
    int8_t latest_slot, latest_adjust;
    /* Which notes the rules call for (add_notes): the seconded ones are the
     * same for every start; the window's and the promotion's depend on it. */
    bool seconded_renewal, no_conversion_seconded, window_may_be_empty, promotion_may_be_late;
} resolved_rules;

/* Lays out the timeline's events from the rules' plan. */
static void plan_timeline(resolved_rules *m)
{
    const npi_rules *r = &m->rules;
    int latest_months = -1;
    m->event_total = 0;
    m->window_position = -1;
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        m->event_template[i] = (np_event){NP_EVENT_ENTRY_ON_DUTY, 0, NULL};
        m->event_slot[i] = NP_RULES_ABSENT_SLOT;
        m->event_adjust[i] = 0;
    }
    for (int c = 0; c < NP_EVENT_COUNT; c++) {
        const npi_event_offset o = npi_rules_event_offset(r, (np_event_code)c);
        const int i = m->event_total;
        if (o.kind == NP_OFFSET_ABSENT) continue;
        m->event_template[i].code = (np_event_code)c;
        m->event_slot[i] = r->slot[c];
        m->event_adjust[i] = r->adjust[c];
        m->event_total++;
        if (o.kind == NP_OFFSET_WINDOW) {
            if (c == NP_EVENT_CONVERSION_WINDOW_OPEN) m->window_position = i;
            m->event_slot[i] = c == NP_EVENT_CONVERSION_WINDOW_OPEN ? r->window_slot : NP_RULES_CLOSE_SLOT;
        } else if (o.months > latest_months || (o.months == latest_months && o.adjust > m->latest_adjust)) {
            latest_months = o.months;
            m->latest_slot = r->slot[c];
            m->latest_adjust = (int8_t)o.adjust;
        }
    }
    m->seconded_renewal = r->renewed && r->appointment.kind == NP_KIND_SECONDED;
    m->no_conversion_seconded = m->seconded_renewal && !r->policy.seconded_conversion;
    m->window_may_be_empty = r->conversion_offered;
    m->promotion_may_be_late = r->slot[NP_EVENT_EARLIEST_PROMOTION] != NP_RULES_ABSENT_SLOT;
}

static _Thread_local resolved_rules last_resolved;

/* This thread's memo. The empty asm keeps its address in a register: left
 * to itself the compiler recomputed it at each use, and in a shared object
 * (the Python and Lua modules) each recomputation of a TLS address is a call
 * to __tls_get_addr (17 in np_timeline_build). */
static inline resolved_rules *this_thread_memo(void)
{
    resolved_rules *m = &last_resolved;
#if defined(__GNUC__)
    __asm__("" : "+r"(m));
#endif
    return m;
}

/* Out of line and cold: inlined, the resolution and planning crowded the
 * per-call path (registers saved, code spread) of every timeline after the
 * first. */
#if defined(__GNUC__)
#define NP_COLD __attribute__((noinline, cold))
#else
#define NP_COLD
#endif

NP_COLD static np_status resolve_fresh(resolved_rules *m, const np_policy *policy,
                                       const np_appointment *appointment, np_error *err)
{
    npi_rules fresh; /* a failed resolution must not spoil the memo */
    np_status st = npi_rules_resolve(&fresh, policy, appointment, err);
    if (st != NP_OK) return st;
    m->rules = fresh;
    m->given = *appointment;
    m->default_policy = policy == NULL;
    if (policy) m->policy = *policy;
    plan_timeline(m);
    m->used = true;
    return NP_OK;
}

static np_status resolve_memoized(const resolved_rules **out, const np_policy *policy,
                                  const np_appointment *appointment, np_error *err)
{
    resolved_rules *m = this_thread_memo();
    *out = m;
    const bool same_policy = policy ? !m->default_policy && np_policy_equal(&m->policy, policy)
                                    : m->default_policy;
    if (m->used && same_policy && npi_rules_same_appointment(&m->given, appointment)) return NP_OK;
    return resolve_fresh(m, policy, appointment, err);
}

static void add_notes(np_timeline *t, const resolved_rules *m, const int64_t at[NP_RULES_SLOTS]);

np_status np_timeline_build(np_timeline *out, const np_policy *policy,
                            const np_appointment *appointment, np_error *err)
{
    const resolved_rules *m;
    np_status st = resolve_memoized(&m, policy, appointment, err);
    if (st != NP_OK) return st;
    const npi_rules *r = &m->rules;
    const np_date start = appointment->start;
    if (!npi_civil_in_range(start))
        return np_error_set(err, NP_EINVAL, "start: day number %lld is outside 0001-01-01..9999-12-31",
                            (long long)start);
    int64_t at[NP_RULES_SLOTS];
    npi_rules_slot_days(r, start, at);
    if (at[m->latest_slot] + m->latest_adjust > NP_DATE_MAX) {
        int64_t days[NP_EVENT_COUNT];
        npi_rules_event_days(r, start, days);
        return npi_rules_days_error(days, start, err);
    }

    /* Written in place, field by field: a timeline is ~1 KB (note texts) and
     * this sits on the per-call path of every host. */
    np_timeline *t = out;
    t->appointment = r->appointment;
    t->appointment.start = start; /* the rules may come from another start */
    t->policy = r->policy;
    t->note_count = 0;
    t->renewed = r->renewed;
    t->promotion_reachable = false;
    memcpy(t->events, m->event_template, sizeof t->events);
    for (int i = 0; i < NP_EVENT_COUNT; i++)
        t->events[i].date = (np_date)(at[m->event_slot[i]] + m->event_adjust[i]);
    size_t n = (size_t)m->event_total;
    t->has_conversion_window = at[NP_RULES_CLOSE_SLOT] != NP_RULES_ABSENT;
    if (m->window_position >= 0 && !t->has_conversion_window) {
        np_event *open = &t->events[m->window_position];
        memmove(open, open + 2, (n - (size_t)m->window_position - 2) * sizeof *open);
        n -= 2;
    }
    t->event_count = n;
    add_notes(t, m, at);
    return NP_OK;
}

/* An event the notes are about; present. */
static np_event *event_of(np_timeline *t, np_event_code code)
{
    return (np_event *)np_timeline_find(t, code);
}

/* The day of an event with an anniversary (not the window's) from the slots. */
static int64_t day_of(const npi_rules *r, const int64_t at[NP_RULES_SLOTS], np_event_code code)
{
    return at[r->slot[code]] + r->adjust[code];
}

/* The events' notes and the timeline's: what a reader must know about the
 * dates (seconded renewal, no conversion, an empty window, a promotion out of
 * reach). */

/* The notes an event may carry: static text, so an np_event holds a pointer. */
enum { EVENT_NOTE_SECONDED_RENEWAL, EVENT_NOTE_DIRECT_HIGHER, EVENT_NOTE_NOT_REACHABLE,
       EVENT_NOTE_COUNT };
static const char *const EVENT_NOTES[EVENT_NOTE_COUNT] = {
    "subject to the agreement of the national authority",
    "appointed directly to the higher grade",
    "after the contract end: not reachable within the contract",
};

const char *np_event_note_find(const char *text)
{
    for (int i = 0; text && i < EVENT_NOTE_COUNT; i++)
        if (strcmp(EVENT_NOTES[i], text) == 0) return EVENT_NOTES[i];
    return NULL;
}

/* The notes whose text is the same for every start. */
static const char SECONDED_RENEWAL_TEXT[] =
    "Renewal of a seconded staff member is subject to the agreement of the national authority.";
static const char NO_CONVERSION_SECONDED_TEXT[] =
    "Seconded staff are not offered conversion to an indefinite duration contract.";
_Static_assert(sizeof SECONDED_RENEWAL_TEXT <= NP_NOTE_TEXT_MAX && sizeof NO_CONVERSION_SECONDED_TEXT <= NP_NOTE_TEXT_MAX,
               "the fixed notes fit a note's text");

/* The window's note: which window would have been (renewal start to the
 * renewal end less the notice), empty. */
NP_COLD static void add_window_empty_note(np_timeline *t, const npi_rules *r, np_date contract_end,
                                          const int64_t at[NP_RULES_SLOTS])
{
    char a[NP_DATE_ISO_LEN + 1], b[NP_DATE_ISO_LEN + 1];
    np_date_format((np_date)day_of(r, at, NP_EVENT_RENEWAL_START), a);
    np_date close;
    if (np_date_months_before_clamped(&close, contract_end, r->policy.conversion_notice_months, NULL) ==
        NP_OK) {
        np_date_format(close, b);
        snprintf(add_note(t, NP_NOTE_CONVERSION_WINDOW_EMPTY), NP_NOTE_TEXT_MAX,
                 "The conversion window (%s to %s) is empty, so there is none.", a, b);
    } else {
        snprintf(add_note(t, NP_NOTE_CONVERSION_WINDOW_EMPTY), NP_NOTE_TEXT_MAX,
                 "The conversion window (%s to a day before 0001-01-01) is empty, so "
                 "there is none.",
                 a);
    }
}

NP_COLD static void add_promotion_late_note(np_timeline *t, np_date promotion, np_date contract_end)
{
    char a[NP_DATE_ISO_LEN + 1], b[NP_DATE_ISO_LEN + 1];
    event_of(t, NP_EVENT_EARLIEST_PROMOTION)->note = EVENT_NOTES[EVENT_NOTE_NOT_REACHABLE];
    np_date_format(promotion, a);
    np_date_format(contract_end, b);
    snprintf(add_note(t, NP_NOTE_PROMOTION_NOT_REACHABLE), NP_NOTE_TEXT_MAX,
             "The earliest promotion (%s) falls after the contract end (%s): promotion "
             "is not reachable within the contract.",
             a, b);
}

static void add_notes(np_timeline *t, const resolved_rules *m, const int64_t at[NP_RULES_SLOTS])
{
    const npi_rules *r = &m->rules;
    const np_date contract_end = (np_date)day_of(r, at, NP_EVENT_CONTRACT_END);
    if (m->seconded_renewal) {
        event_of(t, NP_EVENT_RENEWAL_END)->note = EVENT_NOTES[EVENT_NOTE_SECONDED_RENEWAL];
        memcpy(add_note(t, NP_NOTE_SECONDED_RENEWAL), SECONDED_RENEWAL_TEXT, sizeof SECONDED_RENEWAL_TEXT);
    }
    if (m->window_may_be_empty && !t->has_conversion_window)
        add_window_empty_note(t, r, contract_end, at);
    if (m->no_conversion_seconded)
        memcpy(add_note(t, NP_NOTE_NO_CONVERSION_SECONDED), NO_CONVERSION_SECONDED_TEXT,
               sizeof NO_CONVERSION_SECONDED_TEXT);
    if (m->promotion_may_be_late) {
        const np_date promotion = (np_date)day_of(r, at, NP_EVENT_EARLIEST_PROMOTION);
        t->promotion_reachable = promotion <= contract_end;
        if (r->appointment.direct_higher)
            event_of(t, NP_EVENT_EARLIEST_PROMOTION)->note = EVENT_NOTES[EVENT_NOTE_DIRECT_HIGHER];
        else if (!t->promotion_reachable)
            add_promotion_late_note(t, promotion, contract_end);
    }
}

const np_event *np_timeline_find(const np_timeline *t, np_event_code code)
{
    for (size_t i = 0; i < t->event_count; i++)
        if (t->events[i].code == code) return &t->events[i];
    return NULL;
}

np_day_status npi_rules_status(const int64_t days[NP_EVENT_COUNT], bool twin_grade, np_date on)
{
    np_day_status s;
    memset(&s, 0, sizeof s);
    s.on = on;
    const int64_t start = days[NP_EVENT_ENTRY_ON_DUTY];
    const int64_t initial_end = days[NP_EVENT_INITIAL_CONTRACT_END];
    const int64_t end = days[NP_EVENT_CONTRACT_END];
    if (on < start) s.phase = NP_PHASE_NOT_STARTED;
    else if (on <= initial_end) s.phase = NP_PHASE_INITIAL;
    else if (on <= end) s.phase = NP_PHASE_RENEWAL;
    else s.phase = NP_PHASE_ENDED;
    s.days_to_contract_end = (int32_t)(end - on);
    const int64_t open = days[NP_EVENT_CONVERSION_WINDOW_OPEN];
    const int64_t close = days[NP_EVENT_CONVERSION_WINDOW_CLOSE];
    s.conversion_window_open =
        open != NP_RULES_ABSENT && close != NP_RULES_ABSENT && open <= on && on <= close;
    s.months_served = np_date_months_completed((np_date)start, (np_date)(on < end ? on : end));
    s.twin_grade = twin_grade;
    const int64_t promotion = days[NP_EVENT_EARLIEST_PROMOTION];
    s.promotion_possible = promotion != NP_RULES_ABSENT && promotion <= on && on <= end;
    return s;
}

np_day_status np_timeline_status(const np_timeline *t, np_date on)
{
    int64_t days[NP_EVENT_COUNT];
    for (int code = 0; code < NP_EVENT_COUNT; code++) {
        const np_event *e = np_timeline_find(t, (np_event_code)code);
        days[code] = e ? e->date : NP_RULES_ABSENT;
    }
    return npi_rules_status(days, t->appointment.twin_grade, on);
}
