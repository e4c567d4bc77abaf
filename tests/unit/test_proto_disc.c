/* Discovery decoders: WS-Discovery (ONVIF), Hikvision SADP, Dahua DHIP, 802.11 management
 * frames behind radiotap. Inputs are built here in the wire format; a recording emit checks
 * every observation exactly, in order. */
#include "unit/cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/proto.h"

/* ---- recording emit ---- */

#define REC_MAX 64

struct rec_obs {
	enum side who;
	enum key_id key;
	char v[512];
	size_t n;
	int has_src, has_dst;
	uint8_t src[6], dst[6];
	uint64_t ts;
	uint8_t l4, fam;
};

struct rec {
	size_t n;
	struct rec_obs o[REC_MAX];
};

static void rec_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                    size_t n)
{
	struct rec *r = ctx;
	assert_true(r->n < REC_MAX);
	assert_true(n < sizeof(r->o[0].v));
	struct rec_obs *o = &r->o[r->n++];
	o->who = who;
	o->key = key;
	memcpy(o->v, v, n);
	o->v[n] = 0;
	o->n = n;
	o->has_src = p->src_mac != NULL;
	o->has_dst = p->dst_mac != NULL;
	if (p->src_mac)
		memcpy(o->src, p->src_mac, 6);
	if (p->dst_mac)
		memcpy(o->dst, p->dst_mac, 6);
	o->ts = p->ts_us;
	o->l4 = p->l4;
	o->fam = p->src.fam;
}

static struct rec R;
static struct emit EM = {.obs = rec_obs, .ctx = &R};

static void expect(size_t i, enum key_id key, const char *v)
{
	assert_true(i < R.n);
	assert_int_equal(R.o[i].who, SIDE_SRC);
	assert_int_equal(R.o[i].key, key);
	assert_int_equal(R.o[i].n, strlen(v));
	assert_string_equal(R.o[i].v, v);
}

static int reset(void **state)
{
	(void)state;
	memset(&R, 0, sizeof(R));
	return 0;
}

static const uint8_t cam_mac[6] = {0x44, 0x19, 0xb6, 0x12, 0x34, 0x56};

static struct pkt udp_pkt(uint16_t sport, uint16_t dport)
{
	struct pkt p;
	memset(&p, 0, sizeof(p));
	p.ts_us = 1700000000000000ull;
	p.src_mac = cam_mac;
	p.src.fam = 4;
	p.src.b[0] = 192, p.src.b[1] = 168, p.src.b[2] = 1, p.src.b[3] = 64;
	p.dst.fam = 4;
	p.dst.b[0] = 239, p.dst.b[1] = 255, p.dst.b[2] = 255, p.dst.b[3] = 250;
	p.sport = sport;
	p.dport = dport;
	p.l4 = 17;
	return p;
}

#define U8(s) ((const uint8_t *)(s))

/* ---- WS-Discovery ---- */

