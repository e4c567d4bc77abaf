#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "util/banned.h"

struct jw {
	yajl_gen g;
	FILE *out;
	struct buf fix; /* scratch for repaired strings */
};

struct jw *jw_new(FILE *out)
{
	struct jw *w = xcalloc(1, sizeof(*w));
	w->g = yajl_gen_alloc(NULL);
	if (!w->g)
		abort();
	w->out = out;
	buf_init(&w->fix, 0);
	return w;
}

void jw_free(struct jw *w)
{
	if (!w)
		return;
	yajl_gen_free(w->g);
	buf_release(&w->fix);
	free(w);
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
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
			hi = 0x9F;
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
		size_t l = utf8_seq(p + i, n - i);
		if (!l)
			return 0;
		i += l;
	}
	return 1;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
	if (!s) {
		yajl_gen_null(w->g);
		return;
	}
	if (!bs_utf8_valid(s, n)) {
		const unsigned char *p = (const unsigned char *)s;
		buf_reset(&w->fix);
		for (size_t i = 0; i < n;) {
			size_t l = utf8_seq(p + i, n - i);
			if (l) {
				buf_add(&w->fix, p + i, l);
				i += l;
			} else {
				buf_add(&w->fix, "\xEF\xBF\xBD", 3);
				i++;
			}
		}
		s = w->fix.data ? w->fix.data : "";
		n = w->fix.len;
	}
	yajl_gen_string(w->g, (const unsigned char *)s, n);
}

void jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, s ? strlen(s) : 0);
}

void jw_obj(struct jw *w)
{
	yajl_gen_map_open(w->g);
}

void jw_end(struct jw *w)
{
	yajl_gen_map_close(w->g);
}

void jw_arr(struct jw *w)
{
	yajl_gen_array_open(w->g);
}

void jw_aend(struct jw *w)
{
	yajl_gen_array_close(w->g);
}

void jw_key(struct jw *w, const char *k)
{
	yajl_gen_string(w->g, (const unsigned char *)k, strlen(k));
}

void jw_int(struct jw *w, long long v)
{
	yajl_gen_integer(w->g, v);
}

void jw_bool(struct jw *w, int v)
{
	yajl_gen_bool(w->g, v);
}

void jw_null(struct jw *w)
{
	yajl_gen_null(w->g);
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
	const unsigned char *p;
	size_t n;
	if (yajl_gen_get_buf(w->g, &p, &n) == yajl_gen_status_ok) {
		fwrite(p, 1, n, w->out);
		fputc('\n', w->out);
	}
	yajl_gen_clear(w->g);
	/* yajl_gen_clear empties the buffer but keeps the state of the finished value. */
	yajl_gen_reset(w->g, NULL);
}
