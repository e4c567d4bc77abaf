/* The store (src/store/): schema and migrations, scans written whole or not at all, asset
 * identity across scans, removal by scope, actions, reading back. Every case runs on SQLite and,
 * when BSW_PG_URL_FILE names the URL of a PostgreSQL server (pg.start), on PostgreSQL too, each
 * in a schema of its own: the same behaviour on both back ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit/cm.h"

#include "bansweep/buf.h"
#include "store/store_int.h"

static char pg_base[512];
static int on_pg;
static int serial;
static char url[1024];

/* A new empty store for one case: a temp file, or a fresh PostgreSQL schema. */
static struct store *fresh(int max_version)
{
	char err[1024];
	serial++;
	if (!on_pg) {
		snprintf(url, sizeof(url), "/tmp/bsw-store-%d-%d.db", (int)getpid(), serial);
		unlink(url);
		char w[1100];
		snprintf(w, sizeof(w), "%s-wal", url);
		unlink(w);
		snprintf(w, sizeof(w), "%s-shm", url);
		unlink(w);
	} else {
		struct dbc c;
		assert_int_equal(dbc_open(&c, pg_base, err, sizeof(err)), 0);
		char sql[256];
		snprintf(sql, sizeof(sql),
		         "DROP SCHEMA IF EXISTS t%d_%d CASCADE; CREATE SCHEMA t%d_%d",
		         (int)getpid(), serial, (int)getpid(), serial);
		assert_int_equal(c.ops->exec(c.db, sql), 0);
		dbc_close(&c);
		snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3Dt%d_%d", pg_base,
		         strchr(pg_base, '?') ? '&' : '?', (int)getpid(), serial);
	}
	struct store *st = store_open(url, max_version, err, sizeof(err));
	if (!st)
		fail_msg("store_open %s: %s", url, err);
	return st;
}

static void done(struct store *st)
{
	store_close(st);
	if (!on_pg) {
		unlink(url);
		char w[1100];
		snprintf(w, sizeof(w), "%s-wal", url);
		unlink(w);
		snprintf(w, sizeof(w), "%s-shm", url);
		unlink(w);
	}
}

static char first[64];
static const char *q1(struct store *st, const char *sql)
{
	first[0] = 0;
	assert_int_equal(dbc_query(&st->c, sql, 0, NULL, store_row_first, first), 0);
	return first;
}

static const struct store_scan_info info = {"tester",     "host",       "bansweep host", "all",
                                            "2026-11-22", "2024-08-25", "0.1.0"};

static void finding(struct store_scan *sc, const char *asset, const char *vendor, const char *conf)
{
	struct store_evidence ev[2] = {
	    {"pkg.name", "kesl", "kaspersky.pkg", "dpkg", "strong"},
	    {"file.path", "/opt/kaspersky", "kaspersky.path", NULL, "weak"}};
	struct store_finding f = {
	    asset, vendor, "AO Kaspersky Lab", "Kaspersky", "KESL", "security-software", conf, NULL,
	    ev,    2};
	store_scan_finding(sc, &f);
}

/* One scan: begin, assets, observations, findings, commit. */
static int64_t scan(struct store *st, const char *method, const char *when, const char *scope_kind,
                    const char *scope, const char *asset, const char *mac, const char *ip,
                    const char *vendor)
{
	struct store_scan_info i = info;
	i.method = method;
	struct store_scan *sc = store_scan_begin(st, &i, when);
	assert_non_null(sc);
	int64_t id = store_scan_id(sc);
	if (scope_kind)
		store_scan_scope(sc, scope_kind, scope);
	store_scan_asset(sc, asset, mac, ip, NULL, NULL, NULL);
	store_scan_obs(sc, asset, "pkg.name", "kesl", 4, "dpkg");
	store_scan_obs(sc, asset, "pkg.name", "kesl", 4, "dpkg"); /* a duplicate: kept once */
	store_scan_obs(sc, asset, "hostname", asset, strlen(asset), NULL);
	if (vendor)
		finding(sc, asset, vendor, "confirmed");
	struct store_commit_stats cs;
	assert_int_equal(store_scan_commit(sc, when, &cs), 0);
	assert_int_equal(cs.obs, 2);
	return id;
}

