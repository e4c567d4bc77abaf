/* JSON Lines reader on yajl's streaming (SAX) parser: no tree is built, so a line costs one pass
 * over its bytes. Each line must hold exactly one JSON object; a bad line is reported with its
 * number and column and the parser is reset for the next line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "bansweep/buf.h"
#include "bansweep/jsonl.h"
#include "util/banned.h"

enum field { F_OTHER = -1, F_ASSET, F_KEY, F_VALUE, F_SOURCE, F_TIME, F_N };

struct state {
	int depth;        /* nesting of maps and arrays */
	int objects;      /* top-level values completed on this line */
	int toplevel_bad; /* a top-level value that is not an object */
	enum field cur;   /* the member whose value comes next (depth 1) */
	int bad_type;     /* a known member had the wrong type */
	enum field bad_field;
	int have[F_N];
	struct buf val[F_N];
};

static const char *const field_names[] = {"asset", "key", "value", "source", "time"};

static int set_field(struct state *s, const unsigned char *p, size_t n, int is_number)
{
	if (s->depth != 1 || s->cur == F_OTHER)
		return 1;
	if (is_number && (s->cur == F_KEY || s->cur == F_SOURCE || s->cur == F_TIME)) {
		s->bad_type = 1;
		s->bad_field = s->cur;
		return 1;
	}
	buf_reset(&s->val[s->cur]);
	if (buf_add(&s->val[s->cur], p, n) < 0)
		return 0;
	s->have[s->cur] = 1;
	return 1;
}

static void wrong_type(struct state *s)
{
	if (s->depth == 1 && s->cur != F_OTHER) {
		s->bad_type = 1;
		s->bad_field = s->cur;
	}
}

static int cb_null(void *ctx)
{
	struct state *s = ctx;
	if (s->depth == 0)
		s->toplevel_bad = 1;
	wrong_type(s);
	return 1;
}

static int cb_bool(void *ctx, int b)
{
	(void)b;
	return cb_null(ctx);
}

static int cb_number(void *ctx, const char *p, size_t n)
{
	struct state *s = ctx;
	if (s->depth == 0) {
		s->toplevel_bad = 1;
		return 1;
	}
	/* Integers only: a fraction or exponent is not an identifier. */
	for (size_t i = 0; i < n; i++)
		if (p[i] == '.' || p[i] == 'e' || p[i] == 'E') {
			wrong_type(s);
			return 1;
		}
	return set_field(s, (const unsigned char *)p, n, 1);
}

static int cb_string(void *ctx, const unsigned char *p, size_t n)
{
	struct state *s = ctx;
	if (s->depth == 0) {
		s->toplevel_bad = 1;
		return 1;
	}
	return set_field(s, p, n, 0);
}

static int cb_start_map(void *ctx)
{
	struct state *s = ctx;
	wrong_type(s);
	s->depth++;
	s->cur = F_OTHER;
	return 1;
}

static int cb_map_key(void *ctx, const unsigned char *p, size_t n)
{
	struct state *s = ctx;
	s->cur = F_OTHER;
	if (s->depth != 1 || n < 3 || n > 6)
		return 1;
	/* Called for every member of every line: pick the candidate by length and first byte. */
	static const signed char by_len[7] = {-1, -1, -1, F_KEY, F_TIME, F_ASSET, F_SOURCE};
	int i = by_len[n];
	if (n == 5 && p[0] == 'v')
		i = F_VALUE;
	if (i >= 0 && !memcmp(field_names[i], p, n))
		s->cur = (enum field)i;
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct state *s = ctx;
	if (--s->depth == 0)
		s->objects++;
	s->cur = F_OTHER;
	return 1;
}

static int cb_start_array(void *ctx)
{
	struct state *s = ctx;
	if (s->depth == 0)
		s->toplevel_bad = 1;
	wrong_type(s);
	s->depth++;
	return 1;
}

static int cb_end_array(void *ctx)
{
	struct state *s = ctx;
	if (--s->depth == 0)
		s->objects++;
	s->cur = F_OTHER;
	return 1;
}

static const yajl_callbacks callbacks = {
    cb_null,      cb_bool,    NULL,       NULL,           cb_number,    cb_string,
    cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array,
};

struct reader {
	yajl_handle h;
	struct state st;
};

static void reader_reset(struct reader *r)
{
	if (r->h)
		yajl_free(r->h);
	r->h = yajl_alloc(&callbacks, NULL, &r->st);
	if (!r->h)
		abort();
	/* A line is one object: several objects on a line are reported, not refused by yajl. */
	yajl_config(r->h, yajl_allow_multiple_values, 1);
}

static void line_start(struct state *s)
{
	s->depth = 0;
	s->objects = 0;
	s->toplevel_bad = 0;
	s->cur = F_OTHER;
	s->bad_type = 0;
	for (int i = 0; i < F_N; i++)
		s->have[i] = 0;
}

static int has_nul(const struct buf *b)
{
	return memchr(b->data, 0, b->len) != NULL;
}

