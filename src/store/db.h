/* The SQL layer under the store: one small interface that the SQLite and PostgreSQL back ends
 * implement (src/store/backends.def), so that the store's schema, queries and behaviour are
 * written once (src/store/store*.c).
 *
 * SQL handed to this layer uses '?' placeholders; the PostgreSQL back end numbers them ($1..).
 * Every parameter and every result column is text (NULL allowed; text that is not valid UTF-8 is
 * stored with each bad byte as U+FFFD): both engines convert text to
 * the column's type on the way in, and the store converts numbers itself on the way out.
 * Schema text may contain the token @PK@ (an auto-numbered BIGINT primary key), which each
 * back end replaces with its own spelling. */
#ifndef BS_STORE_DB_H
#define BS_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;
struct db_copy;

/* A result row: ncol columns, each NUL-terminated text or NULL. Valid during the callback. */
typedef int (*db_row_fn)(void *ctx, int ncol, const char *const *col);

struct db_ops {
	const char *name; /* "sqlite", "postgresql" */
	/* 1 when url names a store of this back end. */
	int (*accepts)(const char *url);
	/* Opens a connection; NULL with a message in err. */
	struct db *(*open)(const char *url, char *err, size_t errlen);
	void (*close)(struct db *db);
	/* The back end's spelling of @PK@. */
	const char *pk;
	/* Runs SQL without parameters (several statements allowed). 0 or -1. */
	int (*exec)(struct db *db, const char *sql);
	/* Starts a transaction that writes: writers are serialised (SQLite: BEGIN IMMEDIATE with
	 * the busy timeout; PostgreSQL: BEGIN and a transaction-level advisory lock). */
	int (*begin_write)(struct db *db);
	int (*commit)(struct db *db);
	void (*rollback)(struct db *db);
	/* A statement prepared once and run many times. */
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	/* Runs st with n NUL-terminated text parameters (NULL = SQL NULL). Calls fn per row
	 * (fn returning non-zero stops and is returned). -1 on error. */
	int (*run)(struct db_stmt *st, int n, const char *const *p, db_row_fn fn, void *ctx);
	void (*finalize)(struct db_stmt *st);
	/* Bulk insert of rows into table(cols) inside the current transaction: PostgreSQL COPY,
	 * SQLite a prepared INSERT. Values are text or NULL. */
	struct db_copy *(*copy_begin)(struct db *db, const char *table, const char *const *cols,
	                              int ncol);
	int (*copy_row)(struct db_copy *cp, const char *const *vals);
	int (*copy_end)(struct db_copy *cp); /* 0 or -1; frees cp either way */
	/* The last error's message (owned by db). */
	const char *(*error)(struct db *db);
};

/* A connection together with its back end. */
struct dbc {
	const struct db_ops *ops;
	struct db *db;
};

/* The back ends (backends.def). */
extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Opens url with the back end that accepts it. -1 with err filled. */
int dbc_open(struct dbc *c, const char *url, char *err, size_t errlen);
void dbc_close(struct dbc *c);

/* Convenience over ops->prepare/run/finalize for one-off statements. */
int dbc_query(struct dbc *c, const char *sql, int n, const char *const *p, db_row_fn fn, void *ctx);

#endif
