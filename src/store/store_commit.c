/* Committing a scan in one transaction: assets matched to their stored identity, observations,
 * findings opened or updated, and findings the scan's scope covered but it did not see closed
 * as removed. Writers are serialised (db.h begin_write), so what is read here stays true until
 * the commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/err.h"
#include "bansweep/targets.h"
#include "store/store_scan.h"
#include "util/banned.h"

/* Identity fields, strongest first: an asset is matched by the first field it shares with a
 * stored asset that does not contradict it (see contradicts()). */
enum { F_MAC, F_SERIAL, F_HOSTNAME, F_ROOT, F_NAME, F_IP, NFIELDS };

struct known {
	int64_t id;
	char *f[NFIELDS];
	int changed, isnew;
};

struct stored_f {
	int64_t id, asset;
	char *state, *method;
	int seen;
};

struct commit {
	struct store_scan *sc;
	struct store *st;
	struct arena a;
	struct known *k;
	size_t nk, ck;
	struct strmap by[NFIELDS]; /* value -> index in k of its newest holder */
	int64_t next_asset, next_finding;
	struct strmap fmap; /* "asset id/vendor" -> index in sf */
	struct stored_f *sf;
	size_t nsf, csf;
	struct pending { /* events, written by one copy at the end */
		int64_t finding;
		const char *kind;
	} * ev;
	size_t nev, cev;
};

static char **sfield(struct sasset *a, int f)
{
	char **slots[NFIELDS] = {&a->mac, &a->serial, &a->hostname, &a->root, &a->name, &a->ip};
	return slots[f];
}

static size_t add_known(struct commit *c)
{
	if (c->nk == c->ck) {
		c->ck = c->ck ? 2 * c->ck : 1024;
		c->k = xrealloc(c->k, c->ck * sizeof(*c->k));
	}
	memset(&c->k[c->nk], 0, sizeof(*c->k));
	return c->nk++;
}

static void index_known(struct commit *c, size_t i)
{
	for (int f = 0; f < NFIELDS; f++)
		if (c->k[i].f[f])
			strmap_put(&c->by[f], c->k[i].f[f], strlen(c->k[i].f[f]), i);
}

/* Rows come newest first, so the map keeps the newest holder of each value. */
static int on_asset_row(void *ctx, int ncol, const char *const *col)
{
	struct commit *c = ctx;
	if (ncol < 1 + NFIELDS)
		return 0;
	size_t i = add_known(c);
	struct known *k = &c->k[i];
	k->id = store_parse_i64(col[0]);
	for (int f = 0; f < NFIELDS; f++)
		k->f[f] = col[1 + f] ? arena_strdup(&c->a, col[1 + f]) : NULL;
	if (k->id >= c->next_asset)
		c->next_asset = k->id + 1;
	index_known(c, i);
	return 0;
}

static int on_finding_row(void *ctx, int ncol, const char *const *col)
{
	struct commit *c = ctx;
	if (ncol < 5)
		return 0;
	if (c->nsf == c->csf) {
		c->csf = c->csf ? 2 * c->csf : 1024;
		c->sf = xrealloc(c->sf, c->csf * sizeof(*c->sf));
	}
	struct stored_f *s = &c->sf[c->nsf];
	s->id = store_parse_i64(col[0]);
	s->asset = store_parse_i64(col[1]);
	s->state = arena_strdup(&c->a, col[3] ? col[3] : "");
	s->method = arena_strdup(&c->a, col[4] ? col[4] : "");
	s->seen = 0;
	char key[512];
	int n = snprintf(key, sizeof(key), "%lld/%s", (long long)s->asset, col[2] ? col[2] : "");
	strmap_put(&c->fmap, key, (size_t)n < sizeof(key) ? (size_t)n : sizeof(key) - 1, c->nsf);
	if (s->id >= c->next_finding)
		c->next_finding = s->id + 1;
	c->nsf++;
	return 0;
}

/* Two different MACs, serials or host names are two devices, whatever else they share (an
 * address handed from one to the other by DHCP). */
