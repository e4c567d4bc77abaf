/* The back-end table and the few helpers every store query shares. */
#include <stdio.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "store/db.h"
#include "util/banned.h"

static const struct db_ops *const backends[] = {
#define BACKEND(ops) &ops,
#include "backends.def"
#undef BACKEND
};

int dbc_open(struct dbc *c, const char *url, char *err, size_t errlen)
{
	c->ops = NULL;
	c->db = NULL;
	for (size_t i = 0; i < sizeof(backends) / sizeof(*backends); i++) {
		if (!backends[i]->accepts(url))
			continue;
		c->ops = backends[i];
		c->db = c->ops->open(url, err, errlen);
		return c->db ? 0 : -1;
	}
	snprintf(err, errlen, "%s: no store back end accepts this location", url);
	return -1;
}

void dbc_close(struct dbc *c)
{
	if (c->db)
		c->ops->close(c->db);
	c->db = NULL;
}

int dbc_query(struct dbc *c, const char *sql, int n, const char *const *p, db_row_fn fn, void *ctx)
{
	struct db_stmt *st = c->ops->prepare(c->db, sql);
	if (!st)
		return -1;
	int rc = c->ops->run(st, n, p, fn, ctx);
	c->ops->finalize(st);
	return rc;
}

/* Length of the UTF-8 sequence byte c starts (RFC 3629), 0 when c cannot start one. */
static size_t utf8_lead(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

int db_utf8_fix(struct buf *out, const char *s, size_t n)
{
	static const char repl[] = "\xEF\xBF\xBD";
	for (size_t i = 0; i < n;) {
		size_t l = utf8_lead((unsigned char)s[i]);
		if (l && l <= n - i && bs_utf8_valid(s + i, l)) {
			if (buf_add(out, s + i, l) < 0)
				return -1;
			i += l;
		} else {
			if (buf_add(out, repl, 3) < 0)
				return -1;
			i++;
		}
	}
	return 0;
}
