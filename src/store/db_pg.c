/* The PostgreSQL back end (a store shared by several hosts or users), through libpq.
 *
 * One connection per struct db, blocking calls. Statements are prepared on the server under a
 * generated name, parameters and results travel as text. Writers are serialised by a
 * transaction-level advisory lock taken right after BEGIN, the counterpart of SQLite's BEGIN
 * IMMEDIATE. Bulk inserts are COPY ... FROM STDIN in text format, sent in chunks of 64 KiB.
 *
 * PostgreSQL refuses text that is not valid UTF-8, and values from the wire may not be: such
 * values have each bad byte replaced by U+FFFD (as the JSON writer does), valid ones pass
 * untouched. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "store/db.h"
#include "util/banned.h"

/* The key of the advisory lock writers take: "bansweep" in ASCII, as a BIGINT. Advisory locks
 * are per database, so stores in different databases of one server do not wait for each other. */
#define WRITE_LOCK_KEY "7089068730661299568"
/* How long a writer waits for another one, as SQLite's busy timeout does. */
#define WRITE_WAIT "120s"
/* COPY data is handed to libpq in pieces of about this size, not row by row. */
#define COPY_CHUNK (64 * 1024)
/* A field of PostgreSQL holds at most 1 GiB; escaped, a COPY chunk may be twice that. */
#define COPY_LIMIT ((size_t)1 << 31)

struct db {
	PGconn *conn;
	unsigned long nstmt; /* for statement names */
	/* DEALLOCATEs of statements finalised while the transaction had failed (the server refuses
	 * every command then); sent when the transaction ends. */
	struct buf dead;
	char err[2048];
};

struct db_stmt {
	struct db *db;
	int nparam;
	char name[32];
};

struct db_copy {
	struct db *db;
	int ncol;
	int failed;  /* a row was refused: the COPY is aborted at copy_end */
	int own_err; /* ... and db->err says why (not the server) */
	struct buf out;
	struct buf fix;
};

/* Error messages end with a newline (and may hold several lines: DETAIL, HINT, LINE). */
static void set_err(struct db *db, const char *msg)
{
	size_t n =
	    bs_strlcpy(db->err, msg && *msg ? msg : "unknown PostgreSQL error", sizeof(db->err));
	if (n >= sizeof(db->err))
		n = sizeof(db->err) - 1;
	while (n > 0 && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = 0;
}

static void set_err_res(struct db *db, const PGresult *res)
{
	const char *msg = res ? PQresultErrorMessage(res) : "";
	set_err(db, *msg ? msg : PQerrorMessage(db->conn));
}

/* Is the command's result a success (with or without rows)? */
static int res_ok(const PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

/* Notices (and warnings) are not printed by a library; errors come back through results. */
static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* --- URLs and passwords --- */

/* The passwords a URL holds, as written and percent-decoded (libpq quotes either). */
struct secrets {
	int n;
	char *s[8];
};

/* Percent-decodes s in place (libpq decodes every part of a URL). */
static void pct_decode(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = bs_hexdigit(r[1])) >= 0 && (lo = bs_hexdigit(r[2])) >= 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else
			*w++ = *r;
	}
	*w = 0;
}

static void secret_add(struct secrets *sec, const char *p, size_t n)
{
	if (!n || sec->n + 2 > 8)
		return;
	char *raw = xstrndup(p, n), *dec = xstrndup(p, n);
	sec->s[sec->n++] = raw;
	pct_decode(dec);
	if (*dec && strcmp(dec, raw) != 0)
		sec->s[sec->n++] = dec;
	else
		free(dec);
}

/* Is the URL parameter name p (n bytes, maybe percent-encoded) one that holds a password? */
static int password_param(const char *p, size_t n)
{
	char k[32];
	if (n >= sizeof(k))
		return 0;
	memcpy(k, p, n);
	k[n] = 0;
	pct_decode(k);
	return strcmp(k, "password") == 0 || strcmp(k, "sslpassword") == 0;
}

