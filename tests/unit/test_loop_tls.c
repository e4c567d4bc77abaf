/* TLS exchanges of the probe event loop (spec.tls, src/probe/loop_tls.c) against TLS servers
 * started here on loopback with a throwaway key and self-signed certificate made with OpenSSL:
 * an HTTP answer read whole through enough() (with SNI, and from a TLS 1.0-only server like old
 * devices), a peer that accepts but never answers the handshake (idle timeout), one that answers
 * garbage instead of a ServerHello (the TLS outcome, at once), one that sends endless data (cut at
 * the read limit), and exchanges cancelled mid-handshake (nothing left behind: run it under the
 * ASan build). No traffic leaves 127.0.0.1. */
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "unit/cm.h"

#include "bansweep/err.h"
#include "bansweep/loop.h"

enum mode {
	T_HTTP,    /* handshake, read the request, answer it, hold until the client goes */
	T_TLS10,   /* the same, TLS 1.0 only at security level 0 (an old device) */
	T_ENDLESS, /* handshake, then header lines forever */
	T_SILENT,  /* accept TCP, never answer the ClientHello */
	T_GARBAGE, /* accept TCP, answer plain HTTP instead of a ServerHello, hold */
};

static const char answer[] = "HTTP/1.1 200 OK\r\nServer: App-webs/\r\nContent-Length: 5\r\n"
                             "\r\nhello";

struct srv {
	enum mode mode;
	int fd;
	uint16_t port;
	int stop[2];
	pthread_t th;
	SSL_CTX *ctx;
	int held[64];
	int nheld;
	char sni[64];  /* the server name the last client sent */
	char req[512]; /* the last request */
	int version;   /* the last protocol version */
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A throwaway P-256 key and a self-signed certificate naming it, as a device's default one. */
static SSL_CTX *server_ctx(int tls10)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	X509 *c = X509_new();
	assert_non_null(k);
	assert_non_null(c);
	ASN1_INTEGER_set(X509_get_serialNumber(c), 1);
	X509_gmtime_adj(X509_getm_notBefore(c), -3600);
	X509_gmtime_adj(X509_getm_notAfter(c), 3600);
	X509_set_pubkey(c, k);
	X509_NAME *n = X509_get_subject_name(c);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, (const unsigned char *)"HIKVISION", -1, -1,
	                           0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)"127.0.0.1", -1,
	                           -1, 0);
	X509_set_issuer_name(c, n);
	assert_true(X509_sign(c, k, EVP_sha256()) > 0);
	SSL_CTX *s = SSL_CTX_new(TLS_server_method());
	assert_non_null(s);
	assert_int_equal(SSL_CTX_use_certificate(s, c), 1);
	assert_int_equal(SSL_CTX_use_PrivateKey(s, k), 1);
	if (tls10) {
		SSL_CTX_set_security_level(s, 0);
		assert_int_equal(SSL_CTX_set_cipher_list(s, "ALL:@SECLEVEL=0"), 1);
		assert_int_equal(SSL_CTX_set_min_proto_version(s, TLS1_VERSION), 1);
		assert_int_equal(SSL_CTX_set_max_proto_version(s, TLS1_VERSION), 1);
	}
	X509_free(c);
	EVP_PKEY_free(k);
	return s;
}

static void hold(struct srv *s, int fd)
{
	if (s->nheld < 64)
		s->held[s->nheld++] = fd;
	else
		close(fd);
}

static void serve_tls(struct srv *s, int fd)
{
	SSL *t = SSL_new(s->ctx);
	SSL_set_fd(t, fd);
	if (SSL_accept(t) == 1) {
		const char *sn = SSL_get_servername(t, TLSEXT_NAMETYPE_host_name);
		snprintf(s->sni, sizeof(s->sni), "%s", sn ? sn : "");
		s->version = SSL_version(t);
		size_t n = 0;
		while (n < sizeof(s->req) - 1 && !strstr(s->req, "\r\n\r\n")) {
			int r = SSL_read(t, s->req + n, (int)(sizeof(s->req) - 1 - n));
			if (r <= 0)
				break;
			n += (size_t)r;
			s->req[n] = 0;
		}
		if (s->mode == T_ENDLESS) {
			static const char hdr[] =
			    "X-Endless: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
			SSL_write(t, "HTTP/1.1 200 OK\r\n", 17);
			for (int i = 0; i < 1000000; i++)
				if (SSL_write(t, hdr, (int)sizeof(hdr) - 1) <= 0)
					break;
		} else {
			SSL_write(t, answer, (int)sizeof(answer) - 1);
			char b[64];
			while (SSL_read(t, b, sizeof(b)) > 0) /* until the client closes */
				;
		}
	}
	SSL_free(t);
	ERR_clear_error();
	close(fd);
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
		int fd = accept(s->fd, NULL, NULL);
		if (fd < 0)
			continue;
		/* No test waits on a server longer than this. */
		struct timeval tv = {5, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (s->mode == T_SILENT) {
			hold(s, fd);
		} else if (s->mode == T_GARBAGE) {
			(void)!send(fd, "HTTP/1.0 400 Bad Request\r\n\r\n", 28, MSG_NOSIGNAL);
			hold(s, fd);
		} else {
			serve_tls(s, fd);
		}
	}
	return NULL;
}