static void t_schema(void **s)
{
	(void)s;
	struct store *st = fresh(1);
	assert_int_equal(store_version(st), 1);
	store_close(st);
	char err[1024];
	/* Reopening migrates the version-1 store to the newest. */
	st = store_open(url, STORE_SCHEMA_VERSION, err, sizeof(err));
	assert_non_null(st);
	assert_int_equal(store_version(st), STORE_SCHEMA_VERSION);
	/* A store newer than this build is refused and left as it was. */
	assert_int_equal(st->c.ops->exec(st->c.db, "UPDATE meta SET value = '99' WHERE key = "
	                                           "'schema_version'"),
	                 0);
	store_close(st);
	assert_null(store_open(url, STORE_SCHEMA_VERSION, err, sizeof(err)));
	assert_non_null(strstr(err, "version 99, newer"));
	struct dbc c;
	assert_int_equal(dbc_open(&c, url, err, sizeof(err)), 0);
	char v[64] = "";
	assert_int_equal(dbc_query(&c, "SELECT value FROM meta WHERE key = 'schema_version'", 0,
	                           NULL, store_row_first, v),
	                 0);
	assert_string_equal(v, "99");
	dbc_close(&c);
	if (!on_pg) {
		/* Not a database at all: a clear error naming the file. */
		FILE *f = fopen(url, "w");
		fputs("this is not a database, it is a text file of some length ..........\n", f);
		fclose(f);
		assert_null(store_open(url, STORE_SCHEMA_VERSION, err, sizeof(err)));
		assert_non_null(strstr(err, url));
		unlink(url);
	} else {
		serial++;
	}
}