/* Checks the object of a line and hands it on; returns 0, or -1 with msg filled. */
static int deliver(struct state *s, unsigned long line, jsonl_fn fn, void *ctx, char *msg, size_t n)
{
	if (s->bad_type) {
		const char *want = s->bad_field == F_ASSET || s->bad_field == F_VALUE
		                       ? "a string or an integer"
		                       : "a string";
		snprintf(msg, n, "\"%s\" must be %s", field_names[s->bad_field], want);
		return -1;
	}
	if (!s->have[F_ASSET] || s->val[F_ASSET].len == 0 || has_nul(&s->val[F_ASSET])) {
		snprintf(msg, n, "\"asset\" must be a non-empty string or an integer");
		return -1;
	}
	if (!s->have[F_KEY] || s->val[F_KEY].len == 0 || has_nul(&s->val[F_KEY])) {
		snprintf(msg, n, "\"key\" must be a non-empty string");
		return -1;
	}
	if (!s->have[F_VALUE]) {
		snprintf(msg, n, "\"value\" is missing");
		return -1;
	}
	struct jsonl_obs o;
	o.asset = s->val[F_ASSET].data;
	o.key = s->val[F_KEY].data;
	o.value = s->val[F_VALUE].data ? s->val[F_VALUE].data : "";
	o.vlen = s->val[F_VALUE].len;
	o.source = s->have[F_SOURCE] ? s->val[F_SOURCE].data : NULL;
	o.time = s->have[F_TIME] ? s->val[F_TIME].data : NULL;
	o.line = line;
	return fn(&o, ctx, msg, n);
}

static void one_line(struct reader *r, const char *line, size_t len, const char *name,
                     unsigned long lineno, jsonl_fn fn, void *ctx, jsonl_err_fn err, void *errctx,
                     struct jsonl_stats *st)
{
	char msg[320];
	struct state *s = &r->st;
	line_start(s);
	yajl_status ys = yajl_parse(r->h, (const unsigned char *)line, len);
	size_t col = yajl_get_bytes_consumed(r->h) + 1;
	if (ys == yajl_status_ok) {
		ys = yajl_complete_parse(r->h);
		col = len + 1; /* what is missing is missing at the end of the line */
	}
	if (ys != yajl_status_ok) {
		unsigned char *m = yajl_get_error(r->h, 0, (const unsigned char *)line, len);
		/* yajl's message ends in a newline and may hold several lines: keep the first. */
		char text[160];
		bs_strlcpy(text, m ? (const char *)m : "parse error", sizeof(text));
		text[strcspn(text, "\r\n")] = 0;
		snprintf(msg, sizeof(msg), "invalid JSON at column %zu: %s", col, text);
		if (m)
			yajl_free_error(r->h, m);
		reader_reset(r);
		goto bad;
	}
	if (s->toplevel_bad) {
		snprintf(msg, sizeof(msg), "not a JSON object");
		reader_reset(r);
		goto bad;
	}
	if (s->objects != 1) {
		snprintf(msg, sizeof(msg), "%s",
		         s->objects ? "more than one JSON value on the line"
		                    : "incomplete JSON object");
		reader_reset(r);
		goto bad;
	}
	if (deliver(s, lineno, fn, ctx, msg, sizeof(msg)) < 0)
		goto bad;
	st->ok++;
	return;
bad:
	st->bad++;
	if (err)
		err(name, lineno, msg, errctx);
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static void read_lines(struct reader *r, const char *buf, size_t len, const char *name, jsonl_fn fn,
                       void *ctx, jsonl_err_fn err, void *errctx, struct jsonl_stats *st)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		st->lines++;
		if (n > JSONL_MAX_LINE) {
			st->bad++;
			if (err)
				err(name, st->lines, "line longer than 1 MiB", errctx);
		} else if (!blank(buf + pos, n)) {
			one_line(r, buf + pos, n, name, st->lines, fn, ctx, err, errctx, st);
		}
		pos += n + (nl ? 1 : 0);
	}
}

static void reader_init(struct reader *r)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < F_N; i++)
		buf_init(&r->st.val[i], JSONL_MAX_LINE);
	reader_reset(r);
}

static void reader_release(struct reader *r)
{
	yajl_free(r->h);
	for (int i = 0; i < F_N; i++)
		buf_release(&r->st.val[i]);
}

void jsonl_read_buf(const char *buf, size_t len, const char *name, jsonl_fn fn, void *ctx,
                    jsonl_err_fn err, void *errctx, struct jsonl_stats *st)
{
	struct reader r;
	reader_init(&r);
	read_lines(&r, buf, len, name, fn, ctx, err, errctx, st);
	reader_release(&r);
}

int jsonl_read(FILE *f, const char *name, jsonl_fn fn, void *ctx, jsonl_err_fn err, void *errctx,
               struct jsonl_stats *st)
{
	/* Reads big blocks and hands whole lines on; a partial last line is carried over. */
	size_t cap = 4u << 20, have = 0;
	char *buf = xmalloc(cap);
	int skipping = 0; /* inside an over-long line: drop bytes up to its newline */
	struct reader r;
	reader_init(&r);
	int rc = 0;
	for (;;) {
		size_t got = fread(buf + have, 1, cap - have, f);
		int eof = got == 0;
		have += got;
		if (eof && ferror(f)) {
			if (err)
				err(name, st->lines + 1, strerror(errno), errctx);
			rc = -1;
			break;
		}
		char *last = have ? memrchr(buf, '\n', have) : NULL;
		size_t whole = last ? (size_t)(last - buf) + 1 : 0;
		if (eof)
			whole = have;
		size_t start = 0;
		if (skipping) {
			char *nl = memchr(buf, '\n', whole);
			if (!nl && !eof) {
				have = 0;
				continue;
			}
			start = nl ? (size_t)(nl - buf) + 1 : whole;
			skipping = 0;
		}
		read_lines(&r, buf + start, whole - start, name, fn, ctx, err, errctx, st);
		memmove(buf, buf + whole, have - whole);
		have -= whole;
		if (eof)
			break;
		if (have == cap) {
			/* One line fills the buffer: it is over-long; report and skip it. */
			st->lines++;
			st->bad++;
			if (err)
				err(name, st->lines, "line longer than 1 MiB", errctx);
			have = 0;
			skipping = 1;
		}
	}
	reader_release(&r);
	free(buf);
	return rc;
}
