/* The SQLite back end (the default store: one file). WAL, so that readers never block the one
 * writer and a killed process leaves the last committed state; synchronous=NORMAL, which in WAL
 * mode loses no committed transaction on a process crash (only on power loss, and then never
 * corrupts); a busy timeout long enough for another scan's commit to finish. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "store/db.h"
#include "util/banned.h"

#define BUSY_MS 120000

struct db {
	sqlite3 *h;
	char *path;
	char err[512];
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *st;
};

struct db_copy {
	struct db_stmt *ins;
	int ncol;
};

static int sl_accepts(const char *url)
{
	/* The fallback back end: a path. */
	(void)url;
	return 1;
}

static void set_err(struct db *db, const char *what)
{
	snprintf(db->err, sizeof(db->err), "%s: %s%s%s", db->path, what ? what : "",
	         what ? ": " : "", sqlite3_errmsg(db->h));
}

static int pragma(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		set_err(db, sql);
		return -1;
	}
	return 0;
}

static void sl_close(struct db *db)
{
	if (!db)
		return;
	sqlite3_close_v2(db->h);
	free(db->path);
	free(db);
}

static struct db *sl_open(const char *url, char *err, size_t errlen)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(url);
	int rc = sqlite3_open_v2(url, &db->h,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                         NULL); /* one thread per connection: no locking per call */
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", url,
		         db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sl_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* journal_mode answers with a row; exec ignores it. A file that is not a database fails
	 * here with "file is not a database". */
	if (pragma(db, "PRAGMA journal_mode=WAL") < 0 ||
	    pragma(db, "PRAGMA synchronous=NORMAL") < 0 ||
	    pragma(db, "PRAGMA foreign_keys=ON") < 0) {
		snprintf(err, errlen, "%s", db->err);
		sl_close(db);
		return NULL;
	}
	return db;
}

static int sl_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->err, sizeof(db->err), "%s: %s", db->path, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int sl_begin_write(struct db *db)
{
	return sl_exec(db, "BEGIN IMMEDIATE");
}

static int sl_commit(struct db *db)
{
	return sl_exec(db, "COMMIT");
}

static void sl_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

static struct db_stmt *sl_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		set_err(db, NULL);
		return NULL;
	}
	struct db_stmt *s = xcalloc(1, sizeof(*s));
	s->db = db;
	s->st = st;
	return s;
}

static int sl_run(struct db_stmt *s, int n, const char *const *p, db_row_fn fn, void *ctx)
{
	sqlite3_stmt *st = s->st;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < n; i++) {
		int rc;
		size_t len = p[i] ? strlen(p[i]) : 0;
		if (!p[i]) {
			rc = sqlite3_bind_null(st, i + 1);
		} else if (bs_utf8_valid(p[i], len)) {
			rc = sqlite3_bind_text(st, i + 1, p[i], (int)len, SQLITE_STATIC);
		} else {
			struct buf b;
			buf_init(&b, 0);
			bs_utf8_fix(&b, p[i], len);
			rc = sqlite3_bind_text(st, i + 1, b.data, (int)b.len, SQLITE_TRANSIENT);
			buf_release(&b);
		}
		if (rc != SQLITE_OK) {
			set_err(s->db, "bind");
			return -1;
		}
	}
	const char *cols[64];
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!fn)
			continue;
		int nc = sqlite3_column_count(st);
		if (nc > 64)
			nc = 64;
		for (int i = 0; i < nc; i++)
			cols[i] = (const char *)sqlite3_column_text(st, i);
		int r = fn(ctx, nc, cols);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	if (rc != SQLITE_DONE) {
		set_err(s->db, NULL);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static void sl_finalize(struct db_stmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->st);
	free(s);
}

static struct db_copy *sl_copy_begin(struct db *db, const char *table, const char *const *cols,
                                     int ncol)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "INSERT INTO %s(", table);
	for (int i = 0; i < ncol; i++)
		buf_printf(&sql, "%s%s", i ? "," : "", cols[i]);
	buf_adds(&sql, ") VALUES(");
	for (int i = 0; i < ncol; i++)
		buf_adds(&sql, i ? ",?" : "?");
	buf_addc(&sql, ')');
	struct db_stmt *ins = sl_prepare(db, sql.data);
	buf_release(&sql);
	if (!ins)
		return NULL;
	struct db_copy *cp = xcalloc(1, sizeof(*cp));
	cp->ins = ins;
	cp->ncol = ncol;
	return cp;
}

static int sl_copy_row(struct db_copy *cp, const char *const *vals)
{
	return sl_run(cp->ins, cp->ncol, vals, NULL, NULL);
}

static int sl_copy_end(struct db_copy *cp)
{
	sl_finalize(cp->ins);
	free(cp);
	return 0;
}

static const char *sl_error(struct db *db)
{
	return db->err;
}

const struct db_ops db_sqlite_ops = {
    .name = "sqlite",
    .accepts = sl_accepts,
    .open = sl_open,
    .close = sl_close,
    .pk = "INTEGER PRIMARY KEY",
    .exec = sl_exec,
    .begin_write = sl_begin_write,
    .commit = sl_commit,
    .rollback = sl_rollback,
    .prepare = sl_prepare,
    .run = sl_run,
    .finalize = sl_finalize,
    .copy_begin = sl_copy_begin,
    .copy_row = sl_copy_row,
    .copy_end = sl_copy_end,
    .error = sl_error,
};
