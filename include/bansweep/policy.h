/* Policy: which instruments bind the user (a profile), and what each says of a finding as of a
 * date: status, action, next deadline and the days left or overdue. */
#ifndef BANSWEEP_POLICY_H
#define BANSWEEP_POLICY_H

#include <stddef.h>

#include "bansweep/date.h"
#include "bansweep/kb.h"

/* Ordered by severity: a smaller value is more urgent. */
enum ban_status { BAN_ACTION = 0, BAN_REVIEW = 1, BAN_INFO = 2 };

enum confidence { CONF_REVIEW = 0, CONF_POSSIBLE = 1, CONF_LIKELY = 2, CONF_CONFIRMED = 3 };

struct ban_eval {
	const struct kb_instrument *in;
	enum ban_status status;
	const char *action;              /* what to do: the instrument's, or its trace's */
	const char *why;                 /* why it needs review (static text), or NULL */
	const char *detail;              /* the instrument's qualifier or category text, or NULL */
	const struct kb_milestone *next; /* the deadline milestone */
	int days;                        /* next->day - as_of: negative when overdue */
	int in_force;                    /* as_of is on or after the issue date */
};

#define POLICY_MAX_BANS 64

int policy_selects(const struct kb_profile *p, const struct kb_instrument *in);

/* Deadline of one instrument as of a date: the first milestone on or after it, else the last. */
const struct kb_milestone *policy_next_milestone(const struct kb_instrument *in, bs_day as_of);

/* Evaluates every instrument of profile p against a finding of vendor/class/confidence. Returns
 * the number written to out (most urgent first). An instrument that traces the vendor (struct
 * kb_trace) gives it an informational entry with the trace's action. */
size_t policy_eval(const struct kb *kb, const struct kb_profile *p, const char *vendor,
                   const char *cls, enum confidence conf, bs_day as_of, struct ban_eval *out,
                   size_t max);

const char *ban_status_name(enum ban_status s);
const char *confidence_name(enum confidence c);

#endif
