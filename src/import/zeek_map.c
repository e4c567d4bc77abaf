/* Zeek log records -> observations. Field meanings from Zeek's script reference (base/protocols
 * and policy/protocols: conn/main.zeek, dns/main.zeek, ssl/main.zeek, files/x509/main.zeek,
 * http/main.zeek, ssh/main.zeek, dhcp/main.zeek and dhcp/software.zeek, software/main.zeek,
 * conn/known-services.zeek, policy/protocols/conn/mac-logging.zeek). Assets are named by address;
 * DHCP, whose log names the client by MAC, by the address assigned to it when there is one. */
#include <pthread.h>
#include <string.h>

#include "zeek.h"
#include "util/banned.h"

/* Zeek writes each log to its own file, and `bansweep import` reads them one after the other:
 * the join tables outlive one read (they are bounded), and reads take turns on them. */
static struct nl_join *certs, *ssl_wait, *names, *conn_wait;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void zeek_map_init(struct zeek_map *m, const struct imp_sink *sink, struct imp_stats *st)
{
	pthread_mutex_lock(&lock);
	if (!certs) {
		certs = nl_join_new();
		ssl_wait = nl_join_new();
		names = nl_join_new();
		conn_wait = nl_join_new();
	}
	memset(m, 0, sizeof(*m));
	m->sink = sink;
	m->st = st;
	m->certs = certs;
	m->ssl_wait = ssl_wait;
	m->names = names;
	m->conn_wait = conn_wait;
}

void zeek_map_release(struct zeek_map *m)
{
	(void)m;
	pthread_mutex_unlock(&lock);
}

static void obs(struct zeek_map *m, const char *asset, const char *key, const char *v)
{
	if (key)
		imp_obss(m->sink, m->st, asset, key, v, m->time);
}

/* An address-named asset: its ip first, so that every asset carries it. Unspecified,
 * broadcast and multicast addresses name no device: NULL, and nothing is emitted on them. */
static const char *host(struct zeek_map *m, const char *addr)
{
	if (!nl_is_unicast(addr))
		return NULL;
	obs(m, addr, "ip", addr);
	return addr;
}

const char *zeek_log_of(const struct nl_rec *r)
{
	if (r->path)
		return r->path;
	const char *p = nl_get(r, "_path");
	if (p)
		return p;
	if (nl_has(r, "id.orig_h")) {
		if (nl_has(r, "query") || nl_has(r, "qtype_name") || nl_has(r, "trans_id"))
			return "dns";
		if (nl_has(r, "method") || nl_has(r, "uri") || nl_has(r, "status_code"))
			return "http";
		if (nl_has(r, "auth_success") || nl_has(r, "auth_attempts") || nl_has(r, "kex_alg"))
			return "ssh";
		if (nl_has(r, "server_name") || nl_has(r, "cipher") ||
		    nl_has(r, "cert_chain_fps") || nl_has(r, "established"))
			return "ssl";
		if (nl_has(r, "conn_state") || nl_has(r, "history"))
			return "conn";
		return NULL;
	}
	if (nl_has(r, "fingerprint") || nl_has(r, "certificate.subject"))
		return "x509";
	if (nl_has(r, "software_type"))
		return "software";
	if (nl_has(r, "msg_types") || nl_has(r, "assigned_addr") || nl_has(r, "uids"))
		return "dhcp";
	if (nl_has(r, "port_num") && nl_has(r, "port_proto"))
		return "known_services";
	return NULL;
}

/* What a join's callback emits: on asset, or the values v, v2. */
struct emit2 {
	struct zeek_map *m;
	const char *asset, *v, *v2;
};

/* A name for the address a client connected to (flow.c does the same for captures). */
static void name_to_client(void *ctx, const char *client, const char *t)
{
	struct emit2 *e = ctx;
	imp_obss(e->m->sink, e->m->st, client, "net.peer_name", e->v, t);
}

static void client_of_name(void *ctx, const char *name, const char *unused)
{
	struct emit2 *e = ctx;
	(void)unused;
	imp_obss(e->m->sink, e->m->st, e->asset, "net.peer_name", name, e->m->time);
}