static int contradicts(const struct known *k, struct sasset *a)
{
	for (int f = F_MAC; f <= F_HOSTNAME; f++) {
		const char *v = *sfield(a, f);
		if (v && k->f[f] && strcmp(v, k->f[f]))
			return 1;
	}
	return 0;
}

/* Matches each asset of the scan to a stored one, or makes a new one. */
static void resolve_assets(struct commit *c)
{
	struct store_scan *sc = c->sc;
	for (size_t i = 0; i < sc->nas; i++) {
		struct sasset *a = &sc->as[i];
		size_t j = (size_t)-1;
		for (int f = 0; f < NFIELDS && j == (size_t)-1; f++) {
			const char *v = *sfield(a, f);
			if (!v)
				continue;
			size_t cand = strmap_get(&c->by[f], v, strlen(v));
			if (cand != (size_t)-1 && !contradicts(&c->k[cand], a))
				j = cand;
		}
		if (j == (size_t)-1) {
			j = add_known(c);
			c->k[j].id = c->next_asset++;
			c->k[j].isnew = 1;
		}
		struct known *k = &c->k[j];
		for (int f = 0; f < NFIELDS; f++) {
			const char *v = *sfield(a, f);
			if (v && (!k->f[f] || strcmp(k->f[f], v))) {
				k->f[f] = arena_strdup(&c->a, v);
				k->changed = 1;
			}
		}
		index_known(c, j);
		a->id = k->id;
		a->known = j;
	}
}

/* Bulk rows through the back end's copy. */
struct rows {
	struct store *st;
	struct db_copy *cp;
	int failed;
};

static void rows_begin(struct rows *r, struct store *st, const char *table, const char *const *cols,
                       int n)
{
	r->st = st;
	r->cp = st->c.ops->copy_begin(st->c.db, table, cols, n);
	r->failed = !r->cp;
}

static void rows_add(struct rows *r, const char *const *vals)
{
	if (!r->failed && r->st->c.ops->copy_row(r->cp, vals) < 0)
		r->failed = 1;
}

static int rows_end(struct rows *r)
{
	if (r->cp && r->st->c.ops->copy_end(r->cp) < 0)
		r->failed = 1;
	return r->failed ? -1 : 0;
}

static int write_assets(struct commit *c)
{
	struct store_scan *sc = c->sc;
	static const char *const cols[] = {"id",        "name",       "mac",      "ip",
	                                   "hostname",  "serial",     "root",     "first_seen",
	                                   "last_seen", "first_scan", "last_scan"};
	static const char *const ucols[] = {"id",       "name",   "mac", "ip",
	                                    "hostname", "serial", "root"};
	char id[24], scan[24];
	store_i64(sc->id, scan);
	struct rows r;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			rows_begin(&r, c->st, "assets", cols, 11);
		else
			rows_begin(&r, c->st, "asset_upd", ucols, 7);
		for (size_t i = 0; i < c->nk; i++) {
			struct known *k = &c->k[i];
			if (pass == 0 ? !k->isnew : k->isnew || !k->changed)
				continue;
			store_i64(k->id, id);
			const char *v[] = {id,
			                   k->f[F_NAME],
			                   k->f[F_MAC],
			                   k->f[F_IP],
			                   k->f[F_HOSTNAME],
			                   k->f[F_SERIAL],
			                   k->f[F_ROOT],
			                   sc->started,
			                   sc->started,
			                   scan,
			                   scan};
			rows_add(&r, v);
		}
		if (rows_end(&r) < 0)
			return -1;
	}
	/* Every asset this scan saw: last seen now. Changed identity fields were staged above. */
	struct rows s;
	static const char *const scols[] = {"id"};
	rows_begin(&s, c->st, "asset_seen", scols, 1);
	for (size_t i = 0; i < sc->nas; i++) {
		const char *v[] = {store_i64(sc->as[i].id, id)};
		rows_add(&s, v);
	}
	if (rows_end(&s) < 0)
		return -1;
	const char *p[] = {sc->started, scan};
	if (dbc_query(
	        &c->st->c,
	        "UPDATE assets SET name = COALESCE(u.name, assets.name), mac = COALESCE(u.mac, "
	        "assets.mac), ip = COALESCE(u.ip, assets.ip), hostname = COALESCE(u.hostname, "
	        "assets.hostname), serial = COALESCE(u.serial, assets.serial), root = "
	        "COALESCE(u.root, assets.root) FROM asset_upd u WHERE assets.id = u.id",
	        0, NULL, NULL, NULL) < 0 ||
	    dbc_query(&c->st->c,
	              "UPDATE assets SET last_seen = ?, last_scan = ? WHERE id IN (SELECT id FROM "
	              "asset_seen)",
	              2, p, NULL, NULL) < 0)
		return -1;
	return 0;
}

