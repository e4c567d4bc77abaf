/* TCP flows: enough reassembly that headers split across segments are read. Each direction
 * keeps its first PROTO_STREAM_MAX bytes in order (a few out-of-order segments wait for the gap
 * to fill); when that many have arrived, or the direction ends, or the flow is evicted, the bytes
 * go to a stream decoder once and the rest of the direction is skipped. The table is bounded in
 * flows and in buffered bytes: the least recently active flow is decoded and dropped first. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "capture/capture_int.h"
#include "util/banned.h"

#define OOO_MAX     4
#define BYTE_BUDGET (128u << 20)

enum { F_FIN = 0x01, F_SYN = 0x02, F_RST = 0x04, F_ACK = 0x10 };

struct seg {
	uint32_t seq, len;
	uint8_t *data;
};

struct dir {
	uint8_t *buf;
	uint32_t len, cap;
	uint32_t next; /* next expected sequence number */
	uint8_t synced, done;
	uint8_t nooo;
	struct seg ooo[OOO_MAX];
};

struct flow {
	uint32_t hnext;      /* next in bucket chain, index + 1 */
	uint32_t prev, next; /* LRU list, index + 1; head = most recent */
	uint64_t h;
	uint64_t last_us;
	struct addr a[2]; /* 0 client, 1 server */
	uint16_t port[2];
	uint8_t mac[2][6], has_mac[2];
	struct dir d[2]; /* 0: client to server, 1: server to client */
	uint8_t used;
};

struct flowtab {
	struct capture *c;
	struct flow *f;
	size_t max, nused;
	uint32_t *buckets, nbuckets; /* index + 1 */
	uint32_t free_head;          /* free list through hnext */
	uint32_t head, tail;
	uint64_t idle_us;
	size_t bytes; /* buffered stream bytes, all flows */
};

struct flowtab *flowtab_new(struct capture *c, size_t max, uint64_t idle_us)
{
	struct flowtab *t = xcalloc(1, sizeof(*t));
	t->c = c;
	t->max = max;
	t->idle_us = idle_us;
	t->f = xcalloc(max, sizeof(*t->f));
	t->nbuckets = 1;
	while (t->nbuckets < max * 2)
		t->nbuckets *= 2;
	t->buckets = xcalloc(t->nbuckets, sizeof(*t->buckets));
	for (size_t i = 0; i < max; i++)
		t->f[i].hnext = i + 1 < max ? (uint32_t)(i + 2) : 0;
	t->free_head = max ? 1 : 0;
	return t;
}

static void dir_release(struct flowtab *t, struct dir *d)
{
	t->bytes -= d->cap;
	free(d->buf);
	for (int i = 0; i < d->nooo; i++) {
		t->bytes -= d->ooo[i].len;
		free(d->ooo[i].data);
	}
	d->buf = NULL;
	d->len = d->cap = 0;
	d->nooo = 0;
}

static uint64_t end_hash(const struct addr *a, uint16_t port)
{
	uint64_t h = bs_hash(a->b, a->fam == 6 ? 16 : 4);
	return (h ^ port) * 0x9E3779B97F4A7C15ULL;
}

/* The same for both directions of a flow. */
static uint64_t flow_hash(const struct pkt *pk)
{
	return end_hash(&pk->src, pk->sport) ^ end_hash(&pk->dst, pk->dport);
}

static int same_end(const struct addr *a, uint16_t pa, const struct addr *b, uint16_t pb)
{
	return pa == pb && a->fam == b->fam && !memcmp(a->b, b->b, a->fam == 6 ? 16 : 4);
}

/* The packet as seen from side `from` of flow f: src is that side. */
static void flow_pkt(const struct flow *f, int from, uint64_t ts, struct pkt *pk)
{
	memset(pk, 0, sizeof(*pk));
	pk->ts_us = ts;
	pk->src = f->a[from];
	pk->dst = f->a[!from];
	pk->sport = f->port[from];
	pk->dport = f->port[!from];
	pk->src_mac = f->has_mac[from] ? f->mac[from] : NULL;
	pk->dst_mac = f->has_mac[!from] ? f->mac[!from] : NULL;
	pk->l4 = 6;
}

static void decode_dir(struct flowtab *t, struct flow *f, int dir)
{
	struct dir *d = &f->d[dir];
	if (d->done)
		return;
	d->done = 1;
	if (d->len) {
		struct pkt pk;
		flow_pkt(f, dir, f->last_us, &pk);
		capture_stream(t->c, d->buf, d->len, dir == 0, &pk, f->port[1]);
	}
	dir_release(t, d);
}

