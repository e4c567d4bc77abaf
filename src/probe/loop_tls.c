/* TLS over a TCP exchange of the event loop (spec.tls): HTTPS to devices.
 *
 * The handshake runs non-blocking on the exchange's own socket: SSL_do_handshake returning
 * SSL_ERROR_WANT_READ or WANT_WRITE becomes the epoll interest (x->tls_want) and loop_io.c calls
 * again when the socket is ready. SSL_write and SSL_read then take the place of send and recv,
 * under the same bounds (read_limit and enough() on the plaintext, idle and deadline timers,
 * abortive close).
 *
 * Nothing is verified and nothing is kept between exchanges (no session cache, no tickets): the
 * scanner asks, it trusts nothing. Embedded devices run old stacks, so the client takes what they
 * offer: TLS 1.0 (RFC 2246) and up, security level 0 (SHA-1 signatures, short RSA and DH keys:
 * SSL_CTX_set_security_level(3)), servers without secure renegotiation (RFC 5746; OpenSSL 3
 * refuses them by default), a close without close_notify (RFC 5246 §7.2.1; most devices just
 * close). Renegotiation asked by the server is refused (SSL_OP_NO_RENEGOTIATION).
 *
 * The socket I/O is a BIO of our own rather than OpenSSL's socket BIO, whose write() raises
 * SIGPIPE on a peer that has gone (a library does not change the process's signals): send() with
 * MSG_NOSIGNAL as everywhere in the loop. It also counts the bytes on the wire and marks progress
 * for the idle timer. Memory per exchange: OpenSSL's record buffers (about 2 x 17 KiB, released
 * when empty: SSL_MODE_RELEASE_BUFFERS) and a certificate chain of at most TLS_MAX_CERT_LIST. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "probe/loop_int.h"
#include "util/banned.h"

/* A certificate chain longer than this is no device's (OpenSSL's default allows 100 KiB). */
#define TLS_MAX_CERT_LIST (64 * 1024)

static int bio_write(BIO *b, const char *p, int n)
{
	struct xch *x = BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t w;
	do
		w = send(x->fd, p, (size_t)n, MSG_NOSIGNAL);
	while (w < 0 && errno == EINTR);
	if (w < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			BIO_set_retry_write(b);
		else
			x->tls_err = errno;
		return -1;
	}
	x->bytes_out += (uint64_t)w;
	x->l->st.bytes_out += (uint64_t)w;
	xch_progress(x);
	return (int)w;
}

static int bio_read(BIO *b, char *p, int n)
{
	struct xch *x = BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t r;
	do
		r = recv(x->fd, p, (size_t)n, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			BIO_set_retry_read(b);
		else
			x->tls_err = errno;
		return -1;
	}
	if (r == 0) {
		x->tls_eof = 1;
		return 0;
	}
	x->l->st.bytes_in += (uint64_t)r;
	xch_progress(x);
	return (int)r;
}

/* OpenSSL asks a BIO to flush after each flight, and whether it hit the end of input (BIO_eof:
 * how a close without close_notify is told from a transient error). */
static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)num;
	(void)ptr;
	if (cmd == BIO_CTRL_FLUSH)
		return 1;
	if (cmd == BIO_CTRL_EOF)
		return ((struct xch *)BIO_get_data(b))->tls_eof;
	return 0;
}

static void ctx_drop(struct loop *l)
{
	SSL_CTX_free(l->tls_ctx);
	BIO_meth_free(l->tls_bio);
	l->tls_ctx = NULL;
	l->tls_bio = NULL;
}