/* Writes url to out without its passwords (the user info's, and the password= and sslpassword=
 * parameters), and collects them in sec. The user info ends at the first '@' or '/', as libpq
 * reads it (RFC 3986 URI, libpq's "Connection URIs"). */
static void url_redact(const char *url, struct buf *out, struct secrets *sec)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	buf_add(out, url, (size_t)(p - url));
	size_t ui = strcspn(p, "@/");
	if (p[ui] == '@') {
		size_t colon = strcspn(p, ":@");
		buf_add(out, p, colon);
		buf_addc(out, '@');
		if (colon < ui)
			secret_add(sec, p + colon + 1, ui - colon - 1);
		p += ui + 1;
	}
	size_t q = strcspn(p, "?");
	buf_add(out, p, q);
	if (!p[q])
		return;
	p += q + 1;
	char sep = '?';
	while (*p) {
		size_t n = strcspn(p, "&");
		size_t k = strcspn(p, "=&");
		if (password_param(p, k)) {
			if (k < n)
				secret_add(sec, p + k + 1, n - k - 1);
		} else if (n) {
			buf_addc(out, sep);
			buf_add(out, p, n);
			sep = '&';
		}
		p += n;
		if (*p == '&')
			p++;
	}
}

/* Replaces every occurrence of what in b with with. */
static void replace_all(struct buf *b, const char *what, const char *with)
{
	size_t wn = strlen(what);
	if (!wn || !b->data || !strstr(b->data, what))
		return;
	struct buf o;
	buf_init(&o, 0);
	const char *p = b->data;
	for (const char *t; (t = strstr(p, what)); p = t + wn) {
		buf_add(&o, p, (size_t)(t - p));
		buf_adds(&o, with);
	}
	buf_adds(&o, p);
	buf_release(b);
	*b = o;
}

/* err = "URL: message", with no password of the URL left in either (libpq's messages about a
 * malformed URL quote it whole, or the part it could not read). */
static void open_error(const char *url, const char *msg, char *err, size_t errlen)
{
	struct secrets sec = {0};
	struct buf safe, m;
	buf_init(&safe, 0);
	buf_init(&m, 0);
	url_redact(url, &safe, &sec);
	buf_adds(&m, msg);
	replace_all(&m, url, safe.data ? safe.data : "");
	for (int i = 0; i < sec.n; i++) {
		replace_all(&m, sec.s[i], "***");
		free(sec.s[i]);
	}
	size_t n = m.data ? strlen(m.data) : 0;
	while (n > 0 && (m.data[n - 1] == '\n' || m.data[n - 1] == ' '))
		m.data[--n] = 0;
	snprintf(err, errlen, "%s: %s", safe.data ? safe.data : "", n ? m.data : "cannot connect");
	buf_release(&safe);
	buf_release(&m);
}

/* --- connection --- */

