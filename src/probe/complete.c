/* Whether an answer is whole, so that an exchange ends as soon as the peer has said everything
 * instead of waiting for the idle timeout: most devices keep the connection open after an HTTP,
 * RTSP or TLS answer. Each function looks at all the bytes read so far; they only decide when to
 * stop reading (the decoders still parse everything, strictly). */
#include <stdlib.h>
#include <string.h>

#include "probe/complete.h"
#include "util/banned.h"

int complete_line(const uint8_t *p, size_t n)
{
	return memchr(p, '\n', n) != NULL;
}

static const uint8_t *find(const uint8_t *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = 0; i + l <= n; i++)
		if (p[i] == (uint8_t)lit[0] && !memcmp(p + i, lit, l))
			return p + i;
	return NULL;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The value of the first header `name` (lower case) in the header block: its offset and length,
 * or 0 when absent. */
static int header_value(const uint8_t *p, size_t n, const char *name, size_t *off, size_t *len)
{
	size_t l = strlen(name);
	for (size_t i = 0; i + l + 1 < n; i++) {
		if (p[i] != '\n')
			continue;
		size_t k = 0;
		while (k < l && lower(p[i + 1 + k]) == name[k])
			k++;
		if (k < l || p[i + 1 + l] != ':')
			continue;
		size_t j = i + 2 + l, e = j;
		while (e < n && p[e] != '\n')
			e++;
		*off = j;
		*len = e - j;
		return 1;
	}
	return 0;
}

/* A header's value as a number; -1 when absent or not a number. */
static long header_num(const uint8_t *p, size_t n, const char *name)
{
	size_t j, len;
	if (!header_value(p, n, name, &j, &len))
		return -1;
	size_t e = j + len;
	while (j < e && (p[j] == ' ' || p[j] == '\t'))
		j++;
	long v = 0;
	size_t d = 0;
	while (j < e && p[j] >= '0' && p[j] <= '9' && d < 10) {
		v = v * 10 + (p[j++] - '0');
		d++;
	}
	return d ? v : -1;
}

/* Whether a header's value holds val (lower case), case-insensitively. */
static int header_has(const uint8_t *p, size_t n, const char *name, const char *val)
{
	size_t j, len, vl = strlen(val);
	if (!header_value(p, n, name, &j, &len))
		return 0;
	for (size_t i = j; i + vl <= j + len; i++) {
		size_t m = 0;
		while (m < vl && lower(p[i + m]) == val[m])
			m++;
		if (m == vl)
			return 1;
	}
	return 0;
}

int complete_http(const uint8_t *p, size_t n, int body_without_length)
{
	const uint8_t *end = find(p, n, "\r\n\r\n");
	size_t hl = end ? (size_t)(end - p) + 4 : 0;
	if (!end) {
		end = find(p, n, "\n\n");
		hl = end ? (size_t)(end - p) + 2 : 0;
	}
	if (!end)
		return 0;
	/* 1xx, 204 and 304 have no body. */
	const uint8_t *sp = memchr(p, ' ', hl);
	if (sp && (size_t)(sp - p) + 4 <= hl &&
	    (sp[1] == '1' || !memcmp(sp + 1, "204", 3) || !memcmp(sp + 1, "304", 3)))
		return 1;
	long cl = header_num(p, hl, "content-length");
	if (cl >= 0)
		return n - hl >= (size_t)cl;
	if (header_has(p, hl, "transfer-encoding", "chunked"))
		return find(p + hl, n - hl, "\r\n0\r\n\r\n") != NULL ||
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
