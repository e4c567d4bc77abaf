/* The datagram decoders (DNS, mDNS, DHCP, DHCPv6, SSDP, SNMP) and ARP on packets laid out as on
 * the wire, with a recording emit: exact observations, answers and bindings, and hostile or cut
 * inputs that must be refused without harm. */
#include "unit/cm.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/keys.h"
#include "bansweep/proto.h"

/* A packet as a string literal: its bytes without the terminating NUL. */
#define PKT(s) (const uint8_t *)(s), sizeof(s) - 1

#define MAXREC 128

struct rec {
	size_t n;
	char s[MAXREC][640];
	/* What the decoder said the source of its last observation was. */
	const uint8_t *src_mac;
	struct addr src;
};

static void add(struct rec *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct rec *r, const char *fmt, ...)
{
	assert_true(r->n < MAXREC);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->s[r->n++], sizeof(r->s[0]), fmt, ap);
	va_end(ap);
}

static void fmt_addr(const struct addr *a, char *s, size_t n)
{
	if (!inet_ntop(a->fam == 4 ? AF_INET : AF_INET6, a->b, s, (socklen_t)n))
		snprintf(s, n, "?");
}

static void m_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                  size_t n)
{
	struct rec *r = ctx;
	r->src_mac = p->src_mac;
	r->src = p->src;
	add(r, "%s %s %.*s", who == SIDE_SRC ? "src" : "dst", key_get(key)->name, (int)n, v);
}

static void m_answer(void *ctx, const struct pkt *p, const char *name, size_t n,
                     const struct addr *a)
{
	(void)p;
	char s[64];
	fmt_addr(a, s, sizeof(s));
	add(ctx, "answer %.*s %s", (int)n, name, s);
}

static void m_bind(void *ctx, const uint8_t mac[6], const struct addr *a)
{
	char s[64];
	fmt_addr(a, s, sizeof(s));
	add(ctx, "bind %02x:%02x:%02x:%02x:%02x:%02x %s", mac[0], mac[1], mac[2], mac[3], mac[4],
	    mac[5], s);
}

static const uint8_t frame_src[6] = {0x02, 0, 0, 0, 0, 1}, frame_dst[6] = {0x02, 0, 0, 0, 0, 2};

static struct pkt mkpkt(void)
{
	struct pkt p = {.ts_us = 1700000000000000ULL,
	                .src_mac = frame_src,
	                .dst_mac = frame_dst,
	                .src = {4, {192, 168, 1, 99}},
	                .dst = {4, {192, 168, 1, 1}},
	                .sport = 40000,
	                .dport = 53,
	                .l4 = 17};
	return p;
}

static struct rec R;
static struct emit EM = {m_obs, m_answer, m_bind, &R};

/* Runs a decoder on a packet, checks its return code and exactly the lines it produced. */
static void check(dgram_fn fn, const uint8_t *p, size_t n, int want_rc, ...)
{
	memset(&R, 0, sizeof(R));
	struct pkt pk = mkpkt();
	int rc = fn(p, n, &pk, &EM);
	size_t i = 0;
	va_list ap;
	va_start(ap, want_rc);
	const char *want;
	while ((want = va_arg(ap, const char *))) {
		if (i >= R.n)
			fail_msg("missing line %zu: %s", i, want);
		assert_string_equal(R.s[i], want);
		i++;
	}
	va_end(ap);
	if (i < R.n)
		fail_msg("extra line %zu: %s", i, R.s[i]);
	assert_int_equal(rc, want_rc);
}

static int arp_fn(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	return proto_arp(p, n, pk, em);
}

/* ---- DNS ---- */

static const char dns_query[] = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" /* RD, 1 q */
                                "\x05ksn-a\x0ekaspersky-labs\x03"
                                "com\x00"
                                "\x00\x01\x00\x01"; /* A IN */

/* www.hikvision.com CNAME hik.edgekey.net (at offset 47), which has A 1.2.3.4 and AAAA
 * 2001:db8::1, both written as pointers to the CNAME target. */
static const char dns_response[] =
    "\x12\x34\x81\x80\x00\x01\x00\x03\x00\x00\x00\x00"
    "\x03www\x09hikvision\x03"
    "com\x00"
    "\x00\x01\x00\x01"
    "\xc0\x0c\x00\x05\x00\x01\x00\x00\x01\x2c\x00\x11"
    "\x03hik\x07"
    "edgekey\x03net\x00"
    "\xc0\x2f\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04"
    "\xc0\x2f\x00\x1c\x00\x01\x00\x00\x00\x3c\x00\x10"
    "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01";

