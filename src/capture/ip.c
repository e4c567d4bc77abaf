/* Network and transport layers: IPv4 (RFC 791), IPv6 and its extension headers (RFC 8200),
 * UDP (RFC 768) to the datagram decoders, TCP (RFC 9293) segments to the flow table. */
#include <string.h>

#include "bansweep/rd.h"
#include "capture/capture_int.h"
#include "util/banned.h"

static void udp(struct capture *c, struct pkt *pk, struct rd *r)
{
	pk->sport = rd_be16(r);
	pk->dport = rd_be16(r);
	uint16_t len = rd_be16(r);
	rd_skip(r, 2); /* checksum: captures often hold offloaded, unfinished ones */
	if (r->err || len < 8) {
		c->st.ip_errors++;
		return;
	}
	pk->l4 = 17;
	size_t n = rd_left(r);
	if ((size_t)len - 8 < n)
		n = (size_t)len - 8; /* Ethernet padding after a short datagram */
	const uint8_t *p = rd_bytes(r, n);
	unsigned idx = dispatch_dgram(pk->sport, pk->dport);
	if (idx == PROTO_IDX_NONE)
		return;
	capture_count(c, idx, dispatch_run_dgram(idx, p, n, pk, &c->em));
}

static void tcp(struct capture *c, struct pkt *pk, struct rd *r)
{
	pk->sport = rd_be16(r);
	pk->dport = rd_be16(r);
	uint32_t seq = rd_be32(r);
	rd_skip(r, 4); /* acknowledgement */
	uint8_t off = rd_u8(r);
	uint8_t flags = rd_u8(r);
	size_t hlen = (size_t)(off >> 4) * 4;
	if (r->err || hlen < 20) {
		c->st.ip_errors++;
		return;
	}
	rd_skip(r, hlen - 14); /* window, checksum, urgent pointer, options */
	if (r->err) {
		c->st.ip_errors++;
		return;
	}
	pk->l4 = 6;
	size_t n = rd_left(r);
	flowtab_segment(c->flows, pk, flags, seq, rd_bytes(r, n), n);
}

static void transport(struct capture *c, struct pkt *pk, uint8_t proto, struct rd *r)
{
	if (pk->src_mac)
		obsstore_seen(c->obs, pk->src_mac, &pk->src);
	if (pk->dst_mac)
		obsstore_seen(c->obs, pk->dst_mac, &pk->dst);
	if (proto == 17)
		udp(c, pk, r);
	else if (proto == 6)
		tcp(c, pk, r);
}

void capture_ipv4(struct capture *c, struct pkt *pk, const uint8_t *p, size_t n)
{
	struct rd r = rd_make(p, n);
	uint8_t vhl = rd_u8(&r);
	rd_skip(&r, 1);
	uint16_t total = rd_be16(&r);
	rd_skip(&r, 2);
	uint16_t frag = rd_be16(&r);
	rd_skip(&r, 1);
	uint8_t proto = rd_u8(&r);
	rd_skip(&r, 2);
	const uint8_t *src = rd_bytes(&r, 4), *dst = rd_bytes(&r, 4);
	size_t hlen = (size_t)(vhl & 15) * 4;
	if (r.err || (vhl >> 4) != 4 || hlen < 20 || total < hlen) {
		c->st.ip_errors++;
		return;
	}
	if (frag & 0x1fff) {
		c->st.fragments++; /* only first fragments carry the transport header */
		return;
	}
	pk->src.fam = pk->dst.fam = 4;
	memcpy(pk->src.b, src, 4);
	memcpy(pk->dst.b, dst, 4);
	/* The datagram is what the total length says, within what was captured. */
	struct rd whole = rd_make(p, total < n ? total : n);
	rd_skip(&whole, hlen);
	if (whole.err) {
		c->st.ip_errors++;
		return;
	}
	transport(c, pk, proto, &whole);
}

void capture_ipv6(struct capture *c, struct pkt *pk, const uint8_t *p, size_t n)
{
	struct rd r = rd_make(p, n);
	uint8_t v = rd_u8(&r);
	rd_skip(&r, 3);
	uint16_t plen = rd_be16(&r);
	uint8_t next = rd_u8(&r);
	rd_skip(&r, 1);
	const uint8_t *src = rd_bytes(&r, 16), *dst = rd_bytes(&r, 16);
	if (r.err || (v >> 4) != 6) {
		c->st.ip_errors++;
		return;
	}
	pk->src.fam = pk->dst.fam = 6;
	memcpy(pk->src.b, src, 16);
	memcpy(pk->dst.b, dst, 16);
	/* A payload length of 0 is a jumbogram (RFC 2675): take what was captured. */
	struct rd pay = rd_sub(&r, plen && plen < rd_left(&r) ? plen : rd_left(&r));
	for (int hops = 0; hops < 8; hops++) {
		switch (next) {
		case 0:  /* hop-by-hop options */
		case 43: /* routing */
		case 60: /* destination options */
		case 135: {
			next = rd_u8(&pay);
			uint8_t len = rd_u8(&pay);
			rd_skip(&pay, (size_t)len * 8 + 6);
			break;
		}
		case 44: { /* fragment */
			next = rd_u8(&pay);
			rd_skip(&pay, 1);
			uint16_t off = rd_be16(&pay);
			rd_skip(&pay, 4);
			if (off & 0xfff8) {
				c->st.fragments++;
				return;
			}
			break;
		}
		case 51: { /* authentication header: length in 4-byte units, minus 2 */
			next = rd_u8(&pay);
			uint8_t len = rd_u8(&pay);
			rd_skip(&pay, (size_t)len * 4 + 6);
			break;
		}
		default:
			if (pay.err) {
				c->st.ip_errors++;
				return;
			}
			transport(c, pk, next, &pay);
			return;
		}
		if (pay.err) {
			c->st.ip_errors++;
			return;
		}
	}
	c->st.ip_errors++; /* more extension headers than any real packet has */
}
