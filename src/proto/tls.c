/* TLS handshakes (RFC 5246 for 1.0-1.2, RFC 8446 for 1.3): the plaintext start of a connection.
 *   ClientHello: server_name extension (RFC 6066 §3), host_name -> tls.sni about the sender
 *   Certificate (TLS <= 1.2, sent in clear): the first, leaf certificate (RFC 5246 §7.4.2):
 *   subject and issuer as RFC 4514/2253 text -> about the sender (the server, or a client that
 *   authenticates with a certificate)
 * Handshake messages may span records and records may hold several messages (RFC 5246 §6.2.1):
 * the handshake bytes of the leading records are joined first. TLS 1.3 encrypts the
 * Certificate message: after a ServerHello selecting 1.3 there is nothing to read. SSLv2
 * compatible hellos are not parsed. */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/x509.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

enum {
	TLS_CT_CCS = 20,
	TLS_CT_ALERT = 21,
	TLS_CT_HANDSHAKE = 22,
	TLS_HS_CLIENT_HELLO = 1,
	TLS_HS_SERVER_HELLO = 2,
	TLS_HS_CERTIFICATE = 11,
	TLS_EXT_SERVER_NAME = 0,
	TLS_EXT_SUPPORTED_VERSIONS = 43,
	/* A record fragment is at most 2^14 bytes, plus 2048 of compression or cipher expansion
	 * (RFC 5246 §6.2.3). */
	TLS_RECORD_MAX = 16384 + 2048,
	/* Distinguished names longer than this are not certificate names anyone reads. */
	TLS_NAME_MAX = 4096,
};

static int is_record_start(const uint8_t *p, size_t n)
{
	return n >= 3 && p[0] == TLS_CT_HANDSHAKE && p[1] == 3 && p[2] <= 4;
}

/* ClientHello (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2). m: the message body. */
static void client_hello(struct rd *m, const struct pkt *pk, const struct emit *em)
{
	rd_skip(m, 2 + 32);           /* legacy_version, random */
	rd_skip(m, rd_u8(m));         /* session_id */
	rd_skip(m, rd_be16(m));       /* cipher_suites */
	rd_skip(m, rd_u8(m));         /* compression_methods */
	if (m->err || rd_left(m) < 2) /* no extensions (SSL 3.0 style) */
		return;
	/* Cut by the buffer bound: read the extensions that are there. */
	uint16_t elen = rd_be16(m);
	size_t left = rd_left(m);
	struct rd exts = rd_sub(m, elen < left ? elen : left);
	while (rd_left(&exts) >= 4) {
		uint16_t type = rd_be16(&exts);
		struct rd ext = rd_sub(&exts, rd_be16(&exts));
		if (ext.err)
			return;
		if (type != TLS_EXT_SERVER_NAME)
			continue;
		/* ServerNameList: 16-bit length, then name_type (0 host_name) and a
		 * 16-bit-length name (RFC 6066 §3). */
		struct rd list = rd_sub(&ext, rd_be16(&ext));
		while (!list.err && rd_left(&list) >= 3) {
			uint8_t nt = rd_u8(&list);
			uint16_t len = rd_be16(&list);
			const uint8_t *name = rd_bytes(&list, len);
			if (!name)
				break;
			if (nt == 0 && len > 0)
				em->obs(em->ctx, pk, SIDE_SRC, K_TLS_SNI, (const char *)name, len);
		}
		return;
	}
}

/* ServerHello: does it select TLS 1.3 (supported_versions, RFC 8446 §4.2.1)? */
static int server_hello_is_13(struct rd *m)
{
	rd_skip(m, 2 + 32);
	rd_skip(m, rd_u8(m)); /* legacy_session_id_echo */
	rd_skip(m, 2 + 1);    /* cipher_suite, legacy_compression_method */
	if (m->err || rd_left(m) < 2)
		return 0;
	struct rd exts = rd_sub(m, rd_be16(m));
	while (!exts.err && rd_left(&exts) >= 4) {
		uint16_t type = rd_be16(&exts);
		struct rd ext = rd_sub(&exts, rd_be16(&exts));
		if (ext.err)
			return 0;
		if (type == TLS_EXT_SUPPORTED_VERSIONS && rd_be16(&ext) >= 0x0304 && !ext.err)
			return 1;
	}
	return 0;
}