static int pg_accepts(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

static void pg_close(struct db *db)
{
	if (!db)
		return;
	PQfinish(db->conn);
	buf_release(&db->dead);
	free(db);
}

/* A COPY run through exec would leave the connection waiting for data (or sending it): ends
 * it, so that the connection stays usable. */
static void leave_copy(struct db *db, ExecStatusType s)
{
	if (s == PGRES_COPY_IN) {
		PQputCopyEnd(db->conn, "COPY is for copy_begin");
	} else if (s == PGRES_COPY_OUT) {
		char *data;
		while (PQgetCopyData(db->conn, &data, 0) > 0)
			PQfreemem(data);
	} else
		return;
	set_err(db, "COPY cannot be run through exec (copy_begin bulk-inserts)");
	for (PGresult *res; (res = PQgetResult(db->conn));) {
		s = PQresultStatus(res);
		PQclear(res);
		if (s == PGRES_COPY_IN || s == PGRES_COPY_OUT)
			break;
	}
}

static int pg_exec(struct db *db, const char *sql)
{
	PGresult *res = PQexec(db->conn, sql);
	int ok = res_ok(res);
	if (!ok) {
		set_err_res(db, res);
		leave_copy(db, PQresultStatus(res));
	}
	PQclear(res);
	return ok ? 0 : -1;
}

static struct db *pg_open(const char *url, char *err, size_t errlen)
{
	/* Entries before dbname are defaults the URL may override; client_encoding after it is
	 * imposed (every string this layer passes is UTF-8). */
	static const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
	                                   "client_encoding", NULL};
	const char *const vals[] = {"10", "bansweep", url, "UTF8", NULL};
	PGconn *conn = PQconnectdbParams(keys, vals, 1);
	if (!conn) {
		open_error(url, "out of memory", err, errlen);
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		open_error(url, PQerrorMessage(conn), err, errlen);
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, pg_quiet, NULL);
	struct db *db = xcalloc(1, sizeof(*db));
	db->conn = conn;
	buf_init(&db->dead, 0);
	/* The database must take any Unicode text (SQL_ASCII takes bytes as they are). */
	const char *enc = PQparameterStatus(conn, "server_encoding");
	char msg[256];
	if (enc && strcmp(enc, "UTF8") != 0 && strcmp(enc, "SQL_ASCII") != 0) {
		snprintf(msg, sizeof(msg),
		         "the database's encoding is %s; the store needs UTF8 (CREATE DATABASE ... "
		         "ENCODING 'UTF8' TEMPLATE template0)",
		         enc);
		open_error(url, msg, err, errlen);
		pg_close(db);
		return NULL;
	}
	/* The schema uses ON CONFLICT (9.5). */
	if (PQserverVersion(conn) < 90500) {
		snprintf(msg, sizeof(msg), "PostgreSQL %s is too old for the store (9.5 or newer)",
		         PQparameterStatus(conn, "server_version"));
		open_error(url, msg, err, errlen);
		pg_close(db);
		return NULL;
	}
	/* standard_conforming_strings: backslashes in '...' are plain characters, which is what
	 * the placeholder numbering below assumes (and the default since 9.1). */
	if (pg_exec(db, "SET client_min_messages = warning; SET standard_conforming_strings = on") <
	    0) {
		open_error(url, db->err, err, errlen);
		pg_close(db);
		return NULL;
	}
	return db;
}

/* --- transactions --- */

/* Deallocates the statements finalised while the transaction had failed. */
static void flush_dead(struct db *db)
{
	if (!db->dead.len || PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		return;
	PQclear(PQexec(db->conn, db->dead.data));
	buf_reset(&db->dead);
}

static void pg_rollback(struct db *db)
{
	/* Leaves db->err alone: the caller rolls back, then reports what failed. */
	PGTransactionStatusType ts = PQtransactionStatus(db->conn);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
		PQclear(PQexec(db->conn, "ROLLBACK"));
	flush_dead(db);
}

static int pg_begin_write(struct db *db)
{
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE) {
		set_err(db, "cannot start a transaction: one is already open");
		return -1;
	}
	/* lock_timeout bounds every lock wait of the transaction, this one first. */
	PGresult *res = PQexec(db->conn, "BEGIN; SET LOCAL lock_timeout = '" WRITE_WAIT "';"
	                                 " SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")");
	int ok = res_ok(res);
	if (!ok) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (state && strcmp(state, "55P03") == 0) /* lock_not_available */
			set_err(db, "another bansweep has been writing to the store for " WRITE_WAIT
			            "; try again later");
		else
			set_err_res(db, res);
	}
	PQclear(res);
	if (!ok)
		pg_rollback(db);
	return ok ? 0 : -1;
}

