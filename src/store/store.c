/* The store: opening, the schema and its migrations, remediation actions, and small helpers.
 * Writing a scan is store_write.c, reading store_read.c. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/date.h"
#include "store/store_int.h"
#include "util/banned.h"

/* Migration N takes a store from version N-1 to N; each runs in the transaction that checks the
 * version, so two processes opening a new store at once migrate it once. Times are text
 * YYYY-MM-DDTHH:MM:SSZ (sorts as time, same on both engines); ids BIGINT. */
static const char *const migrations[] = {
    /* 1: the inventory over time. */
    "CREATE TABLE scans(id @PK@, started TEXT NOT NULL, finished TEXT, state TEXT NOT NULL,"
    " who TEXT, method TEXT NOT NULL, command TEXT, policy TEXT, catalogue TEXT, registry TEXT,"
    " tool_version TEXT, nassets BIGINT NOT NULL DEFAULT 0, nobs BIGINT NOT NULL DEFAULT 0,"
    " nfindings BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE scan_scope(scan BIGINT NOT NULL REFERENCES scans(id), kind TEXT NOT NULL,"
    " value TEXT NOT NULL);"
    "CREATE TABLE assets(id BIGINT PRIMARY KEY, name TEXT, mac TEXT, ip TEXT, hostname TEXT,"
    " serial TEXT, root TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,"
    " first_scan BIGINT NOT NULL, last_scan BIGINT NOT NULL);"
    "CREATE TABLE observations(scan BIGINT NOT NULL, asset BIGINT NOT NULL, key TEXT NOT NULL,"
    " value TEXT NOT NULL, source TEXT);"
    "CREATE TABLE findings(id BIGINT PRIMARY KEY, asset BIGINT NOT NULL REFERENCES assets(id),"
    " vendor TEXT NOT NULL, maker TEXT, brand TEXT, product TEXT, class TEXT, confidence TEXT,"
    " note TEXT, method TEXT NOT NULL, state TEXT NOT NULL, first_seen TEXT NOT NULL,"
    " last_seen TEXT NOT NULL, first_scan BIGINT NOT NULL, last_scan BIGINT NOT NULL,"
    " closed_at TEXT, closed_scan BIGINT, UNIQUE(asset, vendor));"
    "CREATE TABLE sightings(scan BIGINT NOT NULL, finding BIGINT NOT NULL, confidence TEXT,"
    " product TEXT, PRIMARY KEY(scan, finding));"
    "CREATE TABLE evidence(finding BIGINT NOT NULL, scan BIGINT NOT NULL, seq BIGINT NOT NULL,"
    " key TEXT NOT NULL, value TEXT NOT NULL, rule TEXT, source TEXT, strength TEXT);"
    "CREATE TABLE events(id @PK@, finding BIGINT NOT NULL REFERENCES findings(id), scan BIGINT,"
    " kind TEXT NOT NULL, at TEXT NOT NULL, who TEXT, note TEXT, until TEXT, approver TEXT);",
    /* 2: indexes for asset identity, reports and removal. */
    "CREATE INDEX assets_mac ON assets(mac); CREATE INDEX assets_ip ON assets(ip);"
    "CREATE INDEX observations_asset ON observations(asset);"
    "CREATE INDEX evidence_finding ON evidence(finding);"
    "CREATE INDEX events_finding ON events(finding);"
    "CREATE INDEX sightings_finding ON sightings(finding);"
    "CREATE INDEX scan_scope_scan ON scan_scope(scan);",
};
_Static_assert(sizeof(migrations) / sizeof(*migrations) == STORE_SCHEMA_VERSION,
               "one migration per schema version");

int store_fail(struct store *st, const char *what)
{
	snprintf(st->err, sizeof(st->err), "%s%s%s", what ? what : "", what ? ": " : "",
	         st->c.db ? st->c.ops->error(st->c.db) : "no connection");
	return -1;
}

const char *store_error(const struct store *st)
{
	return st->err;
}

