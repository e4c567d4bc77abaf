/* The back-end table and the few helpers every store query shares. */
#include <stdio.h>

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