static void emit_name(const X509_NAME *name, enum key_id k, const struct pkt *pk,
                      const struct emit *em)
{
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio)
		return;
	/* RFC 2253 order and escaping, except that non-ASCII is left as UTF-8 (RFC 4514 §2.4
	 * allows it) instead of \XX escapes, so that rules see the names as written. */
	unsigned long flags = XN_FLAG_RFC2253 & ~(unsigned long)ASN1_STRFLGS_ESC_MSB;
	if (X509_NAME_print_ex(bio, name, 0, flags) >= 0) {
		char *data = NULL;
		long len = BIO_get_mem_data(bio, &data);
		if (data && len > 0 && len <= TLS_NAME_MAX)
			em->obs(em->ctx, pk, SIDE_SRC, k, data, (size_t)len);
	}
	BIO_free(bio);
}

/* Certificate (RFC 5246 §7.4.2): certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>; the
 * sender's own certificate comes first. */
static int certificate(struct rd *m, const struct pkt *pk, const struct emit *em)
{
	rd_skip(m, 3); /* certificate_list length: a cut list still holds a whole leaf */
	uint32_t len = (uint32_t)rd_u8(m) << 16;
	len |= rd_be16(m);
	const uint8_t *der = rd_bytes(m, len);
	if (!der || len == 0) /* 24 bits: fits a long */
		return -1;
	const unsigned char *q = der;
	X509 *x = d2i_X509(NULL, &q, (long)len);
	if (!x)
		return -1;
	emit_name(X509_get_subject_name(x), K_TLS_CERT_SUBJECT, pk, em);
	emit_name(X509_get_issuer_name(x), K_TLS_CERT_ISSUER, pk, em);
	X509_free(x);
	return 0;
}

int proto_tls(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
              const struct emit *em)
{
	(void)from_client; /* the message types say who speaks */
	if (!is_record_start(p, n))
		return PROTO_NOT_MINE;
	/* Join the handshake fragments of the leading records (TLSPlaintext, RFC 5246 §6.2.1). */
	uint8_t *hs = malloc(n ? n : 1);
	if (!hs)
		return PROTO_OK;
	size_t hn = 0;
	int ret = PROTO_OK;
	struct rd r = rd_make(p, n);
	while (rd_left(&r) >= 5) {
		uint8_t type = rd_u8(&r);
		uint8_t major = rd_u8(&r);
		(void)rd_u8(&r);
		uint16_t len = rd_be16(&r);
		if (major != 3 || len > TLS_RECORD_MAX) {
			ret = PROTO_MALFORMED;
			break;
		}
		if (type != TLS_CT_HANDSHAKE)
			break; /* ChangeCipherSpec, alert, data: the plaintext handshake is over */
		size_t take = len < rd_left(&r) ? len : rd_left(&r);
		const uint8_t *frag = rd_bytes(&r, take);
		if (!frag || take > n - hn)
			break;
		memcpy(hs + hn, frag, take);
		hn += take;
		if (take < len)
			break; /* cut by the buffer bound: parse what there is */
	}

	struct rd h = rd_make(hs, hn);
	while (rd_left(&h) >= 4) {
		uint8_t t = rd_u8(&h);
		uint32_t len = (uint32_t)rd_u8(&h) << 16;
		len |= rd_be16(&h);
		/* A message cut by the buffer bound is parsed as far as it goes. */
		size_t avail = len < rd_left(&h) ? len : rd_left(&h);
		struct rd m = rd_sub(&h, avail);
		if (t == TLS_HS_CLIENT_HELLO) {
			client_hello(&m, pk, em);
		} else if (t == TLS_HS_SERVER_HELLO) {
			if (server_hello_is_13(&m))
				break; /* the rest is encrypted (RFC 8446 §2) */
		} else if (t == TLS_HS_CERTIFICATE) {
			if (certificate(&m, pk, em) < 0 && avail == len)
				ret = PROTO_MALFORMED;
			break;
		}
		if (avail < len)
			break;
	}
	free(hs);
	return ret;
}

int sniff_tls(const uint8_t *p, size_t n)
{
	return is_record_start(p, n);
}
