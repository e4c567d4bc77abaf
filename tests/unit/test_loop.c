/* The probe event loop against small servers started here on loopback (ports chosen by the
 * kernel): banners, request/response, silent, endless, resetting and closed peers, UDP answers and
 * silence, the rate and per-host limits, follow-ups submitted from callbacks, and many exchanges
 * without an fd leak. No traffic leaves 127.0.0.1. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "unit/cm.h"

#include "bansweep/err.h"
#include "bansweep/loop.h"

enum mode {
	M_BANNER,       /* send a banner, close */
	M_ECHO,         /* read a line, answer "echo:" + line, close */
	M_SILENT,       /* accept, never send */
	M_BANNER_HOLD,  /* send a banner, keep the connection open */
	M_ENDLESS,      /* send headers forever */
	M_RESET,        /* accept, close with an RST */
	M_HOLD,         /* send "hi", hold HOLD_MS, close; counts concurrent connections */
	M_ACCEPT_CLOSE, /* accept, close */
	M_UDP_ECHO,     /* answer "pong:" + datagram */
	M_UDP_SILENT,   /* count datagrams, never answer */
	M_UDP_MULTI,    /* answer from three different sockets */
};

#define HOLD_MS 25

struct srv {
	enum mode mode;
	int fd;
	uint16_t port;
	int stop[2];
	pthread_t th;
	atomic_int live; /* connection threads running */
	atomic_int cur, max, conns, dgrams;
	int held[64];
	int nheld;
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct conn {
	struct srv *s;
	int fd;
};

static void *conn_main(void *arg)
{
	struct conn *c = arg;
	struct srv *s = c->s;
	int fd = c->fd;
	free(c);
	if (s->mode == M_ECHO) {
		char line[256] = "echo:";
		size_t n = 5;
		while (n < sizeof(line) - 1) {
			ssize_t r = recv(fd, line + n, 1, 0);
			if (r <= 0)
				break;
			if (line[n++] == '\n')
				break;
		}
		(void)!send(fd, line, n, MSG_NOSIGNAL);
	} else if (s->mode == M_ENDLESS) {
		char hdr[] = "X-Endless: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
		(void)!send(fd, "HTTP/1.1 200 OK\r\n", 17, MSG_NOSIGNAL);
		for (int i = 0; i < 1000000; i++)
			if (send(fd, hdr, sizeof(hdr) - 1, MSG_NOSIGNAL) < 0)
				break;
	} else if (s->mode == M_HOLD) {
		int c2 = atomic_fetch_add(&s->cur, 1) + 1;
		int m = atomic_load(&s->max);
		while (c2 > m && !atomic_compare_exchange_weak(&s->max, &m, c2))
			;
		(void)!send(fd, "hi", 2, MSG_NOSIGNAL);
		usleep(HOLD_MS * 1000);
		atomic_fetch_sub(&s->cur, 1);
	}
	close(fd);
	atomic_fetch_sub(&s->live, 1);
	return NULL;
}

static void tcp_accept(struct srv *s)
{
	int fd = accept(s->fd, NULL, NULL);
	if (fd < 0)
		return;
	atomic_fetch_add(&s->conns, 1);
	switch (s->mode) {
	case M_BANNER:
		(void)!send(fd, "SSH-2.0-Test\r\n", 14, MSG_NOSIGNAL);
		close(fd);
		break;
	case M_ACCEPT_CLOSE:
		close(fd);
		break;
	case M_RESET: {
		struct linger lg = {1, 0};
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fd);
		break;
	}
	case M_BANNER_HOLD:
		(void)!send(fd, "SSH-2.0-Test\r\n", 14, MSG_NOSIGNAL);
		/* fall through */
	case M_SILENT:
		if (s->nheld < 64)
			s->held[s->nheld++] = fd;
		else
			close(fd);
		break;
	default: {
		struct conn *c = malloc(sizeof(*c));
		c->s = s;
		c->fd = fd;
		pthread_t t;
		atomic_fetch_add(&s->live, 1);
		pthread_create(&t, NULL, conn_main, c);
		pthread_detach(t);
	}
	}
}

