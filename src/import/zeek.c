/* Zeek logs (https://docs.zeek.org/en/master/logs/index.html), in either of Zeek's writers:
 * ASCII (TSV: a header of #separator, #set_separator, #empty_field, #unset_field, #path,
 * #fields and #types lines, rows, #close; several logs may follow each other in one file) and
 * JSON (LogAscii::use_json: one object a line, names as "id.orig_h"). A line starting with '{'
 * is JSON, one starting with '#' a header line, any other a row of the last header. The ASCII
 * writer escapes non-printable bytes and separators inside values as \xHH: undone here. */
#include <stdlib.h>
#include <string.h>

#include "zeek.h"
#include "util/banned.h"

#define MAXSEP 16

struct hdr {
	char sep[MAXSEP], setsep[MAXSEP], empty[64], unset[64], path[64];
	size_t seplen, setseplen;
	struct buf names; /* the #fields names, NUL after each */
	size_t nfields;
	const char **field;
	unsigned char *isset; /* set[...] or vector[...] per #types */
	unsigned long line;   /* of #fields */
};

struct zeek {
	struct imp_lines lines;
	struct hdr h;
	struct nl_json json;
	struct nl_rec rec;
	struct zeek_map map;
	const struct imp_sink *sink;
	struct imp_stats *st;
};

/* \xHH -> the byte, in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' && bs_hexdigit(s[i + 2]) >= 0 &&
		    bs_hexdigit(s[i + 3]) >= 0) {
			s[o++] = (char)(bs_hexdigit(s[i + 2]) * 16 + bs_hexdigit(s[i + 3]));
			i += 3;
		} else
			s[o++] = s[i];
	}
	s[o] = 0;
	return o;
}

/* The next piece of s[0..n) up to sep (cut with a NUL); *rest past it, NULL after the last. */
static char *next_piece(char *s, size_t n, const char *sep, size_t seplen, char **rest, size_t *len)
{
	for (size_t i = 0; seplen && i + seplen <= n; i++)
		if (!memcmp(s + i, sep, seplen)) {
			s[i] = 0;
			*len = i;
			*rest = s + i + seplen;
			return s;
		}
	*len = n;
	*rest = NULL;
	return s;
}

static void set_str(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = 0;
}

static void reset_fields(struct hdr *h)
{
	buf_reset(&h->names);
	h->nfields = 0;
}

static void new_log(struct hdr *h)
{
	reset_fields(h);
	memcpy(h->sep, "\t", 2);
	h->seplen = 1;
	memcpy(h->setsep, ",", 2);
	h->setseplen = 1;
	memcpy(h->empty, "(empty)", 8);
	memcpy(h->unset, "-", 2);
	h->path[0] = 0;
}

static void fields(struct zeek *z, char *p, size_t n)
{
	struct hdr *h = &z->h;
	reset_fields(h);
	for (char *rest = p; rest;) {
		size_t len;
		char *f = next_piece(rest, n - (size_t)(rest - p), h->sep, h->seplen, &rest, &len);
		len = unescape(f, len);
		if (buf_add(&h->names, f, len + 1) < 0)
			break;
		h->nfields++;
	}
	h->field = xrealloc(h->field, h->nfields * sizeof(*h->field));
	h->isset = xrealloc(h->isset, h->nfields);
	const char *s = h->names.data;
	for (size_t i = 0; i < h->nfields; i++, s += strlen(s) + 1) {
		h->field[i] = s;
		h->isset[i] = 0;
		if (!*s) {
			imp_bad(z->sink, z->st, z->lines.line, z->lines.off,
			        "#fields names an empty field (field %zu)", i + 1);
			reset_fields(h);
			return;
		}
	}
	h->line = z->lines.line;
}

static void types(struct zeek *z, char *p, size_t n)
{
	struct hdr *h = &z->h;
	size_t i = 0;
	for (char *rest = p; rest; i++) {
		size_t len;
		char *t = next_piece(rest, n - (size_t)(rest - p), h->sep, h->seplen, &rest, &len);
		if (i < h->nfields)
			h->isset[i] = !strncmp(t, "set[", 4) || !strncmp(t, "vector[", 7);
	}
	if (i != h->nfields) {
		imp_bad(z->sink, z->st, z->lines.line, z->lines.off,
		        "#types names %zu types for %zu fields", i, h->nfields);
		reset_fields(h);
	}
}

/* A header line: #separator is written with a space before its (escaped) value, the others
 * with the separator. */
