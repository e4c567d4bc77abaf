/* The capture engine: link layers, the emit callbacks that collect observations, and the end of
 * a run. Link types are libpcap's DLT values. */
#include <arpa/inet.h>
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/rd.h"
#include "capture/capture_int.h"
#include "util/banned.h"

void addr_format(const struct addr *a, char *out, size_t n)
{
	if (a->fam == 4)
		inet_ntop(AF_INET, a->b, out, (socklen_t)n);
	else if (a->fam == 6)
		inet_ntop(AF_INET6, a->b, out, (socklen_t)n);
	else if (n)
		out[0] = 0;
}

static void em_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                   size_t n)
{
	struct capture *c = ctx;
	const uint8_t *mac = who == SIDE_SRC ? p->src_mac : p->dst_mac;
	const struct addr *ip = who == SIDE_SRC ? &p->src : &p->dst;
	if (!mac && ip->fam == 0)
		return; /* nobody to attach it to */
	int r = obsstore_add(c->obs, mac, ip, key, v, n, p->ts_us);
	if (r > 0)
		c->st.obs++;
	else if (r < 0)
		c->st.obs_dropped++;
}

static void em_answer(void *ctx, const struct pkt *p, const char *name, size_t n,
                      const struct addr *a)
{
	(void)p;
	struct capture *c = ctx;
	obsstore_answer(c->obs, name, n, a);
}

static void em_bind(void *ctx, const uint8_t mac[6], const struct addr *a)
{
	struct capture *c = ctx;
	obsstore_bind(c->obs, mac, a);
}

struct capture *capture_new(const struct capture_limits *lim)
{
	struct capture *c = xcalloc(1, sizeof(*c));
	c->lim.max_flows = 65536;
	c->lim.max_obs = 4u << 20;
	c->lim.flow_idle_us = 120ULL * 1000000;
	if (lim) {
		if (lim->max_flows)
			c->lim.max_flows = lim->max_flows;
		if (lim->max_obs)
			c->lim.max_obs = lim->max_obs;
		if (lim->flow_idle_us)
			c->lim.flow_idle_us = lim->flow_idle_us;
	}
	c->obs = obsstore_new(c->lim.max_obs);
	c->flows = flowtab_new(c, c->lim.max_flows, c->lim.flow_idle_us);
	c->em.obs = em_obs;
	c->em.answer = em_answer;
	c->em.bind = em_bind;
	c->em.ctx = c;
	return c;
}

void capture_free(struct capture *c)
{
	if (!c)
		return;
	flowtab_free(c->flows);
	obsstore_free(c->obs);
	free(c);
}

const struct emit *capture_emit(struct capture *c)
{
	return &c->em;
}

const struct capture_stats *capture_stats(const struct capture *c)
{
	return &c->st;
}

void capture_count(struct capture *c, unsigned idx, int rc)
{
	if (idx >= 32)
		return;
	if (rc == PROTO_OK)
		c->st.decoded[idx]++;
	else if (rc == PROTO_MALFORMED)
		c->st.malformed[idx]++;
}

void capture_stream(struct capture *c, const uint8_t *p, size_t n, int from_client,
                    const struct pkt *pk, uint16_t server_port)
{
	if (n == 0)
		return;
	unsigned idx = dispatch_stream_port(server_port);
	int rc = PROTO_NOT_MINE;
	if (idx != PROTO_IDX_NONE)
		rc = dispatch_run_stream(idx, p, n, from_client, pk, &c->em);
	if (rc == PROTO_NOT_MINE) {
		/* A server on a port of its own, or another protocol on a well-known port. */
		unsigned s = dispatch_sniff(p, n);
		if (s != PROTO_IDX_NONE && s != idx) {
			idx = s;
			rc = dispatch_run_stream(idx, p, n, from_client, pk, &c->em);
		}
	}
	if (idx != PROTO_IDX_NONE)
		capture_count(c, idx, rc);
}

/* Ethernet II with any number (up to 4) of 802.1Q / 802.1ad / QinQ tags (IEEE 802.1Q-2018). */
static void ethernet(struct capture *c, struct pkt *pk, struct rd *r)
{
	const uint8_t *dst = rd_bytes(r, 6), *src = rd_bytes(r, 6);
	uint16_t type = rd_be16(r);
	for (int tags = 0; tags < 4 && (type == 0x8100 || type == 0x88a8 || type == 0x9100);
	     tags++) {
		rd_skip(r, 2);
		type = rd_be16(r);
	}
	if (r->err) {
		c->st.link_errors++;
		return;
	}
	pk->dst_mac = dst;
	pk->src_mac = src;
	size_t n = rd_left(r);
	const uint8_t *p = rd_bytes(r, n);
	if (type == 0x0800)
		capture_ipv4(c, pk, p, n);
	else if (type == 0x86DD)
		capture_ipv6(c, pk, p, n);
	else if (type == 0x0806)
		capture_count(c, PROTO_IDX_ARP, proto_arp(p, n, pk, &c->em));
}

