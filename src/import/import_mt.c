/* An importer in two threads: the importer runs in a second thread and packs what it emits into
 * batches; the caller's thread takes the batches in order and replays them into the real sink.
 * The batches are a small ring, so memory stays bounded whatever the input size. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "util/banned.h"

#define RING        4
#define BATCH_ITEMS 16384
#define BATCH_BYTES (2u << 20)

struct pipe {
	const struct importer *imp;
	FILE *f;
	const char *name;
	struct imp_pack ring[RING];
	size_t head, tail; /* batches produced, consumed */
	int done, rc;
	struct imp_stats st; /* the importer's own counts */
	struct imp_pack *cur;
	pthread_mutex_t mu;
	pthread_cond_t can_fill, can_take;
};

static struct imp_pack *take_empty(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->head - p->tail == RING)
		pthread_cond_wait(&p->can_fill, &p->mu);
	struct imp_pack *b = &p->ring[p->head % RING];
	pthread_mutex_unlock(&p->mu);
	imp_pack_reset(b);
	return b;
}

static void publish(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->head++;
	pthread_cond_signal(&p->can_take);
	pthread_mutex_unlock(&p->mu);
	p->cur = NULL;
}

static struct imp_pack *cur(struct pipe *p)
{
	if (!p->cur)
		p->cur = take_empty(p);
	return p->cur;
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
	int rc = p->imp->read(p->f, &s, &p->st);
	if (p->cur)
		publish(p);
	pthread_mutex_lock(&p->mu);
	p->rc = rc;
	p->done = 1;
	pthread_cond_signal(&p->can_take);
	pthread_mutex_unlock(&p->mu);
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
		imp_pack_init(&p->ring[i]);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_fill, NULL);
	pthread_cond_init(&p->can_take, NULL);
	pthread_t th;
	int rc;
	if (pthread_create(&th, NULL, worker, p) != 0) {
		rc = imp->read(f, sink, st);
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->head == p->tail && !p->done)
			pthread_cond_wait(&p->can_take, &p->mu);
		int have = p->head != p->tail;
		pthread_mutex_unlock(&p->mu);
		if (!have)
			break;
		imp_pack_replay(&p->ring[p->tail % RING], sink, 0, 0);
		pthread_mutex_lock(&p->mu);
		p->tail++;
		pthread_cond_signal(&p->can_fill);
		pthread_mutex_unlock(&p->mu);
	}
	pthread_join(th, NULL);
	st->records += p->st.records;
	st->bad += p->st.bad;
	st->obs += p->st.obs;
	st->bytes += p->st.bytes;
	rc = p->rc;
out:
	for (int i = 0; i < RING; i++)
		imp_pack_release(&p->ring[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->can_fill);
	pthread_cond_destroy(&p->can_take);
	free(p);
	return rc;
}
