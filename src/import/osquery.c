/* osquery results (osquery.readthedocs.io, "Logging" and the table schema at osquery.io/schema):
 *   `osqueryi --json "SELECT ..."`: a JSON array of rows, every value a string;
 *   osqueryd's result log, JSON Lines: {"name": query, "hostIdentifier", "calendarTime",
 *   "decorations": {...}, "columns": {row}, "action": "added"|"removed"} (event format),
 *   {"snapshot": [rows], "action": "snapshot"} (snapshot queries) or {"diffResults": {"added":
 *   [rows], "removed": [rows]}} (batch format). Removed rows are not emitted: the software is gone.
 * The table a row came from is told by the query name when it names one, else by the columns.
 * Values are emitted in the shapes the host inventory gives (src/inventory/win_hive.c, dpkg.c,
 * rpm.c, macos_apps.c, usb.c, trust.c), so that the same rules fire. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "jrec.h"
#include "util/banned.h"

/* Row columns kept (values of others are not needed). */
static const char *const kept[] = {"name",
                                   "publisher",
                                   "maintainer",
                                   "vendor",
                                   "bundle_identifier",
                                   "vendor_id",
                                   "model_id",
                                   "model",
                                   "subject",
                                   "issuer",
                                   "hostname",
                                   "address",
                                   "identifying_number",
                                   "uninstall_string",
                                   "arch",
                                   "release",
                                   "package_group",
                                   "common_name",
                                   NULL};

enum table { T_NONE, T_PROGRAMS, T_DEB, T_RPM, T_APPS, T_USB, T_CERTS, T_HOST };

struct ctx {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct buf rows; /* nested rows: "col\0val\0" pairs, each row ending "\0" */
	struct buf top;  /* the record's own members, as one row */
	char host[256], time[128], query[256], action[32], deco_host[256];
	int nested, overflow;
	size_t row_depth; /* depth of the open nested row's map, 0 when none */
};

static int is_kept(const char *c)
{
	for (size_t i = 0; kept[i]; i++)
		if (!strcmp(c, kept[i]))
			return 1;
	return 0;
}

static void put(struct ctx *c, struct buf *b, const char *col, const char *v, size_t n)
{
	if (buf_adds(b, col) < 0 || buf_addc(b, 0) < 0 || buf_add(b, v, strnlen(v, n)) < 0 ||
	    buf_addc(b, 0) < 0)
		c->overflow = 1;
}

