/* DHCPv4 (RFC 2131, options RFC 2132) on UDP 67/68.
 *
 * A client's request (BOOTREQUEST) describes the client, whose hardware address is chaddr: the
 * frame's source may be a relay agent (giaddr set, RFC 1542 §4) and its IP source 0.0.0.0, so the
 * observations are made about a copy of the packet whose source is chaddr (and ciaddr, the
 * address the client says it holds, when set: RFC 2131 §4.1). They are the options that
 * fingerprint a client: host name (12), parameter request list (55), vendor class (60), client
 * identifier (61) and client FQDN (81, RFC 4702). A server's acknowledgement (BOOTREPLY) binds
 * chaddr to yiaddr.
 *
 * Option overload (52: options continued in sname/file, RFC 2132 §9.3) is not followed, and an
 * option given twice counts once, the first time (the concatenation of RFC 3396 is for options
 * longer than 255 bytes, which none of those read here needs). */
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

#define BOOTP_FIXED  236 /* op .. file, RFC 2131 §2 */
#define DHCP_MAX_OPT 16  /* options of interest kept per message */

enum { OP_REQUEST = 1, OP_REPLY = 2 };
enum {
	O_PAD = 0,
	O_HOSTNAME = 12,
	O_MSGTYPE = 53,
	O_PARAMS = 55,
	O_VENDOR = 60,
	O_CLIENT_ID = 61,
	O_FQDN = 81,
	O_END = 255
};
enum { DHCPACK = 5 };

struct opt {
	uint8_t code;
	struct rd data;
};

/* The options of interest, in order, first occurrence each. -1 when the option area is
 * malformed (an option running past the end). */
static int read_options(struct rd *r, struct opt *o, size_t *no)
{
	uint8_t seen[256 / 8] = {0};
	*no = 0;
	while (rd_left(r) > 0) {
		uint8_t code = rd_u8(r);
		if (code == O_PAD)
			continue;
		if (code == O_END)
			return 0;
		uint8_t len = rd_u8(r);
		struct rd data = rd_sub(r, len);
		if (r->err)
			return -1;
		int dup = seen[code / 8] & (1 << (code % 8));
		seen[code / 8] = (uint8_t)(seen[code / 8] | (1 << (code % 8)));
		if (dup || *no == DHCP_MAX_OPT)
			continue;
		if (code == O_HOSTNAME || code == O_MSGTYPE || code == O_PARAMS ||
		    code == O_VENDOR || code == O_CLIENT_ID || code == O_FQDN)
			o[(*no)++] = (struct opt){code, data};
	}
	/* Some clients omit the end option; the end of the datagram ends the list. */
	return 0;
}

static void put(const struct emit *em, const struct pkt *pk, enum key_id k, const char *v, size_t n)
{
	if (n > 0 && em->obs)
		em->obs(em->ctx, pk, SIDE_SRC, k, v, n);
}

/* A text option, without the NUL terminators some clients add (RFC 2132 §3.14 says options are
 * not NUL-terminated; Windows and others send one anyway). */
static void put_text(const struct emit *em, const struct pkt *pk, enum key_id k, struct rd d)
{
	char s[256];
	size_t n = rd_left(&d);
	const uint8_t *b = rd_bytes(&d, n);
	if (!b)
		return;
	memcpy(s, b, n);
	while (n > 0 && s[n - 1] == 0)
		n--;
	put(em, pk, k, s, n);
}

/* Option 55: the requested option codes as comma-separated decimals ("1,3,6,15,119,252"). */
static void put_params(const struct emit *em, const struct pkt *pk, struct rd d)
{
	char s[256 * 4];
	size_t n = 0;
	while (rd_left(&d) > 0) {
		uint8_t c = rd_u8(&d);
		if (n)
			s[n++] = ',';
		if (c >= 100)
			s[n++] = (char)('0' + c / 100);
		if (c >= 10)
			s[n++] = (char)('0' + c / 10 % 10);
		s[n++] = (char)('0' + c % 10);
	}
	put(em, pk, K_DHCP_PARAMS, s, n);
}

/* Option 61: type byte and identifier, lower-case hex without separators. */
static void put_hex(const struct emit *em, const struct pkt *pk, enum key_id k, struct rd d)
{
	static const char hex[] = "0123456789abcdef";
	char s[256 * 2];
	size_t n = 0;
	while (rd_left(&d) > 0) {
		uint8_t c = rd_u8(&d);
		s[n++] = hex[c >> 4];
		s[n++] = hex[c & 0xf];
	}
	put(em, pk, k, s, n);
}

/* Option 81 (RFC 4702 §2): flags, two obsolete RCODE bytes, then the name: in DNS wire format
 * without compression when flag E (0x04) is set, possibly partial (no root label: a name for
 * the server to complete, §2.3.1), else in the deprecated ASCII form. Emitted dotted without a
 * trailing dot; a label holding a dot or a control byte is escaped as in RFC 1035 §5.1. */
