/* HTTP/1.x (RFC 9112 message syntax, RFC 9110 semantics): the start of one direction of a
 * connection, possibly several messages (persistent connections, RFC 9112 §9.3).
 *   requests:  Host, User-Agent                          -> about the client (the sender)
 *   responses: Server, WWW-Authenticate, Set-Cookie      -> about the server (the sender)
 *              bodies: XML namespaces, and the documents of the kinds of xmlbody.def (ISAPI
 *              deviceInfo, ONVIF device information, UPnP description); Dahua magicBox
 *              key=value lines; HTML <title>
 * Header values are emitted whole, as sent, trimmed of surrounding blanks (the rules normalise). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "proto/text.h"
#include "proto/xmlbody.h"
#include "bansweep/xml.h"
#include "util/banned.h"

/* Messages parsed per stream direction and header lines per message: enough for any real
 * start of a connection, small enough that a hostile stream costs little. */
#define HTTP_MAX_MSGS    32
#define HTTP_MAX_HEADERS 128
/* magicBox answers are a dozen lines; more is not a magicBox answer. */
#define HTTP_MAX_KV    32
#define HTTP_MAX_NS    32
#define HTTP_TITLE_MAX 512

static int is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* State of one call: what has been emitted already (namespaces repeat in every ISAPI answer). */
struct http {
	const struct pkt *pk;
	const struct emit *em;
	uint64_t ns_seen[HTTP_MAX_NS];
	size_t nns;
	struct xmlbody_run xb; /* the current XML document's decoder (xmlbody.h) */
	int title_in, title_done;
	int cut; /* the body at hand is cut short by the buffer bound */
	struct buf title;
};

/* ---- XML bodies -------------------------------------------------------------------------- */

static int xml_on_start(void *ctx, const struct xml_elem *e)
{
	struct http *h = ctx;
	/* Every namespace declared anywhere in the document: ISAPI declares its schema namespace
	 * (http://www.hikvision.com/ver20/XMLSchema) on the root, SOAP answers on the envelope. */
	for (size_t i = 0; i < e->nns; i++) {
		const char *uri = e->ns[2 * i + 1];
		if (!uri || !*uri)
			continue;
		size_t l = strlen(uri);
		uint64_t hv = bs_hash(uri, l);
		size_t j = 0;
		while (j < h->nns && h->ns_seen[j] != hv)
			j++;
		if (j < h->nns)
			continue;
		if (h->nns < HTTP_MAX_NS)
			h->ns_seen[h->nns++] = hv;
		h->em->obs(h->em->ctx, h->pk, SIDE_SRC, K_HTTP_BODY_XMLNS, uri, l);
	}
	/* The decoder of the document's kind, chosen by the root element. */
	xmlbody_start(&h->xb, e);
	return 0;
}

static int xml_on_end(void *ctx, const struct xml_elem *e, const char *text, size_t n)
{
	struct http *h = ctx;
	xmlbody_end(&h->xb, e, text, n);
	return 0;
}

static void body_xml(struct http *h, struct span body)
{
	struct xml_sax sax = {.start = xml_on_start, .end = xml_on_end, .ctx = h};
	xmlbody_init(&h->xb, NULL, h->pk, h->em);
	(void)proto_xml_sax(body.p, body.n, &sax);
	xmlbody_release(&h->xb);
}

/* ---- HTML bodies: the first <title> ---------------------------------------------------------- */

static int html_on_start(void *ctx, const struct xml_elem *e)
{
	struct http *h = ctx;
	if (!h->title_done && strcmp(e->local, "title") == 0) {
		h->title_in = 1;
		buf_reset(&h->title);
	}
	return 0;
}

static void html_on_text(void *ctx, const char *s, size_t n)
{
	struct http *h = ctx;
	if (!h->title_in)
		return;
	/* Fold runs of white space into one blank as a browser shows the title. */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];
		if (is_space(c)) {
			if (h->title.len && h->title.data[h->title.len - 1] != ' ')
				(void)buf_addc(&h->title, ' ');
		} else {
			(void)buf_addc(&h->title, (char)c);
		}
	}
}

static int html_on_end(void *ctx, const struct xml_elem *e, const char *text, size_t n)
{
	(void)text;
	(void)n;
	struct http *h = ctx;
	if (!h->title_in || strcmp(e->local, "title") != 0)
		return 0;
	h->title_in = 0;
	h->title_done = 1;
	struct span v = {(const uint8_t *)h->title.data, h->title.len};
	if (h->title.data && !h->cut)
		text_emit(h->em, h->pk, SIDE_SRC, K_HTML_TITLE, v);
	return 1; /* nothing else wanted from the page */
}