static struct srv *srv_start(enum mode m)
{
	struct srv *s = calloc(1, sizeof(*s));
	s->mode = m;
	if (m == T_HTTP || m == T_TLS10 || m == T_ENDLESS)
		s->ctx = server_ctx(m == T_TLS10);
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	socklen_t al = sizeof(a);
	getsockname(s->fd, (struct sockaddr *)&a, &al);
	s->port = ntohs(a.sin_port);
	assert_int_equal(listen(s->fd, 256), 0);
	assert_int_equal(pipe2(s->stop, O_CLOEXEC), 0);
	pthread_create(&s->th, NULL, srv_main, s);
	return s;
}

static void srv_stop(struct srv *s)
{
	(void)!write(s->stop[1], "x", 1);
	pthread_join(s->th, NULL);
	for (int i = 0; i < s->nheld; i++)
		close(s->held[i]);
	close(s->fd);
	close(s->stop[0]);
	close(s->stop[1]);
	SSL_CTX_free(s->ctx);
	free(s);
}

static struct exchange_spec tls_spec(uint16_t port)
{
	struct exchange_spec sp;
	memset(&sp, 0, sizeof(sp));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(port);
	memcpy(&sp.peer, &a, sizeof(a));
	sp.peer_len = sizeof(a);
	sp.proto = XCH_TCP;
	sp.tls = 1;
	sp.send = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	sp.send_len = strlen(sp.send);
	return sp;
}

struct got {
	int calls;
	enum xch_outcome o;
	int err;
	char data[8192];
	size_t len;
	int truncated;
	uint64_t bytes_out;
};

static struct got G;

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
	g->bytes_out = r->bytes_out;
}

/* The headers and the Content-Length body are in. */
static int http_whole(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	const uint8_t *e = memmem(p, n, "\r\n\r\n", 4);
	return e && (size_t)(p + n - (e + 4)) >= 5;
}

static double run_one(struct exchange_spec *sp)
{
	memset(&G, 0, sizeof(G));
	struct bs_err e;
	struct loop *l = loop_new(NULL, &e);
	assert_non_null(l);
	double t0 = now_s();
	assert_int_equal(loop_submit(l, sp, on_done, &G), 0);
	assert_int_equal(loop_run(l, &e), 0);
	double dt = now_s() - t0;
	assert_int_equal(G.calls, 1);
	loop_free(l);
	return dt;
}

/* The answer is read whole through TLS and enough() ends the exchange, though the server keeps
 * the connection open; the request went through TLS too, with the server name asked for. */
static void t_http(void **st)
{
	(void)st;
	struct srv *s = srv_start(T_HTTP);
	struct exchange_spec sp = tls_spec(s->port);
	sp.idle_ms = 3000;
	sp.enough = http_whole;
	sp.tls_sni = "cam.lab.invalid";
	double dt = run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, sizeof(answer) - 1);
	assert_memory_equal(G.data, answer, sizeof(answer) - 1);
	assert_false(G.truncated);
	assert_true(dt < 1.0);
	assert_true(G.bytes_out > sp.send_len); /* ClientHello and the record framing too */
	assert_string_equal(s->sni, "cam.lab.invalid");
	assert_non_null(strstr(s->req, "GET / HTTP/1.1\r\n"));
	/* No name given, none sent. */
	sp.tls_sni = NULL;
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_string_equal(s->sni, "");
	srv_stop(s);
}

/* An old device: TLS 1.0 only, at security level 0. */
static void t_tls10(void **st)
{
	(void)st;
	struct srv *s = srv_start(T_TLS10);
	struct exchange_spec sp = tls_spec(s->port);
	sp.enough = http_whole;
	run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, sizeof(answer) - 1);
	assert_int_equal(s->version, TLS1_VERSION);
	srv_stop(s);
}

