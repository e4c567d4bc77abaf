/* Discovery's parsers (ARP packets, ICMP echo replies, Neighbor Advertisements, ICMPv6 echo
 * replies), the answer-is-whole checks that end
 * exchanges early, and discover_open on this machine's interfaces. */
#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/discover.h"
#include "probe/complete.h"
#include "probe/location.h"

#define U8(s) ((const uint8_t *)(s))

static void t_arp(void **st)
{
	(void)st;
	/* A reply from 10.78.0.10 at 4c:bd:8f:4e:00:0a to 10.78.0.1. */
	uint8_t p[28] = {0,  1,  8, 0,  6, 4, 0,    2, 0x4c, 0xbd, 0x8f, 0x4e, 0, 0x0a,
	                 10, 78, 0, 10, 2, 0, 0x4e, 0, 0,    1,    10,   78,   0, 1};
	uint8_t spa[4], sha[6];
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 1);
	assert_memory_equal(spa, ((uint8_t[]){10, 78, 0, 10}), 4);
	assert_memory_equal(sha, ((uint8_t[]){0x4c, 0xbd, 0x8f, 0x4e, 0, 0x0a}), 6);
	/* A request says its sender is there too. */
	p[7] = 1;
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 1);
	/* Not an answer: short, other op, other hardware or protocol, an ARP probe (0.0.0.0). */
	assert_int_equal(discover_parse_arp(p, 27, spa, sha), 0);
	p[7] = 3;
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 0);
	p[7] = 2;
	p[1] = 6;
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 0);
	p[1] = 1;
	p[2] = 0x86;
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 0);
	p[2] = 8;
	memset(p + 14, 0, 4);
	assert_int_equal(discover_parse_arp(p, sizeof(p), spa, sha), 0);
}

static void t_echo(void **st)
{
	(void)st;
	/* An echo reply as a ping socket gives it (no IP header), id 0x1234. */
	uint8_t m[16] = {0, 0, 0, 0, 0x12, 0x34, 0, 1, 'b', 'a', 'n', 's', 'w', 'e', 'e', 'p'};
	assert_int_equal(discover_parse_echo(m, sizeof(m), 0, 0x1234, 1), 1);
	assert_int_equal(discover_parse_echo(m, sizeof(m), 0, 0x9999, 1), 0);
	assert_int_equal(discover_parse_echo(m, sizeof(m), 0, 0x9999, 0), 1); /* ping socket */
	assert_int_equal(discover_parse_echo(m, 15, 0, 0x1234, 1), 0);
	m[0] = 8; /* a request, e.g. our own looped back */
	assert_int_equal(discover_parse_echo(m, sizeof(m), 0, 0x1234, 1), 0);
	m[0] = 0;
	m[15] = 'x'; /* somebody else's ping */
	assert_int_equal(discover_parse_echo(m, sizeof(m), 0, 0x1234, 1), 0);
	m[15] = 'p';
	/* From a raw socket: behind an IPv4 header with options (IHL 6). */
	uint8_t ip[24 + 16] = {0x46};
	memcpy(ip + 24, m, 16);
	assert_int_equal(discover_parse_echo(ip, sizeof(ip), 1, 0x1234, 1), 1);
	ip[0] = 0x4f; /* header longer than the packet */
	assert_int_equal(discover_parse_echo(ip, sizeof(ip), 1, 0x1234, 1), 0);
	ip[0] = 0x66;
	assert_int_equal(discover_parse_echo(ip, sizeof(ip), 1, 0x1234, 1), 0);
}

