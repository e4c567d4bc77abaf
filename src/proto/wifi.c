/* 802.11 management frames (IEEE 802.11-2020 §9.3.3) behind an optional radiotap header
 * (radiotap.org). Beacons and probe responses name their transmitter (addr2, the BSSID of an
 * access point or a drone): its SSID and the OUIs of its vendor-specific elements (DJI DroneID
 * uses OUI 26:37:12) are observations about it. Probe requests name the networks a client looks
 * for, which identifies controllers and apps paired with a drone. Nothing else is decoded. */
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

/* Frame control (§9.2.4.1). */
#define FC_TYPE_MGMT   0
#define SUB_PROBE_REQ  4
#define SUB_PROBE_RESP 5
#define SUB_BEACON     8
#define FL_MORE_FRAG   0x04
#define FL_PROTECTED   0x40
#define FL_ORDER       0x80 /* +HTC: a 4-byte HT Control field follows the header */

/* Element ids (§9.4.2.1). */
#define EID_SSID   0
#define EID_VENDOR 221

#define SSID_MAX 32 /* §9.4.2.2 */
/* Distinct vendor OUIs remembered per frame for de-duplication; a frame with more is hostile
 * and the rest are dropped. */
#define OUI_MAX 32

/* Radiotap (radiotap.org/fields/defined): present bits we must walk to reach Flags. */
#define RT_TSFT     0
#define RT_FLAGS    1
#define RT_EXT      31
#define RT_F_FCS    0x10 /* the frame ends with the 4-byte FCS */
#define RT_F_BADFCS 0x40 /* the radio saw a bad FCS: the frame's bytes are not trustworthy */

/* Little-endian 16 bits; two statements because the order of evaluation of operands is not. */
static uint16_t le16(struct rd *r)
{
	uint16_t lo = rd_u8(r);
	uint16_t hi = rd_u8(r);
	return (uint16_t)(lo | (hi << 8));
}

static void put(const struct emit *em, const struct pkt *pk, enum key_id k, const void *v, size_t n)
{
	if (em->obs)
		em->obs(em->ctx, pk, SIDE_SRC, k, v, n);
}

static int ssid_hidden(const uint8_t *s, size_t n)
{
	struct rd r = rd_make(s, n);
	while (rd_left(&r) > 0)
		if (rd_u8(&r) != 0)
			return 0;
	return 1;
}

struct ouis {
	uint8_t v[OUI_MAX][3];
	size_t n;
};

/* Whether the OUI is new in this frame (and remembers it). */
static int oui_new(struct ouis *o, const uint8_t *b)
{
	for (size_t i = 0; i < o->n; i++)
		if (memcmp(o->v[i], b, 3) == 0)
			return 0;
	if (o->n == OUI_MAX)
		return 0;
	memcpy(o->v[o->n++], b, 3);
	return 1;
}

static void emit_oui(const struct emit *em, const struct pkt *pk, struct rd *el, struct ouis *o)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint8_t *b = rd_bytes(el, 3);
	/* Shorter than an OUI: a broken element, but the others are still good. */
	if (!b || !oui_new(o, b))
		return;
	char s[9]; /* "XX:XX:XX:", the last colon not emitted */
	for (int i = 0; i < 3; i++) {
		s[i * 3] = hex[b[i] >> 4];
		s[i * 3 + 1] = hex[b[i] & 15];
		s[i * 3 + 2] = ':';
	}
	put(em, pk, K_WIFI_IE_OUI, s, 8);
}

/* Walks the elements. Complete elements before a truncated one are still reported (captures
 * are often cut by a snap length); the truncation makes the frame malformed. */
static int elements(struct rd *r, int want_ouis, const struct pkt *pk, const struct emit *em)
{
	struct ouis o = {.n = 0};
	int ssid_done = 0;
	while (rd_left(r) > 0) {
		uint8_t id = rd_u8(r);
		uint8_t len = rd_u8(r);
		struct rd el = rd_sub(r, len);
		if (r->err)
			return PROTO_MALFORMED;
		if (id == EID_SSID && !ssid_done) {
			ssid_done = 1;
			const uint8_t *s = rd_bytes(&el, len);
			/* Hidden networks send an empty SSID or one of zero bytes; longer than 32
			 * is not an SSID at all. */
			if (len > 0 && len <= SSID_MAX && !ssid_hidden(s, len))
				put(em, pk, K_WIFI_SSID, s, len);
		} else if (id == EID_VENDOR && want_ouis) {
			emit_oui(em, pk, &el, &o);
		}
	}
	return PROTO_OK;
}

