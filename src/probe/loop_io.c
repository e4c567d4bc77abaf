/* The event loop's per-exchange work: opening the socket, connecting, sending, reading TCP and
 * UDP, and what a timer firing means for an exchange (see loop.c for the structure). With
 * spec.tls, the same steps go through loop_tls.c once connected. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "probe/loop_int.h"
#include "util/banned.h"

/* ---- starting ---- */

void xch_progress(struct xch *x)
{
	unsigned ms =
	    x->st == XS_CONNECTING && x->spec.connect_ms ? x->spec.connect_ms : x->spec.idle_ms;
	x->t_idle = x->l->now + (uint64_t)ms * 1000u;
}

static int ep_set(struct xch *x, uint32_t ev, int op)
{
	struct epoll_event e = {.events = ev, .data.ptr = x};
	return epoll_ctl(x->l->ep, op, x->fd, &e);
}

static int udp_send(struct xch *x)
{
	ssize_t n;
	x->attempts++;
	if (x->spec.proto == XCH_UDP_GATHER)
		n = sendto(x->fd, x->sendbuf, x->spec.send_len, MSG_NOSIGNAL,
		           (const struct sockaddr *)&x->spec.peer, x->spec.peer_len);
	else
		n = send(x->fd, x->sendbuf, x->spec.send_len, MSG_NOSIGNAL);
	if (n < 0)
		return -1;
	x->bytes_out += (uint64_t)n;
	x->l->st.bytes_out += (uint64_t)n;
	return 0;
}

/* Listens on the group's port (any address: group datagrams are not delivered to a socket bound
 * to a unicast address) and joins the group on the interface. */
static int join_group(int fd, const struct exchange_spec *s)
{
	const struct sockaddr_in *g = (const struct sockaddr_in *)&s->peer;
	int one = 1, zero = 0;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero, sizeof(zero)) < 0)
		return -1;
	struct sockaddr_in any;
	memset(&any, 0, sizeof(any));
	any.sin_family = AF_INET;
	any.sin_port = g->sin_port;
	if (!s->local_len && bind(fd, (const struct sockaddr *)&any, sizeof(any)) < 0)
		return -1;
	struct ip_mreqn mr;
	memset(&mr, 0, sizeof(mr));
	mr.imr_multiaddr = g->sin_addr;
	mr.imr_ifindex = (int)s->ifindex;
	return setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr));
}

static int gather_opts(struct xch *x)
{
	const struct exchange_spec *s = &x->spec;
	int one = 1;
	int ttl = s->ttl ? (int)s->ttl : 1;
	if (s->broadcast && setsockopt(x->fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0)
		return -1;
	if (s->local_len && bind(x->fd, (const struct sockaddr *)&s->local, s->local_len) < 0)
		return -1;
	if (s->join && s->peer.ss_family == AF_INET && join_group(x->fd, s) < 0)
		return -1;
	if (s->peer.ss_family == AF_INET) {
		if (setsockopt(x->fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)) < 0)
			return -1;
		struct ip_mreqn mr;
		memset(&mr, 0, sizeof(mr));
		if (s->local_len && s->local.ss_family == AF_INET)
			memcpy(&mr.imr_address,
			       (const char *)&s->local + offsetof(struct sockaddr_in, sin_addr),
			       sizeof(mr.imr_address));
		mr.imr_ifindex = (int)s->ifindex;
		if ((s->ifindex || mr.imr_address.s_addr) &&
		    setsockopt(x->fd, IPPROTO_IP, IP_MULTICAST_IF, &mr, sizeof(mr)) < 0)
			return -1;
	} else {
		if (setsockopt(x->fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &ttl, sizeof(ttl)) < 0)
			return -1;
		int ifi = (int)s->ifindex;
		if (ifi &&
		    setsockopt(x->fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifi, sizeof(ifi)) < 0)
			return -1;
	}
	return 0;
}

