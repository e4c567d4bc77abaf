/* An importer in two threads: the importer runs in a second thread and packs what it emits into
 * batches; the caller's thread takes the batches in order and replays them into the real sink.
 * The batches are a small ring, so memory stays bounded whatever the input size. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/ring.h"
#include "util/banned.h"

#define RING        4
#define BATCH_ITEMS 16384
#define BATCH_BYTES (2u << 20)

struct pipe {
	const struct importer *imp;
	FILE *f;
	const char *name;
	struct imp_pack slots[RING];
	struct bs_ring ring;
	int rc;
	struct imp_stats st; /* the importer's own counts */
	struct imp_pack *cur;
};

static struct imp_pack *cur(struct pipe *p)
{
	if (!p->cur) {
		p->cur = &p->slots[bs_ring_fill(&p->ring)];
		imp_pack_reset(p->cur);
	}
	return p->cur;
}

static void publish(struct pipe *p)
{
	bs_ring_publish(&p->ring);
	p->cur = NULL;
}

/* A batch goes out when full, and at a record's end once it holds a fair amount, so that a
 * slow trickle of records still reaches the consumer. */
static void maybe_publish(struct pipe *p, int at_end)
{
	if (p->cur->n >= BATCH_ITEMS || p->cur->arena.len >= BATCH_BYTES ||
	    (at_end && p->cur->n >= BATCH_ITEMS / 2))
		publish(p);
}

static int pack_obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                    const char *time)
{
	struct pipe *p = ctx;
	imp_pack_obs(cur(p), asset, key, value, vlen, time);
	maybe_publish(p, 0);
	return 0;
}

static void pack_end(void *ctx)
{
	struct pipe *p = ctx;
	imp_pack_end(cur(p));
	maybe_publish(p, 1);
}

static void pack_bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	struct pipe *p = ctx;
	imp_pack_bad(cur(p), line, off, msg);
	maybe_publish(p, 0);
}

static void *worker(void *arg)
{
	struct pipe *p = arg;
	struct imp_sink s = {pack_obs, pack_end, pack_bad, p, p->name};
	p->rc = p->imp->read(p->f, &s, &p->st);
	if (p->cur)
		publish(p);
	bs_ring_finish(&p->ring);
	return NULL;
}

int import_read_mt(const struct importer *imp, FILE *f, const struct imp_sink *sink,
                   struct imp_stats *st)
{
	struct pipe *p = xcalloc(1, sizeof(*p));
	p->imp = imp;
	p->f = f;
	p->name = sink->name;
	for (int i = 0; i < RING; i++)
		imp_pack_init(&p->slots[i]);
	bs_ring_init(&p->ring, RING);
	pthread_t th;
	int rc;
	if (pthread_create(&th, NULL, worker, p) != 0) {
		rc = imp->read(f, sink, st);
		goto out;
	}
	for (size_t i; (i = bs_ring_take(&p->ring)) != BS_RING_NONE;) {
		imp_pack_replay(&p->slots[i], sink, 0, 0);
		bs_ring_taken(&p->ring);
	}
	pthread_join(th, NULL);
	st->records += p->st.records;
	st->bad += p->st.bad;
	st->obs += p->st.obs;
	st->bytes += p->st.bytes;
	rc = p->rc;
out:
	for (int i = 0; i < RING; i++)
		imp_pack_release(&p->slots[i]);
	bs_ring_release(&p->ring);
	free(p);
	return rc;
}
