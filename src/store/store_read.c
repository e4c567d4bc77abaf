/* Reading the store for status, diff and reports: scans, findings with their assets and the
 * evidence of their last sighting, and events, loaded at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "store/store_int.h"
#include "util/banned.h"

static char *dupn(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct load {
	struct store_data *d;
	size_t cs, cf, ce;
	size_t *ecap; /* evidence capacity per finding */
};

static int on_scan(void *ctx, int ncol, const char *const *col)
{
	struct load *l = ctx;
	struct store_data *d = l->d;
	if (ncol < 15)
		return 0;
	GROW(d->scans, d->nscans, l->cs);
	struct store_scan_row *s = &d->scans[d->nscans++];
	s->id = store_parse_i64(col[0]);
	s->started = dupn(col[1]);
	s->finished = dupn(col[2]);
	/* A scan still "running" in a report was killed or is still going: it never finished. */
	s->state = dupn(col[3] && !strcmp(col[3], "running") ? "interrupted" : col[3]);
	s->who = dupn(col[4]);
	s->method = dupn(col[5]);
	s->command = dupn(col[6]);
	s->policy = dupn(col[7]);
	s->catalogue = dupn(col[8]);
	s->registry = dupn(col[9]);
	s->tool_version = dupn(col[10]);
	s->nassets = (size_t)store_parse_i64(col[11]);
	s->nobs = (size_t)store_parse_i64(col[12]);
	s->nfindings = (size_t)store_parse_i64(col[13]);
	s->scope = dupn(col[14]);
	return 0;
}

static int on_finding(void *ctx, int ncol, const char *const *col)
{
	struct load *l = ctx;
	struct store_data *d = l->d;
	if (ncol < 23)
		return 0;
	GROW(d->findings, d->nfindings, l->cf);
	struct store_finding_row *f = &d->findings[d->nfindings++];
	memset(f, 0, sizeof(*f));
	f->id = store_parse_i64(col[0]);
	f->asset_id = store_parse_i64(col[1]);
	char **s[] = {&f->vendor,     &f->maker, &f->brand, &f->product,    &f->cls,
	              &f->confidence, &f->note,  &f->state, &f->first_seen, &f->last_seen,
	              &f->closed_at,  &f->asset, &f->mac,   &f->ip,         &f->hostname,
	              &f->serial,     &f->root};
	for (size_t i = 0; i < sizeof(s) / sizeof(*s); i++)
		*s[i] = dupn(col[2 + i]);
	f->first_scan = store_parse_i64(col[19]);
	f->last_scan = store_parse_i64(col[20]);
	f->closed_scan = store_parse_i64(col[21]);
	(void)col[22];
	return 0;
}

/* A scan's scope as one text, "net 10.0.0.0/24, host web1"; rows come ordered by scan and kind.
 * A kind with many entries (an import covering 100,000 assets) shows its first few and a count,
 * so that the scope stays a line, not a listing. */
#define SCOPE_SHOWN 5

struct scope_cursor {
	struct store_data *d;
	size_t i; /* the scan being built, or nscans */
	struct buf b;
	char kind[32];
	size_t nkind;
};

static void scope_kind_end(struct scope_cursor *c)
{
	if (c->nkind > SCOPE_SHOWN)
		buf_printf(&c->b, " (and %zu more %s)", c->nkind - SCOPE_SHOWN, c->kind);
	c->nkind = 0;
	c->kind[0] = 0;
}

static void scope_end(struct scope_cursor *c)
{
	if (c->i < c->d->nscans && c->b.len) {
		scope_kind_end(c);
		free(c->d->scans[c->i].scope);
		c->d->scans[c->i].scope = xstrdup(c->b.data);
	}
	buf_reset(&c->b);
	c->nkind = 0;
	c->kind[0] = 0;
}

