/* The report model (include/bansweep/report.h) built from the store and the policy: each stored
 * finding judged as of --as-of (its state with exceptions in force, the instruments of the
 * profile with their deadlines), the burn-down of open findings and the deadlines ahead. status,
 * diff and report all read the store through this, so that they agree. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "bansweep/policy.h"
#include "bansweep/store.h"
#include "cli.h"
#include "model.h"
#include "util/banned.h"

static enum confidence conf_parse(const char *s)
{
	for (int c = CONF_REVIEW; c <= CONF_CONFIRMED; c++)
		if (s && !strcmp(s, confidence_name((enum confidence)c)))
			return (enum confidence)c;
	return CONF_REVIEW;
}

static char *day_text(struct model *m, bs_day d)
{
	char b[11];
	bs_day_format(d, b);
	return arena_strdup(&m->strings, b);
}

/* The day part of a stored time, as a day number; -1 when absent. */
static bs_day time_day(const char *t)
{
	bs_day d;
	char b[11];
	if (!t || strlen(t) < 10)
		return -1;
	memcpy(b, t, 10);
	b[10] = 0;
	return bs_day_parse(b, &d) == 0 ? d : -1;
}

/* The exception in force for finding on day d (the last granted, unless revoked after it), or
 * NULL. */
static const struct store_event_row *exception_on(const struct model *m, int64_t finding, bs_day d)
{
	const struct store_event_row *cur = NULL;
	for (size_t i = m->ev_first[finding % MODEL_BUCKETS]; i != (size_t)-1; i = m->ev_next[i]) {
		const struct store_event_row *e = &m->d.events[i];
		if (e->finding != finding || time_day(e->at) > d)
			continue;
		if (!strcmp(e->kind, "exception"))
			cur = e;
		else if (!strcmp(e->kind, "exception-revoked"))
			cur = NULL;
	}
	bs_day until;
	if (cur && cur->until && bs_day_parse(cur->until, &until) == 0 && until >= d)
		return cur;
	return NULL;
}

static const char *status_of(const struct rep_finding *f)
{
	return f->nbans ? f->bans[0].status : "not-covered";
}

/* Open findings at the end of day d: seen by then, not closed by then, no exception in force,
 * and bound to act or review by the profile. */
static size_t open_on(const struct model *m, bs_day d)
{
	size_t n = 0;
	for (size_t i = 0; i < m->r.nfindings; i++) {
		const struct rep_finding *f = &m->f[i]; /* before sorting: in store order */
		const struct store_finding_row *s = &m->d.findings[i];
		if (time_day(s->first_seen) > d)
			continue;
		if (s->closed_at && time_day(s->closed_at) <= d)
			continue;
		if (exception_on(m, s->id, d))
			continue;
		const char *st = status_of(f);
		n += !strcmp(st, "action-required") || !strcmp(st, "needs-review");
	}
	return n;
}

static int cmp_day(const void *a, const void *b)
{
	bs_day x = *(const bs_day *)a, y = *(const bs_day *)b;
	return (x > y) - (x < y);
}

static void burndown(struct model *m, bs_day as_of)
{
	size_t cap = m->d.nscans + m->d.nevents + 1, n = 0;
	bs_day *days = xmalloc(cap * sizeof(*days));
	for (size_t i = 0; i < m->d.nscans; i++)
		days[n++] = time_day(m->d.scans[i].started);
	for (size_t i = 0; i < m->d.nevents; i++)
		days[n++] = time_day(m->d.events[i].at);
	qsort(days, n, sizeof(*days), cmp_day);
	m->points = xcalloc(n + 1, sizeof(*m->points));
	size_t np = 0;
	for (size_t i = 0; i < n; i++) {
		if (days[i] < 0 || days[i] > as_of || (i && days[i] == days[i - 1]))
			continue;
		m->points[np].date = day_text(m, days[i]);
		m->points[np++].open = open_on(m, days[i]);
	}
	free(days);
	m->r.burndown = m->points;
	m->r.nburndown = np;
}

static int cmp_deadline(const void *a, const void *b)
{
	const struct rep_deadline *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->instrument, y->instrument);
}

/* Deadlines binding open findings that require action: one per instrument and milestone. */
static void deadlines(struct model *m)
{
	m->dl = xcalloc(m->nbans_total + 1, sizeof(*m->dl));
	size_t n = 0;
	for (size_t i = 0; i < m->r.nfindings; i++) {
		const struct rep_finding *f = &m->f[i];
		if (strcmp(f->state, "open"))
			continue;
		for (size_t b = 0; b < f->nbans; b++) {
			const struct rep_ban *ban = &f->bans[b];
			if (strcmp(ban->status, "action-required"))
				continue;
			size_t k;
			for (k = 0; k < n; k++)
				if (!strcmp(m->dl[k].instrument, ban->id) &&
				    !strcmp(m->dl[k].date, ban->deadline))
					break;
			if (k == n)
				m->dl[n++] = (struct rep_deadline){ban->deadline, ban->id,
				                                   ban->milestone, 0, ban->days};
			m->dl[k].findings++;
		}
	}
	qsort(m->dl, n, sizeof(*m->dl), cmp_deadline);
	m->r.deadlines = m->dl;
	m->r.ndeadlines = n;
}

