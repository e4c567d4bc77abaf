/* The scan engine: discovery (discover.c), then the probes of probes.def for every live target,
 * in two phases, over the event loop; then, on a port that spoke TLS, the HTTPS probes. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bansweep/buf.h"
#include "bansweep/capture.h"
#include "bansweep/discover.h"
#include "bansweep/loop.h"
#include "bansweep/requests.h"
#include "bansweep/scan.h"
#include "probe/complete.h"
#include "probe/location.h"
#include "probe/snmpq.h"
#include "util/banned.h"

enum req {
	REQ_NONE,
	REQ_HTTP_ROOT,
	REQ_HTTP_ISAPI,
	REQ_HTTP_MAGICBOX,
	REQ_ONVIF,
	REQ_RTSP_OPTIONS,
	REQ_TLS,
	REQ_SNMP,
	REQ_SADP,
	REQ_DHIP,
	REQ_WSD,
	REQ_SSDP,
	REQ_MDNS,
};

struct probe {
	const char *name;
	uint16_t port;
	int phase, udp;
	enum req req;
	dgram_fn dgram;
	stream_fn stream;
	const char *group; /* group probes: the discovery group */
	int join;
	int tls; /* over TLS (loop.h spec.tls): the HTTPS follow-ups, phase 3 */
};

static const struct probe probes[] = {
#define TCPPROBE(name, port, phase, req, fn) {name, port, phase, 0, req, NULL, fn, NULL, 0, 0},
#define UDPPROBE(name, port, phase, req, fn) {name, port, phase, 1, req, fn, NULL, NULL, 0, 0},
#define GROUPPROBE(name, group, port, join, req, fn)                                               \
	{name, port, 1, 1, req, fn, NULL, group, join, 0},
#define TLSPROBE(name, port, req, fn) {name, port, 3, 0, req, NULL, fn, NULL, 0, 1},
#include "probe/probes.def"
#undef TCPPROBE
#undef UDPPROBE
#undef GROUPPROBE
#undef TLSPROBE
};
#define NPROBES (sizeof(probes) / sizeof(*probes))
/* Gate probes queued or running at once (see refill). */
#define GATE_WINDOW 4096
_Static_assert(NPROBES <= 32, "struct host.spoke holds a bit per probe");

const char *const scan_probe_names[] = {
#define TCPPROBE(name, ...)   name,
#define UDPPROBE(name, ...)   name,
#define GROUPPROBE(name, ...) name,
#define TLSPROBE(name, ...)   name,
#include "probe/probes.def"
#undef TCPPROBE
#undef UDPPROBE
#undef GROUPPROBE
#undef TLSPROBE
    NULL};

/* A follow-up fetch: the UPnP description an SSDP answer points to. */
static const struct probe upnp_desc = {"upnp-description", 0,    2, 0, REQ_HTTP_ROOT, NULL,
                                       proto_http,         NULL, 0, 0};

static struct loop *volatile current;

void scan_interrupt(void)
{
	discover_interrupt();
	struct loop *l = current;
	if (l)
		loop_stop(l);
}

/* The hosts known to be there, found by discovery or by an answer. `full`: every phase-1 probe
 * has been sent to it; `answered`: one of them (or a group probe) got an answer; `asked2`: its
 * phase-2 probes have been sent. A host goes on to phase 2 as soon as its own phase 1 is over and
 * it answered: no host waits for the others, and a host that ARP found but that answers nothing
 * keeps its MAC without being asked a dozen things more in vain. Open addressing; the targets
 * only asked the gate probe are not kept here (there may be 2^24 of them). */
struct host {
	struct addr a;
	uint8_t used, up, full, answered, asked2, located;
	uint16_t pending; /* phase-1 exchanges of full_phase1 not done yet */
	uint32_t spoke;   /* phase-1 probes (bit = index in probes[]) that got bytes back */
};

struct run {
	const struct scan_config *cfg;
	struct targets *t;
	const struct emit *em;
	struct scan_stats *st;
	scan_progress_fn progress;
	void *pctx;
	struct loop *loop;
	struct host *hosts;
	size_t nhosts, caphosts;
	time_t last;
	struct tcursor cur; /* the next target for the gate */
	int cur_done, refilling, failed;
};

struct ctx {
	struct run *run;
	const struct probe *pr;
	struct addr a;
	int counted; /* in its host's pending count */
	uint16_t port;
	char path[200];    /* follow-up fetches */
	struct snmpq snmp; /* REQ_SNMP: this request of the conversation */
};

