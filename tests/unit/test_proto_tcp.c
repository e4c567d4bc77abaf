/* TCP stream decoders: HTTP, RTSP, TLS, SSH, Telnet, FTP. Inputs are built here in the wire
 * format (the TLS certificate is made with OpenSSL); a recording emit checks every observation
 * exactly, in order. Hostile inputs (every truncation of the valid ones, lengths past the end,
 * garbage) must return without a crash or an observation that is not in the input. */
#include "unit/cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bansweep/proto.h"

/* ---- recording emit ---- */

#define REC_MAX 128

struct rec_obs {
	enum side who;
	enum key_id key;
	char v[1024];
	size_t n;
};

struct rec {
	size_t n;
	size_t dropped;
	struct rec_obs o[REC_MAX];
};

static void rec_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                    size_t n)
{
	(void)p;
	struct rec *r = ctx;
	assert_true(n > 0);
	if (r->n >= REC_MAX || n >= sizeof(r->o[0].v)) {
		r->dropped++;
		return;
	}
	struct rec_obs *o = &r->o[r->n++];
	o->who = who;
	o->key = key;
	memcpy(o->v, v, n);
	o->v[n] = 0;
	o->n = n;
}

static struct rec R;
static struct emit EM = {.obs = rec_obs, .ctx = &R};
static struct pkt PK;

static void expect_who(size_t i, enum side who, enum key_id key, const char *v)
{
	if (i >= R.n)
		fail_msg("observation %zu missing (have %zu), wanted %s", i, R.n, v);
	assert_int_equal(R.o[i].who, who);
	assert_int_equal(R.o[i].key, key);
	assert_string_equal(R.o[i].v, v);
	assert_int_equal(R.o[i].n, strlen(v));
}

static void expect(size_t i, enum key_id key, const char *v)
{
	expect_who(i, SIDE_SRC, key, v);
}

static void clear(void)
{
	memset(&R, 0, sizeof(R));
}

static int reset(void **state)
{
	(void)state;
	clear();
	memset(&PK, 0, sizeof(PK));
	PK.l4 = 6;
	return 0;
}

static int run(stream_fn fn, const void *p, size_t n, int from_client)
{
	clear();
	return fn(p, n, from_client, &PK, &EM);
}

#define RUNS(fn, s, fc) run(fn, s, sizeof(s) - 1, fc)

/* Every prefix of a valid input: no crash, and whatever is emitted is also emitted by the whole
 * input (a value cut by the bound may be shorter, so only the keys are compared). */
static void every_prefix(stream_fn fn, const uint8_t *p, size_t n, int from_client)
{
	int keys[K_COUNT] = {0};
	(void)run(fn, p, n, from_client);
	for (size_t i = 0; i < R.n; i++)
		keys[R.o[i].key] = 1;
	for (size_t k = 0; k <= n; k++) {
		/* A copy of exactly k bytes, so that ASan sees any read past the bound. */
		uint8_t *copy = malloc(k ? k : 1);
		assert_non_null(copy);
		if (k)
			memcpy(copy, p, k);
		int rc = run(fn, copy, k, from_client);
		assert_true(rc == PROTO_OK || rc == PROTO_NOT_MINE || rc == PROTO_MALFORMED);
		for (size_t i = 0; i < R.n; i++)
			assert_true(keys[R.o[i].key]);
		free(copy);
	}
}

/* ---- HTTP ---- */

static const char http_get[] = "GET /ISAPI/System/deviceInfo HTTP/1.1\r\n"
                               "Host: 192.168.1.64\r\n"
                               "User-Agent: iVMS-4200/3.9.1\r\n"
                               "Accept: */*\r\n"
                               "\r\n";

static void t_http_request(void **state)
{
	(void)state;
	assert_int_equal(RUNS(proto_http, http_get, 1), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_HOST, "192.168.1.64");
	expect(1, K_HTTP_USER_AGENT, "iVMS-4200/3.9.1");
	every_prefix(proto_http, (const uint8_t *)http_get, sizeof(http_get) - 1, 1);
}

#define ISAPI_BODY                                                                                 \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                             \
	"<DeviceInfo version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"        \
	"<deviceName>IP CAMERA</deviceName>\n"                                                     \
	"<deviceID>88a5b5a8-3e7c-11b5-8300-4419b6123456</deviceID>\n"                              \
	"<model>DS-2CD2043G2-I</model>\n"                                                          \
	"<serialNumber>DS-2CD2043G2-I20210101AAWRF12345678</serialNumber>\n"                       \
	"<macAddress>44:19:b6:12:34:56</macAddress>\n"                                             \
	"<firmwareVersion>V5.7.3</firmwareVersion>\n"                                              \
	"<deviceType>IPCamera</deviceType>\n"                                                      \
	"</DeviceInfo>\n"

static const char http_isapi[] = "HTTP/1.1 200 OK\r\n"
                                 "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                                 "Server: App-webs/\r\n"
                                 "Connection: close\r\n"
                                 "Content-Type: application/xml\r\n"
                                 "Content-Length: 436\r\n"
                                 "\r\n" ISAPI_BODY;