static int pg_commit(struct db *db)
{
	PGTransactionStatusType ts = PQtransactionStatus(db->conn);
	if (ts == PQTRANS_IDLE) {
		set_err(db, "cannot commit: no transaction is open");
		return -1;
	}
	PGresult *res = PQexec(db->conn, "COMMIT");
	int rc = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		set_err_res(db, res);
		rc = -1;
	} else if (ts == PQTRANS_INERROR || strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		/* COMMIT of a failed transaction "succeeds" by rolling it back. */
		char msg[sizeof(db->err) + 96];
		snprintf(msg, sizeof(msg),
		         "the transaction was rolled back: a statement in it failed%s%s",
		         db->err[0] ? ": " : "", db->err);
		set_err(db, msg);
		rc = -1;
	}
	PQclear(res);
	flush_dead(db);
	return rc;
}

/* --- statements --- */

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* p at an opening quote q: returns the position after the closing one (a doubled quote is part
 * of the text; with esc, so is a backslash and the character after it). */
static const char *skip_quoted(const char *p, char q, int esc)
{
	for (p++; *p; p++) {
		if (esc && *p == '\\' && p[1])
			p++;
		else if (*p == q && p[1] == q)
			p++;
		else if (*p == q)
			return p + 1;
	}
	return p;
}

/* p at a comment's slash-star: returns the position after its end (comments nest). */
static const char *skip_comment(const char *p)
{
	int depth = 0;
	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			depth++;
			p += 2;
		} else if (p[0] == '*' && p[1] == '/') {
			p += 2;
			if (--depth == 0)
				return p;
		} else
			p++;
	}
	return p;
}

/* p at '$': the length of a dollar-quote tag ($$ or $name$) starting there, or 0. */
static size_t dollar_tag(const char *p)
{
	size_t i = 1;
	if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || p[i] == '_' ||
	      (unsigned char)p[i] >= 0x80 || p[i] == '$'))
		return 0;
	while (p[i] != '$' && ident_char(p[i]))
		i++;
	return p[i] == '$' ? i + 1 : 0;
}

/* Copies sql to out with each '?' placeholder spelled $1, $2, ... Question marks inside string
 * constants ('...', E'...', $tag$...$tag$), quoted identifiers ("...") and comments (-- and
 * nested slash-star) are text, as PostgreSQL's lexer reads them (documentation, "SQL Syntax:
 * Lexical Structure"). Returns the number of placeholders, -1 for too many. */
static int number_params(struct buf *out, const char *sql)
{
	int n = 0;
	for (const char *p = sql; *p;) {
		const char *s = p;
		size_t tag;
		if (*p == '\'') {
			int esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
			          (p - 1 == sql || !ident_char(p[-2]));
			p = skip_quoted(p, '\'', esc);
		} else if (*p == '"') {
			p = skip_quoted(p, '"', 0);
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			p = skip_comment(p);
		} else if (*p == '$' && (p == sql || !ident_char(p[-1])) && (tag = dollar_tag(p))) {
			const char *end = p + tag;
			for (; *end && strncmp(end, p, tag) != 0; end++)
				;
			p = *end ? end + tag : end;
		} else if (*p == '?') {
			if (n == 65535) /* the protocol's limit */
				return -1;
			buf_printf(out, "$%d", ++n);
			p++;
			continue;
		} else if (ident_char(*p)) {
			while (ident_char(*p))
				p++;
		} else {
			p++;
		}
		buf_add(out, s, (size_t)(p - s));
	}
	return n;
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql)
{
	struct buf q;
	buf_init(&q, 0);
	int n = number_params(&q, sql);
	if (n < 0 || !q.data) {
		set_err(db, n < 0 ? "too many parameters in a statement" : "empty statement");
		buf_release(&q);
		return NULL;
	}
	struct db_stmt *st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->nparam = n;
	snprintf(st->name, sizeof(st->name), "bsw_%lu", ++db->nstmt);
	/* No parameter types: the server infers each from where it stands. */
	PGresult *res = PQprepare(db->conn, st->name, q.data, 0, NULL);
	buf_release(&q);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		set_err_res(db, res);
		PQclear(res);
		free(st);
		return NULL;
	}
	PQclear(res);
	return st;
}