static void body_html(struct http *h, struct span body)
{
	/* The HTML parser closes what is open at the end of the input: a title cut by the
	 * buffer bound would look whole. */
	int saved = h->cut;
	if (h->cut && span_has_ci(body, "</title"))
		h->cut = 0;
	h->title_in = 0;
	h->title_done = 0;
	buf_reset(&h->title);
	struct xml_sax sax = {
	    .start = html_on_start, .text = html_on_text, .end = html_on_end, .ctx = h};
	(void)proto_html_sax(body.p, body.n, &sax);
	h->title_in = 0;
	h->cut = saved;
}

/* ---- magicBox bodies ---------------------------------------------------------------------- */

/* A key of a Dahua CGI answer: letters, digits and a few punctuation marks ("table.General.
 * MachineName", "Network[0].IPAddress"). */
static size_t kv_key_len(struct span line)
{
	size_t i = 0;
	while (i < line.n && (text_tchar(line.p[i]) || line.p[i] == '[' || line.p[i] == ']'))
		i++;
	if (i == 0 || i >= line.n || line.p[i] != '=')
		return 0;
	return i;
}

/* Dahua /cgi-bin/magicBox.cgi?action=getSystemInfo answers text/plain "key=value" lines
 * (deviceType=..., serialNumber=...). Every line is emitted; the rules pick the keys. */
static void body_kv(struct http *h, struct span body)
{
	struct rd r = rd_make(body.p, body.n);
	int nkv = 0;
	struct span line;
	while (nkv < HTTP_MAX_KV) {
		if (!text_next_line(&r, &line)) {
			/* The last line may lack its CRLF at the end of a whole body; in a
			 * body cut by the buffer bound it may be cut itself. */
			if (h->cut)
				break;
			size_t left = rd_left(&r);
			line.p = rd_bytes(&r, left);
			line.n = left;
			if (!line.p || !left)
				break;
		}
		line = span_trim(line);
		if (!line.n)
			continue;
		size_t kl = kv_key_len(line);
		if (!kl)
			break; /* not key=value text (or past its end) */
		nkv++;
		h->em->obs(h->em->ctx, h->pk, SIDE_SRC, K_HTTP_BODY_KV, (const char *)line.p,
		           line.n);
		struct span key = {line.p, kl};
		struct span val = {line.p + kl + 1, line.n - kl - 1};
		if (span_eq_ci(key, "deviceType"))
			text_emit(h->em, h->pk, SIDE_SRC, K_DEVICE_MODEL, val);
		else if (span_eq_ci(key, "serialNumber"))
			text_emit(h->em, h->pk, SIDE_SRC, K_SERIAL, val);
	}
}

/* ---- bodies ------------------------------------------------------------------------------ */

static void body_examine(struct http *h, struct span ctype, struct span body, int cut)
{
	h->cut = cut;
	/* A UTF-8 byte order mark and leading blanks say nothing about the type. */
	struct span b = body;
	if (b.n >= 3 && b.p[0] == 0xEF && b.p[1] == 0xBB && b.p[2] == 0xBF) {
		b.p += 3;
		b.n -= 3;
	}
	struct span t = span_trim(b);
	if (!t.n)
		return;
	/* Content-Type first; without it, what the body starts with (a comment or blank lines
	 * may come before <html>). */
	struct span head = {t.p, t.n < 512 ? t.n : 512};
	int html = span_has_ci(ctype, "html") || span_starts_ci(t, "<!doctype html") ||
	           span_starts_ci(t, "<head") || span_starts_ci(t, "<title") ||
	           (!span_starts_ci(t, "<?xml") && span_has_ci(head, "<html"));
	int xml = !html && (span_has_ci(ctype, "xml") || t.p[0] == '<');
	if (html)
		body_html(h, b);
	else if (xml)
		body_xml(h, b);
	else if (!ctype.n || span_has_ci(ctype, "text/plain"))
		body_kv(h, t);
}

/* Chunked transfer coding (RFC 9112 §7.1): chunk-size [; ext] CRLF data CRLF ... 0 CRLF
 * trailers CRLF. Decodes into out (cap bytes) as far as the buffer goes. Returns 1 when the
 * last chunk and trailers were seen (the message ends there), 0 when the buffer ended first,
 * -1 on a malformed chunk size. */