static size_t build(const struct ctx *c, uint8_t *out, size_t cap, const char *host)
{
	switch (c->pr->req) {
	case REQ_NONE:
		return 0;
	case REQ_HTTP_ROOT:
		return req_http_get((char *)out, cap, host, "/");
	case REQ_HTTP_ISAPI:
		return req_http_get((char *)out, cap, host, "/ISAPI/System/deviceInfo");
	case REQ_HTTP_MAGICBOX:
		return req_http_get((char *)out, cap, host,
		                    "/cgi-bin/magicBox.cgi?action=getSystemInfo");
	case REQ_ONVIF:
		return req_onvif_devinfo((char *)out, cap, host);
	case REQ_RTSP_OPTIONS:
		return req_rtsp((char *)out, cap, "OPTIONS", host, c->pr->port, "/", 1);
	case REQ_TLS:
		return req_tls_hello(out, cap);
	case REQ_SNMP:
		return snmpq_request(
		    &c->snmp, c->run->cfg->community ? c->run->cfg->community : "public", out, cap);
	case REQ_SADP:
		return req_sadp_inquiry((char *)out, cap, "6F4D1C7A-5B2E-4C3D-8E9F-0A1B2C3D4E5F");
	case REQ_DHIP:
		return req_dhip_search(out, cap, 1);
	case REQ_WSD:
		return req_wsd_probe((char *)out, cap, "6f4d1c7a-5b2e-4c3d-8e9f-0a1b2c3d4e5f");
	case REQ_SSDP:
		return req_ssdp_msearch((char *)out, cap);
	case REQ_MDNS:
		return req_mdns_services(out, cap);
	}
	return 0;
}

/* The slot of a in a table of cap entries (a power of two): its own, or the free one where it
 * would go. */
static struct host *host_slot(struct host *v, size_t cap, const struct addr *a)
{
	size_t j = bs_hash(a->b, 16) & (cap - 1);
	while (v[j].used && memcmp(&v[j].a, a, sizeof(*a)))
		j = (j + 1) & (cap - 1);
	return &v[j];
}

static struct host *host_find(struct run *r, const struct addr *a)
{
	struct host *h = r->caphosts ? host_slot(r->hosts, r->caphosts, a) : NULL;
	return h && h->used ? h : NULL;
}

static struct host *host_get(struct run *r, const struct addr *a)
{
	if (2 * (r->nhosts + 1) > r->caphosts) {
		size_t cap = r->caphosts ? r->caphosts * 2 : 1024;
		struct host *h = xcalloc(cap, sizeof(*h));
		for (size_t i = 0; i < r->caphosts; i++)
			if (r->hosts[i].used)
				*host_slot(h, cap, &r->hosts[i].a) = r->hosts[i];
		free(r->hosts);
		r->hosts = h;
		r->caphosts = cap;
	}
	struct host *h = host_slot(r->hosts, r->caphosts, a);
	if (!h->used) {
		h->used = 1;
		h->a = *a;
		r->nhosts++;
	}
	if (!h->up) {
		h->up = 1;
		r->st->alive++;
	}
	return h;
}

static int submit(struct run *r, const struct probe *pr, const struct addr *a, int counted);
static void refill(struct run *r);
static int submit_ctx(struct ctx *c);

/* A phase-2 probe is not sent to a port whose phase-1 probe got no bytes back: a port 80 that
 * did not answer GET / will not answer the ISAPI page either (and a peer that accepts and
 * says nothing costs a timeout per question). */
static int mute(const struct host *h, const struct probe *pr)
{
	for (size_t j = 0; j < NPROBES; j++)
		if (probes[j].phase == 1 && !probes[j].group && probes[j].port == pr->port &&
		    probes[j].udp == pr->udp && !(h->spoke & (1u << j)))
			return 1;
	return 0;
}

/* The probes of a phase to one host, the UDP ones first: unanswered, they take the longest, and
 * the host's few exchanges at once should not all wait behind them. */
static int submit_phase(struct run *r, int phase, const struct addr *a, const struct probe *skip)
{
	const struct host *h = host_find(r, a);
	for (int udp = 1; udp >= 0; udp--)
		for (size_t k = 0; k < NPROBES; k++)
			if (probes[k].phase == phase && !probes[k].group && probes[k].udp == udp &&
			    &probes[k] != skip && !(phase == 2 && h && mute(h, &probes[k])) &&
			    submit(r, &probes[k], a, phase == 1) < 0)
				return -1;
	return 0;
}

