/* JSON Lines in two threads: a parser thread runs jsonl_read and packs each observation (or
 * error) into batches; the caller's thread takes the batches in order and calls the real
 * callbacks. The batches are a small ring, so memory stays bounded whatever the input size. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jsonl.h"
#include "util/ring.h"
#include "util/banned.h"

#define RING        4
#define BATCH_ITEMS 8192
#define BATCH_BYTES (2u << 20)

enum { IT_OBS, IT_ERR };

struct item {
	int kind;
	unsigned long line;
	size_t asset, key, value, vlen, source, time; /* offsets into the arena; SIZE_MAX: absent */
};

struct batch {
	struct item *items;
	size_t n;
	struct buf arena;
};

struct pipe {
	FILE *f;
	const char *name;
	struct batch slots[RING];
	struct bs_ring ring;
	int rc;
	struct jsonl_stats pst; /* the parser's own counts: lines */
	struct batch *cur;
};

static struct batch *take_empty(struct pipe *p)
{
	struct batch *b = &p->slots[bs_ring_fill(&p->ring)];
	b->n = 0;
	buf_reset(&b->arena);
	return b;
}

static void publish(struct pipe *p)
{
	bs_ring_publish(&p->ring);
	p->cur = NULL;
}

static size_t put(struct batch *b, const char *s, size_t n)
{
	if (!s)
		return SIZE_MAX;
	size_t off = b->arena.len;
	buf_add(&b->arena, s, n);
	buf_addc(&b->arena, 0);
	return off;
}

static struct item *next_item(struct pipe *p)
{
	if (!p->cur)
		p->cur = take_empty(p);
	return &p->cur->items[p->cur->n++];
}

static void maybe_publish(struct pipe *p)
{
	if (p->cur->n == BATCH_ITEMS || p->cur->arena.len >= BATCH_BYTES)
		publish(p);
}

static int pack_obs(const struct jsonl_obs *o, void *ctx, char *msg, size_t n)
{
	(void)msg, (void)n;
	struct pipe *p = ctx;
	struct item *it = next_item(p);
	struct batch *b = p->cur;
	it->kind = IT_OBS;
	it->line = o->line;
	it->asset = put(b, o->asset, strlen(o->asset));
	it->key = put(b, o->key, strlen(o->key));
	it->value = put(b, o->value, o->vlen);
	it->vlen = o->vlen;
	it->source = o->source ? put(b, o->source, strlen(o->source)) : SIZE_MAX;
	it->time = o->time ? put(b, o->time, strlen(o->time)) : SIZE_MAX;
	maybe_publish(p);
	return 0;
}

static void pack_err(const char *name, unsigned long line, const char *msg, void *ctx)
{
	(void)name;
	struct pipe *p = ctx;
	struct item *it = next_item(p);
	it->kind = IT_ERR;
	it->line = line;
	it->value = put(p->cur, msg, strlen(msg));
	maybe_publish(p);
}

static void *parser(void *arg)
{
	struct pipe *p = arg;
	p->rc = jsonl_read(p->f, p->name, pack_obs, p, pack_err, p, &p->pst);
	if (p->cur)
		publish(p);
	bs_ring_finish(&p->ring);
	return NULL;
}

int jsonl_read_mt(FILE *f, const char *name, jsonl_fn fn, void *ctx, jsonl_err_fn err, void *errctx,
                  struct jsonl_stats *st)
{
	struct pipe *p = xcalloc(1, sizeof(*p));
	p->f = f;
	p->name = name;
	for (int i = 0; i < RING; i++) {
		p->slots[i].items = xmalloc(BATCH_ITEMS * sizeof(struct item));
		buf_init(&p->slots[i].arena, 0);
	}
	bs_ring_init(&p->ring, RING);
	pthread_t th;
	int rc;
	if (pthread_create(&th, NULL, parser, p) != 0) {
		rc = jsonl_read(f, name, fn, ctx, err, errctx, st);
		goto out;
	}
	char msg[320];
	for (size_t slot; (slot = bs_ring_take(&p->ring)) != BS_RING_NONE;) {
		struct batch *b = &p->slots[slot];
		const char *a = b->arena.data;
		for (size_t i = 0; i < b->n; i++) {
			const struct item *it = &b->items[i];
			if (it->kind == IT_ERR) {
				st->bad++;
				if (err)
					err(name, it->line, a + it->value, errctx);
				continue;
			}
			struct jsonl_obs o = {a + it->asset,
			                      a + it->key,
			                      a + it->value,
			                      it->vlen,
			                      it->source == SIZE_MAX ? NULL : a + it->source,
			                      it->time == SIZE_MAX ? NULL : a + it->time,
			                      it->line};
			if (fn(&o, ctx, msg, sizeof(msg)) < 0) {
				st->bad++;
				if (err)
					err(name, it->line, msg, errctx);
			} else {
				st->ok++;
			}
		}
		bs_ring_taken(&p->ring);
	}
	pthread_join(th, NULL);
	st->lines += p->pst.lines;
	rc = p->rc;
out:
	for (int i = 0; i < RING; i++) {
		free(p->slots[i].items);
		buf_release(&p->slots[i].arena);
	}
	bs_ring_release(&p->ring);
	free(p);
	return rc;
}