static int urgency(const struct rep_finding *f)
{
	static const char *const order[] = {"action-required", "needs-review", "informational",
	                                    "not-covered",     "excepted",     "removed",
	                                    "replaced"};
	for (int i = 0; i < 7; i++)
		if (!strcmp(f->status, order[i]))
			return i;
	return 7;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct rep_finding *x = a, *y = b;
	int ux = urgency(x), uy = urgency(y);
	if (ux != uy)
		return ux - uy;
	int dx = x->nbans ? x->bans[0].days : 1 << 30, dy = y->nbans ? y->bans[0].days : 1 << 30;
	if (dx != dy)
		return (dx > dy) - (dx < dy);
	int c = strcmp(x->asset ? x->asset : "", y->asset ? y->asset : "");
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void judge(struct model *m, struct cli *c, size_t i, size_t *nb)
{
	const struct store_finding_row *s = &m->d.findings[i];
	struct rep_finding *f = &m->f[i];
	const struct kb_vendor *v = kb_vendor_find(&c->kb, s->vendor);
	*f = (struct rep_finding){.id = s->id,
	                          .asset = s->asset,
	                          .mac = s->mac,
	                          .ip = s->ip,
	                          .hostname = s->hostname,
	                          .serial = s->serial,
	                          .root = s->root,
	                          .vendor = s->vendor,
	                          .vendor_name = v ? v->name : s->vendor,
	                          .maker = s->maker,
	                          .brand = s->brand,
	                          .product = s->product,
	                          .cls = s->cls,
	                          .confidence = s->confidence,
	                          .note = s->note,
	                          .first_seen = s->first_seen,
	                          .last_seen = s->last_seen,
	                          .closed_at = s->closed_at,
	                          .first_scan = s->first_scan,
	                          .last_scan = s->last_scan,
	                          .closed_scan = s->closed_scan};
	struct rep_evidence *ev = &m->rev[m->nrev];
	for (size_t k = 0; k < s->nev; k++)
		ev[k] = (struct rep_evidence){s->ev[k].key, s->ev[k].value, s->ev[k].rule,
		                              s->ev[k].source, s->ev[k].strength};
	m->nrev += s->nev;
	f->ev = ev;
	f->nev = s->nev;
	struct ban_eval be[POLICY_MAX_BANS];
	size_t n = policy_eval(&c->kb, c->profile, s->vendor, s->cls, conf_parse(s->confidence),
	                       c->as_of, be, POLICY_MAX_BANS);
	struct rep_ban *bans = &m->bans[*nb];
	for (size_t k = 0; k < n; k++) {
		const struct kb_instrument *in = be[k].in;
		bans[k] = (struct rep_ban){in->id,
		                           in->title,
		                           in->authority,
		                           in->jurisdiction,
		                           ban_status_name(be[k].status),
		                           kb_effect_name(in->effect),
		                           in->action,
		                           day_text(m, be[k].next->day),
		                           be[k].next->label,
		                           be[k].days,
		                           be[k].days < 0,
		                           be[k].in_force,
		                           be[k].why};
	}
	f->bans = bans;
	f->nbans = n;
	*nb += n;
	const struct store_event_row *ex = exception_on(m, s->id, c->as_of);
	if (strcmp(s->state, "open")) {
		f->state = s->state;
		f->status = s->state;
	} else if (ex) {
		f->state = "excepted";
		f->status = "excepted";
		f->exception_until = ex->until;
		f->exception_reason = ex->note;
		f->exception_approver = ex->approver;
	} else {
		f->state = "open";
		f->status = status_of(f);
	}
}

int model_build(struct cli *c, struct model *m, int64_t max_scan)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->strings);
	if (cli_load_profile(c) < 0)
		return -1;
	cli_load_registry(c); /* for its date in the header; optional */
	if (cli_store_open(c) < 0)
		return -1;
	if (store_load(c->store, max_scan, &m->d) < 0) {
		cli_error("store: %s", store_error(c->store));
		return -1;
	}
	struct store_data *d = &m->d;
	/* Events by finding, through buckets, for the exception lookups. */
	m->ev_next = xmalloc((d->nevents + 1) * sizeof(*m->ev_next));
	for (size_t b = 0; b < MODEL_BUCKETS; b++)
		m->ev_first[b] = (size_t)-1;
	for (size_t i = d->nevents; i-- > 0;) {
		size_t b = (size_t)(d->events[i].finding % MODEL_BUCKETS);
		m->ev_next[i] = m->ev_first[b];
		m->ev_first[b] = i;
	}
	m->f = xcalloc(d->nfindings + 1, sizeof(*m->f));
	size_t nev = 0;
	for (size_t i = 0; i < d->nfindings; i++)
		nev += d->findings[i].nev;
	m->rev = xcalloc(nev + 1, sizeof(*m->rev));
	/* Every finding's verdicts in one array that grows; each finding's pointer into it is
	 * set once it has stopped moving. */
	size_t nb = 0, capb = 0, *first = xcalloc(d->nfindings + 1, sizeof(*first));
	for (size_t i = 0; i < d->nfindings; i++) {
		if (capb - nb < POLICY_MAX_BANS) {
			capb = 2 * capb + POLICY_MAX_BANS;
			m->bans = xrealloc(m->bans, capb * sizeof(*m->bans));
		}
		first[i] = nb;
		judge(m, c, i, &nb);
	}
	for (size_t i = 0; i < d->nfindings; i++)
		m->f[i].bans = m->bans + first[i];
	free(first);
	m->nbans_total = nb;
	m->r.findings = m->f;
	m->r.nfindings = d->nfindings;
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct rep_finding *f = &m->f[i];
		const char *s = f->status;
		m->r.n_action += !strcmp(s, "action-required");
		m->r.n_review += !strcmp(s, "needs-review");
		m->r.n_info += !strcmp(s, "informational") || !strcmp(s, "not-covered");
		m->r.n_excepted += !strcmp(s, "excepted");
		m->r.n_removed += !strcmp(s, "removed");
		m->r.n_replaced += !strcmp(s, "replaced");
		m->r.n_overdue += !strcmp(s, "action-required") && f->nbans && f->bans[0].days < 0;
	}
	burndown(m, c->as_of);
	deadlines(m);
	/* Sorted last: burndown reads findings by their store order. */
	qsort(m->f, d->nfindings, sizeof(*m->f), cmp_finding);
	m->scans = xcalloc(d->nscans + 1, sizeof(*m->scans));
	for (size_t i = 0; i < d->nscans; i++) {
		const struct store_scan_row *s = &d->scans[i];
		m->scans[i] = (struct rep_scan){s->id,        s->started,  s->finished, s->state,
		                                s->who,       s->method,   s->command,  s->scope,
		                                s->catalogue, s->registry, s->nassets,  s->nobs,
		                                s->nfindings};
	}
	m->events = xcalloc(d->nevents + 1, sizeof(*m->events));
	for (size_t i = 0; i < d->nevents; i++) {
		const struct store_event_row *e = &d->events[i];
		const struct store_finding_row *f = NULL;
		for (size_t lo = 0, hi = d->nfindings; lo < hi;) {
			size_t mid = (lo + hi) / 2;
			if (d->findings[mid].id < e->finding)
				lo = mid + 1;
			else if (d->findings[mid].id > e->finding)
				hi = mid;
			else {
				f = &d->findings[mid];
				break;
			}
		}
		m->events[i] = (struct rep_event){e->id,
		                                  e->finding,
		                                  e->scan,
		                                  e->kind,
		                                  e->at,
		                                  e->who,
		                                  e->note,
		                                  e->until,
		                                  e->approver,
		                                  f ? f->asset : NULL,
		                                  f ? f->vendor : NULL};
	}
	char now[21];
	store_now(now);
	cli_store_location(c, m->where, sizeof(m->where));
	m->r.title = "Products of covered vendors in the estate";
	m->r.tool_version = BS_VERSION;
	m->r.generated = arena_strdup(&m->strings, now);
	m->r.as_of = day_text(m, c->as_of);
	m->r.policy = c->policy;
	m->r.policy_title = c->profile ? c->profile->title : NULL;
	m->r.catalogue = c->kb.version;
	m->r.registry = c->reg ? registry_date(c->reg) : NULL;
	m->r.operator_name = cli_operator(c);
	m->r.store = m->where;
	m->r.scans = m->scans;
	m->r.nscans = d->nscans;
	m->r.events = m->events;
	m->r.nevents = d->nevents;
	m->r.n_assets = d->nassets;
	return 0;
}

void model_release(struct model *m)
{
	store_data_free(&m->d);
	free(m->f), free(m->rev), free(m->bans), free(m->points), free(m->dl);
	free(m->scans), free(m->events), free(m->ev_next);
	arena_release(&m->strings);
}