/* Opens the socket of one attempt; returns 0, or an errno value. */
static int attempt_open(struct xch *x)
{
	int tcp = x->spec.proto == XCH_TCP;
	x->fd = socket(x->spec.peer.ss_family,
	               (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (x->fd < 0)
		return errno;
	if (tcp) {
		x->attempts++;
		if (connect(x->fd, (const struct sockaddr *)&x->spec.peer, x->spec.peer_len) < 0 &&
		    errno != EINPROGRESS)
			return errno;
		x->st = XS_CONNECTING;
		if (ep_set(x, EPOLLOUT, EPOLL_CTL_ADD) < 0)
			return errno;
	} else {
		if (x->spec.proto == XCH_UDP) {
			/* Connected: the kernel drops other peers' datagrams and reports ICMP
			 * port unreachable as ECONNREFUSED. */
			if (connect(x->fd, (const struct sockaddr *)&x->spec.peer,
			            x->spec.peer_len) < 0)
				return errno;
		} else if (gather_opts(x) < 0) {
			return errno;
		}
		x->st = XS_UDP;
		if (ep_set(x, EPOLLIN, EPOLL_CTL_ADD) < 0)
			return errno;
		if (udp_send(x) < 0)
			return errno;
	}
	xch_progress(x);
	return 0;
}

void xch_start(struct loop *l, struct xch *x)
{
	l->st.started++;
	l->st.in_flight++;
	l->st.queued--;
	x->t_start = l->now;
	x->t_deadline = l->now + (uint64_t)x->spec.deadline_ms * 1000u;
	x->t_resend = UINT64_MAX;
	if (x->spec.proto == XCH_UDP_GATHER && x->spec.retries) {
		x->resend_gap = (uint64_t)x->spec.deadline_ms * 1000u / (x->spec.retries + 1u);
		x->t_resend = l->now + x->resend_gap;
	}
	x->st = XS_CONNECTING;
	xch_progress(x);
	x->key = xch_min3(x->t_deadline, x->t_idle, x->t_resend);
	xch_heap_add(l, x);
	int err = attempt_open(x);
	if ((err == EMFILE || err == ENFILE) && l->st.in_flight > 1) {
		/* Out of descriptors (the process holds others, or the system is short): back
		 * to the head of the queue, keeping its host slot, and no more in flight than
		 * now; it starts when another exchange gives its descriptor back. */
		xch_close_fd(x);
		xch_heap_del(l, x);
		x->attempts = 0;
		x->st = XS_QUEUED;
		l->st.started--;
		l->st.in_flight--;
		l->st.queued++;
		l->cfg.max_in_flight = l->st.in_flight;
		x->next = l->q_head;
		l->q_head = x;
		if (!l->q_tail)
			l->q_tail = x;
		return;
	}
	if (err) {
		xch_finish(x, xch_errno_outcome(err, 1), err);
		return;
	}
	xch_rekey(l, x);
}

/* ---- I/O ---- */

/* Makes room for at least one more byte within the read limit; -1 on ENOMEM. */
static int grow(struct xch *x)
{
	if (x->len < x->cap)
		return 0;
	size_t ncap = x->cap ? x->cap * 2 : 2048;
	if (ncap > x->spec.read_limit)
		ncap = x->spec.read_limit;
	uint8_t *nb = realloc(x->buf, ncap);
	if (!nb)
		return -1;
	x->buf = nb;
	x->cap = ncap;
	return 0;
}

static void got_first(struct xch *x)
{
	if (!x->first_us)
		x->first_us = (uint32_t)(x->l->now - x->t_start) | 1u;
}

/* The outcome of a failed TCP read or write: a TLS failure (loop_tls.c says EPROTO) has its own,
 * with no errno behind it. */
static void fail_io(struct xch *x, int err)
{
	if (x->ssl && err == EPROTO)
		xch_finish(x, XCH_TLS, 0);
	else
		xch_finish(x, xch_errno_outcome(err, 0), err);
}

/* Returns 1 when the exchange was finished. */
static int tcp_read(struct xch *x)
{
	struct loop *l = x->l;
	for (;;) {
		if (x->len >= x->spec.read_limit) {
			x->truncated = 1;
			xch_finish(x, XCH_OK, 0);
			return 1;
		}
		if (grow(x) < 0) {
			xch_finish(x, XCH_ERROR, ENOMEM);
			return 1;
		}
		ssize_t n = x->ssl ? xch_tls_recv(x, x->buf + x->len, x->cap - x->len)
		                   : recv(x->fd, x->buf + x->len, x->cap - x->len, 0);
		if (n == 0) {
			xch_finish(x, XCH_OK, 0);
			return 1;
		}
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == EINTR)
				continue;
			fail_io(x, errno);
			return 1;
		}
		got_first(x);
		x->len += (size_t)n;
		if (!x->ssl)
			l->st.bytes_in += (uint64_t)n; /* TLS: counted on the wire (loop_tls.c) */
		xch_progress(x);
		if (x->spec.enough && x->spec.enough(x->ctx, x->buf, x->len)) {
			xch_finish(x, XCH_OK, 0);
			return 1;
		}
	}
}