static int write_obs(struct commit *c)
{
	struct store_scan *sc = c->sc;
	static const char *const cols[] = {"scan", "asset", "key", "value", "source"};
	char scan[24], id[24];
	store_i64(sc->id, scan);
	struct rows r;
	rows_begin(&r, c->st, "observations", cols, 5);
	for (size_t i = 0; i < sc->nobs && !r.failed; i++) {
		const struct sobs *o = &sc->obs[i];
		const char *v[] = {scan, store_i64(sc->as[o->asset].id, id), o->key, o->value,
		                   o->source};
		rows_add(&r, v);
	}
	return rows_end(&r);
}

static void event(struct commit *c, int64_t finding, const char *kind)
{
	if (c->nev == c->cev) {
		c->cev = c->cev ? 2 * c->cev : 256;
		c->ev = xrealloc(c->ev, c->cev * sizeof(*c->ev));
	}
	c->ev[c->nev].finding = finding;
	c->ev[c->nev++].kind = kind;
}

static int write_events(struct commit *c)
{
	static const char *const cols[] = {"finding", "scan", "kind", "at", "who"};
	char f[24], scan[24];
	store_i64(c->sc->id, scan);
	struct rows r;
	rows_begin(&r, c->st, "events", cols, 5);
	for (size_t i = 0; i < c->nev; i++) {
		const char *v[] = {store_i64(c->ev[i].finding, f), scan, c->ev[i].kind,
		                   c->sc->started, c->sc->who};
		rows_add(&r, v);
	}
	return rows_end(&r);
}

/* Matches each finding of the scan to a stored one (same asset, same vendor) or numbers a new
 * one, and notes the events. */
static void resolve_findings(struct commit *c)
{
	struct store_scan *sc = c->sc;
	for (size_t i = 0; i < sc->nf; i++) {
		struct sfind *f = &sc->f[i];
		int64_t aid = sc->as[f->asset].id;
		char key[512];
		int n = snprintf(key, sizeof(key), "%lld/%s", (long long)aid, f->vendor);
		size_t klen = (size_t)n < sizeof(key) ? (size_t)n : sizeof(key) - 1;
		size_t j = strmap_get(&c->fmap, key, klen);
		if (j != (size_t)-1 && c->sf[j].seen) {
			f->skip = 1; /* a second finding of the same asset and vendor this scan */
			continue;
		}
		if (j == (size_t)-1) {
			f->id = c->next_finding++;
			f->isnew = 1;
			if (c->nsf == c->csf) {
				c->csf = c->csf ? 2 * c->csf : 1024;
				c->sf = xrealloc(c->sf, c->csf * sizeof(*c->sf));
			}
			c->sf[c->nsf] = (struct stored_f){f->id, aid, "open", sc->method, 1};
			strmap_put(&c->fmap, key, klen, c->nsf++);
			event(c, f->id, "found");
		} else {
			struct stored_f *s0 = &c->sf[j];
			s0->seen = 1;
			f->id = s0->id;
			if (strcmp(s0->state, "open"))
				event(c, f->id, "reappeared");
		}
	}
}