static int mgmt(struct rd *r, uint64_t ts_us, const struct emit *em)
{
	uint8_t fc0 = rd_u8(r);
	uint8_t fc1 = rd_u8(r);
	if (r->err)
		return PROTO_MALFORMED;
	unsigned ver = fc0 & 3, type = (fc0 >> 2) & 3, sub = fc0 >> 4;
	/* Another protocol version, data, control and extension frames are not ours. */
	if (ver != 0 || type != FC_TYPE_MGMT)
		return PROTO_NOT_MINE;
	if (sub != SUB_BEACON && sub != SUB_PROBE_RESP && sub != SUB_PROBE_REQ)
		return PROTO_NOT_MINE;
	rd_skip(r, 2); /* duration */
	const uint8_t *a1 = rd_bytes(r, 6);
	const uint8_t *a2 = rd_bytes(r, 6);
	rd_skip(r, 6); /* addr3 (BSSID) */
	uint16_t seq = le16(r);
	if (fc1 & FL_ORDER)
		rd_skip(r, 4);
	if (r->err)
		return PROTO_MALFORMED;
	/* An encrypted body (these subtypes are never protected in practice) or a fragment holds
	 * no readable elements. */
	if ((fc1 & (FL_PROTECTED | FL_MORE_FRAG)) || (seq & 15) != 0)
		return PROTO_NOT_MINE;
	struct pkt pk = {.ts_us = ts_us, .src_mac = a2, .dst_mac = a1, .l4 = 0};
	if (sub != SUB_PROBE_REQ) {
		rd_skip(r, 12); /* timestamp, beacon interval, capability (§9.3.3.2) */
		if (r->err)
			return PROTO_MALFORMED;
	}
	/* A probe request's vendor elements describe the client's chipset and driver, not
	 * anything it announces: only its SSID is kept. */
	return elements(r, sub != SUB_PROBE_REQ, &pk, em);
}

int proto_wifi(const uint8_t *p, size_t n, uint64_t ts_us, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	return mgmt(&r, ts_us, em);
}

int proto_radiotap(const uint8_t *p, size_t n, uint64_t ts_us, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	uint8_t ver = rd_u8(&r);
	rd_skip(&r, 1);
	uint16_t hlen = le16(&r);
	if (r.err || ver != 0 || hlen < 8)
		return PROTO_MALFORMED;
	struct rd hdr = rd_sub(&r, (size_t)hlen - 4);
	if (r.err)
		return PROTO_MALFORMED;
	/* The present bitmaps: the first is the one that says whether TSFT and Flags are there;
	 * bit 31 chains further bitmaps, all before the first field. */
	uint32_t present = rd_le32(&hdr);
	uint32_t word = present;
	while (!hdr.err && (word >> RT_EXT) & 1)
		word = rd_le32(&hdr);
	uint8_t flags = 0;
	if ((present >> RT_FLAGS) & 1) {
		if ((present >> RT_TSFT) & 1) {
			/* TSFT is 8 bytes aligned to 8 from the start of the header (whose first 4
			 * bytes the sub-reader does not cover). */
			size_t off = hdr.off + 4;
			rd_skip(&hdr, ((8 - off % 8) % 8) + 8);
		}
		flags = rd_u8(&hdr);
	}
	if (hdr.err)
		return PROTO_MALFORMED;
	if (flags & RT_F_BADFCS)
		return PROTO_NOT_MINE;
	size_t flen = rd_left(&r);
	if (flags & RT_F_FCS) {
		if (flen < 4)
			return PROTO_MALFORMED;
		flen -= 4;
	}
	struct rd frame = rd_sub(&r, flen);
	return mgmt(&frame, ts_us, em);
}