static void t_dns_query(void **state)
{
	(void)state;
	check(proto_dns, PKT(dns_query), PROTO_OK, "src dns.qname ksn-a.kaspersky-labs.com", NULL);
}

static void t_dns_response(void **state)
{
	(void)state;
	check(proto_dns, PKT(dns_response), PROTO_OK, "answer hik.edgekey.net 1.2.3.4",
	      "answer hik.edgekey.net 2001:db8::1", "answer www.hikvision.com 1.2.3.4",
	      "answer www.hikvision.com 2001:db8::1", NULL);
	/* Cut at the second answer's record boundary: without TC that is malformed, with TC
	 * (RFC 2181 §9) the records before count. */
	size_t cut = 35 + 12 + 17 + 16;
	check(proto_dns, (const uint8_t *)dns_response, cut, PROTO_MALFORMED, NULL);
	uint8_t tc[sizeof(dns_response)];
	memcpy(tc, dns_response, sizeof(tc));
	tc[2] |= 0x02;
	check(proto_dns, tc, cut, PROTO_OK, "answer hik.edgekey.net 1.2.3.4",
	      "answer www.hikvision.com 1.2.3.4", NULL);
}

static void t_dns_hostile(void **state)
{
	(void)state;
	/* A pointer to itself, a label then a pointer back to that label, a forward pointer. */
	check(proto_dns, PKT("\0\1\x81\x80\0\1\0\0\0\0\0\0\xc0\x0c\0\1\0\1"), PROTO_MALFORMED,
	      NULL);
	check(proto_dns,
	      PKT("\0\1\x81\x80\0\1\0\0\0\0\0\0\x01"
	          "a\xc0\x0c\0\1\0\1"),
	      PROTO_MALFORMED, NULL);
	check(proto_dns,
	      PKT("\0\1\x81\x80\0\1\0\0\0\0\0\0\xc0\x12\0\1\0\1\x01x\x03"
	          "com\0"),
	      PROTO_MALFORMED, NULL);
	/* A pointer past the end, a reserved label type (0x40), a label of 64. */
	check(proto_dns, PKT("\0\1\1\0\0\1\0\0\0\0\0\0\xff\xff\0\1\0\1"), PROTO_MALFORMED, NULL);
	check(proto_dns, PKT("\0\1\1\0\0\1\0\0\0\0\0\0\x41x\0\0\1\0\1"), PROTO_MALFORMED, NULL);
	uint8_t p[12 + 1 + 64 + 1 + 4] = {0, 1, 1, 0, 0, 1};
	p[12] = 64;
	memset(p + 13, 'a', 64);
	check(proto_dns, p, sizeof(p), PROTO_MALFORMED, NULL);
	p[12] = 63; /* a label of 63, the root, qtype and qclass: fine */
	p[76] = 0;
	char want[80] = "src dns.qname ";
	memset(want + 14, 'a', 63);
	check(proto_dns, p, 81, PROTO_OK, want, NULL);
	/* Labels of 63, 63, 63, 61 and the root make 255 octets, the most a name may have;
	 * 63, 63, 63, 63 and the root are over. */
	uint8_t big[12 + 256 + 4] = {0, 1, 1, 0, 0, 1};
	memset(big + 12, 'b', 256);
	for (int i = 0; i < 4; i++)
		big[12 + i * 64] = 63;
	check(proto_dns, big, sizeof(big), PROTO_MALFORMED, NULL);
	big[12 + 192] = 61;
	big[12 + 192 + 62] = 0;
	memset(big + 12 + 192 + 63, 0, 5);
	memset(&R, 0, sizeof(R));
	struct pkt pk = mkpkt();
	assert_int_equal(proto_dns(big, 12 + 255 + 4, &pk, &EM), PROTO_OK);
	assert_int_equal(R.n, 1);
	assert_int_equal(strlen(R.s[0]), 14 + 63 * 3 + 61 + 3);
	/* An A record whose rdata is 5 bytes long. */
	check(proto_dns, PKT("\0\1\x81\x80\0\0\0\1\0\0\0\0\x01x\0\0\1\0\1\0\0\0\1\0\5\1\2\3\4\5"),
	      PROTO_MALFORMED, NULL);
	/* A CNAME chain that loops (a -> b -> a) must end; the A of c is not under a. */
	check(proto_dns,
	      PKT("\0\1\x81\x80\0\1\0\3\0\0\0\0\x01"
	          "a\0\0\1\0\1"                      /* question a, at 12 */
	          "\xc0\x0c\0\5\0\1\0\0\0\1\0\3\x01" /* a CNAME b (b at 33) */
	          "b\0"
	          "\xc0\x1f\0\5\0\1\0\0\0\1\0\2\xc0\x0c" /* b CNAME a */
	          "\x01"
	          "c\0\0\1\0\1\0\0\0\1\0\4\x0a\0\0\1"), /* c A 10.0.0.1 */
	      PROTO_OK, "answer c 10.0.0.1", NULL);
	/* Header only, and shorter than a header. */
	check(proto_dns, PKT("\0\1\1\0\0\0\0\0\0\0\0\0"), PROTO_OK, NULL);
	check(proto_dns, PKT("\0\1\1\0\0"), PROTO_MALFORMED, NULL);
}