/* A row's value of col, NULL when absent or empty. */
static const char *get(const char *row, const char *end, const char *col)
{
	for (const char *p = row; p < end && *p;) {
		const char *v = p + strlen(p) + 1;
		if (!strcmp(p, col))
			return *v ? v : NULL;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

static void copy(char *dst, size_t size, const char *v, size_t n)
{
	size_t k = n < size - 1 ? n : size - 1;
	memcpy(dst, v, k);
	dst[k] = 0;
}

static void begin(void *p)
{
	struct ctx *c = p;
	buf_reset(&c->rows);
	buf_reset(&c->top);
	c->host[0] = c->time[0] = c->query[0] = c->action[0] = c->deco_host[0] = 0;
	c->nested = c->overflow = 0;
	c->row_depth = 0;
}

/* The last member name of a path. */
static const char *last(const char *path)
{
	const char *d = strrchr(path, '.');
	return d ? d + 1 : path;
}

static void ev(void *p, enum jwhat what, const struct jev *e)
{
	struct ctx *c = p;
	if (what == J_OPEN && e->type == J_MAP && e->depth > 0 && !c->row_depth &&
	    (!strcmp(e->path, "columns") || !strcmp(e->path, "snapshot") ||
	     !strcmp(e->path, "diffResults.added"))) {
		c->row_depth = e->depth;
		c->nested = 1;
	} else if (what == J_CLOSE && c->row_depth && e->depth == c->row_depth) {
		if (buf_addc(&c->rows, 0) < 0)
			c->overflow = 1;
		c->row_depth = 0;
	} else if (what == J_LEAF && c->row_depth && e->depth == c->row_depth + 1) {
		if (is_kept(last(e->path)))
			put(c, &c->rows, last(e->path), e->v, e->vlen);
	} else if (what == J_LEAF && e->depth == 1 && e->type != J_NULL) {
		if (!strcmp(e->path, "hostIdentifier"))
			copy(c->host, sizeof(c->host), e->v, e->vlen);
		else if (!strcmp(e->path, "calendarTime"))
			copy(c->time, sizeof(c->time), e->v, e->vlen);
		else if (!strcmp(e->path, "action"))
			copy(c->action, sizeof(c->action), e->v, e->vlen);
		if (!strcmp(e->path, "name"))
			copy(c->query, sizeof(c->query), e->v, e->vlen);
		if (is_kept(e->path))
			put(c, &c->top, e->path, e->v, e->vlen);
	} else if (what == J_LEAF && e->depth == 2 && !strcmp(e->path, "decorations.hostname")) {
		copy(c->deco_host, sizeof(c->deco_host), e->v, e->vlen);
	}
}

static enum table by_query(const char *q)
{
	static const struct {
		const char *word;
		enum table t;
	} names[] = {{"programs", T_PROGRAMS}, {"deb", T_DEB},       {"rpm", T_RPM},
	             {"usb", T_USB},           {"cert", T_CERTS},    {"apps", T_APPS},
	             {"system_info", T_HOST},  {"interface", T_HOST}};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strstr(q, names[i].word))
			return names[i].t;
	return T_NONE;
}

static enum table by_columns(const char *r, const char *e)
{
	if (get(r, e, "bundle_identifier"))
		return T_APPS;
	if (get(r, e, "vendor_id") || get(r, e, "model_id"))
		return T_USB;
	if (get(r, e, "subject") && (get(r, e, "issuer") || get(r, e, "common_name")))
		return T_CERTS;
	if (get(r, e, "publisher") || get(r, e, "identifying_number") ||
	    get(r, e, "uninstall_string"))
		return T_PROGRAMS;
	if (get(r, e, "maintainer"))
		return T_DEB;
	if (get(r, e, "vendor") && (get(r, e, "release") || get(r, e, "package_group")))
		return T_RPM;
	return get(r, e, "hostname") || get(r, e, "address") ? T_HOST : T_NONE;
}

static int valid_ip(const char *s)
{
	unsigned char a[16];
	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

static void row(struct ctx *c, const char *asset, const char *r, const char *e, const char *t)
{
	const struct imp_sink *s = c->sink;
	struct imp_stats *st = c->st;
	enum table tb = by_query(c->query);
	if (tb == T_NONE)
		tb = by_columns(r, e);
	const char *name = get(r, e, "name");
	switch (tb) {
	case T_PROGRAMS:
		imp_obss(s, st, asset, "pkg.display_name", name, t);
		imp_obss(s, st, asset, "pkg.publisher", get(r, e, "publisher"), t);
		break;
	case T_DEB:
		imp_obss(s, st, asset, "pkg.name", name, t);
		imp_obss(s, st, asset, "pkg.maintainer", get(r, e, "maintainer"), t);
		break;
	case T_RPM:
		imp_obss(s, st, asset, "pkg.name", name, t);
		imp_obss(s, st, asset, "pkg.maintainer", get(r, e, "vendor"), t);
		break;
	case T_APPS: {
		/* osquery names an app by its bundle's file name; the inventory by the name
		 * without ".app". */
		size_t n = name ? strlen(name) : 0;
		if (n > 4 && !strcmp(name + n - 4, ".app"))
			n -= 4;
		imp_obss(s, st, asset, "app.bundle", get(r, e, "bundle_identifier"), t);
		if (n)
			imp_obs(s, st, asset, "pkg.display_name", name, n, t);
		break;
	}
	case T_USB: {
		const char *vid = get(r, e, "vendor_id"), *pid = get(r, e, "model_id");
		char pair[64];
		imp_obss(s, st, asset, "usb.vendor", vid, t);
		if (vid && pid) {
			snprintf(pair, sizeof(pair), "%s:%s", vid, pid);
			imp_obss(s, st, asset, "usb.product", pair, t);
		}
		imp_obss(s, st, asset, "usb.product", get(r, e, "model"), t);
		break;
	}
	case T_CERTS:
		imp_obss(s, st, asset, "cert.trust", get(r, e, "subject"), t);
		break;
	case T_HOST:
	case T_NONE:
		break;
	}
	const char *h = get(r, e, "hostname"), *a = get(r, e, "address");
	imp_obss(s, st, asset, "hostname", h, t);
	if (a && valid_ip(a) && strcmp(a, "127.0.0.1") && strcmp(a, "::1"))
		imp_obss(s, st, asset, "ip", a, t);
}

/* A host identifier that is a UUID (host_identifier=uuid) names no host. */
static int is_uuid(const char *s)
{
	return strlen(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-';
}

static const char *end(void *p)
{
	struct ctx *c = p;
	if (c->overflow)
		return "record too large";
	if (!strcmp(c->action, "removed"))
		return NULL;
	const char *asset = c->host[0] ? c->host : c->sink->name;
	const char *t = c->time[0] ? c->time : NULL;
	if (!c->nested && (c->host[0] || (c->query[0] && c->action[0])))
		return "a result log record without columns, snapshot or diffResults";
	if (c->host[0] && !is_uuid(c->host))
		imp_obss(c->sink, c->st, asset, "hostname", c->host, t);
	if (c->deco_host[0])
		imp_obss(c->sink, c->st, asset, "hostname", c->deco_host, t);
	if (!c->nested) {
		c->query[0] = 0; /* osqueryi: "name" is a column */
		row(c, asset, c->top.data, c->top.data + c->top.len, t);
		return NULL;
	}
	const char *r = c->rows.data, *e = c->rows.data + c->rows.len;
	while (r < e) {
		const char *q = r;
		while (q < e && *q) { /* to the row's end: the empty name */
			q += strlen(q) + 1;
			q += strlen(q) + 1;
		}
		row(c, asset, r, q, t);
		r = q + 1;
	}
	return NULL;
}

static int osq_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	c->sink = sink, c->st = st;
	buf_init(&c->rows, 2 * IMP_MAX_RECORD);
	buf_init(&c->top, 2 * IMP_MAX_RECORD);
	const struct jrec_ops ops = {begin, ev, end};
	int rc = jrec_read(f, sink, st, &ops, c);
	buf_release(&c->rows);
	buf_release(&c->top);
	free(c);
	return rc;
}

/* The result log's own member names; osqueryi rows by the columns of the tables read here. */
static int osq_detect(const char *head, size_t n)
{
	if (jrec_has(head, n, "\"hostIdentifier\"") && jrec_has(head, n, "\"calendarTime\""))
		return 95;
	static const char *const cols[] = {"\"identifying_number\"", "\"uninstall_string\"",
	                                   "\"bundle_identifier\"",  "\"vendor_id\"",
	                                   "\"package_group\"",      "\"self_signed\"",
	                                   "\"admindir\"",           NULL};
	for (size_t i = 0; cols[i]; i++)
		if (imp_first(head, n) == '[' && imp_has(head, n, cols[i]))
			return 70;
	return 0;
}

const struct importer imp_osquery = {
    .name = "osquery",
    .summary = "osquery results: osqueryi --json output and osqueryd result logs",
    .detect = osq_detect,
    .read = osq_read,
    .whole_records = 0,
    .line_records = 0,
};
