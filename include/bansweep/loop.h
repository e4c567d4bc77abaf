/* The event loop of active discovery: epoll plus a timer heap, running many "exchanges" at once.
 *
 * An exchange is one conversation with one peer, polite and credential-free:
 *   XCH_TCP         connect, send the request (may be empty: banner grab), read the reply until the
 *                   peer closes, the read limit is reached, spec.enough() says the reply is whole,
 *                   or a timeout fires. With spec.tls, a TLS handshake on the connected
 *                   socket first (loop_tls.c); the request and the reply then go through TLS
 *                   and every bound applies to the plaintext.
 *   XCH_UDP         a connected UDP socket: send one datagram, collect datagrams from that peer
 * until idle_ms passes without one (or max_replies came). No reply within idle_ms: resend, up to
 * `retries` times. ICMP port unreachable is reported as REFUSED. XCH_UDP_GATHER  discovery: send to
 * a group, broadcast or unicast address from an unconnected socket (optionally bound to spec.local,
 * multicast interface spec.ifindex), collect replies from ANY peer until the deadline; each is
 * handed to spec.on_dgram with its source. With retries, the 1 + retries sends are spread evenly
 * over the deadline.
 *
 * Scheduling: exchanges start in submission order, subject to a global rate limit (token bucket, in
 * new exchanges per second; retries are not counted), a cap on exchanges in flight (which bounds
 * fds and memory: each exchange keeps at most read_limit bytes), and a per-address concurrency
 * limit (the IP only, not the port), so that one device is never asked more than a few things at
 * once. An exchange waiting for its host does not hold up the exchanges behind it.
 *
 * TCP sockets are closed abortively (SO_LINGER 0, an RST) once the exchange is done: a scanner
 * opens tens of thousands of connections and TIME_WAIT would exhaust the ephemeral ports; the peer
 * has already said what it will say. The loop only sends to the addresses it is given.
 *
 * Threading: a loop belongs to one thread. loop_stop() is the exception: it is async-signal-safe
 * and may be called from a signal handler or another thread. */
#ifndef BANSWEEP_LOOP_H
#define BANSWEEP_LOOP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct bs_err;
struct loop;

enum xch_proto { XCH_TCP, XCH_UDP, XCH_UDP_GATHER };

enum xch_outcome {
	XCH_OK,          /* TCP: peer closed, limit reached or enough(); UDP: at least one reply */
	XCH_TIMEOUT,     /* idle or overall deadline (data received so far is still delivered) */
	XCH_REFUSED,     /* TCP RST to the SYN, or ICMP port unreachable for UDP */
	XCH_RESET,       /* connection reset (or EPIPE) after it was established */
	XCH_UNREACHABLE, /* no route, host or network unreachable (err says which) */
	XCH_ERROR,       /* anything else locally (err holds errno: EMFILE, EADDRNOTAVAIL, ...) */
	XCH_CANCELLED,   /* loop_stop() or loop_free() before the exchange finished */
	XCH_TLS, /* spec.tls: no TLS handshake (the peer does not speak TLS, sent an alert, or has
	          * nothing in common with us) or a broken record after it; err is 0 */
	XCH_NOUTCOMES
};

const char *xch_outcome_name(enum xch_outcome o); /* "ok", "timeout", ... */

struct exchange_result;

/* Called once per exchange, when it ends (whatever the outcome). r and everything it points to are
 * valid only during the call. The callback may submit new exchanges (follow-up requests) and may
 * call loop_stop(). */
typedef void (*exchange_done_fn)(void *ctx, const struct exchange_result *r);

