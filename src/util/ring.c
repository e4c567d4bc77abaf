/* The batch ring (ring.h). One mutex and one condition variable: the two sides wait for
 * opposite things, and a broadcast wakes whichever waits. */
#include "util/ring.h"
#include "util/banned.h"

void bs_ring_init(struct bs_ring *r, size_t nslots)
{
	r->nslots = nslots;
	r->head = r->tail = 0;
	r->done = r->stop = 0;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
}

void bs_ring_release(struct bs_ring *r)
{
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
}

size_t bs_ring_fill(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->head - r->tail == r->nslots && !r->stop)
		pthread_cond_wait(&r->cv, &r->mu);
	size_t i = r->stop ? BS_RING_NONE : (size_t)(r->head % r->nslots);
	pthread_mutex_unlock(&r->mu);
	return i;
}

void bs_ring_publish(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->head++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

void bs_ring_finish(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->done = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

size_t bs_ring_take(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->head == r->tail && !r->done)
		pthread_cond_wait(&r->cv, &r->mu);
	size_t i = r->head != r->tail ? (size_t)(r->tail % r->nslots) : BS_RING_NONE;
	pthread_mutex_unlock(&r->mu);
	return i;
}

void bs_ring_taken(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->tail++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

void bs_ring_stop(struct bs_ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}
