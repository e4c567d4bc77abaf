/* JSON Lines writer. Strings are escaped as RFC 8259 requires (quote, backslash, control
 * characters) and copied in runs otherwise; bytes that are not valid UTF-8 become U+FFFD. A line is
 * built in memory and written with one call. Writing is not parsing: the reader side uses yajl. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "util/banned.h"

#define JW_DEPTH 32

struct jw {
	FILE *out;
	struct buf b;
	int depth;
	unsigned char first[JW_DEPTH]; /* no member/element written yet at this depth */
	int after_key;
};

struct jw *jw_new(FILE *out)
{
	struct jw *w = xcalloc(1, sizeof(*w));
	w->out = out;
	buf_init(&w->b, 0);
	w->first[0] = 1;
	return w;
}

void jw_free(struct jw *w)
{
	if (!w)
		return;
	buf_release(&w->b);
	free(w);
}

size_t bs_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (len > n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

int bs_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t l = bs_utf8_seq(p + i, n - i);
		if (!l)
			return 0;
		i += l;
	}
	return 1;
}

int bs_utf8_fix(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t l = bs_utf8_seq(p + i, n - i);
		if (buf_add(b, l ? p + i : (const unsigned char *)"\xEF\xBF\xBD", l ? l : 3) < 0)
			return -1;
		i += l ? l : 1;
	}
	return 0;
}

/* Comma or nothing before a value or a key, by position. */
static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (!w->first[w->depth])
		buf_addc(&w->b, ',');
	w->first[w->depth] = 0;
}

/* Bytes that can be copied as they are: printable ASCII but the quote and the backslash. A
 * table, not comparisons: findings are written by the million (JSON Lines, ECS). */
static const unsigned char plain_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static inline int plain(unsigned char c)
{
	return plain_tab[c];
}

static void put_string(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	buf_addc(&w->b, '"');
	size_t run = 0; /* start of the pending run of bytes that need no escape */
	for (size_t i = 0; i < n;) {
		while (i < n && plain(p[i]))
			i++;
		if (i == n)
			break;
		unsigned char c = p[i];
		size_t l = c >= 0x80 ? bs_utf8_seq(p + i, n - i) : 0;
		if (l) {
			i += l;
			continue;
		}
		buf_add(&w->b, p + run, i - run);
		if (c >= 0x80) {
			buf_add(&w->b, "\xEF\xBF\xBD", 3);
		} else if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			buf_add(&w->b, e, 2);
		} else if (c == '\n') {
			buf_add(&w->b, "\\n", 2);
		} else if (c == '\r') {
			buf_add(&w->b, "\\r", 2);
		} else if (c == '\t') {
			buf_add(&w->b, "\\t", 2);
		} else {
			/* other control characters and DEL */
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_add(&w->b, e, 6);
		}
		i++;
		run = i;
	}
	buf_add(&w->b, p + run, n - run);
	buf_addc(&w->b, '"');
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	if (!s) {
		jw_null(w);
		return;
	}
	sep(w);
	put_string(w, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, s ? strlen(s) : 0);
}

static void open_nest(struct jw *w, char c)
{
	sep(w);
	buf_addc(&w->b, c);
	if (w->depth < JW_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = 1;
}

static void close_nest(struct jw *w, char c)
{
	buf_addc(&w->b, c);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj(struct jw *w)
{
	open_nest(w, '{');
}

void jw_end(struct jw *w)
{
	close_nest(w, '}');
}

void jw_arr(struct jw *w)
{
	open_nest(w, '[');
}

void jw_aend(struct jw *w)
{
	close_nest(w, ']');
}

void jw_key(struct jw *w, const char *k)
{
	sep(w);
	put_string(w, k, strlen(k));
	buf_addc(&w->b, ':');
	w->after_key = 1;
}

void jw_int(struct jw *w, long long v)
{
	sep(w);
	char tmp[24];
	int i = (int)sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	buf_add(&w->b, tmp + i, sizeof(tmp) - (size_t)i);
}

void jw_bool(struct jw *w, int v)
{
	sep(w);
	buf_adds(&w->b, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	sep(w);
	buf_adds(&w->b, "null");
}

void jw_kstr(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str(w, s);
}

void jw_kint(struct jw *w, const char *k, long long v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void jw_kbool(struct jw *w, const char *k, int v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

void jw_line(struct jw *w)
{
	buf_addc(&w->b, '\n');
	fwrite(w->b.data, 1, w->b.len, w->out);
	buf_reset(&w->b);
	w->depth = 0;
	w->first[0] = 1;
	w->after_key = 0;
}