const char *store_backend(const struct store *st)
{
	return st->c.ops->name;
}

int store_version(struct store *st)
{
	return st->version;
}

int store_row_first(void *ctx, int ncol, const char *const *col)
{
	char *out = ctx;
	snprintf(out, 64, "%s", ncol > 0 && col[0] ? col[0] : "");
	return 0;
}

const char *store_i64(int64_t v, char *buf)
{
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

int64_t store_parse_i64(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

/* Runs schema text with @PK@ spelled the back end's way. */
static int schema_exec(struct store *st, const char *sql)
{
	struct buf b;
	buf_init(&b, 0);
	for (const char *p = sql; *p;) {
		const char *t = strstr(p, "@PK@");
		if (!t) {
			buf_adds(&b, p);
			break;
		}
		buf_add(&b, p, (size_t)(t - p));
		buf_adds(&b, st->c.ops->pk);
		p = t + 4;
	}
	int rc = st->c.ops->exec(st->c.db, b.data);
	buf_release(&b);
	return rc;
}

static int migrate(struct store *st, int max_version)
{
	const struct db_ops *o = st->c.ops;
	if (o->begin_write(st->c.db) < 0)
		return store_fail(st, "opening the store");
	char v[64] = "";
	if (o->exec(st->c.db, "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)") <
	        0 ||
	    dbc_query(&st->c, "SELECT value FROM meta WHERE key = 'schema_version'", 0, NULL,
	              store_row_first, v) < 0) {
		store_fail(st, "reading the schema version");
		goto fail;
	}
	int have = v[0] ? (int)strtol(v, NULL, 10) : 0;
	if (have > STORE_SCHEMA_VERSION) {
		snprintf(st->err, sizeof(st->err),
		         "the store's schema is version %d, newer than this bansweep knows (%d): "
		         "use a newer bansweep; the store was not changed",
		         have, STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (int n = have + 1; n <= max_version && n <= STORE_SCHEMA_VERSION; n++) {
		if (schema_exec(st, migrations[n - 1]) < 0) {
			char what[64];
			snprintf(what, sizeof(what), "migrating the schema to version %d", n);
			store_fail(st, what);
			goto fail;
		}
		have = n;
	}
	char num[24];
	const char *p[] = {store_i64(have, num)};
	if (dbc_query(&st->c,
	              "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
	              "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	              1, p, NULL, NULL) < 0 ||
	    o->commit(st->c.db) < 0) {
		store_fail(st, "recording the schema version");
		goto fail;
	}
	st->version = have;
	return 0;
fail:
	o->rollback(st->c.db);
	return -1;
}

struct store *store_open(const char *url, int max_version, char *err, size_t errlen)
{
	struct store *st = xcalloc(1, sizeof(*st));
	if (dbc_open(&st->c, url, err, errlen) < 0) {
		free(st);
		return NULL;
	}
	if (migrate(st, max_version) < 0) {
		snprintf(err, errlen, "%s", st->err);
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	dbc_close(&st->c);
	free(st);
}

/* mkdir -p for the directories of path. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

int store_default_path(char *out, size_t n)
{
	const char *env = getenv("BANSWEEP_DB");
	if (env && *env) {
		snprintf(out, n, "%s", env);
		return 0;
	}
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/') {
		snprintf(out, n, "%s/bansweep/bansweep.db", xdg);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : "/";
		}
		snprintf(out, n, "%s/.local/share/bansweep/bansweep.db", home);
	}
	return make_parents(out);
}

void store_now(char out[21])
{
	const char *env = getenv("BANSWEEP_NOW");
	if (env && strlen(env) == 20) {
		memcpy(out, env, 21);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_scope_kind_known(const char *kind)
{
	static const char *const kinds[] = {"net", "host", "asset", "all", "file", "iface", NULL};
	for (const char *const *k = kinds; *k; k++)
		if (!strcmp(*k, kind))
			return 1;
	return 0;
}

int64_t store_action(struct store *st, const struct store_action *a)
{
	static const char *const kinds[] = {"remediated", "replaced", "exception",
	                                    "exception-revoked", NULL};
	int ok = 0;
	for (const char *const *k = kinds; *k; k++)
		ok |= !strcmp(*k, a->kind);
	if (!ok) {
		snprintf(st->err, sizeof(st->err), "unknown action '%s'", a->kind);
		return -1;
	}
	if (!strcmp(a->kind, "exception") && (!a->until || !a->approver || !a->note)) {
		snprintf(st->err, sizeof(st->err),
		         "an exception needs an end date, a reason and an approver");
		return -1;
	}
	const struct db_ops *o = st->c.ops;
	if (o->begin_write(st->c.db) < 0)
		return store_fail(st, "recording the action");
	char num[24], found[64] = "", now[21], id[64] = "";
	const char *p1[] = {store_i64(a->finding, num)};
	if (dbc_query(&st->c, "SELECT state FROM findings WHERE id = ?", 1, p1, store_row_first,
	              found) < 0) {
		store_fail(st, "reading the finding");
		goto fail;
	}
	if (!found[0]) {
		snprintf(st->err, sizeof(st->err), "no finding %lld in the store",
		         (long long)a->finding);
		goto fail;
	}
	if (!a->at)
		store_now(now);
	const char *p[] = {num,     a->kind,  a->at ? a->at : now, a->who,
	                   a->note, a->until, a->approver};
	if (dbc_query(&st->c,
	              "INSERT INTO events(finding, scan, kind, at, who, note, until, approver) "
	              "VALUES(?, NULL, ?, ?, ?, ?, ?, ?) RETURNING id",
	              7, p, store_row_first, id) < 0) {
		store_fail(st, "recording the action");
		goto fail;
	}
	/* A replacement closes the finding: the product is gone, by a person's account. A claim
	 * of removal does not; the next scan that covers the asset confirms it. */
	if (!strcmp(a->kind, "replaced")) {
		const char *p2[] = {a->at ? a->at : now, num};
		if (dbc_query(
		        &st->c,
		        "UPDATE findings SET state = 'replaced', closed_at = ?, closed_scan = NULL "
		        "WHERE id = ?",
		        2, p2, NULL, NULL) < 0) {
			store_fail(st, "closing the finding");
			goto fail;
		}
	}
	if (o->commit(st->c.db) < 0) {
		store_fail(st, "recording the action");
		goto fail;
	}
	return store_parse_i64(id);
fail:
	o->rollback(st->c.db);
	return -1;
}

/* The string map (FNV-1a, linear probing, grows at half full). */
struct strmap_slot {
	char *key;
	size_t len, value;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

void strmap_init(struct strmap *m)
{
	m->mask = 255;
	m->n = 0;
	m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
}

void strmap_release(struct strmap *m)
{
	for (size_t i = 0; i <= m->mask; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
}

static struct strmap_slot *find(const struct strmap *m, const char *key, size_t len)
{
	for (size_t i = hash(key, len) & m->mask;; i = (i + 1) & m->mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key || (s->len == len && !memcmp(s->key, key, len)))
			return s;
	}
}

size_t strmap_get(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_slot *s = find(m, key, len);
	return s->key ? s->value : (size_t)-1;
}

size_t strmap_put(struct strmap *m, const char *key, size_t len, size_t value)
{
	if (2 * (m->n + 1) > m->mask) {
		struct strmap old = *m;
		m->mask = m->mask * 2 + 1;
		m->slots = xcalloc(m->mask + 1, sizeof(*m->slots));
		for (size_t i = 0; i <= old.mask; i++)
			if (old.slots[i].key)
				*find(m, old.slots[i].key, old.slots[i].len) = old.slots[i];
		free(old.slots);
	}
	struct strmap_slot *s = find(m, key, len);
	if (!s->key) {
		s->key = xstrndup(key, len);
		s->len = len;
		s->value = value;
		m->n++;
	}
	return s->value;
}
