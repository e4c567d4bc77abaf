/* Whether an answer is whole, so that an exchange ends as soon as the peer has said everything
 * instead of waiting for the idle timeout: most devices keep the connection open after an HTTP,
 * RTSP or TLS answer. Each function looks at all the bytes read so far; they only decide when to
 * stop reading (the decoders still parse everything, strictly). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/rd.h"
#include "probe/complete.h"
#include "proto/text.h"
#include "util/banned.h"

int complete_line(const uint8_t *p, size_t n)
{
	return memchr(p, '\n', n) != NULL;
}

/* The headers' Content-Length (-1 when absent or not a number) and whether the body is chunked,
 * through the same line and header split as the decoders (proto/text.h). */
static void headers(const uint8_t *p, size_t n, long *length, int *chunked)
{
	struct rd r = rd_make(p, n);
	struct span line, name, val;
	*length = -1;
	*chunked = 0;
	(void)text_next_line(&r, &line); /* the status line */
	while (text_next_line(&r, &line) && line.n) {
		if (!text_header(line, &name, &val))
			continue;
		val = span_trim(val);
		if (span_eq_ci(name, "content-length")) {
			long v = 0;
			size_t d = 0;
			while (d < val.n && d < 10 && val.p[d] >= '0' && val.p[d] <= '9')
				v = v * 10 + (val.p[d++] - '0');
			*length = d && d == val.n ? v : -1;
		} else if (span_eq_ci(name, "transfer-encoding")) {
			*chunked = span_has_ci(val, "chunked");
		}
	}
}

int complete_http(const uint8_t *p, size_t n, int body_without_length)
{
	const uint8_t *end = memmem(p, n, "\r\n\r\n", 4);
	size_t hl = end ? (size_t)(end - p) + 4 : 0;
	if (!end) {
		end = memmem(p, n, "\n\n", 2);
		hl = end ? (size_t)(end - p) + 2 : 0;
	}
	if (!end)
		return 0;
	/* 1xx, 204 and 304 have no body. */
	const uint8_t *sp = memchr(p, ' ', hl);
	if (sp && (size_t)(sp - p) + 4 <= hl &&
	    (sp[1] == '1' || !memcmp(sp + 1, "204", 3) || !memcmp(sp + 1, "304", 3)))
		return 1;
	long cl;
	int chunked;
	headers(p, hl, &cl, &chunked);
	if (cl >= 0)
		return n - hl >= (size_t)cl;
	if (chunked)
		return memmem(p + hl, n - hl, "\r\n0\r\n\r\n", 7) != NULL ||
		       (n - hl >= 5 && !memcmp(p + hl, "0\r\n\r\n", 5));
	/* No length: HTTP reads to the close; an RTSP answer without one has no body. */
	return !body_without_length;
}

int complete_http_answer(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return complete_http(p, n, 1);
}

int complete_rtsp_answer(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return complete_http(p, n, 0);
}

int complete_line_answer(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return complete_line(p, n);
}

/* TLS (RFC 5246 §7.3): the server's first flight ends with ServerHelloDone (14); an alert or a
 * TLS 1.3 ChangeCipherSpec (after which everything is encrypted) ends it too. Handshake messages
 * may span records, so their bytes are followed across records. */
int complete_tls(const uint8_t *p, size_t n)
{
	size_t off = 0;
	size_t need = 0; /* bytes of the current handshake message still to skip */
	uint8_t hdr[4];
	size_t have = 0; /* bytes of the handshake header gathered */
	while (off + 5 <= n) {
		uint8_t type = p[off];
		size_t len = (size_t)p[off + 3] << 8 | p[off + 4];
		if (type == 21 || type == 20)
			return 1;
		if (type != 22)
			return 1; /* not a handshake: nothing more worth waiting for */
		const uint8_t *r = p + off + 5;
		size_t rl = off + 5 + len <= n ? len : n - off - 5;
		for (size_t i = 0; i < rl;) {
			if (need) {
				size_t take = rl - i < need ? rl - i : need;
				i += take;
				need -= take;
				continue;
			}
			hdr[have++] = r[i++];
			if (have == 4) {
				if (hdr[0] == 14)
					return 1;
				need = (size_t)hdr[1] << 16 | (size_t)hdr[2] << 8 | hdr[3];
				have = 0;
			}
		}
		if (rl < len)
			return 0;
		off += 5 + len;
	}
	return 0;
}

int complete_tls_answer(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return complete_tls(p, n);
}
