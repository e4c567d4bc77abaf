/* Greeting banners of line protocols: what a server (or an SSH client) says first.
 *   SSH (RFC 4253 §4.2): the identification line "SSH-protoversion-softwareversion [comments]",
 *       sent by both sides, possibly after other lines from the server -> ssh.banner
 *   Telnet (RFC 854): the server's first text with option negotiation removed -> telnet.banner
 *   FTP (RFC 959 §4.2): the 220 greeting, single or multi-line, without reply codes
 *       -> ftp.banner */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "proto/text.h"
#include "util/banned.h"

/* The identification line is at most 255 bytes with its CR LF (RFC 4253 §4.2); the server may
 * send other lines first, a few are looked at. */
#define SSH_LINE_MAX  255
#define SSH_MAX_LINES 16
/* Text kept from Telnet and FTP greetings: enough for a login banner and a prompt. */
#define BANNER_MAX    512
#define FTP_MAX_LINES 32

/* The next whole line (without CR LF) within the first max bytes; 0 when none. */
static int next_line(struct rd *r, size_t max, const uint8_t **line, size_t *len)
{
	struct span sp;
	if (!text_line_within(r, max, &sp))
		return 0;
	*line = sp.p;
	*len = sp.n;
	return 1;
}

/* ---- SSH ----------------------------------------------------------------------------------- */

int proto_ssh(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
              const struct emit *em)
{
	(void)from_client; /* both sides identify themselves */
	struct rd r = rd_make(p, n);
	const uint8_t *line;
	size_t len;
	for (int i = 0; i < SSH_MAX_LINES; i++) {
		if (!next_line(&r, SSH_LINE_MAX, &line, &len))
			return i == 0 && !sniff_ssh(p, n) ? PROTO_NOT_MINE : PROTO_OK;
		if (len >= 4 && memcmp(line, "SSH-", 4) == 0) {
			em->obs(em->ctx, pk, SIDE_SRC, K_SSH_BANNER, (const char *)line, len);
			return PROTO_OK;
		}
		/* Only the server may send lines before its identification. */
		if (from_client)
			return PROTO_NOT_MINE;
	}
	return PROTO_NOT_MINE;
}

int sniff_ssh(const uint8_t *p, size_t n)
{
	return n >= 4 && memcmp(p, "SSH-", 4) == 0;
}

/* ---- Telnet -------------------------------------------------------------------------------- */

enum {
	TN_SE = 240,
	TN_SB = 250,
	TN_WILL = 251,
	TN_DONT = 254,
	TN_IAC = 255,
	ESC = 27,
};

/* Appends a character of text, keeping lines tidy: trailing blanks trimmed, blank lines
 * dropped, so that the rules see "ZXHN H298A\nLogin:" however the device pads it. */
static void text_add(struct buf *b, char c)
{
	if (c == '\n') {
		while (b->len && b->data[b->len - 1] == ' ')
			b->data[--b->len] = 0;
		if (!b->len || b->data[b->len - 1] == '\n')
			return;
	} else if (c == ' ' && !b->len) {
		return; /* leading blanks of the banner; those of later lines are kept */
	}
	(void)buf_addc(b, c);
}

static void text_finish(struct buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n'))
		b->data[--b->len] = 0;
}

