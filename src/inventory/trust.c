/* The system trust store: every certificate's subject as cert.trust. Kaspersky products that
 * inspect HTTPS add their own root here: it means the product is (or was) installed and that
 * the machine's TLS is intercepted. Read: the bundles update-ca-certificates(8) (Debian) and
 * update-ca-trust(8) (Red Hat) build, and the local additions they build them from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define BUNDLE_MAX  (64u << 20)
#define SUBJECT_MAX 4096

static int is_begin(const char *s, size_t n)
{
	static const char a[] = "-----BEGIN CERTIFICATE-----";
	static const char b[] = "-----BEGIN TRUSTED CERTIFICATE-----";
	return (n >= sizeof(a) - 1 && !memcmp(s, a, sizeof(a) - 1)) ||
	       (n >= sizeof(b) - 1 && !memcmp(s, b, sizeof(b) - 1));
}

static void subject(X509 *x, void (*fn)(void *, const char *, size_t, uint64_t), void *ctx,
                    uint64_t line)
{
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio)
		return;
	/* As the capture decoder writes tls.cert.subject: RFC 2253 order and escaping, non-ASCII
	 * left as UTF-8 (RFC 4514 §2.4). */
	unsigned long flags = XN_FLAG_RFC2253 & ~(unsigned long)ASN1_STRFLGS_ESC_MSB;
	if (X509_NAME_print_ex(bio, X509_get_subject_name(x), 0, flags) >= 0) {
		char *data = NULL;
		long len = BIO_get_mem_data(bio, &data);
		if (data && len > 0 && len <= SUBJECT_MAX)
			fn(ctx, data, (size_t)len, line);
	}
	BIO_free(bio);
}

size_t pem_subjects(const char *buf, size_t n,
                    void (*fn)(void *ctx, const char *subject, size_t len, uint64_t line),
                    parse_bad_fn bad, void *ctx)
{
	struct lines l;
	const char *s;
	size_t k, count = 0;
	lines_init(&l, buf, n);
	while (lines_next(&l, &s, &k)) {
		if (!is_begin(s, k))
			continue;
		/* The block runs from its BEGIN line to the end of the buffer at most: the PEM
		 * reader stops at its END line. */
		uint64_t line = l.no;
		size_t left = (size_t)(buf + n - s);
		if (left > INT32_MAX)
			left = INT32_MAX;
		BIO *bio = BIO_new_mem_buf(s, (int)left);
		if (!bio)
			return count;
		X509 *x = PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL);
		if (x) {
			subject(x, fn, ctx, line);
			X509_free(x);
			count++;
		} else {
			bad(ctx, line, "certificate that does not decode");
		}
		BIO_free(bio);
	}
	return count;
}

struct run {
	struct inv *iv;
	const char *path;
};

static void on_subject(void *ctx, const char *subj, size_t len, uint64_t line)
{
	struct run *r = ctx;
	char where[4200];
	(void)line;
	snprintf(where, sizeof(where), "%s", r->path);
	inv_obsn(r->iv, K_CERT_TRUST, subj, len, where);
}

static void on_bad(void *ctx, uint64_t line, const char *msg)
{
	struct run *r = ctx;
	inv_malformed(r->iv, r->path, line, 0, "%s", msg);
}

static void file(struct inv *iv, const char *path)
{
	size_t n;
	char *b = inv_slurp_opt(iv, path, BUNDLE_MAX, &n);
	if (!b)
		return;
	struct run r = {iv, path};
	pem_subjects(b, n, on_subject, on_bad, &r);
	free(b);
	ERR_clear_error(); /* the PEM reader's queue: nobody else is to see it */
}

static void entry(struct inv *iv, const char *name, const char *path, void *ctx)
{
	int *depth = ctx;
	size_t n = strlen(name);
	if (n > 4 && (!strcmp(name + n - 4, ".crt") || !strcmp(name + n - 4, ".pem"))) {
		file(iv, path);
	} else if (!strchr(name, '.') && *depth < 4) { /* a sub-directory of local ones */
		++*depth;
		inv_each_entry(iv, path, 0, entry, ctx);
		--*depth;
	}
}

int inv_trust(struct inv *iv);
int inv_trust(struct inv *iv)
{
	file(iv, "/etc/ssl/certs/ca-certificates.crt");
	file(iv, "/etc/pki/tls/certs/ca-bundle.crt");
	int depth = 0;
	inv_each_entry(iv, "/usr/local/share/ca-certificates", 0, entry, &depth);
	inv_each_entry(iv, "/etc/pki/ca-trust/source/anchors", 0, entry, &depth);
	return 0;
}