static int pg_run(struct db_stmt *st, int n, const char *const *p, db_row_fn fn, void *ctx)
{
	struct db *db = st->db;
	if (n != st->nparam) {
		char msg[96];
		snprintf(msg, sizeof(msg), "statement has %d parameters, %d given", st->nparam, n);
		set_err(db, msg);
		return -1;
	}
	/* Values that are not UTF-8 are replaced by fixed copies; usually there are none. */
	const char **vals = NULL;
	struct buf *fixed = NULL;
	for (int i = 0; i < n; i++) {
		if (!p[i] || bs_utf8_valid(p[i], strlen(p[i])))
			continue;
		if (!vals) {
			vals = xcalloc((size_t)n, sizeof(*vals));
			memcpy(vals, p, (size_t)n * sizeof(*vals));
			fixed = xcalloc((size_t)n, sizeof(*fixed));
		}
		buf_init(&fixed[i], COPY_LIMIT);
		if (bs_utf8_fix(&fixed[i], p[i], strlen(p[i])) < 0 || !fixed[i].data) {
			set_err(db, "parameter too large");
			n = -1;
			break;
		}
		vals[i] = fixed[i].data;
	}
	int rc = 0;
	if (n >= 0) {
		PGresult *res =
		    PQexecPrepared(db->conn, st->name, n, vals ? vals : p, NULL, NULL, 0);
		if (!res_ok(res)) {
			set_err_res(db, res);
			rc = -1;
		} else if (fn && PQresultStatus(res) == PGRES_TUPLES_OK) {
			int nr = PQntuples(res), nc = PQnfields(res);
			const char **cols = xcalloc((size_t)(nc ? nc : 1), sizeof(*cols));
			for (int r = 0; r < nr && !rc; r++) {
				for (int c = 0; c < nc; c++)
					cols[c] =
					    PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
				rc = fn(ctx, nc, cols);
			}
			free(cols);
		}
		PQclear(res);
	} else
		rc = -1;
	if (fixed) {
		for (int i = 0; i < st->nparam; i++)
			buf_release(&fixed[i]);
		free(fixed);
		free(vals);
	}
	return rc;
}

static void pg_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	/* Leaves db->err alone (finalize follows a failed run before the error is read).
	 * Prepared statements outlive transactions, so a statement finalised inside a failed one
	 * is deallocated once it ends. */
	struct db *db = st->db;
	char sql[64];
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
	PGTransactionStatusType ts = PQtransactionStatus(db->conn);
	if (ts == PQTRANS_INERROR)
		buf_printf(&db->dead, "%s;", sql);
	else if (ts == PQTRANS_IDLE || ts == PQTRANS_INTRANS)
		PQclear(PQexec(db->conn, sql));
	free(st);
}

/* --- COPY --- */

/* Table and column names are the store's own; anything else is refused rather than quoted. */
static int plain_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!ident_char(*s) && *s != '.')
			return 0;
	return 1;
}

static struct db_copy *pg_copy_begin(struct db *db, const char *table, const char *const *cols,
                                     int ncol)
{
	struct buf sql;
	buf_init(&sql, 0);
	int ok = ncol > 0 && plain_name(table);
	buf_printf(&sql, "COPY %s (", table);
	for (int i = 0; ok && i < ncol; i++) {
		ok = plain_name(cols[i]);
		buf_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
	}
	buf_adds(&sql, ") FROM STDIN");
	if (!ok) {
		set_err(db, "COPY: bad table or column name");
		buf_release(&sql);
		return NULL;
	}
	PGresult *res = PQexec(db->conn, sql.data);
	buf_release(&sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		set_err_res(db, res);
		PQclear(res);
		return NULL;
	}
	PQclear(res);
	struct db_copy *cp = xcalloc(1, sizeof(*cp));
	cp->db = db;
	cp->ncol = ncol;
	buf_init(&cp->out, COPY_LIMIT);
	buf_init(&cp->fix, COPY_LIMIT);
	return cp;
}