/* 100 questions, each a distinct name "qNN": only the first 64 are looked at. */
static void t_dns_cap(void **state)
{
	(void)state;
	uint8_t p[12 + 100 * 9] = {0, 1, 1, 0, 0, 100};
	for (int i = 0; i < 100; i++) {
		uint8_t *q = p + 12 + i * 9;
		q[0] = 3;
		q[1] = 'q';
		q[2] = (uint8_t)('0' + i / 10);
		q[3] = (uint8_t)('0' + i % 10);
		q[4] = 0;
		q[5] = 0;
		q[6] = 1;
		q[7] = 0;
		q[8] = 1;
	}
	memset(&R, 0, sizeof(R));
	struct pkt pk = mkpkt();
	assert_int_equal(proto_dns(p, sizeof(p), &pk, &EM), PROTO_OK);
	assert_int_equal(R.n, 64);
	assert_string_equal(R.s[0], "src dns.qname q00");
	assert_string_equal(R.s[63], "src dns.qname q63");
}

/* ---- mDNS ---- */

/* A Hikvision camera announcing its web server (DNS-SD): PTR, SRV, TXT, A, with compression. */
static const char mdns_announce[] =
    "\x00\x00\x84\x00\x00\x00\x00\x04\x00\x00\x00\x00"
    "\x05_http\x04_tcp\x05local\x00" /* at 12; "local" at 23 */
    "\x00\x0c\x00\x01\x00\x00\x11\x94\x00\x1b"
    "\x18"
    "HIKVISION DS-2CD2143G0-I\xc0\x0c" /* instance, at 40 */
    "\xc0\x28\x00\x21\x80\x01\x00\x00\x00\x78\x00\x19"
    "\x00\x00\x00\x00\x00\x50\x10"
    "HIKVISION-C12345\xc0\x17" /* SRV target, at 85 */
    "\xc0\x28\x00\x10\x80\x01\x00\x00\x11\x94\x00\x25"
    "\x06path=/\x14MODEL=DS-2CD2143G0-I\x08noequals"
    "\xc0\x55\x00\x01\x80\x01\x00\x00\x00\x78\x00\x04\xc0\xa8\x01\x40";

static void t_mdns_announce(void **state)
{
	(void)state;
	check(proto_mdns, PKT(mdns_announce), PROTO_OK,
	      "src mdns.name HIKVISION DS-2CD2143G0-I._http._tcp.local",
	      "src mdns.name HIKVISION-C12345.local", "src device.model DS-2CD2143G0-I",
	      "answer HIKVISION-C12345.local 192.168.1.64", NULL);
	/* Unicast DNS knows no cache-flush bit: class 0x8001 is not IN there. */
	check(proto_dns, PKT(mdns_announce), PROTO_OK, NULL);
}

