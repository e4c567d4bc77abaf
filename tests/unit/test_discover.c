/* Discovery's parsers (ARP packets, ICMP echo replies), the answer-is-whole checks that end
 * exchanges early, and discover_open on this machine's interfaces. */
#include <arpa/inet.h>
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
	    cmocka_unit_test(t_arp),           cmocka_unit_test(t_echo),
	    cmocka_unit_test(t_complete_http), cmocka_unit_test(t_complete_tls),
	    cmocka_unit_test(t_open),          cmocka_unit_test(t_location),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
