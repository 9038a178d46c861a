/* np_timeline_to_json: the timeline's one description (np_emit_timeline)
 * written by the JSON writer. */
#include "natopost/emit.h"
#include "natopost/timeline.h"

char *np_timeline_to_json(const np_timeline *timeline, const np_day_status *status, np_error *err)
{
    const np_result r = {.kind = NP_RESULT_TIMELINE, .timeline = timeline, .status = status};
    char *text;
    if (np_emit_json(&text, np_emit_result, &r, true, err) != NP_OK) return NULL;
    return text;
}
