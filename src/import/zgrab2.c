/* zgrab2 output (github.com/zmap/zgrab2): JSON Lines, one target a line,
 *   {"ip": ..., "domain": ..., "data": {"<scan name>": {"status": ..., "protocol": ...,
 *    "result": {...}, "timestamp": ..., "error": ...}}}
 * The scan name defaults to the module's but may be anything ("http-8080"): the module is told by
 * "protocol" (zgrab2's ScanResponse), the scan name only when that is missing. Fields read (zgrab2
 * modules/; zcrypto for certificates):
 *   http   result.response.headers.{server, www_authenticate, set_cookie} (zgrab2 writes header
 *          names lower-cased, '-' as '_', each an array of values), result.response.body (its
 *          <title>), result.response.request.host (the name the target was reached by)
 *   tls    (and http over TLS, under result.response.request.tls_log) handshake_log.
 *          server_certificates.certificate.parsed.{subject_dn, issuer_dn}
 *   ssh    result.server_id.raw, else "SSH-" version "-" software [" " comment]
 *   telnet, ftp  result.banner
 *   rtsp   (no official module; accepted in the http module's shape) response headers server,
 *          www_authenticate
 * A scan whose status is not "success" yields nothing: its result is a failure's leftovers. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "bansweep/xml.h"
#include "imp.h"
#include "util/banned.h"

#define TITLE_MAX 512
#define FIELD_MAX 256
#define DEPTH     16 /* deeper containers are none of those read */
#define KEY_MAX   32 /* nor are longer names */

/* What a field is before the module is known; mapped to a key at the scan's end. */
static const char S_SERVER[] = "#server", S_AUTH[] = "#auth", S_COOKIE[] = "#cookie",
                  S_BANNER[] = "#banner";

/* Where a container sits in zgrab2's shape, decided when it opens from its parent's kind and
 * its member name, so that a value is placed by one comparison of its own name (no path is
 * compared: this runs for every value of every line). */
enum kind {
	K_IGNORE,
	K_ROOT,
	K_DATA,
	K_SCAN,
	K_RESULT,
	K_RESPONSE,
	K_HEADERS,
	K_H_SERVER,
	K_H_AUTH,
	K_H_COOKIE,
	K_REQUEST,
	K_TLS_LOG,
	K_HANDSHAKE,
	K_CERTS,
	K_CERT,
	K_PARSED,
	K_SERVER_ID,
};

/* A value: where it lies in the line when yajl handed it from there (a string without escapes;
 * the common case, no copy), else a copy, cut at FIELD_MAX. Not NUL-terminated until term(). */
struct field {
	const char *v;
	size_t n;
	char buf[FIELD_MAX];
};

struct zg {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct imp_rec rec;
	struct field ip, domain, time, status, proto, module;
	struct field ssh_raw, ssh_ver, ssh_sw, ssh_comment;
	size_t scan_from; /* rec.n when the current scan opened */
	yajl_handle h;
	size_t depth, values;  /* open containers; values begun at the top */
	enum kind kind[DEPTH]; /* of each open container, by depth */
	int is_arr[DEPTH];
	char key[KEY_MAX]; /* the last member name */
	size_t key_len;
	int in_scan, root_map, overflow;
	char *line, *line_end; /* the line (or, fast, the block) being parsed */
	/* Fast path: a block of lines in one yajl call (a call per line costs about a tenth of
	 * the parse). Records are checked to lie each on one line; anything else (a syntax
	 * error, two values on a line, a value over two lines) stops it, and the block is read
	 * again from that record's line a line at a time, which names what is wrong. */
	int fast, anomaly, begun;
	char *ls;             /* start of the line the current (or next) record is on */
	char *le;             /* end of that line: its '\n', or the block's end */
	unsigned long ls_num; /* its number */
	uint64_t ls_off;      /* its offset */
};

static void set(const struct zg *z, struct field *f, const char *v, size_t n)
{
	if (v >= z->line && v + n < z->line_end) {
		f->v = v;
		f->n = n;
		return;
	}
	f->n = n < FIELD_MAX - 1 ? n : FIELD_MAX - 1;
	memcpy(f->buf, v, f->n);
	f->v = f->buf;
}

static int field_is(const struct field *f, const char *lit)
{
	return f->n == strlen(lit) && !memcmp(f->v, lit, f->n);
}