static int dechunk(struct rd *r, uint8_t *out, size_t cap, size_t *outn)
{
	*outn = 0;
	struct span line;
	for (;;) {
		if (!text_next_line(r, &line))
			return 0;
		uint64_t size = 0;
		size_t i = 0, digits = 0;
		while (i < line.n && is_blank(line.p[i]))
			i++;
		for (; i < line.n; i++, digits++) {
			uint8_t c = line.p[i];
			unsigned v;
			if (c >= '0' && c <= '9')
				v = (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v = (unsigned)(c - 'A' + 10);
			else
				break;
			if (digits >= 15)
				return -1; /* no real chunk is 2^60 bytes */
			size = size * 16 + v;
		}
		while (i < line.n && is_blank(line.p[i]))
			i++;
		if (!digits || (i < line.n && line.p[i] != ';'))
			return -1;
		if (size == 0) {
			/* Trailer fields up to the empty line. */
			while (text_next_line(r, &line))
				if (!span_trim(line).n)
					return 1;
			return 0;
		}
		size_t left = rd_left(r);
		size_t take = size < left ? (size_t)size : left;
		const uint8_t *d = rd_bytes(r, take);
		if (!d)
			return 0;
		if (take > cap - *outn)
			return -1; /* cannot happen: out is as large as the input */
		memcpy(out + *outn, d, take);
		*outn += take;
		if (take < size)
			return 0;
		if (!text_next_line(r, &line))
			return 0;
		if (line.n)
			return -1; /* chunk data not followed by CRLF */
	}
}

/* Content-Length (RFC 9110 §8.6): digits only. Returns 0 and the value, -1 if invalid. */
static int parse_length(struct span v, uint64_t *out)
{
	v = span_trim(v);
	if (!v.n)
		return -1;
	uint64_t x = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return -1;
		if (x > (UINT64_MAX - 9) / 10)
			return -1;
		x = x * 10 + (uint64_t)(v.p[i] - '0');
	}
	*out = x;
	return 0;
}

/* ---- messages ---------------------------------------------------------------------------- */

/* Request line (RFC 9112 §3): method SP request-target SP HTTP-version. */
static int is_request_line(struct span l)
{
	size_t i = 0;
	while (i < l.n && text_tchar(l.p[i]))
		i++;
	if (i == 0 || i >= l.n || l.p[i] != ' ')
		return 0;
	static const char v[] = " HTTP/1.";
	size_t vl = sizeof(v) - 1;
	if (l.n < i + vl + 1)
		return 0;
	return memcmp(l.p + l.n - vl - 1, v, vl) == 0 && l.p[l.n - 1] >= '0' && l.p[l.n - 1] <= '9';
}

/* Status line (RFC 9112 §4): HTTP-version SP 3DIGIT SP [reason]. Returns the code or -1. */
static int status_code(struct span l)
{
	if (l.n < 12 || memcmp(l.p, "HTTP/1.", 7) != 0 || l.p[8] != ' ')
		return -1;
	int code = 0;
	for (size_t i = 9; i < 12; i++) {
		if (l.p[i] < '0' || l.p[i] > '9')
			return -1;
		code = code * 10 + (l.p[i] - '0');
	}
	if (l.n > 12 && l.p[12] != ' ')
		return -1;
	return code;
}

/* One message at r. Returns 1 to go on with the next, 0 at the end of what can be parsed,
 * -1 if the start is not HTTP, -2 if malformed. */
