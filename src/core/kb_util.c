#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "core/kb_util.h"
#include "util/banned.h"

void strv_push(struct strv *sv, const char *s)
{
	sv->v = xrealloc(sv->v, (sv->n + 1) * sizeof(*sv->v));
	sv->v[sv->n++] = xstrdup(s);
}

void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

int strv_has_ci(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (bs_strcaseeq(sv->v[i], s))
			return 1;
	return 0;
}

char *org_norm(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	int blank = 1; /* drops leading blanks */
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			blank = 1;
			continue;
		}
		if (blank && o != out)
			*o++ = ' ';
		blank = 0;
		*o++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	*o = 0;
	return out;
}

void *arr_push(void **arr, size_t *n, size_t elsize)
{
	*arr = xrealloc(*arr, (*n + 1) * elsize);
	char *p = (char *)*arr + *n * elsize;
	memset(p, 0, elsize);
	(*n)++;
	return p;
}
