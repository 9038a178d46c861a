/* Private to the emit module: short helpers over an np_emitter's callbacks
 * for the walkers (emit_results.c, emit_posting.c). Each returns the
 * callback's status; EMIT_TRY returns it from the caller when it is not
 * NP_OK, so a stopped walk makes no further callback. */
#ifndef NATOPOST_EMIT_INTERNAL_H
#define NATOPOST_EMIT_INTERNAL_H

#include <string.h>

#include "natopost/emit.h"

#define EMIT_TRY(call)                         \
    do {                                       \
        const np_status emit_st_ = (call);     \
        if (emit_st_ != NP_OK) return emit_st_; \
    } while (0)

static inline np_status emit_text(const np_emitter *em, const char *text)
{
    return text ? em->string(em->user, text, strlen(text)) : em->null(em->user);
}

static inline np_status emit_key_text(const np_emitter *em, const char *key, const char *text)
{
    EMIT_TRY(em->key(em->user, key));
    return emit_text(em, text);
}

static inline np_status emit_key_int(const np_emitter *em, const char *key, int64_t value)
{
    EMIT_TRY(em->key(em->user, key));
    return em->integer(em->user, value);
}

static inline np_status emit_key_bool(const np_emitter *em, const char *key, bool value)
{
    EMIT_TRY(em->key(em->user, key));
    return em->boolean(em->user, value);
}

static inline np_status emit_key_date(const np_emitter *em, const char *key, np_date value)
{
    EMIT_TRY(em->key(em->user, key));
    return em->date(em->user, value);
}

/* Fills `err` for a walk of `what` that a callback stopped; returns `st`. */
np_status npi_emit_stopped(np_error *err, np_status st, const char *what);

#endif