/* Appends s (n bytes) in COPY's text format: backslash, tab, newline and carriage return are
 * escaped (documentation, COPY, "Text Format"); all other bytes stand for themselves. */
static int copy_text(struct buf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char e;
		switch (s[i]) {
		case '\\':
			e = '\\';
			break;
		case '\t':
			e = 't';
			break;
		case '\n':
			e = 'n';
			break;
		case '\r':
			e = 'r';
			break;
		default:
			continue;
		}
		char esc[2] = {'\\', e};
		if (buf_add(out, s + run, i - run) < 0 || buf_add(out, esc, 2) < 0)
			return -1;
		run = i + 1;
	}
	return buf_add(out, s + run, n - run);
}

static int copy_flush(struct db_copy *cp)
{
	if (!cp->out.len)
		return 0;
	if (PQputCopyData(cp->db->conn, cp->out.data, (int)cp->out.len) != 1) {
		set_err(cp->db, PQerrorMessage(cp->db->conn));
		cp->failed = 1;
		return -1;
	}
	buf_reset(&cp->out);
	return 0;
}

static int pg_copy_row(struct db_copy *cp, const char *const *vals)
{
	if (cp->failed)
		return -1;
	size_t start = cp->out.len;
	int rc = 0;
	for (int i = 0; i < cp->ncol && !rc; i++) {
		if (i)
			rc = buf_addc(&cp->out, '\t');
		if (rc)
			break;
		const char *v = vals[i];
		if (!v) {
			rc = buf_add(&cp->out, "\\N", 2);
			continue;
		}
		size_t n = strlen(v);
		if (!bs_utf8_valid(v, n)) {
			buf_reset(&cp->fix);
			if (bs_utf8_fix(&cp->fix, v, n) < 0) {
				rc = -1;
				break;
			}
			v = cp->fix.data;
			n = cp->fix.len;
		}
		rc = copy_text(&cp->out, v, n);
	}
	if (!rc)
		rc = buf_addc(&cp->out, '\n');
	if (rc) {
		cp->out.len = start;
		set_err(cp->db, "COPY: row too large");
		cp->failed = cp->own_err = 1;
		return -1;
	}
	if (cp->out.len >= COPY_CHUNK && copy_flush(cp) < 0)
		return -1;
	return 0;
}

static int pg_copy_end(struct db_copy *cp)
{
	struct db *db = cp->db;
	PGconn *conn = db->conn;
	if (!cp->failed)
		copy_flush(cp);
	int rc = cp->failed ? -1 : 0;
	if (PQputCopyEnd(conn, cp->failed ? "bansweep aborted the COPY" : NULL) != 1) {
		if (!cp->own_err)
			set_err(db, PQerrorMessage(conn));
		rc = -1;
	}
	PGresult *res;
	while ((res = PQgetResult(conn))) {
		ExecStatusType s = PQresultStatus(res);
		if (s != PGRES_COMMAND_OK) {
			if (!cp->own_err) /* the server's reason beats libpq's */
				set_err_res(db, res);
			rc = -1;
		}
		PQclear(res);
		if (s == PGRES_COPY_IN) /* the end could not be sent: the connection is gone */
			break;
	}
	buf_release(&cp->out);
	buf_release(&cp->fix);
	free(cp);
	return rc;
}

static const char *pg_error(struct db *db)
{
	return db->err;
}

const struct db_ops db_pg_ops = {
    .name = "postgresql",
    .accepts = pg_accepts,
    .open = pg_open,
    .close = pg_close,
    .pk = "BIGSERIAL PRIMARY KEY",
    .exec = pg_exec,
    .begin_write = pg_begin_write,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .run = pg_run,
    .finalize = pg_finalize,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .error = pg_error,
};
