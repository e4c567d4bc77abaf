/* Private parts of the event loop, shared by loop.c (scheduling, hosts, the public calls),
 * loop_io.c (starting an exchange, its TCP and UDP I/O, its timers) and loop_tls.c (TLS over a
 * TCP exchange). */
#ifndef BS_LOOP_INT_H
#define BS_LOOP_INT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bansweep/loop.h"

#define DEF_READ_LIMIT  (16u * 1024)
#define DEF_DEADLINE_MS 10000u
#define DEF_IDLE_MS     3000u
#define DEF_IN_FLIGHT   1024u
#define DEF_PER_HOST    2u
#define FD_RESERVE      64u /* fds left to the rest of the process (store, logs, captures) */
#define MAX_EVENTS      256
#define DGRAM_MAX       65536

enum xstate { XS_QUEUED, XS_CONNECTING, XS_HANDSHAKE, XS_SENDING, XS_READING, XS_UDP };

/* OpenSSL's types, by their struct tags: only loop_tls.c includes OpenSSL. */
struct ssl_st;
struct ssl_ctx_st;
struct bio_method_st;

struct host {
	struct host *next;
	uint8_t fam;
	uint8_t addr[16];
	unsigned active; /* in flight or in the start FIFO */
	struct xch *wait_head, *wait_tail;
};

struct xch {
	struct loop *l;
	struct exchange_spec spec;
	uint8_t *sendbuf;
	char *snibuf; /* the loop's copy of spec.tls_sni */
	exchange_done_fn done;
	void *ctx;
	struct host *host;
	struct xch *next; /* FIFO or host wait list */
	enum xstate st;
	int fd;
	size_t heap_idx;
	uint64_t key;        /* heap key, µs */
	uint64_t t_start;    /* µs */
	uint64_t t_deadline; /* µs */
	uint64_t t_idle;     /* µs: idle expiry */
	uint64_t t_resend;   /* µs: gather's next send, UINT64_MAX when none */
	uint64_t resend_gap;
	size_t sent;
	unsigned attempts, replies;
	uint64_t bytes_out;
	uint32_t connect_us, first_us;
	uint8_t *buf;
	size_t len, cap;
	size_t handed; /* bytes given to on_dgram: they count against the limit too */
	int truncated;
	struct ssl_st *ssl; /* spec.tls, once connected */
	uint32_t tls_want;  /* EPOLLIN or EPOLLOUT: what the last TLS call waits for */
	uint32_t ev;        /* the epoll interest set last (TLS exchanges) */
	int tls_err;        /* errno of the last failed socket call under TLS */
	int tls_eof;        /* the peer closed under TLS */
};

struct loop {
	int ep, evfd;
	volatile sig_atomic_t stop;
	int closing; /* cancelling: submissions are refused */
	struct loop_config cfg;
	uint64_t now;
	double tokens;
	uint64_t t_tokens;
	struct xch *q_head, *q_tail; /* may start now */
	struct xch **heap;           /* every exchange in flight is here */
	size_t nheap, heap_cap;
	struct host **hosts;
	size_t nhosts, hosts_cap; /* cap is a power of two */
	struct loop_stats st;
	struct ssl_ctx_st *tls_ctx;    /* made by the first TLS exchange */
	struct bio_method_st *tls_bio; /* its socket I/O (loop_tls.c) */
	uint8_t scratch[DGRAM_MAX];
};

void xch_close_fd(struct xch *x);
enum xch_outcome xch_errno_outcome(int err, int connecting);
void xch_finish(struct xch *x, enum xch_outcome o, int err);
void xch_heap_add(struct loop *l, struct xch *x);
void xch_heap_del(struct loop *l, struct xch *x);
uint64_t xch_min3(uint64_t a, uint64_t b, uint64_t c);
void xch_rekey(struct loop *l, struct xch *x);
void xch_on_timer(struct loop *l, struct xch *x);
void xch_start(struct loop *l, struct xch *x);
void xch_tcp_event(struct xch *x, uint32_t ev);
void xch_udp_event(struct xch *x);
void xch_progress(struct xch *x);

/* loop_tls.c. The I/O calls behave like recv() and send() on a non-blocking socket: > 0 bytes,
 * 0 (recv: the peer closed), or -1 with errno, EAGAIN when TLS waits for x->tls_want, EPROTO on
 * a TLS failure (-> XCH_TLS). */
int xch_tls_start(struct xch *x);     /* after connect: 0, or an errno value */
int xch_tls_handshake(struct xch *x); /* 1 done, 0 waiting (x->tls_want), -1 with errno */
ssize_t xch_tls_recv(struct xch *x, void *buf, size_t n);
ssize_t xch_tls_send(struct xch *x, const void *buf, size_t n);
void xch_tls_free(struct xch *x);   /* the exchange's TLS state, if any */
void loop_tls_free(struct loop *l); /* the loop's context */

#endif