/* Ends f's value with a NUL: in the line, over its closing quote, once the line is parsed. */
static const char *term(struct field *f)
{
	if (!f->n)
		return "";
	((char *)(uintptr_t)f->v)[f->n] = 0;
	return f->v;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Finds needle (lower-case ASCII) in p[0..n) ignoring case. */
static const char *find_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++) {
		const char *c = memchr(p + i, '<', n - i - k + 1);
		if (!c)
			return NULL;
		i = (size_t)(c - p);
		if (bs_strncaseeq(c, needle, k))
			return c;
	}
	return NULL;
}

/* Text of a title holding markup or entities, decoded by the same HTML parser as the capture
 * path's (src/proto/http.c), fed only the title element. */
static void title_text(void *ctx, const char *s, size_t n)
{
	struct buf *b = ctx;
	(void)buf_add(b, s, n);
}

/* The first <title> of an HTML body, white space folded as a browser shows it; 0 when there is
 * none or the body is cut inside it. A plain scan: the page is not parsed. */
static size_t title_of(const char *body, size_t n, char *out)
{
	const char *t = find_ci(body, n, "<title");
	while (t && !(t + 6 < body + n && (t[6] == '>' || is_space(t[6]))))
		t = find_ci(t + 6, n - (size_t)(t + 6 - body), "<title");
	if (!t)
		return 0;
	const char *gt = memchr(t, '>', n - (size_t)(t - body));
	if (!gt)
		return 0;
	const char *s = gt + 1;
	const char *e = find_ci(s, n - (size_t)(s - body), "</title");
	if (!e)
		return 0;
	struct buf dec = {0};
	if (memchr(s, '&', (size_t)(e - s)) || memchr(s, '<', (size_t)(e - s))) {
		buf_init(&dec, 1u << 16);
		struct xml_sax sax = {.text = title_text, .ctx = &dec};
		proto_xml_init();
		/* The start tag and the text: the parser closes the element at the end. */
		(void)proto_html_sax((const uint8_t *)t, (size_t)(e - t), &sax);
		s = dec.data ? dec.data : "";
		e = s + dec.len;
	}
	size_t k = 0;
	for (; s < e && k < TITLE_MAX; s++) {
		if (is_space(*s)) {
			if (k && out[k - 1] != ' ')
				out[k++] = ' ';
		} else {
			out[k++] = *s;
		}
	}
	if (k && out[k - 1] == ' ')
		k--;
	buf_release(&dec);
	return k;
}

static void add(struct zg *z, const char *key, const char *v, size_t n)
{
	if (imp_rec_add(&z->rec, key, v, n) < 0)
		z->overflow = 1;
}

/* The host a request named, when it is a name: a port dropped, addresses left out, the record's
 * "domain" (which zgrab2 sends as the Host) not repeated. */
static void add_request_host(struct zg *z, const char *v, size_t n)
{
	char h[FIELD_MAX];
	if (!n || n >= sizeof(h) || v[0] == '[')
		return;
	memcpy(h, v, n);
	h[n] = 0;
	char *colon = strchr(h, ':');
	if (colon && !strchr(colon + 1, ':'))
		*colon = 0;
	unsigned char a[16];
	if (!h[0] ||
	    (z->domain.n && strlen(h) == z->domain.n && !memcmp(h, z->domain.v, z->domain.n)) ||
	    inet_pton(AF_INET, h, a) == 1 || inet_pton(AF_INET6, h, a) == 1)
		return;
	add(z, "hostname", h, strlen(h));
}

#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(name, lit, sizeof(lit) - 1))