static void udp_recv(struct srv *s)
{
	char b[2048];
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	ssize_t n = recvfrom(s->fd, b + 5, sizeof(b) - 5, 0, (struct sockaddr *)&from, &fl);
	if (n < 0)
		return;
	atomic_fetch_add(&s->dgrams, 1);
	memcpy(b, "pong:", 5);
	if (s->mode == M_UDP_ECHO) {
		sendto(s->fd, b, (size_t)n + 5, 0, (struct sockaddr *)&from, fl);
	} else if (s->mode == M_UDP_MULTI) {
		for (int i = 0; i < 3; i++) {
			int u = socket(AF_INET, SOCK_DGRAM, 0);
			sendto(u, b, (size_t)n + 5, 0, (struct sockaddr *)&from, fl);
			close(u);
		}
	}
}

static void *srv_main(void *arg)
{
	struct srv *s = arg;
	for (;;) {
		struct pollfd p[2] = {{s->fd, POLLIN, 0}, {s->stop[0], POLLIN, 0}};
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[1].revents)
			break;
		if (p[0].revents) {
			if (s->mode >= M_UDP_ECHO)
				udp_recv(s);
			else
				tcp_accept(s);
		}
	}
	return NULL;
}

static struct srv *srv_start(enum mode m)
{
	struct srv *s = calloc(1, sizeof(*s));
	s->mode = m;
	s->fd = socket(AF_INET, (m >= M_UDP_ECHO ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	socklen_t al = sizeof(a);
	getsockname(s->fd, (struct sockaddr *)&a, &al);
	s->port = ntohs(a.sin_port);
	if (m < M_UDP_ECHO)
		assert_int_equal(listen(s->fd, 4096), 0);
	assert_int_equal(pipe2(s->stop, O_CLOEXEC), 0);
	pthread_create(&s->th, NULL, srv_main, s);
	return s;
}

static void srv_stop(struct srv *s)
{
	(void)!write(s->stop[1], "x", 1);
	pthread_join(s->th, NULL);
	while (atomic_load(&s->live) > 0)
		usleep(1000);
	for (int i = 0; i < s->nheld; i++)
		close(s->held[i]);
	close(s->fd);
	close(s->stop[0]);
	close(s->stop[1]);
	free(s);
}

static struct exchange_spec spec_to(uint16_t port, enum xch_proto p)
{
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	/* Built apart and copied in: writing a sockaddr_storage through a sockaddr_in pointer is an
	 * aliasing violation that optimised builds exploit. */
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(port);
	memcpy(&sp.peer, &a, sizeof(a));
	sp.peer_len = sizeof(a);
	sp.proto = p;
	return sp;
}

/* What one exchange ended with. */
struct got {
	int calls;
	enum xch_outcome o;
	int err;
	char data[70000];
	size_t len;
	int truncated;
	unsigned attempts, replies;
	uint32_t total_us, connect_us;
};

static void on_done(void *ctx, const struct exchange_result *r)
{
	struct got *g = ctx;
	g->calls++;
	g->o = r->outcome;
	g->err = r->err;
	g->len = r->len < sizeof(g->data) ? r->len : sizeof(g->data);
	if (g->len)
		memcpy(g->data, r->data, g->len);
	g->truncated = r->truncated;
	g->attempts = r->attempts;
	g->replies = r->replies;
	g->total_us = r->total_us;
	g->connect_us = r->connect_us;
}

static struct got G;

static void run_one(struct exchange_spec *sp)
{
	memset(&G, 0, sizeof(G));
	struct bs_err e;
	struct loop *l = loop_new(NULL, &e);
	assert_non_null(l);
	assert_int_equal(loop_submit(l, sp, on_done, &G), 0);
	assert_int_equal(loop_run(l, &e), 0);
	assert_int_equal(G.calls, 1);
	loop_free(l);
}

static void t_banner(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_BANNER);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, 14);
	assert_memory_equal(G.data, "SSH-2.0-Test\r\n", 14);
	srv_stop(s);
}