/* Linux cooked capture v1 (16 bytes) and v2 (20 bytes): only the sending station's address. */
static void cooked(struct capture *c, struct pkt *pk, struct rd *r, int v2)
{
	uint16_t hatype, proto;
	uint8_t halen;
	const uint8_t *addr;
	if (v2) {
		proto = rd_be16(r);
		rd_skip(r, 6); /* reserved, interface index */
		hatype = rd_be16(r);
		rd_skip(r, 1); /* packet type */
		halen = rd_u8(r);
		addr = rd_bytes(r, 8);
	} else {
		rd_skip(r, 2); /* packet type */
		hatype = rd_be16(r);
		halen = (uint8_t)rd_be16(r);
		addr = rd_bytes(r, 8);
		proto = rd_be16(r);
	}
	if (r->err) {
		c->st.link_errors++;
		return;
	}
	if (hatype == 1 && halen == 6)
		pk->src_mac = addr;
	size_t n = rd_left(r);
	const uint8_t *p = rd_bytes(r, n);
	if (proto == 0x0800)
		capture_ipv4(c, pk, p, n);
	else if (proto == 0x86DD)
		capture_ipv6(c, pk, p, n);
	else if (proto == 0x0806)
		capture_count(c, PROTO_IDX_ARP, proto_arp(p, n, pk, &c->em));
}

static void raw_ip(struct capture *c, struct pkt *pk, const uint8_t *p, size_t n)
{
	if (n == 0) {
		c->st.link_errors++;
		return;
	}
	if ((p[0] >> 4) == 4)
		capture_ipv4(c, pk, p, n);
	else if ((p[0] >> 4) == 6)
		capture_ipv6(c, pk, p, n);
	else
		c->st.link_errors++;
}

int capture_linktype_ok(int lt)
{
	return lt == DLT_EN10MB || lt == DLT_RAW || lt == DLT_IPV4 || lt == DLT_IPV6 ||
	       lt == DLT_LINUX_SLL || lt == DLT_LINUX_SLL2 || lt == DLT_NULL || lt == DLT_LOOP ||
	       lt == DLT_IEEE802_11 || lt == DLT_IEEE802_11_RADIO;
}

int capture_packet(struct capture *c, int lt, const uint8_t *data, size_t caplen, uint64_t ts_us)
{
	struct pkt pk;
	memset(&pk, 0, sizeof(pk));
	pk.ts_us = ts_us;
	c->st.packets++;
	c->st.bytes += caplen;
	struct rd r = rd_make(data, caplen);
	switch (lt) {
	case DLT_EN10MB:
		ethernet(c, &pk, &r);
		return 0;
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
		cooked(c, &pk, &r, lt == DLT_LINUX_SLL2);
		return 0;
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		raw_ip(c, &pk, data, caplen);
		return 0;
	case DLT_NULL:
	case DLT_LOOP:
		/* A 4-byte address family in the capturing host's (NULL) or network (LOOP) order:
		 * the IP version nibble says more reliably what follows. */
		rd_skip(&r, 4);
		if (r.err) {
			c->st.link_errors++;
			return 0;
		}
		raw_ip(c, &pk, rd_bytes(&r, rd_left(&r)), rd_left(&r));
		return 0;
	case DLT_IEEE802_11_RADIO:
		capture_count(c, PROTO_IDX_WIFI, proto_radiotap(data, caplen, ts_us, &c->em));
		return 0;
	case DLT_IEEE802_11:
		capture_count(c, PROTO_IDX_WIFI, proto_wifi(data, caplen, ts_us, &c->em));
		return 0;
	}
	c->st.packets--;
	c->st.bytes -= caplen;
	return -1;
}

void capture_finish(struct capture *c)
{
	if (c->finished)
		return;
	flowtab_flush(c->flows);
	c->finished = 1;
}

int capture_each(struct capture *c, capture_obs_fn fn, void *ctx)
{
	capture_finish(c);
	return obsstore_each(c->obs, fn, ctx);
}