/* The host is there: its phase-1 probes go now (but the gate probe when that is what
 * answered). */
static void full_phase1(struct run *r, const struct addr *a, int gate_answered)
{
	struct host *h = host_get(r, a);
	if (h->full)
		return;
	h->full = 1;
	submit_phase(r, 1, a, gate_answered ? &probes[0] : NULL);
}

/* The host answered and its phase 1 is over: phase 2. */
static void maybe_phase2(struct run *r, const struct addr *a)
{
	struct host *h = host_find(r, a);
	if (!h || !h->answered || h->pending || h->asked2)
		return;
	h->asked2 = 1;
	r->st->asked2++;
	submit_phase(r, 2, a, NULL);
}

/* An SSDP answer's LOCATION on the same host: the UPnP description (manufacturer, model),
 * fetched once per host (every SSDP answer of a device, one per service, by group and by
 * unicast, names the same one). */
static void follow_location(struct run *r, const struct addr *a, const uint8_t *p, size_t n)
{
	struct host *hs = host_find(r, a);
	if (hs && hs->located)
		return;
	struct ctx *c = xcalloc(1, sizeof(*c));
	if (!ssdp_location(p, n, a, &c->port, c->path, sizeof(c->path))) {
		free(c);
		return;
	}
	c->run = r;
	c->pr = &upnp_desc;
	c->a = *a;
	if (submit_ctx(c) == 0)
		host_get(r, a)->located = 1;
}

/* The next request of the SNMP conversation with the same agent (snmpq.c: the v1 fallback, the
 * ENTITY-MIB and vendor model objects), if any. It is not counted in the host's phase 1, but its
 * answer marks the host as answering like the first request's would. */
static void follow_snmp(struct run *r, const struct ctx *c, const struct exchange_result *res)
{
	size_t off = 0, n = 0;
	const uint8_t *p = NULL;
	if (!xch_dgram_next(res, &off, &p, &n))
		p = NULL, n = 0;
	struct snmpq q = c->snmp;
	if (!snmpq_next(&q, p, n, res->outcome == XCH_TIMEOUT, (uint32_t)rand()))
		return;
	struct ctx *f = xcalloc(1, sizeof(*f));
	f->run = r;
	f->pr = c->pr;
	f->a = c->a;
	f->port = c->port;
	f->snmp = q;
	submit_ctx(f);
}

/* The HTTPS follow-ups (probes.def, phase 3), in two steps. When the "https" probe's answer
 * starts with a ServerHello (a handshake record holding message type 2, RFC 5246 §6.2.1 and
 * §7.4), the port's first TLS probe (GET /) goes; a closed, silent or non-TLS port costs nothing
 * more. When that answer came whole (headers complete, not cut at the read limit), the port's
 * other TLS probes go: a peer that stalls, trickles or floods after the handshake costs one
 * exchange, not one per question (the plain HTTP questions are spared the same way by mute()). */
static void follow_tls(struct run *r, const struct ctx *c, const struct exchange_result *res)
{
	const uint8_t *p = res->data;
	const struct probe *first = NULL;
	for (size_t k = 0; k < NPROBES && !first; k++)
		if (probes[k].tls && probes[k].port == c->port)
			first = &probes[k];
	int hello = c->pr->req == REQ_TLS;
	if (!first || (hello && (res->len < 6 || p[0] != 22 || p[1] != 3 || p[5] != 2)) ||
	    (!hello &&
	     (c->pr != first || res->truncated || !res->len || !complete_http(p, res->len, 0))))
		return;
	for (const struct probe *q = first; q < probes + NPROBES; q++) {
		if (!q->tls || q->port != c->port || (!hello && q == first))
			continue;
		struct ctx *f = xcalloc(1, sizeof(*f));
		f->run = r;
		f->pr = q;
		f->a = c->a;
		f->port = c->port;
		submit_ctx(f);
		if (hello)
			return; /* GET / alone, first */
	}
}

static void progress(struct run *r)
{
	if (!r->progress)
		return;
	time_t now = time(NULL);
	if (now != r->last) {
		r->last = now;
		r->progress(r->pctx, r->st);
	}
}

