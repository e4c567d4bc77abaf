/* The scan engine: probes of probes.def for every target, in two phases, over the event loop. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bansweep/buf.h"
#include "bansweep/capture.h"
#include "bansweep/loop.h"
#include "bansweep/requests.h"
#include "bansweep/scan.h"
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
};

struct probe {
	const char *name;
	uint16_t port;
	int phase, udp;
	enum req req;
	dgram_fn dgram;
	stream_fn stream;
};

static const struct probe probes[] = {
#define TCPPROBE(name, port, phase, req, fn) {name, port, phase, 0, req, NULL, fn},
#define UDPPROBE(name, port, phase, req, fn) {name, port, phase, 1, req, fn, NULL},
#include "probe/probes.def"
#undef TCPPROBE
#undef UDPPROBE
};
#define NPROBES (sizeof(probes) / sizeof(*probes))

const char *const scan_probe_names[] = {
#define TCPPROBE(name, ...) name,
#define UDPPROBE(name, ...) name,
#include "probe/probes.def"
#undef TCPPROBE
#undef UDPPROBE
    NULL};

static struct loop *volatile current;

void scan_interrupt(void)
{
	struct loop *l = current;
	if (l)
		loop_stop(l);
}

struct run {
	const struct scan_config *cfg;
	const struct emit *em;
	struct scan_stats *st;
	scan_progress_fn progress;
	void *pctx;
	struct loop *loop;
	struct addr *alive; /* hosts that answered in phase 1 (may repeat: deduplicated later) */
	size_t nalive, capalive;
	time_t last;
};

struct ctx {
	struct run *run;
	const struct probe *pr;
	struct addr a;
};

/* A banner line, or an FTP greeting, is complete: no need to wait for the idle timeout. */
static int line_done(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return memchr(p, '\n', n) != NULL;
}

static int submit(struct run *r, const struct probe *pr, const struct addr *a);

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
		return req_snmp_get(out, cap,
		                    c->run->cfg->community ? c->run->cfg->community : "public",
		                    (uint32_t)rand());
	case REQ_SADP:
		return req_sadp_inquiry((char *)out, cap, "6F4D1C7A-5B2E-4C3D-8E9F-0A1B2C3D4E5F");
	case REQ_DHIP:
		return req_dhip_search(out, cap, 1);
	case REQ_WSD:
		return req_wsd_probe((char *)out, cap, "6f4d1c7a-5b2e-4c3d-8e9f-0a1b2c3d4e5f");
	case REQ_SSDP:
		return req_ssdp_msearch((char *)out, cap);
	}
	return 0;
}

static void note_alive(struct run *r, const struct addr *a)
{
	if (r->nalive && !memcmp(&r->alive[r->nalive - 1], a, sizeof(*a)))
		return; /* phase-1 probes of one host finish close together */
	if (r->nalive == r->capalive) {
		r->capalive = r->capalive ? r->capalive * 2 : 64;
		r->alive = xrealloc(r->alive, r->capalive * sizeof(*r->alive));
	}
	r->alive[r->nalive++] = *a;
}

static void on_done(void *vctx, const struct exchange_result *res)
{
	struct ctx *c = vctx;
	struct run *r = c->run;
	const struct probe *pr = c->pr;
	struct pkt pk;
	memset(&pk, 0, sizeof(pk));
	pk.src = c->a;
	pk.sport = pr->port;
	pk.l4 = pr->udp ? 17 : 6;
	pk.ts_us = (uint64_t)time(NULL) * 1000000u;
	int connected = !pr->udp && res->connect_us > 0;
	int answered =
	    connected || res->len > 0 || res->outcome == XCH_REFUSED || res->outcome == XCH_RESET;
	if (answered) {
		r->st->answers++;
		if (pr->phase == 1)
			note_alive(r, &c->a);
	}
	if (connected) {
		char port[8];
		int n = snprintf(port, sizeof(port), "%u", pr->port);
		r->em->obs(r->em->ctx, &pk, SIDE_SRC, K_TCP_PORT, port, (size_t)n);
	}
	if (res->len && pr->stream) {
		pr->stream(res->data, res->len, 0, &pk, r->em);
	} else if (res->len && pr->dgram) {
		size_t off = 0, n;
		const uint8_t *p;
		while (xch_dgram_next(res, &off, &p, &n))
			pr->dgram(p, n, &pk, r->em);
	}
	/* Phase 1 asks one probe first (TCP 80: an answer, even a refusal, says a host is there);
	 * an address that gives none is given up instead of costing a timeout per probe. A host
	 * that drops TCP 80 without a word is found by the ARP and ICMP discovery to come. */
	if (pr == &probes[0] && r->st->phase == 1 && answered)
		for (size_t k = 1; k < NPROBES; k++)
			if (probes[k].phase == 1)
				submit(r, &probes[k], &c->a);
	if (r->progress) {
		time_t now = time(NULL);
		if (now != r->last) {
			r->last = now;
			r->progress(r->pctx, r->st);
		}
	}
	free(c);
}