int proto_telnet(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
                 const struct emit *em)
{
	if (from_client)
		return PROTO_OK; /* the client's option answers and typing say nothing */
	struct buf b;
	buf_init(&b, BANNER_MAX + 1);
	struct rd r = rd_make(p, n);
	int cr = 0, text = 0;
	while (rd_left(&r) && b.len < BANNER_MAX) {
		uint8_t c = rd_u8(&r);
		if (c == TN_IAC) {
			/* Commands (RFC 854): IAC IAC is a data 255 (not text here), IAC
			 * WILL/WONT/DO/DONT take an option byte (RFC 855), IAC SB runs to IAC SE,
			 * the others are two bytes. */
			uint8_t cmd = rd_u8(&r);
			if (cmd >= TN_WILL && cmd <= TN_DONT) {
				(void)rd_u8(&r);
			} else if (cmd == TN_SB) {
				while (rd_left(&r)) {
					if (rd_u8(&r) == TN_IAC) {
						uint8_t x = rd_u8(&r);
						if (x == TN_SE)
							break;
					}
				}
			}
			continue;
		}
		if (c == ESC) {
			/* ANSI escape sequences (ECMA-48 CSI: ESC [ params final 0x40-0x7E)
			 * colour many banners; drop them. */
			struct rd peek = r;
			if (rd_u8(&peek) == '[' && !peek.err) {
				r = peek;
				while (rd_left(&r)) {
					uint8_t f = rd_u8(&r);
					if (f >= 0x40 && f <= 0x7E)
						break;
				}
			}
			continue;
		}
		/* CR LF and CR NUL are a new line (RFC 854 "The NVT printer"); so are bare CR
		 * and bare LF that devices send. */
		if (c == '\r') {
			text_add(&b, '\n');
			cr = 1;
			continue;
		}
		if (c == '\n' || c == 0) {
			if (!cr && c == '\n')
				text_add(&b, '\n');
			cr = 0;
			continue;
		}
		cr = 0;
		if (c == '\t')
			c = ' ';
		/* Printable ASCII; bytes above 0x7F (UTF-8 or a legacy code page) are kept as
		 * sent; other control characters (BEL, BS...) are dropped. */
		if ((c >= 0x20 && c < 0x7F) || c >= 0x80) {
			text_add(&b, (char)c);
			text = 1;
		}
	}
	text_finish(&b);
	if (text && b.len)
		em->obs(em->ctx, pk, SIDE_SRC, K_TELNET_BANNER, b.data, b.len);
	buf_release(&b);
	return PROTO_OK;
}

int sniff_telnet(const uint8_t *p, size_t n)
{
	/* Servers open with option negotiation (IAC DO/WILL ..., RFC 855); plain text is only
	 * believed on the Telnet ports (protos.def). */
	return n >= 3 && p[0] == TN_IAC && p[1] >= TN_SB && p[1] <= TN_DONT;
}

/* ---- FTP ----------------------------------------------------------------------------------- */

int proto_ftp(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
              const struct emit *em)
{
	if (from_client)
		return PROTO_OK;
	if (!sniff_ftp(p, n))
		return PROTO_NOT_MINE;
	struct buf b;
	buf_init(&b, BANNER_MAX + 1);
	struct rd r = rd_make(p, n);
	const uint8_t *line;
	size_t len;
	int multi = -1;
	/* RFC 959 §4.2: "220-text" opens a multi-line reply that ends with "220 text"; the lines
	 * between may carry the code or not. */
	for (int i = 0; i < FTP_MAX_LINES && b.len < BANNER_MAX; i++) {
		if (!next_line(&r, rd_left(&r), &line, &len))
			break;
		int coded =
		    len >= 4 && memcmp(line, "220", 3) == 0 && (line[3] == ' ' || line[3] == '-');
		int last = multi < 0 ? !(coded && line[3] == '-') : coded && line[3] == ' ';
		if (multi < 0)
			multi = !last;
		/* A bare "220" ends the reply too. */
		if (len == 3 && memcmp(line, "220", 3) == 0)
			last = 1;
		size_t skip = coded ? 4 : (len == 3 && memcmp(line, "220", 3) == 0 ? 3 : 0);
		if (b.len)
			text_add(&b, '\n');
		for (size_t k = skip; k < len; k++) {
			uint8_t c = line[k];
			if (c == '\t')
				c = ' ';
			if (c >= 0x20 && c != 0x7F)
				text_add(&b, (char)c);
		}
		if (last)
			break;
	}
	text_finish(&b);
	if (b.len)
		em->obs(em->ctx, pk, SIDE_SRC, K_FTP_BANNER, b.data, b.len);
	buf_release(&b);
	return PROTO_OK;
}

int sniff_ftp(const uint8_t *p, size_t n)
{
	return n >= 4 && memcmp(p, "220", 3) == 0 && (p[3] == ' ' || p[3] == '-');
}