static int write_findings(struct commit *c)
{
	struct store_scan *sc = c->sc;
	static const char *const cols[] = {"id",        "asset",      "vendor",   "maker",
	                                   "brand",     "product",    "class",    "confidence",
	                                   "note",      "method",     "state",    "first_seen",
	                                   "last_seen", "first_scan", "last_scan"};
	static const char *const ucols[] = {"id",    "maker",      "brand", "product",
	                                    "class", "confidence", "note"};
	static const char *const ecols[] = {"finding", "scan", "seq",    "key",
	                                    "value",   "rule", "source", "strength"};
	static const char *const scols[] = {"scan", "finding", "confidence", "product"};
	char scan[24], id[24], asset[24];
	store_i64(sc->id, scan);
	struct rows r;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			rows_begin(&r, c->st, "findings", cols, 15);
		else
			rows_begin(&r, c->st, "finding_upd", ucols, 7);
		for (size_t i = 0; i < sc->nf; i++) {
			const struct sfind *f = &sc->f[i];
			if (f->skip || f->isnew != !pass)
				continue;
			store_i64(f->id, id);
			store_i64(sc->as[f->asset].id, asset);
			if (pass == 0) {
				const char *v[] = {
				    id,         asset,       f->vendor,     f->maker, f->brand,
				    f->product, f->cls,      f->confidence, f->note,  sc->method,
				    "open",     sc->started, sc->started,   scan,     scan};
				rows_add(&r, v);
			} else {
				const char *v[] = {id,     f->maker,      f->brand, f->product,
				                   f->cls, f->confidence, f->note};
				rows_add(&r, v);
			}
		}
		if (rows_end(&r) < 0)
			return -1;
	}
	const char *p[] = {sc->method, sc->started, scan};
	if (dbc_query(
	        &c->st->c,
	        "UPDATE findings SET maker = u.maker, brand = u.brand, product = u.product, "
	        "class = u.class, confidence = u.confidence, note = u.note, method = ?, state = "
	        "'open', last_seen = ?, last_scan = ?, closed_at = NULL, closed_scan = NULL "
	        "FROM finding_upd u WHERE findings.id = u.id",
	        3, p, NULL, NULL) < 0 ||
	    c->st->c.ops->exec(c->st->c.db, "DELETE FROM evidence WHERE finding IN (SELECT id FROM "
	                                    "finding_upd)") < 0)
		return -1;
	rows_begin(&r, c->st, "sightings", scols, 4);
	for (size_t i = 0; i < sc->nf; i++) {
		const struct sfind *f = &sc->f[i];
		if (f->skip)
			continue;
		const char *v[] = {scan, store_i64(f->id, id), f->confidence, f->product};
		rows_add(&r, v);
	}
	if (rows_end(&r) < 0)
		return -1;
	rows_begin(&r, c->st, "evidence", ecols, 8);
	for (size_t i = 0; i < sc->nf; i++) {
		const struct sfind *f = &sc->f[i];
		if (f->skip)
			continue;
		store_i64(f->id, id);
		for (size_t k = 0; k < f->nev; k++) {
			const struct store_evidence *x = &f->ev[k];
			char seq[24];
			const char *v[] = {id,        scan,       store_i64((int64_t)k, seq),
			                   x->key,    x->value,   x->rule,
			                   x->source, x->strength};
			rows_add(&r, v);
		}
	}
	return rows_end(&r);
}

/* The assets this scan's scope covers: those it inventoried whole, and those whose address lies
 * in a range it probed. A passive scope covers nothing. */