static void fill_pkt(struct pkt *pk, const struct addr *a, uint16_t port, int udp)
{
	memset(pk, 0, sizeof(*pk));
	pk->src = *a;
	pk->sport = port;
	pk->l4 = udp ? 17 : 6;
	pk->ts_us = (uint64_t)time(NULL) * 1000000u;
}

static void on_done(void *vctx, const struct exchange_result *res)
{
	struct ctx *c = vctx;
	struct run *r = c->run;
	const struct probe *pr = c->pr;
	struct pkt pk;
	fill_pkt(&pk, &c->a, c->port, pr->udp);
	int connected = !pr->udp && res->connect_us > 0;
	int answered =
	    connected || res->len > 0 || res->outcome == XCH_REFUSED || res->outcome == XCH_RESET;
	if (answered)
		r->st->answers++;
	if (connected && pr != &upnp_desc && !pr->tls) {
		char port[8];
		int n = snprintf(port, sizeof(port), "%u", c->port);
		r->em->obs(r->em->ctx, &pk, SIDE_SRC, K_TCP_PORT, port, (size_t)n);
	}
	if (res->len && pr->stream) {
		pr->stream(res->data, res->len, 0, &pk, r->em);
	} else if (res->len && pr->dgram) {
		size_t off = 0, n;
		const uint8_t *p;
		while (xch_dgram_next(res, &off, &p, &n)) {
			pr->dgram(p, n, &pk, r->em);
			if (pr->req == REQ_SSDP)
				follow_location(r, &c->a, p, n);
		}
	}
	if (pr->req == REQ_SNMP)
		follow_snmp(r, c, res);
	if (pr->req == REQ_TLS || pr->tls)
		follow_tls(r, c, res);
	/* Phase 1 asks one probe first (TCP 80: an answer, even a refusal, says a host is there)
	 * of the targets discovery did not settle; an address that gives none is given up
	 * instead of costing a timeout per probe. */
	if (answered && pr->phase == 1)
		full_phase1(r, &c->a, pr == &probes[0]);
	if (pr->phase == 1) {
		struct host *h = host_find(r, &c->a);
		if (h && c->counted)
			h->pending--;
		if (h && answered)
			h->answered = 1;
		if (h && res->len)
			h->spoke |= 1u << (pr - probes);
		if (h)
			maybe_phase2(r, &c->a);
	}
	progress(r);
	free(c);
	refill(r);
}

/* A group probe's answer, from any host: kept when the host is a target. */
static void on_group_dgram(void *vctx, const struct sockaddr *from, socklen_t fromlen,
                           const uint8_t *data, size_t len)
{
	struct ctx *c = vctx;
	struct run *r = c->run;
	struct addr a;
	memset(&a, 0, sizeof(a));
	uint16_t port;
	if (from->sa_family == AF_INET && fromlen >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)from;
		a.fam = 4;
		memcpy(a.b, &s->sin_addr, 4);
		port = ntohs(s->sin_port);
	} else {
		return;
	}
	if (!targets_contains(r->t, &a)) {
		r->st->outside++;
		return;
	}
	struct pkt pk;
	fill_pkt(&pk, &a, port, 1);
	r->st->answers++;
	c->pr->dgram(data, len, &pk, r->em);
	if (c->pr->req == REQ_SSDP)
		follow_location(r, &a, data, len);
	full_phase1(r, &a, 0);
	host_get(r, &a)->answered = 1;
	maybe_phase2(r, &a);
	progress(r);
}

static void on_group_done(void *vctx, const struct exchange_result *res)
{
	(void)res;
	struct ctx *c = vctx;
	struct run *r = c->run;
	free(c);
	refill(r);
}

/* When an answer is whole, so that the exchange ends then instead of at the idle timeout. */
static void answer_bounds(const struct probe *pr, struct exchange_spec *sp)
{
	switch (pr->req) {
	case REQ_NONE:
		if (pr->stream)
			sp->enough = complete_line_answer; /* a banner */
		else
			sp->connect_only = 1; /* presence */
		break;
	case REQ_HTTP_ROOT:
	case REQ_HTTP_ISAPI:
	case REQ_HTTP_MAGICBOX:
	case REQ_ONVIF:
		sp->enough = complete_http_answer;
		break;
	case REQ_RTSP_OPTIONS:
		sp->enough = complete_rtsp_answer;
		break;
	case REQ_TLS:
		sp->enough = complete_tls_answer;
		break;
	case REQ_SSDP:
	case REQ_MDNS:
		break; /* several answers, one per service */
	case REQ_SNMP:
	case REQ_SADP:
	case REQ_DHIP:
	case REQ_WSD:
		sp->max_replies = 1;
		break;
	}
}

