/* A record's observations held until its asset is known (JSON members come in any order: the
 * address may follow the data). Memory is the record's, reused from record to record. */
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/banned.h"

void imp_rec_init(struct imp_rec *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->arena, IMP_MAX_RECORD);
}

void imp_rec_release(struct imp_rec *r)
{
	buf_release(&r->arena);
	free(r->item);
	r->item = NULL;
	r->n = r->cap = 0;
}

void imp_rec_reset(struct imp_rec *r)
{
	r->arena.len = 0;
	r->n = 0;
}

int imp_rec_add(struct imp_rec *r, const char *key, const char *v, size_t n)
{
	if (!n)
		return 0;
	if (r->n == r->cap) {
		if (r->cap >= IMP_MAX_RECORD / 64)
			return -1;
		r->cap = r->cap ? r->cap * 2 : 64;
		r->item = xrealloc(r->item, r->cap * sizeof(*r->item));
	}
	size_t off = r->arena.len;
	if (buf_add(&r->arena, v, n) < 0 || buf_addc(&r->arena, 0) < 0) {
		r->arena.len = off;
		return -1;
	}
	r->item[r->n].key = key;
	r->item[r->n].off = off;
	r->item[r->n].len = n;
	r->n++;
	return 0;
}

void imp_rec_cut(struct imp_rec *r, size_t n)
{
	if (n < r->n) {
		r->arena.len = r->item[n].off;
		r->n = n;
	}
}

void imp_rec_emit(const struct imp_rec *r, size_t from, const struct imp_sink *s,
                  struct imp_stats *st, const char *asset, const char *time)
{
	for (size_t i = from; i < r->n; i++)
		imp_obs(s, st, asset, r->item[i].key, r->arena.data + r->item[i].off,
		        r->item[i].len, time);
}
