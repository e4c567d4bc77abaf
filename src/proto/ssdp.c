/* SSDP (UPnP Device Architecture 2.0 §1, HTTP over UDP, port 1900). A device announces itself
 * with NOTIFY and answers an M-SEARCH with "HTTP/1.1 200 OK"; both carry its SERVER header
 * ("Linux/3.10 UPnP/1.0 Hikvision-Webs/..."), its OS, UPnP version and product. A control point
 * searches with M-SEARCH, whose optional USER-AGENT header (UDA 2.0 §1.3.2) names the client.
 *
 * Lines are copied into a local buffer one at a time (a line longer than it is cut); header
 * names compare case-insensitively (RFC 7230 §3.2), values are trimmed of blanks, and reading
 * stops at the blank line that ends the header, or after SSDP_MAX_LINES lines. */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

#define SSDP_LINE      1024
#define SSDP_MAX_LINES 64

enum kind { NOTIFY, SEARCH, RESPONSE };

/* The next line, without CR LF, into s (NUL-terminated, cut at SSDP_LINE - 1 bytes). Returns
 * its length, or -1 at the end of the datagram. */
static long next_line(struct rd *r, char *s)
{
	if (rd_left(r) == 0)
		return -1;
	size_t n = 0;
	while (rd_left(r) > 0) {
		uint8_t c = rd_u8(r);
		if (c == '\n')
			break;
		if (n < SSDP_LINE - 1)
			s[n++] = (char)c;
	}
	if (n > 0 && s[n - 1] == '\r')
		n--;
	s[n] = 0;
	return (long)n;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && bs_strncaseeq(s, prefix, k);
}

int proto_ssdp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	struct rd r = rd_make(p, n);
	char line[SSDP_LINE];
	long len = next_line(&r, line);
	if (len < 0)
		return PROTO_NOT_MINE;
	enum kind kind;
	/* Request lines (UDA 2.0 §1.2.2, §1.3.2): method, "*", HTTP/1.1; a response's status line.
	 */
	if (starts_with(line, (size_t)len, "NOTIFY * HTTP/1."))
		kind = NOTIFY;
	else if (starts_with(line, (size_t)len, "M-SEARCH * HTTP/1."))
		kind = SEARCH;
	else if (starts_with(line, (size_t)len, "HTTP/1.1 200") ||
	         starts_with(line, (size_t)len, "HTTP/1.0 200"))
		kind = RESPONSE;
	else
		return PROTO_NOT_MINE;
	const char *want = kind == SEARCH ? "USER-AGENT" : "SERVER";
	enum key_id key = kind == SEARCH ? K_HTTP_USER_AGENT : K_UPNP_SERVER;
	for (int i = 0; i < SSDP_MAX_LINES && (len = next_line(&r, line)) > 0; i++) {
		char *colon = memchr(line, ':', (size_t)len);
		if (!colon)
			continue;
		size_t nlen = (size_t)(colon - line);
		while (nlen > 0 && is_blank(line[nlen - 1]))
			nlen--;
		if (nlen != strlen(want) || !bs_strncaseeq(line, want, nlen))
			continue;
		char *v = colon + 1;
		char *end = line + len;
		while (v < end && is_blank(*v))
			v++;
		while (end > v && is_blank(end[-1]))
			end--;
		if (end > v && em->obs)
			em->obs(em->ctx, pk, SIDE_SRC, key, v, (size_t)(end - v));
		/* One such header is all a message has. */
		break;
	}
	return PROTO_OK;
}
