/* The Authenticode signer of a PE file: the organisation in the subject of the certificate that
 * signed it. References: Microsoft PE/COFF specification (sections 2 "MS-DOS Stub", 3 "COFF File
 * Header", 3.4 "Optional Header Data Directories", 4.7 "The Attribute Certificate Table") and
 * "Windows Authenticode Portable Executable Signature Format" (WIN_CERTIFICATE holding a PKCS#7
 * SignedData). Every byte is read through the bounded reader; OpenSSL decodes the DER.
 *
 * The signature is not verified (that needs the file's hash and the trust roots): the signer's
 * name is evidence of who made the file, the way the Uninstall Publisher is. */
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <string.h>

#include "bansweep/rd.h"
#include "inventory/img.h"
#include "util/banned.h"

static uint16_t rd_le16v(struct rd *r)
{
	uint16_t lo = rd_u8(r);
	uint16_t hi = rd_u8(r);
	return (uint16_t)(lo | (hi << 8));
}

enum pe_status pe_cert_table(const uint8_t *hdr, size_t n, uint32_t *off, uint32_t *size,
                             uint64_t *bad_off)
{
	struct rd r = rd_make(hdr, n);
	*bad_off = 0;
	/* MS-DOS header: "MZ", and at 0x3c the file offset of the PE signature (section 2). */
	if (rd_u8(&r) != 'M' || rd_u8(&r) != 'Z')
		return PE_NOT_PE;
	rd_skip(&r, 0x3c - 2);
	uint32_t lfanew = rd_le32(&r);
	if (r.err || lfanew > n || n - lfanew < 4 + 20) {
		*bad_off = 0x3c;
		return r.err ? PE_NOT_PE : PE_BAD;
	}
	struct rd pe = rd_make(hdr + lfanew, n - lfanew);
	if (rd_u8(&pe) != 'P' || rd_u8(&pe) != 'E' || rd_u8(&pe) != 0 || rd_u8(&pe) != 0)
		return PE_NOT_PE;
	/* COFF file header (section 3.3): SizeOfOptionalHeader at offset 16. */
	rd_skip(&pe, 16);
	uint16_t opt_size = rd_le16v(&pe);
	rd_skip(&pe, 2);
	size_t opt_at = lfanew + pe.off;
	struct rd opt = rd_sub(&pe, opt_size);
	if (opt.err) {
		*bad_off = opt_at;
		return PE_BAD;
	}
	/* Optional header magic (section 3.4): PE32 keeps NumberOfRvaAndSizes at 92 and the data
	 * directories at 96; PE32+ at 108 and 112. */
	uint16_t magic = rd_le16v(&opt);
	size_t dirs;
	if (magic == 0x10b)
		dirs = 96;
	else if (magic == 0x20b)
		dirs = 112;
	else {
		*bad_off = opt_at;
		return PE_BAD;
	}
	rd_skip(&opt, dirs - 4 - 2);
	uint32_t ndirs = rd_le32(&opt);
	if (opt.err) {
		*bad_off = opt_at;
		return PE_BAD;
	}
	/* The Certificate Table is data directory 4; its "address" is a file offset (3.4.3). */
	if (ndirs <= 4)
		return PE_UNSIGNED;
	rd_skip(&opt, 4 * 8);
	uint32_t va = rd_le32(&opt);
	uint32_t sz = rd_le32(&opt);
	if (opt.err) {
		*bad_off = opt_at + dirs;
		return PE_BAD;
	}
	if (va == 0 || sz == 0)
		return PE_UNSIGNED;
	if (sz > PE_CERT_TABLE_MAX)
		return PE_TOO_LARGE;
	*off = va;
	*size = sz;
	return PE_OK;
}

/* O= of the subject, else CN=, as UTF-8. */
static int subject_org(X509 *x, char *org, size_t orgsz)
{
	X509_NAME *nm = X509_get_subject_name(x);
	int i = X509_NAME_get_index_by_NID(nm, NID_organizationName, -1);
	if (i < 0)
		i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1);
	if (i < 0)
		return -1;
	unsigned char *u = NULL;
	int len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i)));
	if (len < 0)
		return -1;
	size_t k = strnlen((const char *)u, (size_t)len);
	if (k >= orgsz)
		k = orgsz - 1;
	memcpy(org, u, k);
	org[k] = 0;
	OPENSSL_free(u);
	return k ? 0 : -1;
}

/* The signer certificate's organisation of one PKCS#7 SignedData (DER, n bytes). */
static int pkcs7_signer(const uint8_t *der, size_t n, char *org, size_t orgsz)
{
	if (n > (size_t)INT32_MAX)
		return -1;
	const unsigned char *pp = der;
	PKCS7 *p7 = d2i_PKCS7(NULL, &pp, (long)n);
	int rc = -1;
	if (p7 && PKCS7_type_is_signed(p7) && p7->d.sign) {
		/* The signer is found among the embedded certificates by issuer and serial
		 * (SignerInfo); flags 0: no outside certificates. */
		STACK_OF(X509) *signers = PKCS7_get0_signers(p7, NULL, 0);
		if (signers && sk_X509_num(signers) > 0)
			rc = subject_org(sk_X509_value(signers, 0), org, orgsz);
		sk_X509_free(signers);
	}
	PKCS7_free(p7);
	ERR_clear_error();
	return rc;
}

enum pe_status pe_cert_signer(const uint8_t *p, size_t n, char *org, size_t orgsz,
                              uint64_t *bad_off)
{
	struct rd r = rd_make(p, n);
	*bad_off = 0;
	int seen = 0;
	size_t entries = 0;
	/* WIN_CERTIFICATE: dwLength (header included), wRevision, wCertificateType, bCertificate;
	 * entries are 8-byte aligned (PE/COFF 4.7). */
	while (rd_left(&r) >= 8) {
		size_t at = r.off;
		uint32_t len = rd_le32(&r);
		rd_skip(&r, 2); /* wRevision: 0x0100 and 0x0200 are both seen in the field */
		uint16_t type = rd_le16v(&r);
		if (len < 8 || len - 8 > rd_left(&r)) {
			*bad_off = at;
			return PE_BAD;
		}
		struct rd body = rd_sub(&r, len - 8);
		size_t pad = ((len + 7u) & ~7u) - len;
		rd_skip(&r, pad < rd_left(&r) ? pad : rd_left(&r));
		entries++;
		if (type != 0x0002) /* WIN_CERT_TYPE_PKCS_SIGNED_DATA */
			continue;
		seen = 1;
		if (pkcs7_signer(body.p, body.len, org, orgsz) == 0)
			return PE_OK;
		*bad_off = at;
	}
	/* A table with a SignedData none of which names a signer, or with no entry at all, is
	 * damaged; one holding only other types (X.509 alone, reserved) is not Authenticode. */
	return seen || !entries ? PE_BAD : PE_UNSIGNED;
}