static int on_scope(void *ctx, int ncol, const char *const *col)
{
	struct scope_cursor *c = ctx;
	if (ncol < 3 || !col[1] || !col[2])
		return 0;
	int64_t id = store_parse_i64(col[0]);
	if (c->i >= c->d->nscans || c->d->scans[c->i].id != id) {
		scope_end(c);
		for (c->i = 0; c->i < c->d->nscans && c->d->scans[c->i].id != id; c->i++)
			;
		if (c->i >= c->d->nscans)
			return 0;
	}
	if (strcmp(c->kind, col[1])) {
		scope_kind_end(c);
		snprintf(c->kind, sizeof(c->kind), "%s", col[1]);
	}
	if (c->nkind++ < SCOPE_SHOWN)
		buf_printf(&c->b, "%s%s %s", c->b.len ? ", " : "", col[1], col[2]);
	return 0;
}

/* Evidence rows come ordered by finding id, like the findings. */
struct ev_cursor {
	struct load *l;
	size_t i;
};

static int on_evidence(void *ctx, int ncol, const char *const *col)
{
	struct ev_cursor *c = ctx;
	struct store_data *d = c->l->d;
	if (ncol < 6)
		return 0;
	int64_t fid = store_parse_i64(col[0]);
	while (c->i < d->nfindings && d->findings[c->i].id < fid)
		c->i++;
	if (c->i >= d->nfindings || d->findings[c->i].id != fid)
		return 0;
	struct store_finding_row *f = &d->findings[c->i];
	GROW(f->ev, f->nev, c->l->ecap[c->i]);
	struct store_evidence *e = &f->ev[f->nev++];
	e->key = dupn(col[1]);
	e->value = dupn(col[2]);
	e->rule = dupn(col[3]);
	e->source = dupn(col[4]);
	e->strength = dupn(col[5]);
	return 0;
}

static int on_event(void *ctx, int ncol, const char *const *col)
{
	struct load *l = ctx;
	struct store_data *d = l->d;
	if (ncol < 9)
		return 0;
	GROW(d->events, d->nevents, l->ce);
	struct store_event_row *e = &d->events[d->nevents++];
	e->id = store_parse_i64(col[0]);
	e->finding = store_parse_i64(col[1]);
	e->scan = store_parse_i64(col[2]);
	e->kind = dupn(col[3]);
	e->at = dupn(col[4]);
	e->who = dupn(col[5]);
	e->note = dupn(col[6]);
	e->until = dupn(col[7]);
	e->approver = dupn(col[8]);
	return 0;
}