struct exchange_spec {
	struct sockaddr_storage peer; /* IPv4 or IPv6 address and port */
	socklen_t peer_len;
	enum xch_proto proto;
	const void *send; /* request bytes, copied by loop_submit; may be NULL with send_len 0 */
	size_t send_len;
	size_t read_limit;    /* max bytes kept (UDP: payload bytes over all replies); 0: 16 KiB */
	unsigned deadline_ms; /* whole exchange including retries; 0: 10000 */
	unsigned idle_ms;     /* without progress (connect, bytes out or in); 0: 3000 */
	unsigned
	    connect_ms; /* TCP: a connection not answered (SYN-ACK or RST) this long; 0: idle_ms */
	unsigned retries;     /* extra attempts on TCP connect timeout or UDP no answer */
	unsigned max_replies; /* UDP: finish after this many datagrams; 0: until idle / deadline */
	int connect_only;     /* TCP: done (OK) once connected: a presence probe */
	/* Optional: called after each TCP read with all bytes so far; nonzero ends the exchange OK
	 * (e.g. a banner line or HTTP headers are complete), so the scan does not wait for idle_ms.
	 */
	int (*enough)(void *ctx, const uint8_t *data, size_t len);
	/* Optional for XCH_UDP, expected for XCH_UDP_GATHER: each datagram as it comes, with its
	 * source. When set, datagrams are not also kept in the result. */
	void (*on_dgram)(void *ctx, const struct sockaddr *from, socklen_t fromlen,
	                 const uint8_t *data, size_t len);
	/* XCH_UDP_GATHER only: source address to bind (local_len 0: any), SO_BROADCAST, multicast
	 * interface index (0: by the bound address or the routing table) and TTL/hops (0: 1). */
	struct sockaddr_storage local;
	socklen_t local_len;
	int broadcast;
	unsigned ifindex;
	unsigned ttl;
	/* XCH_UDP_GATHER to an IPv4 group: also listen on the group's port and join it on ifindex
	 * (some devices, Hikvision SADP and Dahua DHIP, answer to the group instead of the sender);
	 * the socket is bound to the port with SO_REUSEADDR and does not hear its own sends. */
	int join;
	/* XCH_TCP: speak TLS once connected, then send and read through it (HTTPS). Nothing is
	 * verified: a scanner reads what a device says and trusts none of it. Old protocol
	 * versions (from TLS 1.0) and weak keys and ciphers are accepted, as embedded devices
	 * still use them. The result's data is the plaintext; bytes_out and the loop's byte counts
	 * are what crossed the wire (handshake included). tls_sni: the server name to send (copied
	 * by loop_submit), NULL: none (RFC 6066 §3 allows no IP address literal there). */
	int tls;
	const char *tls_sni;
};

struct exchange_result {
	enum xch_outcome outcome;
	int err; /* errno behind REFUSED/RESET/UNREACHABLE/ERROR, else 0 */
	/* TCP: the bytes read. UDP without on_dgram: the datagrams, each preceded by its length as
	 * 2 bytes big-endian; walk them with xch_dgram_next(). */
	const uint8_t *data;
	size_t len;
	int truncated;     /* the read limit was reached */
	unsigned attempts; /* 1 + retries used */
	unsigned replies;  /* UDP datagrams received */
	uint64_t bytes_out;
	uint32_t connect_us, first_byte_us, total_us; /* from the start of the exchange; 0: never */
	const struct exchange_spec *spec; /* as submitted (send points to the loop's copy) */
};

/* Iterates the datagrams of a UDP result: start with *off = 0; returns 1 with *p, *n set, or 0 at
 * the end. */
int xch_dgram_next(const struct exchange_result *r, size_t *off, const uint8_t **p, size_t *n);

struct loop_config {
	unsigned max_in_flight; /* 0: 1024; clamped below RLIMIT_NOFILE */
	unsigned per_host;      /* exchanges in flight to one IP address; 0: 2 */
	double rate;            /* new exchanges per second; 0: unlimited */
	unsigned burst;         /* token bucket depth; 0: rate/100 (10 ms worth), at least 1 */
};

struct loop_stats {
	uint64_t submitted, started, done;
	uint64_t by_outcome[XCH_NOUTCOMES];
	uint64_t retries;
	uint64_t bytes_in, bytes_out;
	unsigned queued, in_flight; /* now */
};

/* Returns a new loop, or NULL with e set (epoll or eventfd could not be created). cfg may be NULL
 * for the defaults. */
struct loop *loop_new(const struct loop_config *cfg, struct bs_err *e);
/* Cancels what is still queued or in flight (done callbacks run with XCH_CANCELLED), then frees. */
void loop_free(struct loop *l);

/* Queues an exchange; spec is copied (with its send bytes). done is called exactly once, from
 * inside loop_run or loop_free. Returns 0, or -1 with errno (EINVAL: bad spec; ECANCELED: the loop
 * is stopping) and then done will not be called. */
int loop_submit(struct loop *l, const struct exchange_spec *spec, exchange_done_fn done, void *ctx);

/* Runs until nothing is queued or in flight (0), or until loop_stop (1: what remained was
 * cancelled), or -1 with e set if epoll fails. */
int loop_run(struct loop *l, struct bs_err *e);
/* Async-signal-safe: asks loop_run to end soon. */
void loop_stop(struct loop *l);

void loop_get_stats(const struct loop *l, struct loop_stats *s);

#endif