static int submit_ctx(struct ctx *c)
{
	struct run *r = c->run;
	const struct probe *pr = c->pr;
	const struct addr *a = &c->a;
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	if (a->fam == 4) {
		struct sockaddr_in sin;
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(c->port);
		memcpy(&sin.sin_addr, a->b, 4);
		memcpy(&sp.peer, &sin, sizeof(sin));
		sp.peer_len = sizeof(sin);
	} else {
		struct sockaddr_in6 sin6;
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(c->port);
		memcpy(&sin6.sin6_addr, a->b, 16);
		memcpy(&sp.peer, &sin6, sizeof(sin6));
		sp.peer_len = sizeof(sin6);
	}
	char host[64];
	addr_format(a, host, sizeof(host));
	if (a->fam == 6) {
		char b[70];
		snprintf(b, sizeof(b), "[%s]", host);
		bs_strlcpy(host, b, sizeof(host));
	}
	uint8_t req[2048];
	size_t n = c->path[0] ? req_http_get((char *)req, sizeof(req), host, c->path)
	                      : build(c, req, sizeof(req), host);
	sp.proto = pr->udp ? XCH_UDP : XCH_TCP;
	sp.send = n ? req : NULL;
	sp.send_len = n;
	unsigned t = r->cfg->timeout_ms ? r->cfg->timeout_ms : 1500;
	/* An unanswered SYN or datagram is most of the time spent on hosts that filter: half the
	 * timeout for those (a LAN answers in a millisecond, a VPN in a few hundred), the whole
	 * of it between the bytes of an answer, and three times it for the whole exchange (a
	 * peer that trickles). A datagram is sent twice. */
	unsigned half = t / 2 > 250 ? t / 2 : 250;
	sp.idle_ms = pr->udp ? half : t;
	sp.connect_ms = half;
	sp.deadline_ms = t * 3;
	sp.retries = pr->req == REQ_SNMP ? snmpq_retries(&c->snmp) : pr->udp ? 1 : 0;
	answer_bounds(pr, &sp);
	sp.tls = pr->tls;
	if (loop_submit(r->loop, &sp, on_done, c) < 0) {
		free(c);
		return -1;
	}
	r->st->exchanges++;
	return 0;
}

static int submit(struct run *r, const struct probe *pr, const struct addr *a, int counted)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	c->run = r;
	c->pr = pr;
	c->a = *a;
	c->port = pr->port;
	c->counted = counted;
	if (pr->req == REQ_SNMP)
		snmpq_start(&c->snmp, (uint32_t)rand());
	if (counted)
		host_get(r, a)->pending++;
	if (submit_ctx(c) == 0)
		return 0;
	if (counted)
		host_get(r, a)->pending--;
	return -1;
}

/* The group probes, once per attached segment that holds targets. */
static void submit_groups(struct run *r)
{
	const struct segment *seg;
	size_t ns = r->cfg->disc ? discover_segments(r->cfg->disc, &seg) : 0;
	unsigned t = r->cfg->timeout_ms ? r->cfg->timeout_ms : 1500;
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; k < NPROBES; k++) {
			const struct probe *pr = &probes[k];
			if (!pr->group)
				continue;
			struct ctx *c = xcalloc(1, sizeof(*c));
			c->run = r;
			c->pr = pr;
			c->port = pr->port;
			uint8_t req[2048];
			size_t n = build(c, req, sizeof(req), pr->group);
			struct exchange_spec sp;
			memset(&sp, 0, sizeof(sp));
			struct sockaddr_in *g = (struct sockaddr_in *)&sp.peer;
			g->sin_family = AF_INET;
			g->sin_port = htons(pr->port);
			inet_pton(AF_INET, pr->group, &g->sin_addr);
			sp.peer_len = sizeof(*g);
			sp.proto = XCH_UDP_GATHER;
			sp.send = req;
			sp.send_len = n;
			sp.deadline_ms = t;
			sp.idle_ms = t;
			sp.retries = 1;
			sp.ifindex = seg[i].ifindex;
			sp.join = pr->join;
			sp.on_dgram = on_group_dgram;
			if (loop_submit(r->loop, &sp, on_group_done, c) < 0)
				free(c);
			else
				r->st->exchanges++;
		}
}

