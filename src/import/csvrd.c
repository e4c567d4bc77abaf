/* CSV rows on libcsv (RFC 4180 in strict mode). libcsv tells neither lines nor offsets, so the
 * input is fed to it one line at a time: a row starts at the first line fed after the previous
 * row ended. Input in UTF-16LE (a BOM FF FE: wmic's redirected output, PowerShell's Out-File
 * and `Export-Csv -Encoding Unicode`) is decoded to UTF-8 on the way; offsets stay those of the
 * input's bytes. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvrd.h"
#include "util/banned.h"

#define BLOCK      65536
#define MAX_FIELDS 4096

/* ---- bytes in, UTF-8 lines out ---- */

struct src {
	FILE *f;
	const struct imp_sink *sink;
	struct imp_stats *st;
	unsigned char raw[BLOCK];
	size_t rn, rp;
	uint64_t pos; /* input offset of raw[rp] */
	int utf16, eof;
	unsigned long line;
};

static int byte(struct src *s)
{
	if (s->rp == s->rn) {
		if (s->eof)
			return -1;
		s->rn = fread(s->raw, 1, sizeof(s->raw), s->f);
		s->rp = 0;
		s->st->bytes += s->rn;
		if (s->rn == 0) {
			s->eof = 1;
			if (ferror(s->f))
				imp_bad(s->sink, s->st, s->line + 1, s->pos, "read error: %s",
				        strerror(errno ? errno : EIO));
			return -1;
		}
	}
	s->pos++;
	return s->raw[s->rp++];
}

static int unit16(struct src *s)
{
	int a = byte(s), b = a < 0 ? -1 : byte(s);
	return b < 0 ? -1 : a | b << 8;
}

/* The next character as UTF-8 into u (1..4 bytes); 0 at the end. A lone surrogate is
 * U+FFFD. */
static size_t next_char(struct src *s, char *u)
{
	if (!s->utf16) {
		int c = byte(s);
		u[0] = (char)c;
		return c < 0 ? 0 : 1;
	}
	int c = unit16(s);
	if (c < 0)
		return 0;
	unsigned long cp = (unsigned long)c;
	if (c >= 0xD800 && c < 0xDC00) {
		int lo = unit16(s);
		cp = lo >= 0xDC00 && lo < 0xE000 ? 0x10000 + (((unsigned long)c - 0xD800) << 10) +
		                                       ((unsigned long)lo - 0xDC00)
		                                 : 0xFFFD;
	} else if (c >= 0xDC00 && c < 0xE000) {
		cp = 0xFFFD;
	}
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One line with its '\n' into b; *too_long when it was cut at IMP_MAX_RECORD. Returns 0 at
 * the end of the input. */
static int next_line(struct src *s, struct buf *b, uint64_t *off, int *too_long)
{
	char u[4];
	size_t k;
	buf_reset(b);
	*off = s->pos;
	*too_long = 0;
	while ((k = next_char(s, u)) > 0) {
		if (b->len + k <= IMP_MAX_RECORD)
			buf_add(b, u, k);
		else
			*too_long = 1;
		if (u[0] == '\n')
			break;
	}
	if (!b->len && !*too_long)
		return 0;
	s->line++;
	return 1;
}

static void skip_bom(struct src *s)
{
	int a = byte(s);
	if (a < 0)
		return;
	if (a == 0xFF && s->rp < s->rn && s->raw[s->rp] == 0xFE) {
		byte(s);
		s->utf16 = 1;
	} else if (a == 0xEF && s->rn - s->rp >= 2 && !memcmp(s->raw + s->rp, "\xBB\xBF", 2)) {
		byte(s), byte(s);
	} else {
		s->rp--, s->pos--;
	}
}

/* ---- rows ---- */

struct rd {
	const struct csvrd_ops *ops;
	void *ctx;
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct buf fields; /* the row's fields, each NUL-terminated */
	size_t fo[MAX_FIELDS], fl[MAX_FIELDS], nf, hdr_n;
	int in_row, header_done, too_many, fatal;
	unsigned long row_line, cur_line;
	uint64_t row_off, cur_off;
};

static void start_row(struct rd *r)
{
	if (r->in_row)
		return;
	r->in_row = 1;
	r->row_line = r->cur_line;
	r->row_off = r->cur_off;
}

static void on_field(void *p, size_t n, void *ctx)
{
	struct rd *r = ctx;
	start_row(r);
	if (r->nf == MAX_FIELDS) {
		r->too_many = 1;
		return;
	}
	r->fo[r->nf] = r->fields.len;
	r->fl[r->nf] = n;
	if (buf_add(&r->fields, p ? p : "", p ? n : 0) < 0 || buf_addc(&r->fields, 0) < 0) {
		r->too_many = 1;
		return;
	}
	r->nf++;
}

static void end_row(struct rd *r)
{
	r->in_row = 0;
	r->nf = 0;
	r->too_many = 0;
	buf_reset(&r->fields);
}

static void on_row(int c, void *ctx)
{
	struct rd *r = ctx;
	(void)c;
	start_row(r);
	char *ptr[MAX_FIELDS];
	for (size_t i = 0; i < r->nf; i++)
		ptr[i] = r->fields.data + r->fo[i];
	struct csv_row row = {r->nf, ptr, r->fl, r->row_line, r->row_off};
	if (!r->header_done) {
		const char *why = "not a recognised header";
		if (r->too_many || r->ops->header(r->ctx, &row, &why) < 0) {
			imp_bad(r->sink, r->st, r->row_line, r->row_off, "%s", why);
			r->fatal = 1;
		}
		r->hdr_n = r->nf;
		r->header_done = 1;
	} else {
		r->st->records++;
		if (r->too_many)
			imp_bad(r->sink, r->st, r->row_line, r->row_off,
			        "row with more than %d fields", MAX_FIELDS);
		else if (r->nf != r->hdr_n)
			imp_bad(r->sink, r->st, r->row_line, r->row_off,
			        "row with %zu fields where the header has %zu", r->nf, r->hdr_n);
		else
			r->ops->row(r->ctx, &row);
	}
	end_row(r);
}

static int is_space(unsigned char c)
{
	return c == ' ';
}

/* The delimiter of a header line: the most frequent of , ; and tab outside quotes. */
static unsigned char delimiter(const char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0;
	int q = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q)
			comma += s[i] == ',', semi += s[i] == ';', tab += s[i] == '\t';
	}
	if (tab > comma && tab > semi)
		return '\t';
	return semi > comma ? ';' : ',';
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static void reset_parser(struct csv_parser *p, struct rd *r, unsigned char delim)
{
	csv_free(p);
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(p, is_space);
	csv_set_delim(p, delim);
	end_row(r);
}

