/* What an importer emits, packed for another thread to replay (import_mt.c, import_par.c):
 * items in order, their strings in one arena, so that a batch costs two allocations however
 * many observations it holds. */
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/banned.h"

enum { IT_OBS, IT_END, IT_BAD };

struct imp_pack_item {
	int kind;
	unsigned long line;
	uint64_t off;
	size_t asset, key, value, vlen, time; /* offsets into the arena; SIZE_MAX: absent */
};

void imp_pack_init(struct imp_pack *p)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->arena, 0);
}

void imp_pack_release(struct imp_pack *p)
{
	free(p->items);
	buf_release(&p->arena);
	p->items = NULL;
	p->n = p->cap = 0;
}

void imp_pack_reset(struct imp_pack *p)
{
	p->n = 0;
	buf_reset(&p->arena);
}

static size_t put(struct imp_pack *p, const char *v, size_t n)
{
	if (!v)
		return SIZE_MAX;
	size_t off = p->arena.len;
	buf_add(&p->arena, v, n);
	buf_addc(&p->arena, 0);
	return off;
}

static struct imp_pack_item *add(struct imp_pack *p, int kind)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->items = xrealloc(p->items, p->cap * sizeof(*p->items));
	}
	struct imp_pack_item *it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

int imp_pack_obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                 const char *time)
{
	struct imp_pack *p = ctx;
	struct imp_pack_item *it = add(p, IT_OBS);
	it->asset = put(p, asset, strlen(asset));
	it->key = put(p, key, strlen(key));
	it->value = put(p, value, vlen);
	it->vlen = vlen;
	it->time = put(p, time, time ? strlen(time) : 0);
	return 0;
}

void imp_pack_end(void *ctx)
{
	add(ctx, IT_END);
}

void imp_pack_bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	struct imp_pack *p = ctx;
	struct imp_pack_item *it = add(p, IT_BAD);
	it->line = line;
	it->off = off;
	it->value = put(p, msg, strlen(msg));
}

void imp_pack_replay(const struct imp_pack *p, const struct imp_sink *sink, unsigned long line_base,
                     uint64_t off_base)
{
	const char *a = p->arena.data;
	for (size_t i = 0; i < p->n; i++) {
		const struct imp_pack_item *it = &p->items[i];
		if (it->kind == IT_OBS)
			sink->obs(sink->ctx, a + it->asset, a + it->key, a + it->value, it->vlen,
			          it->time == SIZE_MAX ? NULL : a + it->time);
		else if (it->kind == IT_END && sink->record_end)
			sink->record_end(sink->ctx);
		else if (it->kind == IT_BAD && sink->bad)
			sink->bad(sink->ctx, it->line ? line_base + it->line : 0,
			          off_base + it->off, a + it->value);
	}
}
