/* The capture engine: reassembly of segments out of order and retransmitted, the flow table's
 * bounds and eviction, hosts behind a router keyed by IP, DNS answers tying later connections to
 * names, link types. Frames are built here. */
#include <pcap/dlt.h>
#include <stdio.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/capture.h"
#include "bansweep/keys.h"

static uint8_t frame[2048];

static size_t build(const uint8_t smac[6], const uint8_t dmac[6], const uint8_t sip[4],
                    const uint8_t dip[4], uint8_t proto, uint16_t sp, uint16_t dp, uint32_t seq,
                    uint8_t flags, const char *data, size_t n)
{
	size_t l4 = proto == 6 ? 20 : 8;
	memcpy(frame, dmac, 6);
	memcpy(frame + 6, smac, 6);
	frame[12] = 0x08, frame[13] = 0;
	uint8_t *ip = frame + 14;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	size_t tot = 20 + l4 + n;
	ip[2] = (uint8_t)(tot >> 8), ip[3] = (uint8_t)tot;
	ip[8] = 64, ip[9] = proto;
	memcpy(ip + 12, sip, 4);
	memcpy(ip + 16, dip, 4);
	uint8_t *t = ip + 20;
	memset(t, 0, l4);
	t[0] = (uint8_t)(sp >> 8), t[1] = (uint8_t)sp, t[2] = (uint8_t)(dp >> 8),
	t[3] = (uint8_t)dp;
	if (proto == 6) {
		t[4] = (uint8_t)(seq >> 24), t[5] = (uint8_t)(seq >> 16),
		t[6] = (uint8_t)(seq >> 8);
		t[7] = (uint8_t)seq, t[12] = 0x50, t[13] = flags;
	} else {
		t[4] = (uint8_t)((8 + n) >> 8), t[5] = (uint8_t)(8 + n);
	}
	memcpy(t + l4, data, n);
	return 34 + l4 + n;
}

static const uint8_t cam_mac[6] = {0x4c, 0xbd, 0x8f, 0x12, 0x34, 0x56};
static const uint8_t pc_mac[6] = {0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x0c};
static const uint8_t rtr_mac[6] = {0x00, 0x00, 0x0c, 0x9f, 0xf0, 0x01};
static const uint8_t cam_ip[4] = {10, 0, 0, 64}, pc_ip[4] = {10, 0, 0, 5};

struct seen {
	char lines[64][200];
	int n;
};

static int collect(void *ctx, const char *asset, enum key_id key, const char *value, size_t len,
                   uint64_t first_us)
{
	(void)first_us;
	struct seen *s = ctx;
	if (s->n < 64)
		snprintf(s->lines[s->n++], 200, "%s %s=%.*s", asset, key_get((int)key)->name,
		         (int)len, value);
	return 0;
}

static int has(const struct seen *s, const char *line)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->lines[i], line))
			return 1;
	return 0;
}

static void tcp_pkt(struct capture *c, int from_cam, uint32_t seq, uint8_t flags, const char *d,
                    uint64_t ts)
{
	size_t n =
	    from_cam
	        ? build(cam_mac, pc_mac, cam_ip, pc_ip, 6, 80, 40000, seq, flags, d, strlen(d))
	        : build(pc_mac, cam_mac, pc_ip, cam_ip, 6, 40000, 80, seq, flags, d, strlen(d));
	assert_int_equal(capture_packet(c, DLT_EN10MB, frame, n, ts), 0);
}

static void t_reassembly(void **state)
{
	(void)state;
	struct capture *c = capture_new(NULL);
	tcp_pkt(c, 0, 1000, 0x02, "", 1);
	tcp_pkt(c, 1, 5000, 0x12, "", 2);
	tcp_pkt(c, 0, 1001, 0x18, "GET / HTTP/1.1\r\nHost: cam\r\n\r\n", 3);
	/* The response header split mid-line, its second part first, the first part sent twice. */
	const char *a = "HTTP/1.1 200 OK\r\nSer",
	           *b = "ver: App-webs/\r\nContent-Length: 0\r\n\r\n";
	tcp_pkt(c, 1, 5001 + (uint32_t)strlen(a), 0x18, b, 4);
	tcp_pkt(c, 1, 5001, 0x18, a, 5);
	tcp_pkt(c, 1, 5001, 0x18, a, 6);
	tcp_pkt(c, 1, 5001 + (uint32_t)(strlen(a) + strlen(b)), 0x11, "", 7);
	tcp_pkt(c, 0, 1001 + 31, 0x11, "", 8);
	struct seen s = {0};
	capture_each(c, collect, &s);
	assert_true(has(&s, "4C:BD:8F:12:34:56 http.server=App-webs/"));
	assert_true(has(&s, "00:1B:21:0A:0B:0C http.host=cam"));
	assert_true(has(&s, "4C:BD:8F:12:34:56 mac=4C:BD:8F:12:34:56"));
	assert_true(has(&s, "4C:BD:8F:12:34:56 ip=10.0.0.64"));
	const struct capture_stats *st = capture_stats(c);
	assert_int_equal(st->flows, 1);
	size_t http = 0;
	while (strcmp(capture_proto_names[http], "http"))
		http++;
	assert_int_equal(st->decoded[http], 2); /* the request and the response */
	assert_int_equal(st->segments_dropped, 0);
	capture_free(c);
}

