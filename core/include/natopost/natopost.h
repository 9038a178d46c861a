/* natopost/natopost.h -- the whole public API in one include.
 *
 * The documents these headers name as docs/... (the contract rules, the NATO
 * reference facts, the JSON formats) are installed with them, in
 * <prefix>/share/doc/natopost/. */
#ifndef NATOPOST_NATOPOST_H
#define NATOPOST_NATOPOST_H

#include "natopost/error.h"
#include "natopost/cancel.h"
#include "natopost/date.h"
#include "natopost/epoch.h"
#include "natopost/policy.h"
#include "natopost/timeline.h"
#include "natopost/grade.h"
#include "natopost/scales.h"
#include "natopost/requirement.h"
#include "natopost/posting.h"
#include "natopost/notice.h"
#include "natopost/posting_json.h"
#include "natopost/query.h"
#include "natopost/posting_fields.h"
#include "natopost/candidate.h"
#include "natopost/collection.h"
#include "natopost/roster.h"
#include "natopost/calendar.h"
#include "natopost/emit.h"

#define NATOPOST_VERSION "0.1.0"

#endif
