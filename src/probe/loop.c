/* The event loop of active discovery (see include/bansweep/loop.h for the contract).
 *
 * Structure: an epoll set (level-triggered) with one fd per exchange in flight plus an eventfd that
 * loop_stop() writes; a binary min-heap of exchanges keyed by the next time something may be due
 * (the key is lazy: progress only moves the idle expiry forward, and a timer that fires early is
 * re-keyed, so that reads do not cost heap operations); a FIFO of exchanges allowed to start; and
 * a hash of hosts, each with a count of its exchanges running or in the FIFO and a wait list of
 * the ones beyond the per-host limit. Invariant: host->active <= per_host, so whatever is at the
 * head of the FIFO may start at once, in O(1), and a busy host never blocks the others. */
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/err.h"
#include "bansweep/loop.h"
#include "probe/loop_int.h"
#include "util/banned.h"

static const char *const outcome_names[XCH_NOUTCOMES] = {
    "ok", "timeout", "refused", "reset", "unreachable", "error", "cancelled", "tls",
};

const char *xch_outcome_name(enum xch_outcome o)
{
	return (unsigned)o < XCH_NOUTCOMES ? outcome_names[o] : "?";
}

static uint64_t xch_now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

int xch_dgram_next(const struct exchange_result *r, size_t *off, const uint8_t **p, size_t *n)
{
	if (*off + 2 > r->len)
		return 0;
	size_t m = (size_t)r->data[*off] << 8 | r->data[*off + 1];
	if (m > r->len - *off - 2)
		return 0;
	*p = r->data + *off + 2;
	*n = m;
	*off += 2 + m;
	return 1;
}

/* ---- timer heap ---- */

static void heap_swap(struct loop *l, size_t a, size_t b)
{
	struct xch *t = l->heap[a];
	l->heap[a] = l->heap[b];
	l->heap[b] = t;
	l->heap[a]->heap_idx = a;
	l->heap[b]->heap_idx = b;
}

static void heap_up(struct loop *l, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (l->heap[p]->key <= l->heap[i]->key)
			break;
		heap_swap(l, p, i);
		i = p;
	}
}

static void heap_down(struct loop *l, size_t i)
{
	for (;;) {
		size_t c = 2 * i + 1, m = i;
		if (c < l->nheap && l->heap[c]->key < l->heap[m]->key)
			m = c;
		if (c + 1 < l->nheap && l->heap[c + 1]->key < l->heap[m]->key)
			m = c + 1;
		if (m == i)
			break;
		heap_swap(l, i, m);
		i = m;
	}
}

void xch_heap_add(struct loop *l, struct xch *x)
{
	if (l->nheap == l->heap_cap) {
		l->heap_cap = l->heap_cap ? l->heap_cap * 2 : 64;
		l->heap = xrealloc(l->heap, l->heap_cap * sizeof(*l->heap));
	}
	x->heap_idx = l->nheap;
	l->heap[l->nheap++] = x;
	heap_up(l, x->heap_idx);
}

void xch_heap_del(struct loop *l, struct xch *x)
{
	size_t i = x->heap_idx;
	if (i == SIZE_MAX)
		return;
	x->heap_idx = SIZE_MAX;
	l->nheap--;
	if (i == l->nheap)
		return;
	l->heap[i] = l->heap[l->nheap];
	l->heap[i]->heap_idx = i;
	heap_up(l, i);
	heap_down(l, l->heap[i]->heap_idx);
}

uint64_t xch_min3(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t m = a < b ? a : b;
	return m < c ? m : c;
}

void xch_rekey(struct loop *l, struct xch *x)
{
	x->key = xch_min3(x->t_deadline, x->t_idle, x->t_resend);
	heap_up(l, x->heap_idx);
	heap_down(l, x->heap_idx);
}

/* ---- hosts ---- */

static void addr_key(const struct sockaddr_storage *ss, uint8_t *fam, uint8_t out[16])
{
	/* Copied out by offset, not read through a cast pointer: the storage is not a sockaddr_in
	 * object as far as C's aliasing rules go, and optimised builds hold them to it. */
	memset(out, 0, 16);
	const char *base = (const char *)ss;
	if (ss->ss_family == AF_INET) {
		memcpy(out, base + offsetof(struct sockaddr_in, sin_addr), 4);
		*fam = 4;
	} else {
		memcpy(out, base + offsetof(struct sockaddr_in6, sin6_addr), 16);
		*fam = 6;
	}
}

