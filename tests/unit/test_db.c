/* The SQL layer's contract (src/store/db.h), run against every back end there is: SQLite on a
 * file of a temporary directory, and PostgreSQL when BSW_PG_URL_FILE names a file holding the
 * URL of a server (ctest's pg.start makes a throwaway one). A back end that is not there is
 * skipped with a note; the program exits 77 when none was. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit/cm.h"

#include "bansweep/buf.h"
#include "store/db.h"

static struct dbc C; /* the back end under test */

static int is_pg(void)
{
	return strcmp(C.ops->name, "postgresql") == 0;
}

/* --- helpers --- */

/* Runs schema text with @PK@ spelled the back end's way, as the store does. */
static int exec_pk(struct dbc *c, const char *sql)
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
		buf_adds(&b, c->ops->pk);
		p = t + 4;
	}
	int rc = c->ops->exec(c->db, b.data);
	if (rc < 0)
		print_error("%s: %s\n", sql, c->ops->error(c->db));
	buf_release(&b);
	return rc;
}

/* Every row of a result, copied: v[row * ncol + col], NULL for SQL NULL. */
struct rows {
	size_t n, cap;
	int ncol;
	char **v;
};

static int collect(void *ctx, int ncol, const char *const *col)
{
	struct rows *r = ctx;
	if (r->n == 0)
		r->ncol = ncol;
	assert_int_equal(ncol, r->ncol);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->v = xrealloc(r->v, r->cap * (size_t)ncol * sizeof(*r->v));
	}
	for (int i = 0; i < ncol; i++)
		r->v[r->n * (size_t)ncol + (size_t)i] = col[i] ? xstrdup(col[i]) : NULL;
	r->n++;
	return 0;
}

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n * (size_t)r->ncol; i++)
		free(r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static const char *cell(const struct rows *r, size_t row, int col)
{
	assert_true(row < r->n && col < r->ncol);
	return r->v[row * (size_t)r->ncol + (size_t)col];
}

/* Runs a one-off query into r (emptied first); asserts success. */
static void query(const char *sql, int n, const char *const *p, struct rows *r)
{
	rows_free(r);
	int rc = dbc_query(&C, sql, n, p, collect, r);
	if (rc != 0)
		print_error("%s: %s\n", sql, C.ops->error(C.db));
	assert_int_equal(rc, 0);
}

/* The single value of a one-row, one-column query. */
static char *scalar(const char *sql, int n, const char *const *p)
{
	struct rows r = {0};
	query(sql, n, p, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.ncol, 1);
	char *v = r.v[0] ? xstrdup(r.v[0]) : NULL;
	rows_free(&r);
	return v;
}

static long count(const char *table)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	char *v = scalar(sql, 0, NULL);
	long n = strtol(v, NULL, 10);
	free(v);
	return n;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- the contract --- */

/* DDL with @PK@, inserts with parameters and RETURNING, NULL both ways. */
static void t_ddl_returning_null(void **state)
{
	(void)state;
	assert_int_equal(exec_pk(&C,
	                         "DROP TABLE IF EXISTS dbt_items;"
	                         "CREATE TABLE dbt_items(id @PK@, name TEXT NOT NULL, note TEXT,"
	                         " n BIGINT)"),
	                 0);
	const char *ins = "INSERT INTO dbt_items(name, note, n) VALUES (?, ?, ?) RETURNING id";
	const char *a[] = {"hikvision", "DS-2CD2143G0-I", "5"};
	char *id = scalar(ins, 3, a);
	assert_string_equal(id, "1");
	free(id);
	const char *b[] = {"dahua", NULL, NULL};
	id = scalar(ins, 3, b);
	assert_string_equal(id, "2");
	free(id);

	struct rows r = {0};
	query("SELECT id, name, note, n FROM dbt_items ORDER BY id", 0, NULL, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.ncol, 4);
	assert_string_equal(cell(&r, 0, 0), "1");
	assert_string_equal(cell(&r, 0, 1), "hikvision");
	assert_string_equal(cell(&r, 0, 2), "DS-2CD2143G0-I");
	assert_string_equal(cell(&r, 0, 3), "5");
	assert_string_equal(cell(&r, 1, 1), "dahua");
	assert_null(cell(&r, 1, 2));
	assert_null(cell(&r, 1, 3));

	/* A NULL parameter comes back NULL; an empty string stays an empty string. */
	const char *p[] = {"x", NULL, ""};
	query("SELECT ?, ?, ?", 3, p, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(cell(&r, 0, 0), "x");
	assert_null(cell(&r, 0, 1));
	assert_string_equal(cell(&r, 0, 2), "");
	const char *two[] = {"2"};
	query("SELECT name FROM dbt_items WHERE note IS NULL AND id = ?", 1, two, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(cell(&r, 0, 0), "dahua");
	rows_free(&r);
}

/* '?' in string constants, quoted identifiers and comments is text, not a placeholder. */
static void t_question_marks(void **state)
{
	(void)state;
	struct rows r = {0};
	const char *p[] = {"param", "second"};
	query("SELECT 'what?' AS \"why?\", 'it''s ?' /* a ? here */, ? -- and ? there\n, ?", 2, p,
	      &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.ncol, 4);
	assert_string_equal(cell(&r, 0, 0), "what?");
	assert_string_equal(cell(&r, 0, 1), "it's ?");
	assert_string_equal(cell(&r, 0, 2), "param");
	assert_string_equal(cell(&r, 0, 3), "second");
	if (is_pg()) {
		/* PostgreSQL's other string constants and nested comments. */
		query("SELECT E'a\\'?', $$b?$$, $t$c?'$t$, U&'d?' /* x /* ? */ ? */, ?", 1, p, &r);
		assert_int_equal(r.ncol, 5);
		assert_string_equal(cell(&r, 0, 0), "a'?");
		assert_string_equal(cell(&r, 0, 1), "b?");
		assert_string_equal(cell(&r, 0, 2), "c?'");
		assert_string_equal(cell(&r, 0, 3), "d?");
		assert_string_equal(cell(&r, 0, 4), "param");
	}
	rows_free(&r);
}

/* Rolled back rows are gone, committed ones stay. */
static void t_transactions(void **state)
{
	(void)state;
	const struct db_ops *o = C.ops;
	assert_int_equal(exec_pk(&C, "DROP TABLE IF EXISTS dbt_tx;"
	                             "CREATE TABLE dbt_tx(id @PK@, v TEXT)"),
	                 0);
	const char *v[] = {"kept"};
	assert_int_equal(o->begin_write(C.db), 0);
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_tx(v) VALUES (?)", 1, v, NULL, NULL), 0);
	assert_int_equal(o->commit(C.db), 0);
	const char *w[] = {"gone"};
	assert_int_equal(o->begin_write(C.db), 0);
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_tx(v) VALUES (?)", 1, w, NULL, NULL), 0);
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_tx(v) VALUES (?)", 1, w, NULL, NULL), 0);
	assert_int_equal(count("dbt_tx"), 3); /* the transaction sees its own rows */
	o->rollback(C.db);
	assert_int_equal(count("dbt_tx"), 1);
	char *s = scalar("SELECT v FROM dbt_tx", 0, NULL);
	assert_string_equal(s, "kept");
	free(s);
	/* A second begin_write inside a transaction is an error, not a nested one. */
	assert_int_equal(o->begin_write(C.db), 0);
	assert_int_equal(o->begin_write(C.db), -1);
	o->rollback(C.db);
	o->rollback(C.db); /* harmless outside a transaction */
}

/* The value row i of the copy test is given, and the one it must come back as; accepts is the
 * raw value again for back ends that store bytes as they are (SQLite). */
static const char *copy_value(size_t i, const char **fixed)
{
	static const char *const v[][2] = {
	    {"plain", NULL},
	    {"tab\there\t", NULL},
	    {"line\nbreak\r\nend\n", NULL},
	    {"back\\slash \\N \\t \\", NULL},
	    {NULL, NULL},
	    {"bad \xff\xfe end", "bad \xef\xbf\xbd\xef\xbf\xbd end"},
	    {"cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd"},
	    {"\\.", NULL},
	    {"", NULL},
	    {"Zhejiang \xe5\xa4\xa7\xe5\x8d\x8e \xc0\xaf \xed\xa0\x80",
	     "Zhejiang \xe5\xa4\xa7\xe5\x8d\x8e \xef\xbf\xbd\xef\xbf\xbd "
	     "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	};
	size_t k = i % (sizeof(v) / sizeof(*v));
	*fixed = v[k][1] ? v[k][1] : v[k][0];
	return v[k][0];
}

#define NCOPY 10000

/* 10,000 rows through copy (and one value of 300 KiB), read back exactly. */
static void t_copy(void **state)
{
	(void)state;
	const struct db_ops *o = C.ops;
	assert_int_equal(exec_pk(&C, "DROP TABLE IF EXISTS dbt_copy;"
	                             "CREATE TABLE dbt_copy(k BIGINT, v TEXT, w TEXT)"),
	                 0);
	char *big = xmalloc(300 * 1024 + 1);
	for (size_t i = 0; i < 300 * 1024; i++)
		big[i] = "ab\tc\\d\n"[i % 7];
	big[300 * 1024] = 0;

	const char *cols[] = {"k", "v", "w"};
	assert_int_equal(o->begin_write(C.db), 0);
	struct db_copy *cp = o->copy_begin(C.db, "dbt_copy", cols, 3);
	if (!cp)
		print_error("copy_begin: %s\n", o->error(C.db));
	assert_non_null(cp);
	for (size_t i = 0; i <= NCOPY; i++) {
		char k[24], w[32];
		snprintf(k, sizeof(k), "%zu", i);
		snprintf(w, sizeof(w), "w%zu", i);
		const char *fixed;
		const char *vals[] = {k, i == NCOPY ? big : copy_value(i, &fixed),
		                      i % 7 == 3 ? NULL : w};
		assert_int_equal(o->copy_row(cp, vals), 0);
	}
	int rc = o->copy_end(cp);
	if (rc)
		print_error("copy_end: %s\n", o->error(C.db));
	assert_int_equal(rc, 0);
	assert_int_equal(o->commit(C.db), 0);

	struct rows r = {0};
	query("SELECT k, v, w FROM dbt_copy ORDER BY k", 0, NULL, &r);
	assert_int_equal(r.n, NCOPY + 1);
	for (size_t i = 0; i < NCOPY; i++) {
		char k[24], w[32];
		snprintf(k, sizeof(k), "%zu", i);
		snprintf(w, sizeof(w), "w%zu", i);
		assert_string_equal(cell(&r, i, 0), k);
		const char *fixed, *raw = copy_value(i, &fixed);
		const char *got = cell(&r, i, 1);
		if (!raw) {
			assert_null(got);
		} else {
			assert_non_null(got);
			/* PostgreSQL must replace bytes that are not UTF-8; SQLite may keep them.
			 */
			if (is_pg() || strcmp(got, raw) != 0)
				assert_string_equal(got, fixed);
		}
		if (i % 7 == 3)
			assert_null(cell(&r, i, 2));
		else
			assert_string_equal(cell(&r, i, 2), w);
	}
	assert_string_equal(cell(&r, NCOPY, 1), big);
	rows_free(&r);
	free(big);

	/* Parameters that are not UTF-8, likewise. */
	const char *fixed, *raw = copy_value(5, &fixed);
	const char *p[] = {raw};
	char *got = scalar("SELECT ?", 1, p);
	if (is_pg() || strcmp(got, raw) != 0)
		assert_string_equal(got, fixed);
	free(got);
}

struct counter {
	int n, stop_at;
};

static int count_rows(void *ctx, int ncol, const char *const *col)
{
	(void)ncol;
	(void)col;
	struct counter *c = ctx;
	return ++c->n == c->stop_at ? 7 : 0;
}

/* A statement prepared once and run many times, with rows and without; a callback that stops. */
static void t_prepared(void **state)
{
	(void)state;
	const struct db_ops *o = C.ops;
	assert_int_equal(exec_pk(&C, "DROP TABLE IF EXISTS dbt_prep;"
	                             "CREATE TABLE dbt_prep(id @PK@, name TEXT, n BIGINT)"),
	                 0);
	assert_int_equal(o->begin_write(C.db), 0);
	struct db_stmt *ins = o->prepare(C.db, "INSERT INTO dbt_prep(name, n) VALUES (?, ?)");
	assert_non_null(ins);
	for (int i = 0; i < 1000; i++) {
		char name[32], n[16];
		snprintf(name, sizeof(name), "row %d", i);
		snprintf(n, sizeof(n), "%d", i % 100);
		const char *p[] = {name, n};
		assert_int_equal(o->run(ins, 2, p, NULL, NULL), 0);
	}
	o->finalize(ins);
	assert_int_equal(o->commit(C.db), 0);
	assert_int_equal(count("dbt_prep"), 1000);

	struct db_stmt *sel = o->prepare(C.db, "SELECT name FROM dbt_prep WHERE n = ? ORDER BY id");
	assert_non_null(sel);
	for (int i = 0; i < 100; i++) {
		char n[16], first[32];
		snprintf(n, sizeof(n), "%d", i);
		snprintf(first, sizeof(first), "row %d", i);
		const char *p[] = {n};
		struct rows r = {0};
		assert_int_equal(o->run(sel, 1, p, collect, &r), 0);
		assert_int_equal(r.n, 10);
		assert_string_equal(cell(&r, 0, 0), first);
		rows_free(&r);
	}
	/* The callback's non-zero return stops the rows and is returned; the statement runs on. */
	const char *p[] = {"42"};
	struct counter c = {0, 3};
	assert_int_equal(o->run(sel, 1, p, count_rows, &c), 7);
	assert_int_equal(c.n, 3);
	c = (struct counter){0, 0};
	assert_int_equal(o->run(sel, 1, p, count_rows, &c), 0);
	assert_int_equal(c.n, 10);
	o->finalize(sel);
}

/* Errors are -1 with a message naming the problem, and the connection goes on working. */
static void t_errors(void **state)
{
	(void)state;
	const struct db_ops *o = C.ops;
	assert_int_equal(dbc_query(&C, "SELEC 1", 0, NULL, NULL, NULL), -1);
	assert_non_null(strstr(o->error(C.db), "syntax"));
	assert_int_equal(dbc_query(&C, "SELECT x FROM dbt_nosuch", 0, NULL, NULL, NULL), -1);
	assert_non_null(strstr(o->error(C.db), "dbt_nosuch"));
	assert_int_equal(o->exec(C.db, "CREATE TABLE dbt_bad(("), -1);
	assert_true(strlen(o->error(C.db)) > 0);
	const char *cols[] = {"a"};
	assert_null(o->copy_begin(C.db, "dbt_nosuch", cols, 1));
	assert_non_null(strstr(o->error(C.db), "dbt_nosuch"));
	char *one = scalar("SELECT 1", 0, NULL);
	assert_string_equal(one, "1");
	free(one);

	/* A failure inside a transaction: rolled back, its rows gone, the connection usable. */
	assert_int_equal(exec_pk(&C, "DROP TABLE IF EXISTS dbt_err;"
	                             "CREATE TABLE dbt_err(id @PK@, v BIGINT UNIQUE)"),
	                 0);
	const char *v[] = {"1"};
	assert_int_equal(o->begin_write(C.db), 0);
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_err(v) VALUES (?)", 1, v, NULL, NULL), 0);
	struct db_stmt *st = o->prepare(C.db, "INSERT INTO dbt_err(v) VALUES (?)");
	assert_non_null(st);
	assert_int_equal(o->run(st, 1, v, NULL, NULL), -1); /* UNIQUE */
	assert_true(strlen(o->error(C.db)) > 0);
	o->finalize(st);
	if (is_pg()) {
		/* PostgreSQL: the whole transaction failed, and COMMIT says so rather than rolling
		 * back in silence. */
		assert_int_equal(o->commit(C.db), -1);
		assert_non_null(strstr(o->error(C.db), "rolled back"));
	} else
		o->rollback(C.db);
	assert_int_equal(count("dbt_err"), 0);
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_err(v) VALUES (?)", 1, v, NULL, NULL), 0);
	assert_int_equal(count("dbt_err"), 1);

	if (is_pg()) {
		/* A COPY the server refuses midway fails at copy_end with the server's reason. */
		const char *c2[] = {"v"};
		assert_int_equal(o->begin_write(C.db), 0);
		struct db_copy *cp = o->copy_begin(C.db, "dbt_err", c2, 1);
		assert_non_null(cp);
		const char *good[] = {"2"}, *bad[] = {"not a number"};
		assert_int_equal(o->copy_row(cp, good), 0);
		assert_int_equal(o->copy_row(cp, bad), 0);
		assert_int_equal(o->copy_end(cp), -1);
		assert_non_null(strstr(o->error(C.db), "bigint"));
		o->rollback(C.db);
		/* COPY through exec fails and leaves the connection usable. */
		assert_int_equal(o->exec(C.db, "COPY dbt_err (v) FROM STDIN"), -1);
		assert_int_equal(o->exec(C.db, "COPY dbt_err (v) TO STDOUT"), -1);
		assert_int_equal(count("dbt_err"), 1);
		/* Parameters must match the placeholders. */
		assert_int_equal(dbc_query(&C, "SELECT ?", 2, v, NULL, NULL), -1);
		assert_non_null(strstr(o->error(C.db), "parameters"));
	}
}

/* Writers are serialised: a second begin_write waits for the first writer's commit. */
struct writer {
	struct dbc *c;
	double t0, t1;
	int rc;
};

static void *second_writer(void *arg)
{
	struct writer *w = arg;
	w->t0 = now();
	w->rc = w->c->ops->begin_write(w->c->db);
	w->t1 = now();
	if (w->rc == 0) {
		const char *v[] = {"second"};
		if (dbc_query(w->c, "INSERT INTO dbt_lock(v) VALUES (?)", 1, v, NULL, NULL) < 0 ||
		    w->c->ops->commit(w->c->db) < 0)
			w->rc = -1;
	}
	return NULL;
}

static char url[4096]; /* of the back end under test */

static void t_writers(void **state)
{
	(void)state;
	const struct db_ops *o = C.ops;
	assert_int_equal(exec_pk(&C, "DROP TABLE IF EXISTS dbt_lock;"
	                             "CREATE TABLE dbt_lock(id @PK@, v TEXT)"),
	                 0);
	struct dbc c2;
	char err[512];
	assert_int_equal(dbc_open(&c2, url, err, sizeof(err)), 0);

	assert_int_equal(o->begin_write(C.db), 0);
	const char *v[] = {"first"};
	assert_int_equal(dbc_query(&C, "INSERT INTO dbt_lock(v) VALUES (?)", 1, v, NULL, NULL), 0);
	struct writer w = {.c = &c2};
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, second_writer, &w), 0);
	usleep(400 * 1000);
	double tc = now();
	assert_int_equal(o->commit(C.db), 0);
	pthread_join(th, NULL);
	assert_int_equal(w.rc, 0);
	/* The second writer got its transaction only after the first committed. */
	assert_true(w.t1 >= tc);
	assert_true(w.t1 - w.t0 >= 0.3);
	dbc_close(&c2);

	struct rows r = {0};
	query("SELECT v FROM dbt_lock ORDER BY id", 0, NULL, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(cell(&r, 0, 0), "first");
	assert_string_equal(cell(&r, 1, 0), "second");
	rows_free(&r);
}

static int open_target(void **state)
{
	(void)state;
	char err[512];
	if (dbc_open(&C, url, err, sizeof(err)) < 0) {
		print_error("%s\n", err);
		return -1;
	}
	return 0;
}

static int close_target(void **state)
{
	(void)state;
	C.ops->exec(C.db, "DROP TABLE IF EXISTS dbt_items; DROP TABLE IF EXISTS dbt_tx;"
	                  "DROP TABLE IF EXISTS dbt_copy; DROP TABLE IF EXISTS dbt_prep;"
	                  "DROP TABLE IF EXISTS dbt_err; DROP TABLE IF EXISTS dbt_lock");
	dbc_close(&C);
	return 0;
}

/* A test that failed halfway may have left its transaction open: the next starts afresh. */
static int fresh(void **state)
{
	(void)state;
	C.ops->rollback(C.db);
	return 0;
}

static const struct CMUnitTest contract[] = {
    cmocka_unit_test_setup(t_ddl_returning_null, fresh),
    cmocka_unit_test_setup(t_question_marks, fresh),
    cmocka_unit_test_setup(t_transactions, fresh),
    cmocka_unit_test_setup(t_copy, fresh),
    cmocka_unit_test_setup(t_prepared, fresh),
    cmocka_unit_test_setup(t_errors, fresh),
    cmocka_unit_test_setup(t_writers, fresh),
};

/* --- the PostgreSQL back end without a server --- */

static void t_pg_accepts(void **state)
{
	(void)state;
	assert_true(db_pg_ops.accepts("postgresql://u@127.0.0.1/db"));
	assert_true(db_pg_ops.accepts("postgres://127.0.0.1:5433/db"));
	assert_false(db_pg_ops.accepts("/var/lib/bansweep/store.db"));
	assert_false(db_pg_ops.accepts("postgresql:relative"));
	assert_false(db_pg_ops.accepts("store.postgres://x"));
}

/* A connection that fails names the URL without its password, wherever libpq quoted it. Only
 * 127.0.0.1 port 1 (nothing listens there) or URLs libpq refuses before connecting. */
static void t_pg_password_hidden(void **state)
{
	(void)state;
	static const char *const urls[] = {
	    "postgresql://bsw:s3cr3t-pw@127.0.0.1:1/bansweep?connect_timeout=2",
	    "postgres://bsw:s3cr3t%2Dpw@127.0.0.1:1/bansweep",
	    "postgresql://bsw@127.0.0.1:1/bansweep?password=s3cr3t-pw&connect_timeout=2",
	    "postgresql://bsw:s3cr3t-pw@[::1/bansweep", /* malformed: libpq quotes the URL */
	    "postgresql://bsw:s3cr3t-pw@127.0.0.1:1/bansweep?nosuchoption=1",
	    "postgresql://bsw@127.0.0.1:1/bansweep?pass%77ord=s3cr3t-pw&connect_timeout=2",
	    "postgresql://bsw:s3cr3t%zz@127.0.0.1:1/bansweep", /* libpq quotes the bad token */
	    "", /* a long password in a malformed URL, made below */
	};
	char long_url[600];
	int len = snprintf(long_url, sizeof(long_url), "postgresql://bsw:s3cr3t");
	while (len < 400)
		long_url[len++] = 'x';
	snprintf(long_url + len, sizeof(long_url) - (size_t)len, "@[::1/bansweep");
	for (size_t i = 0; i < sizeof(urls) / sizeof(*urls); i++) {
		struct dbc c;
		char err[1024];
		const char *u = *urls[i] ? urls[i] : long_url;
		assert_int_equal(dbc_open(&c, u, err, sizeof(err)), -1);
		assert_null(c.db);
		print_message("%s\n", err);
		assert_null(strstr(err, "s3cr3t"));
		assert_non_null(strstr(err, "bsw"));
		assert_true(strncmp(err, "postgres", 8) == 0);
	}
}

static const struct CMUnitTest pg_offline[] = {
    cmocka_unit_test(t_pg_accepts),
    cmocka_unit_test(t_pg_password_hidden),
};

/* --- the back ends there are --- */

/* The PostgreSQL server's URL, from the file BSW_PG_URL_FILE names; 0 when there is none. */
static int pg_url(char *out, size_t n)
{
	const char *file = getenv("BSW_PG_URL_FILE");
	if (!file || !*file) {
		printf("note: BSW_PG_URL_FILE not set: PostgreSQL skipped\n");
		return 0;
	}
	FILE *f = fopen(file, "r");
	if (!f) {
		printf("note: %s: no PostgreSQL server (pg.start skipped?): PostgreSQL skipped\n",
		       file);
		return 0;
	}
	int ok = fgets(out, (int)n, f) != NULL;
	fclose(f);
	out[strcspn(out, "\r\n")] = 0;
	return ok && *out;
}

int main(void)
{
	int failed = cmocka_run_group_tests_name("db.postgresql-offline", pg_offline, NULL, NULL);
	int ran = 0;

	/* SQLite, on a file of a directory of our own. */
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/bsw-test-db.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	snprintf(url, sizeof(url), "%s/store.db", dir);
	struct dbc probe;
	char err[512] = "";
	if (dbc_open(&probe, url, err, sizeof(err)) == 0 &&
	    strcmp(probe.ops->name, "sqlite") == 0) {
		dbc_close(&probe);
		failed +=
		    cmocka_run_group_tests_name("db.sqlite", contract, open_target, close_target);
		ran++;
	} else {
		dbc_close(&probe);
		printf("note: no SQLite back end (%s): SQLite skipped\n", err);
	}
	static const char *const files[] = {"store.db", "store.db-wal", "store.db-shm"};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char path[600];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);

	if (pg_url(url, sizeof(url))) {
		failed += cmocka_run_group_tests_name("db.postgresql", contract, open_target,
		                                      close_target);
		ran++;
	}
	if (!ran && !failed) {
		printf("note: no back end to test\n");
		return 77;
	}
	return failed ? 1 : 0;
}