static void t_mdns_query(void **state)
{
	(void)state;
	/* Three questions (QU bit set on the first), the second a pointer to the first. */
	check(proto_mdns,
	      PKT("\0\0\0\0\0\3\0\0\0\0\0\0"
	          "\x0a_hikvision\x04_tcp\x05local\0\0\x0c\x80\x01"
	          "\xc0\x0c\0\x10\0\x01"
	          "\x06_ezviz\x04_tcp\x05local\0\0\x0c\0\x01"),
	      PROTO_OK, "src dns.qname _hikvision._tcp.local", "src dns.qname _ezviz._tcp.local",
	      NULL);
	/* A probe (RFC 6762 §8.1): the authority section holds the records the sender claims;
	 * a known answer about another host in the answer section is not the sender's. */
	check(proto_mdns,
	      PKT("\0\0\0\0\0\1\0\1\0\1\0\0"
	          "\x09"
	          "DS-7608NI\x05local\0\0\xff\0\x01" /* at 12 */
	          "\x05other\xc0\x16\0\x01\0\x01\0\0\0\x78\0\x04\x0a\0\0\x02"
	          "\xc0\x0c\0\x01\0\x01\0\0\0\x78\0\x04\x0a\0\0\x03"),
	      PROTO_OK, "src dns.qname DS-7608NI.local", "src mdns.name DS-7608NI.local",
	      "answer DS-7608NI.local 10.0.0.3", NULL);
}

/* ---- DHCP ---- */

#define BOOTP_ZEROS_32 "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define BOOTP_SNAME_FILE                                                                           \
	BOOTP_ZEROS_32 BOOTP_ZEROS_32 BOOTP_ZEROS_32 BOOTP_ZEROS_32 BOOTP_ZEROS_32 BOOTP_ZEROS_32
#define CHADDR "\x04\x33\x89\x0a\xbb\xcc\0\0\0\0\0\0\0\0\0\0"
#define COOKIE "\x63\x82\x53\x63"

/* A phone's DISCOVER: 53, 61, 12 (with a NUL the client added), 60, 55, two pads, 81, end. */
static const char dhcp_discover[] =
    "\x01\x01\x06\x00\x39\x03\xf3\x26\x00\x00\x80\x00" /* op, htype, hlen, hops, xid, secs */
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"                 /* ciaddr yiaddr siaddr giaddr */
    CHADDR BOOTP_SNAME_FILE COOKIE "\x35\x01\x01"
    "\x3d\x07\x01\x04\x33\x89\x0a\xbb\xcc"
    "\x0c\x11"
    "HONOR_Magic4-Pro\0"
    "\x3c\x17"
    "HUAWEI:android:NOH-AN00"
    "\x37\x0c\x01\x03\x06\x0f\x1a\x1c\x33\x3a\x3b\x2b\x72\x6c"
    "\0\0"
    "\x51\x17\x04\0\0\x05honor\x04"
    "corp\x07"
    "example\0"
    "\xff";

static void t_dhcp_discover(void **state)
{
	(void)state;
	check(proto_dhcp, PKT(dhcp_discover), PROTO_OK, "src mac 04:33:89:0a:bb:cc",
	      "src dhcp.client_id 010433890abbcc", "src dhcp.hostname HONOR_Magic4-Pro",
	      "src dhcp.vendor_class HUAWEI:android:NOH-AN00",
	      "src dhcp.params 1,3,6,15,26,28,51,58,59,43,114,108",
	      "src hostname honor.corp.example", NULL);
	/* Observations are about chaddr, with no IP address (the source is 0.0.0.0). */
	assert_non_null(R.src_mac);
	assert_memory_equal(R.src_mac, "\x04\x33\x89\x0a\xbb\xcc", 6);
	assert_int_equal(R.src.fam, 0);
}

static void t_dhcp_reply(void **state)
{
	(void)state;
	static const char ack[] =
	    "\x02\x01\x06\x00\x39\x03\xf3\x26\x00\x00\x00\x00"
	    "\0\0\0\0\xc0\xa8\x01\x17\0\0\0\0\0\0\0\0" CHADDR BOOTP_SNAME_FILE COOKIE
	    "\x35\x01\x05\x36\x04\xc0\xa8\x01\x01\xff";
	check(proto_dhcp, PKT(ack), PROTO_OK, "bind 04:33:89:0a:bb:cc 192.168.1.23", NULL);
	/* An OFFER is not a binding yet. */
	static const char offer[] =
	    "\x02\x01\x06\x00\x39\x03\xf3\x26\x00\x00\x00\x00"
	    "\0\0\0\0\xc0\xa8\x01\x17\0\0\0\0\0\0\0\0" CHADDR BOOTP_SNAME_FILE COOKIE
	    "\x35\x01\x02\xff";
	check(proto_dhcp, PKT(offer), PROTO_OK, NULL);
}