static void t_na(void **st)
{
	(void)st;
	/* RFC 4861 §4.4: a solicited Neighbor Advertisement for fd00:78:0:6::14 with its Target
	 * Link-Layer Address option, 00:e0:fc:4e:00:0e (a Huawei block). */
	uint8_t p[32] = {136, 0, 0, 0, 0x60, 0, 0, 0,    0xfd, 0, 0, 0x78, 0,    0,    0, 6,
	                 0,   0, 0, 0, 0,    0, 0, 0x14, 2,    1, 0, 0xe0, 0xfc, 0x4e, 0, 0x0e};
	uint8_t tg[16], mac[6];
	int has = 0;
	assert_int_equal(discover_parse_na(p, sizeof(p), tg, mac, &has), 1);
	assert_int_equal(has, 1);
	assert_memory_equal(tg, p + 8, 16);
	assert_memory_equal(mac, ((uint8_t[]){0, 0xe0, 0xfc, 0x4e, 0, 0x0e}), 6);
	/* Without options: well formed, no MAC. */
	assert_int_equal(discover_parse_na(p, 24, tg, mac, &has), 1);
	assert_int_equal(has, 0);
	/* Refused: short, a solicitation, a zero-length option (§4.6), an option past the end, a
	 * trailing byte. */
	assert_int_equal(discover_parse_na(p, 23, tg, mac, &has), 0);
	p[0] = 135;
	assert_int_equal(discover_parse_na(p, sizeof(p), tg, mac, &has), 0);
	p[0] = 136;
	p[25] = 0;
	assert_int_equal(discover_parse_na(p, sizeof(p), tg, mac, &has), 0);
	p[25] = 2;
	assert_int_equal(discover_parse_na(p, sizeof(p), tg, mac, &has), 0);
	p[25] = 1;
	assert_int_equal(discover_parse_na(p, 31, tg, mac, &has), 0);
	uint8_t q[33];
	memcpy(q, p, 32);
	q[32] = 0;
	assert_int_equal(discover_parse_na(q, sizeof(q), tg, mac, &has), 0);
}

static void t_echo6(void **st)
{
	(void)st;
	uint8_t m[16] = {129, 0, 0, 0, 0x12, 0x34, 0, 1, 'b', 'a', 'n', 's', 'w', 'e', 'e', 'p'};
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x1234, 1), 1);
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x9999, 1), 0);
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x9999, 0), 1); /* ping socket */
	assert_int_equal(discover_parse_echo6(m, 15, 0x1234, 1), 0);
	m[0] = 128; /* a request */
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x1234, 1), 0);
	m[0] = 0; /* an ICMPv4 reply's type is not an ICMPv6 reply */
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x1234, 1), 0);
	m[0] = 129;
	m[15] = 'x';
	assert_int_equal(discover_parse_echo6(m, sizeof(m), 0x1234, 1), 0);
}

/* One RTM_NEWNEIGH message as the kernel writes it: nlmsghdr, ndmsg, NDA_DST, NDA_LLADDR. */
static size_t put_neigh(uint8_t *b, uint8_t fam, const uint8_t *ip, size_t iplen,
                        const uint8_t *mac, uint16_t state)
{
	size_t len =
	    NLMSG_LENGTH(sizeof(struct ndmsg)) + RTA_SPACE(iplen) + (mac ? RTA_SPACE(6) : 0);
	struct nlmsghdr h = {(uint32_t)len, RTM_NEWNEIGH, NLM_F_MULTI, 1, 0};
	struct ndmsg nd = {.ndm_family = fam, .ndm_ifindex = 2, .ndm_state = state};
	memset(b, 0, NLMSG_ALIGN(len));
	memcpy(b, &h, sizeof(h));
	memcpy(b + NLMSG_HDRLEN, &nd, sizeof(nd));
	size_t o = NLMSG_LENGTH(sizeof(nd));
	struct rtattr ra = {(unsigned short)RTA_LENGTH(iplen), NDA_DST};
	memcpy(b + o, &ra, sizeof(ra));
	memcpy(b + o + RTA_LENGTH(0), ip, iplen);
	o += RTA_SPACE(iplen);
	if (mac) {
		struct rtattr rm = {(unsigned short)RTA_LENGTH(6), NDA_LLADDR};
		memcpy(b + o, &rm, sizeof(rm));
		memcpy(b + o + RTA_LENGTH(0), mac, 6);
	}
	return NLMSG_ALIGN(len);
}

struct seen {
	int n;
	struct addr a[4];
	uint8_t mac[4][6];
};

static void on_neigh(void *ctx, const struct addr *a, const uint8_t mac[6])
{
	struct seen *s = ctx;
	if (s->n < 4) {
		s->a[s->n] = *a;
		memcpy(s->mac[s->n], mac, 6);
	}
	s->n++;
}