/* conn.log: an established TCP connection shows an open port on the responder (states with
 * the responder's SYN-ACK seen: S1, S2, S3, SF, RSTO, RSTR); mac-logging adds L2 addresses. */
static void conn(struct zeek_map *m, const struct nl_rec *r)
{
	const char *o = host(m, nl_get(r, "id.orig_h")), *s = host(m, nl_get(r, "id.resp_h"));
	obs(m, o, nl_link_mac_key(o, nl_get(r, "orig_l2_addr")), nl_get(r, "orig_l2_addr"));
	obs(m, s, nl_link_mac_key(s, nl_get(r, "resp_l2_addr")), nl_get(r, "resp_l2_addr"));
	const char *proto = nl_get(r, "proto"), *st = nl_get(r, "conn_state");
	static const char *const open[] = {"S1", "S2", "S3", "SF", "RSTO", "RSTR"};
	for (size_t i = 0; proto && st && !strcmp(proto, "tcp") && i < 6; i++)
		if (!strcmp(st, open[i]))
			obs(m, s, "tcp.port", nl_get(r, "id.resp_p"));
	if (o && s) {
		struct emit2 e = {m, o, NULL, NULL};
		nl_join_each(m->names, s, client_of_name, &e);
		nl_join_add(m->conn_wait, s, o, m->time);
	}
}

/* dns.log: the query is the client's; each address in answers is named by it. */
static void dns(struct zeek_map *m, const struct nl_rec *r)
{
	const char *o = host(m, nl_get(r, "id.orig_h")), *q = nl_get(r, "query");
	obs(m, o, "dns.qname", q);
	if (!q)
		return;
	for (size_t i = 0; i < r->n; i++) {
		const char *a = r->f[i].v;
		if (strcmp(r->f[i].name, "answers") || !nl_is_addr(a))
			continue;
		obs(m, host(m, a), "dns.answer", q);
		nl_join_add(m->names, a, q, NULL);
		struct emit2 e = {m, NULL, q, NULL};
		nl_join_each(m->conn_wait, a, name_to_client, &e);
	}
}

static void cert_to_server(void *ctx, const char *server, const char *t)
{
	struct emit2 *e = ctx;
	imp_obss(e->m->sink, e->m->st, server, "tls.cert.subject", e->v, t);
	imp_obss(e->m->sink, e->m->st, server, "tls.cert.issuer", e->v2, t);
}

static void server_cert(void *ctx, const char *subject, const char *issuer)
{
	struct emit2 *e = ctx;
	imp_obss(e->m->sink, e->m->st, e->asset, "tls.cert.subject", subject, e->m->time);
	imp_obss(e->m->sink, e->m->st, e->asset, "tls.cert.issuer", issuer, e->m->time);
}

/* ssl.log: the SNI is the client's; the server's certificate is in the record (Zeek < 5:
 * subject, issuer) or in x509.log under the first (leaf) fingerprint of cert_chain_fps (Zeek
 * >= 5; cert_chain_fuids and x509.log's id before). */
static void ssl(struct zeek_map *m, const struct nl_rec *r)
{
	const char *o = host(m, nl_get(r, "id.orig_h")), *s = host(m, nl_get(r, "id.resp_h"));
	obs(m, o, "tls.sni", nl_get(r, "server_name"));
	obs(m, s, "tls.cert.subject", nl_get(r, "subject"));
	obs(m, s, "tls.cert.issuer", nl_get(r, "issuer"));
	const char *fp = nl_get(r, "cert_chain_fps");
	if (!fp)
		fp = nl_get(r, "cert_chain_fuids");
	if (!fp || !s)
		return;
	struct emit2 e = {m, s, NULL, NULL};
	nl_join_each(m->certs, fp, server_cert, &e);
	nl_join_add(m->ssl_wait, fp, s, m->time);
}

/* x509.log: one certificate; its subject and issuer go to the servers that showed it as their
 * leaf. The SAN names are names the server claims, not names an asset looked up or announced:
 * no key holds them. */
