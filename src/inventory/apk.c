/* Alpine packages: /lib/apk/db/installed, one paragraph a package of "K:value" lines (apk's
 * index format: P name, V version, m maintainer, o origin; F, R and the rest list files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define DB_FILE "/lib/apk/db/installed"
#define DB_MAX  (256u << 20)

static void put(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = 0;
}

static void flush(struct apk_pkg *p, int *any, void (*rec)(void *, const struct apk_pkg *),
                  parse_bad_fn bad, void *ctx)
{
	if (*any) {
		if (p->name[0])
			rec(ctx, p);
		else
			bad(ctx, p->line, "record without a P: (package name) line");
	}
	memset(p, 0, sizeof(*p));
	*any = 0;
}

void apk_parse(const char *buf, size_t n, void (*rec)(void *ctx, const struct apk_pkg *p),
               parse_bad_fn bad, void *ctx)
{
	struct lines l;
	struct apk_pkg p;
	int any = 0;
	const char *s;
	size_t k;
	memset(&p, 0, sizeof(p));
	lines_init(&l, buf, n);
	while (lines_next(&l, &s, &k)) {
		if (k == 0) {
			flush(&p, &any, rec, bad, ctx);
			continue;
		}
		if (k < 2 || s[1] != ':' || memchr(s, 0, k)) {
			bad(ctx, l.no, "line is not 'K:value'");
			continue;
		}
		if (!any) {
			any = 1;
			p.line = l.no;
		}
		switch (s[0]) {
		case 'P':
			put(p.name, sizeof(p.name), s + 2, k - 2);
			break;
		case 'V':
			put(p.version, sizeof(p.version), s + 2, k - 2);
			break;
		case 'm':
			put(p.maintainer, sizeof(p.maintainer), s + 2, k - 2);
			break;
		case 'o':
			put(p.origin, sizeof(p.origin), s + 2, k - 2);
			break;
		default:
			break;
		}
	}
	flush(&p, &any, rec, bad, ctx);
}

static void on_pkg(void *ctx, const struct apk_pkg *p)
{
	struct inv *iv = ctx;
	char where[sizeof(p->version) + 64];
	if (p->version[0])
		snprintf(where, sizeof(where), DB_FILE " (version %s)", p->version);
	else
		snprintf(where, sizeof(where), DB_FILE);
	inv_obs(iv, K_PKG_NAME, p->name, where);
	if (p->maintainer[0])
		inv_obs(iv, K_PKG_MAINTAINER, p->maintainer, where);
}

static void on_bad(void *ctx, uint64_t line, const char *msg)
{
	inv_malformed(ctx, DB_FILE, line, 0, "%s", msg);
}

int inv_apk(struct inv *iv);
int inv_apk(struct inv *iv)
{
	size_t n;
	char *buf = inv_slurp_opt(iv, DB_FILE, DB_MAX, &n);
	if (!buf)
		return 0;
	apk_parse(buf, n, on_pkg, on_bad, iv);
	free(buf);
	return 0;
}