static size_t host_slot(const struct loop *l, uint8_t fam, const uint8_t a[16])
{
	return (size_t)(bs_hash(a, 16) ^ fam) & (l->hosts_cap - 1);
}

static struct host *host_get(struct loop *l, const struct sockaddr_storage *ss)
{
	uint8_t fam, a[16];
	addr_key(ss, &fam, a);
	for (struct host *h = l->hosts[host_slot(l, fam, a)]; h; h = h->next)
		if (h->fam == fam && !memcmp(h->addr, a, 16))
			return h;
	if (l->nhosts >= l->hosts_cap) {
		size_t ncap = l->hosts_cap * 2;
		struct host **nt = xcalloc(ncap, sizeof(*nt));
		size_t ocap = l->hosts_cap;
		struct host **ot = l->hosts;
		l->hosts = nt;
		l->hosts_cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			for (struct host *h = ot[i], *nx; h; h = nx) {
				nx = h->next;
				size_t s = host_slot(l, h->fam, h->addr);
				h->next = nt[s];
				nt[s] = h;
			}
		free(ot);
	}
	struct host *h = xcalloc(1, sizeof(*h));
	h->fam = fam;
	memcpy(h->addr, a, 16);
	size_t s = host_slot(l, fam, a);
	h->next = l->hosts[s];
	l->hosts[s] = h;
	l->nhosts++;
	return h;
}

static void host_drop_if_idle(struct loop *l, struct host *h)
{
	if (h->active || h->wait_head)
		return;
	struct host **pp = &l->hosts[host_slot(l, h->fam, h->addr)];
	while (*pp != h)
		pp = &(*pp)->next;
	*pp = h->next;
	l->nhosts--;
	free(h);
}

static void fifo_push(struct loop *l, struct xch *x)
{
	x->next = NULL;
	if (l->q_tail)
		l->q_tail->next = x;
	else
		l->q_head = x;
	l->q_tail = x;
}

/* ---- finishing ---- */