static void put_fqdn(const struct emit *em, const struct pkt *pk, struct rd d)
{
	uint8_t flags = rd_u8(&d);
	rd_skip(&d, 2);
	if (d.err)
		return;
	if (!(flags & 0x04)) {
		put_text(em, pk, K_HOSTNAME, d);
		return;
	}
	char s[256 * 4];
	size_t n = 0;
	while (rd_left(&d) > 0) {
		uint8_t len = rd_u8(&d);
		if (len == 0)
			break;
		/* No compression pointers here (RFC 4702 §2.3.1), and labels are at most 63. */
		if (len > 63 || len > rd_left(&d))
			return;
		if (n)
			s[n++] = '.';
		for (uint8_t i = 0; i < len; i++) {
			uint8_t c = rd_u8(&d);
			if (c == '.' || c == '\\') {
				s[n++] = '\\';
				s[n++] = (char)c;
			} else if (c < 0x20 || c == 0x7f) {
				s[n++] = '\\';
				s[n++] = (char)('0' + c / 100);
				s[n++] = (char)('0' + c / 10 % 10);
				s[n++] = (char)('0' + c % 10);
			} else {
				s[n++] = (char)c;
			}
		}
	}
	put(em, pk, K_HOSTNAME, s, n);
}

static void format_mac(const uint8_t *m, char out[18])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 6; i++) {
		out[i * 3] = hex[m[i] >> 4];
		out[i * 3 + 1] = hex[m[i] & 0xf];
		out[i * 3 + 2] = i < 5 ? ':' : 0;
	}
}

static int is_zero(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

int proto_dhcp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	uint8_t op = rd_u8(&r);
	uint8_t htype = rd_u8(&r);
	uint8_t hlen = rd_u8(&r);
	if (r.err)
		return PROTO_MALFORMED;
	if (op != OP_REQUEST && op != OP_REPLY)
		return PROTO_NOT_MINE;
	rd_skip(&r, 1 + 4 + 2 + 2); /* hops, xid, secs, flags */
	const uint8_t *ciaddr = rd_bytes(&r, 4);
	const uint8_t *yiaddr = rd_bytes(&r, 4);
	rd_skip(&r, 4); /* siaddr */
	const uint8_t *giaddr = rd_bytes(&r, 4);
	const uint8_t *chaddr = rd_bytes(&r, 16);
	rd_skip(&r, 64 + 128); /* sname, file */
	uint32_t cookie = rd_be32(&r);
	if (r.err || hlen > 16)
		return PROTO_MALFORMED;
	/* Without the magic cookie (RFC 2131 §3) this is plain BOOTP, or not BOOTP at all. */
	if (cookie != 0x63825363)
		return PROTO_NOT_MINE;
	struct opt o[DHCP_MAX_OPT];
	size_t no;
	if (read_options(&r, o, &no) < 0)
		return PROTO_MALFORMED;
	/* Ethernet (htype 1, RFC 1700) is the only hardware whose chaddr is a MAC address. */
	int have_mac = htype == 1 && hlen == 6 && !is_zero(chaddr, 6) && !(chaddr[0] & 1);

	if (op == OP_REPLY) {
		int type = 0;
		for (size_t i = 0; i < no; i++)
			if (o[i].code == O_MSGTYPE)
				type = rd_u8(&o[i].data);
		/* DHCPACK, or plain BOOTP without a message type: an offer is not yet a binding. */
		if (have_mac && !is_zero(yiaddr, 4) && (type == 0 || type == DHCPACK) && em->bind) {
			struct addr a = {.fam = 4};
			memcpy(a.b, yiaddr, 4);
			em->bind(em->ctx, chaddr, &a);
		}
		return PROTO_OK;
	}

	struct pkt c = *pk;
	if (have_mac) {
		c.src_mac = chaddr;
		c.src.fam = 0;
		if (!is_zero(ciaddr, 4)) {
			c.src.fam = 4;
			memcpy(c.src.b, ciaddr, 4);
		}
	} else if (!is_zero(giaddr, 4)) {
		/* Relayed, and no MAC to tell the client by: the packet's source is the relay. */
		return PROTO_OK;
	}
	if (have_mac) {
		char mac[18];
		format_mac(chaddr, mac);
		put(em, &c, K_MAC, mac, 17);
	}
	for (size_t i = 0; i < no; i++) {
		switch (o[i].code) {
		case O_HOSTNAME:
			put_text(em, &c, K_DHCP_HOSTNAME, o[i].data);
			break;
		case O_PARAMS:
			put_params(em, &c, o[i].data);
			break;
		case O_VENDOR:
			put_text(em, &c, K_DHCP_VENDOR_CLASS, o[i].data);
			break;
		case O_CLIENT_ID:
			put_hex(em, &c, K_DHCP_CLIENT_ID, o[i].data);
			break;
		case O_FQDN:
			put_fqdn(em, &c, o[i].data);
			break;
		default:
			break;
		}
	}
	return PROTO_OK;
}