/* TCP accepted, the ClientHello never answered: the exchange ends at idle_ms. */
static void t_silent(void **st)
{
	(void)st;
	struct srv *s = srv_start(T_SILENT);
	struct exchange_spec sp = tls_spec(s->port);
	sp.idle_ms = 200;
	double dt = run_one(&sp);
	assert_int_equal(G.o, XCH_TIMEOUT);
	assert_int_equal(G.len, 0);
	assert_true(dt >= 0.19 && dt < 1.0);
	srv_stop(s);
}

/* Plain HTTP instead of a ServerHello: the handshake fails at once, with the TLS outcome. */
static void t_garbage(void **st)
{
	(void)st;
	struct srv *s = srv_start(T_GARBAGE);
	struct exchange_spec sp = tls_spec(s->port);
	sp.idle_ms = 3000;
	double dt = run_one(&sp);
	assert_int_equal(G.o, XCH_TLS);
	assert_int_equal(G.err, 0);
	assert_int_equal(G.len, 0);
	assert_true(dt < 1.0);
	assert_string_equal(xch_outcome_name(XCH_TLS), "tls");
	srv_stop(s);
}

/* Endless data after the handshake: cut at the read limit, at once. */
static void t_endless(void **st)
{
	(void)st;
	struct srv *s = srv_start(T_ENDLESS);
	struct exchange_spec sp = tls_spec(s->port);
	sp.read_limit = 4096;
	sp.deadline_ms = 2000;
	double dt = run_one(&sp);
	assert_int_equal(G.o, XCH_OK);
	assert_int_equal(G.len, 4096);
	assert_true(G.truncated);
	assert_memory_equal(G.data, "HTTP/1.1 200 OK\r\n", 17);
	assert_true(dt < 1.0);
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

/* Exchanges in the middle of their handshake when the loop stops: each ends CANCELLED, once,
 * and neither a descriptor nor (under ASan) any memory is left; then loop_free with TLS
 * exchanges still queued. */
static struct loop *stop_loop;
static int ncancelled, nother;

static void stop_done(void *ctx, const struct exchange_result *r)
{
	(void)ctx;
	if (r->outcome == XCH_CANCELLED) {
		ncancelled++;
	} else {
		nother++;
		loop_stop(stop_loop);
	}
}

static void t_cancel(void **st)
{
	(void)st;
	int before = count_fds();
	struct srv *s = srv_start(T_SILENT);
	struct bs_err e;
	struct loop_config cfg = {.per_host = 64};
	stop_loop = loop_new(&cfg, &e);
	ncancelled = nother = 0;
	struct exchange_spec sp = tls_spec(s->port);
	sp.idle_ms = 5000;
	sp.tls_sni = "cancelled.lab.invalid";
	for (int i = 0; i < 20; i++)
		assert_int_equal(loop_submit(stop_loop, &sp, stop_done, NULL), 0);
	/* The one that stops the loop, once the others have sent their ClientHello. */
	struct exchange_spec quick = tls_spec(s->port);
	quick.idle_ms = 150;
	assert_int_equal(loop_submit(stop_loop, &quick, stop_done, NULL), 0);
	double t0 = now_s();
	assert_int_equal(loop_run(stop_loop, &e), 1);
	assert_true(now_s() - t0 < 1.0);
	assert_int_equal(nother, 1);
	assert_int_equal(ncancelled, 20);
	struct loop_stats ls;
	loop_get_stats(stop_loop, &ls);
	assert_true(ls.bytes_out > 20 * 100); /* every ClientHello went out */
	assert_int_equal(ls.in_flight, 0);
	/* Queued (not started) TLS exchanges, freed by loop_free. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(loop_submit(stop_loop, &sp, stop_done, NULL), 0);
	loop_free(stop_loop);
	assert_int_equal(ncancelled, 25);
	srv_stop(s);
	assert_int_equal(count_fds(), before);
}

/* A TLS spec is TCP only. */
static void t_invalid(void **st)
{
	(void)st;
	struct bs_err e;
	struct loop *l = loop_new(NULL, &e);
	struct exchange_spec sp = tls_spec(9);
	sp.proto = XCH_UDP;
	assert_int_equal(loop_submit(l, &sp, on_done, &G), -1);
	loop_free(l);
}

int main(void)
{
	/* The test's servers write with OpenSSL's socket BIO: a client that is gone must not kill
	 * the process (the loop itself sends with MSG_NOSIGNAL). */
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_http),    cmocka_unit_test(t_tls10),   cmocka_unit_test(t_silent),
	    cmocka_unit_test(t_garbage), cmocka_unit_test(t_endless), cmocka_unit_test(t_cancel),
	    cmocka_unit_test(t_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
