/* Event loop benchmark: exchanges per second against a loopback banner server (accept, send an
 * SSH banner, close) with up to 1000 exchanges in flight, no rate limit, one address.
 *
 *   bench_loop [N_EXCHANGES [IN_FLIGHT]]     defaults 100000 and 1000
 *
 * The server runs in this process on 127.0.0.1 with a kernel-chosen port; nothing else is sent
 * traffic. Figures are printed, not checked. The server (one thread doing accept/send/close) is
 * part of what is measured, so the figure is a lower bound on what the loop can drive. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/err.h"
#include "bansweep/loop.h"
#include "util/banned.h"

static int lfd;
static volatile int quit;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *server(void *arg)
{
	(void)arg;
	while (!quit) {
		struct pollfd p = {lfd, POLLIN, 0};
		if (poll(&p, 1, 100) <= 0)
			continue;
		int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		(void)!send(fd, "SSH-2.0-Bench\r\n", 15, MSG_NOSIGNAL);
		close(fd);
	}
	return NULL;
}

static uint64_t lat_sum;

static void done(void *ctx, const struct exchange_result *r)
{
	(void)ctx;
	lat_sum += r->total_us;
}

int main(int argc, char **argv)
{
	uint64_t n = 100000, inflight = 1000;
	if ((argc > 1 && bs_parse_u64(argv[1], 100000000, &n) < 0) ||
	    (argc > 2 && bs_parse_u64(argv[2], 100000, &inflight) < 0)) {
		fprintf(stderr, "usage: bench_loop [N_EXCHANGES [IN_FLIGHT]]\n");
		return 2;
	}
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < inflight + 256) {
		rl.rlim_cur = rl.rlim_max < inflight + 256 ? rl.rlim_max : inflight + 256;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 4096) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&a, &al) < 0) {
		perror("bench_loop: server");
		return 1;
	}
	pthread_t th;
	pthread_create(&th, NULL, server, NULL);

	struct bs_err e;
	struct loop_config cfg = {.max_in_flight = (unsigned)inflight,
	                          .per_host = (unsigned)inflight};
	struct loop *l = loop_new(&cfg, &e);
	if (!l) {
		fprintf(stderr, "bench_loop: %s\n", e.msg);
		return 1;
	}
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	memcpy(&sp.peer, &a, sizeof(a));
	sp.peer_len = sizeof(a);
	sp.proto = XCH_TCP;
	sp.read_limit = 256;
	sp.idle_ms = 5000;
	for (uint64_t i = 0; i < n; i++)
		loop_submit(l, &sp, done, NULL);
	double t0 = now();
	if (loop_run(l, &e) < 0)
		fprintf(stderr, "bench_loop: %s\n", e.msg);
	double dt = now() - t0;
	struct loop_stats st;
	loop_get_stats(l, &st);
	printf("exchanges: %llu in %.3f s, %.0f exchanges/s (in flight <= %llu, 1 server thread)\n",
	       (unsigned long long)st.done, dt, (double)st.done / dt, (unsigned long long)inflight);
	printf("outcomes:");
	for (int o = 0; o < XCH_NOUTCOMES; o++)
		if (st.by_outcome[o])
			printf(" %s=%llu", xch_outcome_name((enum xch_outcome)o),
			       (unsigned long long)st.by_outcome[o]);
	printf("\nmean exchange time: %.0f us; bytes in %llu\n",
	       st.done ? (double)lat_sum / (double)st.done : 0.0, (unsigned long long)st.bytes_in);
	loop_free(l);
	quit = 1;
	pthread_join(th, NULL);
	close(lfd);
	return 0;
}
