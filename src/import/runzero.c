/* runZero (formerly Rumble) asset exports as JSON Lines: one asset a line (Inventory > Export >
 * JSON Lines; the same fields as the API's /export/org/assets.jsonl). Fields read:
 *   addresses, addresses_extra (also spelt extra_addresses)  -> ip (the first names the asset)
 *   macs -> mac; names -> hostname
 *   hw, os (runZero's fingerprint of the device and its system) -> scan.product
 *   hw_vendor -> asset.vendor; hw_product -> asset.model (os_vendor is left out: the maker of
 *   the system, "Debian" or "Microsoft", is not the device's)
 *   service_ports_tcp -> tcp.port
 *   attributes: maps of runZero's probe attributes, on the asset or on each of its services
 *     ("services": {"ADDR/tcp/PORT": {..., "attributes": {...}}} or an array of services), names
 *     as runZero writes them: http.server, http.head.wwwAuthenticate, http.head.setCookie,
 *     html.title, tls.subject, tls.issuer, ssh.banner, telnet.banner, ftp.banner,
 *     snmp.sysDescr, snmp.sysObjectID, snmp.sysName, rtsp.server, upnp.manufacturer ...
 *   last_seen -> the observations' time, as written (runZero writes Unix seconds)
 * mac_vendors is left out: it is runZero's own registry look-up of the MAC, which bansweep makes
 * itself from the mac. The service export (one service a line, service_address) is read too. */
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/banned.h"

#define ID_MAX 256

/* runZero attribute names -> keys (names compared ignoring case). */
static const struct {
	const char *attr, *key;
} attrs[] = {
    {"http.server", "http.server"},
    {"http.head.server", "http.server"},
    {"http.wwwAuthenticate", "http.www_authenticate"},
    {"http.head.wwwAuthenticate", "http.www_authenticate"},
    {"http.head.setCookie", "http.cookie"},
    {"html.title", "html.title"},
    {"http.title", "html.title"},
    {"tls.subject", "tls.cert.subject"},
    {"tls.issuer", "tls.cert.issuer"},
    {"ssh.banner", "ssh.banner"},
    {"telnet.banner", "telnet.banner"},
    {"ftp.banner", "ftp.banner"},
    {"snmp.sysDescr", "snmp.sysdescr"},
    {"snmp.sysObjectID", "snmp.sysobjectid"},
    {"snmp.sysName", "snmp.sysname"},
    {"rtsp.server", "rtsp.server"},
    {"sip.server", "sip.server"},
    {"sip.userAgent", "sip.user_agent"},
    {"upnp.manufacturer", "upnp.manufacturer"},
    {"upnp.modelName", "upnp.model"},
    {"onvif.manufacturer", "onvif.manufacturer"},
    {"onvif.model", "onvif.model"},
};

/* Top-level fields (and the elements of top-level arrays) -> keys. */
static const struct {
	const char *field, *key;
} fields[] = {
    {"addresses", "ip"},
    {"addresses_extra", "ip"},
    {"extra_addresses", "ip"},
    {"service_address", "ip"},
    {"macs", "mac"},
    {"names", "hostname"},
    {"hw", "scan.product"},
    {"os", "scan.product"},
    {"hw_vendor", "asset.vendor"},
    {"hw_product", "asset.model"},
    {"service_ports_tcp", "tcp.port"},
};

struct rz {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct imp_rec rec;
	char ip[ID_MAX], mac[ID_MAX], name[ID_MAX], time[64];
	size_t attr_depth,
	    attr_plen; /* the open "attributes" map: members' depth, its path length */
	int root_map, overflow;
};

static void first(char *dst, const char *v, size_t n)
{
	if (!dst[0] && n < ID_MAX) {
		memcpy(dst, v, n);
		dst[n] = 0;
	}
}

static void add(struct rz *r, const char *key, const char *v, size_t n)
{
	if (imp_rec_add(&r->rec, key, v, n) < 0)
		r->overflow = 1;
}

static void attribute(struct rz *r, const char *name, size_t n, const struct jev *e)
{
	for (size_t i = 0; i < sizeof(attrs) / sizeof(*attrs); i++)
		if (strlen(attrs[i].attr) == n && bs_strncaseeq(name, attrs[i].attr, n)) {
			add(r, attrs[i].key, e->v, e->vlen);
			return;
		}
}