static void t_http_isapi(void **state)
{
	(void)state;
	assert_int_equal(strlen(ISAPI_BODY), 436);
	assert_int_equal(RUNS(proto_http, http_isapi, 0), PROTO_OK);
	assert_int_equal(R.n, 5);
	expect(0, K_HTTP_SERVER, "App-webs/");
	expect(1, K_HTTP_BODY_XMLNS, "http://www.hikvision.com/ver20/XMLSchema");
	expect(2, K_DEVICE_MODEL, "DS-2CD2043G2-I");
	expect(3, K_SERIAL, "DS-2CD2043G2-I20210101AAWRF12345678");
	expect(4, K_MAC, "44:19:b6:12:34:56");

	/* Cut inside <macAddress>: what came before is still read. */
	const char *cut = strstr(http_isapi, "<macAddress>44:19");
	assert_int_equal(run(proto_http, http_isapi, (size_t)(cut - http_isapi) + 17, 0), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(3, K_SERIAL, "DS-2CD2043G2-I20210101AAWRF12345678");
	every_prefix(proto_http, (const uint8_t *)http_isapi, sizeof(http_isapi) - 1, 0);

	/* Model elements of other documents are not device models. */
	static const char other[] = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n"
	                            "<root xmlns=\"urn:schemas-upnp-org:device-1-0\" "
	                            "xmlns:x=\"urn:x\"><model>X</model>"
	                            "<y xmlns=\"urn:schemas-upnp-org:device-1-0\"/></root>";
	assert_int_equal(RUNS(proto_http, other, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_BODY_XMLNS, "urn:schemas-upnp-org:device-1-0");
	expect(1, K_HTTP_BODY_XMLNS, "urn:x");
}

static void t_http_401(void **state)
{
	(void)state;
	static const char r401[] =
	    "HTTP/1.1 401 Unauthorized\r\n"
	    "Server: DNVRS-Webs\r\n"
	    "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C1234)\", "
	    "nonce=\"4e6a4d354e6a59304d6a41364d6a41344e4455334e54413d\", stale=\"FALSE\"\r\n"
	    "WWW-Authenticate:   Basic realm=\"DS-2CD2032-I\"  \r\n"
	    "Set-Cookie: DhWebClientSessionID=12345; path=/\r\n"
	    "Set-Cookie: WebSession_0B6BF9FE7D=4c1f2e; HttpOnly; path=/\r\n"
	    "Content-Length: 0\r\n"
	    "\r\n";
	assert_int_equal(RUNS(proto_http, r401, 0), PROTO_OK);
	assert_int_equal(R.n, 5);
	expect(0, K_HTTP_SERVER, "DNVRS-Webs");
	expect(1, K_HTTP_WWW_AUTHENTICATE,
	       "Digest qop=\"auth\", realm=\"IP Camera(C1234)\", "
	       "nonce=\"4e6a4d354e6a59304d6a41364d6a41344e4455334e54413d\", stale=\"FALSE\"");
	expect(2, K_HTTP_WWW_AUTHENTICATE, "Basic realm=\"DS-2CD2032-I\"");
	expect(3, K_HTTP_COOKIE, "DhWebClientSessionID=12345; path=/");
	expect(4, K_HTTP_COOKIE, "WebSession_0B6BF9FE7D=4c1f2e; HttpOnly; path=/");
	every_prefix(proto_http, (const uint8_t *)r401, sizeof(r401) - 1, 0);
}

static const char http_magicbox[] = "HTTP/1.1 200 OK\r\n"
                                    "Server: Webs\r\n"
                                    "Content-Type: text/plain;charset=utf-8\r\n"
                                    "Content-Length: 156\r\n"
                                    "\r\n"
                                    "deviceType=NVR4108HS-4KS2\r\n"
                                    "hardwareVersion=1.00\r\n"
                                    "processor=ST7108\r\n"
                                    "serialNumber=5J0123456789ABC\r\n"
                                    "updateSerial=NVR4XXX-4KS2\r\n"
                                    "updateSerialCloud=NVR4XXX-4KS2\r\n";

static void t_http_magicbox(void **state)
{
	(void)state;
	assert_int_equal(RUNS(proto_http, http_magicbox, 0), PROTO_OK);
	assert_int_equal(R.n, 9);
	expect(0, K_HTTP_SERVER, "Webs");
	expect(1, K_HTTP_BODY_KV, "deviceType=NVR4108HS-4KS2");
	expect(2, K_DEVICE_MODEL, "NVR4108HS-4KS2");
	expect(3, K_HTTP_BODY_KV, "hardwareVersion=1.00");
	expect(4, K_HTTP_BODY_KV, "processor=ST7108");
	expect(5, K_HTTP_BODY_KV, "serialNumber=5J0123456789ABC");
	expect(6, K_SERIAL, "5J0123456789ABC");
	expect(7, K_HTTP_BODY_KV, "updateSerial=NVR4XXX-4KS2");
	expect(8, K_HTTP_BODY_KV, "updateSerialCloud=NVR4XXX-4KS2");
	every_prefix(proto_http, (const uint8_t *)http_magicbox, sizeof(http_magicbox) - 1, 0);

	/* Text that is not key=value lines gives nothing. */
	static const char prose[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	                            "Content-Length: 12\r\n\r\nhello world\n";
	assert_int_equal(RUNS(proto_http, prose, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
}

static void t_http_chunked(void **state)
{
	(void)state;
	/* The body split mid-element and mid-line; a chunk extension and a trailer field. */
	static const char chunked[] =
	    "HTTP/1.1 200 OK\r\n"
	    "Server: App-webs/\r\n"
	    "Transfer-Encoding: chunked\r\n"
	    "Content-Type: application/xml; charset=\"UTF-8\"\r\n"
	    "\r\n"
	    "1f\r\n"
	    "<?xml version=\"1.0\"?><DeviceInf\r\n"
	    "3A;ext=1\r\n"
	    "o xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><model>\r\n"
	    "21\r\n"
	    "DS-7608NI-K2</model></DeviceInfo>\r\n"
	    "0\r\n"
	    "X-Trailer: 1\r\n"
	    "\r\n"
	    "HTTP/1.1 200 OK\r\n"
	    "Server: second\r\n"
	    "Content-Length: 0\r\n"
	    "\r\n";
	assert_int_equal(RUNS(proto_http, chunked, 0), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(0, K_HTTP_SERVER, "App-webs/");
	expect(1, K_HTTP_BODY_XMLNS, "http://www.hikvision.com/ver20/XMLSchema");
	expect(2, K_DEVICE_MODEL, "DS-7608NI-K2");
	expect(3, K_HTTP_SERVER, "second");
	every_prefix(proto_http, (const uint8_t *)chunked, sizeof(chunked) - 1, 0);

	/* A chunked magicBox answer. */
	static const char kv[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	                         "a\r\ndeviceType\r\n"
	                         "12\r\n=IPC-HDW2431T-AS\r\n\r\n"
	                         "0\r\n\r\n";
	assert_int_equal(RUNS(proto_http, kv, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_BODY_KV, "deviceType=IPC-HDW2431T-AS");
	expect(1, K_DEVICE_MODEL, "IPC-HDW2431T-AS");
}

static void t_http_html(void **state)
{
	(void)state;
	static const char page[] =
	    "HTTP/1.1 200 OK\r\n"
	    "Server: Apache\r\n"
	    "Content-Type: text/html\r\n"
	    "\r\n"
	    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
	    "<title>\n   WEB \t SERVICE  \n</title><script>var t='<title>no</title>';</script>"
	    "</head><body><title>not this</title></body></html>\n";
	assert_int_equal(RUNS(proto_http, page, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_SERVER, "Apache");
	expect(1, K_HTML_TITLE, "WEB SERVICE");
	every_prefix(proto_http, (const uint8_t *)page, sizeof(page) - 1, 0);

	/* Without Content-Type, sniffed from the start of the body; entities decoded. */
	static const char bare[] = "HTTP/1.0 200 OK\r\n\r\n"
	                           "<html><HEAD><TITLE>ZXHN H298A &amp; Co</TITLE></HEAD></html>";
	assert_int_equal(RUNS(proto_http, bare, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTML_TITLE, "ZXHN H298A & Co");

	/* Compressed bodies are not read. */
	static const char gz[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
	                         "Content-Encoding: gzip\r\nContent-Length: 20\r\n\r\n"
	                         "<title>zipped</title>";
	assert_int_equal(RUNS(proto_http, gz, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
}

static void t_http_keepalive(void **state)
{
	(void)state;
	static const char two[] = "HTTP/1.1 100 Continue\r\n\r\n"
	                          "HTTP/1.1 200 OK\r\n"
	                          "Server: Webs\r\n"
	                          "Content-Type: text/html\r\n"
	                          "Content-Length: 28\r\n"
	                          "\r\n"
	                          "<title>WEB SERVICE</title>\r\n"
	                          "HTTP/1.1 404 Not Found\r\n"
	                          "Server: Webs\r\n"
	                          "Set-Cookie: DhWebClientSessionID=7; path=/\r\n"
	                          "Content-Length: 0\r\n"
	                          "\r\n";
	assert_int_equal(RUNS(proto_http, two, 0), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(0, K_HTTP_SERVER, "Webs");
	expect(1, K_HTML_TITLE, "WEB SERVICE");
	expect(2, K_HTTP_SERVER, "Webs");
	expect(3, K_HTTP_COOKIE, "DhWebClientSessionID=7; path=/");

	/* Two requests, one with a body; the response to a HEAD (length, no body) then another. */
	static const char reqs[] =
	    "POST /RPC2_Login HTTP/1.1\r\nHost: cam.local\r\n"
	    "Content-Length: 5\r\n\r\nhello"
	    "GET / HTTP/1.1\r\nHost: cam.local:8080\r\nUser-Agent: x\r\n\r\n";
	assert_int_equal(RUNS(proto_http, reqs, 1), PROTO_OK);
	assert_int_equal(R.n, 3);
	expect(0, K_HTTP_HOST, "cam.local");
	expect(1, K_HTTP_HOST, "cam.local:8080");
	expect(2, K_HTTP_USER_AGENT, "x");
	static const char head[] = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"
	                           "HTTP/1.1 200 OK\r\nServer: after-head\r\n\r\n";
	assert_int_equal(RUNS(proto_http, head, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTTP_SERVER, "after-head");
}

static void t_http_hostile(void **state)
{
	(void)state;
	/* A Content-Length far past the buffer: the body is read as far as it goes. */
	static const char huge[] = "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999\r\n"
	                           "Content-Type: text/html\r\n\r\n<title>t</title>";
	assert_int_equal(RUNS(proto_http, huge, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTML_TITLE, "t");
	/* Cut bodies: the line or title the cut runs through is not emitted. */
	static const char cutkv[] = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
	                            "deviceType=DH-IPC-HFW2431S\r\nserialNumber=5J01";
	assert_int_equal(RUNS(proto_http, cutkv, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_BODY_KV, "deviceType=DH-IPC-HFW2431S");
	expect(1, K_DEVICE_MODEL, "DH-IPC-HFW2431S");
	static const char cuttitle[] = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
	                               "<!-- c --><html><head><title>WEB SER";
	assert_int_equal(RUNS(proto_http, cuttitle, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	assert_int_equal(run(proto_http, cuttitle, sizeof(cuttitle) - 1 - 4, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	static const char whole[] = "HTTP/1.1 200 OK\r\nContent-Length: 49\r\n\r\n"
	                            "<!-- c -->\n<html><head><title>WEB SERVICE</title>";
	assert_int_equal(RUNS(proto_http, whole, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTML_TITLE, "WEB SERVICE");
	static const char overflow[] = "HTTP/1.1 200 OK\r\nServer: s\r\n"
	                               "Content-Length: 999999999999999999999999999\r\n\r\nx";
	assert_int_equal(RUNS(proto_http, overflow, 0), PROTO_MALFORMED);
	expect(0, K_HTTP_SERVER, "s");

	/* Headers without end up to the bound. */
	size_t n = PROTO_STREAM_MAX;
	char *big = malloc(n);
	assert_non_null(big);
	memcpy(big, "HTTP/1.1 200 OK\r\n", 17);
	for (size_t i = 17; i < n; i++)
		big[i] = "X-A: b\r\n"[(i - 17) % 8];
	assert_int_equal(run(proto_http, big, n, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	/* One endless header line. */
	memset(big + 17, 'A', n - 17);
	assert_int_equal(run(proto_http, big, n, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	free(big);

	/* Malformed chunk sizes. */
	static const char *const bad[] = {
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nab\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(run(proto_http, bad[i], strlen(bad[i]), 0), PROTO_MALFORMED);
		assert_int_equal(R.n, 0);
	}
	/* A huge chunk size: read as far as the buffer goes. */
	static const char bigchunk[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	                               "7FFFFFFFFFFF\r\n<title>t</title>";
	assert_int_equal(RUNS(proto_http, bigchunk, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTML_TITLE, "t");

	/* Not HTTP. */
	assert_int_equal(RUNS(proto_http, "\x16\x03\x01\x00\x05hello\r\n", 0), PROTO_NOT_MINE);
	assert_int_equal(RUNS(proto_http, "SSH-2.0-x\r\n", 0), PROTO_NOT_MINE);
	assert_int_equal(run(proto_http, "", 0, 0), PROTO_OK);
	assert_int_equal(RUNS(proto_http, "HTTP/1.1 200", 0), PROTO_OK);
	assert_int_equal(RUNS(proto_http, "HTTP/1.1 200 OK\r\n", 0), PROTO_OK);
	assert_int_equal(RUNS(proto_http, "hello", 0), PROTO_NOT_MINE);

	/* XML that asks for external entities and expansions: nothing is loaded or expanded. */
	static const char xxe[] =
	    "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n"
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE DeviceInfo [\n"
	    "<!ENTITY ext SYSTEM \"file:///etc/hostname\">\n"
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    "]>\n"
	    "<DeviceInfo xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
	    "<model>&ext;</model><serialNumber>&d;</serialNumber>"
	    "<macAddress>&#52;4:19:b6:00:00:01</macAddress></DeviceInfo>";
	assert_int_equal(RUNS(proto_http, xxe, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_BODY_XMLNS, "http://www.hikvision.com/ver20/XMLSchema");
	expect(1, K_MAC, "44:19:b6:00:00:01");
}

static void t_http_sniff(void **state)
{
	(void)state;
	assert_true(sniff_http((const uint8_t *)"GET / HTTP/1.1\r\n", 16));
	assert_true(sniff_http((const uint8_t *)"OPTIONS * HTTP/1.1", 18));
	assert_true(sniff_http((const uint8_t *)"HTTP/1.0 200", 12));
	assert_false(sniff_http((const uint8_t *)"GET", 3));
	assert_false(sniff_http((const uint8_t *)"GETX / HTTP/1.1", 15));
	assert_false(sniff_http((const uint8_t *)"RTSP/1.0 200 OK", 15));
	assert_false(sniff_http((const uint8_t *)"", 0));
}

/* ---- RTSP ---- */

static void t_rtsp(void **state)
{
	(void)state;
	static const char req[] =
	    "OPTIONS rtsp://admin:pa55@192.168.1.108:554/cam/realmonitor?channel=1&subtype=0 "
	    "RTSP/1.0\r\n"
	    "CSeq: 1\r\n"
	    "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n"
	    "\r\n"
	    "DESCRIBE rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\r\n"
	    "CSeq: 2\r\n\r\n"
	    "SETUP rtsp://192.168.1.64/Streaming/Channels/101 RTSP/1.0\r\n"
	    "CSeq: 3\r\nContent-Length: 4\r\n\r\nabcd"
	    "$\x00\x00\x03xyz"
	    "GET_PARAMETER rtsp://192.168.1.64/ RTSP/1.0\r\nCSeq: 4\r\n\r\n";
	assert_int_equal(RUNS(proto_rtsp, req, 1), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect_who(0, SIDE_DST, K_RTSP_PATH, "/cam/realmonitor?channel=1&subtype=0");
	expect(1, K_HTTP_USER_AGENT, "LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)");
	expect_who(2, SIDE_DST, K_RTSP_PATH, "/Streaming/Channels/101");
	expect_who(3, SIDE_DST, K_RTSP_PATH, "/");
	every_prefix(proto_rtsp, (const uint8_t *)req, sizeof(req) - 1, 1);

	static const char resp[] =
	    "RTSP/1.0 200 OK\r\n"
	    "CSeq: 1\r\n"
	    "Server: Rtsp Server/3.0\r\n"
	    "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN\r\n"
	    "\r\n"
	    "RTSP/1.0 401 Unauthorized\r\n"
	    "CSeq: 2\r\n"
	    "WWW-Authenticate: Digest realm=\"Login to 5J0123456789ABC\", "
	    "nonce=\"b4c1a0e8d2f6\"\r\n"
	    "Content-Length: 0\r\n"
	    "\r\n";
	assert_int_equal(RUNS(proto_rtsp, resp, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_RTSP_SERVER, "Rtsp Server/3.0");
	expect(1, K_RTSP_WWW_AUTHENTICATE,
	       "Digest realm=\"Login to 5J0123456789ABC\", nonce=\"b4c1a0e8d2f6\"");
	every_prefix(proto_rtsp, (const uint8_t *)resp, sizeof(resp) - 1, 0);

	assert_int_equal(RUNS(proto_rtsp, "GET / HTTP/1.1\r\n\r\n", 1), PROTO_NOT_MINE);
	assert_int_equal(RUNS(proto_rtsp, "RTSP/1.0 200 OK\r\nContent-Length: x\r\n\r\n", 0),
	                 PROTO_MALFORMED);
	assert_int_equal(
	    RUNS(proto_rtsp, "RTSP/1.0 200 OK\r\nContent-Length: 99999999999\r\n\r\nv=0", 0),
	    PROTO_OK);

	assert_true(sniff_rtsp((const uint8_t *)"RTSP/1.0 200 OK", 15));
	assert_true(sniff_rtsp((const uint8_t *)"OPTIONS rtsp://h/ RTSP/1.0", 26));
	assert_true(sniff_rtsp((const uint8_t *)"DESCRIBE RTSP://h/", 18));
	assert_false(sniff_rtsp((const uint8_t *)"OPTIONS * HTTP/1.1", 18));
	assert_false(sniff_rtsp((const uint8_t *)"OPTIONS rtsp:", 13));
	assert_false(sniff_rtsp((const uint8_t *)"", 0));
}

/* ---- TLS ---- */

struct wr {
	uint8_t b[8192];
	size_t n;
};

static void w8(struct wr *w, unsigned v)
{
	assert_true(w->n < sizeof(w->b));
	w->b[w->n++] = (uint8_t)v;
}

static void w16(struct wr *w, unsigned v)
{
	w8(w, v >> 8);
	w8(w, v & 0xff);
}

static void w24(struct wr *w, size_t v)
{
	w8(w, (unsigned)(v >> 16));
	w16(w, (unsigned)(v & 0xffff));
}

static void wbytes(struct wr *w, const void *p, size_t n)
{
	assert_true(n <= sizeof(w->b) - w->n);
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

/* Wraps handshake bytes in records of at most frag bytes each. */
static void records(struct wr *out, const struct wr *hs, size_t frag)
{
	for (size_t off = 0; off < hs->n; off += frag) {
		size_t len = hs->n - off < frag ? hs->n - off : frag;
		w8(out, 22);
		w16(out, 0x0303);
		w16(out, (unsigned)len);
		wbytes(out, hs->b + off, len);
	}
}

static void client_hello(struct wr *hs, const char *sni)
{
	struct wr body = {.n = 0};
	w16(&body, 0x0303);
	for (int i = 0; i < 32; i++)
		w8(&body, (unsigned)i);
	w8(&body, 0);  /* session id */
	w16(&body, 4); /* cipher suites */
	w16(&body, 0xc02b);
	w16(&body, 0xc02f);
	w8(&body, 1); /* compression */
	w8(&body, 0);
	size_t sl = strlen(sni);
	w16(&body, (unsigned)(4 + 2 + 2 + 1 + 2 + sl + 4 + 3)); /* extensions */
	w16(&body, 0xff01);                                     /* renegotiation_info */
	w16(&body, 1);
	w8(&body, 0);
	w16(&body, 0); /* server_name */
	w16(&body, (unsigned)(2 + 1 + 2 + sl));
	w16(&body, (unsigned)(1 + 2 + sl));
	w8(&body, 0);
	w16(&body, (unsigned)sl);
	wbytes(&body, sni, sl);
	w16(&body, 23); /* extended_master_secret */
	w16(&body, 0);
	w8(hs, 1);
	w24(hs, body.n);
	wbytes(hs, body.b, body.n);
}

static void t_tls_client_hello(void **state)
{
	(void)state;
	struct wr hs = {.n = 0}, rec = {.n = 0};
	client_hello(&hs, "dnl-01.geo.kaspersky.com");
	records(&rec, &hs, 16384);
	assert_true(sniff_tls(rec.b, rec.n));
	assert_int_equal(run(proto_tls, rec.b, rec.n, 1), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_TLS_SNI, "dnl-01.geo.kaspersky.com");
	every_prefix(proto_tls, rec.b, rec.n, 1);

	/* The same hello split over three records. */
	rec.n = 0;
	records(&rec, &hs, 40);
	assert_int_equal(run(proto_tls, rec.b, rec.n, 1), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_TLS_SNI, "dnl-01.geo.kaspersky.com");

	/* Lengths that point past the end. */
	static const uint8_t past[] = {22, 3, 1, 0x40, 0x00, 1, 0xff, 0xff, 0xff, 3, 3};
	assert_int_equal(run(proto_tls, past, sizeof(past), 1), PROTO_OK);
	assert_int_equal(R.n, 0);
	static const uint8_t huge_rec[] = {22, 3, 3, 0xff, 0xff, 1, 0, 0, 4, 3, 3, 0, 0};
	assert_int_equal(run(proto_tls, huge_rec, sizeof(huge_rec), 1), PROTO_MALFORMED);
	/* The SNI length past its extension. */
	hs.b[hs.n - 4 - 24 - 2] = 0xff;
	rec.n = 0;
	records(&rec, &hs, 16384);
	assert_int_equal(run(proto_tls, rec.b, rec.n, 1), PROTO_OK);
	assert_int_equal(R.n, 0);

	assert_false(sniff_tls((const uint8_t *)"\x16\x03\x05", 3));
	assert_false(sniff_tls((const uint8_t *)"\x17\x03\x03", 3));
	assert_false(sniff_tls((const uint8_t *)"\x16\x03", 2));
	assert_int_equal(RUNS(proto_tls, "GET / HTTP/1.1\r\n", 1), PROTO_NOT_MINE);
}

/* A self-signed certificate like a Hikvision camera's default one, DER in out. */
static size_t make_cert(uint8_t *out, size_t cap)
{
	EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	assert_non_null(key);
	X509 *x = X509_new();
	assert_non_null(x);
	assert_int_equal(X509_set_version(x, 2), 1);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600L * 24 * 365);
	X509_NAME *name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, (const unsigned char *)"CN", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)"HIKVISION", -1,
	                           -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"192.168.1.64",
	                           -1, -1, 0);
	assert_int_equal(X509_set_issuer_name(x, name), 1);
	assert_int_equal(X509_set_pubkey(x, key), 1);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	int len = i2d_X509(x, NULL);
	assert_true(len > 0 && (size_t)len <= cap);
	unsigned char *q = out;
	assert_int_equal(i2d_X509(x, &q), len);
	X509_free(x);
	EVP_PKEY_free(key);
	return (size_t)len;
}

static void server_hello(struct wr *hs, int tls13)
{
	struct wr body = {.n = 0};
	w16(&body, 0x0303);
	for (int i = 0; i < 32; i++)
		w8(&body, (unsigned)(0x80 + i));
	w8(&body, 0);
	w16(&body, 0xc02b);
	w8(&body, 0);
	if (tls13) {
		w16(&body, 6);
		w16(&body, 43); /* supported_versions: TLS 1.3 */
		w16(&body, 2);
		w16(&body, 0x0304);
	} else {
		w16(&body, 5);
		w16(&body, 0xff01);
		w16(&body, 1);
		w8(&body, 0);
	}
	w8(hs, 2);
	w24(hs, body.n);
	wbytes(hs, body.b, body.n);
}

static void t_tls_certificate(void **state)
{
	(void)state;
	uint8_t der[2048];
	size_t dl = make_cert(der, sizeof(der));
	struct wr hs = {.n = 0}, rec = {.n = 0};
	server_hello(&hs, 0);
	w8(&hs, 11);
	w24(&hs, 3 + 3 + dl);
	w24(&hs, 3 + dl);
	w24(&hs, dl);
	wbytes(&hs, der, dl);
	w8(&hs, 14); /* ServerHelloDone */
	w24(&hs, 0);
	/* Two records, split inside the certificate. */
	size_t half = hs.n / 2 + 7;
	w8(&rec, 22);
	w16(&rec, 0x0303);
	w16(&rec, (unsigned)half);
	wbytes(&rec, hs.b, half);
	w8(&rec, 22);
	w16(&rec, 0x0303);
	w16(&rec, (unsigned)(hs.n - half));
	wbytes(&rec, hs.b + half, hs.n - half);

	assert_int_equal(run(proto_tls, rec.b, rec.n, 0), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_TLS_CERT_SUBJECT, "CN=192.168.1.64,O=HIKVISION,C=CN");
	expect(1, K_TLS_CERT_ISSUER, "CN=192.168.1.64,O=HIKVISION,C=CN");
	every_prefix(proto_tls, rec.b, rec.n, 0);

	/* A cut certificate: nothing, no crash. */
	assert_int_equal(run(proto_tls, rec.b, rec.n - 60, 0), PROTO_OK);
	assert_int_equal(R.n, 0);

	/* A corrupt certificate of the announced length is malformed. */
	struct wr bad = rec;
	bad.b[5 + 4 + 70 + 10 + 20] ^= 0xff;
	bad.b[5 + 4 + 70 + 10 + 21] ^= 0xff;
	int rc = run(proto_tls, bad.b, bad.n, 0);
	assert_true(rc == PROTO_MALFORMED || rc == PROTO_OK);

	/* TLS 1.3: the certificate that follows a ServerHello is encrypted; even a
	 * plaintext-looking one is not read. */
	struct wr hs13 = {.n = 0}, rec13 = {.n = 0};
	server_hello(&hs13, 1);
	w8(&hs13, 11);
	w24(&hs13, 3 + 3 + dl);
	w24(&hs13, 3 + dl);
	w24(&hs13, dl);
	wbytes(&hs13, der, dl);
	records(&rec13, &hs13, 16384);
	assert_int_equal(run(proto_tls, rec13.b, rec13.n, 0), PROTO_OK);
	assert_int_equal(R.n, 0);
}

/* ---- banners ---- */

static void t_ssh(void **state)
{
	(void)state;
	assert_int_equal(RUNS(proto_ssh, "SSH-2.0-HUAWEI-1.5\r\n", 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_SSH_BANNER, "SSH-2.0-HUAWEI-1.5");
	/* Lines before the identification (server only, RFC 4253 §4.2); LF alone. */
	assert_int_equal(RUNS(proto_ssh, "Welcome\r\nSSH-2.0-ZTE_SSH.2.0\n\0\0\0\x14", 0),
	                 PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_SSH_BANNER, "SSH-2.0-ZTE_SSH.2.0");
	assert_int_equal(RUNS(proto_ssh, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", 1), PROTO_OK);
	expect(0, K_SSH_BANNER, "SSH-2.0-OpenSSH_9.2p1 Debian-2");
	assert_int_equal(RUNS(proto_ssh, "SSH-2.0-cut", 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	assert_int_equal(RUNS(proto_ssh, "hello\r\n", 1), PROTO_NOT_MINE);
	assert_int_equal(RUNS(proto_ssh, "GET / HTTP/1.1", 1), PROTO_NOT_MINE);
	assert_true(sniff_ssh((const uint8_t *)"SSH-1.99-x", 10));
	assert_false(sniff_ssh((const uint8_t *)"SSH", 3));
}

static void t_telnet(void **state)
{
	(void)state;
	static const char tn[] = "\xff\xfd\x18\xff\xfd\x20\xff\xfb\x01\xff\xfb\x03"
	                         "\xff\xfa\x18\x01\xff\xf0"
	                         "\r\n\r\n\x1b[1;32mZXHN H298A  \x1b[0m\r\n\r\n\r\n"
	                         "\xff\xff\x07Login: ";
	assert_true(sniff_telnet((const uint8_t *)tn, sizeof(tn) - 1));
	assert_int_equal(RUNS(proto_telnet, tn, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_TELNET_BANNER, "ZXHN H298A\nLogin:");
	every_prefix(proto_telnet, (const uint8_t *)tn, sizeof(tn) - 1, 0);

	/* CR NUL, bare CR, and an unterminated subnegotiation. */
	assert_int_equal(
	    RUNS(proto_telnet, "User Access Verification\r\0\rUsername:\xff\xfa\x01", 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_TELNET_BANNER, "User Access Verification\nUsername:");
	/* Negotiation only, and the client side: nothing. */
	assert_int_equal(RUNS(proto_telnet, "\xff\xfb\x01\xff\xfb\x03", 0), PROTO_OK);
	assert_int_equal(R.n, 0);
	assert_int_equal(RUNS(proto_telnet, "\xff\xfc\x01root\r\n", 1), PROTO_OK);
	assert_int_equal(R.n, 0);
	/* Long text is cut at 512 bytes. */
	char longb[2000];
	memset(longb, 'x', sizeof(longb));
	assert_int_equal(run(proto_telnet, longb, sizeof(longb), 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	assert_int_equal(R.o[0].n, 512);
	assert_false(sniff_telnet((const uint8_t *)"login:", 6));
}

static void t_ftp(void **state)
{
	(void)state;
	static const char ml[] = "220-Welcome to QUIDWAY S2403 Access Server\r\n"
	                         "220-Copyright (c) 1998-2004 HUAWEI TECH CO. LTD.\r\n"
	                         "   plain continuation line  \r\n"
	                         "220 FTP server ready\r\n"
	                         "331 not part of it\r\n";
	assert_true(sniff_ftp((const uint8_t *)ml, sizeof(ml) - 1));
	assert_int_equal(RUNS(proto_ftp, ml, 0), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_FTP_BANNER,
	       "Welcome to QUIDWAY S2403 Access Server\n"
	       "Copyright (c) 1998-2004 HUAWEI TECH CO. LTD.\n"
	       "   plain continuation line\n"
	       "FTP server ready");
	every_prefix(proto_ftp, (const uint8_t *)ml, sizeof(ml) - 1, 0);

	assert_int_equal(RUNS(proto_ftp, "220 ZXDSL 831CII FTP version 1.0 ready\r\n", 0),
	                 PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_FTP_BANNER, "ZXDSL 831CII FTP version 1.0 ready");
	assert_int_equal(RUNS(proto_ftp, "USER anonymous\r\n", 1), PROTO_OK);
	assert_int_equal(R.n, 0);
	assert_int_equal(RUNS(proto_ftp, "530 go away\r\n", 0), PROTO_NOT_MINE);
	assert_false(sniff_ftp((const uint8_t *)"2200", 4));
	assert_false(sniff_ftp((const uint8_t *)"220", 3));
}

/* ---- garbage through everything ---- */

static void t_garbage(void **state)
{
	(void)state;
	static const stream_fn fns[] = {proto_http, proto_rtsp,   proto_tls,
	                                proto_ssh,  proto_telnet, proto_ftp};
	uint8_t *buf = malloc(PROTO_STREAM_MAX);
	assert_non_null(buf);
	static const char ish[] = "GET / HTTP/1.1\r\n:<>=0123456789abcdef \x16\x03\xff";
	uint32_t s = 0x12345678;
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(round * 997) % PROTO_STREAM_MAX;
		for (size_t i = 0; i < n; i++) {
			s = s * 1103515245u + 12345u;
			uint8_t c = (uint8_t)(s >> 16);
			/* Mostly protocol-ish bytes so that parsers get deep. */
			if (round % 3 == 0)
				c = (uint8_t)ish[c % (sizeof(ish) - 1)];
			buf[i] = c;
		}
		if (round % 2 == 0 && n > 16)
			memcpy(buf, round % 4 ? "HTTP/1.1 200 OK\r\n" : "\x16\x03\x03\x10\x00\x0b",
			       6);
		for (size_t f = 0; f < sizeof(fns) / sizeof(fns[0]); f++) {
			int rc = run(fns[f], buf, n, round & 1);
			assert_true(rc == PROTO_OK || rc == PROTO_NOT_MINE ||
			            rc == PROTO_MALFORMED);
		}
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(t_http_request, reset),
	    cmocka_unit_test_setup(t_http_isapi, reset),
	    cmocka_unit_test_setup(t_http_401, reset),
	    cmocka_unit_test_setup(t_http_magicbox, reset),
	    cmocka_unit_test_setup(t_http_chunked, reset),
	    cmocka_unit_test_setup(t_http_html, reset),
	    cmocka_unit_test_setup(t_http_keepalive, reset),
	    cmocka_unit_test_setup(t_http_hostile, reset),
	    cmocka_unit_test_setup(t_http_sniff, reset),
	    cmocka_unit_test_setup(t_rtsp, reset),
	    cmocka_unit_test_setup(t_tls_client_hello, reset),
	    cmocka_unit_test_setup(t_tls_certificate, reset),
	    cmocka_unit_test_setup(t_ssh, reset),
	    cmocka_unit_test_setup(t_telnet, reset),
	    cmocka_unit_test_setup(t_ftp, reset),
	    cmocka_unit_test_setup(t_garbage, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