static void lru_unlink(struct flowtab *t, uint32_t i)
{
	struct flow *f = &t->f[i - 1];
	if (f->prev)
		t->f[f->prev - 1].next = f->next;
	else
		t->head = f->next;
	if (f->next)
		t->f[f->next - 1].prev = f->prev;
	else
		t->tail = f->prev;
	f->prev = f->next = 0;
}

static void lru_front(struct flowtab *t, uint32_t i)
{
	struct flow *f = &t->f[i - 1];
	f->prev = 0;
	f->next = t->head;
	if (t->head)
		t->f[t->head - 1].prev = i;
	t->head = i;
	if (!t->tail)
		t->tail = i;
}

static void flow_drop(struct flowtab *t, uint32_t i)
{
	struct flow *f = &t->f[i - 1];
	decode_dir(t, f, 0);
	decode_dir(t, f, 1);
	uint32_t *pp = &t->buckets[f->h & (t->nbuckets - 1)];
	while (*pp && *pp != i)
		pp = &t->f[*pp - 1].hnext;
	if (*pp)
		*pp = f->hnext;
	lru_unlink(t, i);
	memset(f, 0, sizeof(*f));
	f->hnext = t->free_head;
	t->free_head = i;
	t->nused--;
}

static void evict_oldest(struct flowtab *t)
{
	if (t->tail) {
		t->c->st.flows_evicted++;
		flow_drop(t, t->tail);
	}
}

/* Finds the flow of pk; *from gets the packet's side (0 client, 1 server). */
static uint32_t flow_find(struct flowtab *t, const struct pkt *pk, uint64_t h, int *from)
{
	for (uint32_t i = t->buckets[h & (t->nbuckets - 1)]; i; i = t->f[i - 1].hnext) {
		const struct flow *f = &t->f[i - 1];
		if (f->h != h)
			continue;
		if (same_end(&pk->src, pk->sport, &f->a[0], f->port[0]) &&
		    same_end(&pk->dst, pk->dport, &f->a[1], f->port[1])) {
			*from = 0;
			return i;
		}
		if (same_end(&pk->src, pk->sport, &f->a[1], f->port[1]) &&
		    same_end(&pk->dst, pk->dport, &f->a[0], f->port[0])) {
			*from = 1;
			return i;
		}
	}
	return 0;
}

/* Which side of a new flow is the client: the SYN's sender; else the side not on a known
 * server port; else the higher port (clients use ephemeral ones). */
static int sender_is_client(const struct pkt *pk, uint8_t flags)
{
	if ((flags & (F_SYN | F_ACK)) == F_SYN)
		return 1;
	if ((flags & (F_SYN | F_ACK)) == (F_SYN | F_ACK))
		return 0;
	int s = dispatch_stream_port(pk->sport) != PROTO_IDX_NONE;
	int d = dispatch_stream_port(pk->dport) != PROTO_IDX_NONE;
	if (s != d)
		return d;
	return pk->sport > pk->dport;
}

static uint32_t flow_new(struct flowtab *t, const struct pkt *pk, uint64_t h, uint8_t flags,
                         int *from)
{
	if (!t->free_head)
		evict_oldest(t);
	uint32_t i = t->free_head;
	if (!i)
		return 0;
	struct flow *f = &t->f[i - 1];
	t->free_head = f->hnext;
	memset(f, 0, sizeof(*f));
	int c = sender_is_client(pk, flags) ? 0 : 1;
	*from = c;
	f->a[c] = pk->src;
	f->port[c] = pk->sport;
	f->a[!c] = pk->dst;
	f->port[!c] = pk->dport;
	f->h = h;
	f->used = 1;
	f->hnext = t->buckets[h & (t->nbuckets - 1)];
	t->buckets[h & (t->nbuckets - 1)] = i;
	lru_front(t, i);
	t->nused++;
	t->c->st.flows++;
	/* A connection to an address a DNS answer named: the client talks to that name. */
	size_t n;
	const char *name = obsstore_name_of(t->c->obs, &f->a[1], &n);
	if (name) {
		struct pkt cp;
		if (pk->src_mac || pk->dst_mac) {
			const uint8_t *cm = c == 0 ? pk->src_mac : pk->dst_mac;
			if (cm) {
				memcpy(f->mac[0], cm, 6);
				f->has_mac[0] = 1;
			}
		}
		flow_pkt(f, 0, pk->ts_us, &cp);
		t->c->em.obs(t->c->em.ctx, &cp, SIDE_SRC, K_NET_PEER_NAME, name, n);
	}
	return i;
}

