#include <stdlib.h>
#include <string.h>

#include "bansweep/policy.h"
#include "util/banned.h"

const char *ban_status_name(enum ban_status s)
{
	static const char *const n[] = {"action-required", "needs-review", "informational"};
	return n[s];
}

const char *confidence_name(enum confidence c)
{
	static const char *const n[] = {"needs-review", "possible", "likely", "confirmed"};
	return n[c];
}

int policy_selects(const struct kb_profile *p, const struct kb_instrument *in)
{
	for (size_t i = 0; i < p->instruments.n; i++)
		if (!strcmp(p->instruments.v[i], "*") || !strcmp(p->instruments.v[i], in->id))
			return 1;
	return 0;
}

const struct kb_milestone *policy_next_milestone(const struct kb_instrument *in, bs_day as_of)
{
	for (size_t i = 0; i < in->nms; i++)
		if (in->ms[i].day >= as_of)
			return &in->ms[i];
	return in->nms ? &in->ms[in->nms - 1] : NULL;
}

/* Is the class covered? 1 yes, 0 no, -1 cannot tell (class unknown, cover class-restricted). */
static int class_covered(const struct kb_class *cls, const struct kb_cover *c)
{
	if (c->classes.n == 0)
		return 1;
	for (size_t i = 0; i < c->classes.n; i++) {
		const char *sel = c->classes.v[i];
		if (cls && !strcmp(cls->slug, sel))
			return 1;
		for (size_t g = 0; cls && g < cls->groups.n; g++)
			if (!strcmp(cls->groups.v[g], sel))
				return 1;
	}
	return !cls || !strcmp(cls->slug, "device") ? -1 : 0;
}

static int eval_cmp(const void *a, const void *b)
{
	const struct ban_eval *x = a, *y = b;
	if (x->status != y->status)
		return (int)x->status - (int)y->status;
	if (x->days != y->days) {
		/* Upcoming deadlines first, nearest first; then overdue ones, most overdue first.
		 */
		int xo = x->days < 0, yo = y->days < 0;
		if (xo != yo)
			return xo - yo;
		return x->days - y->days;
	}
	return strcmp(x->in->id, y->in->id);
}

size_t policy_eval(const struct kb *kb, const struct kb_profile *p, const char *vendor,
                   const char *cls, enum confidence conf, bs_day as_of, struct ban_eval *out,
                   size_t max)
{
	size_t n = 0;
	const struct kb_vendor *vp = kb_vendor_find(kb, vendor);
	const struct kb_class *cl = kb_class_find(kb, cls);
	for (size_t i = 0; i < kb->ninstruments && n < max; i++) {
		const struct kb_instrument *in = &kb->instruments[i];
		if (!policy_selects(p, in))
			continue;
		const struct kb_cover *cv = NULL;
		int cov = 0;
		for (size_t j = 0; j < in->ncovers; j++) {
			if (in->covers[j].v != vp)
				continue;
			int c = class_covered(cl, &in->covers[j]);
			if (c == 1 || (c == -1 && cov == 0)) {
				cv = &in->covers[j];
				cov = c;
			}
			if (c == 1)
				break;
		}
		const struct kb_trace *tr = NULL;
		for (size_t j = 0; !cv && j < in->ntraces; j++)
			if (in->traces[j].v == vp)
				tr = &in->traces[j];
		if (!cv && !tr)
			continue;
		struct ban_eval *b = &out[n++];
		memset(b, 0, sizeof(*b));
		b->in = in;
		b->action = in->action;
		b->status = kb_effect_binds_existing(in->effect) ? BAN_ACTION : BAN_INFO;
		if (tr) {
			/* Not covered: a sign of what the instrument made happen (a replaced
			 * product), which tells where to look for remnants. */
			b->status = BAN_INFO;
			b->action = tr->action;
			b->why = "a trace of a covered product: not covered itself";
		} else if (in->category) {
			b->status = BAN_REVIEW;
			b->why = "a category entry: coverage turns on facts a scan cannot see";
			b->detail = in->category;
		} else if (cv->qualified) {
			b->status = BAN_REVIEW;
			b->why =
			    "coverage turns on how the equipment is used, which a scan cannot see";
			b->detail = in->qualifier;
		} else if (cov == -1) {
			b->status = BAN_REVIEW;
			b->why =
			    "the product class is not known and the instrument covers some classes "
			    "only";
		} else if (b->status == BAN_ACTION && conf < CONF_LIKELY) {
			b->status = BAN_REVIEW;
			b->why =
			    "the evidence is not strong enough to require action; verify the asset";
		}
		b->next = policy_next_milestone(in, as_of);
		b->days = b->next ? b->next->day - as_of : 0;
		b->in_force = as_of >= in->issued;
	}
	qsort(out, n, sizeof(*out), eval_cmp);
	return n;
}