static void t_dhcp_bad(void **state)
{
	(void)state;
	/* Option 12 claims 32 bytes, 3 follow. */
	static const char bad[] =
	    "\x01\x01\x06\x00\x39\x03\xf3\x26\x00\x00\x80\x00"
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" CHADDR BOOTP_SNAME_FILE COOKIE "\x35\x01\x01\x0c\x20"
	    "abc";
	check(proto_dhcp, PKT(bad), PROTO_MALFORMED, NULL);
	/* Short of the fixed part; a wrong cookie; an unknown op. */
	check(proto_dhcp, (const uint8_t *)dhcp_discover, 239, PROTO_MALFORMED, NULL);
	uint8_t p[sizeof(dhcp_discover)];
	memcpy(p, dhcp_discover, sizeof(p));
	p[236] = 0;
	check(proto_dhcp, p, sizeof(p) - 1, PROTO_NOT_MINE, NULL);
	memcpy(p, dhcp_discover, sizeof(p));
	p[0] = 7;
	check(proto_dhcp, p, sizeof(p) - 1, PROTO_NOT_MINE, NULL);
}

/* ---- DHCPv6 ---- */

static void t_dhcp6(void **state)
{
	(void)state;
	/* Solicit: client DUID-LL, elapsed time, vendor class of enterprise 2011 with two
	 * items, client FQDN, option request. */
	check(proto_dhcp6,
	      PKT("\x01\x12\x34\x56"
	          "\0\x01\0\x0a\0\x03\0\x01\x04\x33\x89\x0a\xbb\xcc"
	          "\0\x08\0\x02\0\0"
	          "\0\x10\0\x23\0\0\x07\xdb\0\x17"
	          "HUAWEI:android:NOH-AN00\0\x04"
	          "dhcp"
	          "\0\x27\0\x1b\0\x0bhonor-phone\x04"
	          "corp\x07"
	          "example\0"
	          "\0\x06\0\x06\0\x17\0\x18\0\x27"),
	      PROTO_OK, "src mac 04:33:89:0a:bb:cc",
	      "src dhcp.vendor_class 2011:HUAWEI:android:NOH-AN00,dhcp",
	      "src hostname honor-phone.corp.example", NULL);
	/* Information-request: DUID-LLT and a user class. */
	check(proto_dhcp6,
	      PKT("\x0b\0\0\x01"
	          "\0\x01\0\x0e\0\x01\0\x01\x2a\x2a\x2a\x2a\xbc\xad\x28\x01\x02\x03"
	          "\0\x0f\0\x07\0\x05"
	          "HIKIP"),
	      PROTO_OK, "src mac bc:ad:28:01:02:03", "src dhcp.vendor_class HIKIP", NULL);
	/* An option longer than the message; a vendor class item longer than its option; a
	 * relay message; a Reply. */
	check(proto_dhcp6, PKT("\x01\0\0\x01\0\x10\0\x20\0\0"), PROTO_MALFORMED, NULL);
	check(proto_dhcp6, PKT("\x01\0\0\x01\0\x10\0\x07\0\0\x07\xdb\0\x09x"), PROTO_MALFORMED,
	      NULL);
	check(proto_dhcp6, PKT("\x0c\0\0\x01"), PROTO_NOT_MINE, NULL);
	check(proto_dhcp6, PKT("\x07\0\0\x01\0\x10\0\x07\0\0\x07\xdb\0\x01x"), PROTO_OK, NULL);
	check(proto_dhcp6, PKT("\x01\0"), PROTO_MALFORMED, NULL);
}

/* ---- SSDP ---- */

