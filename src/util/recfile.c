#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/recfile.h"
#include "util/banned.h"

int rec_error(struct bs_err *e, const struct rec *r, unsigned line, const char *fmt, ...)
{
	if (!e)
		return -1;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return bs_fail(e, "%s:%u: %s", r->file, line ? line : r->line, msg);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Splits "word rest" at the first run of blanks; returns rest (maybe ""), NUL-ends word. */
static char *split_word(char *s)
{
	while (*s && !is_blank(*s))
		s++;
	if (!*s)
		return s;
	*s++ = 0;
	while (is_blank(*s))
		s++;
	return s;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return 0;
	}
	return 1;
}

struct state {
	const char *file;
	struct rec r;
	struct rec_field f[REC_MAX_FIELDS];
	int open;
};

static int flush(struct state *st, rec_fn fn, void *ctx, struct bs_err *e)
{
	if (!st->open)
		return 0;
	st->open = 0;
	st->r.f = st->f;
	return fn(&st->r, ctx, e);
}

int rec_parse(const char *file, char *text, size_t len, rec_fn fn, void *ctx, struct bs_err *e)
{
	struct state *st = xcalloc(1, sizeof(*st));
	st->file = file;
	int rc = 0;
	unsigned lineno = 0;
	size_t pos = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* UTF-8 byte order mark */
	while (pos < len && rc == 0) {
		char *line = text + pos;
		char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + (nl ? 1 : 0);
		lineno++;
		line[n] = 0; /* replaces '\n' or writes at len: callers give len+1 bytes */
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = 0;
		if (n > REC_MAX_LINE) {
			rc = bs_fail(e, "%s:%u: line longer than %d bytes", file, lineno,
			             REC_MAX_LINE);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)line[i];
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				rc = bs_fail(e, "%s:%u: control byte 0x%02x at column %zu", file,
				             lineno, c, i + 1);
				break;
			}
		}
		if (rc)
			break;
		char *s = line;
		while (is_blank(*s))
			s++;
		if (*s == 0 || *s == '#')
			continue;
		if (s == line) {
			rc = flush(st, fn, ctx, e);
			if (rc)
				break;
			char *rest = split_word(s);
			char *id = bs_trim(rest);
			if (!valid_name(s)) {
				rc = bs_fail(e, "%s:%u: bad record type '%s'", file, lineno, s);
				break;
			}
			if (!*id || strpbrk(id, " \t")) {
				rc = bs_fail(e, "%s:%u: record '%s' needs one identifier", file,
				             lineno, s);
				break;
			}
			st->r = (struct rec){file, s, id, lineno, st->f, 0};
			st->open = 1;
			continue;
		}
		if (!st->open) {
			rc = bs_fail(e, "%s:%u: indented field outside a record", file, lineno);
			break;
		}
		char *value = bs_trim(split_word(s));
		if (!valid_name(s)) {
			rc = bs_fail(e, "%s:%u: bad field name '%s'", file, lineno, s);
			break;
		}
		if (!*value) {
			rc = bs_fail(e, "%s:%u: field '%s' has no value", file, lineno, s);
			break;
		}
		if (st->r.n >= REC_MAX_FIELDS) {
			rc = bs_fail(e, "%s:%u: more than %d fields in one record", file, lineno,
			             REC_MAX_FIELDS);
			break;
		}
		st->f[st->r.n++] = (struct rec_field){s, value, lineno};
	}
	if (rc == 0)
		rc = flush(st, fn, ctx, e);
	free(st);
	return rc;
}

int rec_parse_file(const char *path, rec_fn fn, void *ctx, char **keep, struct bs_err *e)
{
	char *text;
	size_t len;
	if (bs_read_file(path, 64u << 20, &text, &len, e) < 0)
		return -1;
	/* bs_read_file leaves a NUL after the data, which rec_parse may overwrite. */
	int rc = rec_parse(path, text, len, fn, ctx, e);
	if (keep)
		*keep = text;
	else
		free(text);
	return rc;
}

const struct rec_field *rec_field(const struct rec *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return &r->f[i];
	return NULL;
}

const char *rec_get(const struct rec *r, const char *name)
{
	const struct rec_field *f = rec_field(r, name);
	return f ? f->value : NULL;
}

size_t rec_count(const struct rec *r, const char *name)
{
	size_t c = 0;
	for (size_t i = 0; i < r->n; i++)
		c += strcmp(r->f[i].name, name) == 0;
	return c;
}

int rec_allow(const struct rec *r, const char *const *names, struct bs_err *e)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *const *p;
		for (p = names; *p; p++)
			if (strcmp(*p, r->f[i].name) == 0)
				break;
		if (!*p)
			return rec_error(e, r, r->f[i].line, "unknown field '%s' in %s %s",
			                 r->f[i].name, r->type, r->id);
	}
	return 0;
}

int rec_require(const struct rec *r, const char *const *names, struct bs_err *e)
{
	for (const char *const *p = names; *p; p++)
		if (!rec_field(r, *p))
			return rec_error(e, r, 0, "%s %s lacks field '%s'", r->type, r->id, *p);
	return 0;
}
