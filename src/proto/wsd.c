/* WS-Discovery (UDP 3702): SOAP envelopes multicast to 239.255.255.250 (WS-Discovery 2005/04,
 * OASIS WS-Discovery 1.1). ONVIF devices (ONVIF Core Specification §7.3) answer a Probe with a
 * ProbeMatch and announce themselves with a Hello; both carry <Scopes>, a space-separated list of
 * URIs among which onvif://www.onvif.org/hardware/<model> and onvif://www.onvif.org/name/<name>.
 * Every scope of a device's message is reported, and hardware and name also as the model and
 * manufacturer they stand for. Probes (and any Scopes they carry) come from clients: nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "bansweep/xml.h"
#include "util/banned.h"

/* The Scopes text kept; a longer list is cut and its last, partial URI dropped. */
#define SCOPES_MAX 4096

struct wsd {
	const struct pkt *pk;
	const struct emit *em;
	size_t dev_depth; /* depth of the device message element (ProbeMatch...), when in_dev */
	int in_dev;
	int in_scopes;
	int root_closed;
	int envelope;
	size_t slen;
	int scut;
	char scopes[SCOPES_MAX];
	char dec[SCOPES_MAX]; /* one scope's value, percent-decoded */
};

/* The messages that describe the device sending them (WS-Discovery §4, §5, §6). */
static int device_message(const char *local)
{
	return strcmp(local, "ProbeMatch") == 0 || strcmp(local, "Hello") == 0 ||
	       strcmp(local, "ResolveMatch") == 0;
}

static int on_start(void *ctx, const struct xml_elem *e)
{
	struct wsd *w = ctx;
	if (e->depth == 0)
		w->envelope = strcmp(e->local, "Envelope") == 0;
	w->in_scopes = 0;
	if (w->envelope && !w->in_dev && device_message(e->local)) {
		w->in_dev = 1;
		w->dev_depth = e->depth;
	} else if (w->in_dev && strcmp(e->local, "Scopes") == 0) {
		w->in_scopes = 1;
		w->slen = 0;
		w->scut = 0;
	}
	return 0;
}

static void on_text(void *ctx, const char *s, size_t n)
{
	struct wsd *w = ctx;
	if (!w->in_scopes)
		return;
	size_t room = sizeof(w->scopes) - w->slen;
	if (n > room) {
		n = room;
		w->scut = 1;
	}
	memcpy(w->scopes + w->slen, s, n);
	w->slen += n;
}

/* The next byte without consuming it, or -1 at the end. */
static int peek(const struct rd *r)
{
	struct rd t = *r;
	uint8_t c = rd_u8(&t);
	return t.err ? -1 : c;
}

static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding (RFC 3986 §2.1) into out (at most cap bytes); malformed escapes are kept
 * as they are. Returns the length. */
static size_t pct_decode(const uint8_t *s, size_t n, char *out, size_t cap)
{
	struct rd r = rd_make(s, n);
	size_t o = 0;
	while (rd_left(&r) > 0 && o < cap) {
		uint8_t c = rd_u8(&r);
		if (c == '%') {
			struct rd t = r;
			int hi = hexval(rd_u8(&t));
			int lo = hexval(rd_u8(&t));
			if (!t.err && hi >= 0 && lo >= 0) {
				r = t;
				c = (uint8_t)(hi << 4 | lo);
			}
		}
		out[o++] = (char)c;
	}
	return o;
}

static int has_prefix_ci(const uint8_t *s, size_t n, const char *pre, size_t pn)
{
	return n >= pn && bs_strncaseeq((const char *)s, pre, pn);
}

static void put(struct wsd *w, enum key_id k, const char *v, size_t n)
{
	if (w->em->obs)
		w->em->obs(w->em->ctx, w->pk, SIDE_SRC, k, v, n);
}

static void one_scope(struct wsd *w, const uint8_t *s, size_t n)
{
	put(w, K_ONVIF_SCOPE, (const char *)s, n);
	static const char hw[] = "onvif://www.onvif.org/hardware/";
	static const char nm[] = "onvif://www.onvif.org/name/";
	enum key_id k;
	size_t skip;
	if (has_prefix_ci(s, n, hw, sizeof(hw) - 1)) {
		k = K_DEVICE_MODEL;
		skip = sizeof(hw) - 1;
	} else if (has_prefix_ci(s, n, nm, sizeof(nm) - 1)) {
		k = K_ONVIF_MANUFACTURER;
		skip = sizeof(nm) - 1;
	} else {
		return;
	}
	struct rd r = rd_make(s, n);
	rd_skip(&r, skip);
	size_t left = rd_left(&r);
	const uint8_t *v = rd_bytes(&r, left);
	size_t dn = pct_decode(v, left, w->dec, sizeof(w->dec));
	if (dn > 0)
		put(w, k, w->dec, dn);
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Scopes is a list of URIs separated by white space (xs:list, WS-Discovery §5.1). */
static void emit_scopes(struct wsd *w)
{
	struct rd r = rd_make(w->scopes, w->slen);
	while (rd_left(&r) > 0) {
		while (rd_left(&r) > 0 && is_space(peek(&r)))
			rd_skip(&r, 1);
		struct rd t = r;
		size_t len = 0;
		while (rd_left(&r) > 0 && !is_space(peek(&r))) {
			rd_skip(&r, 1);
			len++;
		}
		const uint8_t *uri = rd_bytes(&t, len);
		/* A URI that runs into the cut is incomplete. */
		if (uri && len > 0 && !(w->scut && rd_left(&r) == 0))
			one_scope(w, uri, len);
	}
}

static int on_end(void *ctx, const struct xml_elem *e, const char *text, size_t n)
{
	(void)text;
	(void)n;
	struct wsd *w = ctx;
	if (w->in_scopes && strcmp(e->local, "Scopes") == 0) {
		w->in_scopes = 0;
		emit_scopes(w);
	}
	w->in_scopes = 0;
	if (w->in_dev && e->depth == w->dev_depth)
		w->in_dev = 0;
	if (e->depth == 0)
		w->root_closed = 1;
	return 0;
}

int proto_wsd(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	if (!proto_xml_looks(p, n))
		return PROTO_NOT_MINE;
	/* Two scope buffers: on the heap rather than the caller's stack. */
	struct wsd *w = calloc(1, sizeof(*w));
	if (!w)
		return PROTO_NOT_MINE;
	w->pk = pk;
	w->em = em;
	struct xml_sax sax = {.start = on_start, .text = on_text, .end = on_end, .ctx = w};
	int ne = proto_xml_sax(p, n, &sax);
	int rc;
	/* Not even one element, or cut before the envelope closed: malformed. XML that is not a
	 * SOAP envelope (or no parser: out of memory) is not WS-Discovery. */
	if (ne < 0 || (ne > 0 && !w->envelope))
		rc = PROTO_NOT_MINE;
	else if (ne == 0 || !w->root_closed)
		rc = PROTO_MALFORMED;
	else
		rc = PROTO_OK;
	free(w);
	return rc;
}