static void covered(struct commit *c, unsigned char *cov)
{
	struct store_scan *sc = c->sc;
	struct targets t;
	targets_init(&t);
	int nets = 0;
	for (size_t i = 0; i < sc->nscopes; i++) {
		const struct scope *s = &sc->scopes[i];
		if (!strcmp(s->kind, "net")) {
			struct bs_err e;
			if (targets_add_text(&t, "scope", s->value, strlen(s->value), 0, &e) == 0)
				nets = 1;
		} else if (!strcmp(s->kind, "host") || !strcmp(s->kind, "asset")) {
			size_t ai = strmap_get(&sc->names, s->value, strlen(s->value));
			if (ai != (size_t)-1)
				cov[sc->as[ai].known] = 1;
		}
	}
	for (size_t j = 0; nets && j < c->nk; j++) {
		struct addr a;
		if (c->k[j].f[F_IP] && addr_parse(c->k[j].f[F_IP], &a) == 0 &&
		    targets_contains(&t, &a))
			cov[j] = 1;
	}
	targets_release(&t);
}

/* An "all" scope entry: the scan's input lists every asset of its method (an authoritative
 * inventory), so an asset it does not list is covered too. */
static int covers_all(const struct store_scan *sc)
{
	for (size_t i = 0; i < sc->nscopes; i++)
		if (!strcmp(sc->scopes[i].kind, "all"))
			return 1;
	return 0;
}

static int close_absent(struct commit *c)
{
	struct store_scan *sc = c->sc;
	unsigned char *cov = xcalloc(c->nk ? c->nk : 1, 1);
	covered(c, cov);
	int all = covers_all(sc);
	/* asset id -> covered, through the known table's order */
	struct strmap ids;
	strmap_init(&ids);
	char id[24];
	for (size_t j = 0; j < c->nk; j++)
		if (cov[j]) {
			store_i64(c->k[j].id, id);
			strmap_put(&ids, id, strlen(id), j);
		}
	struct rows g;
	static const char *const gcols[] = {"id"};
	rows_begin(&g, c->st, "finding_gone", gcols, 1);
	for (size_t i = 0; i < c->nsf; i++) {
		struct stored_f *s = &c->sf[i];
		if (s->seen || strcmp(s->state, "open") || strcmp(s->method, sc->method))
			continue;
		store_i64(s->asset, id);
		if (!all && strmap_get(&ids, id, strlen(id)) == (size_t)-1)
			continue;
		const char *v[] = {store_i64(s->id, id)};
		rows_add(&g, v);
		event(c, s->id, "seen-absent");
	}
	strmap_release(&ids);
	free(cov);
	if (rows_end(&g) < 0)
		return -1;
	char scan[24];
	const char *p[] = {sc->started, store_i64(sc->id, scan)};
	return dbc_query(
	    &c->st->c,
	    "UPDATE findings SET state = 'removed', closed_at = ?, closed_scan = ? WHERE "
	    "id IN (SELECT id FROM finding_gone)",
	    2, p, NULL, NULL);
}

static int write_scan(struct commit *c, const char *finished)
{
	struct store_scan *sc = c->sc;
	static const char *const cols[] = {"scan", "kind", "value"};
	char scan[24], na[24], no[24], nf[24];
	store_i64(sc->id, scan);
	struct rows r;
	rows_begin(&r, c->st, "scan_scope", cols, 3);
	for (size_t i = 0; i < sc->nscopes; i++) {
		const char *v[] = {scan, sc->scopes[i].kind, sc->scopes[i].value};
		rows_add(&r, v);
	}
	if (rows_end(&r) < 0)
		return -1;
	size_t nfind = 0;
	for (size_t i = 0; i < sc->nf; i++)
		nfind += !sc->f[i].skip;
	const char *p[] = {finished, store_i64((int64_t)sc->nas, na),
	                   store_i64((int64_t)sc->nobs, no), store_i64((int64_t)nfind, nf), scan};
	return dbc_query(
	    &c->st->c,
	    "UPDATE scans SET state = 'complete', finished = ?, nassets = ?, nobs = ?, "
	    "nfindings = ? WHERE id = ?",
	    5, p, NULL, NULL);
}

