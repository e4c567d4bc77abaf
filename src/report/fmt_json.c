/* The JSON report: one document (RFC 8259) holding the whole model, for other programs. Member
 * names follow DESIGN.md's finding object (asset, vendor, maker, brand, product, class,
 * confidence, evidence, bans); unknown strings are null, scan ids of 0 ("none") are null. Bytes
 * that are not UTF-8 become U+FFFD (jw.h).
 *
 *   {"report": "bansweep-compliance", "format_version": 1,
 *    "meta": {title, tool_version, generated, as_of, policy, policy_title, catalogue, registry,
 *             operator, store},
 *    "counts": {action_required, needs_review, informational, excepted, removed, replaced,
 *               overdue, assets, findings, scans},
 *    "scans": [...], "findings": [...], "events": [...], "deadlines": [...],
 *    "burndown": [{date, open}]} */
#include <stdio.h>

#include "bansweep/jw.h"
#include "bansweep/report.h"
#include "report/rep_int.h"
#include "util/banned.h"

static void kid(struct jw *w, const char *k, int64_t id)
{
	if (id)
		jw_kint(w, k, (long long)id);
	else
		jw_kstr(w, k, NULL);
}

static void meta(struct jw *w, const struct report *r)
{
	jw_key(w, "meta");
	jw_obj(w);
	jw_kstr(w, "title", r->title);
	jw_kstr(w, "tool_version", r->tool_version);
	jw_kstr(w, "generated", r->generated);
	jw_kstr(w, "as_of", r->as_of);
	jw_kstr(w, "policy", r->policy);
	jw_kstr(w, "policy_title", r->policy_title);
	jw_kstr(w, "catalogue", r->catalogue);
	jw_kstr(w, "registry", r->registry);
	jw_kstr(w, "operator", r->operator_name);
	jw_kstr(w, "store", r->store);
	jw_end(w);

	jw_key(w, "counts");
	jw_obj(w);
	jw_kint(w, "action_required", (long long)r->n_action);
	jw_kint(w, "needs_review", (long long)r->n_review);
	jw_kint(w, "informational", (long long)r->n_info);
	jw_kint(w, "excepted", (long long)r->n_excepted);
	jw_kint(w, "removed", (long long)r->n_removed);
	jw_kint(w, "replaced", (long long)r->n_replaced);
	jw_kint(w, "overdue", (long long)r->n_overdue);
	jw_kint(w, "assets", (long long)r->n_assets);
	jw_kint(w, "findings", (long long)r->nfindings);
	jw_kint(w, "scans", (long long)r->nscans);
	jw_end(w);
}

static void scan(struct jw *w, const struct rep_scan *s)
{
	jw_obj(w);
	jw_kint(w, "id", (long long)s->id);
	jw_kstr(w, "started", s->started);
	jw_kstr(w, "finished", s->finished);
	jw_kstr(w, "state", s->state);
	jw_kstr(w, "who", s->who);
	jw_kstr(w, "method", s->method);
	jw_kstr(w, "scope", s->scope);
	jw_kstr(w, "command", s->command);
	jw_kstr(w, "catalogue", s->catalogue);
	jw_kstr(w, "registry", s->registry);
	jw_kint(w, "assets", (long long)s->nassets);
	jw_kint(w, "observations", (long long)s->nobs);
	jw_kint(w, "findings", (long long)s->nfindings);
	jw_end(w);
}

static void ban(struct jw *w, const struct rep_ban *b)
{
	jw_obj(w);
	jw_kstr(w, "id", b->id);
	jw_kstr(w, "title", b->title);
	jw_kstr(w, "authority", b->authority);
	jw_kstr(w, "jurisdiction", b->jurisdiction);
	jw_kstr(w, "status", b->status);
	jw_kstr(w, "effect", b->effect);
	jw_kstr(w, "action", b->action);
	jw_kstr(w, "deadline", b->deadline);
	jw_kstr(w, "milestone", b->milestone);
	/* days counts to the deadline: without one there is nothing to count. */
	if (b->deadline)
		jw_kint(w, "days", b->days);
	else
		jw_kstr(w, "days", NULL);
	jw_kbool(w, "overdue", b->overdue || (b->deadline && b->days < 0));
	jw_kbool(w, "in_force", b->in_force);
	jw_kstr(w, "why", b->why);
	jw_end(w);
}

