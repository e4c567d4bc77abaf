/* ARP (RFC 826) for Ethernet and IPv4. Both requests and replies carry the sender's hardware and
 * protocol addresses, which bind the sender's MAC to its IPv4 address on this segment; so does a
 * gratuitous ARP (RFC 5227 §3: an announcement, sender and target address equal). An ARP probe
 * (RFC 5227 §2.1.1) has sender address 0.0.0.0: the address is not yet the sender's. */
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

enum { HTYPE_ETHER = 1, PTYPE_IPV4 = 0x0800, OP_REQUEST = 1, OP_REPLY = 2 };

int proto_arp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	(void)pk;
	struct rd r = rd_make(p, n);
	uint16_t htype = rd_be16(&r);
	uint16_t ptype = rd_be16(&r);
	uint8_t hlen = rd_u8(&r);
	uint8_t plen = rd_u8(&r);
	uint16_t op = rd_be16(&r);
	if (r.err)
		return PROTO_MALFORMED;
	if (htype != HTYPE_ETHER || ptype != PTYPE_IPV4 || hlen != 6 || plen != 4)
		return PROTO_NOT_MINE;
	const uint8_t *sha = rd_bytes(&r, 6);
	const uint8_t *spa = rd_bytes(&r, 4);
	rd_skip(&r, 6 + 4); /* target hardware and protocol address */
	if (r.err)
		return PROTO_MALFORMED;
	if (op != OP_REQUEST && op != OP_REPLY)
		return PROTO_OK;
	static const uint8_t zero[6];
	/* A group or all-zero sender MAC is no interface's (a forged or broken packet). */
	if (!memcmp(spa, zero, 4) || !memcmp(sha, zero, 6) || (sha[0] & 1))
		return PROTO_OK;
	if (em->bind) {
		struct addr a = {.fam = 4};
		memcpy(a.b, spa, 4);
		em->bind(em->ctx, sha, &a);
	}
	return PROTO_OK;
}