static void t_ssdp(void **state)
{
	(void)state;
	check(proto_ssdp,
	      PKT("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
	          "CACHE-CONTROL: max-age=1800\r\nLOCATION: http://192.168.1.64:80/upnp.xml\r\n"
	          "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
	          "server :  Linux/3.10 UPnP/1.0 Hikvision-Webs/2.0 \t\r\n"
	          "USN: uuid:a2a2a2a2-b3b3-c4c4-d5d5-bcad28010203::upnp:rootdevice\r\n\r\n"),
	      PROTO_OK, "src upnp.server Linux/3.10 UPnP/1.0 Hikvision-Webs/2.0", NULL);
	/* A response with bare LF; what follows the blank line is not header. */
	check(proto_ssdp,
	      PKT("HTTP/1.1 200 OK\nCACHE-CONTROL: max-age=100\nEXT:\n"
	          "LOCATION: http://192.168.1.1:49652/desc.xml\nSERVERX: no\n\nSERVER: ZXHN\n"),
	      PROTO_OK, NULL);
	check(proto_ssdp,
	      PKT("HTTP/1.1 200 OK\r\nEXT:\r\nSERVER: ZXHN H298N/1.0 UPnP/1.0\r\nST: "
	          "upnp:rootdevice\r\n\r\n"),
	      PROTO_OK, "src upnp.server ZXHN H298N/1.0 UPnP/1.0", NULL);
	check(proto_ssdp,
	      PKT("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
	          "MX: 2\r\nST: ssdp:all\r\nSERVER: not a server\r\n"
	          "User-Agent: Android/12 UPnP/1.1 HuaweiShare/1.0\r\n\r\n"),
	      PROTO_OK, "src http.user_agent Android/12 UPnP/1.1 HuaweiShare/1.0", NULL);
	/* No terminating line end; an empty value. */
	check(proto_ssdp, PKT("NOTIFY * HTTP/1.1\r\nSERVER: Dahua/1.0"), PROTO_OK,
	      "src upnp.server Dahua/1.0", NULL);
	check(proto_ssdp, PKT("NOTIFY * HTTP/1.1\r\nSERVER:  \r\n"), PROTO_OK, NULL);
	check(proto_ssdp, PKT("GET / HTTP/1.1\r\n\r\n"), PROTO_NOT_MINE, NULL);
	check(proto_ssdp, PKT(""), PROTO_NOT_MINE, NULL);
	check(proto_ssdp, PKT("\0\1\2\3"), PROTO_NOT_MINE, NULL);
}

/* ---- SNMP ---- */

#define VRP_DESCR                                                                                  \
	"Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.180 "           \
	"(CE6881 V200R005C10SPC800)\r\nCopyright (C) 2012-2018 Huawei Technologies Co., "          \
	"Ltd.\r\nHUAWEI CE6881-48S6CQ\r\n"

/* v2c Response: sysDescr.0, sysObjectID.0 = 1.3.6.1.4.1.2011.2.62.2.9, sysUpTime.0, sysName.0.
 * sysDescr is 181 bytes: a two-byte length (0x81 0xb5). */
static const char snmp_response[] =
    "\x30\x82\x01\x22\x02\x01\x01\x04\x06public"
    "\xa2\x82\x01\x13\x02\x02\x12\x34\x02\x01\x00\x02\x01\x00"
    "\x30\x82\x01\x05"
    "\x30\x81\xc2\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x04\x81\xb5" VRP_DESCR
    "\x30\x17\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00"
    "\x06\x0b\x2b\x06\x01\x04\x01\x8f\x5b\x02\x3e\x02\x09"
    "\x30\x0f\x06\x08\x2b\x06\x01\x02\x01\x01\x03\x00\x43\x03\x01\x02\x03"
    "\x30\x14\x06\x08\x2b\x06\x01\x02\x01\x01\x05\x00\x04\x08"
    "core-sw1";