static void t_scans(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	scan(st, "host", "2026-10-01T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	scan(st, "host", "2026-10-02T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	assert_string_equal(q1(st, "SELECT count(*) FROM scans WHERE state = 'complete'"), "2");
	assert_string_equal(q1(st, "SELECT count(*) FROM assets"), "1");
	assert_string_equal(q1(st, "SELECT count(*) FROM findings"), "1");
	assert_string_equal(q1(st, "SELECT count(*) FROM observations"), "4");
	assert_string_equal(q1(st, "SELECT first_seen || ' ' || last_seen FROM findings"),
	                    "2026-10-01T10:00:00Z 2026-10-02T10:00:00Z");
	assert_string_equal(q1(st, "SELECT count(*) FROM events WHERE kind = 'found'"), "1");
	struct store_data d;
	assert_int_equal(store_load(st, 0, &d), 0);
	assert_int_equal(d.nscans, 2);
	assert_string_equal(d.scans[0].scope, "host laptop-7");
	assert_int_equal(d.nfindings, 1);
	assert_string_equal(d.findings[0].asset, "laptop-7");
	assert_int_equal(d.findings[0].nev, 2);
	assert_string_equal(d.findings[0].ev[0].key, "pkg.name");
	assert_string_equal(d.findings[0].ev[1].value, "/opt/kaspersky");
	assert_null(d.findings[0].ev[1].source);
	assert_int_equal(d.findings[0].first_scan, 1);
	assert_int_equal(d.findings[0].last_scan, 2);
	assert_int_equal(d.nassets, 1);
	store_data_free(&d);
	/* As it was after scan 1. */
	assert_int_equal(store_load(st, 1, &d), 0);
	assert_int_equal(d.nscans, 1);
	store_data_free(&d);
	done(st);
}

static void t_identity(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	/* Seen by IP first, then with its MAC: one asset. */
	scan(st, "scan", "2026-10-01T10:00:00Z", "net", "10.0.0.0/24", "10.0.0.5", NULL, "10.0.0.5",
	     "hikvision");
	scan(st, "scan", "2026-10-02T10:00:00Z", "net", "10.0.0.0/24", "10.0.0.5",
	     "4c:bd:8f:00:00:01", "10.0.0.5", "hikvision");
	assert_string_equal(q1(st, "SELECT count(*) FROM assets"), "1");
	assert_string_equal(q1(st, "SELECT mac FROM assets"), "4c:bd:8f:00:00:01");
	/* The same address with another MAC is another device. */
	scan(st, "scan", "2026-10-03T10:00:00Z", NULL, NULL, "10.0.0.5", "bc:ad:28:00:00:02",
	     "10.0.0.5", "hikvision");
	assert_string_equal(q1(st, "SELECT count(*) FROM assets"), "2");
	/* The first device moved to another address: still itself, by its MAC. */
	scan(st, "scan", "2026-10-04T10:00:00Z", NULL, NULL, "10.0.0.9", "4c:bd:8f:00:00:01",
	     "10.0.0.9", "hikvision");
	assert_string_equal(q1(st, "SELECT count(*) FROM assets"), "2");
	assert_string_equal(q1(st, "SELECT ip FROM assets WHERE mac = '4c:bd:8f:00:00:01'"),
	                    "10.0.0.9");
	assert_string_equal(q1(st, "SELECT count(*) FROM findings"), "2");
	done(st);
}

static void t_removal(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	scan(st, "scan", "2026-10-01T10:00:00Z", "net", "10.0.0.0/24", "10.0.0.5", NULL, "10.0.0.5",
	     "hikvision");
	scan(st, "host", "2026-10-01T11:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	/* A passive capture that does not see them proves nothing. */
	scan(st, "pcap", "2026-10-02T10:00:00Z", "file", "x.pcap", "other", NULL, NULL, NULL);
	assert_string_equal(q1(st, "SELECT count(*) FROM findings WHERE state = 'open'"), "2");
	/* A scan of another range, or of another method, does not cover them. */
	scan(st, "scan", "2026-10-03T10:00:00Z", "net", "10.0.1.0/24", "10.0.1.5", NULL, "10.0.1.5",
	     NULL);
	scan(st, "scan", "2026-10-03T11:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL, NULL);
	assert_string_equal(q1(st, "SELECT count(*) FROM findings WHERE state = 'open'"), "2");
	/* The range again, without the camera: removed, with the scan that saw it absent. */
	int64_t s5 = scan(st, "scan", "2026-10-04T10:00:00Z", "net", "10.0.0.1-10.0.0.20",
	                  "10.0.0.7", NULL, "10.0.0.7", NULL);
	assert_string_equal(q1(st, "SELECT state FROM findings WHERE vendor = 'hikvision'"),
	                    "removed");
	char want[24];
	snprintf(want, sizeof(want), "%lld", (long long)s5);
	assert_string_equal(q1(st, "SELECT closed_scan FROM findings WHERE vendor = 'hikvision'"),
	                    want);
	assert_string_equal(q1(st, "SELECT count(*) FROM events WHERE kind = 'seen-absent'"), "1");
	/* The host inventoried again without Kaspersky: removed. */
	scan(st, "host", "2026-10-05T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL, NULL);
	assert_string_equal(q1(st, "SELECT state FROM findings WHERE vendor = 'kaspersky'"),
	                    "removed");
	/* It comes back: open again, with a reappeared event. */
	scan(st, "host", "2026-10-06T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	assert_string_equal(q1(st, "SELECT state FROM findings WHERE vendor = 'kaspersky'"),
	                    "open");
	assert_string_equal(q1(st, "SELECT count(*) FROM events WHERE kind = 'reappeared'"), "1");
	assert_string_equal(q1(st, "SELECT count(*) FROM findings WHERE closed_at IS NULL"), "1");
	done(st);
}

static void t_actions(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	scan(st, "host", "2026-10-01T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	struct store_action a = {
	    1, "exception", "2026-10-02T00:00:00Z", "ann", "lab machine", "2027-01-31", "CISO"};
	assert_true(store_action(st, &a) > 0);
	struct store_action bad = a;
	bad.approver = NULL;
	assert_int_equal(store_action(st, &bad), -1);
	assert_non_null(strstr(store_error(st), "approver"));
	bad = a;
	bad.finding = 42;
	assert_int_equal(store_action(st, &bad), -1);
	assert_non_null(strstr(store_error(st), "no finding 42"));
	bad = a;
	bad.kind = "forgiven";
	assert_int_equal(store_action(st, &bad), -1);
	struct store_action rem = {1, "remediated", NULL, "bob", "ticket 7", NULL, NULL};
	assert_true(store_action(st, &rem) > 0);
	/* A claim does not close the finding; a replacement does. */
	assert_string_equal(q1(st, "SELECT state FROM findings"), "open");
	struct store_action rep = {1,    "replaced", "2026-10-03T00:00:00Z", "bob", "replaced by X",
	                           NULL, NULL};
	assert_true(store_action(st, &rep) > 0);
	assert_string_equal(q1(st, "SELECT state || ' ' || closed_at FROM findings"),
	                    "replaced 2026-10-03T00:00:00Z");
	struct store_data d;
	assert_int_equal(store_load(st, 0, &d), 0);
	assert_int_equal(d.nevents, 4);
	assert_string_equal(d.events[0].kind, "found");
	assert_string_equal(d.events[1].kind, "exception");
	assert_string_equal(d.events[1].until, "2027-01-31");
	assert_string_equal(d.events[1].approver, "CISO");
	store_data_free(&d);
	done(st);
}

static void t_atomic(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	scan(st, "host", "2026-10-01T10:00:00Z", "host", "laptop-7", "laptop-7", NULL, NULL,
	     "kaspersky");
	/* A scan begun and never committed stays visible as interrupted. */
	struct store_scan *sc = store_scan_begin(st, &info, "2026-10-02T10:00:00Z");
	assert_non_null(sc);
	struct store_data d;
	assert_int_equal(store_load(st, 0, &d), 0);
	assert_string_equal(d.scans[1].state, "interrupted");
	store_data_free(&d);
	/* A commit that fails halfway (the evidence table is gone) writes nothing of the scan. */
	store_scan_asset(sc, "laptop-8", NULL, NULL, "laptop-8", NULL, NULL);
	store_scan_obs(sc, "laptop-8", "pkg.name", "kesl", 4, NULL);
	finding(sc, "laptop-8", "kaspersky", "likely");
	assert_int_equal(st->c.ops->exec(st->c.db, "ALTER TABLE evidence RENAME TO evidence_gone"),
	                 0);
	assert_int_equal(store_scan_commit(sc, NULL, NULL), -1);
	assert_non_null(strstr(store_error(st), "writing findings"));
	assert_int_equal(st->c.ops->exec(st->c.db, "ALTER TABLE evidence_gone RENAME TO evidence"),
	                 0);
	assert_string_equal(q1(st, "SELECT count(*) FROM assets"), "1");
	assert_string_equal(q1(st, "SELECT count(*) FROM findings"), "1");
	assert_string_equal(q1(st, "SELECT count(*) FROM observations"), "2");
	assert_string_equal(q1(st, "SELECT state FROM scans WHERE id = 2"), "failed");
	done(st);
}

static void t_bulk(void **s)
{
	(void)s;
	struct store *st = fresh(STORE_SCHEMA_VERSION);
	struct store_scan *sc = store_scan_begin(st, &info, NULL);
	char name[32], v[64];
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof(name), "host-%d", i);
		store_scan_asset(sc, name, NULL, NULL, name, NULL, NULL);
		store_scan_scope(sc, "asset", name);
		for (int k = 0; k < 5; k++) {
			/* Bytes a wire can carry: tab, newline, backslash, quote. */
			int n = snprintf(v, sizeof(v), "v%d\t\"%d\"\\\n", i, k);
			store_scan_obs(sc, name, "pkg.name", v, (size_t)n, "bulk");
		}
		if (i % 10 == 0)
			finding(sc, name, "kaspersky", "likely");
	}
	struct store_commit_stats cs;
	assert_int_equal(store_scan_commit(sc, NULL, &cs), 0);
	assert_int_equal(cs.new_assets, 2000);
	assert_int_equal(cs.new_findings, 200);
	assert_string_equal(q1(st, "SELECT count(*) FROM observations"), "10000");
	/* A scope of 2,000 assets reads as its first few and a count. */
	struct store_data d;
	assert_int_equal(store_load(st, 0, &d), 0);
	assert_string_equal(d.scans[0].scope, "asset host-0, asset host-1, asset host-10, asset "
	                                      "host-100, asset host-1000 (and 1995 more asset)");
	store_data_free(&d);
	assert_string_equal(q1(st,
	                       "SELECT value FROM observations o JOIN assets a ON a.id = o.asset "
	                       "WHERE a.name = 'host-17' AND value LIKE 'v17%\"3\"%'"),
	                    "v17\t\"3\"\\\n");
	done(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_schema),  cmocka_unit_test(t_scans),   cmocka_unit_test(t_identity),
	    cmocka_unit_test(t_removal), cmocka_unit_test(t_actions), cmocka_unit_test(t_atomic),
	    cmocka_unit_test(t_bulk),
	};
	int rc = cmocka_run_group_tests_name("store on sqlite", tests, NULL, NULL);
	const char *f = getenv("BSW_PG_URL_FILE");
	FILE *uf = f ? fopen(f, "r") : NULL;
	if (uf && fgets(pg_base, sizeof(pg_base), uf)) {
		pg_base[strcspn(pg_base, "\r\n")] = 0;
		on_pg = 1;
		rc |= cmocka_run_group_tests_name("store on postgresql", tests, NULL, NULL);
	} else {
		printf("store on postgresql: skipped (no server: BSW_PG_URL_FILE unset or "
		       "unreadable)\n");
	}
	if (uf)
		fclose(uf);
	return rc;
}