void xch_close_fd(struct xch *x)
{
	xch_tls_free(x);
	if (x->fd < 0)
		return;
	if (x->spec.proto == XCH_TCP) {
		/* Abortive close: no TIME_WAIT left behind (see loop.h). */
		struct linger lg = {1, 0};
		(void)setsockopt(x->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(x->fd); /* also leaves the epoll set */
	x->fd = -1;
}

static void xch_free(struct xch *x)
{
	free(x->sendbuf);
	free(x->snibuf);
	free(x->buf);
	free(x);
}

void xch_finish(struct xch *x, enum xch_outcome o, int err)
{
	struct loop *l = x->l;
	int was_running = x->st != XS_QUEUED;
	xch_heap_del(l, x);
	xch_close_fd(x);
	if (was_running) {
		l->st.in_flight--;
		/* Release the host's slot before the callback, so a follow-up can use it. */
		struct host *h = x->host;
		h->active--;
		if (h->wait_head) {
			struct xch *w = h->wait_head;
			h->wait_head = w->next;
			if (!h->wait_head)
				h->wait_tail = NULL;
			h->active++;
			fifo_push(l, w);
		}
		host_drop_if_idle(l, h);
	}
	l->st.done++;
	l->st.by_outcome[o]++;
	struct exchange_result r = {
	    .outcome = o,
	    .err = err,
	    .data = x->buf,
	    .len = x->len,
	    .truncated = x->truncated,
	    .attempts = x->attempts,
	    .replies = x->replies,
	    .bytes_out = x->bytes_out,
	    .connect_us = x->connect_us,
	    .first_byte_us = x->first_us,
	    .total_us = was_running ? (uint32_t)(l->now - x->t_start) : 0,
	    .spec = &x->spec,
	};
	x->done(x->ctx, &r);
	xch_free(x);
}

enum xch_outcome xch_errno_outcome(int err, int connecting)
{
	switch (err) {
	case ECONNREFUSED:
		return XCH_REFUSED;
	case ECONNRESET:
	case EPIPE:
		return connecting ? XCH_REFUSED : XCH_RESET;
	case ENETUNREACH:
	case EHOSTUNREACH:
	case ENETDOWN:
	case EHOSTDOWN:
		return XCH_UNREACHABLE;
	case ETIMEDOUT:
		return XCH_TIMEOUT;
	default:
		return XCH_ERROR;
	}
}

/* ---- public ---- */

struct loop *loop_new(const struct loop_config *cfg, struct bs_err *e)
{
	struct loop *l = xcalloc(1, sizeof(*l));
	if (cfg)
		l->cfg = *cfg;
	if (!l->cfg.max_in_flight)
		l->cfg.max_in_flight = DEF_IN_FLIGHT;
	if (!l->cfg.per_host)
		l->cfg.per_host = DEF_PER_HOST;
	if (l->cfg.rate < 0)
		l->cfg.rate = 0;
	if (!l->cfg.burst) {
		double b = l->cfg.rate / 100.0;
		l->cfg.burst = b < 1 ? 1u : b > 1e6 ? 1000000u : (unsigned)b;
	}
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		rlim_t room =
		    rl.rlim_cur > 2 * FD_RESERVE ? rl.rlim_cur - FD_RESERVE : rl.rlim_cur / 2;
		if (room < 1)
			room = 1;
		if (l->cfg.max_in_flight > room)
			l->cfg.max_in_flight = (unsigned)room;
	}
	l->ep = epoll_create1(EPOLL_CLOEXEC);
	l->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (l->ep < 0 || l->evfd < 0) {
		int err = errno;
		if (l->ep >= 0)
			close(l->ep);
		if (l->evfd >= 0)
			close(l->evfd);
		free(l);
		bs_fail(e, "event loop: %s", strerror(err));
		return NULL;
	}
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
	if (epoll_ctl(l->ep, EPOLL_CTL_ADD, l->evfd, &ev) < 0) {
		int err = errno;
		close(l->ep);
		close(l->evfd);
		free(l);
		bs_fail(e, "event loop: %s", strerror(err));
		return NULL;
	}
	l->hosts_cap = 64;
	l->hosts = xcalloc(l->hosts_cap, sizeof(*l->hosts));
	l->now = xch_now_us();
	l->t_tokens = l->now;
	l->tokens = l->cfg.burst;
	return l;
}

int loop_submit(struct loop *l, const struct exchange_spec *spec, exchange_done_fn done, void *ctx)
{
	if (l->closing) {
		errno = ECANCELED;
		return -1;
	}
	int fam = spec->peer.ss_family;
	if (!done || (fam != AF_INET && fam != AF_INET6) || spec->peer_len > sizeof(spec->peer) ||
	    spec->peer_len <
	        (fam == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)) ||
	    (spec->send_len && !spec->send) || spec->proto > XCH_UDP_GATHER ||
	    (spec->proto != XCH_TCP && spec->send_len > 65507) ||
	    (spec->local_len && spec->local_len > sizeof(spec->local)) ||
	    (spec->tls && spec->proto != XCH_TCP)) {
		errno = EINVAL;
		return -1;
	}
	struct xch *x = xcalloc(1, sizeof(*x));
	x->l = l;
	x->spec = *spec;
	if (!x->spec.read_limit)
		x->spec.read_limit = DEF_READ_LIMIT;
	if (!x->spec.deadline_ms)
		x->spec.deadline_ms = DEF_DEADLINE_MS;
	if (!x->spec.idle_ms)
		x->spec.idle_ms = DEF_IDLE_MS;
	if (spec->send_len) {
		x->sendbuf = xmalloc(spec->send_len);
		memcpy(x->sendbuf, spec->send, spec->send_len);
	}
	x->spec.send = x->sendbuf;
	if (spec->tls && spec->tls_sni)
		x->snibuf = xstrdup(spec->tls_sni);
	x->spec.tls_sni = x->snibuf;
	x->done = done;
	x->ctx = ctx;
	x->fd = -1;
	x->heap_idx = SIZE_MAX;
	x->st = XS_QUEUED;
	x->host = host_get(l, &spec->peer);
	l->st.submitted++;
	l->st.queued++;
	if (x->host->active < l->cfg.per_host) {
		x->host->active++;
		fifo_push(l, x);
	} else {
		x->next = NULL;
		if (x->host->wait_tail)
			x->host->wait_tail->next = x;
		else
			x->host->wait_head = x;
		x->host->wait_tail = x;
	}
	return 0;
}