static void t_snmp(void **state)
{
	(void)state;
	check(proto_snmp, PKT(snmp_response), PROTO_OK, "src snmp.sysdescr " VRP_DESCR,
	      "src snmp.sysobjectid 1.3.6.1.4.1.2011.2.62.2.9", "src snmp.sysname core-sw1", NULL);
	/* v1 Trap: enterprise 1.3.6.1.4.1.39165.1.1, agent 10.0.0.9, sysName.0 varbind. */
	check(proto_snmp,
	      PKT("\x30\x3b\x02\x01\x00\x04\x06public\xa4\x2e"
	          "\x06\x0a\x2b\x06\x01\x04\x01\x82\xb1\x7d\x01\x01"
	          "\x40\x04\x0a\0\0\x09\x02\x01\0\x02\x01\0\x43\x01\x10"
	          "\x30\x11\x30\x0f\x06\x08\x2b\x06\x01\x02\x01\x01\x05\x00\x04\x03"
	          "cam"),
	      PROTO_OK, "src snmp.sysobjectid 1.3.6.1.4.1.39165.1.1", "src snmp.sysname cam", NULL);
	/* GetRequest for sysDescr.0 (value NULL): nothing about the sender. */
	check(proto_snmp,
	      PKT("\x30\x27\x02\x01\x01\x04\x06public\xa0\x1a\x02\x02\x12\x34\x02\x01\0\x02\x01\0"
	          "\x30\x0e\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x05\x00"),
	      PROTO_OK, NULL);
	/* A Response with noSuchObject for sysDescr.0. */
	check(proto_snmp,
	      PKT("\x30\x27\x02\x01\x01\x04\x06public\xa2\x1a\x02\x02\x12\x34\x02\x01\0\x02\x01\0"
	          "\x30\x0e\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x80\x00"),
	      PROTO_OK, NULL);
	/* SNMPv3 and something that is not BER at all. */
	check(proto_snmp,
	      PKT("\x30\x11\x02\x01\x03\x30\x0c\x02\x01\x01\x02\x01\x01\x04\x01\x04"
	          "\x02\x01\x03"),
	      PROTO_NOT_MINE, NULL);
	check(proto_snmp, PKT("hello"), PROTO_NOT_MINE, NULL);
}

static void t_snmp_hostile(void **state)
{
	(void)state;
	/* A short sysObjectID value; a sub-identifier of 2^32 in it; 2^32 - 1 and 2^32 in a
	 * varbind name. */
	check(proto_snmp,
	      PKT("\x30\x27\x02\x01\x01\x04\x06public\xa2\x1a\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x0f\x30\x0d\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00\x06\x01\x2b"),
	      PROTO_OK, "src snmp.sysobjectid 1.3", NULL);
	check(proto_snmp,
	      PKT("\x30\x2c\x02\x01\x01\x04\x06public\xa2\x1f\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x14\x30\x12\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00"
	          "\x06\x06\x2b\x90\x80\x80\x80\x00"),
	      PROTO_MALFORMED, NULL);
	check(proto_snmp,
	      PKT("\x30\x24\x02\x01\x01\x04\x06public\xa2\x17\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x0c\x30\x0a\x06\x06\x2b\x8f\xff\xff\xff\x7f\x04\0"),
	      PROTO_OK, NULL);
	check(proto_snmp,
	      PKT("\x30\x24\x02\x01\x01\x04\x06public\xa2\x17\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x0c\x30\x0a\x06\x06\x2b\x90\x80\x80\x80\x00\x04\0"),
	      PROTO_MALFORMED, NULL);
	/* An OID ending inside a sub-identifier; an empty OID. */
	check(proto_snmp,
	      PKT("\x30\x1f\x02\x01\x01\x04\x06public\xa2\x12\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x07\x30\x05\x06\x01\x81\x04\0"),
	      PROTO_MALFORMED, NULL);
	check(proto_snmp,
	      PKT("\x30\x1e\x02\x01\x01\x04\x06public\xa2\x11\x02\x01\x01\x02\x01\0\x02\x01\0"
	          "\x30\x06\x30\x04\x06\x00\x04\0"),
	      PROTO_MALFORMED, NULL);
	/* Indefinite length, a five-byte length, a length past the end, an unknown PDU. */
	check(proto_snmp, PKT("\x30\x80\x02\x01\x01\x04\0\xa2\0\0\0"), PROTO_MALFORMED, NULL);
	check(proto_snmp, PKT("\x30\x85\0\0\0\0\x05\x02\x01\x01\x04\0"), PROTO_MALFORMED, NULL);
	check(proto_snmp, PKT("\x30\x84\xff\xff\xff\xff\x02\x01\x01"), PROTO_MALFORMED, NULL);
	check(proto_snmp, PKT("\x30\x0b\x02\x01\x01\x04\x01x\xbf\x01\0\x30\0"), PROTO_MALFORMED,
	      NULL);
}

/* ---- ARP ---- */