static void t_neigh(void **st)
{
	(void)st;
	uint8_t b[512];
	const uint8_t v4[4] = {10, 78, 0, 14}, v6[16] = {0xfd, 0, 0, 0x78, 0, 0, 0, 6, [15] = 0x14};
	const uint8_t mac[6] = {0, 0xe0, 0xfc, 0x4e, 0, 0x0e};
	size_t n = put_neigh(b, AF_INET, v4, 4, mac, NUD_REACHABLE);
	n += put_neigh(b + n, AF_INET6, v6, 16, mac, NUD_STALE);
	n += put_neigh(b + n, AF_INET, v4, 4, mac, NUD_FAILED); /* no usable MAC */
	n += put_neigh(b + n, AF_INET, v4, 4, NULL, NUD_INCOMPLETE);
	struct seen s = {0};
	int done = 1;
	assert_int_equal(discover_parse_neigh(b, n, on_neigh, &s, &done), 2);
	assert_int_equal(done, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.a[0].fam, 4);
	assert_memory_equal(s.a[0].b, v4, 4);
	assert_int_equal(s.a[1].fam, 6);
	assert_memory_equal(s.a[1].b, v6, 16);
	assert_memory_equal(s.mac[1], mac, 6);
	/* The end of the dump. */
	struct nlmsghdr dn = {NLMSG_LENGTH(4), NLMSG_DONE, NLM_F_MULTI, 1, 0};
	memset(b + n, 0, NLMSG_SPACE(4));
	memcpy(b + n, &dn, sizeof(dn));
	s.n = 0;
	assert_int_equal(discover_parse_neigh(b, n + NLMSG_SPACE(4), on_neigh, &s, &done), 2);
	assert_int_equal(done, 1);
	/* Malformed: a message length past the datagram, an attribute length under 4. */
	uint32_t big = 4000;
	memcpy(b, &big, 4);
	assert_int_equal(discover_parse_neigh(b, n, on_neigh, &s, &done), -1);
	size_t m = put_neigh(b, AF_INET, v4, 4, mac, NUD_REACHABLE);
	b[NLMSG_LENGTH(sizeof(struct ndmsg))] = 2;
	b[NLMSG_LENGTH(sizeof(struct ndmsg)) + 1] = 0;
	assert_int_equal(discover_parse_neigh(b, m, on_neigh, &s, &done), -1);
	/* This machine's tables: readable without privilege (the count depends on the host). */
	s.n = 0;
	assert_true(discover_neighbours(on_neigh, &s) >= 0);
}

static void t_complete_http(void **st)
{
	(void)st;
	const char *h = "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 5\r\n\r\n";
	char b[256];
	snprintf(b, sizeof(b), "%sabcd", h);
	assert_int_equal(complete_http(U8(b), strlen(b), 1), 0);
	snprintf(b, sizeof(b), "%sabcde", h);
	assert_int_equal(complete_http(U8(b), strlen(b), 1), 1);
	/* Headers not over yet. */
	assert_int_equal(complete_http(U8(h), strlen(h) - 2, 1), 0);
	/* Case of the header name does not matter. */
	const char *lc = "HTTP/1.1 200 OK\r\ncontent-length:0\r\n\r\n";
	assert_int_equal(complete_http(U8(lc), strlen(lc), 1), 1);
	/* Chunked: the last chunk ends it. */
	const char *ch = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n";
	assert_int_equal(complete_http(U8(ch), strlen(ch), 1), 0);
	snprintf(b, sizeof(b), "%s0\r\n\r\n", ch);
	assert_int_equal(complete_http(U8(b), strlen(b), 1), 1);
	/* No length: HTTP reads to the close, RTSP has no body. */
	const char *nl = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n";
	assert_int_equal(complete_http(U8(nl), strlen(nl), 1), 0);
	assert_int_equal(complete_http(U8(nl), strlen(nl), 0), 1);
	/* 204 and 304 have no body whatever the headers say. */
	const char *nc = "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n";
	assert_int_equal(complete_http(U8(nc), strlen(nc), 1), 1);
	/* Bare LF line ends (old embedded servers). */
	const char *lf = "HTTP/1.0 401 Unauthorized\nContent-Length: 2\n\nno";
	assert_int_equal(complete_http(U8(lf), strlen(lf), 1), 1);
}

