/* Request builders of the active probes (include/bansweep/requests.h). */
#include <stdio.h>
#include <string.h>

#include "bansweep/requests.h"
#include "util/banned.h"

/* snprintf that reports "did not fit" as 0. */
static size_t fit(int n, size_t cap)
{
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

size_t req_http_get(char *out, size_t cap, const char *host, const char *path)
{
	return fit(snprintf(out, cap,
	                    "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: " BANSWEEP_USER_AGENT
	                    "\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	                    path, host),
	           cap);
}

size_t req_onvif_devinfo(char *out, size_t cap, const char *host)
{
	/* ONVIF Core Specification 8.3.1; no WS-Security header: only what a device tells anyone.
	 */
	static const char body[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
	    "<s:Body xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	    "<tds:GetDeviceInformation/></s:Body></s:Envelope>";
	return fit(
	    snprintf(out, cap,
	             "POST /onvif/device_service HTTP/1.1\r\nHost: "
	             "%s\r\nUser-Agent: " BANSWEEP_USER_AGENT
	             "\r\nContent-Type: application/soap+xml; charset=utf-8; "
	             "action=\"http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation\"\r\n"
	             "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
	             host, sizeof(body) - 1, body),
	    cap);
}

size_t req_rtsp(char *out, size_t cap, const char *method, const char *host, uint16_t port,
                const char *path, unsigned cseq)
{
	int describe = !strcmp(method, "DESCRIBE");
	return fit(
	    snprintf(out, cap,
	             "%s rtsp://%s:%u%s RTSP/1.0\r\nCSeq: %u\r\nUser-Agent: " BANSWEEP_USER_AGENT
	             "\r\n%s\r\n",
	             method, host, port, path, cseq, describe ? "Accept: application/sdp\r\n" : ""),
	    cap);
}

/* BER (X.690) pieces: definite lengths, short or long form. */
struct ber {
	uint8_t *p;
	size_t n, cap;
	int bad;
};

static void ber_put(struct ber *b, const void *p, size_t n)
{
	if (b->bad || n > b->cap - b->n) {
		b->bad = 1;
		return;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void ber_tl(struct ber *b, uint8_t tag, size_t len)
{
	uint8_t h[4] = {tag};
	size_t k = 1;
	if (len < 128) {
		h[k++] = (uint8_t)len;
	} else if (len < 256) {
		h[k++] = 0x81;
		h[k++] = (uint8_t)len;
	} else {
		h[k++] = 0x82;
		h[k++] = (uint8_t)(len >> 8);
		h[k++] = (uint8_t)len;
	}
	ber_put(b, h, k);
}

static size_t tl_size(size_t len)
{
	return len < 128 ? 2 : len < 256 ? 3 : 4;
}

/* Dotted text (no leading dot) to BER OID contents (X.690 §8.19): the first two arcs in one
 * sub-identifier 40 * X + Y, each sub-identifier base 128, most significant group first. 0 when
 * malformed (fewer than two arcs, X > 2, Y > 39 under 0 or 1, an arc past 2^32 - 1) or too long. */
static size_t oid_ber(const char *s, uint8_t *out, size_t cap)
{
	uint64_t arc[2] = {0, 0};
	size_t n = 0, k = 0;
	for (const char *c = s;; c++) {
		uint64_t x = 0;
		const char *d = c;
		for (; *c >= '0' && *c <= '9'; c++)
			if ((x = x * 10 + (uint64_t)(*c - '0')) > UINT32_MAX)
				return 0;
		if (c == d || (*c != '.' && *c != 0))
			return 0;
		if (k < 2)
			arc[k] = x;
		if (k == 1) {
			if (arc[0] > 2 || (arc[0] < 2 && arc[1] > 39))
				return 0;
			x = 40 * arc[0] + arc[1];
		}
		if (k >= 1) {
			uint8_t g[10];
			size_t m = 0;
			do {
				g[m++] = (uint8_t)(x & 0x7f);
				x >>= 7;
			} while (x);
			if (m > cap - n)
				return 0;
			while (m > 0) {
				m--;
				out[n++] = (uint8_t)(g[m] | (m ? 0x80 : 0));
			}
		}
		k++;
		if (*c == 0)
			return k >= 2 ? n : 0;
	}
}

size_t req_snmp(uint8_t *out, size_t cap, int version, int getnext, const char *community,
                uint32_t request_id, const char *const *oids, size_t noids)
{
	enum { OID_BYTES = 64 };
	uint8_t enc[SNMP_REQ_MAX_OIDS][OID_BYTES];
	size_t elen[SNMP_REQ_MAX_OIDS];
	size_t clen = strlen(community);
	if (clen > 200 || noids == 0 || noids > SNMP_REQ_MAX_OIDS || (version != 0 && version != 1))
		return 0;
	size_t vb = 0;
	for (size_t i = 0; i < noids; i++) {
		if (!(elen[i] = oid_ber(oids[i], enc[i], OID_BYTES)))
			return 0;
		size_t one = tl_size(elen[i]) + elen[i] + 2; /* OID, then NULL */
		vb += tl_size(one) + one;
	}
	uint8_t rid[4] = {(uint8_t)(request_id >> 24), (uint8_t)(request_id >> 16),
	                  (uint8_t)(request_id >> 8), (uint8_t)request_id};
	rid[0] &= 0x7f; /* a positive INTEGER in four bytes */
	size_t pdu = (2 + 4) + 3 + 3 + tl_size(vb) + vb;
	size_t msg = 3 + tl_size(clen) + clen + tl_size(pdu) + pdu;
	struct ber b = {out, 0, cap, 0};
	ber_tl(&b, 0x30, msg);
	/* version: 0 is v1 (RFC 1157 §4), 1 is v2c (RFC 1901 §3) */
	ber_put(&b, version ? "\x02\x01\x01" : "\x02\x01\x00", 3);
	ber_tl(&b, 0x04, clen);
	ber_put(&b, community, clen);
	/* GetRequest-PDU [0] or GetNextRequest-PDU [1], alike in v1 and v2c (RFC 3416 §3) */
	ber_tl(&b, getnext ? 0xa1 : 0xa0, pdu);
	ber_tl(&b, 0x02, 4);
	ber_put(&b, rid, 4);
	ber_put(&b, "\x02\x01\x00\x02\x01\x00", 6); /* error-status, error-index */
	ber_tl(&b, 0x30, vb);
	for (size_t i = 0; i < noids; i++) {
		ber_tl(&b, 0x30, tl_size(elen[i]) + elen[i] + 2);
		ber_tl(&b, 0x06, elen[i]);
		ber_put(&b, enc[i], elen[i]);
		ber_put(&b, "\x05\x00", 2); /* unSpecified value (RFC 3416 §3: NULL in requests) */
	}
	return b.bad ? 0 : b.n;
}

size_t req_snmp_get(uint8_t *out, size_t cap, const char *community, uint32_t request_id)
{
	static const char *const sys[] = {"1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0",
	                                  "1.3.6.1.2.1.1.5.0"};
	return req_snmp(out, cap, 1, 0, community, request_id, sys, 3);
}

size_t req_tls_hello(uint8_t *out, size_t cap)
{
	/* No supported_versions extension: a TLS 1.3 server then answers with TLS 1.2, whose
	 * Certificate message is not encrypted. */
	static const uint8_t ext[] = {
	    0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17, /* groups: x25519, P-256 */
	    0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                         /* point formats */
	    0x00, 0x0d, 0x00, 0x0a, 0x00, 0x08, 0x04, 0x03, 0x08, 0x04,
	    0x04, 0x01, 0x02, 0x01, /* signature algorithms */
	};
	static const uint8_t suites[] = {0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30,
	                                 0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f, 0x00, 0x35};
	size_t body = 2 + 32 + 1 + 2 + sizeof(suites) + 2 + 2 + sizeof(ext);
	size_t total = 5 + 4 + body;
	if (cap < total)
		return 0;
	uint8_t *p = out;
	*p++ = 0x16, *p++ = 3, *p++ = 1; /* handshake record, version 1.0 for compatibility */
	*p++ = (uint8_t)((4 + body) >> 8), *p++ = (uint8_t)(4 + body);
	*p++ = 1, *p++ = 0, *p++ = (uint8_t)(body >> 8), *p++ = (uint8_t)body;
	*p++ = 3, *p++ = 3;
	for (int i = 0; i < 32; i++)
		*p++ = (uint8_t)(0x5a ^ i); /* the random need not be secret: no key is agreed */
	*p++ = 0;                           /* no session id */
	*p++ = 0, *p++ = (uint8_t)sizeof(suites);
	memcpy(p, suites, sizeof(suites));
	p += sizeof(suites);
	*p++ = 1, *p++ = 0; /* null compression */
	*p++ = 0, *p++ = (uint8_t)sizeof(ext);
	memcpy(p, ext, sizeof(ext));
	p += sizeof(ext);
	return (size_t)(p - out);
}

size_t req_sadp_inquiry(char *out, size_t cap, const char *uuid)
{
	return fit(snprintf(out, cap,
	                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe><Uuid>%s</Uuid>"
	                    "<Types>inquiry</Types></Probe>",
	                    uuid),
	           cap);
}

size_t req_dhip_search(uint8_t *out, size_t cap, uint32_t id)
{
	static const char body[] =
	    "{\"method\":\"DHDiscover.search\",\"params\":{\"mac\":\"\",\"uni\":1}}";
	size_t n = sizeof(body) - 1;
	if (cap < 32 + n)
		return 0;
	/* 32-byte header: 0x20 000000, "DHIP", session, id, body length (LE) twice at 16 and 24. */
	memset(out, 0, 32);
	out[0] = 0x20;
	memcpy(out + 4, "DHIP", 4);
	for (int i = 0; i < 4; i++) {
		out[12 + i] = (uint8_t)(id >> (8 * i));
		out[16 + i] = out[24 + i] = (uint8_t)(n >> (8 * i));
	}
	memcpy(out + 32, body, n);
	return 32 + n;
}

size_t req_wsd_probe(char *out, size_t cap, const char *uuid)
{
	/* WS-Discovery 2005/04, as ONVIF Core 7.3 uses it, for NetworkVideoTransmitter devices. */
	return fit(
	    snprintf(out, cap,
	             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	             "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
	             "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
	             "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
	             "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><s:Header>"
	             "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
	             "<a:MessageID>uuid:%s</a:MessageID>"
	             "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>"
	             "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>"
	             "</s:Body></s:Envelope>",
	             uuid),
	    cap);
}

size_t req_ssdp_msearch(char *out, size_t cap)
{
	return fit(snprintf(out, cap,
	                    "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
	                    "MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n"
	                    "USER-AGENT: " BANSWEEP_USER_AGENT "\r\n\r\n"),
	           cap);
}

size_t req_mdns_services(uint8_t *out, size_t cap)
{
	static const uint8_t
	    q[] = {0,   0,   0,   0,   0,   1,   0,   0,   0,   0,   0, 0, /* id 0, one question */
	           9,   '_', 's', 'e', 'r', 'v', 'i', 'c', 'e', 's', 7, '_', 'd',
	           'n', 's', '-', 's', 'd', 4,   '_', 'u', 'd', 'p', 5, 'l', 'o',
	           'c', 'a', 'l', 0,   0,   12,  0,   1}; /* PTR, IN */
	if (cap < sizeof(q))
		return 0;
	memcpy(out, q, sizeof(q));
	return sizeof(q);
}