/* The loop's client context, made at the first TLS exchange; NULL when OpenSSL cannot. */
static SSL_CTX *ctx_get(struct loop *l)
{
	if (l->tls_ctx)
		return l->tls_ctx;
	int idx = BIO_get_new_index();
	l->tls_bio = idx < 0 ? NULL : BIO_meth_new(idx | BIO_TYPE_SOURCE_SINK, "bansweep loop");
	l->tls_ctx = SSL_CTX_new(TLS_client_method());
	SSL_CTX *c = l->tls_ctx;
	if (!c || !l->tls_bio || !BIO_meth_set_write(l->tls_bio, bio_write) ||
	    !BIO_meth_set_read(l->tls_bio, bio_read) || !BIO_meth_set_ctrl(l->tls_bio, bio_ctrl) ||
	    !SSL_CTX_set_min_proto_version(c, TLS1_VERSION) ||
	    !SSL_CTX_set_cipher_list(c, "ALL:@SECLEVEL=0")) {
		ctx_drop(l);
		return NULL;
	}
	SSL_CTX_set_security_level(c, 0);
	SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL);
	uint64_t opts =
	    SSL_OP_ALL | SSL_OP_LEGACY_SERVER_CONNECT | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET;
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
	opts |= SSL_OP_IGNORE_UNEXPECTED_EOF;
#endif
	SSL_CTX_set_options(c, opts);
	SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(c, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_RELEASE_BUFFERS);
	SSL_CTX_set_max_cert_list(c, TLS_MAX_CERT_LIST);
	return c;
}

int xch_tls_start(struct xch *x)
{
	SSL_CTX *c = ctx_get(x->l);
	SSL *s = c ? SSL_new(c) : NULL;
	BIO *b = s ? BIO_new(x->l->tls_bio) : NULL;
	if (!b) {
		SSL_free(s);
		ERR_clear_error();
		return ENOMEM;
	}
	BIO_set_data(b, x);
	BIO_set_init(b, 1);
	SSL_set_bio(s, b, b); /* the same BIO both ways: s owns its one reference */
	x->ssl = s;
	x->tls_err = 0;
	x->tls_eof = 0;
	if (x->snibuf && !SSL_set_tlsext_host_name(s, x->snibuf)) {
		ERR_clear_error();
		return EINVAL;
	}
	SSL_set_connect_state(s);
	return 0;
}

/* After an SSL call returned r <= 0: -1 with errno EAGAIN (what it waits for in x->tls_want),
 * 0 when the peer closed, or -1 with errno for a socket error or EPROTO for a TLS failure. The
 * thread's OpenSSL error queue is left empty for the next call (SSL_get_error(3)). */
static int tls_fail(struct xch *x, int r)
{
	int e = SSL_get_error(x->ssl, r);
	ERR_clear_error();
	switch (e) {
	case SSL_ERROR_WANT_READ:
		x->tls_want = EPOLLIN;
		errno = EAGAIN;
		return -1;
	case SSL_ERROR_WANT_WRITE:
		x->tls_want = EPOLLOUT;
		errno = EAGAIN;
		return -1;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	case SSL_ERROR_SYSCALL:
		if (x->tls_err) {
			errno = x->tls_err;
			return -1;
		}
		if (x->tls_eof)
			return 0;
		errno = EPROTO;
		return -1;
	default:
		errno = EPROTO;
		return -1;
	}
}

int xch_tls_handshake(struct xch *x)
{
	ERR_clear_error();
	int r = SSL_do_handshake(x->ssl);
	if (r == 1)
		return 1;
	r = tls_fail(x, r);
	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r == 0)
		errno = EPROTO; /* closed before the handshake ended: not a TLS server */
	return -1;
}

ssize_t xch_tls_recv(struct xch *x, void *buf, size_t n)
{
	ERR_clear_error();
	int r = SSL_read(x->ssl, buf, n > INT_MAX ? INT_MAX : (int)n);
	return r > 0 ? r : tls_fail(x, r);
}

ssize_t xch_tls_send(struct xch *x, const void *buf, size_t n)
{
	ERR_clear_error();
	int r = SSL_write(x->ssl, buf, n > INT_MAX ? INT_MAX : (int)n);
	if (r > 0)
		return r;
	if (tls_fail(x, r) == 0)
		errno = EPIPE; /* the peer closed before the request went out */
	return -1;
}

void xch_tls_free(struct xch *x)
{
	if (!x->ssl)
		return;
	SSL_free(x->ssl); /* and its BIO; the socket is the exchange's, closed abortively */
	x->ssl = NULL;
}

void loop_tls_free(struct loop *l)
{
	ctx_drop(l);
}
