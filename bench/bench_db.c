/* The SQL layer's bulk paths on one back end: rows per second of copy (COPY on PostgreSQL, a
 * prepared INSERT on SQLite) and of a prepared single-row INSERT run once per row, each in one
 * transaction, and of one-off statements (prepare, run, finalize) outside one.
 *
 *   bench_db URL|PATH [ROWS]     ROWS short observation-like rows (default 1000000)
 *
 * It makes and drops the table bench_obs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bansweep/buf.h"
#include "store/db.h"
#include "util/banned.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(struct dbc *c, const char *what)
{
	fprintf(stderr, "bench_db: %s: %s\n", what, c->ops->error(c->db));
	return 1;
}

/* Row i: scan, asset, key, value, source. */
static void row(long i, char *scan, char *asset, char *value, const char **v)
{
	static const char *const keys[] = {"mac", "ip", "http.server", "dhcp.vendor_class"};
	snprintf(scan, 24, "%d", 1);
	snprintf(asset, 24, "%ld", i / 8);
	snprintf(value, 64, "00:11:22:%02lx:%02lx:%02lx", (i >> 16) & 255, (i >> 8) & 255, i & 255);
	v[0] = scan;
	v[1] = asset;
	v[2] = keys[i % 4];
	v[3] = value;
	v[4] = i % 3 ? "pcap" : NULL;
}

static int reset(struct dbc *c)
{
	return c->ops->exec(c->db, "DROP TABLE IF EXISTS bench_obs; CREATE TABLE bench_obs(scan "
	                           "BIGINT, asset BIGINT, key TEXT, value TEXT, source TEXT)");
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench_db URL|PATH [ROWS]\n");
		return 2;
	}
	long rows = argc == 3 ? strtol(argv[2], NULL, 10) : 1000000;
	if (rows <= 0) {
		fprintf(stderr, "bench_db: ROWS must be positive\n");
		return 2;
	}
	struct dbc c;
	char err[512];
	if (dbc_open(&c, argv[1], err, sizeof(err)) < 0) {
		fprintf(stderr, "bench_db: %s\n", err);
		return 1;
	}
	const struct db_ops *o = c.ops;
	char scan[24], asset[24], value[64];
	const char *v[5];
	static const char *const cols[] = {"scan", "asset", "key", "value", "source"};
	if (reset(&c) < 0)
		return fail(&c, "create");

	double t0 = now();
	if (o->begin_write(c.db) < 0)
		return fail(&c, "begin");
	struct db_copy *cp = o->copy_begin(c.db, "bench_obs", cols, 5);
	if (!cp)
		return fail(&c, "copy");
	for (long i = 0; i < rows; i++) {
		row(i, scan, asset, value, v);
		if (o->copy_row(cp, v) < 0)
			return fail(&c, "copy row");
	}
	if (o->copy_end(cp) < 0 || o->commit(c.db) < 0)
		return fail(&c, "copy end");
	double t = now() - t0;
	printf("%s copy:            %9ld rows in %6.2f s  %10.0f rows/s\n", o->name, rows, t,
	       (double)rows / t);

	if (reset(&c) < 0)
		return fail(&c, "create");
	t0 = now();
	if (o->begin_write(c.db) < 0)
		return fail(&c, "begin");
	struct db_stmt *st = o->prepare(c.db, "INSERT INTO bench_obs(scan, asset, key, value, "
	                                      "source) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return fail(&c, "prepare");
	for (long i = 0; i < rows; i++) {
		row(i, scan, asset, value, v);
		if (o->run(st, 5, v, NULL, NULL) < 0)
			return fail(&c, "insert");
	}
	o->finalize(st);
	if (o->commit(c.db) < 0)
		return fail(&c, "commit");
	t = now() - t0;
	printf("%s prepared insert: %9ld rows in %6.2f s  %10.0f rows/s\n", o->name, rows, t,
	       (double)rows / t);

	long once = rows < 10000 ? rows : 10000;
	t0 = now();
	for (long i = 0; i < once; i++) {
		snprintf(asset, sizeof(asset), "%ld", i);
		const char *p[] = {asset};
		if (dbc_query(&c, "SELECT CAST(? AS BIGINT) + 1", 1, p, NULL, NULL) < 0)
			return fail(&c, "query");
	}
	t = now() - t0;
	printf("%s one-off query:   %9ld in      %6.2f s  %10.0f /s\n", o->name, once, t,
	       (double)once / t);

	o->exec(c.db, "DROP TABLE bench_obs");
	dbc_close(&c);
	return 0;
}