static void finding(struct jw *w, const struct rep_finding *f)
{
	jw_obj(w);
	jw_kint(w, "id", (long long)f->id);
	jw_key(w, "asset");
	jw_obj(w);
	jw_kstr(w, "id", f->asset);
	jw_kstr(w, "mac", f->mac);
	jw_kstr(w, "ip", f->ip);
	jw_kstr(w, "hostname", f->hostname);
	jw_kstr(w, "serial", f->serial);
	jw_kstr(w, "root", f->root);
	jw_end(w);
	jw_kstr(w, "vendor", f->vendor);
	jw_kstr(w, "vendor_name", f->vendor_name);
	jw_kstr(w, "maker", f->maker);
	jw_kstr(w, "brand", f->brand);
	jw_kstr(w, "product", f->product);
	jw_kstr(w, "class", f->cls);
	jw_kstr(w, "confidence", f->confidence);
	jw_kstr(w, "note", f->note);
	jw_kstr(w, "state", f->state);
	jw_kstr(w, "status", f->status);
	jw_kstr(w, "first_seen", f->first_seen);
	jw_kstr(w, "last_seen", f->last_seen);
	jw_kstr(w, "closed_at", f->closed_at);
	kid(w, "first_scan", f->first_scan);
	kid(w, "last_scan", f->last_scan);
	kid(w, "closed_scan", f->closed_scan);
	jw_key(w, "exception");
	if (f->exception_until || f->exception_reason || f->exception_approver) {
		jw_obj(w);
		jw_kstr(w, "until", f->exception_until);
		jw_kstr(w, "reason", f->exception_reason);
		jw_kstr(w, "approver", f->exception_approver);
		jw_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t i = 0; i < f->nev; i++) {
		const struct rep_evidence *e = &f->ev[i];
		jw_obj(w);
		jw_kstr(w, "key", e->key);
		jw_kstr(w, "value", e->value);
		jw_kstr(w, "rule", e->rule);
		jw_kstr(w, "source", e->source);
		jw_kstr(w, "strength", e->strength);
		jw_end(w);
	}
	jw_aend(w);
	jw_key(w, "bans");
	jw_arr(w);
	for (size_t i = 0; i < f->nbans; i++)
		ban(w, &f->bans[i]);
	jw_aend(w);
	jw_end(w);
}

static void event(struct jw *w, const struct rep_event *e)
{
	jw_obj(w);
	jw_kint(w, "id", (long long)e->id);
	jw_kint(w, "finding", (long long)e->finding);
	kid(w, "scan", e->scan);
	jw_kstr(w, "kind", e->kind);
	jw_kstr(w, "at", e->at);
	jw_kstr(w, "who", e->who);
	jw_kstr(w, "note", e->note);
	jw_kstr(w, "until", e->until);
	jw_kstr(w, "approver", e->approver);
	jw_kstr(w, "asset", e->asset);
	jw_kstr(w, "vendor", e->vendor);
	jw_end(w);
}

int rep_write_json(const struct report *r, FILE *out)
{
	struct jw *w = jw_new(out);
	jw_obj(w);
	jw_kstr(w, "report", "bansweep-compliance");
	jw_kint(w, "format_version", 1);
	meta(w, r);
	jw_key(w, "scans");
	jw_arr(w);
	for (size_t i = 0; i < r->nscans; i++)
		scan(w, &r->scans[i]);
	jw_aend(w);
	jw_key(w, "findings");
	jw_arr(w);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(w, &r->findings[i]);
	jw_aend(w);
	jw_key(w, "events");
	jw_arr(w);
	for (size_t i = 0; i < r->nevents; i++)
		event(w, &r->events[i]);
	jw_aend(w);
	jw_key(w, "deadlines");
	jw_arr(w);
	for (size_t i = 0; i < r->ndeadlines; i++) {
		const struct rep_deadline *d = &r->deadlines[i];
		jw_obj(w);
		jw_kstr(w, "date", d->date);
		jw_kstr(w, "instrument", d->instrument);
		jw_kstr(w, "milestone", d->milestone);
		jw_kint(w, "findings", (long long)d->findings);
		jw_kint(w, "days", d->days);
		jw_end(w);
	}
	jw_aend(w);
	jw_key(w, "burndown");
	jw_arr(w);
	for (size_t i = 0; i < r->nburndown; i++) {
		jw_obj(w);
		jw_kstr(w, "date", r->burndown[i].date);
		jw_kint(w, "open", (long long)r->burndown[i].open);
		jw_end(w);
	}
	jw_aend(w);
	jw_end(w);
	jw_line(w); /* the one document, ended by a newline */
	jw_free(w);
	return 0;
}