int store_load(struct store *st, int64_t max_scan, struct store_data *d)
{
	memset(d, 0, sizeof(*d));
	struct load l = {d, 0, 0, 0, NULL};
	char num[24], n[64] = "";
	/* With max_scan, the store as it was after that scan: later scans, findings first seen by
	 * them and events after it are left out (closing states are then not rolled back: a
	 * report is of the store as it is; diff uses sightings). */
	const char *p[] = {store_i64(max_scan > 0 ? max_scan : INT64_MAX, num)};
	/* The scope of each scan, as one text: "net 10.0.0.0/24, host web1". */
	if (dbc_query(&st->c,
	              "SELECT s.id, s.started, s.finished, s.state, s.who, s.method, s.command, "
	              "s.policy, s.catalogue, s.registry, s.tool_version, s.nassets, s.nobs, "
	              "s.nfindings, NULL FROM scans s WHERE s.id <= ? ORDER BY s.id",
	              1, p, on_scan, &l) < 0 ||
	    dbc_query(
	        &st->c,
	        "SELECT f.id, f.asset, f.vendor, f.maker, f.brand, f.product, f.class, "
	        "f.confidence, f.note, f.state, f.first_seen, f.last_seen, f.closed_at, "
	        "COALESCE(a.hostname, a.name, a.mac, a.serial, a.root, a.ip), a.mac, a.ip, "
	        "a.hostname, a.serial, a.root, f.first_scan, f.last_scan, f.closed_scan, "
	        "f.method FROM findings f JOIN assets a ON a.id = f.asset WHERE f.first_scan <= "
	        "? ORDER BY f.id",
	        1, p, on_finding, &l) < 0)
		goto fail;
	struct scope_cursor sc = {d, d->nscans, {0}, "", 0};
	buf_init(&sc.b, 0);
	int rs =
	    dbc_query(&st->c, "SELECT scan, kind, value FROM scan_scope ORDER BY scan, kind, value",
	              0, NULL, on_scope, &sc);
	scope_end(&sc);
	buf_release(&sc.b);
	if (rs < 0)
		goto fail;
	l.ecap = xcalloc(d->nfindings ? d->nfindings : 1, sizeof(*l.ecap));
	struct ev_cursor ec = {&l, 0};
	if (dbc_query(&st->c,
	              "SELECT finding, key, value, rule, source, strength FROM evidence ORDER BY "
	              "finding, seq",
	              0, NULL, on_evidence, &ec) < 0)
		goto fail;
	if (dbc_query(&st->c,
	              "SELECT id, finding, scan, kind, at, who, note, until, approver FROM events "
	              "WHERE scan IS NULL OR scan <= ? ORDER BY at, id",
	              1, p, on_event, &l) < 0 ||
	    dbc_query(&st->c, "SELECT count(*) FROM assets", 0, NULL, store_row_first, n) < 0)
		goto fail;
	d->nassets = (size_t)store_parse_i64(n);
	free(l.ecap);
	return 0;
fail:
	free(l.ecap);
	store_fail(st, "reading the store");
	store_data_free(d);
	return -1;
}

void store_data_free(struct store_data *d)
{
	for (size_t i = 0; i < d->nscans; i++) {
		struct store_scan_row *s = &d->scans[i];
		char *f[] = {s->started,   s->finished, s->state,       s->who,
		             s->method,    s->command,  s->scope,       s->policy,
		             s->catalogue, s->registry, s->tool_version};
		for (size_t j = 0; j < sizeof(f) / sizeof(*f); j++)
			free(f[j]);
	}
	for (size_t i = 0; i < d->nfindings; i++) {
		struct store_finding_row *r = &d->findings[i];
		char *f[] = {r->asset,     r->mac,        r->ip,    r->hostname,   r->serial,
		             r->root,      r->vendor,     r->maker, r->brand,      r->product,
		             r->cls,       r->confidence, r->note,  r->first_seen, r->last_seen,
		             r->closed_at, r->state};
		for (size_t j = 0; j < sizeof(f) / sizeof(*f); j++)
			free(f[j]);
		for (size_t j = 0; j < r->nev; j++) {
			struct store_evidence *e = &r->ev[j];
			free((char *)e->key), free((char *)e->value), free((char *)e->rule);
			free((char *)e->source), free((char *)e->strength);
		}
		free(r->ev);
	}
	for (size_t i = 0; i < d->nevents; i++) {
		struct store_event_row *e = &d->events[i];
		free(e->kind), free(e->at), free(e->who), free(e->note), free(e->until);
		free(e->approver);
	}
	free(d->scans), free(d->findings), free(d->events);
	memset(d, 0, sizeof(*d));
}

struct sight {
	store_sighting_fn fn;
	void *ctx;
};

static int on_sighting(void *ctx, int ncol, const char *const *col)
{
	struct sight *s = ctx;
	if (ncol < 3)
		return 0;
	return s->fn(s->ctx, store_parse_i64(col[0]), col[1], col[2]);
}

int store_sightings(struct store *st, int64_t scan, store_sighting_fn fn, void *ctx)
{
	char num[24];
	const char *p[] = {store_i64(scan, num)};
	struct sight s = {fn, ctx};
	if (dbc_query(&st->c,
	              "SELECT finding, confidence, product FROM sightings WHERE scan = ? ORDER BY "
	              "finding",
	              1, p, on_sighting, &s) < 0)
		return store_fail(st, "reading sightings");
	return 0;
}
