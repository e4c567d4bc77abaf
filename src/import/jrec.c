/* JSON records on jpath (yajl's SAX parser): memory is bounded by a record's paths, not by the
 * document, so a devices.json of every device Kismet ever saw streams. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jrec.h"
#include "util/banned.h"

struct jr {
	const struct jrec_ops *ops;
	void *ctx;
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct jpath *j;
	size_t base_depth; /* depth of the records: 1 in an array, 0 on a line */
	int in_rec, not_obj;
	unsigned long line;
	uint64_t off, line_off;
};

static void finish(struct jr *r)
{
	const char *why = r->not_obj ? "a record that is not a JSON object" : r->ops->end(r->ctx);
	r->st->records++;
	if (why)
		imp_bad(r->sink, r->st, r->line, r->off, "%s", why);
	r->in_rec = 0;
}

static int on_ev(void *ctx, enum jwhat what, const struct jev *e)
{
	struct jr *r = ctx;
	if (e->depth < r->base_depth)
		return 0; /* the top-level array itself */
	if (e->depth == r->base_depth && what != J_CLOSE) {
		r->in_rec = 1;
		r->not_obj = !(what == J_OPEN && e->type == J_MAP);
		r->off = r->line_off + (r->base_depth ? jpath_pos(r->j) - 1 : 0);
		r->ops->begin(r->ctx);
		if (r->not_obj && what == J_LEAF)
			finish(r);
		if (r->not_obj)
			return 0;
	}
	if (r->not_obj) {
		if (e->depth == r->base_depth && what == J_CLOSE)
			finish(r);
		return 0;
	}
	struct jev rel = *e;
	rel.depth -= r->base_depth;
	r->ops->ev(r->ctx, what, &rel);
	if (e->depth == r->base_depth && what == J_CLOSE)
		finish(r);
	return 0;
}

/* Skips a BOM and blanks before the first byte, keeping their count and newlines. */
static int first_byte(FILE *f, uint64_t *skipped, unsigned long *lines)
{
	int c, i = 0;
	static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
	while ((c = getc(f)) != EOF) {
		if (i < 3 && c == bom[i] && *skipped == (uint64_t)i) {
			i++;
		} else if (c == '\n') {
			(*lines)++;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			ungetc(c, f);
			return c;
		}
		(*skipped)++;
	}
	return EOF;
}

static int read_array(FILE *f, struct jr *r, uint64_t skipped)
{
	char *block = xmalloc(65536);
	size_t n;
	int rc = 0;
	r->base_depth = 1;
	r->line_off = skipped;
	while ((n = fread(block, 1, 65536, f)) > 0) {
		r->st->bytes += n;
		if (jpath_feed(r->j, block, n) < 0) {
			rc = -1;
			break;
		}
	}
	free(block);
	if (!rc && ferror(f)) {
		imp_bad(r->sink, r->st, 0, skipped + jpath_offset(r->j), "read error: %s",
		        strerror(errno ? errno : EIO));
		return -1;
	}
	if (!rc && jpath_end(r->j) < 0)
		rc = -1;
	if (rc) {
		if (r->in_rec)
			r->st->records++;
		imp_bad(r->sink, r->st, 0, skipped + jpath_offset(r->j), "invalid JSON: %s",
		        jpath_error(r->j));
	}
	return rc;
}

static int read_lines(FILE *f, struct jr *r, uint64_t skipped, unsigned long lines)
{
	struct imp_lines l;
	char *p, err[300];
	size_t n;
	int rc;
	r->base_depth = 0;
	imp_lines_init(&l, f, r->sink, r->st);
	l.next_off = skipped;
	l.nextn = 1 + lines;
	while ((rc = imp_lines_next(&l, &p, &n)) > 0) {
		if (!n || imp_first(p, n) == 0)
			continue;
		r->line = l.line;
		r->off = r->line_off = l.off;
		r->in_rec = 0;
		if (jpath_line(r->j, p, n, err, sizeof(err)) < 0) {
			r->st->records++;
			imp_bad(r->sink, r->st, l.line, l.off, "%s", err);
		}
	}
	imp_lines_release(&l);
	return rc < 0 ? -1 : 0;
}

int jrec_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st,
              const struct jrec_ops *ops, void *ctx)
{
	struct jr r = {ops, ctx, sink, st, NULL, 0, 0, 0, 0, 0, 0};
	uint64_t skipped = 0;
	unsigned long lines = 0;
	int c = first_byte(f, &skipped, &lines), rc;
	st->bytes += skipped;
	if (c == EOF)
		return 0;
	r.j = jpath_new(on_ev, &r);
	if (c == '[')
		rc = read_array(f, &r, skipped);
	else
		rc = read_lines(f, &r, skipped, lines);
	jpath_free(r.j);
	return rc;
}

int jrec_has(const char *head, size_t n, const char *needle)
{
	char c = imp_first(head, n);
	return (c == '[' || c == '{') && imp_has(head, n, needle);
}
