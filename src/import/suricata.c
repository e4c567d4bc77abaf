/* Suricata's EVE JSON output (https://docs.suricata.io/en/latest/output/eve/eve-json-format.html):
 * one event a line, event_type naming its kind and src_ip/dest_ip its endpoints. Request
 * fields are the client's (src_ip of a request event), response fields the server's. DNS
 * is read in both of EVE's layouts: version 2 (one event per query and per answer, dns.type,
 * dns.rrname, dns.answers) and version 3 (dns.queries, dns.answers in one event). Connections
 * to an address that a DNS answer of the same run named give net.peer_name, as captures do. */
#include <string.h>

#include "netlog.h"
#include "util/banned.h"

struct suri {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct nl_join *names; /* address -> a name a DNS answer gave it */
	const char *time;
	char buf[600];
};

static void obs(struct suri *s, const char *asset, const char *key, const char *v)
{
	if (key)
		imp_obss(s->sink, s->st, asset, key, v, s->time);
}

/* As zeek_map.c's: unspecified, broadcast and multicast addresses are no asset. */
static const char *host(struct suri *s, const char *addr)
{
	if (!nl_is_unicast(addr))
		return NULL;
	obs(s, addr, "ip", addr);
	return addr;
}

static int is(const char *v, const char *want)
{
	return v && !strcmp(v, want);
}

/* Queries are the client's: the sender of a query, the receiver of an answer. */
static void dns(struct suri *s, const struct nl_rec *r, const char *src, const char *dst)
{
	const char *type = nl_get(r, "dns.type");
	int answer = is(type, "answer") || is(type, "response");
	const char *client = answer ? dst : src;
	const char *q = nl_get(r, "dns.rrname");
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].name, "dns.queries.rrname"))
			q = r->f[i].v;
	if (!q)
		return;
	obs(s, client, "dns.qname", q);
	for (size_t i = 0; i < r->n; i++) {
		const char *a = r->f[i].v;
		if (!strcmp(r->f[i].name, "dns.answers.rdata") && nl_is_addr(a)) {
			obs(s, host(s, a), "dns.answer", q);
			nl_join_add(s->names, a, q, NULL);
		}
	}
}

/* ssh.client / ssh.server: proto_version and software_version, put back together as the
 * identification line (RFC 4253 §4.2) the key holds. */
static void ssh_side(struct suri *s, const struct nl_rec *r, const char *side, const char *a)
{
	char k1[40], k2[40];
	snprintf(k1, sizeof(k1), "ssh.%s.proto_version", side);
	snprintf(k2, sizeof(k2), "ssh.%s.software_version", side);
	const char *pv = nl_get(r, k1), *sv = nl_get(r, k2);
	if (!pv || !sv)
		return;
	snprintf(s->buf, sizeof(s->buf), "SSH-%s-%s", pv, sv);
	obs(s, a, "ssh.banner", s->buf);
}

/* Extended HTTP logging's response headers come as name/value pairs in order. */
static const char *response_header(const struct nl_rec *r, const char *want)
{
	for (size_t i = 0; i + 1 < r->n; i++)
		if (!strcmp(r->f[i].name, "http.response_headers.name") &&
		    bs_strcaseeq(r->f[i].v, want) &&
		    !strcmp(r->f[i + 1].name, "http.response_headers.value"))
			return r->f[i + 1].v;
	return NULL;
}

static void peer_name(void *ctx, const char *name, const char *unused)
{
	struct suri *s = ctx;
	(void)unused;
	obs(s, s->buf, "net.peer_name", name);
}

static void event(struct suri *s, const struct nl_rec *r)
{
	const char *t = nl_get(r, "event_type"), *sm = nl_get(r, "ether.src_mac"),
	           *dm = nl_get(r, "ether.dest_mac");
	s->time = nl_get(r, "timestamp");
	const char *src = host(s, nl_get(r, "src_ip")), *dst = host(s, nl_get(r, "dest_ip"));
	obs(s, src, nl_link_mac_key(src, sm), sm);
	obs(s, dst, nl_link_mac_key(dst, dm), dm);
	if (is(t, "dns"))
		dns(s, r, src, dst);
	else if (is(t, "tls")) {
		obs(s, src, "tls.sni", nl_get(r, "tls.sni"));
		obs(s, dst, "tls.cert.subject", nl_get(r, "tls.subject"));
		obs(s, dst, "tls.cert.issuer", nl_get(r, "tls.issuerdn"));
	} else if (is(t, "http")) {
		obs(s, src, "http.host", nl_get(r, "http.hostname"));
		obs(s, src, "http.user_agent", nl_get(r, "http.http_user_agent"));
		const char *sv = nl_get(r, "http.server");
		obs(s, dst, "http.server", sv ? sv : response_header(r, "server"));
	} else if (is(t, "ssh")) {
		ssh_side(s, r, "client", src);
		ssh_side(s, r, "server", dst);
	} else if (is(t, "dhcp")) {
		/* The client is named by its MAC, as the log names it: requests carry no address;
		 * the address an ACK assigns is the client's ip. */
		const char *a = nl_get(r, "dhcp.client_mac"), *ip = nl_get(r, "dhcp.assigned_ip"),
		           *dt = nl_get(r, "dhcp.dhcp_type");
		obs(s, a, nl_mac_key(a), a);
		if (nl_is_unicast(ip) && (!dt || is(dt, "ack")))
			obs(s, a, "ip", ip);
		obs(s, a, "dhcp.hostname", nl_get(r, "dhcp.hostname"));
		obs(s, a, "dhcp.vendor_class", nl_get(r, "dhcp.vendor_class_identifier"));
	}
	if (src && dst && (is(t, "tls") || is(t, "http") || is(t, "flow") || is(t, "ssh"))) {
		bs_strlcpy(s->buf, src, sizeof(s->buf));
		nl_join_each(s->names, dst, peer_name, s);
	}
}

static int suricata_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct suri s = {sink, st, nl_join_new(), NULL, {0}};
	struct imp_lines l;
	struct nl_json jc;
	struct nl_rec r = {0};
	imp_lines_init(&l, f, sink, st);
	nl_json_init(&jc);
	char *p, err[200];
	size_t n;
	int rc;
	while ((rc = imp_lines_next(&l, &p, &n)) > 0) {
		if (n == 0)
			continue;
		st->records++;
		if (nl_json_line(&jc, &r, p, n, err, sizeof(err)) < 0)
			imp_bad(sink, st, l.line, l.off, "%s", err);
		else if (!nl_get(&r, "event_type"))
			imp_bad(sink, st, l.line, l.off, "an object without event_type");
		else
			event(&s, &r);
		sink->record_end(sink->ctx);
	}
	nl_rec_release(&r);
	nl_json_release(&jc);
	imp_lines_release(&l);
	nl_join_free(s.names);
	return rc < 0 ? -1 : 0;
}

static int suricata_detect(const char *head, size_t n)
{
	if (imp_first(head, n) != '{' || !imp_has(head, n, "\"event_type\""))
		return 0;
	return imp_has(head, n, "\"src_ip\"") || imp_has(head, n, "\"flow_id\"") ||
	               imp_has(head, n, "\"in_iface\"")
	           ? 95
	           : 60;
}

const struct importer imp_suricata_eve = {
    .name = "suricata-eve",
    .summary = "Suricata EVE JSON (dns, tls, http, ssh, dhcp events; ether MACs)",
    .detect = suricata_detect,
    .read = suricata_read,
    .whole_records = 0,
    .line_records = 0,
};
