/* A producer thread handing batches to a consumer thread, in order, through a ring of a few
 * slots: the producer fills slot after slot and waits while all are full; the consumer takes
 * them in turn and waits while none is. The slots themselves (what a batch holds) are the
 * caller's array; the ring only says which index to use. Memory stays bounded by the slots. */
#ifndef BS_UTIL_RING_H
#define BS_UTIL_RING_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

struct bs_ring {
	size_t nslots;
	uint64_t head, tail; /* slots published, taken */
	int done;            /* the producer has finished */
	int stop;            /* the consumer wants no more */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

#define BS_RING_NONE SIZE_MAX

void bs_ring_init(struct bs_ring *r, size_t nslots);
void bs_ring_release(struct bs_ring *r);

/* Producer: the slot to fill next, once it is free; BS_RING_NONE when the consumer stopped. */
size_t bs_ring_fill(struct bs_ring *r);
/* Producer: the slot from bs_ring_fill is ready. */
void bs_ring_publish(struct bs_ring *r);
/* Producer: nothing more will come. */
void bs_ring_finish(struct bs_ring *r);

/* Consumer: the next ready slot, waiting for it; BS_RING_NONE once the producer finished and
 * every slot was taken. */
size_t bs_ring_take(struct bs_ring *r);
/* Consumer: the slot from bs_ring_take may be filled again. */
void bs_ring_taken(struct bs_ring *r);
/* Consumer: wants no more slots; a waiting producer is released. */
void bs_ring_stop(struct bs_ring *r);

#endif
