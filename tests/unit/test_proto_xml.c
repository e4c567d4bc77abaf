/* XML documents in HTTP response bodies (src/proto/xmlbody.h): ONVIF GetDeviceInformation
 * (onvif.c) and UPnP device descriptions (upnp.c), fed as whole HTTP responses through
 * proto_http; the table itself through xmlbody_decode. A recording emit checks every observation
 * exactly, in order. Hostile documents (wrong namespaces or places, faults, huge values, many
 * elements, deep nesting, every truncation of the valid ones) must give nothing that is not in
 * the input, and a bounded number of observations. */
#include "unit/cm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/xml.h"
#include "proto/xmlbody.h"

/* ---- recording emit ---- */

#define REC_MAX 128

struct rec_obs {
	enum side who;
	enum key_id key;
	char v[2048];
	size_t n;
};

struct rec {
	size_t n;
	struct rec_obs o[REC_MAX];
};

static void rec_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                    size_t n)
{
	(void)p;
	struct rec *r = ctx;
	assert_true(n > 0);
	assert_true(r->n < REC_MAX);
	assert_true(n < sizeof(r->o[0].v));
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

static void expect(size_t i, enum key_id key, const char *v)
{
	if (i >= R.n)
		fail_msg("observation %zu missing (have %zu), wanted %s", i, R.n, v);
	assert_int_equal(R.o[i].who, SIDE_SRC);
	assert_int_equal(R.o[i].key, key);
	assert_string_equal(R.o[i].v, v);
	assert_int_equal(R.o[i].n, strlen(v));
}

/* How many observations of key k were made. */
static size_t count(enum key_id k)
{
	size_t c = 0;
	for (size_t i = 0; i < R.n; i++)
		c += R.o[i].key == k;
	return c;
}

static int reset(void **state)
{
	(void)state;
	memset(&R, 0, sizeof(R));
	memset(&PK, 0, sizeof(PK));
	PK.l4 = 6;
	return 0;
}

static int run(const void *p, size_t n)
{
	memset(&R, 0, sizeof(R));
	return proto_http(p, n, 0, &PK, &EM);
}

/* A whole "200 OK" response with this Content-Type and body (malloc'd, NUL-terminated). */
static char *response(const char *ctype, const char *body)
{
	size_t cap = strlen(body) + 256;
	char *s = malloc(cap);
	assert_non_null(s);
	int k = snprintf(s, cap,
	                 "HTTP/1.1 200 OK\r\n"
	                 "Content-Type: %s\r\n"
	                 "Content-Length: %zu\r\n"
	                 "Connection: close\r\n"
	                 "\r\n"
	                 "%s",
	                 ctype, strlen(body), body);
	assert_true(k > 0 && (size_t)k < cap);
	return s;
}

/* The body in a response, through proto_http. */
static int run_body(const char *ctype, const char *body)
{
	char *s = response(ctype, body);
	int rc = run(s, strlen(s));
	free(s);
	return rc;
}

/* Every prefix of a valid response: no crash, and every value emitted is one the whole
 * response emits under the same key (the XML decoders never emit a value cut by the bound).
 * Namespaces are http.c's: libxml2's recovery reports the start tag the input ends in, with a
 * cut xmlns value, so only their key is compared. */
static void every_prefix(const char *s)
{
	size_t n = strlen(s);
	(void)run(s, n);
	struct rec whole = R;
	for (size_t k = 0; k <= n; k++) {
		/* A copy of exactly k bytes, so that ASan sees any read past the bound. */
		uint8_t *copy = malloc(k ? k : 1);
		assert_non_null(copy);
		if (k)
			memcpy(copy, s, k);
		int rc = run(copy, k);
		assert_true(rc == PROTO_OK || rc == PROTO_NOT_MINE || rc == PROTO_MALFORMED);
		for (size_t i = 0; i < R.n; i++) {
			size_t j = 0;
			while (j < whole.n && !(whole.o[j].key == R.o[i].key &&
			                        (R.o[i].key == K_HTTP_BODY_XMLNS ||
			                         strcmp(whole.o[j].v, R.o[i].v) == 0)))
				j++;
			if (j == whole.n)
				fail_msg("prefix %zu emitted %s, not in the whole", k, R.o[i].v);
		}
		free(copy);
	}
}

/* A document repeated: head, then times copies of item, then tail (malloc'd). */
static char *repeat(const char *head, const char *item, size_t times, const char *tail)
{
	size_t n = strlen(head) + strlen(item) * times + strlen(tail) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	size_t o = 0;
	memcpy(s + o, head, strlen(head));
	o += strlen(head);
	for (size_t i = 0; i < times; i++) {
		memcpy(s + o, item, strlen(item));
		o += strlen(item);
	}
	memcpy(s + o, tail, strlen(tail) + 1);
	return s;
}

/* A growing document: appends printf-style text (aborts the test past the capacity). */
struct doc {
	char s[32768];
	size_t n;
};

static void add(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(d->s + d->n, sizeof(d->s) - d->n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof(d->s) - d->n);
	d->n += (size_t)k;
}

/* ---- ONVIF GetDeviceInformation ---- */

#define SOAP12 "http://www.w3.org/2003/05/soap-envelope"
#define TDS    "http://www.onvif.org/ver10/device/wsdl"

/* As the lab's Hikvision camera answers (tests/lab/devices/hik-cam/onvif-info.xml). */
#define ONVIF_HIK                                                                                  \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                             \
	"<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\"><env:Body>"                  \
	"<tds:GetDeviceInformationResponse>"                                                       \
	"<tds:Manufacturer>HIKVISION</tds:Manufacturer>"                                           \
	"<tds:Model>DS-2CD2143G0-I</tds:Model>"                                                    \
	"<tds:FirmwareVersion>V5.6.3 build 190923</tds:FirmwareVersion>"                           \
	"<tds:SerialNumber>DS-2CD2143G0-I20200101AAWRD00000001</tds:SerialNumber>"                 \
	"<tds:HardwareId>88</tds:HardwareId>"                                                      \
	"</tds:GetDeviceInformationResponse></env:Body></env:Envelope>\n"

static const char onvif_hik[] = "HTTP/1.1 200 OK\r\n"
                                "Server: App-webs/\r\n"
                                "Content-Type: application/soap+xml; charset=utf-8\r\n"
                                "Content-Length: 514\r\n"
                                "Connection: close\r\n"
                                "\r\n" ONVIF_HIK;

static void t_onvif_info(void **state)
{
	(void)state;
	assert_int_equal(strlen(ONVIF_HIK), 514);
	assert_int_equal(run(onvif_hik, sizeof(onvif_hik) - 1), PROTO_OK);
	assert_int_equal(R.n, 7);
	expect(0, K_HTTP_SERVER, "App-webs/");
	expect(1, K_HTTP_BODY_XMLNS, SOAP12);
	expect(2, K_HTTP_BODY_XMLNS, TDS);
	expect(3, K_ONVIF_MANUFACTURER, "HIKVISION");
	expect(4, K_ONVIF_MODEL, "DS-2CD2143G0-I");
	expect(5, K_ONVIF_FIRMWARE, "V5.6.3 build 190923");
	expect(6, K_SERIAL, "DS-2CD2143G0-I20200101AAWRD00000001");

	/* Cut inside <tds:Model>: what came before is read, the cut value is not. */
	const char *cut = strstr(onvif_hik, "<tds:Model>DS-2CD");
	assert_int_equal(run(onvif_hik, (size_t)(cut - onvif_hik) + 17), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(3, K_ONVIF_MANUFACTURER, "HIKVISION");
	every_prefix(onvif_hik);
}

static void t_onvif_forms(void **state)
{
	(void)state;
	/* Dahua-style: other prefixes, a SOAP Header, the namespace declared on the response,
	 * entities and CDATA, blanks around values, sent chunked. */
	static const char *const chunks[] = {
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<s:Envelope xmlns:s=\"" SOAP12 "\"><s:Header/><s:Body>",
	    "<d:GetDeviceInformationResponse xmlns:d=\"" TDS "\">"
	    "<d:Manufacturer>\n  Dahua\n</d:Manufacturer>"
	    "<d:Model><![CDATA[IPC-HDW2431T-AS]]></d:Model>"
	    "<d:FirmwareVersion>2.800.0000000.16.R, Build Date 2020-07-23</d:FirmwareVersion>"
	    "<d:SerialNumber>5J01234",
	    "56789ABC</d:SerialNumber>"
	    "<d:HardwareId>1.00</d:HardwareId>"
	    "</d:GetDeviceInformationResponse>",
	    "</s:Body></s:Envelope>",
	};
	static struct doc dahua;
	dahua.n = 0;
	add(&dahua, "HTTP/1.1 200 OK\r\n"
	            "Content-Type: application/soap+xml; charset=utf-8\r\n"
	            "Transfer-Encoding: chunked\r\n"
	            "\r\n");
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++)
		add(&dahua, "%zx\r\n%s\r\n", strlen(chunks[i]), chunks[i]);
	add(&dahua, "0\r\n\r\n");
	assert_int_equal(run(dahua.s, dahua.n), PROTO_OK);
	assert_int_equal(R.n, 6);
	expect(0, K_HTTP_BODY_XMLNS, SOAP12);
	expect(1, K_HTTP_BODY_XMLNS, TDS);
	expect(2, K_ONVIF_MANUFACTURER, "Dahua");
	expect(3, K_ONVIF_MODEL, "IPC-HDW2431T-AS");
	expect(4, K_ONVIF_FIRMWARE, "2.800.0000000.16.R, Build Date 2020-07-23");
	expect(5, K_SERIAL, "5J0123456789ABC");
	every_prefix(dahua.s);

	/* SOAP 1.1, default namespaces, no prefix at all; an entity in a value. */
	assert_int_equal(
	    run_body("text/xml",
	             "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body>"
	             "<GetDeviceInformationResponse xmlns=\"" TDS "\">"
	             "<Manufacturer>AXIS</Manufacturer><Model>P3245-LV</Model>"
	             "<FirmwareVersion>9.80.3.1</FirmwareVersion>"
	             "<SerialNumber>ACCC8E&#48;00001</SerialNumber>"
	             "</GetDeviceInformationResponse></Body></Envelope>"),
	    PROTO_OK);
	assert_int_equal(R.n, 6);
	expect(0, K_HTTP_BODY_XMLNS, "http://schemas.xmlsoap.org/soap/envelope/");
	expect(1, K_HTTP_BODY_XMLNS, TDS);
	expect(2, K_ONVIF_MANUFACTURER, "AXIS");
	expect(3, K_ONVIF_MODEL, "P3245-LV");
	expect(4, K_ONVIF_FIRMWARE, "9.80.3.1");
	expect(5, K_SERIAL, "ACCC8E000001");

	/* Fields in any order, some missing, an empty one. */
	assert_int_equal(run_body("application/soap+xml",
	                          "<e:Envelope xmlns:e=\"" SOAP12 "\" xmlns:t=\"" TDS "\"><e:Body>"
	                          "<t:GetDeviceInformationResponse><t:SerialNumber>S1"
	                          "</t:SerialNumber><t:Model/><t:Manufacturer>ANNKE"
	                          "</t:Manufacturer></t:GetDeviceInformationResponse>"
	                          "</e:Body></e:Envelope>"),
	                 PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(2, K_SERIAL, "S1");
	expect(3, K_ONVIF_MANUFACTURER, "ANNKE");
}

static void t_onvif_other(void **state)
{
	(void)state;
	/* The answer to an unauthenticated request: a SOAP Fault (the lab's onvif-fault.xml). */
	assert_int_equal(
	    run_body("application/soap+xml",
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<env:Envelope xmlns:env=\"" SOAP12 "\" "
	             "xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body><env:Fault>"
	             "<env:Code><env:Value>env:Sender</env:Value><env:Subcode>"
	             "<env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>"
	             "<env:Reason><env:Text xml:lang=\"en\">Sender not Authorized</env:Text>"
	             "</env:Reason></env:Fault></env:Body></env:Envelope>\n"),
	    PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_HTTP_BODY_XMLNS, SOAP12);
	expect(1, K_HTTP_BODY_XMLNS, "http://www.onvif.org/ver10/error");

	/* Documents that are not a GetDeviceInformationResponse where it belongs: nothing but
	 * the namespaces. */
	static const char *const not_info[] = {
	    /* another response of the device service */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\"><env:Body>"
	    "<tds:GetSystemDateAndTimeResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>",
	    /* the response element in another namespace */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"urn:x\"><env:Body>"
	    "<tds:GetDeviceInformationResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>",
	    /* the fields in another namespace (ONVIF's schema namespace) */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS
	    "\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><env:Body>"
	    "<tds:GetDeviceInformationResponse><tt:Manufacturer>X</tt:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>",
	    /* in the Header, not the Body */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\"><env:Header>"
	    "<tds:GetDeviceInformationResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></env:Header><env:Body/></env:Envelope>",
	    /* a Body in another namespace than the envelope's */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\"><tds:Body>"
	    "<tds:GetDeviceInformationResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></tds:Body></env:Envelope>",
	    /* wrapped one level deeper */
	    "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\"><env:Body><tds:W>"
	    "<tds:GetDeviceInformationResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></tds:W></env:Body></env:Envelope>",
	    /* an Envelope that is not SOAP's */
	    "<env:Envelope xmlns:env=\"urn:not-soap\" xmlns:tds=\"" TDS "\"><env:Body>"
	    "<tds:GetDeviceInformationResponse><tds:Manufacturer>X</tds:Manufacturer>"
	    "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>",
	    /* no envelope at all */
	    "<tds:GetDeviceInformationResponse xmlns:tds=\"" TDS "\">"
	    "<tds:Manufacturer>X</tds:Manufacturer></tds:GetDeviceInformationResponse>",
	};
	for (size_t i = 0; i < sizeof(not_info) / sizeof(not_info[0]); i++) {
		assert_int_equal(run_body("application/soap+xml", not_info[i]), PROTO_OK);
		for (size_t j = 0; j < R.n; j++)
			if (R.o[j].key != K_HTTP_BODY_XMLNS)
				fail_msg("document %zu emitted %s", i, R.o[j].v);
	}

	/* A field with element children is not a value; a repeated field or a second response
	 * gives nothing more. */
	assert_int_equal(run_body("application/soap+xml",
	                          "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                          "<env:Body><tds:GetDeviceInformationResponse>"
	                          "<tds:Manufacturer>A<tds:x>B</tds:x>C</tds:Manufacturer>"
	                          "<tds:Model>M1</tds:Model><tds:Model>M2</tds:Model>"
	                          "</tds:GetDeviceInformationResponse>"
	                          "<tds:GetDeviceInformationResponse>"
	                          "<tds:Manufacturer>Other</tds:Manufacturer>"
	                          "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>"),
	                 PROTO_OK);
	assert_int_equal(R.n, 3);
	expect(2, K_ONVIF_MODEL, "M1");

	/* The request (from the client) is not examined. */
	static const char soap[] =
	    "<s:Envelope xmlns:s=\"" SOAP12 "\"><s:Body>"
	    "<GetDeviceInformation xmlns=\"" TDS "\"/></s:Body></s:Envelope>";
	static struct doc d;
	d.n = 0;
	add(&d, "POST /onvif/device_service HTTP/1.1\r\nHost: cam\r\nContent-Length: %zu\r\n\r\n%s",
	    strlen(soap), soap);
	assert_int_equal(run(d.s, d.n), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_HTTP_HOST, "cam");
}

static void t_onvif_hostile(void **state)
{
	(void)state;
	/* A value longer than the text bound is not emitted (it would be cut); the next is. */
	char *big = repeat("<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                   "<env:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>",
	                   "HIKVISION", 1000,
	                   "</tds:Manufacturer><tds:Model>DS-2CD2143G0-I</tds:Model>"
	                   "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>");
	assert_int_equal(run_body("application/soap+xml", big), PROTO_OK);
	assert_int_equal(R.n, 3);
	expect(2, K_ONVIF_MODEL, "DS-2CD2143G0-I");
	free(big);

	/* Thousands of fields: one observation each at most. */
	char *many = repeat("<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                    "<env:Body><tds:GetDeviceInformationResponse>",
	                    "<tds:Manufacturer>X</tds:Manufacturer><tds:Model>Y</tds:Model>", 3000,
	                    "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>");
	assert_int_equal(run_body("application/soap+xml", many), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(2, K_ONVIF_MANUFACTURER, "X");
	expect(3, K_ONVIF_MODEL, "Y");
	free(many);

	/* More elements before the answer than the parse reads (XML_MAX_ELEMS): nothing. */
	char *padded = repeat("<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                      "<env:Header>",
	                      "<x/>", XML_MAX_ELEMS,
	                      "</env:Header><env:Body><tds:GetDeviceInformationResponse>"
	                      "<tds:Manufacturer>X</tds:Manufacturer>"
	                      "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>");
	assert_int_equal(run_body("application/soap+xml", padded), PROTO_OK);
	assert_int_equal(count(K_ONVIF_MANUFACTURER), 0);
	free(padded);

	/* Deep nesting inside the response, then a field: the parse survives, the field after
	 * the nest is still read, nothing inside is a field. */
	char *deep = repeat("<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                    "<env:Body><tds:GetDeviceInformationResponse><tds:Model>",
	                    "<tds:Manufacturer>", 200, "Z");
	size_t dl = strlen(deep);
	char *deep2 = malloc(dl + 200 * 19 + 256);
	assert_non_null(deep2);
	memcpy(deep2, deep, dl);
	for (size_t i = 0; i < 200; i++) {
		memcpy(deep2 + dl, "</tds:Manufacturer>", 19);
		dl += 19;
	}
	static const char tail[] = "</tds:Model><tds:SerialNumber>S</tds:SerialNumber>"
	                           "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>";
	memcpy(deep2 + dl, tail, sizeof(tail));
	assert_int_equal(run_body("application/soap+xml", deep2), PROTO_OK);
	assert_int_equal(count(K_ONVIF_MANUFACTURER), 0);
	assert_int_equal(count(K_ONVIF_MODEL), 0);
	assert_int_equal(count(K_SERIAL), 1);
	free(deep);
	free(deep2);

	/* Entities a DTD declares are not expanded, external ones not loaded. */
	assert_int_equal(run_body("application/soap+xml",
	                          "<?xml version=\"1.0\"?>\n<!DOCTYPE e [\n"
	                          "<!ENTITY ext SYSTEM \"file:///etc/hostname\">\n"
	                          "<!ENTITY a \"HIKVISION\">\n]>\n"
	                          "<env:Envelope xmlns:env=\"" SOAP12 "\" xmlns:tds=\"" TDS "\">"
	                          "<env:Body><tds:GetDeviceInformationResponse>"
	                          "<tds:Manufacturer>&a;</tds:Manufacturer>"
	                          "<tds:Model>&ext;</tds:Model><tds:SerialNumber>&#83;1"
	                          "</tds:SerialNumber></tds:GetDeviceInformationResponse>"
	                          "</env:Body></env:Envelope>"),
	                 PROTO_OK);
	assert_int_equal(count(K_ONVIF_MANUFACTURER), 0);
	assert_int_equal(count(K_ONVIF_MODEL), 0);
	assert_int_equal(count(K_SERIAL), 1);
	expect(R.n - 1, K_SERIAL, "S1");
}

/* ---- UPnP device description ---- */

#define UPNP_NS "urn:schemas-upnp-org:device-1-0"

/* An EchoLife home gateway's IGD description: the root device, an embedded WANDevice and in it
 * a WANConnectionDevice (UDA 1.0 §2.1; IGD 1.0), with services and a DLNA element. */
#define UPNP_HG                                                                                    \
	"<?xml version=\"1.0\"?>\n"                                                                \
	"<root xmlns=\"" UPNP_NS "\">\n"                                                           \
	"<specVersion><major>1</major><minor>0</minor></specVersion>\n"                            \
	"<device>\n"                                                                               \
	"<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>\n"           \
	"<friendlyName>Living room</friendlyName>\n"                                               \
	"<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\n"                             \
	"<manufacturerURL>http://www.huawei.com</manufacturerURL>\n"                               \
	"<modelDescription>EchoLife Home Gateway</modelDescription>\n"                             \
	"<modelName>EchoLife HG8245H</modelName>\n"                                                \
	"<modelNumber>HG8245H</modelNumber>\n"                                                     \
	"<serialNumber>4857544312345678</serialNumber>\n"                                          \
	"<UDN>uuid:00e0fc37-2525-2828-2500-002568254201</UDN>\n"                                   \
	"<serviceList><service>"                                                                   \
	"<serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType>"               \
	"<serviceId>urn:upnp-org:serviceId:L3Forwarding1</serviceId>"                              \
	"<SCPDURL>/l3fwd.xml</SCPDURL><controlURL>/ctl/L3F</controlURL>"                           \
	"<eventSubURL>/evt/L3F</eventSubURL></service></serviceList>\n"                            \
	"<deviceList><device>\n"                                                                   \
	"<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>\n"                       \
	"<friendlyName>WANDevice</friendlyName>\n"                                                 \
	"<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\n"                             \
	"<modelName>WANDevice</modelName>\n"                                                       \
	"<modelNumber>1</modelNumber>\n"                                                           \
	"<serialNumber>4857544312345678</serialNumber>\n"                                          \
	"<UDN>uuid:00e0fc37-2525-2828-2500-002568254202</UDN>\n"                                   \
	"<deviceList><device>\n"                                                                   \
	"<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>\n"             \
	"<manufacturer> Huawei Technologies Co., Ltd. </manufacturer>\n"                           \
	"<modelName>WANConnectionDevice</modelName>\n"                                             \
	"<modelNumber>1</modelNumber>\n"                                                           \
	"<UDN>uuid:00e0fc37-2525-2828-2500-002568254203</UDN>\n"                                   \
	"</device></deviceList>\n"                                                                 \
	"</device></deviceList>\n"                                                                 \
	"<presentationURL>http://10.20.0.254/</presentationURL>\n"                                 \
	"</device>\n"                                                                              \
	"</root>\n"

static void t_upnp_desc(void **state)
{
	(void)state;
	char *s = response("text/xml; charset=\"utf-8\"", UPNP_HG);
	assert_int_equal(run(s, strlen(s)), PROTO_OK);
	assert_int_equal(R.n, 8);
	expect(0, K_HTTP_BODY_XMLNS, UPNP_NS);
	expect(1, K_UPNP_MANUFACTURER, "Huawei Technologies Co., Ltd.");
	expect(2, K_UPNP_MODEL, "EchoLife HG8245H");
	expect(3, K_DEVICE_MODEL, "HG8245H");
	expect(4, K_SERIAL, "4857544312345678");
	expect(5, K_UPNP_MODEL, "WANDevice");
	expect(6, K_DEVICE_MODEL, "1");
	expect(7, K_UPNP_MODEL, "WANConnectionDevice");
	every_prefix(s);
	free(s);

	/* A Hikvision recorder's description, with a DLNA element in its own namespace and
	 * without Content-Type (sniffed from the body). */
	static const char hik[] =
	    "HTTP/1.1 200 OK\r\n"
	    "Content-Length: 653\r\n"
	    "\r\n"
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<root xmlns=\"" UPNP_NS "\" xmlns:dlna=\"urn:schemas-dlna-org:device-1-0\">"
	    "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
	    "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
	    "<friendlyName>DS-7608NI-K2 - 12345678</friendlyName>"
	    "<manufacturer>Hikvision</manufacturer>"
	    "<manufacturerURL>http://www.hikvision.com</manufacturerURL>"
	    "<modelName>DS-7608NI-K2</modelName><modelNumber>DS-7608NI-K2</modelNumber>"
	    "<serialNumber>DS-7608NI-K20820190101CCWRC12345678</serialNumber>"
	    "<dlna:X_DLNADOC>DMS-1.50</dlna:X_DLNADOC>"
	    "<UDN>uuid:a1b2c3d4-0000-1000-8000-4cbd8f123456</UDN></device></root>";
	assert_int_equal(strlen(strstr(hik, "\r\n\r\n") + 4), 653);
	assert_int_equal(run(hik, sizeof(hik) - 1), PROTO_OK);
	assert_int_equal(R.n, 6);
	expect(0, K_HTTP_BODY_XMLNS, UPNP_NS);
	expect(1, K_HTTP_BODY_XMLNS, "urn:schemas-dlna-org:device-1-0");
	expect(2, K_UPNP_MANUFACTURER, "Hikvision");
	expect(3, K_UPNP_MODEL, "DS-7608NI-K2");
	expect(4, K_DEVICE_MODEL, "DS-7608NI-K2");
	expect(5, K_SERIAL, "DS-7608NI-K20820190101CCWRC12345678");
}

static void t_upnp_other(void **state)
{
	(void)state;
	/* Elements of the right names in the wrong places or namespaces: nothing. */
	static const char *const not_desc[] = {
	    /* root without the UPnP namespace */
	    "<root><device><manufacturer>X</manufacturer></device></root>",
	    /* root in another namespace */
	    "<root xmlns=\"urn:schemas-upnp-org:service-1-0\"><device>"
	    "<manufacturer>X</manufacturer></device></root>",
	    /* fields of root itself, or of a device that is not root's or a deviceList's */
	    "<root xmlns=\"" UPNP_NS "\"><manufacturer>X</manufacturer><x><device>"
	    "<manufacturer>X</manufacturer></device></x></root>",
	    /* a deviceList outside a device */
	    "<root xmlns=\"" UPNP_NS "\"><deviceList><device><manufacturer>X</manufacturer>"
	    "</device></deviceList></root>",
	    /* fields in another namespace */
	    "<root xmlns=\"" UPNP_NS "\" xmlns:v=\"urn:v\"><device><v:manufacturer>X"
	    "</v:manufacturer><v:modelName>Y</v:modelName></device></root>",
	    /* a device in another namespace */
	    "<root xmlns=\"" UPNP_NS "\"><device xmlns=\"urn:v\"><manufacturer>X</manufacturer>"
	    "</device></root>",
	    "<root xmlns=\"" UPNP_NS "\"><device xmlns=\"urn:v\"><manufacturer xmlns=\"" UPNP_NS
	    "\">X</manufacturer></device></root>",
	    /* an ISAPI-like document in the UPnP namespace (the test in test_proto_tcp.c) */
	    "<root xmlns=\"" UPNP_NS "\"><model>X</model></root>",
	    /* a field with children */
	    "<root xmlns=\"" UPNP_NS "\"><device><manufacturer>A<b>X</b>C</manufacturer>"
	    "</device></root>",
	};
	for (size_t i = 0; i < sizeof(not_desc) / sizeof(not_desc[0]); i++) {
		assert_int_equal(run_body("text/xml", not_desc[i]), PROTO_OK);
		for (size_t j = 0; j < R.n; j++)
			if (R.o[j].key != K_HTTP_BODY_XMLNS)
				fail_msg("document %zu emitted %s", i, R.o[j].v);
	}

	/* Many devices: at most 16 of them are read, and 32 observations in all. */
	char *many = repeat("<root xmlns=\"" UPNP_NS "\"><device><deviceList>",
	                    "<device><manufacturer>M</manufacturer><modelName>N</modelName>"
	                    "</device>",
	                    100, "</deviceList></device></root>");
	assert_int_equal(run_body("text/xml", many), PROTO_OK);
	assert_int_equal(R.n, 3); /* the same values: once each */
	free(many);
	static struct doc d;
	d.n = 0;
	add(&d, "<root xmlns=\"" UPNP_NS "\"><device><deviceList>");
	for (int i = 0; i < 100; i++)
		add(&d,
		    "<device><manufacturer>M%d</manufacturer><modelName>N%d</modelName>"
		    "<serialNumber>S%d</serialNumber></device>",
		    i, i, i);
	add(&d, "</deviceList></device></root>");
	assert_int_equal(run_body("text/xml", d.s), PROTO_OK);
	assert_int_equal(count(K_UPNP_MANUFACTURER), 11);
	assert_int_equal(R.n, 1 + 32);
	expect(1, K_UPNP_MANUFACTURER, "M0");
	expect(32, K_UPNP_MODEL, "N10");
	/* Distinct values, fewer than 32 observations: the 17th device is not read. */
	d.n = 0;
	add(&d, "<root xmlns=\"" UPNP_NS "\"><device><deviceList>");
	for (int i = 0; i < 20; i++)
		add(&d, "<device><manufacturer>M%d</manufacturer></device>", i);
	add(&d, "</deviceList></device></root>");
	assert_int_equal(run_body("text/xml", d.s), PROTO_OK);
	assert_int_equal(count(K_UPNP_MANUFACTURER), 15); /* the root device is the first */
	expect(R.n - 1, K_UPNP_MANUFACTURER, "M14");

	/* Devices nested deeper than the bound are not read; the ones above are. Devices at
	 * depths 1, 3, ... 23, the innermost at 25; a field of the device at depth 15 (the
	 * deepest read) comes after its deviceList. */
	d.n = 0;
	add(&d, "<root xmlns=\"" UPNP_NS "\">");
	for (int i = 0; i < 12; i++)
		add(&d, "<device><deviceList>");
	add(&d, "<device><manufacturer>DEEP</manufacturer></device>");
	for (int i = 0; i < 12; i++)
		add(&d, "%s",
		    i == 4 ? "</deviceList><manufacturer>D15</manufacturer></device>"
		           : "</deviceList></device>");
	add(&d, "</root>");
	assert_int_equal(run_body("text/xml", d.s), PROTO_OK);
	assert_int_equal(count(K_UPNP_MANUFACTURER), 1);
	expect(R.n - 1, K_UPNP_MANUFACTURER, "D15");

	/* A huge value is not emitted; the field after it is. */
	char *big = repeat("<root xmlns=\"" UPNP_NS "\"><device><manufacturer>", "Huawei ", 500,
	                   "</manufacturer><modelName>HG8245H</modelName></device></root>");
	assert_int_equal(run_body("text/xml", big), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(1, K_UPNP_MODEL, "HG8245H");
	free(big);
}

/* ---- the table ---- */

static void t_xmlbody_table(void **state)
{
	(void)state;
	memset(&R, 0, sizeof(R));
	static const char info[] = ONVIF_HIK;
	/* Without http.c: the decoder's own observations only. */
	assert_int_equal(xmlbody_decode(NULL, (const uint8_t *)info, sizeof(info) - 1, &PK, &EM),
	                 PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(0, K_ONVIF_MANUFACTURER, "HIKVISION");
	/* One kind only: the others' documents are not its. */
	memset(&R, 0, sizeof(R));
	assert_int_equal(
	    xmlbody_decode(&xmlbody_onvif, (const uint8_t *)info, sizeof(info) - 1, &PK, &EM),
	    PROTO_OK);
	assert_int_equal(R.n, 4);
	memset(&R, 0, sizeof(R));
	assert_int_equal(
	    xmlbody_decode(&xmlbody_upnp, (const uint8_t *)info, sizeof(info) - 1, &PK, &EM),
	    PROTO_NOT_MINE);
	assert_int_equal(R.n, 0);
	static const char desc[] = UPNP_HG;
	assert_int_equal(
	    xmlbody_decode(&xmlbody_upnp, (const uint8_t *)desc, sizeof(desc) - 1, &PK, &EM),
	    PROTO_OK);
	assert_int_equal(R.n, 7);
	expect(0, K_UPNP_MANUFACTURER, "Huawei Technologies Co., Ltd.");
	memset(&R, 0, sizeof(R));
	assert_int_equal(
	    xmlbody_decode(&xmlbody_isapi, (const uint8_t *)desc, sizeof(desc) - 1, &PK, &EM),
	    PROTO_NOT_MINE);
	assert_int_equal(R.n, 0);
	/* Not XML, or empty. */
	assert_int_equal(xmlbody_decode(NULL, (const uint8_t *)"hello", 5, &PK, &EM),
	                 PROTO_NOT_MINE);
	assert_int_equal(xmlbody_decode(NULL, (const uint8_t *)"", 0, &PK, &EM), PROTO_NOT_MINE);
	assert_int_equal(R.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(t_onvif_info, reset),
	    cmocka_unit_test_setup(t_onvif_forms, reset),
	    cmocka_unit_test_setup(t_onvif_other, reset),
	    cmocka_unit_test_setup(t_onvif_hostile, reset),
	    cmocka_unit_test_setup(t_upnp_desc, reset),
	    cmocka_unit_test_setup(t_upnp_other, reset),
	    cmocka_unit_test_setup(t_xmlbody_table, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
