/* Line reader and observation helpers of the importers. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/banned.h"

#define BLOCK (1u << 20)

void imp_obs(const struct imp_sink *s, struct imp_stats *st, const char *asset, const char *key,
             const char *v, size_t n, const char *time)
{
	if (!n || !asset || !*asset)
		return;
	if (s->obs(s->ctx, asset, key, v, n, time) == 0)
		st->obs++;
}

void imp_obss(const struct imp_sink *s, struct imp_stats *st, const char *asset, const char *key,
              const char *v, const char *time)
{
	if (v)
		imp_obs(s, st, asset, key, v, strlen(v), time);
}

void imp_bad(const struct imp_sink *s, struct imp_stats *st, unsigned long line, uint64_t off,
             const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->bad++;
	if (s->bad)
		s->bad(s->ctx, line, off, msg);
}

int imp_has(const char *head, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	if (k == 0 || k > n)
		return 0;
	for (const char *p = head; (size_t)(p - head) + k <= n;) {
		p = memchr(p, needle[0], n - (size_t)(p - head) - k + 1);
		if (!p)
			return 0;
		if (!memcmp(p, needle, k))
			return 1;
		p++;
	}
	return 0;
}

char imp_first(const char *head, size_t n)
{
	size_t i = 0;
	if (n >= 3 && !memcmp(head, "\xef\xbb\xbf", 3))
		i = 3;
	for (; i < n; i++)
		if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r' && head[i] != '\n')
			return head[i];
	return 0;
}

void imp_lines_init(struct imp_lines *l, FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	memset(l, 0, sizeof(*l));
	l->f = f;
	l->sink = sink;
	l->st = st;
	l->cap = BLOCK;
	l->buf = xmalloc(l->cap + 1);
	l->nextn = 1;
}

void imp_lines_release(struct imp_lines *l)
{
	free(l->buf);
	l->buf = NULL;
}

/* Moves what is left to the front and reads more; returns the bytes read. */
static size_t fill(struct imp_lines *l)
{
	if (l->eof)
		return 0;
	if (l->start) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == l->cap) {
		size_t cap =
		    l->cap * 2 > IMP_MAX_RECORD + BLOCK ? IMP_MAX_RECORD + BLOCK : l->cap * 2;
		if (cap == l->cap)
			return 0;
		l->buf = xrealloc(l->buf, cap + 1);
		l->cap = cap;
	}
	size_t got = fread(l->buf + l->end, 1, l->cap - l->end, l->f);
	if (got == 0) {
		if (ferror(l->f)) {
			l->error = errno ? errno : EIO;
			imp_bad(l->sink, l->st, l->nextn, l->next_off + (l->end - l->start),
			        "read error: %s", strerror(l->error));
		}
		l->eof = 1;
	}
	l->end += got;
	l->st->bytes += got;
	return got;
}

int imp_lines_next(struct imp_lines *l, char **p, size_t *n)
{
	size_t scanned = 0; /* bytes of the current line already searched for a newline */
	for (;;) {
		char *s = l->buf + l->start;
		size_t have = l->end - l->start;
		char *nl = memchr(s + scanned, '\n', have - scanned);
		if (!nl && have > IMP_MAX_RECORD) {
			/* Too long: report it once, then drop bytes up to its end. */
			unsigned long num = l->nextn++;
			imp_bad(l->sink, l->st, num, l->next_off, "line longer than %u MiB",
			        IMP_MAX_RECORD >> 20);
			l->st->records++;
			for (;;) {
				l->next_off += l->end - l->start;
				l->start = l->end = 0;
				if (!fill(l))
					return l->error ? -1 : 0;
				nl = memchr(l->buf, '\n', l->end);
				if (nl) {
					size_t k = (size_t)(nl - l->buf) + 1;
					l->next_off += k;
					l->start = k;
					break;
				}
			}
			scanned = 0;
			continue;
		}
		if (!nl) {
			scanned = have;
			if (fill(l))
				continue;
			if (l->error)
				return -1;
			if (have == 0)
				return 0;
			nl = l->buf + l->end; /* the last line has no newline */
			s = l->buf + l->start;
		}
		size_t len = (size_t)(nl - s);
		if (len > IMP_MAX_RECORD) {
			size_t used = len + (nl < l->buf + l->end ? 1 : 0);
			imp_bad(l->sink, l->st, l->nextn++, l->next_off, "line longer than %u MiB",
			        IMP_MAX_RECORD >> 20);
			l->st->records++;
			l->start += used;
			l->next_off += used;
			scanned = 0;
			continue;
		}
		l->line = l->nextn++;
		l->off = l->next_off;
		size_t used = len + (nl < l->buf + l->end ? 1 : 0);
		l->start += used;
		l->next_off += used;
		if (len && s[len - 1] == '\r')
			len--;
		s[len] = 0;
		*p = s;
		*n = len;
		return 1;
	}
}

int imp_lines_block(struct imp_lines *l, char **p, size_t *n)
{
	for (;;) {
		char *s = l->buf + l->start;
		size_t have = l->end - l->start;
		char *nl = have ? memrchr(s, '\n', have) : NULL;
		if (nl) {
			size_t len = (size_t)(nl + 1 - s);
			l->line = l->nextn;
			l->off = l->next_off;
			l->start += len;
			l->next_off += len;
			*p = s;
			*n = len;
			return 1;
		}
		if (!l->eof && have <= IMP_MAX_RECORD && fill(l))
			continue;
		if (l->error)
			return -1;
		/* No newline: the last line, or one too long; the line reader's way. */
		int rc = imp_lines_next(l, p, n);
		return rc > 0 ? 2 : rc;
	}
}

void imp_lines_count(struct imp_lines *l, unsigned long lines)
{
	l->nextn += lines;
}