static void dir_append(struct flowtab *t, struct dir *d, const uint8_t *p, size_t n)
{
	if (d->len >= PROTO_STREAM_MAX || n == 0)
		return;
	if (n > PROTO_STREAM_MAX - d->len)
		n = PROTO_STREAM_MAX - d->len;
	if (d->len + n > d->cap) {
		uint32_t cap = d->cap ? d->cap : 2048;
		while (cap < d->len + n)
			cap *= 2;
		if (cap > PROTO_STREAM_MAX)
			cap = PROTO_STREAM_MAX;
		d->buf = xrealloc(d->buf, cap);
		t->bytes += cap - d->cap;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, p, n);
	d->len += (uint32_t)n;
	d->next += (uint32_t)n;
}

/* Takes waiting segments that now continue the stream. */
static void dir_drain(struct flowtab *t, struct dir *d)
{
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; i < d->nooo; i++) {
			struct seg *s = &d->ooo[i];
			int32_t diff = (int32_t)(s->seq - d->next);
			if (diff > 0)
				continue;
			if ((uint32_t)-diff < s->len) {
				uint32_t skip = (uint32_t)-diff;
				dir_append(t, d, s->data + skip, s->len - skip);
			}
			t->bytes -= s->len;
			free(s->data);
			d->ooo[i] = d->ooo[--d->nooo];
			again = 1;
			break;
		}
	}
}

static void dir_data(struct flowtab *t, struct dir *d, uint32_t seq, const uint8_t *p, size_t n)
{
	if (!d->synced) {
		d->next = seq;
		d->synced = 1;
	}
	int32_t diff = (int32_t)(seq - d->next);
	if (diff == 0) {
		dir_append(t, d, p, n);
	} else if (diff < 0) {
		/* A retransmission, perhaps with new bytes after the old ones. */
		size_t skip = (size_t)(-(int64_t)diff);
		if (skip < n)
			dir_append(t, d, p + skip, n - skip);
		return;
	} else if (d->nooo < OOO_MAX && (size_t)diff < PROTO_STREAM_MAX) {
		struct seg *s = &d->ooo[d->nooo++];
		s->seq = seq;
		s->len = (uint32_t)(n < PROTO_STREAM_MAX ? n : PROTO_STREAM_MAX);
		s->data = xmalloc(s->len);
		memcpy(s->data, p, s->len);
		t->bytes += s->len;
		return;
	} else {
		t->c->st.segments_dropped++;
		return;
	}
	dir_drain(t, d);
}

void flowtab_segment(struct flowtab *t, const struct pkt *pk, uint8_t flags, uint32_t seq,
                     const uint8_t *data, size_t len)
{
	uint64_t h = flow_hash(pk);
	int from;
	uint32_t i = flow_find(t, pk, h, &from);
	if (!i) {
		/* A reset or a bare acknowledgement of a flow we do not know starts nothing. */
		if ((flags & F_RST) || (!(flags & F_SYN) && len == 0))
			return;
		i = flow_new(t, pk, h, flags, &from);
		if (!i)
			return;
	}
	struct flow *f = &t->f[i - 1];
	f->last_us = pk->ts_us;
	if (t->head != i) {
		lru_unlink(t, i);
		lru_front(t, i);
	}
	const uint8_t *mac = pk->src_mac;
	if (mac && !f->has_mac[from]) {
		memcpy(f->mac[from], mac, 6);
		f->has_mac[from] = 1;
	}
	if (pk->dst_mac && !f->has_mac[!from]) {
		memcpy(f->mac[!from], pk->dst_mac, 6);
		f->has_mac[!from] = 1;
	}
	struct dir *d = &f->d[from];
	if (flags & F_SYN) {
		d->next = seq + 1;
		d->synced = 1;
	} else if (len && !d->done) {
		dir_data(t, d, seq, data, len);
		if (d->len >= PROTO_STREAM_MAX)
			decode_dir(t, f, from);
	}
	if (flags & (F_FIN | F_RST))
		decode_dir(t, f, from);
	if (flags & F_RST)
		decode_dir(t, f, !from);
	if (f->d[0].done && f->d[1].done) {
		flow_drop(t, i);
		return;
	}
	/* Idle flows and the byte budget: the oldest go first. */
	while (t->tail && t->tail != i &&
	       (t->f[t->tail - 1].last_us + t->idle_us < pk->ts_us || t->bytes > BYTE_BUDGET))
		evict_oldest(t);
}

void flowtab_flush(struct flowtab *t)
{
	while (t->tail)
		flow_drop(t, t->tail);
}

void flowtab_free(struct flowtab *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->max; i++)
		if (t->f[i].used) {
			dir_release(t, &t->f[i].d[0]);
			dir_release(t, &t->f[i].d[1]);
		}
	free(t->f);
	free(t->buckets);
	free(t);
}