static void t_echo(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_ECHO);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	sp.send = "GET / HTTP/1.0\n";
	sp.send_len = 15;
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, 20);
	assert_memory_equal(G.data, "echo:GET / HTTP/1.0\n", 20);
	srv_stop(s);
}

static void t_silent(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_SILENT);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	sp.idle_ms = 200;
	double t0 = now_s();
	run_one(&sp);
	double dt = now_s() - t0;
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_int_equal(G.len, 0);
	assert_true(dt >= 0.19 && dt < 1.0);
	srv_stop(s);
}

static int line_done(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	return n && p[n - 1] == '\n';
}

/* A banner peer that keeps the connection open (like sshd): enough() ends it at once instead of
 * waiting for the idle timeout. */
static void t_enough(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_BANNER_HOLD);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	sp.idle_ms = 2000;
	sp.enough = line_done;
	double t0 = now_s();
	run_one(&sp);
	assert_true(now_s() - t0 < 1.0);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, 14);
	sp.enough = NULL;
	sp.idle_ms = 100;
	run_one(&sp);
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_int_equal(G.len, 14); /* what came before the timeout is still delivered */
	srv_stop(s);
}

static void t_endless(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_ENDLESS);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	sp.read_limit = 4096;
	sp.deadline_ms = 2000;
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, 4096);
	assert_true(G.truncated);
	assert_memory_equal(G.data, "HTTP/1.1 200 OK\r\n", 17);
	assert_true(G.total_us < 1000000);
	srv_stop(s);
}

static void t_reset(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_RESET);
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	run_one(&sp);
	assert_int_equal(G.o, XCH_RESET);
	assert_int_equal(G.err, ECONNRESET);
	srv_stop(s);
}

static void t_refused(void **st)
{
	(void)st;
	/* A port bound but not listening: nobody else can take it meanwhile. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	socklen_t al = sizeof(a);
	getsockname(fd, (struct sockaddr *)&a, &al);
	struct exchange_spec sp = spec_to(ntohs(a.sin_port), XCH_TCP);
	run_one(&sp);
	assert_int_equal(G.o, XCH_REFUSED);
	assert_int_equal(G.err, ECONNREFUSED);
	close(fd);
}

static void t_udp(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_UDP_ECHO);
	struct exchange_spec sp = spec_to(s->port, XCH_UDP);
	sp.send = "ping";
	sp.send_len = 4;
	sp.max_replies = 1;
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.replies, 1);
	struct exchange_result r = {.data = (const uint8_t *)G.data, .len = G.len};
	size_t off = 0, n = 0;
	const uint8_t *p = NULL;
	assert_int_equal(xch_dgram_next(&r, &off, &p, &n), 1);
	assert_int_equal(n, 9);
	assert_memory_equal(p, "pong:ping", 9);
	assert_int_equal(xch_dgram_next(&r, &off, &p, &n), 0);
	srv_stop(s);

	s = srv_start(M_UDP_SILENT);
	sp = spec_to(s->port, XCH_UDP);
	sp.send = "ping";
	sp.send_len = 4;
	sp.idle_ms = 100;
	sp.retries = 2;
	double t0 = now_s();
	run_one(&sp);
	double dt = now_s() - t0;
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_int_equal(G.attempts, 3);
	assert_true(dt >= 0.29 && dt < 1.5);
	usleep(20000);
	assert_int_equal(atomic_load(&s->dgrams), 3);
	srv_stop(s);

	/* Nobody bound: ICMP port unreachable comes back as REFUSED. */
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	socklen_t al = sizeof(a);
	getsockname(fd, (struct sockaddr *)&a, &al);
	close(fd);
	sp = spec_to(ntohs(a.sin_port), XCH_UDP);
	sp.send = "ping";
	sp.send_len = 4;
	sp.idle_ms = 300;
	run_one(&sp);
	assert_int_equal(G.o, XCH_REFUSED);
}