static void x509(struct zeek_map *m, const struct nl_rec *r)
{
	const char *fp = nl_get(r, "fingerprint");
	if (!fp)
		fp = nl_get(r, "id");
	struct emit2 e = {m, NULL, nl_get(r, "certificate.subject"),
	                  nl_get(r, "certificate.issuer")};
	if (!fp || (!e.v && !e.v2))
		return;
	nl_join_add(m->certs, fp, e.v, e.v2);
	nl_join_each(m->ssl_wait, fp, cert_to_server, &e);
}

/* http.log: request headers are the client's; a server field (a policy script's, or another
 * writer's) is the responder's. */
static void http(struct zeek_map *m, const struct nl_rec *r)
{
	const char *o = host(m, nl_get(r, "id.orig_h"));
	obs(m, o, "http.host", nl_get(r, "host"));
	obs(m, o, "http.user_agent", nl_get(r, "user_agent"));
	const char *sv = nl_get(r, "server");
	if (sv)
		obs(m, host(m, nl_get(r, "id.resp_h")), "http.server", sv);
}

/* ssh.log: client and server are the identification strings (RFC 4253 §4.2), whole. */
static void ssh(struct zeek_map *m, const struct nl_rec *r)
{
	obs(m, host(m, nl_get(r, "id.orig_h")), "ssh.banner", nl_get(r, "client"));
	obs(m, host(m, nl_get(r, "id.resp_h")), "ssh.banner", nl_get(r, "server"));
}

/* dhcp.log: one DHCP exchange of a client, named by its MAC as the log names it; the address
 * assigned to it is its ip. */
static void dhcp(struct zeek_map *m, const struct nl_rec *r)
{
	const char *a = nl_get(r, "mac"), *ip = nl_get(r, "assigned_addr");
	obs(m, a, nl_mac_key(a), a);
	if (nl_is_unicast(ip))
		obs(m, a, "ip", ip);
	obs(m, a, "dhcp.hostname", nl_get(r, "host_name"));
	obs(m, a, "hostname", nl_get(r, "client_fqdn"));
	const char *vc = nl_get(r, "vendor_class");
	obs(m, a, "dhcp.vendor_class", vc ? vc : nl_get(r, "client_software"));
}

/* software.log: what a host runs, by Zeek's software type. */
static void software(struct zeek_map *m, const struct nl_rec *r)
{
	static const struct {
		const char *type, *key;
	} map[] = {
	    {"HTTP::SERVER", "http.server"},       {"HTTP::BROWSER", "http.user_agent"},
	    {"SSH::SERVER", "ssh.banner"},         {"SSH::CLIENT", "ssh.banner"},
	    {"DHCP::CLIENT", "dhcp.vendor_class"},
	};
	const char *t = nl_get(r, "software_type"), *v = nl_get(r, "unparsed_version");
	if (!t || !v)
		return;
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (!strcmp(t, map[i].type))
			obs(m, host(m, nl_get(r, "host")), map[i].key, v);
}

/* known_services.log: a service seen answering on a TCP port. */
static void known_services(struct zeek_map *m, const struct nl_rec *r)
{
	const char *pr = nl_get(r, "port_proto");
	if (pr && !strcmp(pr, "tcp"))
		obs(m, host(m, nl_get(r, "host")), "tcp.port", nl_get(r, "port_num"));
}

void zeek_map_rec(struct zeek_map *m, const struct nl_rec *r)
{
	static const struct {
		const char *log;
		void (*fn)(struct zeek_map *, const struct nl_rec *);
	} logs[] = {
	    {"conn", conn}, {"dns", dns},           {"ssl", ssl},
	    {"x509", x509}, {"http", http},         {"ssh", ssh},
	    {"dhcp", dhcp}, {"software", software}, {"known_services", known_services},
	};
	const char *log = zeek_log_of(r);
	m->time = nl_get(r, "ts");
	for (size_t i = 0; log && i < sizeof(logs) / sizeof(*logs); i++)
		if (!strcmp(log, logs[i].log))
			logs[i].fn(m, r);
}