/* Sends what is left of the request; returns 1 when the exchange was finished. Once all is sent
 * the exchange reads (a plain socket's interest is changed here, a TLS one's by tls_io). */
static int tcp_send(struct xch *x)
{
	struct loop *l = x->l;
	const uint8_t *p = x->sendbuf + x->sent;
	size_t left = x->spec.send_len - x->sent;
	ssize_t n = x->ssl ? xch_tls_send(x, p, left) : send(x->fd, p, left, MSG_NOSIGNAL);
	if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
		fail_io(x, errno);
		return 1;
	}
	if (n > 0) {
		x->sent += (size_t)n;
		if (!x->ssl) {
			x->bytes_out += (uint64_t)n;
			l->st.bytes_out += (uint64_t)n;
		}
		xch_progress(x);
	}
	if (x->sent == x->spec.send_len) {
		x->st = XS_READING;
		if (!x->ssl && ep_set(x, EPOLLIN, EPOLL_CTL_MOD) < 0) {
			xch_finish(x, XCH_ERROR, errno);
			return 1;
		}
	}
	return 0;
}

/* TLS after the handshake: the write is retried on any readiness (a TLS write may wait for
 * input), then everything readable is read; the interest is EPOLLIN, plus EPOLLOUT while a
 * write or read waits for room to send. Level-triggered epoll never misses plaintext that
 * OpenSSL holds decrypted: tcp_read reads until OpenSSL itself needs the socket. */
static void tls_io(struct xch *x)
{
	uint32_t want = 0;
	if (x->st == XS_SENDING) {
		x->tls_want = 0;
		if (tcp_send(x))
			return;
		if (x->st == XS_SENDING)
			want |= x->tls_want;
	}
	x->tls_want = 0;
	if (tcp_read(x))
		return;
	want |= x->tls_want;
	uint32_t ev = EPOLLIN | (want & EPOLLOUT);
	if (ev != x->ev) {
		x->ev = ev;
		if (ep_set(x, ev, EPOLL_CTL_MOD) < 0)
			xch_finish(x, XCH_ERROR, errno);
	}
}

/* The TLS handshake, one step per readiness; when it is over the request goes out at once. */
static void tls_handshake(struct xch *x)
{
	int r = xch_tls_handshake(x);
	if (r < 0) {
		fail_io(x, errno);
		return;
	}
	if (r == 0) {
		if (x->tls_want != x->ev) {
			x->ev = x->tls_want;
			if (ep_set(x, x->ev, EPOLL_CTL_MOD) < 0)
				xch_finish(x, XCH_ERROR, errno);
		}
		return;
	}
	x->st = x->sent < x->spec.send_len ? XS_SENDING : XS_READING;
	xch_progress(x);
	tls_io(x);
}

void xch_tcp_event(struct xch *x, uint32_t ev)
{
	struct loop *l = x->l;
	if (x->st == XS_CONNECTING) {
		int err = 0;
		socklen_t sl = sizeof(err);
		if (getsockopt(x->fd, SOL_SOCKET, SO_ERROR, &err, &sl) < 0)
			err = errno;
		if (err) {
			xch_finish(x, xch_errno_outcome(err, 1), err);
			return;
		}
		if (!(ev & EPOLLOUT)) {
			/* Hung up without an error or writability: level-triggered epoll would
			 * report it again and again, so end here. */
			if (ev & (EPOLLHUP | EPOLLERR))
				xch_finish(x, XCH_RESET, ECONNRESET);
			return;
		}
		x->connect_us = (uint32_t)(l->now - x->t_start) | 1u;
		if (x->spec.connect_only) {
			xch_finish(x, XCH_OK, 0);
			return;
		}
		if (x->spec.tls) {
			err = xch_tls_start(x);
			if (err) {
				xch_finish(x, XCH_ERROR, err);
				return;
			}
			x->st = XS_HANDSHAKE;
			x->ev = EPOLLOUT;
			xch_progress(x);
			tls_handshake(x); /* the ClientHello goes out now */
			return;
		}
		x->st = x->sent < x->spec.send_len ? XS_SENDING : XS_READING;
		xch_progress(x);
		if (ep_set(x, x->st == XS_SENDING ? EPOLLIN | EPOLLOUT : EPOLLIN, EPOLL_CTL_MOD) <
		    0) {
			err = errno;
			xch_finish(x, XCH_ERROR, err);
			return;
		}
		return;
	}
	if (x->st == XS_HANDSHAKE) {
		tls_handshake(x);
		return;
	}
	if (x->ssl) {
		tls_io(x);
		return;
	}
	/* Read first: a peer may speak before we do (SSH, FTP, SMTP banners). */
	if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) && tcp_read(x))
		return;
	if (x->st == XS_SENDING && (ev & EPOLLOUT))
		(void)tcp_send(x);
}

