/* Private parts of the event loop, shared by loop.c (scheduling, hosts, the public calls) and
 * loop_io.c (starting an exchange, its TCP and UDP I/O, its timers). */
#ifndef BS_LOOP_INT_H
#define BS_LOOP_INT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "bansweep/loop.h"

#define DEF_READ_LIMIT  (16u * 1024)
#define DEF_DEADLINE_MS 10000u
#define DEF_IDLE_MS     3000u
#define DEF_IN_FLIGHT   1024u
#define DEF_PER_HOST    2u
#define FD_RESERVE      64u /* fds left to the rest of the process (store, logs, captures) */
#define MAX_EVENTS      256
#define DGRAM_MAX       65536

enum xstate { XS_QUEUED, XS_CONNECTING, XS_SENDING, XS_READING, XS_UDP };

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

#endif
