/* runZero (formerly Rumble) asset exports: JSON Lines, one asset a line (Inventory > Export >
 * JSON Lines; the API's /export/org/assets.jsonl), or the JSON export, one array of assets
 * (streamed by jrec: memory bounded by one asset). Fields read:
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

#include "jrec.h"
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

static void on_json(void *ctx, enum jwhat what, const struct jev *e)
{
	struct rz *r = ctx;
	if (e->depth == 0)
		return;
	if (what == J_OPEN) {
		/* A map named attributes, anywhere (the asset's, or a service's). */
		if (!r->attr_depth && e->type == J_MAP && e->plen >= 10 &&
		    !memcmp(e->path + e->plen - 10, "attributes", 10) &&
		    (e->plen == 10 || e->path[e->plen - 11] == '.')) {
			r->attr_depth = e->depth + 1;
			r->attr_plen = e->plen;
		}
		return;
	}
	if (what == J_CLOSE) {
		if (r->attr_depth == e->depth + 1)
			r->attr_depth = 0;
		return;
	}
	if (r->attr_depth) {
		if (e->depth == r->attr_depth && e->type == J_STR && e->plen > r->attr_plen)
			attribute(r, e->path + r->attr_plen + 1, e->plen - r->attr_plen - 1, e);
		return;
	}
	/* Top-level members and the elements of top-level arrays: paths without a dot. */
	if (e->depth <= 2 && !memchr(e->path, '.', e->plen))
		field(r, e);
}

static void begin(void *ctx)
{
	struct rz *r = ctx;
	imp_rec_reset(&r->rec);
	r->ip[0] = r->mac[0] = r->name[0] = r->time[0] = 0;
	r->attr_depth = 0;
	r->overflow = 0;
}

static const char *end(void *ctx)
{
	struct rz *r = ctx;
	if (!r->ip[0] && !r->mac[0] && !r->name[0])
		return "an asset with no address, MAC or name";
	if (r->overflow)
		return "record too large";
	const char *asset = r->ip[0] ? r->ip : r->mac[0] ? r->mac : r->name;
	imp_rec_emit(&r->rec, 0, r->sink, r->st, asset, r->time[0] ? r->time : NULL);
	r->sink->record_end(r->sink->ctx);
	return NULL;
}

/* One asset a line (JSON Lines) or the elements of one array (runZero's JSON export): jrec. */
static int runzero_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct rz *r = xcalloc(1, sizeof(*r));
	r->sink = sink;
	r->st = st;
	imp_rec_init(&r->rec);
	const struct jrec_ops ops = {begin, on_json, end};
	int rc = jrec_read(f, sink, st, &ops, r);
	imp_rec_release(&r->rec);
	free(r);
	return rc;
}

/* runZero assets carry "addresses" beside fields no other tool writes together: "macs",
 * "mac_vendors", "hw", "os_vendor", "alive", "site_name". */
static int runzero_detect(const char *head, size_t n)
{
	if (!(jrec_has(head, n, "\"addresses\":") || jrec_has(head, n, "\"service_address\":")))
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
    .summary = "runZero (Rumble) asset or service export, JSON Lines or JSON",
    .detect = runzero_detect,
    .read = runzero_read,
    .whole_records = 1,
};