static int submit(struct run *r, const struct probe *pr, const struct addr *a)
{
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	if (a->fam == 4) {
		struct sockaddr_in sin;
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(pr->port);
		memcpy(&sin.sin_addr, a->b, 4);
		memcpy(&sp.peer, &sin, sizeof(sin));
		sp.peer_len = sizeof(sin);
	} else {
		struct sockaddr_in6 sin6;
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons(pr->port);
		memcpy(&sin6.sin6_addr, a->b, 16);
		memcpy(&sp.peer, &sin6, sizeof(sin6));
		sp.peer_len = sizeof(sin6);
	}
	struct ctx *c = xmalloc(sizeof(*c));
	c->run = r;
	c->pr = pr;
	c->a = *a;
	char host[64];
	addr_format(a, host, sizeof(host));
	if (a->fam == 6) {
		char b[70];
		snprintf(b, sizeof(b), "[%s]", host);
		bs_strlcpy(host, b, sizeof(host));
	}
	uint8_t req[2048];
	size_t n = build(c, req, sizeof(req), host);
	sp.proto = pr->udp ? XCH_UDP : XCH_TCP;
	sp.send = n ? req : NULL;
	sp.send_len = n;
	unsigned t = r->cfg->timeout_ms ? r->cfg->timeout_ms : 1500;
	sp.idle_ms = t;
	sp.deadline_ms = t * 3;
	sp.retries = pr->udp ? 1 : 0;
	if (pr->req == REQ_NONE)
		sp.enough = line_done;
	if (loop_submit(r->loop, &sp, on_done, c) < 0) {
		free(c);
		return -1;
	}
	r->st->exchanges++;
	return 0;
}

struct phase1 {
	struct run *r;
	int rc;
};

static int submit_phase1(void *vctx, const struct addr *a)
{
	struct phase1 *p = vctx;
	p->r->st->targets++;
	if (submit(p->r, &probes[0], a) < 0)
		return p->rc = -1;
	return 0;
}

static int addr_cmp(const void *x, const void *y)
{
	return memcmp(x, y, sizeof(struct addr));
}

int scan_run(struct targets *t, const struct scan_config *cfg, const struct emit *em,
             struct scan_stats *st, scan_progress_fn progress, void *pctx, struct bs_err *e)
{
	memset(st, 0, sizeof(*st));
	struct loop_config lc = {0, cfg->per_host ? cfg->per_host : 2,
	                         cfg->rate > 0 ? cfg->rate : 300.0, 0};
	struct run r = {cfg, em, st, progress, pctx, NULL, NULL, 0, 0, 0};
	r.loop = loop_new(&lc, e);
	if (!r.loop)
		return -1;
	current = r.loop;
	/* Phase 1: is anybody there? */
	st->phase = 1;
	struct phase1 p1 = {&r, 0};
	targets_each(t, submit_phase1, &p1);
	int rc = p1.rc < 0 ? bs_fail(e, "cannot queue the probes") : loop_run(r.loop, e);
	/* Phase 2: ask the hosts that answered the rest. */
	if (rc == 0) {
		qsort(r.alive, r.nalive, sizeof(*r.alive), addr_cmp);
		size_t o = 0;
		for (size_t i = 0; i < r.nalive; i++)
			if (!o || memcmp(&r.alive[o - 1], &r.alive[i], sizeof(*r.alive)))
				r.alive[o++] = r.alive[i];
		r.nalive = o;
		st->alive = o;
		st->phase = 2;
		for (size_t i = 0; i < r.nalive && rc == 0; i++)
			for (size_t k = 0; k < NPROBES && rc == 0; k++)
				if (probes[k].phase == 2 && submit(&r, &probes[k], &r.alive[i]) < 0)
					rc = bs_fail(e, "cannot queue the probes");
		if (rc == 0)
			rc = loop_run(r.loop, e);
	}
	current = NULL;
	loop_free(r.loop);
	free(r.alive);
	if (progress)
		progress(pctx, st);
	return rc;
}