static int commit_all(struct commit *c, const char *finished)
{
	struct store *st = c->st;
	const struct db_ops *o = st->c.ops;
	if (o->exec(
	        st->c.db,
	        "CREATE TEMP TABLE IF NOT EXISTS asset_upd(id BIGINT, name TEXT, mac TEXT, ip TEXT,"
	        " hostname TEXT, serial TEXT, root TEXT);"
	        "CREATE TEMP TABLE IF NOT EXISTS asset_seen(id BIGINT);"
	        "CREATE TEMP TABLE IF NOT EXISTS finding_upd(id BIGINT, maker TEXT, brand TEXT,"
	        " product TEXT, class TEXT, confidence TEXT, note TEXT);"
	        "CREATE TEMP TABLE IF NOT EXISTS finding_gone(id BIGINT);"
	        "DELETE FROM asset_upd; DELETE FROM asset_seen; DELETE FROM finding_upd;"
	        "DELETE FROM finding_gone;") < 0)
		return store_fail(st, "staging the scan");
	if (dbc_query(
	        &st->c,
	        "SELECT id, mac, serial, hostname, root, name, ip FROM assets ORDER BY id DESC", 0,
	        NULL, on_asset_row, c) < 0 ||
	    dbc_query(&st->c, "SELECT id, asset, vendor, state, method FROM findings", 0, NULL,
	              on_finding_row, c) < 0)
		return store_fail(st, "reading the stored assets");
	if (c->next_asset == 0)
		c->next_asset = 1;
	if (c->next_finding == 0)
		c->next_finding = 1;
	resolve_assets(c);
	if (write_assets(c) < 0)
		return store_fail(st, "writing assets");
	if (write_obs(c) < 0)
		return store_fail(st, "writing observations");
	resolve_findings(c);
	if (write_findings(c) < 0)
		return store_fail(st, "writing findings");
	if (close_absent(c) < 0)
		return store_fail(st, "closing findings seen absent");
	if (write_events(c) < 0)
		return store_fail(st, "writing events");
	if (write_scan(c, finished) < 0)
		return store_fail(st, "completing the scan");
	return 0;
}

int store_scan_commit(struct store_scan *sc, const char *finished, struct store_commit_stats *out)
{
	struct store *st = sc->st;
	struct commit c;
	memset(&c, 0, sizeof(c));
	c.sc = sc;
	c.st = st;
	arena_init(&c.a);
	for (int f = 0; f < NFIELDS; f++)
		strmap_init(&c.by[f]);
	strmap_init(&c.fmap);
	char fin[21];
	if (!finished) {
		store_now(fin);
		finished = fin;
	}
	int rc = -1;
	if (st->c.ops->begin_write(st->c.db) < 0)
		store_fail(st, "writing the scan");
	else if (commit_all(&c, finished) < 0)
		st->c.ops->rollback(st->c.db);
	else if (st->c.ops->commit(st->c.db) < 0)
		store_fail(st, "committing the scan");
	else
		rc = 0;
	for (int f = 0; f < NFIELDS; f++)
		strmap_release(&c.by[f]);
	strmap_release(&c.fmap);
	if (rc < 0) {
		arena_release(&c.a);
		free(c.k), free(c.sf), free(c.ev);
		char keep[sizeof(st->err)];
		memcpy(keep, st->err, sizeof(keep));
		store_scan_abort(sc);
		memcpy(st->err, keep, sizeof(keep));
		return -1;
	}
	if (out) {
		memset(out, 0, sizeof(*out));
		out->assets = sc->nas;
		out->obs = sc->nobs;
		for (size_t i = 0; i < c.nk; i++)
			out->new_assets += c.k[i].isnew;
		for (size_t i = 0; i < sc->nf; i++) {
			out->findings += !sc->f[i].skip;
			out->new_findings += sc->f[i].isnew && !sc->f[i].skip;
		}
		for (size_t i = 0; i < c.nev; i++) {
			out->reappeared += !strcmp(c.ev[i].kind, "reappeared");
			out->removed += !strcmp(c.ev[i].kind, "seen-absent");
		}
	}
	free(c.k), free(c.sf), free(c.ev);
	arena_release(&c.a);
	sc->id = 0;
	store_scan_abort(sc); /* frees; the scan is complete, not failed */
	return 0;
}