static void directive(struct zeek *z, char *p, size_t n)
{
	struct hdr *h = &z->h;
	if (n > 11 && !strncmp(p, "#separator ", 11)) {
		size_t len = unescape(p + 11, n - 11);
		new_log(h);
		if (len == 0 || len >= MAXSEP) {
			imp_bad(z->sink, z->st, z->lines.line, z->lines.off,
			        "#separator of %zu bytes", len);
			return;
		}
		set_str(h->sep, MAXSEP, p + 11, len);
		h->seplen = len;
		return;
	}
	char *rest;
	size_t len;
	char *name = next_piece(p, n, h->sep, h->seplen, &rest, &len);
	size_t vn = rest ? n - (size_t)(rest - p) : 0;
	if (!strcmp(name, "#fields"))
		fields(z, rest ? rest : name + len, vn);
	else if (!strcmp(name, "#types"))
		types(z, rest ? rest : name + len, vn);
	else if (!strcmp(name, "#close"))
		reset_fields(h);
	else if (!rest)
		return; /* #open with no value, a comment: nothing to keep */
	else if (!strcmp(name, "#path"))
		set_str(h->path, sizeof(h->path), rest, unescape(rest, vn));
	else if (!strcmp(name, "#set_separator"))
		set_str(h->setsep, MAXSEP, rest, h->setseplen = unescape(rest, vn));
	else if (!strcmp(name, "#empty_field"))
		set_str(h->empty, sizeof(h->empty), rest, unescape(rest, vn));
	else if (!strcmp(name, "#unset_field"))
		set_str(h->unset, sizeof(h->unset), rest, unescape(rest, vn));
	if (h->setseplen >= MAXSEP)
		h->setseplen = MAXSEP - 1;
}

static void row(struct zeek *z, char *p, size_t n)
{
	struct hdr *h = &z->h;
	nl_rec_clear(&z->rec);
	if (!h->nfields) {
		imp_bad(z->sink, z->st, z->lines.line, z->lines.off,
		        "a row without a #fields header before it");
		return;
	}
	size_t i = 0;
	char *rest = p;
	for (; rest && i < h->nfields; i++) {
		size_t len;
		char *v = next_piece(rest, n - (size_t)(rest - p), h->sep, h->seplen, &rest, &len);
		if (!strcmp(v, h->unset) || !strcmp(v, h->empty))
			continue;
		if (!h->isset[i]) {
			nl_rec_add(&z->rec, h->field[i], v, unescape(v, len));
			continue;
		}
		for (char *e = v; e;) {
			size_t el;
			char *x =
			    next_piece(e, len - (size_t)(e - v), h->setsep, h->setseplen, &e, &el);
			nl_rec_add(&z->rec, h->field[i], x, unescape(x, el));
		}
	}
	if (rest || i != h->nfields) {
		size_t got = i;
		while (rest) {
			size_t len;
			next_piece(rest, n - (size_t)(rest - p), h->sep, h->seplen, &rest, &len);
			got++;
		}
		imp_bad(z->sink, z->st, z->lines.line, z->lines.off,
		        "%zu fields, the #fields header of line %lu names %zu", got, h->line,
		        h->nfields);
		return;
	}
	z->rec.path = h->path[0] ? h->path : NULL;
	zeek_map_rec(&z->map, &z->rec);
}

static void json(struct zeek *z, const char *p, size_t n)
{
	char err[200];
	if (nl_json_line(&z->json, &z->rec, p, n, err, sizeof(err)) < 0) {
		imp_bad(z->sink, z->st, z->lines.line, z->lines.off, "%s", err);
		return;
	}
	zeek_map_rec(&z->map, &z->rec);
}

static int zeek_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct zeek z;
	memset(&z, 0, sizeof(z));
	z.sink = sink;
	z.st = st;
	imp_lines_init(&z.lines, f, sink, st);
	buf_init(&z.h.names, IMP_MAX_RECORD + 1);
	new_log(&z.h);
	nl_json_init(&z.json);
	zeek_map_init(&z.map, sink, st);
	char *p;
	size_t n;
	int rc;
	while ((rc = imp_lines_next(&z.lines, &p, &n)) > 0) {
		if (n == 0)
			continue;
		if (p[0] == '#') {
			uint64_t bad = st->bad;
			directive(&z, p, n);
			st->records += st->bad - bad; /* a broken header line counts as a record */
			continue;
		}
		st->records++;
		if (p[0] == '{' || p[0] == '[')
			json(&z, p, n);
		else
			row(&z, p, n);
		sink->record_end(sink->ctx);
	}
	zeek_map_release(&z.map);
	nl_json_release(&z.json);
	nl_rec_release(&z.rec);
	buf_release(&z.h.names);
	free(z.h.field);
	free(z.h.isset);
	imp_lines_release(&z.lines);
	return rc < 0 ? -1 : 0;
}

/* The ASCII header, or JSON objects with Zeek's member names; Suricata's eve.json (event_type)
 * is not Zeek's. */
static int zeek_detect(const char *head, size_t n)
{
	char c = imp_first(head, n);
	if (c == '#')
		return imp_has(head, n, "#separator") && imp_has(head, n, "#fields") ? 95 : 0;
	if (c != '{' || imp_has(head, n, "\"event_type\""))
		return 0;
	if (imp_has(head, n, "\"id.orig_h\"") && imp_has(head, n, "\"uid\""))
		return 90;
	if (imp_has(head, n, "\"_path\"") && imp_has(head, n, "\"ts\""))
		return 90;
	if (imp_has(head, n, "\"certificate.subject\"") || imp_has(head, n, "\"software_type\"") ||
	    (imp_has(head, n, "\"uids\"") && imp_has(head, n, "\"msg_types\"")))
		return 80;
	return 0;
}

const struct importer imp_zeek = {
    .name = "zeek",
    .summary = "Zeek logs, TSV or JSON (conn, dns, ssl, x509, http, ssh, dhcp, software, ...)",
    .detect = zeek_detect,
    .read = zeek_read,
    .whole_records = 0,
    .line_records = 0,
};