static enum kind child(enum kind parent, const char *name, size_t n, enum jtype t)
{
	switch (parent) {
	case K_ROOT:
		return IS("data") && t == J_MAP ? K_DATA : K_IGNORE;
	case K_DATA:
		return t == J_MAP ? K_SCAN : K_IGNORE;
	case K_SCAN:
		return IS("result") ? K_RESULT : K_IGNORE;
	case K_RESULT:
		return IS("response")        ? K_RESPONSE
		       : IS("handshake_log") ? K_HANDSHAKE
		       : IS("server_id")     ? K_SERVER_ID
		                             : K_IGNORE;
	case K_RESPONSE:
		return IS("headers") ? K_HEADERS : IS("request") ? K_REQUEST : K_IGNORE;
	case K_HEADERS:
		return IS("server")             ? K_H_SERVER
		       : IS("www_authenticate") ? K_H_AUTH
		       : IS("set_cookie")       ? K_H_COOKIE
		                                : K_IGNORE;
	case K_REQUEST:
		return IS("tls_log") ? K_TLS_LOG : K_IGNORE;
	case K_TLS_LOG:
		return IS("handshake_log") ? K_HANDSHAKE : K_IGNORE;
	case K_HANDSHAKE:
		return IS("server_certificates") ? K_CERTS : K_IGNORE;
	case K_CERTS:
		return IS("certificate") ? K_CERT : K_IGNORE;
	case K_CERT:
		return IS("parsed") ? K_PARSED : K_IGNORE;
	default:
		return K_IGNORE;
	}
}

static void header(struct zg *z, const char *name, size_t n, const char *v, size_t vn)
{
	if (IS("server"))
		add(z, S_SERVER, v, vn);
	else if (IS("www_authenticate"))
		add(z, S_AUTH, v, vn);
	else if (IS("set_cookie"))
		add(z, S_COOKIE, v, vn);
}

/* A string value named name inside a container of kind parent. */
static void leaf(struct zg *z, enum kind parent, const char *name, size_t n, const char *v,
                 size_t vn)
{
	switch (parent) {
	case K_ROOT:
		if (IS("ip"))
			set(z, &z->ip, v, vn);
		else if (IS("domain"))
			set(z, &z->domain, v, vn);
		break;
	case K_SCAN:
		if (IS("status"))
			set(z, &z->status, v, vn);
		else if (IS("protocol"))
			set(z, &z->proto, v, vn);
		else if (IS("timestamp") && !z->time.n)
			set(z, &z->time, v, vn);
		break;
	case K_RESULT:
		if (IS("banner"))
			add(z, S_BANNER, v, vn);
		break;
	case K_RESPONSE:
		if (IS("body")) {
			char t[TITLE_MAX];
			size_t k = title_of(v, vn, t);
			add(z, "html.title", t, k);
		}
		break;
	case K_HEADERS: /* a header written as one string rather than an array */
		header(z, name, n, v, vn);
		break;
	case K_H_SERVER:
		add(z, S_SERVER, v, vn);
		break;
	case K_H_AUTH:
		add(z, S_AUTH, v, vn);
		break;
	case K_H_COOKIE:
		add(z, S_COOKIE, v, vn);
		break;
	case K_REQUEST:
		if (IS("host"))
			add_request_host(z, v, vn);
		break;
	case K_PARSED:
		if (IS("subject_dn"))
			add(z, "tls.cert.subject", v, vn);
		else if (IS("issuer_dn"))
			add(z, "tls.cert.issuer", v, vn);
		break;
	case K_SERVER_ID:
		if (IS("raw"))
			set(z, &z->ssh_raw, v, vn);
		else if (IS("version"))
			set(z, &z->ssh_ver, v, vn);
		else if (IS("software"))
			set(z, &z->ssh_sw, v, vn);
		else if (IS("comment"))
			set(z, &z->ssh_comment, v, vn);
		break;
	default:
		break;
	}
}

static const char *map_slot(const char *slot, const struct field *mod)
{
	int http = field_is(mod, "http"), rtsp = field_is(mod, "rtsp");
	if (slot == S_SERVER)
		return http ? "http.server" : rtsp ? "rtsp.server" : NULL;
	if (slot == S_AUTH)
		return http ? "http.www_authenticate" : rtsp ? "rtsp.www_authenticate" : NULL;
	if (slot == S_COOKIE)
		return http ? "http.cookie" : NULL;
	if (slot == S_BANNER)
		return field_is(mod, "telnet") ? "telnet.banner"
		       : field_is(mod, "ftp")  ? "ftp.banner"
		                               : NULL;
	return slot;
}

