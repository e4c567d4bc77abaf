/* DHCPv6 (RFC 8415) on UDP 546/547: the messages a client sends describe it. Read are the vendor
 * class (option 16, "enterprise-number:data", RFC 8415 §21.16), the user class (15, §21.15), the
 * client FQDN (39, RFC 4704) and, from the client DUID (option 1, §11), the link-layer address
 * when the DUID is DUID-LLT or DUID-LL of Ethernet (hardware type 1). Server messages carry
 * nothing about the client that the client does not send itself; relay messages (§9) wrap a
 * client message that its first relay already saw on the client's link, so both are left alone.
 *
 * Options are checked and decoded first and emitted only when the whole message is well formed. */
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

#define D6_MAX_OUT 8   /* observations per message */
#define D6_VAL     512 /* longest value kept; longer ones are cut */

/* RFC 8415 §7.3 message types */
enum {
	SOLICIT = 1,
	ADVERTISE = 2,
	REQUEST = 3,
	CONFIRM = 4,
	RENEW = 5,
	REBIND = 6,
	REPLY = 7,
	RELEASE = 8,
	DECLINE = 9,
	RECONFIGURE = 10,
	INFORMATION_REQUEST = 11
};
/* RFC 8415 §21, RFC 4704 */
enum { O_CLIENTID = 1, O_USER_CLASS = 15, O_VENDOR_CLASS = 16, O_FQDN = 39 };

struct out {
	enum key_id key;
	size_t n;
	char v[D6_VAL];
};

static void add(struct out *o, const void *p, size_t n)
{
	if (n > D6_VAL - o->n)
		n = D6_VAL - o->n;
	memcpy(o->v + o->n, p, n);
	o->n += n;
}

static void add_c(struct out *o, char c)
{
	add(o, &c, 1);
}

static void add_u32(struct out *o, uint32_t v)
{
	char s[10];
	size_t n = 0;
	do {
		s[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n > 0)
		add_c(o, s[--n]);
}

/* opaque-data items, each with a 16-bit length (RFC 8415 §21.15, §21.16), joined by commas. */
static int add_items(struct out *o, struct rd *d)
{
	int first = 1;
	while (rd_left(d) > 0) {
		uint16_t len = rd_be16(d);
		const uint8_t *b = rd_bytes(d, len);
		if (!b)
			return -1;
		if (!first)
			add_c(o, ',');
		add(o, b, len);
		first = 0;
	}
	return 0;
}

/* Option 39 (RFC 4704 §4): flags, then a name in DNS wire format without compression, possibly
 * partial (no root label). Dotted, without a trailing dot; dots, backslashes and control bytes
 * inside a label are escaped as in RFC 1035 §5.1. */
static int add_fqdn(struct out *o, struct rd *d)
{
	rd_skip(d, 1);
	size_t wire = 0;
	while (rd_left(d) > 0) {
		uint8_t len = rd_u8(d);
		wire += (size_t)len + 1;
		if (len == 0)
			break;
		if (len > 63 || wire > 255 || len > rd_left(d))
			return -1;
		if (o->n)
			add_c(o, '.');
		for (uint8_t i = 0; i < len; i++) {
			uint8_t c = rd_u8(d);
			if (c == '.' || c == '\\') {
				add_c(o, '\\');
				add_c(o, (char)c);
			} else if (c < 0x20 || c == 0x7f) {
				char e[4] = {'\\', (char)('0' + c / 100), (char)('0' + c / 10 % 10),
				             (char)('0' + c % 10)};
				add(o, e, 4);
			} else {
				add_c(o, (char)c);
			}
		}
	}
	return d->err ? -1 : 0;
}

/* DUID-LLT (type 1: hardware type, time, address) and DUID-LL (type 3: hardware type, address)
 * of Ethernet give the client's MAC. Other DUIDs (enterprise, UUID) do not. Returns 0 with
 * o->n == 0 when there is no MAC. */
static int add_duid_mac(struct out *o, struct rd *d)
{
	uint16_t type = rd_be16(d);
	if (d->err)
		return -1;
	if (type != 1 && type != 3)
		return 0;
	uint16_t hw = rd_be16(d);
	if (type == 1)
		rd_skip(d, 4);
	if (d->err)
		return -1;
	if (hw != 1 || rd_left(d) != 6)
		return 0;
	static const char hex[] = "0123456789abcdef";
	uint8_t m[6], any = 0;
	for (int i = 0; i < 6; i++)
		any |= m[i] = rd_u8(d);
	/* All zeros or a group address is no interface's address. */
	if (!any || (m[0] & 1))
		return 0;
	for (int i = 0; i < 6; i++) {
		if (i)
			add_c(o, ':');
		add_c(o, hex[m[i] >> 4]);
		add_c(o, hex[m[i] & 0xf]);
	}
	return 0;
}

/* One option of interest into o. -1 when its content is malformed. */
static int decode_opt(uint16_t code, struct rd *d, struct out *o)
{
	o->n = 0;
	switch (code) {
	case O_CLIENTID:
		o->key = K_MAC;
		return add_duid_mac(o, d);
	case O_VENDOR_CLASS: {
		o->key = K_DHCP_VENDOR_CLASS;
		uint32_t ent = rd_be32(d);
		if (d->err)
			return -1;
		add_u32(o, ent);
		add_c(o, ':');
		return add_items(o, d);
	}
	case O_USER_CLASS:
		o->key = K_DHCP_VENDOR_CLASS;
		return add_items(o, d);
	case O_FQDN:
		o->key = K_HOSTNAME;
		return add_fqdn(o, d);
	default:
		return 0;
	}
}

int proto_dhcp6(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	uint8_t type = rd_u8(&r);
	rd_skip(&r, 3); /* transaction-id */
	if (r.err)
		return PROTO_MALFORMED;
	switch (type) {
	case SOLICIT:
	case REQUEST:
	case CONFIRM:
	case RENEW:
	case REBIND:
	case RELEASE:
	case DECLINE:
	case INFORMATION_REQUEST:
		break;
	case ADVERTISE:
	case REPLY:
	case RECONFIGURE:
		return PROTO_OK;
	default:
		return PROTO_NOT_MINE;
	}
	struct out out[D6_MAX_OUT];
	size_t nout = 0;
	int have_duid = 0, have_fqdn = 0, have_user = 0;
	while (rd_left(&r) > 0) {
		uint16_t code = rd_be16(&r);
		uint16_t len = rd_be16(&r);
		struct rd d = rd_sub(&r, len);
		if (r.err)
			return PROTO_MALFORMED;
		/* One client DUID, FQDN and user class a message; a vendor class per enterprise. */
		int *once = code == O_CLIENTID     ? &have_duid
		            : code == O_FQDN       ? &have_fqdn
		            : code == O_USER_CLASS ? &have_user
		                                   : NULL;
		if (code != O_CLIENTID && code != O_VENDOR_CLASS && code != O_USER_CLASS &&
		    code != O_FQDN)
			continue;
		if ((once && *once) || nout == D6_MAX_OUT)
			continue;
		if (once)
			*once = 1;
		if (decode_opt(code, &d, &out[nout]) < 0)
			return PROTO_MALFORMED;
		if (out[nout].n > 0)
			nout++;
	}
	for (size_t i = 0; i < nout && em->obs; i++)
		em->obs(em->ctx, pk, SIDE_SRC, out[i].key, out[i].v, out[i].n);
	return PROTO_OK;
}