static int gathered;
static uint16_t gather_ports[8];

static void on_dgram(void *ctx, const struct sockaddr *from, socklen_t fl, const uint8_t *p,
                     size_t n)
{
	(void)ctx;
	assert_int_equal(fl, sizeof(struct sockaddr_in));
	assert_int_equal(n, 9);
	assert_memory_equal(p, "pong:disc", 9);
	if (gathered < 8) {
		struct sockaddr_in sin;
		memcpy(&sin, from, sizeof(sin));
		gather_ports[gathered] = ntohs(sin.sin_port);
	}
	gathered++;
}

static void t_gather(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_UDP_MULTI);
	struct exchange_spec sp = spec_to(s->port, XCH_UDP_GATHER);
	sp.send = "disc";
	sp.send_len = 4;
	sp.deadline_ms = 300;
	sp.on_dgram = on_dgram;
	struct sockaddr_in lo;
	memset(&lo, 0, sizeof(lo));
	lo.sin_family = AF_INET;
	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memcpy(&sp.local, &lo, sizeof(lo));
	sp.local_len = sizeof(lo);
	gathered = 0;
	double t0 = now_s();
	run_one(&sp);
	assert_true(now_s() - t0 >= 0.29);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(gathered, 3);
	assert_int_equal(G.replies, 3);
	assert_int_equal(G.len, 0); /* handed out, not kept */
	assert_true(gather_ports[0] != gather_ports[1] && gather_ports[1] != gather_ports[2]);
	srv_stop(s);
}

static int ndone;
static void count_done(void *ctx, const struct exchange_result *r)
{
	int *ok = ctx;
	ndone++;
	if (r->outcome == XCH_OK)
		(*ok)++;
}

static void t_rate(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_ACCEPT_CLOSE);
	struct bs_err e;
	struct loop_config cfg = {.rate = 100, .per_host = 100};
	struct loop *l = loop_new(&cfg, &e);
	int ok = 0;
	ndone = 0;
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	for (int i = 0; i < 50; i++)
		assert_int_equal(loop_submit(l, &sp, count_done, &ok), 0);
	double t0 = now_s();
	assert_int_equal(loop_run(l, &e), 0);
	double dt = now_s() - t0;
	assert_int_equal(ok, 50);
	assert_true(dt >= 0.45 && dt < 2.0);
	loop_free(l);
	srv_stop(s);

	/* Per host: the server holds each connection HOLD_MS, the rate would allow 3 at once. */
	s = srv_start(M_HOLD);
	cfg = (struct loop_config){.rate = 100, .per_host = 2};
	l = loop_new(&cfg, &e);
	ok = 0;
	sp = spec_to(s->port, XCH_TCP);
	for (int i = 0; i < 50; i++)
		assert_int_equal(loop_submit(l, &sp, count_done, &ok), 0);
	t0 = now_s();
	assert_int_equal(loop_run(l, &e), 0);
	dt = now_s() - t0;
	assert_int_equal(ok, 50);
	assert_true(dt >= 0.45);
	assert_true(atomic_load(&s->max) <= 2);
	assert_true(atomic_load(&s->max) >= 1);
	struct loop_stats ls;
	loop_get_stats(l, &ls);
	assert_int_equal(ls.submitted, 50);
	assert_int_equal(ls.done, 50);
	assert_int_equal(ls.by_outcome[XCH_OK], 50);
	assert_int_equal(ls.bytes_in, 100);
	loop_free(l);
	srv_stop(s);
}

/* A probe's follow-up: the banner answer leads to a second request to the same peer. */
struct chain {
	struct loop *l;
	uint16_t port;
	int step;
	char last[64];
};

