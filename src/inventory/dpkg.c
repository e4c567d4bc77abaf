/* Debian packages: /var/lib/dpkg/status, deb-control(5) paragraphs. A package counts when its
 * files are on disk (Status state installed, unpacked, half-configured...); one removed but not
 * purged (state config-files) left its configuration behind: that is a trace of removal, told
 * apart as pkg.residue so that a removed product is not reported as installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define STATUS_FILE "/var/lib/dpkg/status"
#define STATUS_MAX  (256u << 20) /* a few MB on a full desktop: 256 MB is corrupt */

int dpkg_state(const char *status)
{
	/* "want flag state" (dpkg-query(1)): the state is the third word. */
	char want[32], flag[32], state[32], extra;
	if (sscanf(status, "%31s %31s %31s %c", want, flag, state, &extra) != 3)
		return -1;
	static const char *const present[] = {"installed",        "unpacked",
	                                      "half-configured",  "half-installed",
	                                      "triggers-awaited", "triggers-pending"};
	for (size_t i = 0; i < sizeof(present) / sizeof(*present); i++)
		if (!strcmp(state, present[i]))
			return DPKG_INSTALLED;
	if (!strcmp(state, "config-files"))
		return DPKG_RESIDUE;
	if (!strcmp(state, "not-installed"))
		return DPKG_ABSENT;
	return -1;
}

static void field(char *dst, size_t cap, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = 0;
}

struct rec {
	struct dpkg_pkg p;
	int any, has_status;
};

static void flush(struct rec *r, void (*rec)(void *, const struct dpkg_pkg *), parse_bad_fn bad,
                  void *ctx)
{
	char msg[400];
	if (!r->any)
		return;
	if (!r->p.name[0]) {
		bad(ctx, r->p.line, "record without a Package field");
	} else if (!r->has_status) {
		snprintf(msg, sizeof(msg),
		         "package %.200s: record without a Status field (cut short?)", r->p.name);
		bad(ctx, r->p.line, msg);
	} else {
		int st = dpkg_state(r->p.status);
		if (st < 0) {
			snprintf(msg, sizeof(msg), "package %.200s: Status '%.100s' is not valid",
			         r->p.name, r->p.status);
			bad(ctx, r->p.line, msg);
		} else {
			r->p.state = (enum dpkg_state)st;
			rec(ctx, &r->p);
		}
	}
	memset(r, 0, sizeof(*r));
}

void dpkg_parse(const char *buf, size_t n, void (*rec)(void *ctx, const struct dpkg_pkg *p),
                parse_bad_fn bad, void *ctx)
{
	struct lines l;
	struct rec r;
	const char *s;
	size_t k;
	memset(&r, 0, sizeof(r));
	lines_init(&l, buf, n);
	while (lines_next(&l, &s, &k)) {
		if (k == 0) {
			flush(&r, rec, bad, ctx);
			continue;
		}
		if (memchr(s, 0, k)) {
			bad(ctx, l.no, "NUL byte in the line");
			continue;
		}
		if (s[0] == ' ' || s[0] == '\t') { /* continuation of a multi-line field */
			if (!r.any)
				bad(ctx, l.no, "continuation line outside a record");
			continue;
		}
		const char *colon = memchr(s, ':', k);
		if (!colon || colon == s || memchr(s, ' ', (size_t)(colon - s))) {
			bad(ctx, l.no, "line is not 'Field: value'");
			continue;
		}
		if (!r.any) {
			r.any = 1;
			r.p.line = l.no;
		}
		size_t fl = (size_t)(colon - s);
		const char *v = colon + 1;
		size_t vl = k - fl - 1;
#define IS(name) (fl == sizeof(name) - 1 && !strncasecmp(s, name, fl))
		if (IS("Package"))
			field(r.p.name, sizeof(r.p.name), v, vl);
		else if (IS("Version"))
			field(r.p.version, sizeof(r.p.version), v, vl);
		else if (IS("Maintainer"))
			field(r.p.maintainer, sizeof(r.p.maintainer), v, vl);
		else if (IS("Status")) {
			field(r.p.status, sizeof(r.p.status), v, vl);
			r.has_status = 1;
		}
#undef IS
	}
	flush(&r, rec, bad, ctx);
}

struct run {
	struct inv *iv;
};

static void on_pkg(void *ctx, const struct dpkg_pkg *p)
{
	struct run *r = ctx;
	char where[sizeof(p->version) + 128];
	if (p->state == DPKG_ABSENT)
		return;
	if (p->state == DPKG_RESIDUE) {
		/* The package is gone: its name is what is left to see, its maintainer belongs to
		 * the package that was, not to anything installed. */
		snprintf(where, sizeof(where),
		         STATUS_FILE " (removed; configuration files remain)");
		inv_obs(r->iv, K_PKG_RESIDUE, p->name, where);
		return;
	}
	if (p->version[0])
		snprintf(where, sizeof(where), STATUS_FILE " (version %s)", p->version);
	else
		snprintf(where, sizeof(where), STATUS_FILE);
	inv_obs(r->iv, K_PKG_NAME, p->name, where);
	if (p->maintainer[0])
		inv_obs(r->iv, K_PKG_MAINTAINER, p->maintainer, where);
}

static void on_bad(void *ctx, uint64_t line, const char *msg)
{
	struct run *r = ctx;
	inv_malformed(r->iv, STATUS_FILE, line, 0, "%s", msg);
}

int inv_dpkg(struct inv *iv);
int inv_dpkg(struct inv *iv)
{
	size_t n;
	char *buf = inv_slurp_opt(iv, STATUS_FILE, STATUS_MAX, &n);
	if (!buf)
		return 0;
	struct run r = {iv};
	dpkg_parse(buf, n, on_pkg, on_bad, &r);
	free(buf);
	return 0;
}