/* A Hikvision camera's answer to an ONVIF Probe (WS-Discovery 2005/04, SOAP 1.2). */
static const char wsd_probematch[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:soapenc=\"http://www.w3.org/2003/05/soap-encoding\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
    "xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
    "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" "
    "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
    "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
    "<env:Header>"
    "<wsa:MessageID>urn:uuid:a7c6b2d0-1dd2-11b2-8000-4419b6123456</wsa:MessageID>"
    "<wsa:RelatesTo>uuid:2b0c4e7e-6d6e-4f57-9b43-0d5b3a1e9f10</wsa:RelatesTo>"
    "<wsa:To env:mustUnderstand=\"true\">"
    "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
    "<wsa:Action env:mustUnderstand=\"true\">"
    "http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
    "</env:Header>"
    "<env:Body><d:ProbeMatches><d:ProbeMatch>"
    "<wsa:EndpointReference><wsa:Address>urn:uuid:a7c6b2d0-1dd2-11b2-8000-4419b6123456"
    "</wsa:Address></wsa:EndpointReference>"
    "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
    "<d:Scopes>onvif://www.onvif.org/type/video_encoder "
    "onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/Profile/G "
    "onvif://www.onvif.org/hardware/DS-2CD2143G0-I onvif://www.onvif.org/name/HIKVISION "
    "onvif://www.onvif.org/location/city/hangzhou</d:Scopes>"
    "<d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs>"
    "<d:MetadataVersion>10</d:MetadataVersion>"
    "</d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>\n";

static void t_wsd_probematch(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(3702, 49152);
	assert_int_equal(proto_wsd(U8(wsd_probematch), strlen(wsd_probematch), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 8);
	expect(0, K_ONVIF_SCOPE, "onvif://www.onvif.org/type/video_encoder");
	expect(1, K_ONVIF_SCOPE, "onvif://www.onvif.org/Profile/Streaming");
	expect(2, K_ONVIF_SCOPE, "onvif://www.onvif.org/Profile/G");
	expect(3, K_ONVIF_SCOPE, "onvif://www.onvif.org/hardware/DS-2CD2143G0-I");
	expect(4, K_DEVICE_MODEL, "DS-2CD2143G0-I");
	expect(5, K_ONVIF_SCOPE, "onvif://www.onvif.org/name/HIKVISION");
	expect(6, K_ONVIF_MANUFACTURER, "HIKVISION");
	expect(7, K_ONVIF_SCOPE, "onvif://www.onvif.org/location/city/hangzhou");
	assert_true(R.o[0].ts == p.ts_us);
	assert_memory_equal(R.o[0].src, cam_mac, 6);
}

/* A Dahua camera announcing itself (WS-Discovery 1.1 namespace, scopes split by newlines and
 * tabs, a percent-encoded name). */
static const char wsd_hello[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:a=\"http://www.w3.org/2005/08/addressing\" "
    "xmlns:d=\"http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01\">"
    "<s:Header><a:Action>http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01/Hello</a:Action>"
    "<a:MessageID>urn:uuid:8c7e2a10-3f5b-11b2-8000-3cef8c000001</a:MessageID>"
    "<a:To>urn:docs-oasis-open-org:ws-dd:ns:discovery:2009:01</a:To>"
    "<d:AppSequence InstanceId=\"1\" MessageNumber=\"1\"/></s:Header>"
    "<s:Body><d:Hello>"
    "<a:EndpointReference><a:Address>urn:uuid:8c7e2a10-3f5b-11b2-8000-3cef8c000001</a:Address>"
    "</a:EndpointReference>"
    "<d:Types>dn:NetworkVideoTransmitter</d:Types>"
    "<d:Scopes>\n\tonvif://www.onvif.org/name/Zhejiang%20Dahua\n"
    "\tonvif://www.onvif.org/hardware/IPC-HDW2431T-AS-S2\n"
    "\tonvif://www.onvif.org/name/100%25%zz\n</d:Scopes>"
    "<d:XAddrs>http://192.168.1.108/onvif/device_service</d:XAddrs>"
    "<d:MetadataVersion>1</d:MetadataVersion>"
    "</d:Hello></s:Body></s:Envelope>";

static void t_wsd_hello(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(3702, 3702);
	assert_int_equal(proto_wsd(U8(wsd_hello), strlen(wsd_hello), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 6);
	expect(0, K_ONVIF_SCOPE, "onvif://www.onvif.org/name/Zhejiang%20Dahua");
	expect(1, K_ONVIF_MANUFACTURER, "Zhejiang Dahua");
	expect(2, K_ONVIF_SCOPE, "onvif://www.onvif.org/hardware/IPC-HDW2431T-AS-S2");
	expect(3, K_DEVICE_MODEL, "IPC-HDW2431T-AS-S2");
	expect(4, K_ONVIF_SCOPE, "onvif://www.onvif.org/name/100%25%zz");
	expect(5, K_ONVIF_MANUFACTURER, "100%%zz");
}

/* A client's Probe, itself with Scopes to match: nothing is about the client. */
static const char wsd_probe[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
    "<Header><wsa:MessageID xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
    "uuid:2b0c4e7e-6d6e-4f57-9b43-0d5b3a1e9f10</wsa:MessageID>"
    "<wsa:To xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
    "urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>"
    "<wsa:Action xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
    "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</wsa:Action></Header>"
    "<Body><Probe xmlns=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
    "<Types>dn:NetworkVideoTransmitter</Types>"
    "<Scopes>onvif://www.onvif.org/name/HIKVISION</Scopes></Probe></Body></Envelope>";

static void t_wsd_probe(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(49152, 3702);
	assert_int_equal(proto_wsd(U8(wsd_probe), strlen(wsd_probe), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);
}

static void t_wsd_hostile(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(3702, 3702);
	/* Cut inside Scopes: the partial list is not reported. */
	const char *cut = strstr(wsd_probematch, "hardware/DS-2CD");
	assert_non_null(cut);
	assert_int_equal(proto_wsd(U8(wsd_probematch), (size_t)(cut - wsd_probematch), &p, &EM),
	                 PROTO_MALFORMED);
	assert_int_equal(R.n, 0);
	/* Cut after Scopes: what was complete is reported, the datagram still counts as
	 * malformed. */
	cut = strstr(wsd_probematch, "<d:XAddrs>");
	assert_int_equal(proto_wsd(U8(wsd_probematch), (size_t)(cut - wsd_probematch), &p, &EM),
	                 PROTO_MALFORMED);
	assert_int_equal(R.n, 8);
	memset(&R, 0, sizeof(R));

	/* Billion laughs and an external entity: neither is expanded nor read. */
	static const char lol[] =
	    "<?xml version=\"1.0\"?>"
	    "<!DOCTYPE e [<!ENTITY lol \"lol\">"
	    "<!ENTITY l1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">"
	    "<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">"
	    "<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">"
	    "<!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">"
	    "<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">"
	    "<!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">"
	    "<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">"
	    "<!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">"
	    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
	    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
	    "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><s:Body><d:Hello>"
	    "<d:Scopes>onvif://www.onvif.org/name/&l9; onvif://x/&xxe;</d:Scopes>"
	    "</d:Hello></s:Body></s:Envelope>";
	int rc = proto_wsd(U8(lol), strlen(lol), &p, &EM);
	assert_true(rc == PROTO_OK || rc == PROTO_MALFORMED);
	for (size_t i = 0; i < R.n; i++) {
		assert_null(strstr(R.o[i].v, "lol"));
		assert_null(strstr(R.o[i].v, "root:"));
		assert_true(R.o[i].n < 64);
	}
	memset(&R, 0, sizeof(R));

	/* Not XML, empty, a lone '<', XML that is not SOAP. */
	assert_int_equal(proto_wsd(U8("M-SEARCH * HTTP/1.1\r\n"), 21, &p, &EM), PROTO_NOT_MINE);
	assert_int_equal(proto_wsd(U8(""), 0, &p, &EM), PROTO_NOT_MINE);
	assert_int_equal(proto_wsd(U8(" <"), 2, &p, &EM), PROTO_MALFORMED);
	static const char notsoap[] =
	    "<Hello><Scopes>onvif://www.onvif.org/name/X</Scopes></Hello>";
	assert_int_equal(proto_wsd(U8(notsoap), strlen(notsoap), &p, &EM), PROTO_NOT_MINE);
	assert_int_equal(R.n, 0);
}

/* ---- SADP ---- */

static const char sadp_reply[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<ProbeMatch><Uuid>13A888A9-F1B1-4020-AE9F-05607682D23B</Uuid><Types>inquiry</Types>"
    "<DeviceType>138153</DeviceType>"
    "<DeviceDescription>DS-2CD2143G0-I</DeviceDescription>"
    "<DeviceSN>DS-2CD2143G0-I20190518AAWRD12345678</DeviceSN>"
    "<CommandPort>8000</CommandPort><HttpPort>80</HttpPort>"
    "<MAC>44-19-b6-12-34-56</MAC>"
    "<IPv4Address>192.168.1.64</IPv4Address><IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>"
    "<IPv4Gateway>192.168.1.1</IPv4Gateway><IPv6Address>::</IPv6Address>"
    "<IPv6Gateway>::</IPv6Gateway><IPv6MaskLen>64</IPv6MaskLen><DHCP>false</DHCP>"
    "<AnalogChannelNum>0</AnalogChannelNum><DigitalChannelNum>1</DigitalChannelNum>"
    "<SoftwareVersion>V5.5.82build 190909</SoftwareVersion>"
    "<DSPVersion>V7.3 build 190830</DSPVersion><BootTime>2024-03-01 08:12:44</BootTime>"
    "<Encrypt>true</Encrypt><ResetAbility>false</ResetAbility><DiskNumber>0</DiskNumber>"
    "<Activated>true</Activated><PasswordResetAbility>true</PasswordResetAbility>"
    "</ProbeMatch>";

static void t_sadp_reply(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(37020, 37020);
	assert_int_equal(proto_sadp(U8(sadp_reply), strlen(sadp_reply), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(0, K_SADP_DEVICE, "DS-2CD2143G0-I");
	expect(1, K_DEVICE_MODEL, "DS-2CD2143G0-I");
	expect(2, K_SERIAL, "DS-2CD2143G0-I20190518AAWRD12345678");
	expect(3, K_MAC, "44-19-b6-12-34-56");
}

static void t_sadp_other(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(37020, 37020);
	/* The inquiry a client multicasts. */
	static const char probe[] =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe>"
	    "<Uuid>13A888A9-F1B1-4020-AE9F-05607682D23B</Uuid><Types>inquiry</Types></Probe>";
	assert_int_equal(proto_sadp(U8(probe), strlen(probe), &p, &EM), PROTO_OK);
	/* A client's command about a device carries the device's MAC: not evidence about the
	 * client. */
	static const char cmd[] =
	    "<Probe><Uuid>1</Uuid><MAC>44-19-b6-12-34-56</MAC><Types>update</Types>"
	    "<DeviceDescription>DS-2CD2143G0-I</DeviceDescription></Probe>";
	assert_int_equal(proto_sadp(U8(cmd), strlen(cmd), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);

	/* A relabelled device without a description, values padded with white space. */
	static const char typeonly[] =
	    "<ProbeMatch>\n  <DeviceType> 0x1f2c </DeviceType>\n  <MAC>\n"
	    "bc-ad-28-00-00-01 </MAC>\n  <DeviceSN></DeviceSN>\n</ProbeMatch>\n";
	assert_int_equal(proto_sadp(U8(typeonly), strlen(typeonly), &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_SADP_DEVICE, "0x1f2c");
	expect(1, K_MAC, "bc-ad-28-00-00-01");
	memset(&R, 0, sizeof(R));

	/* Cut short: the fields that arrived are reported, the reply is malformed. */
	const char *cut = strstr(sadp_reply, "<MAC>");
	assert_int_equal(proto_sadp(U8(sadp_reply), (size_t)(cut - sadp_reply), &p, &EM),
	                 PROTO_MALFORMED);
	assert_int_equal(R.n, 3);
	expect(2, K_SERIAL, "DS-2CD2143G0-I20190518AAWRD12345678");
	memset(&R, 0, sizeof(R));

	/* Billion laughs in a ProbeMatch; binary junk; an over-long value. */
	static const char lol[] =
	    "<!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
	    "<ProbeMatch><DeviceDescription>&d;&d;&d;&d;</DeviceDescription></ProbeMatch>";
	int rc = proto_sadp(U8(lol), strlen(lol), &p, &EM);
	assert_true(rc == PROTO_OK || rc == PROTO_MALFORMED);
	for (size_t i = 0; i < R.n; i++)
		assert_null(strstr(R.o[i].v, "aaaa"));
	memset(&R, 0, sizeof(R));
	assert_int_equal(proto_sadp(U8("\x01\x02\x42\x80\x00"), 5, &p, &EM), PROTO_NOT_MINE);
	char big[2048];
	int bn =
	    snprintf(big, sizeof(big), "<ProbeMatch><DeviceSN>%0600d</DeviceSN></ProbeMatch>", 7);
	assert_int_equal(proto_sadp(U8(big), (size_t)bn, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);
}

/* ---- DHIP ---- */

/* The 32-byte header with the body length in both length fields, then the body. */
static size_t dhip_packet(uint8_t *out, size_t cap, const char *json, uint32_t len1, uint32_t len2)
{
	size_t n = strlen(json);
	assert_true(32 + n <= cap);
	memset(out, 0, 32);
	memcpy(out,
	       "\x20\x00\x00\x00"
	       "DHIP",
	       8);
	for (int i = 0; i < 4; i++) {
		out[16 + i] = (uint8_t)(len1 >> (8 * i));
		out[24 + i] = (uint8_t)(len2 >> (8 * i));
	}
	memcpy(out + 32, json, n);
	return 32 + n;
}

static const char dhip_notify[] =
    "{\"mac\":\"3c:ef:8c:a1:b2:c3\",\"method\":\"client.notifyDevInfo\",\"params\":{"
    "\"deviceInfo\":{\"AlarmInputChannels\":4,\"AlarmOutputChannels\":1,"
    "\"DeviceClass\":\"NVR\",\"DeviceType\":\"NVR4108HS-4KS2\",\"HttpPort\":80,"
    "\"IPv4Address\":{\"DefaultGateway\":\"192.168.1.1\",\"DhcpEnable\":false,"
    "\"IPAddress\":\"192.168.1.108\",\"SubnetMask\":\"255.255.255.0\"},"
    "\"MachineName\":\"7G0A1B2PAZ3C4D5\",\"Manufacturer\":\"Dahua\",\"Port\":37777,"
    "\"SerialNo\":\"7G0A1B2PAZ3C4D5\",\"Vendor\":\"Dahua\",\"Version\":\"4.1.0\","
    "\"VideoInputChannels\":8}}}";

static void t_dhip_notify(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(37810, 37810);
	uint8_t b[1024];
	uint32_t jl = (uint32_t)strlen(dhip_notify);
	size_t n = dhip_packet(b, sizeof(b), dhip_notify, jl, jl);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 4);
	expect(0, K_DHIP_DEVICE, "NVR4108HS-4KS2");
	expect(1, K_DEVICE_MODEL, "NVR4108HS-4KS2");
	expect(2, K_SERIAL, "7G0A1B2PAZ3C4D5");
	expect(3, K_MAC, "3c:ef:8c:a1:b2:c3");
}

static void t_dhip_other(void **state)
{
	(void)state;
	struct pkt p = udp_pkt(5000, 37810);
	uint8_t b[1024];
	/* The search a client multicasts. */
	static const char search[] = "{ \"method\" : \"DHDiscover.search\", \"params\" : { \"mac\" "
	                             ": \"\", \"uni\" : 1 } }\n";
	uint32_t sl = (uint32_t)strlen(search);
	size_t n = dhip_packet(b, sizeof(b), search, sl, sl);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);

	/* Only DeviceClass: it names the device. */
	static const char cls[] =
	    "{\"mac\":\"38:af:29:00:00:01\",\"method\":\"client.notifyDevInfo\","
	    "\"params\":{\"deviceInfo\":{\"DeviceClass\":\"IPC\",\"DeviceType\":\"\"}}}";
	n = dhip_packet(b, sizeof(b), cls, (uint32_t)strlen(cls), 0);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_DHIP_DEVICE, "IPC");
	expect(1, K_MAC, "38:af:29:00:00:01");
	memset(&R, 0, sizeof(R));

	/* Lying length fields: past the datagram (both), and too short (the JSON would be cut):
	 * the rest of the datagram is the body. */
	uint32_t jl = (uint32_t)strlen(dhip_notify);
	n = dhip_packet(b, sizeof(b), dhip_notify, 0xffffffffu, jl + 1);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 4);
	memset(&R, 0, sizeof(R));
	n = dhip_packet(b, sizeof(b), dhip_notify, 10, 10);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 4);
	memset(&R, 0, sizeof(R));

	/* Truncated body, header only, short, wrong magic, not JSON, not an object. */
	n = dhip_packet(b, sizeof(b), dhip_notify, jl, jl);
	assert_int_equal(proto_dhip(b, n - 20, &p, &EM), PROTO_MALFORMED);
	assert_int_equal(proto_dhip(b, 32, &p, &EM), PROTO_MALFORMED);
	assert_int_equal(proto_dhip(b, 20, &p, &EM), PROTO_NOT_MINE);
	b[5] = 'X';
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_NOT_MINE);
	n = dhip_packet(b, sizeof(b), "\x01\x02garbage", 9, 9);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_MALFORMED);
	n = dhip_packet(b, sizeof(b), "[1,2,3]", 7, 7);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_MALFORMED);
	assert_int_equal(R.n, 0);

	/* Deep nesting never reaches yajl. */
	static char deep[900];
	memset(deep, '[', 450);
	memset(deep + 450, ']', 449);
	deep[899] = 0;
	size_t dl = strlen(deep);
	uint8_t *big = malloc(32 + dl);
	assert_non_null(big);
	n = dhip_packet(big, 32 + dl, deep, (uint32_t)dl, (uint32_t)dl);
	assert_int_equal(proto_dhip(big, n, &p, &EM), PROTO_MALFORMED);
	free(big);

	/* Wrong member types are ignored, not trusted. */
	static const char types[] =
	    "{\"mac\":7,\"params\":{\"deviceInfo\":{\"DeviceType\":[\"x\"],\"SerialNo\":{}}}}";
	n = dhip_packet(b, sizeof(b), types, (uint32_t)strlen(types), 0);
	assert_int_equal(proto_dhip(b, n, &p, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);
}

/* ---- 802.11 ---- */

struct bb {
	uint8_t b[1024];
	size_t n;
};

static void put_bytes(struct bb *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->b));
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void put_u8(struct bb *b, uint8_t v)
{
	put_bytes(b, &v, 1);
}

static void put_ie(struct bb *b, uint8_t id, const void *p, size_t n)
{
	put_u8(b, id);
	put_u8(b, (uint8_t)n);
	put_bytes(b, p, n);
}

static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t drone[6] = {0x60, 0x60, 0x1f, 0x4f, 0x2a, 0x01};
static const uint8_t phone[6] = {0x34, 0xd2, 0x62, 0x00, 0x11, 0x22};

/* 802.11 management header: frame control, duration, addr1..3, sequence control. */
static void put_mgmt_hdr(struct bb *b, uint8_t subtype, uint8_t flags, const uint8_t *a1,
                         const uint8_t *a2, const uint8_t *a3)
{
	put_u8(b, (uint8_t)(subtype << 4));
	put_u8(b, flags);
	put_bytes(b, "\x00\x00", 2);
	put_bytes(b, a1, 6);
	put_bytes(b, a2, 6);
	put_bytes(b, a3, 6);
	put_bytes(b, "\x10\x00", 2); /* sequence 1, fragment 0 */
}

/* A DJI controller's beacon: SSID, rates, DS parameter, DroneID (OUI 26:37:12), WPA and WMM
 * (both OUI 00:50:F2, reported once). */
static void put_beacon(struct bb *b, const void *ssid, size_t ssid_len)
{
	put_mgmt_hdr(b, 8, 0, bcast, drone, drone);
	put_bytes(b, "\x11\x22\x33\x44\x55\x66\x00\x00", 8); /* TSF timestamp */
	put_bytes(b, "\x64\x00", 2);                         /* beacon interval 100 TU */
	put_bytes(b, "\x31\x04", 2);                         /* capability: ESS, privacy */
	put_ie(b, 0, ssid, ssid_len);
	put_ie(b, 1, "\x82\x84\x8b\x96\x0c\x12\x18\x24", 8);
	put_ie(b, 3, "\x95", 1);
	put_ie(b, 221, "\x26\x37\x12\x58\x62\x13\x10\x01\x5a\x00\xd7\x0f", 12);
	put_ie(b, 221, "\x00\x50\xf2\x01\x01\x00\x00\x50\xf2\x04\x01\x00\x00\x50\xf2\x04", 16);
	put_ie(b, 221, "\x00\x50\xf2\x02\x01\x01\x80\x00", 8);
}

/* Radiotap: TSFT, Flags, Rate, Channel, dBm antenna signal (radiotap.org alignment). */
static void put_radiotap(struct bb *b, uint8_t flags)
{
	put_bytes(b, "\x00\x00\x18\x00", 4);                 /* version 0, length 24 */
	put_bytes(b, "\x2f\x00\x00\x00", 4);                 /* present: 0,1,2,3,5 */
	put_bytes(b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8); /* TSFT, offset 8 */
	put_u8(b, flags);                                    /* Flags, offset 16 */
	put_u8(b, 0x0c);                                     /* Rate, 6 Mb/s */
	put_bytes(b, "\x85\x16\x40\x01", 4);                 /* Channel 5765 MHz, 5 GHz OFDM */
	put_u8(b, 0xc4);                                     /* -60 dBm */
	put_u8(b, 0);                                        /* padding to 24 */
}

static void expect_wifi_pkt(size_t i, const uint8_t *src, const uint8_t *dst, uint64_t ts)
{
	assert_true(R.o[i].has_src && R.o[i].has_dst);
	assert_memory_equal(R.o[i].src, src, 6);
	assert_memory_equal(R.o[i].dst, dst, 6);
	assert_true(R.o[i].ts == ts);
	assert_int_equal(R.o[i].l4, 0);
	assert_int_equal(R.o[i].fam, 0);
}

static void t_wifi_beacon(void **state)
{
	(void)state;
	struct bb b = {.n = 0};
	put_radiotap(&b, 0x10); /* FCS at the end */
	put_beacon(&b, "DJI-RC-4F2A", 11);
	put_bytes(&b, "\xde\xad\xbe\xef", 4); /* FCS: would be a broken element if not skipped */
	assert_int_equal(proto_radiotap(b.b, b.n, 42, &EM), PROTO_OK);
	assert_int_equal(R.n, 3);
	expect(0, K_WIFI_SSID, "DJI-RC-4F2A");
	expect(1, K_WIFI_IE_OUI, "26:37:12");
	expect(2, K_WIFI_IE_OUI, "00:50:F2");
	for (size_t i = 0; i < R.n; i++)
		expect_wifi_pkt(i, drone, bcast, 42);
	memset(&R, 0, sizeof(R));

	/* The bare frame (link type IEEE802_11); a hidden SSID (zero bytes) is not reported. */
	struct bb f = {.n = 0};
	put_beacon(&f, "\0\0\0\0\0\0\0\0\0\0\0", 11);
	assert_int_equal(proto_wifi(f.b, f.n, 7, &EM), PROTO_OK);
	assert_int_equal(R.n, 2);
	expect(0, K_WIFI_IE_OUI, "26:37:12");
	expect(1, K_WIFI_IE_OUI, "00:50:F2");
	memset(&R, 0, sizeof(R));

	/* A probe response, radiotap with an extended present bitmap and no TSFT; flags 0. */
	struct bb r = {.n = 0};
	put_bytes(&r, "\x00\x00\x10\x00", 4); /* length 16 */
	put_bytes(&r, "\x02\x00\x00\x80", 4); /* Flags, more bitmaps */
	put_bytes(&r, "\x00\x00\x00\x00", 4); /* second bitmap: nothing */
	put_bytes(&r, "\x00\x00\x00\x00", 4); /* Flags at 12, padding */
	put_mgmt_hdr(&r, 5, 0, phone, drone, drone);
	put_bytes(&r, "\x11\x22\x33\x44\x55\x66\x00\x00\x64\x00\x01\x04", 12);
	put_ie(&r, 0, "Mavic-Air-3C5FAB", 16);
	assert_int_equal(proto_radiotap(r.b, r.n, 9, &EM), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_WIFI_SSID, "Mavic-Air-3C5FAB");
	expect_wifi_pkt(0, drone, phone, 9);
}

static void t_wifi_probe_req(void **state)
{
	(void)state;
	struct bb b = {.n = 0};
	put_mgmt_hdr(&b, 4, 0, bcast, phone, bcast);
	put_ie(&b, 0, "DJI-RC-4F2A", 11);
	put_ie(&b, 1, "\x02\x04\x0b\x16", 4);
	put_ie(&b, 221, "\x00\x50\xf2\x08\x00\x10\x00", 7); /* the client's own, not reported */
	assert_int_equal(proto_wifi(b.b, b.n, 5, &EM), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_WIFI_SSID, "DJI-RC-4F2A");
	expect_wifi_pkt(0, phone, bcast, 5);
	memset(&R, 0, sizeof(R));

	/* A wildcard probe (empty SSID): nothing. */
	struct bb w = {.n = 0};
	put_mgmt_hdr(&w, 4, 0, bcast, phone, bcast);
	put_ie(&w, 0, "", 0);
	put_ie(&w, 1, "\x02\x04\x0b\x16", 4);
	assert_int_equal(proto_wifi(w.b, w.n, 5, &EM), PROTO_OK);
	assert_int_equal(R.n, 0);
}

static void t_wifi_hostile(void **state)
{
	(void)state;
	struct bb b = {.n = 0};
	put_radiotap(&b, 0);
	put_beacon(&b, "DJI-RC-4F2A", 11);

	/* Radiotap length beyond the frame, below its minimum, another version. */
	struct bb h = b;
	h.b[2] = 0xff, h.b[3] = 0x7f;
	assert_int_equal(proto_radiotap(h.b, h.n, 0, &EM), PROTO_MALFORMED);
	h.b[2] = 4, h.b[3] = 0;
	assert_int_equal(proto_radiotap(h.b, h.n, 0, &EM), PROTO_MALFORMED);
	h = b;
	h.b[0] = 1;
	assert_int_equal(proto_radiotap(h.b, h.n, 0, &EM), PROTO_MALFORMED);
	/* Present bitmaps chained past the header. */
	h = b;
	memcpy(h.b + 4, "\xff\xff\xff\xff", 4);
	memset(h.b + 8, 0xff, 16);
	assert_int_equal(proto_radiotap(h.b, h.n, 0, &EM), PROTO_MALFORMED);
	/* Bad FCS: the radio says the bytes are corrupt. */
	h = b;
	h.b[16] = 0x40;
	assert_int_equal(proto_radiotap(h.b, h.n, 0, &EM), PROTO_NOT_MINE);
	/* FCS flag on a frame shorter than an FCS. */
	h = b;
	h.b[16] = 0x10;
	assert_int_equal(proto_radiotap(h.b, 26, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(proto_radiotap(h.b, 3, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(R.n, 0);

	/* Truncated header and fixed fields. */
	assert_int_equal(proto_radiotap(b.b, 24 + 20, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(proto_radiotap(b.b, 24 + 30, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(proto_wifi(b.b + 24, 1, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(R.n, 0);

	/* An element running past the end: the complete ones before it are still reported. */
	struct bb e = {.n = 0};
	put_mgmt_hdr(&e, 8, 0, bcast, drone, drone);
	put_bytes(&e, "\x11\x22\x33\x44\x55\x66\x00\x00\x64\x00\x01\x04", 12);
	put_ie(&e, 0, "DJI-RC-4F2A", 11);
	put_bytes(&e, "\xdd\xc8\x26\x37\x12", 5); /* vendor element claiming 200 bytes */
	assert_int_equal(proto_wifi(e.b, e.n, 0, &EM), PROTO_MALFORMED);
	assert_int_equal(R.n, 1);
	expect(0, K_WIFI_SSID, "DJI-RC-4F2A");
	memset(&R, 0, sizeof(R));

	/* A vendor element shorter than an OUI, an over-long SSID, an element id alone. */
	struct bb s = {.n = 0};
	put_mgmt_hdr(&s, 8, 0, bcast, drone, drone);
	put_bytes(&s, "\x11\x22\x33\x44\x55\x66\x00\x00\x64\x00\x01\x04", 12);
	static const char longssid[40] = "0123456789012345678901234567890123456789";
	put_ie(&s, 0, longssid, 40);
	put_ie(&s, 221, "\x26\x37", 2);
	put_ie(&s, 221, "\x26\x37\x12", 3);
	struct bb s2 = s;
	assert_int_equal(proto_wifi(s.b, s.n, 0, &EM), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_WIFI_IE_OUI, "26:37:12");
	memset(&R, 0, sizeof(R));
	put_u8(&s2, 0);
	assert_int_equal(proto_wifi(s2.b, s2.n, 0, &EM), PROTO_MALFORMED);
	memset(&R, 0, sizeof(R));

	/* Not ours: data, control, protocol version 1, protected, fragment, other management. */
	struct bb d = b;
	d.b[24] = 0x08; /* data */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d.b[24] = 0xd4; /* ACK (control) */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d.b[24] = 0x81; /* version 1 */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d.b[24] = 0x80;
	d.b[25] = 0x40; /* protected */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d.b[25] = 0x04; /* more fragments */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d.b[25] = 0;
	d.b[24 + 22] = 0x11; /* fragment number 1 */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	d = b;
	d.b[24] = 0xb0; /* authentication */
	assert_int_equal(proto_radiotap(d.b, d.n, 0, &EM), PROTO_NOT_MINE);
	assert_int_equal(R.n, 0);

	/* +HTC (order bit): 4 more header bytes before the body. */
	struct bb o = {.n = 0};
	put_mgmt_hdr(&o, 8, 0x80, bcast, drone, drone);
	put_bytes(&o, "\x00\x00\x00\x00", 4);
	put_bytes(&o, "\x11\x22\x33\x44\x55\x66\x00\x00\x64\x00\x01\x04", 12);
	put_ie(&o, 0, "DJI-RC-4F2A", 11);
	assert_int_equal(proto_wifi(o.b, o.n, 0, &EM), PROTO_OK);
	assert_int_equal(R.n, 1);
	expect(0, K_WIFI_SSID, "DJI-RC-4F2A");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(t_wsd_probematch, reset),
	    cmocka_unit_test_setup(t_wsd_hello, reset),
	    cmocka_unit_test_setup(t_wsd_probe, reset),
	    cmocka_unit_test_setup(t_wsd_hostile, reset),
	    cmocka_unit_test_setup(t_sadp_reply, reset),
	    cmocka_unit_test_setup(t_sadp_other, reset),
	    cmocka_unit_test_setup(t_dhip_notify, reset),
	    cmocka_unit_test_setup(t_dhip_other, reset),
	    cmocka_unit_test_setup(t_wifi_beacon, reset),
	    cmocka_unit_test_setup(t_wifi_probe_req, reset),
	    cmocka_unit_test_setup(t_wifi_hostile, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