static void chain_done(void *ctx, const struct exchange_result *r)
{
	struct chain *c = ctx;
	assert_int_equal(r->outcome, XCH_OK);
	c->step++;
	size_t n = r->len < sizeof(c->last) - 1 ? r->len : sizeof(c->last) - 1;
	memcpy(c->last, r->data, n);
	c->last[n] = 0;
	if (c->step < 3) {
		struct exchange_spec sp = spec_to(c->port, XCH_TCP);
		char req[32];
		int m = snprintf(req, sizeof(req), "step%d\n", c->step);
		sp.send = req;
		sp.send_len = (size_t)m;
		assert_int_equal(loop_submit(c->l, &sp, chain_done, c), 0);
	}
}

static void t_followup(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_ECHO);
	struct bs_err e;
	struct chain c = {.l = loop_new(NULL, &e), .port = s->port};
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	sp.send = "step0\n";
	sp.send_len = 6;
	assert_int_equal(loop_submit(c.l, &sp, chain_done, &c), 0);
	assert_int_equal(loop_run(c.l, &e), 0);
	assert_int_equal(c.step, 3);
	assert_string_equal(c.last, "echo:step2\n");
	loop_free(c.l);
	srv_stop(s);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void t_many(void **st)
{
	(void)st;
	int before = count_fds();
	struct srv *s = srv_start(M_ACCEPT_CLOSE);
	struct bs_err e;
	struct loop_config cfg = {.per_host = 256};
	struct loop *l = loop_new(&cfg, &e);
	int ok = 0;
	ndone = 0;
	struct exchange_spec sp = spec_to(s->port, XCH_TCP);
	for (int i = 0; i < 2000; i++)
		assert_int_equal(loop_submit(l, &sp, count_done, &ok), 0);
	assert_int_equal(loop_run(l, &e), 0);
	assert_int_equal(ndone, 2000);
	assert_int_equal(ok, 2000);
	loop_free(l);
	srv_stop(s);
	assert_int_equal(count_fds(), before);
}

/* loop_stop from a callback: the rest finish as CANCELLED, each callback once. */
static struct loop *stop_loop;

static void stop_done(void *ctx, const struct exchange_result *r)
{
	int *cancelled = ctx;
	ndone++;
	if (r->outcome == XCH_CANCELLED)
		(*cancelled)++;
	else
		loop_stop(stop_loop);
}

static void t_stop(void **st)
{
	(void)st;
	struct srv *s = srv_start(M_SILENT);
	struct srv *b = srv_start(M_BANNER);
	struct bs_err e;
	stop_loop = loop_new(NULL, &e);
	int cancelled = 0;
	ndone = 0;
	struct exchange_spec sp = spec_to(b->port, XCH_TCP);
	assert_int_equal(loop_submit(stop_loop, &sp, stop_done, &cancelled), 0);
	for (int i = 0; i < 10; i++) {
		sp = spec_to(s->port, XCH_TCP);
		assert_int_equal(loop_submit(stop_loop, &sp, stop_done, &cancelled), 0);
	}
	double t0 = now_s();
	assert_int_equal(loop_run(stop_loop, &e), 1);
	assert_true(now_s() - t0 < 1.0);
	assert_int_equal(ndone, 11);
	assert_int_equal(cancelled, 10);
	/* The loop is usable again after a stop. */
	sp = spec_to(b->port, XCH_TCP);
	memset(&G, 0, sizeof(G));
	assert_int_equal(loop_submit(stop_loop, &sp, on_done, &G), 0);
	assert_int_equal(loop_run(stop_loop, &e), 0);
	assert_int_equal(G.o, XCH_OK);
	loop_free(stop_loop);
	srv_stop(s);
	srv_stop(b);
}

/* Out of descriptors: the loop holds what does not fit in the queue instead of failing it, and
 * every exchange still ends OK. The process is left 24 descriptors under a cap of 256 in
 * flight. */