/* The scan ends: keep its fields, mapped to keys, when it succeeded; else drop them. */
static void scan_end(struct zg *z)
{
	z->in_scan = 0;
	if (!field_is(&z->status, "success")) {
		imp_rec_cut(&z->rec, z->scan_from);
		return;
	}
	const struct field *mod = z->proto.n ? &z->proto : &z->module;
	size_t w = z->scan_from;
	for (size_t i = z->scan_from; i < z->rec.n; i++) {
		const char *k = map_slot(z->rec.item[i].key, mod);
		if (k) {
			z->rec.item[w] = z->rec.item[i];
			z->rec.item[w++].key = k;
		}
	}
	z->rec.n = w;
	char line[4 * FIELD_MAX];
	size_t n = 0;
	if (z->ssh_raw.n)
		n = (size_t)snprintf(line, sizeof(line), "%.*s", (int)z->ssh_raw.n, z->ssh_raw.v);
	else if (z->ssh_ver.n || z->ssh_sw.n)
		n = (size_t)snprintf(line, sizeof(line), "SSH-%.*s-%.*s%s%.*s", (int)z->ssh_ver.n,
		                     z->ssh_ver.v, (int)z->ssh_sw.n, z->ssh_sw.v,
		                     z->ssh_comment.n ? " " : "", (int)z->ssh_comment.n,
		                     z->ssh_comment.v);
	add(z, "ssh.banner", line, n < sizeof(line) ? n : sizeof(line) - 1);
}

static void scan_start(struct zg *z, const char *name, size_t n)
{
	z->in_scan = 1;
	z->scan_from = z->rec.n;
	set(z, &z->module, name, n);
	z->status.n = z->proto.n = 0;
	z->ssh_raw.n = z->ssh_ver.n = z->ssh_sw.n = z->ssh_comment.n = 0;
}

/* ---- yajl's callbacks: each value placed by its container's kind and its member name ---- */

static enum kind parent_kind(const struct zg *z)
{
	return z->depth && z->depth <= DEPTH ? z->kind[z->depth - 1] : K_IGNORE;
}

/* The name a value has in its parent: the member's key, nothing for an array element. */
static size_t member(const struct zg *z, const char **name)
{
	if (z->depth && z->depth <= DEPTH && z->is_arr[z->depth - 1]) {
		*name = "";
		return 0;
	}
	*name = z->key;
	return z->key_len;
}

static void rec_begin(struct zg *z);

/* Fast path, a record opening at the top: find its line (past blank ones) and that line's end. */
static int fast_open(struct zg *z, enum jtype t)
{
	const char *tok = z->line + yajl_get_bytes_consumed(z->h) - 1;
	if (t != J_MAP || tok < z->ls) {
		z->anomaly = 1;
		return 0;
	}
	for (char *nl; (nl = memchr(z->ls, '\n', (size_t)(tok - z->ls)));) {
		z->ls_off += (uint64_t)(nl + 1 - z->ls);
		z->ls_num++;
		z->ls = nl + 1;
	}
	z->le = memchr(tok, '\n', (size_t)(z->line_end - tok));
	if (!z->le)
		z->le = z->line_end;
	rec_begin(z);
	z->begun = 1;
	return 1;
}

static void rec_finish(struct zg *z, unsigned long line, uint64_t off);

/* Fast path, a record closing at the top: it must end its line (white space may follow). */
static int fast_close(struct zg *z)
{
	const char *pos = z->line + yajl_get_bytes_consumed(z->h);
	if (pos > z->le) {
		z->anomaly = 1;
		return 0;
	}
	for (; pos < z->le; pos++)
		if (*pos != ' ' && *pos != '\t' && *pos != '\r') {
			z->anomaly = 1;
			return 0;
		}
	rec_finish(z, z->ls_num, z->ls_off);
	z->begun = 0;
	if (z->le < z->line_end) {
		z->ls_off += (uint64_t)(z->le + 1 - z->ls);
		z->ls_num++;
		z->ls = z->le + 1;
	} else {
		z->ls = z->le;
	}
	return 1;
}

static int open_(struct zg *z, enum jtype t)
{
	if (z->depth == 0 && z->fast && !fast_open(z, t))
		return 0;
	if (z->depth == 0) {
		z->values++;
		z->root_map = t == J_MAP;
		z->kind[0] = z->root_map ? K_ROOT : K_IGNORE;
		z->is_arr[0] = t == J_ARR;
	} else if (z->depth < DEPTH) {
		enum kind parent = parent_kind(z), k = K_IGNORE;
		const char *name;
		size_t n = member(z, &name);
		if (parent != K_IGNORE)
			k = child(parent, name, n, t);
		z->kind[z->depth] = k;
		z->is_arr[z->depth] = t == J_ARR;
		if (k == K_SCAN)
			scan_start(z, name, n);
	}
	z->depth++;
	return z->depth < 1024; /* nesting bound (yajl's own is 128 for maps and arrays) */
}