static void on_found(void *vctx, const struct addr *a, const uint8_t *mac, unsigned method)
{
	struct run *r = vctx;
	(void)method;
	if (mac) {
		struct pkt pk;
		fill_pkt(&pk, a, 0, 0);
		char m[18];
		snprintf(m, sizeof(m), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		         mac[3], mac[4], mac[5]);
		r->em->obs(r->em->ctx, &pk, SIDE_SRC, K_MAC, m, 17);
	}
	full_phase1(r, a, 0);
}

static void on_tick(void *vctx, uint64_t sent, uint64_t found)
{
	struct run *r = vctx;
	r->st->disc_sent = sent;
	r->st->disc_found = found;
	progress(r);
}

/* One target: settled already (found by discovery, or ARP said nobody is there), probed as if up
 * (--assume-up), or asked the gate probe. */
static int gate(struct run *r, const struct addr *a)
{
	r->st->targets++;
	struct host *h = host_find(r, a);
	if (h && h->full)
		return 0; /* found by discovery: asked already */
	if (r->cfg->assume_up) {
		full_phase1(r, a, 0);
		return 0;
	}
	if (r->cfg->disc && discover_arp_covers(r->cfg->disc, a))
		return 0; /* ARP asked and nobody answered: nobody is there */
	if (!r->cfg->no_tcp_gate && submit(r, &probes[0], a, 0) < 0)
		return -1;
	return 0;
}

/* Targets go to the loop a window at a time, as exchanges end: a queue of 2^24 would not fit in
 * memory, a window of a few thousand keeps the loop busy at any rate. */
static void refill(struct run *r)
{
	if (r->refilling || r->cur_done || r->failed)
		return;
	r->refilling = 1;
	struct loop_stats ls;
	loop_get_stats(r->loop, &ls);
	uint64_t busy = (uint64_t)ls.queued + ls.in_flight;
	while (busy < GATE_WINDOW) {
		struct addr a;
		if (!targets_next(r->t, &r->cur, &a)) {
			r->cur_done = 1;
			break;
		}
		uint64_t before = r->st->exchanges;
		if (gate(r, &a) < 0) {
			r->failed = 1;
			break;
		}
		busy += r->st->exchanges - before;
	}
	r->refilling = 0;
}

int scan_run(struct targets *t, const struct scan_config *cfg, const struct emit *em,
             struct scan_stats *st, scan_progress_fn progress_fn, void *pctx, struct bs_err *e)
{
	memset(st, 0, sizeof(*st));
	struct loop_config lc = {0, cfg->per_host ? cfg->per_host : 2,
	                         cfg->rate > 0 ? cfg->rate : 300.0, 0};
	struct run r;
	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.t = t;
	r.em = em;
	r.st = st;
	r.progress = progress_fn;
	r.pctx = pctx;
	r.loop = loop_new(&lc, e);
	if (!r.loop)
		return -1;
	current = r.loop;
	int rc = 0;
	/* Discovery: ARP on the attached segments, ICMP echo elsewhere. A discovery packet is
	 * one small frame where an exchange is a connection: they go at 4 times the rate. */
	if (cfg->disc && discover_methods(cfg->disc)) {
		st->phase = 0;
		/* A segment answers ARP within milliseconds; echo replies may cross a WAN. */
		unsigned wait = discover_methods(cfg->disc) & DISC_ICMP ? 800 : 300;
		rc = discover_run(cfg->disc, 4 * lc.rate, wait, 1, on_found, on_tick, &r, e);
	}
	/* Probes: the group probes, the gate probe to the targets discovery did not settle, and
	 * each host's phases as it comes. */
	if (rc == 0) {
		st->phase = 1;
		if (!cfg->no_groups)
			submit_groups(&r);
		targets_cursor(t, &r.cur);
		refill(&r);
		rc = r.failed ? bs_fail(e, "cannot queue the probes") : loop_run(r.loop, e);
		if (rc == 0 && r.failed)
			rc = bs_fail(e, "cannot queue the probes");
	}
	current = NULL;
	loop_free(r.loop);
	free(r.hosts);
	if (progress_fn)
		progress_fn(pctx, st);
	return rc;
}
