/* Grouping of `bansweep host`'s errors (cli/host_errors.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "host_errors.h"
#include "util/banned.h"

void host_errors_init(struct host_errors *e)
{
	memset(e, 0, sizeof(*e));
	arena_init(&e->strings);
}

void host_errors_release(struct host_errors *e)
{
	free(e->g);
	arena_release(&e->strings);
	memset(e, 0, sizeof(*e));
}

void host_errors_where(const char *path, uint64_t pos, int pos_is_offset, char *out, size_t n)
{
	if (!path)
		snprintf(out, n, "-");
	else if (!pos)
		snprintf(out, n, "%s", path);
	else if (pos_is_offset)
		snprintf(out, n, "%s: offset %llu", path, (unsigned long long)pos);
	else
		snprintf(out, n, "%s:%llu", path, (unsigned long long)pos);
}

int host_errors_add(struct host_errors *e, int malformed, const char *source, const char *path,
                    uint64_t pos, int pos_is_offset, const char *msg)
{
	/* Unreadable files group by what went wrong, malformed lines by the file they are in. */
	const char *key = malformed ? (path ? path : "-") : msg;
	struct host_err_group *g = NULL;
	for (size_t i = 0; i < e->n && !g; i++)
		if (e->g[i].malformed == malformed && !strcmp(e->g[i].source, source) &&
		    !strcmp(e->g[i].key, key))
			g = &e->g[i];
	if (!g) {
		if (e->n == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 16;
			e->g = xrealloc(e->g, e->cap * sizeof(*e->g));
		}
		g = &e->g[e->n++];
		memset(g, 0, sizeof(*g));
		g->source = arena_strdup(&e->strings, source);
		g->key = arena_strdup(&e->strings, key);
		g->malformed = malformed;
	}
	g->count++;
	size_t cap = malformed ? HOST_ERR_LINES : HOST_ERR_EXAMPLES;
	if (g->nex >= cap)
		return 0;
	char ex[4600];
	if (malformed)
		snprintf(ex, sizeof(ex), "%s%llu: %s",
		         pos ? (pos_is_offset ? "offset " : "line ") : "", (unsigned long long)pos,
		         msg);
	else
		host_errors_where(path, pos, pos_is_offset, ex, sizeof(ex));
	if (malformed && !pos)
		snprintf(ex, sizeof(ex), "%s", msg);
	g->ex[g->nex++] = arena_strdup(&e->strings, ex);
	return 1;
}

void host_errors_print(const struct host_errors *e, FILE *f)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct host_err_group *g = &e->g[i];
		if (g->malformed) {
			fprintf(f, "  %s: %s: malformed, %llu error%s:\n", g->source, g->key,
			        (unsigned long long)g->count, g->count == 1 ? "" : "s");
			for (size_t k = 0; k < g->nex; k++)
				fprintf(f, "    %s\n", g->ex[k]);
		} else {
			fprintf(f, "  %s: %s: ", g->source, g->key);
			for (size_t k = 0; k < g->nex; k++)
				fprintf(f, "%s%s", k ? ", " : "", g->ex[k]);
		}
		if (g->count > g->nex)
			fprintf(f, "%s and %llu more", g->malformed ? "    ..." : "",
			        (unsigned long long)(g->count - g->nex));
		if (!g->malformed || g->count > g->nex)
			fputc('\n', f);
	}
}