static int cb_start_map(void *ctx)
{
	return open_(ctx, J_MAP);
}

static int cb_start_array(void *ctx)
{
	return open_(ctx, J_ARR);
}

static int cb_end(void *ctx)
{
	struct zg *z = ctx;
	z->depth--;
	if (z->depth < DEPTH && z->kind[z->depth] == K_SCAN && z->in_scan)
		scan_end(z);
	if (z->depth == 0 && z->fast)
		return fast_close(z);
	return 1;
}

static int cb_key(void *ctx, const unsigned char *p, size_t n)
{
	struct zg *z = ctx;
	/* No name read is longer than KEY_MAX: a longer one is kept as matching nothing. */
	z->key_len = n <= KEY_MAX ? n : 0;
	memcpy(z->key, p, z->key_len);
	return 1;
}

static int cb_string(void *ctx, const unsigned char *p, size_t n)
{
	struct zg *z = ctx;
	if (z->depth == 0) {
		z->values++;
		z->anomaly |= z->fast;
		return !z->fast;
	}
	enum kind parent = parent_kind(z);
	if (parent != K_IGNORE) {
		const char *name;
		size_t k = member(z, &name);
		leaf(z, parent, name, k, (const char *)p, n);
	}
	return 1;
}

static int cb_scalar(void *ctx)
{
	struct zg *z = ctx;
	if (z->depth == 0) {
		z->values++;
		z->anomaly |= z->fast;
		return !z->fast;
	}
	return 1;
}

static int cb_bool(void *ctx, int b)
{
	(void)b;
	return cb_scalar(ctx);
}

static int cb_number(void *ctx, const char *p, size_t n)
{
	(void)p, (void)n;
	return cb_scalar(ctx);
}

static const yajl_callbacks callbacks = {
    cb_scalar,    cb_bool, NULL,   NULL,           cb_number, cb_string,
    cb_start_map, cb_key,  cb_end, cb_start_array, cb_end,
};

static void new_handle(struct zg *z)
{
	if (z->h)
		yajl_free(z->h);
	z->h = yajl_alloc(&callbacks, NULL, z);
	if (!z->h)
		abort();
	/* Kept from line to line while lines parse whole (yajl cannot resume after an error). */
	yajl_config(z->h, yajl_allow_multiple_values, 1);
}

/* Parses one line; 0, or -1 with why in err (the same words as jpath_line's). */
static int parse(struct zg *z, const char *p, size_t n, char *err, size_t errlen)
{
	z->depth = 0;
	z->values = 0;
	yajl_status s = yajl_parse(z->h, (const unsigned char *)p, n);
	if (s != yajl_status_ok) {
		/* yajl counts the byte it stopped at (jpath_feed reads it the same way). */
		size_t used = yajl_get_bytes_consumed(z->h);
		unsigned char *m = yajl_get_error(z->h, 0, (const unsigned char *)p, n);
		snprintf(err, errlen, "invalid JSON at column %zu: %s", used ? used : 1,
		         m ? (const char *)m : "invalid JSON");
		err[strcspn(err, "\r\n")] = 0;
		if (m)
			yajl_free_error(z->h, m);
		new_handle(z);
		return -1;
	}
	if (z->values != 1 || z->depth) {
		snprintf(err, errlen, "%s",
		         z->values > 1 ? "more than one JSON value on the line"
		                       : "incomplete JSON value");
		new_handle(z);
		return -1;
	}
	return 0;
}

static void rec_begin(struct zg *z)
{
	imp_rec_reset(&z->rec);
	z->ip.n = z->domain.n = z->time.n = 0;
	z->root_map = z->in_scan = z->overflow = 0;
	z->st->records++;
}