/* Keeps one datagram (or what fits of it) with its 2-byte length; 1 when the limit is reached. */
static int keep_dgram(struct xch *x, const uint8_t *p, size_t n)
{
	size_t room = x->spec.read_limit - x->len;
	size_t m = n < room ? n : room;
	uint8_t *nb = realloc(x->buf, x->len + 2 + m);
	if (!nb)
		return -1;
	x->buf = nb;
	x->buf[x->len] = (uint8_t)(m >> 8);
	x->buf[x->len + 1] = (uint8_t)m;
	memcpy(x->buf + x->len + 2, p, m);
	x->len += 2 + m;
	x->cap = x->len;
	if (m < n || x->len >= x->spec.read_limit)
		x->truncated = 1;
	return x->truncated;
}

void xch_udp_event(struct xch *x)
{
	struct loop *l = x->l;
	/* Bounded per wake-up so that a flood from one peer cannot starve the others. */
	for (int i = 0; i < 64; i++) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(x->fd, l->scratch, sizeof(l->scratch), MSG_TRUNC,
		                     (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EINTR)
				continue;
			int err = errno;
			if (x->replies)
				xch_finish(x, XCH_OK, 0);
			else
				xch_finish(x, xch_errno_outcome(err, 1), err);
			return;
		}
		size_t got = (size_t)n < sizeof(l->scratch) ? (size_t)n : sizeof(l->scratch);
		got_first(x);
		x->replies++;
		l->st.bytes_in += got;
		xch_progress(x);
		int full;
		if (x->spec.on_dgram) {
			size_t room = x->spec.read_limit - x->handed;
			size_t m = got < room ? got : room;
			x->spec.on_dgram(x->ctx, (const struct sockaddr *)&from, fl, l->scratch, m);
			x->handed += m;
			full = x->handed >= x->spec.read_limit;
			x->truncated |= full;
		} else {
			full = keep_dgram(x, l->scratch, got);
			if (full < 0) {
				xch_finish(x, XCH_ERROR, ENOMEM);
				return;
			}
		}
		if (full || (x->spec.max_replies && x->replies >= x->spec.max_replies)) {
			xch_finish(x, XCH_OK, 0);
			return;
		}
	}
}

void xch_on_timer(struct loop *l, struct xch *x)
{
	uint64_t now = l->now;
	int udp = x->spec.proto != XCH_TCP;
	if (now >= x->t_deadline) {
		xch_finish(x, udp && x->replies ? XCH_OK : XCH_TIMEOUT, 0);
		return;
	}
	if (x->spec.proto == XCH_UDP_GATHER) {
		/* Gather listens until the deadline; idle does not end it. */
		x->t_idle = UINT64_MAX;
		if (now >= x->t_resend) {
			l->st.retries++;
			if (udp_send(x) < 0 && x->replies == 0) {
				int err = errno;
				xch_finish(x, xch_errno_outcome(err, 1), err);
				return;
			}
			x->t_resend += x->resend_gap;
			if (x->attempts > x->spec.retries)
				x->t_resend = UINT64_MAX;
		}
		xch_rekey(l, x);
		return;
	}
	if (now < x->t_idle) {
		xch_rekey(l, x); /* progress since the key was set */
		return;
	}
	int can_retry = x->attempts <= x->spec.retries;
	if (x->spec.proto == XCH_TCP && x->st == XS_CONNECTING && can_retry) {
		l->st.retries++;
		xch_close_fd(x);
		int err = attempt_open(x);
		if (err)
			xch_finish(x, xch_errno_outcome(err, 1), err);
		else
			xch_rekey(l, x);
		return;
	}
	if (x->spec.proto == XCH_UDP && x->replies == 0 && can_retry) {
		l->st.retries++;
		if (udp_send(x) < 0) {
			int err = errno;
			xch_finish(x, xch_errno_outcome(err, 1), err);
			return;
		}
		xch_progress(x);
		xch_rekey(l, x);
		return;
	}
	xch_finish(x, udp && x->replies ? XCH_OK : XCH_TIMEOUT, 0);
}
