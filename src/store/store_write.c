/* Writing a scan: what it saw is collected in memory while it runs, then written in one
 * transaction (store_scan_commit), so that a scan killed at any point leaves the store as it
 * was. Rows go in by bulk copy, and existing rows are changed through temporary tables joined in
 * one UPDATE each, so that 100,000 assets cost a few statements, not 100,000 round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "bansweep/targets.h"
#include "store/store_scan.h"
#include "util/banned.h"

static char *dup(struct store_scan *sc, const char *s)
{
	return s ? arena_strdup(&sc->a, s) : NULL;
}

struct store_scan *store_scan_begin(struct store *st, const struct store_scan_info *info,
                                    const char *started)
{
	struct store_scan *sc = xcalloc(1, sizeof(*sc));
	sc->st = st;
	arena_init(&sc->a);
	strmap_init(&sc->names);
	sc->seen_mask = 1023;
	sc->seen = xcalloc(sc->seen_mask + 1, sizeof(*sc->seen));
	if (started)
		snprintf(sc->started, sizeof(sc->started), "%s", started);
	else
		store_now(sc->started);
	sc->method = dup(sc, info->method ? info->method : "identify");
	sc->who = dup(sc, info->who);
	const char *p[] = {sc->started,  info->who,       sc->method,     info->command,
	                   info->policy, info->catalogue, info->registry, info->tool_version};
	char id[64] = "";
	const struct db_ops *o = st->c.ops;
	if (o->begin_write(st->c.db) < 0 ||
	    dbc_query(
	        &st->c,
	        "INSERT INTO scans(started, state, who, method, command, policy, catalogue, "
	        "registry, tool_version) VALUES(?, 'running', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        8, p, store_row_first, id) < 0 ||
	    o->commit(st->c.db) < 0) {
		store_fail(st, "recording the scan");
		o->rollback(st->c.db);
		store_scan_abort(sc);
		return NULL;
	}
	sc->id = store_parse_i64(id);
	return sc;
}

int64_t store_scan_id(const struct store_scan *sc)
{
	return sc->id;
}

void store_scan_scope(struct store_scan *sc, const char *kind, const char *value)
{
	sc->scopes = xrealloc(sc->scopes, (sc->nscopes + 1) * sizeof(*sc->scopes));
	sc->scopes[sc->nscopes].kind = dup(sc, kind);
	sc->scopes[sc->nscopes++].value = dup(sc, value);
}

static size_t asset_idx(struct store_scan *sc, const char *name)
{
	size_t len = strlen(name);
	size_t i = strmap_get(&sc->names, name, len);
	if (i != (size_t)-1)
		return i;
	GROW(sc->as, sc->nas, sc->cas);
	struct sasset *a = &sc->as[sc->nas];
	memset(a, 0, sizeof(*a));
	a->name = dup(sc, name);
	return strmap_put(&sc->names, name, len, sc->nas++);
}

static void set_field(struct store_scan *sc, char **slot, const char *v)
{
	if (v && *v && !*slot)
		*slot = dup(sc, v);
}

void store_scan_asset(struct store_scan *sc, const char *name, const char *mac, const char *ip,
                      const char *hostname, const char *serial, const char *root)
{
	size_t i = asset_idx(sc, name); /* may move sc->as */
	struct sasset *a = &sc->as[i];
	set_field(sc, &a->mac, mac);
	set_field(sc, &a->ip, ip);
	set_field(sc, &a->hostname, hostname);
	set_field(sc, &a->serial, serial);
	set_field(sc, &a->root, root);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

/* 1 when the observation was new. A 64-bit hash stands for it: a million observations collide
 * with odds of about 1 in 10^7, and a collision only drops a duplicate-looking row. */
static int first_time(struct store_scan *sc, size_t asset, const char *key, const char *v, size_t n)
{
	uint64_t h = fnv(1469598103934665603ull, &asset, sizeof(asset));
	h = fnv(h, key, strlen(key) + 1);
	h = fnv(h, v, n);
	h |= 1; /* 0 marks an empty slot */
	if (2 * (sc->nseen + 1) > sc->seen_mask) {
		uint64_t *old = sc->seen;
		size_t omask = sc->seen_mask;
		sc->seen_mask = 2 * omask + 1;
		sc->seen = xcalloc(sc->seen_mask + 1, sizeof(*sc->seen));
		for (size_t i = 0; i <= omask; i++) {
			if (!old[i])
				continue;
			size_t j = old[i] & sc->seen_mask;
			while (sc->seen[j])
				j = (j + 1) & sc->seen_mask;
			sc->seen[j] = old[i];
		}
		free(old);
	}
	size_t j = h & sc->seen_mask;
	while (sc->seen[j]) {
		if (sc->seen[j] == h)
			return 0;
		j = (j + 1) & sc->seen_mask;
	}
	sc->seen[j] = h;
	sc->nseen++;
	return 1;
}

void store_scan_obs(struct store_scan *sc, const char *name, const char *key, const char *value,
                    size_t vlen, const char *source)
{
	size_t ai = asset_idx(sc, name);
	if (!first_time(sc, ai, key, value, vlen))
		return;
	GROW(sc->obs, sc->nobs, sc->cobs);
	struct sobs *o = &sc->obs[sc->nobs++];
	o->asset = ai;
	o->key = dup(sc, key);
	o->value = arena_strndup(&sc->a, value, vlen);
	o->source = dup(sc, source);
}

void store_scan_finding(struct store_scan *sc, const struct store_finding *f)
{
	GROW(sc->f, sc->nf, sc->cf);
	struct sfind *s = &sc->f[sc->nf++];
	memset(s, 0, sizeof(*s));
	s->asset = asset_idx(sc, f->asset);
	s->vendor = dup(sc, f->vendor);
	s->maker = dup(sc, f->maker);
	s->brand = dup(sc, f->brand);
	s->product = dup(sc, f->product);
	s->cls = dup(sc, f->cls);
	s->confidence = dup(sc, f->confidence);
	s->note = dup(sc, f->note);
	s->nev = f->nev;
	s->ev = xcalloc(f->nev ? f->nev : 1, sizeof(*s->ev));
	for (size_t i = 0; i < f->nev; i++) {
		const struct store_evidence *e = &f->ev[i];
		struct store_evidence *d = &s->ev[i];
		d->key = dup(sc, e->key);
		d->value = dup(sc, e->value);
		d->rule = dup(sc, e->rule);
		d->source = dup(sc, e->source);
		d->strength = dup(sc, e->strength);
	}
}

static void scan_free(struct store_scan *sc)
{
	for (size_t i = 0; i < sc->nf; i++)
		free(sc->f[i].ev);
	strmap_release(&sc->names);
	arena_release(&sc->a);
	free(sc->seen), free(sc->as), free(sc->obs), free(sc->f), free(sc->scopes);
	free(sc);
}

void store_scan_abort(struct store_scan *sc)
{
	if (!sc)
		return;
	if (sc->id) {
		struct store *st = sc->st;
		char num[24];
		const char *p[] = {store_i64(sc->id, num)};
		if (st->c.ops->begin_write(st->c.db) == 0) {
			if (dbc_query(&st->c, "UPDATE scans SET state = 'failed' WHERE id = ?", 1,
			              p, NULL, NULL) == 0)
				st->c.ops->commit(st->c.db);
			else
				st->c.ops->rollback(st->c.db);
		}
	}
	scan_free(sc);
}