static void t_complete_tls(void **st)
{
	(void)st;
	/* ServerHello (2) and Certificate (11) in one record, ServerHelloDone (14) in the next. */
	uint8_t r[64] = {22, 3, 3, 0, 10, 2, 0, 0, 2, 0xaa, 0xbb, 11, 0, 0, 0};
	size_t n = 5 + 10;
	assert_int_equal(complete_tls(r, n), 0);
	uint8_t done[] = {22, 3, 3, 0, 4, 14, 0, 0, 0};
	memcpy(r + n, done, sizeof(done));
	assert_int_equal(complete_tls(r, n + sizeof(done)), 1);
	/* A handshake message cut across records: its header's type 14 inside a body does not
	 * count. */
	uint8_t span[] = {22, 3, 3, 0, 6, 11, 0, 0, 4, 14, 14, 22, 3, 3, 0, 2, 14, 14};
	assert_int_equal(complete_tls(span, sizeof(span)), 0);
	/* An alert ends it. */
	uint8_t alert[] = {21, 3, 3, 0, 2, 2, 40};
	assert_int_equal(complete_tls(alert, sizeof(alert)), 1);
	/* A record not yet whole. */
	assert_int_equal(complete_tls(done, 7), 0);
	assert_int_equal(complete_line(U8("SSH-2.0-x\r\n"), 11), 1);
	assert_int_equal(complete_line(U8("SSH-2.0-x"), 9), 0);
}

static void t_location(void **st)
{
	(void)st;
	struct addr a;
	addr_parse("10.78.0.15", &a);
	uint16_t port = 0;
	char path[64];
	const char *ok = "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n"
	                 "location:  http://10.78.0.15:8080/upnp/rootDesc.xml \r\n\r\n";
	assert_int_equal(ssdp_location(U8(ok), strlen(ok), &a, &port, path, sizeof(path)), 1);
	assert_int_equal(port, 8080);
	assert_string_equal(path, "/upnp/rootDesc.xml");
	const char *noport = "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15/d.xml\r\n\r\n";
	assert_int_equal(ssdp_location(U8(noport), strlen(noport), &a, &port, path, sizeof(path)),
	                 1);
	assert_int_equal(port, 80);
	/* Not followed: another host (a prefix of it too), another scheme, a bad port, a space or
	 * control byte in the path, a path longer than the buffer, no LOCATION. */
	static const char *const no[] = {
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.16/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.150/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: https://10.78.0.15/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15:0/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15:70000/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15:/d.xml\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15/a b\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15/\x01\r\n\r\n",
	    ("HTTP/1.1 200 OK\r\nLOCATION: http://10.78.0.15/"
	     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"),
	    "HTTP/1.1 200 OK\r\nSERVER: x\r\n\r\n",
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		assert_int_equal(
		    ssdp_location(U8(no[i]), strlen(no[i]), &a, &port, path, sizeof(path)), 0);
}

static void t_open(void **st)
{
	(void)st;
	/* Loopback targets are on no segment (loopback is left out): no ARP, and the private
	 * target is left to ICMP and TCP. */
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	assert_int_equal(targets_add(&t, "127.0.0.1-3", &e), 0);
	struct discover *d = discover_open(&t, 0, &e);
	assert_non_null(d);
	const struct segment *seg;
	for (size_t i = 0, n = discover_segments(d, &seg); i < n; i++)
		assert_true(seg[i].ntargets > 0);
	assert_int_equal(discover_methods(d), 0);
	struct addr a;
	addr_parse("127.0.0.2", &a);
	assert_int_equal(discover_arp_covers(d, &a), 0);
	discover_free(d);
	targets_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_arp),
	    cmocka_unit_test(t_echo),
	    cmocka_unit_test(t_complete_http),
	    cmocka_unit_test(t_complete_tls),
	    cmocka_unit_test(t_open),
	    cmocka_unit_test(t_location),
	    cmocka_unit_test(t_na),
	    cmocka_unit_test(t_echo6),
	    cmocka_unit_test(t_neigh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