static void rec_finish(struct zg *z, unsigned long line, uint64_t off)
{
	if (!z->root_map) {
		imp_bad(z->sink, z->st, line, off, "not a JSON object");
		return;
	}
	if (!z->ip.n && !z->domain.n) {
		imp_bad(z->sink, z->st, line, off, "no \"ip\" or \"domain\"");
		return;
	}
	if (z->overflow) {
		imp_bad(z->sink, z->st, line, off, "record too large");
		return;
	}
	const char *ip = term(&z->ip), *domain = term(&z->domain);
	const char *asset = z->ip.n ? ip : domain;
	const char *time = z->time.n ? term(&z->time) : NULL;
	imp_obs(z->sink, z->st, asset, "ip", ip, z->ip.n, time);
	imp_obs(z->sink, z->st, asset, "hostname", domain, z->domain.n, time);
	imp_rec_emit(&z->rec, 0, z->sink, z->st, asset, time);
	z->sink->record_end(z->sink->ctx);
}

/* One line on its own (n bytes at p, a NUL after them). */
static void record(struct zg *z, unsigned long line, uint64_t off, char *p, size_t n)
{
	size_t i = 0;
	while (i < n && is_space(p[i]))
		i++;
	if (i == n)
		return;
	char err[256];
	z->fast = 0;
	z->line = p;
	z->line_end = p + n;
	rec_begin(z);
	if (parse(z, p, n, err, sizeof(err)) < 0) {
		imp_bad(z->sink, z->st, line, off, "%s", err);
		return;
	}
	rec_finish(z, line, off);
}

/* A block of whole lines (ending in '\n'); returns the number of lines it held. */
static unsigned long block(struct zg *z, unsigned long line, uint64_t off, char *p, size_t n)
{
	z->fast = 1;
	z->anomaly = z->begun = 0;
	z->line = p;
	z->line_end = p + n;
	z->ls = p;
	z->ls_num = line;
	z->ls_off = off;
	z->depth = 0;
	yajl_status s = yajl_parse(z->h, (const unsigned char *)p, n);
	z->fast = 0;
	if (s == yajl_status_ok && !z->anomaly && z->depth == 0) {
		unsigned long k = z->ls_num - line; /* lines before ls; then blank ones after it */
		for (const char *q = z->ls; (q = memchr(q, '\n', (size_t)(z->line_end - q))); q++)
			k++;
		return k;
	}
	/* Read again a line at a time from the line the failure is on. */
	if (z->begun)
		z->st->records--;
	new_handle(z);
	unsigned long num = z->ls_num;
	uint64_t o = z->ls_off;
	for (char *q = z->ls, *e = p + n; q < e;) {
		char *nl = memchr(q, '\n', (size_t)(e - q));
		size_t len = (size_t)(nl - q);
		size_t k = len && q[len - 1] == '\r' ? len - 1 : len;
		q[k] = 0;
		record(z, num, o, q, k);
		o += len + 1;
		num++;
		q = nl + 1;
	}
	return num - line;
}

static int zgrab2_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct zg *z = xcalloc(1, sizeof(*z));
	z->sink = sink;
	z->st = st;
	imp_rec_init(&z->rec);
	new_handle(z);
	struct imp_lines l;
	imp_lines_init(&l, f, sink, st);
	char *p;
	size_t n;
	int rc;
	while ((rc = imp_lines_block(&l, &p, &n)) > 0) {
		if (rc == 2)
			record(z, l.line, l.off, p, n);
		else
			imp_lines_count(&l, block(z, l.line, l.off, p, n));
	}
	imp_lines_release(&l);
	yajl_free(z->h);
	imp_rec_release(&z->rec);
	free(z);
	return rc < 0 ? -1 : 0;
}

/* zgrab2 lines start with {"ip": (or "domain") and hold "data" with a scan's "status" and
 * "protocol"; the combination is zgrab2's alone. */
static int zgrab2_detect(const char *head, size_t n)
{
	if (imp_first(head, n) != '{')
		return 0;
	int score = 0;
	if (imp_has(head, n, "\"data\":{") || imp_has(head, n, "\"data\": {"))
		score += 30;
	if (imp_has(head, n, "\"status\":") && imp_has(head, n, "\"protocol\":"))
		score += 40;
	if (imp_has(head, n, "\"ip\":") || imp_has(head, n, "\"domain\":"))
		score += 20;
	if (imp_has(head, n, "\"timestamp\":"))
		score += 5;
	return score >= 50 ? score : 0;
}

const struct importer imp_zgrab2 = {
    .name = "zgrab2",
    .summary = "zgrab2 JSON Lines (http, tls, ssh, telnet, ftp, rtsp scans)",
    .detect = zgrab2_detect,
    .read = zgrab2_read,
    .whole_records = 1,
    .line_records = 1,
};
