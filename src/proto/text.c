#include <stdint.h>
#include <string.h>

#include "bansweep/buf.h"
#include "proto/text.h"
#include "util/banned.h"

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

int text_tchar(uint8_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return 1;
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

struct span span_trim(struct span s)
{
	while (s.n && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

int span_eq_ci(struct span s, const char *lit)
{
	size_t l = strlen(lit);
	return s.n == l && bs_strncaseeq((const char *)s.p, lit, l);
}

int span_starts_ci(struct span s, const char *lit)
{
	size_t l = strlen(lit);
	return s.n >= l && bs_strncaseeq((const char *)s.p, lit, l);
}

int span_has_ci(struct span s, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = 0; l <= s.n && i <= s.n - l; i++)
		if (bs_strncaseeq((const char *)s.p + i, lit, l))
			return 1;
	return 0;
}

int text_next_line(struct rd *r, struct span *line)
{
	return text_line_within(r, SIZE_MAX, line);
}

int text_line_within(struct rd *r, size_t max, struct span *line)
{
	size_t left = rd_left(r);
	if (left > max)
		left = max;
	struct rd peek = *r;
	const uint8_t *b = rd_bytes(&peek, left);
	if (!b || !left)
		return 0;
	const uint8_t *lf = memchr(b, '\n', left);
	if (!lf)
		return 0;
	size_t k = (size_t)(lf - b);
	line->p = rd_bytes(r, k + 1);
	line->n = k;
	if (!line->p)
		return 0;
	if (line->n && line->p[line->n - 1] == '\r')
		line->n--;
	return 1;
}

void text_emit(const struct emit *em, const struct pkt *pk, enum side who, enum key_id k,
               struct span v)
{
	v = span_trim(v);
	if (v.n)
		em->obs(em->ctx, pk, who, k, (const char *)v.p, v.n);
}

int text_header(struct span line, struct span *name, struct span *val)
{
	size_t c = 0;
	while (c < line.n && text_tchar(line.p[c]))
		c++;
	if (c == 0 || c >= line.n || line.p[c] != ':')
		return 0;
	*name = (struct span){line.p, c};
	*val = span_trim((struct span){line.p + c + 1, line.n - c - 1});
	return 1;
}
