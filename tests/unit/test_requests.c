/* The probes' requests are well-formed: the project's own decoders, which are strict about
 * framing, read each one as a request of its protocol. */
#include <stdio.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/proto.h"
#include "bansweep/requests.h"

struct rec {
	char obs[16][160];
	int n;
};

static void on_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                   size_t n)
{
	(void)p;
	struct rec *r = ctx;
	if (r->n < 16)
		snprintf(r->obs[r->n++], 160, "%s %s=%.*s", who == SIDE_SRC ? "src" : "dst",
		         key_get((int)key)->name, (int)n, v);
}

static void on_answer(void *ctx, const struct pkt *p, const char *name, size_t n,
                      const struct addr *a)
{
	(void)ctx, (void)p, (void)name, (void)n, (void)a;
}

static void on_bind(void *ctx, const uint8_t mac[6], const struct addr *a)
{
	(void)ctx, (void)mac, (void)a;
}

static const struct pkt pk = {.src = {4, {10, 78, 0, 1}}, .dst = {4, {10, 78, 0, 10}}, .l4 = 6};

static int has(const struct rec *r, const char *s)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->obs[i], s))
			return 1;
	return 0;
}

static void t_http_rtsp(void **state)
{
	(void)state;
	char buf[2048];
	struct rec r = {0};
	struct emit em = {on_obs, on_answer, on_bind, &r};
	size_t n = req_http_get(buf, sizeof(buf), "10.78.0.10", "/ISAPI/System/deviceInfo");
	assert_true(n > 0);
	assert_int_equal(proto_http((const uint8_t *)buf, n, 1, &pk, &em), PROTO_OK);
	assert_true(has(&r, "src http.host=10.78.0.10"));
	assert_true(has(&r, "src http.user_agent=" BANSWEEP_USER_AGENT));
	r.n = 0;
	n = req_onvif_devinfo(buf, sizeof(buf), "10.78.0.10");
	assert_true(n > 0);
	assert_int_equal(proto_http((const uint8_t *)buf, n, 1, &pk, &em), PROTO_OK);
	assert_true(has(&r, "src http.host=10.78.0.10"));
	r.n = 0;
	n = req_rtsp(buf, sizeof(buf), "DESCRIBE", "10.78.0.10", 554, "/Streaming/Channels/101", 2);
	assert_true(n > 0);
	assert_int_equal(proto_rtsp((const uint8_t *)buf, n, 1, &pk, &em), PROTO_OK);
	assert_true(has(&r, "dst rtsp.path=/Streaming/Channels/101"));
	/* Too small a buffer is "does not fit", never a cut request. */
	assert_int_equal(req_http_get(buf, 20, "10.78.0.10", "/"), 0);
}

static void t_udp(void **state)
{
	(void)state;
	uint8_t buf[2048];
	struct rec r = {0};
	struct emit em = {on_obs, on_answer, on_bind, &r};
	size_t n = req_snmp_get(buf, sizeof(buf), "public", 0x01020304);
	assert_true(n > 0);
	assert_int_equal(buf[0], 0x30);
	assert_int_equal(proto_snmp(buf, n, &pk, &em),
	                 PROTO_OK); /* a GetRequest: nothing emitted */
	assert_int_equal(r.n, 0);
	assert_int_equal(proto_snmp(buf, n - 1, &pk, &em), PROTO_MALFORMED); /* and it is strict */
	n = req_sadp_inquiry((char *)buf, sizeof(buf), "6F4D1C7A-0001-0002-0003-000000000001");
	assert_int_equal(proto_sadp(buf, n, &pk, &em), PROTO_OK);
	n = req_dhip_search(buf, sizeof(buf), 7);
	assert_int_equal(proto_dhip(buf, n, &pk, &em), PROTO_OK);
	n = req_wsd_probe((char *)buf, sizeof(buf), "6f4d1c7a-0001-0002-0003-000000000001");
	assert_int_equal(proto_wsd(buf, n, &pk, &em), PROTO_OK);
	assert_int_equal(r.n, 0); /* inquiries, searches and probes describe no device */
	n = req_ssdp_msearch((char *)buf, sizeof(buf));
	assert_int_equal(proto_ssdp(buf, n, &pk, &em), PROTO_OK);
	assert_true(has(&r, "src http.user_agent=" BANSWEEP_USER_AGENT));
	r.n = 0;
	n = req_mdns_services(buf, sizeof(buf));
	assert_int_equal(proto_mdns(buf, n, &pk, &em), PROTO_OK);
	assert_true(has(&r, "src dns.qname=_services._dns-sd._udp.local"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_http_rtsp),
	    cmocka_unit_test(t_udp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