static void t_emfile(void **st)
{
	(void)st;
	/* The server is another process: its descriptors are not the ones running short. */
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(lfd, 4096), 0);
	socklen_t al = sizeof(a);
	getsockname(lfd, (struct sockaddr *)&a, &al);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		for (;;) {
			int c = accept(lfd, NULL, NULL);
			if (c >= 0)
				close(c);
		}
	}
	close(lfd);
	struct bs_err e;
	struct loop_config cfg = {.per_host = 256, .max_in_flight = 256};
	struct loop *l = loop_new(&cfg, &e);
	struct rlimit old, low;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	int fds[4096], nfd = 0;
	low = old;
	low.rlim_cur = (rlim_t)count_fds() + 64;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	while (nfd < 4096 && (fds[nfd] = dup(0)) >= 0 && (rlim_t)fds[nfd] < low.rlim_cur - 24)
		nfd++;
	int ok = 0;
	ndone = 0;
	struct exchange_spec sp = spec_to(ntohs(a.sin_port), XCH_TCP);
	for (int i = 0; i < 300; i++)
		assert_int_equal(loop_submit(l, &sp, count_done, &ok), 0);
	assert_int_equal(loop_run(l, &e), 0);
	for (int i = 0; i <= nfd && i < 4096; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(ndone, 300);
	assert_int_equal(ok, 300);
	loop_free(l);
}

/* connect_ms bounds the wait for a SYN-ACK only: a listener whose accept queue is full drops the
 * SYN, so the connection is never answered and ends at connect_ms; an established silent
 * connection still has idle_ms. */
static void t_connect_timeout(void **st)
{
	(void)st;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 0), 0);
	socklen_t al = sizeof(a);
	getsockname(fd, (struct sockaddr *)&a, &al);
	/* Fill the queue: these complete and are never accepted. */
	int fill[2];
	for (int i = 0; i < 2; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		(void)connect(fill[i], (struct sockaddr *)&a, sizeof(a));
	}
	usleep(50000);
	struct exchange_spec sp = spec_to(ntohs(a.sin_port), XCH_TCP);
	sp.idle_ms = 3000;
	sp.connect_ms = 150;
	double t0 = now_s();
	run_one(&sp);
	double dt = now_s() - t0;
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_int_equal(G.connect_us, 0);
	assert_true(dt >= 0.14 && dt < 1.0);
	for (int i = 0; i < 2; i++)
		close(fill[i]);
	close(fd);
	/* Established and silent: idle_ms, not connect_ms. */
	struct srv *s = srv_start(M_SILENT);
	sp = spec_to(s->port, XCH_TCP);
	sp.idle_ms = 400;
	sp.connect_ms = 100;
	t0 = now_s();
	run_one(&sp);
	dt = now_s() - t0;
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_true(dt >= 0.39 && dt < 1.5);
	srv_stop(s);
}

/* IPv6 on ::1, skipped where the host has no IPv6 loopback. */
static void t_ipv6(void **st)
{
	(void)st;
	int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 16) < 0) {
		if (fd >= 0)
			close(fd);
		skip();
	}
	socklen_t al = sizeof(a);
	getsockname(fd, (struct sockaddr *)&a, &al);
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	memcpy(&sp.peer, &a, sizeof(a));
	sp.peer_len = sizeof(a);
	sp.proto = XCH_TCP;
	sp.idle_ms = 100;
	run_one(&sp); /* the kernel completes the handshake; nobody accepts or speaks */
	assert_int_equal(G.o, XCH_TIMEOUT);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_banner),
	    cmocka_unit_test(t_echo),
	    cmocka_unit_test(t_silent),
	    cmocka_unit_test(t_enough),
	    cmocka_unit_test(t_endless),
	    cmocka_unit_test(t_reset),
	    cmocka_unit_test(t_refused),
	    cmocka_unit_test(t_udp),
	    cmocka_unit_test(t_gather),
	    cmocka_unit_test(t_rate),
	    cmocka_unit_test(t_followup),
	    cmocka_unit_test(t_many),
	    cmocka_unit_test(t_stop),
	    cmocka_unit_test(t_ipv6),
	    cmocka_unit_test(t_connect_timeout),
	    cmocka_unit_test(t_emfile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
