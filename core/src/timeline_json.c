/* np_timeline_to_json: the timeline's one description (np_emit_timeline)
 * written by the JSON writer. */
#include "natopost/emit.h"
#include "natopost/timeline.h"

typedef struct {
    const np_timeline *timeline;
    const np_day_status *status;
} timeline_with_status;

static np_status emit_timeline(const np_emitter *em, const void *arg, np_error *err)
{
    const timeline_with_status *t = arg;
    return np_emit_timeline(em, t->timeline, t->status, err);
}

char *np_timeline_to_json(const np_timeline *timeline, const np_day_status *status, np_error *err)
{
    const timeline_with_status arg = {timeline, status};
    char *text;
    if (np_emit_json(&text, emit_timeline, &arg, true, err) != NP_OK) return NULL;
    return text;
}