static int http_message(struct http *h, struct rd *r)
{
	size_t n_total = r->len;
	struct span line;
	/* Stray CRLFs between messages are allowed (RFC 9112 §2.2). */
	do {
		if (!text_next_line(r, &line)) {
			/* A start line cut by the buffer bound is still HTTP's. */
			size_t left = rd_left(r);
			struct rd peek = *r;
			const uint8_t *b = rd_bytes(&peek, left);
			return !left || (b && sniff_http(b, left)) ? 0 : -1;
		}
	} while (line.n == 0);

	int code = -1, request = is_request_line(line);
	if (!request) {
		code = status_code(line);
		if (code < 0)
			return -1;
	}
	const struct emit *em = h->em;
	const struct pkt *pk = h->pk;
	struct span ctype = {NULL, 0};
	uint64_t clen = 0;
	int have_len = 0, chunked = 0, encoded = 0, complete = 0, bad = 0;
	/* Header values are emitted once the header section has ended: a section cut by the buffer
	 * bound or never ending (a hostile or broken peer) is not a response to believe. */
	struct {
		enum key_id k;
		struct span v;
	} pend[32];
	size_t npend = 0;
#define PEND(key, val)                                                                             \
	do {                                                                                       \
		if (npend < sizeof(pend) / sizeof(*pend)) {                                        \
			pend[npend].k = (key);                                                     \
			pend[npend++].v = (val);                                                   \
		}                                                                                  \
	} while (0)
	for (int nh = 0; nh < HTTP_MAX_HEADERS; nh++) {
		if (!text_next_line(r, &line))
			break;
		if (!line.n) {
			complete = 1;
			break;
		}
		/* obs-fold continuation lines (RFC 9112 §5.2) are dropped. */
		if (is_blank(line.p[0]))
			continue;
		struct span name, val;
		if (!text_header(line, &name, &val))
			continue;
		if (request) {
			if (span_eq_ci(name, "Host"))
				PEND(K_HTTP_HOST, val);
			else if (span_eq_ci(name, "User-Agent"))
				PEND(K_HTTP_USER_AGENT, val);
		} else {
			if (span_eq_ci(name, "Server"))
				PEND(K_HTTP_SERVER, val);
			else if (span_eq_ci(name, "WWW-Authenticate"))
				PEND(K_HTTP_WWW_AUTHENTICATE, val);
			else if (span_eq_ci(name, "Set-Cookie"))
				PEND(K_HTTP_COOKIE, val);
		}
		if (span_eq_ci(name, "Content-Length") && !have_len) {
			if (parse_length(val, &clen) < 0)
				bad = 1;
			else
				have_len = 1;
		} else if (span_eq_ci(name, "Transfer-Encoding")) {
			/* Chunked must be the last coding (RFC 9112 §6.1); any other coding
			 * (gzip...) leaves the content unreadable here. */
			if (span_has_ci(val, "chunked"))
				chunked = 1;
			if (!span_eq_ci(val, "chunked"))
				encoded = 1;
		} else if (span_eq_ci(name, "Content-Encoding")) {
			if (!span_eq_ci(val, "identity"))
				encoded = 1;
		} else if (span_eq_ci(name, "Content-Type")) {
			ctype = val;
		}
	}
#undef PEND
	if (!complete)
		return 0; /* headers cut by the buffer bound (or endless): nothing to believe */
	for (size_t i = 0; i < npend; i++)
		text_emit(em, pk, SIDE_SRC, pend[i].k, pend[i].v);

	/* Which messages have a body (RFC 9112 §6.3): responses to HEAD are not known here. */
	int has_body =
	    request ? (chunked || have_len) : !(code / 100 == 1 || code == 204 || code == 304);
	if (!has_body)
		return 1;
	int examine = !request && !encoded;
	struct span body = {NULL, 0};
	int more = 1, cut = 0;
	uint8_t *dec = NULL;
	if (chunked) {
		size_t left = rd_left(r);
		dec = malloc(left ? left : 1);
		if (!dec)
			return 0;
		size_t dn = 0;
		int rc = dechunk(r, dec, left, &dn);
		body.p = dec;
		body.n = dn;
		more = rc == 1;
		cut = rc == 0;
		if (rc < 0)
			bad = 1;
	} else if (have_len) {
		size_t left = rd_left(r);
		size_t take = clen < left ? (size_t)clen : left;
		/* A response to HEAD carries a Content-Length but no body: if the "body" is
		 * the next status line, it is one. */
		struct rd peek = *r;
		const uint8_t *nb = rd_bytes(&peek, left);
		int head = nb && left >= 7 && memcmp(nb, "HTTP/1.", 7) == 0 && !request;
		if (head)
			take = 0;
		body.p = rd_bytes(r, take);
		body.n = body.p ? take : 0;
		more = head || take == clen;
		cut = !more;
	} else if (!request) {
		/* No length: the body runs to the end of the connection (RFC 9112 §6.3 item 8). */
		size_t left = rd_left(r);
		body.p = rd_bytes(r, left);
		body.n = body.p ? left : 0;
		more = 0;
		cut = n_total >= PROTO_STREAM_MAX; /* the capture kept no more */
	}
	/* A body cut by the buffer bound or a bad chunk is examined as far as it goes. */
	if (examine && body.n)
		body_examine(h, ctype, body, cut);
	free(dec);
	if (bad)
		return -2;
	return more;
}

int proto_http(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
               const struct emit *em)
{
	(void)from_client; /* the start line says request or response */
	proto_xml_init();
	struct http *h = calloc(1, sizeof(*h));
	if (!h)
		return PROTO_OK;
	h->pk = pk;
	h->em = em;
	buf_init(&h->title, HTTP_TITLE_MAX);
	struct rd r = rd_make(p, n);
	int ret = PROTO_OK;
	for (int i = 0; i < HTTP_MAX_MSGS; i++) {
		int rc = http_message(h, &r);
		if (rc == -1 && i == 0)
			ret = PROTO_NOT_MINE;
		else if (rc == -2)
			ret = PROTO_MALFORMED;
		if (rc <= 0)
			break;
	}
	buf_release(&h->title);
	free(h);
	return ret;
}

int sniff_http(const uint8_t *p, size_t n)
{
	static const char *const starts[] = {"GET ",     "POST ",   "HEAD ",  "PUT ",
	                                     "OPTIONS ", "DELETE ", "HTTP/1."};
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		size_t l = strlen(starts[i]);
		if (n >= l && memcmp(p, starts[i], l) == 0)
			return 1;
	}
	return 0;
}