static void field(struct rz *r, const struct jev *e)
{
	if (!strcmp(e->path, "last_seen")) {
		first(r->time, e->v, e->vlen < sizeof(r->time) ? e->vlen : 0);
		return;
	}
	if (e->type != J_STR && e->type != J_NUM)
		return;
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		if (strcmp(e->path, fields[i].field))
			continue;
		const char *k = fields[i].key;
		if (!strcmp(k, "ip"))
			first(r->ip, e->v, e->vlen);
		else if (!strcmp(k, "mac"))
			first(r->mac, e->v, e->vlen);
		else if (!strcmp(k, "hostname"))
			first(r->name, e->v, e->vlen);
		add(r, k, e->v, e->vlen);
		return;
	}
}

static int on_json(void *ctx, enum jwhat what, const struct jev *e)
{
	struct rz *r = ctx;
	if (e->depth == 0) {
		if (what == J_OPEN)
			r->root_map = e->type == J_MAP;
		return 0;
	}
	if (what == J_OPEN) {
		/* A map named attributes, anywhere (the asset's, or a service's). */
		if (!r->attr_depth && e->type == J_MAP && e->plen >= 10 &&
		    !memcmp(e->path + e->plen - 10, "attributes", 10) &&
		    (e->plen == 10 || e->path[e->plen - 11] == '.')) {
			r->attr_depth = e->depth + 1;
			r->attr_plen = e->plen;
		}
		return 0;
	}
	if (what == J_CLOSE) {
		if (r->attr_depth == e->depth + 1)
			r->attr_depth = 0;
		return 0;
	}
	if (r->attr_depth) {
		if (e->depth == r->attr_depth && e->type == J_STR && e->plen > r->attr_plen)
			attribute(r, e->path + r->attr_plen + 1, e->plen - r->attr_plen - 1, e);
		return 0;
	}
	/* Top-level members and the elements of top-level arrays: paths without a dot. */
	if (e->depth <= 2 && !memchr(e->path, '.', e->plen))
		field(r, e);
	return 0;
}

static void record(struct rz *r, struct jpath *j, const struct imp_lines *l, const char *p,
                   size_t n)
{
	char err[256];
	imp_rec_reset(&r->rec);
	r->ip[0] = r->mac[0] = r->name[0] = r->time[0] = 0;
	r->attr_depth = 0;
	r->root_map = r->overflow = 0;
	r->st->records++;
	if (jpath_line(j, p, n, err, sizeof(err)) < 0)
		imp_bad(r->sink, r->st, l->line, l->off, "%s", err);
	else if (!r->root_map)
		imp_bad(r->sink, r->st, l->line, l->off, "not a JSON object");
	else if (!r->ip[0] && !r->mac[0] && !r->name[0])
		imp_bad(r->sink, r->st, l->line, l->off, "an asset with no address, MAC or name");
	else if (r->overflow)
		imp_bad(r->sink, r->st, l->line, l->off, "record too large");
	else {
		const char *asset = r->ip[0] ? r->ip : r->mac[0] ? r->mac : r->name;
		imp_rec_emit(&r->rec, 0, r->sink, r->st, asset, r->time[0] ? r->time : NULL);
		r->sink->record_end(r->sink->ctx);
	}
}

static int runzero_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct rz *r = xcalloc(1, sizeof(*r));
	r->sink = sink;
	r->st = st;
	imp_rec_init(&r->rec);
	struct jpath *j = jpath_new(on_json, r);
	struct imp_lines l;
	imp_lines_init(&l, f, sink, st);
	char *p;
	size_t n;
	int rc;
	while ((rc = imp_lines_next(&l, &p, &n)) > 0)
		if (n > strspn(p, " \t\r"))
			record(r, j, &l, p, n);
	imp_lines_release(&l);
	jpath_free(j);
	imp_rec_release(&r->rec);
	free(r);
	return rc < 0 ? -1 : 0;
}

/* runZero assets carry "addresses" beside fields no other tool writes together: "macs",
 * "mac_vendors", "hw", "os_vendor", "alive", "site_name". */
static int runzero_detect(const char *head, size_t n)
{
	if (imp_first(head, n) != '{' ||
	    !(imp_has(head, n, "\"addresses\":") || imp_has(head, n, "\"service_address\":")))
		return 0;
	static const char *const marks[] = {"\"macs\":",      "\"mac_vendors\":", "\"hw\":",
	                                    "\"os_vendor\":", "\"alive\":",       "\"site_name\":"};
	int hits = 0;
	for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++)
		hits += imp_has(head, n, marks[i]);
	return hits >= 3 ? 90 : hits == 2 ? 60 : 0;
}

const struct importer imp_runzero = {
    .name = "runzero",
    .summary = "runZero (Rumble) asset or service export, JSON Lines",
    .detect = runzero_detect,
    .read = runzero_read,
    .whole_records = 1,
};