/* A row that could not be parsed: reported, counted, the parser started anew. */
static void broken(struct csv_parser *p, struct rd *r, unsigned char delim, const char *why)
{
	imp_bad(r->sink, r->st, r->row_line, r->row_off, "%s", why);
	if (r->header_done)
		r->st->records++;
	else
		r->fatal = 1;
	reset_parser(p, r, delim);
}

int csvrd_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st,
               const struct csvrd_ops *ops, void *ctx)
{
	struct src *s = xcalloc(1, sizeof(*s));
	struct rd *r = xcalloc(1, sizeof(*r));
	s->f = f, s->sink = sink, s->st = st;
	r->ops = ops, r->ctx = ctx, r->sink = sink, r->st = st;
	buf_init(&r->fields, 2 * IMP_MAX_RECORD);
	struct buf line;
	buf_init(&line, 0);
	struct csv_parser p;
	unsigned char delim = ',';
	int too_long, rc = 0;
	size_t row_bytes = 0;
	csv_init(&p, 0);
	skip_bom(s);
	while (!r->fatal && next_line(s, &line, &r->cur_off, &too_long)) {
		r->cur_line = s->line;
		if (!r->in_row) {
			if (blank(line.data, line.len))
				continue;
			if (!r->header_done) {
				if (ops->preamble &&
				    !strncmp(line.data, ops->preamble, strlen(ops->preamble)))
					continue;
				delim = delimiter(line.data, line.len);
				reset_parser(&p, r, delim);
			}
			start_row(r);
			row_bytes = 0;
		}
		row_bytes += line.len;
		if (too_long || row_bytes > IMP_MAX_RECORD) {
			broken(&p, r, delim, "row longer than 16 MiB");
			continue;
		}
		if (csv_parse(&p, line.data, line.len, on_field, on_row, r) < line.len)
			broken(&p, r, delim, "malformed CSV (a stray or unclosed quote)");
	}
	if (!r->fatal && r->in_row && csv_fini(&p, on_field, on_row, r) != 0)
		broken(&p, r, delim, "malformed CSV (a quoted field never closed)");
	if (r->fatal)
		rc = -1;
	csv_free(&p);
	buf_release(&line);
	buf_release(&r->fields);
	free(r);
	free(s);
	return rc;
}

/* ---- detection ---- */

void csvrd_norm(const char *s, size_t n, char *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < CSV_NAME; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = c;
	}
	out[k] = 0;
}

size_t csvrd_head_names(const char *head, size_t n, const char *preamble, char (*names)[CSV_NAME],
                        size_t max)
{
	FILE *f = n ? fmemopen((void *)head, n, "rb") : NULL;
	if (!f)
		return 0;
	struct imp_stats st = {0};
	struct imp_sink sink = {0};
	struct src *s = xcalloc(1, sizeof(*s));
	s->f = f, s->sink = &sink, s->st = &st;
	struct buf line;
	buf_init(&line, 0);
	uint64_t off;
	int too_long;
	size_t count = 0;
	skip_bom(s);
	while (next_line(s, &line, &off, &too_long)) {
		if (blank(line.data, line.len) ||
		    (preamble && !strncmp(line.data, preamble, strlen(preamble))))
			continue;
		unsigned char d = delimiter(line.data, line.len);
		const char *p = line.data, *end = line.data + line.len;
		while (p < end && count < max) {
			const char *e = p;
			int q = 0;
			while (e < end &&
			       (q || ((unsigned char)*e != d && *e != '\r' && *e != '\n')))
				q ^= *e++ == '"';
			csvrd_norm(p, (size_t)(e - p), names[count++]);
			if (e == end || *e != d)
				break;
			p = e + 1;
		}
		break;
	}
	buf_release(&line);
	free(s);
	fclose(f);
	return count;
}