void loop_stop(struct loop *l)
{
	uint64_t one = 1;
	l->stop = 1;
	ssize_t n = write(l->evfd, &one, sizeof(one));
	(void)n;
}

void loop_get_stats(const struct loop *l, struct loop_stats *s)
{
	*s = l->st;
}

static void refill(struct loop *l)
{
	if (l->cfg.rate <= 0)
		return;
	double add = (double)(l->now - l->t_tokens) * l->cfg.rate / 1e6;
	l->t_tokens = l->now;
	l->tokens += add;
	if (l->tokens > l->cfg.burst)
		l->tokens = l->cfg.burst;
}

static void start_ready(struct loop *l)
{
	refill(l);
	while (l->q_head && l->st.in_flight < l->cfg.max_in_flight && !l->stop) {
		if (l->cfg.rate > 0) {
			if (l->tokens < 1)
				break;
			l->tokens -= 1;
		}
		struct xch *x = l->q_head;
		l->q_head = x->next;
		if (!l->q_head)
			l->q_tail = NULL;
		x->next = NULL;
		xch_start(l, x);
	}
}

/* epoll_wait timeout in ms: the next timer, or the next token if something waits for one. */
static int next_timeout(struct loop *l)
{
	uint64_t due = UINT64_MAX;
	if (l->nheap)
		due = l->heap[0]->key;
	if (l->q_head && l->st.in_flight < l->cfg.max_in_flight && l->cfg.rate > 0 &&
	    l->tokens < 1) {
		uint64_t t = l->now + (uint64_t)((1 - l->tokens) * 1e6 / l->cfg.rate) + 1;
		if (t < due)
			due = t;
	}
	if (due == UINT64_MAX)
		return -1;
	if (due <= l->now)
		return 0;
	uint64_t ms = (due - l->now + 999) / 1000;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

static void cancel_all(struct loop *l)
{
	l->closing = 1;
	while (l->nheap)
		xch_finish(l->heap[0], XCH_CANCELLED, 0);
	/* Finishing in-flight exchanges moved waiters to the FIFO; now drain both. */
	while (l->q_head) {
		struct xch *x = l->q_head;
		l->q_head = x->next;
		if (!l->q_head)
			l->q_tail = NULL;
		x->host->active--;
		l->st.queued--;
		struct host *h = x->host;
		xch_finish(x, XCH_CANCELLED, 0);
		host_drop_if_idle(l, h);
	}
	for (size_t i = 0; i < l->hosts_cap; i++) {
		for (struct host *h = l->hosts[i], *nx; h; h = nx) {
			nx = h->next;
			while (h->wait_head) {
				struct xch *x = h->wait_head;
				h->wait_head = x->next;
				if (!h->wait_head)
					h->wait_tail = NULL;
				l->st.queued--;
				xch_finish(x, XCH_CANCELLED, 0);
			}
			host_drop_if_idle(l, h);
		}
	}
	l->closing = 0;
}

int loop_run(struct loop *l, struct bs_err *e)
{
	struct epoll_event evs[MAX_EVENTS];
	l->now = xch_now_us();
	while (!l->stop && (l->q_head || l->st.in_flight)) {
		start_ready(l);
		if (!l->q_head && !l->st.in_flight)
			break;
		int n = epoll_wait(l->ep, evs, MAX_EVENTS, next_timeout(l));
		if (n < 0 && errno != EINTR) {
			int err = errno;
			cancel_all(l);
			return bs_fail(e, "epoll_wait: %s", strerror(err));
		}
		l->now = xch_now_us();
		for (int i = 0; i < n; i++) {
			struct xch *x = evs[i].data.ptr;
			if (!x) {
				uint64_t v;
				ssize_t r = read(l->evfd, &v, sizeof(v));
				(void)r;
				continue;
			}
			if (x->spec.proto == XCH_TCP)
				xch_tcp_event(x, evs[i].events);
			else
				xch_udp_event(x);
		}
		while (l->nheap && l->heap[0]->key <= l->now)
			xch_on_timer(l, l->heap[0]);
	}
	if (l->stop) {
		cancel_all(l);
		l->stop = 0;
		return 1;
	}
	return 0;
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	cancel_all(l);
	loop_tls_free(l);
	close(l->ep);
	close(l->evfd);
	free(l->heap);
	free(l->hosts);
	free(l);
}