static void t_arp(void **state)
{
	(void)state;
	/* A request from a camera, a probe (sender 0.0.0.0), a gratuitous reply with padding. */
	check(arp_fn,
	      PKT("\0\1\x08\0\x06\x04\0\1\xbc\xad\x28\x01\x02\x03\xc0\xa8\x01\x40"
	          "\0\0\0\0\0\0\xc0\xa8\x01\x01"),
	      PROTO_OK, "bind bc:ad:28:01:02:03 192.168.1.64", NULL);
	check(arp_fn,
	      PKT("\0\1\x08\0\x06\x04\0\1\xbc\xad\x28\x01\x02\x03\0\0\0\0"
	          "\0\0\0\0\0\0\xc0\xa8\x01\x40"),
	      PROTO_OK, NULL);
	check(arp_fn,
	      PKT("\0\1\x08\0\x06\x04\0\2\x4c\xbd\x8f\x0a\x0b\x0c\x0a\x01\x01\x07"
	          "\xff\xff\xff\xff\xff\xff\x0a\x01\x01\x07\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
	      PROTO_OK, "bind 4c:bd:8f:0a:0b:0c 10.1.1.7", NULL);
	check(arp_fn, PKT("\0\1\x08\0\x06\x04\0\1\xbc\xad\x28"), PROTO_MALFORMED, NULL);
	check(arp_fn,
	      PKT("\0\6\x08\0\x06\x04\0\1\xbc\xad\x28\x01\x02\x03\xc0\xa8\x01\x40"
	          "\0\0\0\0\0\0\xc0\xa8\x01\x01"),
	      PROTO_NOT_MINE, NULL);
}

/* ---- every prefix of every packet, and noise ---- */

struct sample {
	dgram_fn fn;
	const char *p;
	size_t n;
	int prefix_malformed; /* every strict prefix must be refused */
};

static void t_prefixes(void **state)
{
	(void)state;
	const struct sample s[] = {
	    {proto_dns, dns_query, sizeof(dns_query) - 1, 1},
	    {proto_dns, dns_response, sizeof(dns_response) - 1, 1},
	    {proto_mdns, mdns_announce, sizeof(mdns_announce) - 1, 1},
	    {proto_dhcp, dhcp_discover, sizeof(dhcp_discover) - 1, 0},
	    {proto_snmp, snmp_response, sizeof(snmp_response) - 1, 1},
	};
	for (size_t i = 0; i < sizeof(s) / sizeof(*s); i++) {
		for (size_t k = 1; k < s[i].n; k++) {
			/* A heap copy of exactly k bytes, so that ASan sees any over-read. */
			uint8_t *p = malloc(k);
			memcpy(p, s[i].p, k);
			memset(&R, 0, sizeof(R));
			struct pkt pk = mkpkt();
			int rc = s[i].fn(p, k, &pk, &EM);
			free(p);
			if (s[i].prefix_malformed && rc != PROTO_MALFORMED)
				fail_msg("sample %zu cut at %zu: rc %d", i, k, rc);
		}
	}
}

static void t_noise(void **state)
{
	(void)state;
	dgram_fn fns[] = {proto_dns,  proto_mdns, proto_dhcp, proto_dhcp6,
	                  proto_ssdp, proto_snmp, arp_fn};
	uint32_t x = 12345;
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)(round % 400);
		uint8_t *p = malloc(n + 1);
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			p[i] = (uint8_t)(x >> 16);
		}
		/* Half the time, a plausible start so that the decoders get past their first
		 * checks. */
		if (round % 2 && n > 4) {
			p[0] = 0x30;
			p[2] = 0x02;
		}
		for (size_t f = 0; f < sizeof(fns) / sizeof(*fns); f++) {
			memset(&R, 0, sizeof(R));
			struct pkt pk = mkpkt();
			int rc = fns[f](p, n, &pk, &EM);
			assert_true(rc == PROTO_OK || rc == PROTO_NOT_MINE ||
			            rc == PROTO_MALFORMED);
		}
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_dns_query),     cmocka_unit_test(t_dns_response),
	    cmocka_unit_test(t_dns_hostile),   cmocka_unit_test(t_dns_cap),
	    cmocka_unit_test(t_mdns_announce), cmocka_unit_test(t_mdns_query),
	    cmocka_unit_test(t_dhcp_discover), cmocka_unit_test(t_dhcp_reply),
	    cmocka_unit_test(t_dhcp_bad),      cmocka_unit_test(t_dhcp6),
	    cmocka_unit_test(t_ssdp),          cmocka_unit_test(t_snmp),
	    cmocka_unit_test(t_snmp_hostile),  cmocka_unit_test(t_arp),
	    cmocka_unit_test(t_prefixes),      cmocka_unit_test(t_noise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