static void t_eviction(void **state)
{
	(void)state;
	struct capture_limits lim = {4, 0, 0};
	struct capture *c = capture_new(&lim);
	char req[64];
	/* Ten connections left open: the table holds four; the oldest go first, decoded. */
	for (uint16_t i = 0; i < 10; i++) {
		snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: h%u\r\n\r\n", i);
		size_t n = build(pc_mac, cam_mac, pc_ip, cam_ip, 6, (uint16_t)(40000 + i), 80, 1,
		                 0x18, req, strlen(req));
		capture_packet(c, DLT_EN10MB, frame, n, 10 + i);
	}
	assert_int_equal(capture_stats(c)->flows, 10);
	assert_int_equal(capture_stats(c)->flows_evicted, 6);
	struct seen s = {0};
	capture_each(c, collect, &s);
	/* Evicted or flushed at the end, every request was decoded. */
	for (int i = 0; i < 10; i++) {
		char want[64];
		snprintf(want, sizeof(want), "00:1B:21:0A:0B:0C http.host=h%d", i);
		assert_true(has(&s, want));
	}
	capture_free(c);
}

static void t_router_and_names(void **state)
{
	(void)state;
	struct capture *c = capture_new(NULL);
	/* Hosts behind a router: its one MAC carries many source addresses. */
	uint8_t ip[4] = {192, 0, 2, 0};
	/* (string pieces split so that no hex escape swallows the letter after it) */
	const char *q = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
	                "\x03"
	                "dnl"
	                "\x03"
	                "geo"
	                "\x09"
	                "kaspersky"
	                "\x03"
	                "com"
	                "\x00\x00\x01\x00\x01";
	size_t qn = 12 + 23 + 4;
	for (uint8_t i = 1; i <= 5; i++) {
		ip[3] = i;
		size_t n = build(rtr_mac, pc_mac, ip, pc_ip, 17, 40000, 53, 0, 0, q, qn);
		capture_packet(c, DLT_EN10MB, frame, n, i);
	}
	/* A DNS answer for the name, then a connection to that address without a server name. */
	char ans[80];
	memcpy(ans, q, qn);
	ans[2] = (char)0x81, ans[3] = (char)0x80, ans[7] = 1;
	const char rr[] = {(char)0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (char)198, 51, 100, 7};
	memcpy(ans + qn, rr, sizeof(rr));
	const uint8_t dns_ip[4] = {10, 0, 0, 1}, server[4] = {198, 51, 100, 7};
	size_t n = build(rtr_mac, pc_mac, dns_ip, pc_ip, 17, 53, 40001, 0, 0, ans, qn + sizeof(rr));
	capture_packet(c, DLT_EN10MB, frame, n, 10);
	n = build(pc_mac, rtr_mac, pc_ip, server, 6, 40002, 443, 7, 0x02, "", 0);
	capture_packet(c, DLT_EN10MB, frame, n, 11);
	struct seen s = {0};
	capture_each(c, collect, &s);
	assert_true(has(&s, "192.0.2.3 dns.qname=dnl.geo.kaspersky.com"));
	assert_false(has(&s, "00:00:0C:9F:F0:01 dns.qname=dnl.geo.kaspersky.com"));
	assert_true(has(&s, "00:1B:21:0A:0B:0C net.peer_name=dnl.geo.kaspersky.com"));
	capture_free(c);
}

static void t_link_types(void **state)
{
	(void)state;
	struct capture *c = capture_new(NULL);
	uint8_t bad[3] = {1, 2, 3};
	assert_int_equal(capture_packet(c, 9999, bad, 3, 1), -1); /* not a supported link type */
	assert_false(capture_linktype_ok(9999));
	assert_true(capture_linktype_ok(DLT_LINUX_SLL2));
	/* Frames too short for their link layer are counted, not fatal. */
	assert_int_equal(capture_packet(c, DLT_EN10MB, bad, 3, 1), 0);
	assert_int_equal(capture_packet(c, DLT_LINUX_SLL, bad, 3, 1), 0);
	assert_int_equal(capture_stats(c)->link_errors, 2);
	assert_int_equal(capture_stats(c)->packets, 2);
	capture_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_reassembly),
	    cmocka_unit_test(t_eviction),
	    cmocka_unit_test(t_router_and_names),
	    cmocka_unit_test(t_link_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
