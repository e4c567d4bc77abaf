/* RTSP 1.0 (RFC 2326): HTTP-like messages on one direction of a connection.
 *   responses: Server, WWW-Authenticate (RFC 2326 §12.36, §12.44)  -> about the server (sender)
 *   requests:  path of the rtsp:// request URL (§3.2)               -> about the server (receiver)
 *              User-Agent (§12.41)                                 -> about the client (sender)
 * Interleaved binary data after PLAY ($, channel, 16-bit length, §10.12) is skipped. */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "proto/text.h"
#include "util/banned.h"

#define RTSP_MAX_MSGS    64
#define RTSP_MAX_HEADERS 64
#define RTSP_MAX_PATHS   16

/* The methods of RFC 2326 §10 (and GET_PARAMETER keep-alives): a request line starts with one,
 * then SP and an absolute rtsp:// URL (or * for OPTIONS). */
static const char *const methods[] = {"OPTIONS",  "DESCRIBE", "SETUP",         "PLAY",
                                      "PAUSE",    "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER",
                                      "ANNOUNCE", "RECORD",   "REDIRECT"};

static size_t method_len(struct span l)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		size_t ml = strlen(methods[i]);
		if (l.n > ml && memcmp(l.p, methods[i], ml) == 0 && l.p[ml] == ' ')
			return ml;
	}
	return 0;
}

static int starts_rtsp_url(const uint8_t *p, size_t n)
{
	return (n >= 7 && bs_strncaseeq((const char *)p, "rtsp://", 7)) ||
	       (n >= 8 && bs_strncaseeq((const char *)p, "rtsps://", 8));
}

/* RTSP-Version (§3.1): "RTSP/" 1*DIGIT "." 1*DIGIT; RTSP 2.0 (RFC 7826) has the same framing. */
static int is_version(struct span v)
{
	if (v.n != 8 || memcmp(v.p, "RTSP/", 5) != 0)
		return 0;
	return v.p[5] >= '0' && v.p[5] <= '9' && v.p[6] == '.' && v.p[7] >= '0' && v.p[7] <= '9';
}

struct rtsp {
	const struct pkt *pk;
	const struct emit *em;
	uint64_t paths[RTSP_MAX_PATHS];
	size_t npaths;
};

/* The path (with query) of an rtsp:// URL (RFC 2326 §3.2, RFC 3986 §3): the authority, which
 * may carry user:password@, ends at the first '/', '?' or '#'; it is never emitted. */
static void emit_path(struct rtsp *t, struct span url)
{
	size_t i = url.n >= 8 && url.p[4] == 's' ? 8 : 7;
	if (i > url.n)
		return;
	while (i < url.n && url.p[i] != '/' && url.p[i] != '?' && url.p[i] != '#')
		i++;
	struct span path = {url.p + i, url.n - i};
	if (!path.n || path.p[0] == '#')
		return;
	uint64_t hv = bs_hash(path.p, path.n);
	for (size_t j = 0; j < t->npaths; j++)
		if (t->paths[j] == hv)
			return;
	if (t->npaths < RTSP_MAX_PATHS)
		t->paths[t->npaths++] = hv;
	/* The path is served by the receiver of the request: the server. */
	t->em->obs(t->em->ctx, t->pk, SIDE_DST, K_RTSP_PATH, (const char *)path.p, path.n);
}

/* Returns 1 to go on, 0 at the end, -1 not RTSP, -2 malformed. */
static int rtsp_message(struct rtsp *t, struct rd *r)
{
	struct span line;
	/* Interleaved RTP/RTCP frames (§10.12) sit between messages once PLAY has started. */
	for (;;) {
		size_t left = rd_left(r);
		if (!left)
			return 0;
		struct rd peek = *r;
		if (rd_u8(&peek) != '$')
			break;
		(void)rd_u8(&peek);
		uint16_t len = rd_be16(&peek);
		if (peek.err)
			return 0;
		rd_skip(&peek, len);
		if (peek.err)
			return 0;
		*r = peek;
	}
	do {
		if (!text_next_line(r, &line)) {
			/* A start line cut by the buffer bound is still RTSP's. */
			size_t left = rd_left(r);
			struct rd peek = *r;
			const uint8_t *b = rd_bytes(&peek, left);
			return !left || (b && sniff_rtsp(b, left)) ? 0 : -1;
		}
	} while (line.n == 0);

	int request = 0;
	size_t sp = 0;
	while (sp < line.n && line.p[sp] != ' ')
		sp++;
	if (is_version((struct span){line.p, sp})) {
		request = 0;
	} else {
		size_t ml = method_len(line);
		if (!ml)
			return -1;
		/* Method SP Request-URI SP RTSP-Version (§6.1). */
		struct span rest = {line.p + ml + 1, line.n - ml - 1};
		size_t u = 0;
		while (u < rest.n && rest.p[u] != ' ')
			u++;
		struct span url = {rest.p, u};
		struct span ver = span_trim((struct span){rest.p + u, rest.n - u});
		if (!is_version(ver))
			return -1;
		if (starts_rtsp_url(url.p, url.n))
			emit_path(t, url);
		else if (!(url.n == 1 && url.p[0] == '*'))
			return -1;
		request = 1;
	}

	uint64_t clen = 0;
	int complete = 0, bad = 0;
	for (int nh = 0; nh < RTSP_MAX_HEADERS; nh++) {
		if (!text_next_line(r, &line))
			break;
		if (!line.n) {
			complete = 1;
			break;
		}
		struct span name, val;
		if (!text_header(line, &name, &val))
			continue;
		if (request) {
			if (span_eq_ci(name, "User-Agent"))
				text_emit(t->em, t->pk, SIDE_SRC, K_HTTP_USER_AGENT, val);
		} else {
			if (span_eq_ci(name, "Server"))
				text_emit(t->em, t->pk, SIDE_SRC, K_RTSP_SERVER, val);
			else if (span_eq_ci(name, "WWW-Authenticate"))
				text_emit(t->em, t->pk, SIDE_SRC, K_RTSP_WWW_AUTHENTICATE, val);
		}
		if (span_eq_ci(name, "Content-Length")) {
			char tmp[24];
			if (val.n == 0 || val.n >= sizeof(tmp)) {
				bad = 1;
				continue;
			}
			memcpy(tmp, val.p, val.n);
			tmp[val.n] = 0;
			if (bs_parse_u64(tmp, UINT64_MAX, &clen) < 0)
				bad = 1;
		}
	}
	if (!complete)
		return 0;
	if (bad)
		return -2;
	/* A body (SDP of DESCRIBE, §12.14) only with Content-Length; nothing in it is wanted. */
	size_t left = rd_left(r);
	if (clen > left)
		return 0;
	rd_skip(r, (size_t)clen);
	return 1;
}

int proto_rtsp(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
               const struct emit *em)
{
	(void)from_client; /* the start line says request or response */
	struct rtsp t = {.pk = pk, .em = em};
	struct rd r = rd_make(p, n);
	for (int i = 0; i < RTSP_MAX_MSGS; i++) {
		int rc = rtsp_message(&t, &r);
		if (rc == -1 && i == 0)
			return PROTO_NOT_MINE;
		if (rc == -2)
			return PROTO_MALFORMED;
		if (rc <= 0)
			break;
	}
	return PROTO_OK;
}

int sniff_rtsp(const uint8_t *p, size_t n)
{
	if (n >= 8 && is_version((struct span){p, 8}))
		return 1;
	struct span l = {p, n};
	size_t ml = method_len(l);
	return ml && starts_rtsp_url(p + ml + 1, n - ml - 1);
}
