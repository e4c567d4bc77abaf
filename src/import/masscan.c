/* masscan output (masscan(8), src/out-json.c and src/out-list.c in its source): -oJ, one JSON
 * object a line inside an array, and -oL, one whitespace-separated line a result:
 *   open tcp 80 10.0.0.1 1690000000
 *   banner tcp 80 10.0.0.1 1690000000 http.server App-webs/
 * A record is one port or one banner, never a whole asset (whole_records 0). Banners are
 * mapped by masscan's service name to the key of the device's words; masscan escapes bytes
 * outside printable ASCII as \xNN (-oL), undone here so that the rules see the text. */
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "imp.h"
#include "util/banned.h"

struct rec {
	char ip[64], ts[32], port[8], proto[8], status[16], svc[32];
	struct buf banner;
};

static int valid_ip(const char *s)
{
	unsigned char a[16];
	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

static void obs(const struct imp_sink *s, struct imp_stats *st, const struct rec *r,
                const char *key, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\r' || *v == '\n' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == '\t'))
		n--;
	imp_obs(s, st, r->ip, key, v, n, r->ts[0] ? r->ts : NULL);
}

/* masscan's "X509" banner: the server's certificate, base64 DER. */
static void x509(const struct imp_sink *s, struct imp_stats *st, const struct rec *r,
                 const char *b64, size_t n)
{
	if (n == 0 || n > (1u << 20) || n % 4)
		return;
	unsigned char *der = xmalloc(n);
	int len = EVP_DecodeBlock(der, (const unsigned char *)b64, (int)n);
	const unsigned char *q = der;
	X509 *c = len > 0 ? d2i_X509(NULL, &q, len) : NULL;
	for (int i = 0; c && i < 2; i++) {
		BIO *bio = BIO_new(BIO_s_mem());
		/* as the TLS decoder writes names: RFC 2253 order, UTF-8 left as it is */
		unsigned long fl = XN_FLAG_RFC2253 & ~(unsigned long)ASN1_STRFLGS_ESC_MSB;
		char *data = NULL;
		if (bio &&
		    X509_NAME_print_ex(bio, i ? X509_get_issuer_name(c) : X509_get_subject_name(c),
		                       0, fl) >= 0) {
			long dl = BIO_get_mem_data(bio, &data);
			if (data && dl > 0)
				obs(s, st, r, i ? "tls.cert.issuer" : "tls.cert.subject", data,
				    (size_t)dl);
		}
		BIO_free(bio);
	}
	X509_free(c);
	free(der);
}

/* The header lines of masscan's "http" banner (the response head it read). */
static void http_head(const struct imp_sink *s, struct imp_stats *st, const struct rec *r,
                      const char *p, size_t n)
{
	for (const char *e, *end = p + n; p < end; p = e ? e + 1 : end) {
		e = memchr(p, '\n', (size_t)(end - p));
		size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
		const char *c = memchr(p, ':', len);
		if (!c)
			continue;
		size_t k = (size_t)(c - p), vl = len - k - 1;
		if (k == 16 && bs_strncaseeq(p, "WWW-Authenticate", 16))
			obs(s, st, r, "http.www_authenticate", c + 1, vl);
		else if (k == 10 && bs_strncaseeq(p, "Set-Cookie", 10))
			obs(s, st, r, "http.cookie", c + 1, vl);
	}
}

/* masscan's telnet banner (proto-telnet.c): the options it was offered as words ("WILL(echo)
 * DO(naws)"), then the text with its line ends written as the two characters \n. Back to the
 * text the device showed, in place. */
static size_t telnet_text(char *b, size_t n)
{
	size_t w = 0, i = 0;
	static const char *const verbs[] = {"WILL(", "WONT(", "DO(", "DONT("};
	for (;;) { /* the option words first */
		while (i < n && b[i] == ' ')
			i++;
		size_t k = 0;
		while (k < 4 && strncmp(b + i, verbs[k], strlen(verbs[k])))
			k++;
		const char *close = k < 4 ? memchr(b + i, ')', n - i) : NULL;
		if (!close)
			break;
		i = (size_t)(close - b) + 1;
	}
	for (; i < n; i++) {
		if (b[i] == '\\' && i + 1 < n && b[i + 1] == 'n') {
			b[w++] = '\n';
			i++;
		} else {
			b[w++] = b[i];
		}
	}
	return w;
}

/* One result: the asset's address, the open port, and what a banner says. */
static void emit(const struct imp_sink *s, struct imp_stats *st, struct rec *r)
{
	obs(s, st, r, "ip", r->ip, strlen(r->ip));
	if (!strcmp(r->proto, "tcp") && (!r->status[0] || !strcmp(r->status, "open")))
		obs(s, st, r, "tcp.port", r->port, strlen(r->port));
	if (!r->svc[0] || !r->banner.len)
		return;
	char *b = r->banner.data;
	size_t n = imp_unescape_banner(b, r->banner.len, 0);
	if (!strcmp(r->svc, "telnet"))
		n = telnet_text(b, n);
	static const struct {
		const char *svc, *key;
	} map[] = {{"http.server", "http.server"},
	           {"title", "html.title"},
	           {"ftp", "ftp.banner"},
	           {"telnet", "telnet.banner"},
	           {"sip", "sip.server"}};
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (!strcmp(r->svc, map[i].svc))
			obs(s, st, r, map[i].key, b, n);
	if (!strcmp(r->svc, "ssh") && n > 4 && !memcmp(b, "SSH-", 4)) {
		const char *e = memchr(b, '\n', n);
		obs(s, st, r, "ssh.banner", b, e ? (size_t)(e - b) : n);
	} else if (!strcmp(r->svc, "http")) {
		http_head(s, st, r, b, n);
	} else if (!strcmp(r->svc, "X509")) {
		x509(s, st, r, b, n);
	}
}

static int check(struct rec *r, char *why, size_t wn)
{
	char *end;
	long port = strtol(r->port, &end, 10);
	if (!valid_ip(r->ip))
		snprintf(why, wn, "no valid IP address");
	else if (!r->port[0] || *end || port < 0 || port > 65535)
		snprintf(why, wn, "no valid port");
	else
		return 0;
	return -1;
}

/* ---- -oL ---- */

static void copy(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

static int list_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct imp_lines l;
	struct rec r;
	char *p, why[80];
	size_t n;
	int rc;
	imp_lines_init(&l, f, sink, st);
	buf_init(&r.banner, IMP_MAX_RECORD);
	while ((rc = imp_lines_next(&l, &p, &n)) == 1) {
		if (imp_first(p, n) == '#' || imp_first(p, n) == 0)
			continue;
		st->records++;
		/* status proto port ip timestamp [service banner...] */
		const char *f5[6];
		size_t fl[6], k = 0;
		const char *q = p, *end = p + n;
		while (k < 6 && q < end) {
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			const char *b = q;
			while (q < end && *q != ' ' && *q != '\t')
				q++;
			if (q > b)
				f5[k] = b, fl[k++] = (size_t)(q - b);
		}
		memset(&r, 0, offsetof(struct rec, banner));
		buf_reset(&r.banner);
		int banner = k >= 1 && fl[0] == 6 && !memcmp(f5[0], "banner", 6);
		if (banner && k == 5) {
			imp_bad(sink, st, l.line, l.off, "banner without a service name");
			continue;
		}
		if (k < 5) {
			imp_bad(sink, st, l.line, l.off, "expected 5 fields (%s), found %zu",
			        "status proto port ip time", k);
			continue;
		}
		copy(r.status, sizeof(r.status), f5[0], fl[0]);
		copy(r.proto, sizeof(r.proto), f5[1], fl[1]);
		copy(r.port, sizeof(r.port), f5[2], fl[2]);
		copy(r.ip, sizeof(r.ip), f5[3], fl[3]);
		copy(r.ts, sizeof(r.ts), f5[4], fl[4]);
		if (check(&r, why, sizeof(why)) < 0) {
			imp_bad(sink, st, l.line, l.off, "%s", why);
			continue;
		}
		if (banner) {
			copy(r.svc, sizeof(r.svc), f5[5], fl[5]);
			const char *b = f5[5] + fl[5];
			if (b < end)
				b++; /* the one space before the banner */
			buf_add(&r.banner, b, (size_t)(end - b));
			r.status[0] = 0; /* a banner says nothing of the port's state */
			r.proto[0] = 0;
		}
		emit(sink, st, &r);
		sink->record_end(sink->ctx);
	}
	buf_release(&r.banner);
	imp_lines_release(&l);
	return rc < 0 ? -1 : 0;
}

static int list_detect(const char *head, size_t n)
{
	if (n >= 8 && !memcmp(head, "#masscan", 8))
		return 95;
	if (n >= 9 && !memcmp(head, "open tcp ", 9))
		return 50;
	if (n >= 11 && !memcmp(head, "banner tcp ", 11))
		return 50;
	return 0;
}

const struct importer imp_masscan_list = {
    .name = "masscan-list",
    .summary = "masscan -oL output: open ports and banners",
    .detect = list_detect,
    .read = list_read,
    .whole_records = 0,
};

/* ---- -oJ ---- */

struct jctx {
	struct rec r;
	int ports; /* ports seen on the line */
	const struct imp_sink *sink;
	struct imp_stats *st;
};

static void field(char *dst, size_t cap, const struct jev *e)
{
	copy(dst, cap, e->v, e->vlen);
}

static int on_json(void *ctx, enum jwhat what, const struct jev *e)
{
	struct jctx *c = ctx;
	if (what != J_LEAF)
		return 0;
	if (!strcmp(e->path, "ip"))
		field(c->r.ip, sizeof(c->r.ip), e);
	else if (!strcmp(e->path, "timestamp"))
		field(c->r.ts, sizeof(c->r.ts), e);
	else if (!strcmp(e->path, "ports.port"))
		field(c->r.port, sizeof(c->r.port), e), c->ports++;
	else if (!strcmp(e->path, "ports.proto"))
		field(c->r.proto, sizeof(c->r.proto), e);
	else if (!strcmp(e->path, "ports.status"))
		field(c->r.status, sizeof(c->r.status), e);
	else if (!strcmp(e->path, "ports.service.name"))
		field(c->r.svc, sizeof(c->r.svc), e);
	else if (!strcmp(e->path, "ports.service.banner") &&
	         buf_add(&c->r.banner, e->v, e->vlen) < 0)
		return 1;
	return 0;
}

static int json_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct imp_lines l;
	struct jctx c = {.sink = sink, .st = st};
	struct jpath *j = jpath_new(on_json, &c);
	char *p, err[160];
	size_t n;
	int rc;
	imp_lines_init(&l, f, sink, st);
	buf_init(&c.r.banner, IMP_MAX_RECORD);
	while ((rc = imp_lines_next(&l, &p, &n)) == 1) {
		/* the array's brackets, and the separators masscan writes on lines of their own
		 * (1.3: ",\n" before each record; older: a trailing ",", and a last line
		 * "{finished: 1}", which is not JSON) */
		while (n && (*p == ' ' || *p == '\t' || *p == ',' || *p == '[' || *p == '\r'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == ',' ||
		             p[n - 1] == ']' || p[n - 1] == '\r'))
			n--;
		if (!n || (n >= 9 && !memcmp(p, "{finished", 9)))
			continue;
		st->records++;
		memset(&c.r, 0, offsetof(struct rec, banner));
		buf_reset(&c.r.banner);
		c.ports = 0;
		char why[80];
		if (jpath_line(j, p, n, err, sizeof(err)) < 0)
			imp_bad(sink, st, l.line, l.off, "%s", err);
		else if (c.ports > 1)
			imp_bad(sink, st, l.line, l.off, "more than one port in a record");
		else if (check(&c.r, why, sizeof(why)) < 0)
			imp_bad(sink, st, l.line, l.off, "%s", why);
		else
			emit(sink, st, &c.r), sink->record_end(sink->ctx);
	}
	buf_release(&c.r.banner);
	jpath_free(j);
	imp_lines_release(&l);
	return rc < 0 ? -1 : 0;
}

static int json_detect(const char *head, size_t n)
{
	char c = imp_first(head, n);
	if (c != '[' && c != '{')
		return 0;
	if (imp_has(head, n, "{   \"ip\": \"")) /* masscan's own spacing */
		return 95;
	if (imp_has(head, n, "\"ip\"") && imp_has(head, n, "\"ports\"") &&
	    imp_has(head, n, "\"proto\"") && imp_has(head, n, "\"timestamp\""))
		return 70;
	return 0;
}

const struct importer imp_masscan_json = {
    .name = "masscan-json",
    .summary = "masscan -oJ output: open ports and banners",
    .detect = json_detect,
    .read = json_read,
    .whole_records = 0,
};
