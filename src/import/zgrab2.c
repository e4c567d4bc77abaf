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
#include <stdlib.h>
#include <string.h>

#include "bansweep/xml.h"
#include "imp.h"
#include "util/banned.h"

#define TITLE_MAX 512
#define FIELD_MAX 256

/* What a field is before the module is known; mapped to a key at the scan's end. */
static const char S_SERVER[] = "#server", S_AUTH[] = "#auth", S_COOKIE[] = "#cookie",
                  S_BANNER[] = "#banner";

struct field {
	char v[FIELD_MAX];
	size_t n;
};

struct zg {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct imp_rec rec;
	struct field ip, domain, time, status, proto, module;
	struct field ssh_raw, ssh_ver, ssh_sw, ssh_comment;
	size_t scan_from; /* rec.n when the current scan opened */
	size_t scan_plen; /* path length of "data.<scan>" */
	int in_scan, root_map, overflow;
};

static void set(struct field *f, const char *v, size_t n)
{
	f->n = n < FIELD_MAX - 1 ? n : FIELD_MAX - 1;
	memcpy(f->v, v, f->n);
	f->v[f->n] = 0;
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
	if (!h[0] || (z->domain.n && !strcmp(h, z->domain.v)) || inet_pton(AF_INET, h, a) == 1 ||
	    inet_pton(AF_INET6, h, a) == 1)
		return;
	add(z, "hostname", h, strlen(h));
}

static int ends(const char *p, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(p + n - k, suffix, k) && (n == k || p[n - k - 1] == '.');
}

/* A scalar inside a scan; rel is its path below "data.<scan>.". */
static void scan_leaf(struct zg *z, const char *rel, size_t n, const struct jev *e)
{
	if (e->depth == 3) {
		if (!strcmp(rel, "status"))
			set(&z->status, e->v, e->vlen);
		else if (!strcmp(rel, "protocol"))
			set(&z->proto, e->v, e->vlen);
		else if (!strcmp(rel, "timestamp") && !z->time.n)
			set(&z->time, e->v, e->vlen);
		return;
	}
	if (e->type != J_STR || n < 8 || memcmp(rel, "result.", 7))
		return;
	rel += 7, n -= 7;
	if (!strncmp(rel, "response.", 9)) {
		const char *r = rel + 9;
		if (!strcmp(r, "headers.server"))
			add(z, S_SERVER, e->v, e->vlen);
		else if (!strcmp(r, "headers.www_authenticate"))
			add(z, S_AUTH, e->v, e->vlen);
		else if (!strcmp(r, "headers.set_cookie"))
			add(z, S_COOKIE, e->v, e->vlen);
		else if (!strcmp(r, "body")) {
			char t[TITLE_MAX];
			size_t k = title_of(e->v, e->vlen, t);
			add(z, "html.title", t, k);
		} else if (!strcmp(r, "request.host"))
			add_request_host(z, e->v, e->vlen);
	}
	if (ends(rel, n, "handshake_log.server_certificates.certificate.parsed.subject_dn"))
		add(z, "tls.cert.subject", e->v, e->vlen);
	else if (ends(rel, n, "handshake_log.server_certificates.certificate.parsed.issuer_dn"))
		add(z, "tls.cert.issuer", e->v, e->vlen);
	else if (!strcmp(rel, "banner"))
		add(z, S_BANNER, e->v, e->vlen);
	else if (!strncmp(rel, "server_id.", 10)) {
		const char *s = rel + 10;
		if (!strcmp(s, "raw"))
			set(&z->ssh_raw, e->v, e->vlen);
		else if (!strcmp(s, "version"))
			set(&z->ssh_ver, e->v, e->vlen);
		else if (!strcmp(s, "software"))
			set(&z->ssh_sw, e->v, e->vlen);
		else if (!strcmp(s, "comment"))
			set(&z->ssh_comment, e->v, e->vlen);
	}
}

static const char *map_slot(const char *slot, const char *mod)
{
	int http = !strcmp(mod, "http"), rtsp = !strcmp(mod, "rtsp");
	if (slot == S_SERVER)
		return http ? "http.server" : rtsp ? "rtsp.server" : NULL;
	if (slot == S_AUTH)
		return http ? "http.www_authenticate" : rtsp ? "rtsp.www_authenticate" : NULL;
	if (slot == S_COOKIE)
		return http ? "http.cookie" : NULL;
	if (slot == S_BANNER)
		return !strcmp(mod, "telnet") ? "telnet.banner"
		       : !strcmp(mod, "ftp")  ? "ftp.banner"
		                              : NULL;
	return slot;
}

/* The scan ends: keep its fields, mapped to keys, when it succeeded; else drop them. */
static void scan_end(struct zg *z)
{
	z->in_scan = 0;
	if (z->status.n != 7 || memcmp(z->status.v, "success", 7)) {
		imp_rec_cut(&z->rec, z->scan_from);
		return;
	}
	const char *mod = z->proto.n ? z->proto.v : z->module.v;
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
		n = (size_t)snprintf(line, sizeof(line), "%s", z->ssh_raw.v);
	else if (z->ssh_ver.n || z->ssh_sw.n)
		n = (size_t)snprintf(line, sizeof(line), "SSH-%s-%s%s%s", z->ssh_ver.v, z->ssh_sw.v,
		                     z->ssh_comment.n ? " " : "", z->ssh_comment.v);
	add(z, "ssh.banner", line, n < sizeof(line) ? n : sizeof(line) - 1);
}

static void scan_start(struct zg *z, const struct jev *e)
{
	z->in_scan = 1;
	z->scan_from = z->rec.n;
	z->scan_plen = e->plen;
	set(&z->module, e->path + 5, e->plen - 5);
	z->status.n = z->proto.n = 0;
	z->ssh_raw.n = z->ssh_ver.n = z->ssh_sw.n = z->ssh_comment.n = 0;
	z->status.v[0] = z->proto.v[0] = 0;
	z->ssh_raw.v[0] = z->ssh_ver.v[0] = z->ssh_sw.v[0] = z->ssh_comment.v[0] = 0;
}

static int on_json(void *ctx, enum jwhat what, const struct jev *e)
{
	struct zg *z = ctx;
	if (e->depth == 0) {
		if (what == J_OPEN)
			z->root_map = e->type == J_MAP;
		return 0;
	}
	if (e->depth == 1) {
		if (what != J_LEAF || e->type != J_STR)
			return 0;
		if (!strcmp(e->path, "ip"))
			set(&z->ip, e->v, e->vlen);
		else if (!strcmp(e->path, "domain"))
			set(&z->domain, e->v, e->vlen);
		return 0;
	}
	if (e->depth == 2) {
		if (e->plen > 5 && !memcmp(e->path, "data.", 5) && e->type == J_MAP) {
			if (what == J_OPEN)
				scan_start(z, e);
			else if (what == J_CLOSE && z->in_scan)
				scan_end(z);
		}
		return 0;
	}
	if (what == J_LEAF && z->in_scan && e->plen > z->scan_plen)
		scan_leaf(z, e->path + z->scan_plen + 1, e->plen - z->scan_plen - 1, e);
	return 0;
}

static void record(struct zg *z, struct jpath *j, struct imp_lines *l, const char *p, size_t n)
{
	char err[256];
	imp_rec_reset(&z->rec);
	z->ip.n = z->domain.n = z->time.n = 0;
	z->ip.v[0] = z->domain.v[0] = z->time.v[0] = 0;
	z->root_map = z->in_scan = z->overflow = 0;
	z->st->records++;
	if (jpath_line(j, p, n, err, sizeof(err)) < 0) {
		imp_bad(z->sink, z->st, l->line, l->off, "%s", err);
		return;
	}
	if (!z->root_map) {
		imp_bad(z->sink, z->st, l->line, l->off, "not a JSON object");
		return;
	}
	if (!z->ip.n && !z->domain.n) {
		imp_bad(z->sink, z->st, l->line, l->off, "no \"ip\" or \"domain\"");
		return;
	}
	if (z->overflow) {
		imp_bad(z->sink, z->st, l->line, l->off, "record too large");
		return;
	}
	const char *asset = z->ip.n ? z->ip.v : z->domain.v;
	const char *time = z->time.n ? z->time.v : NULL;
	imp_obs(z->sink, z->st, asset, "ip", z->ip.v, z->ip.n, time);
	imp_obs(z->sink, z->st, asset, "hostname", z->domain.v, z->domain.n, time);
	imp_rec_emit(&z->rec, 0, z->sink, z->st, asset, time);
	z->sink->record_end(z->sink->ctx);
}

static int zgrab2_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct zg *z = xcalloc(1, sizeof(*z));
	z->sink = sink;
	z->st = st;
	imp_rec_init(&z->rec);
	struct jpath *j = jpath_new(on_json, z);
	struct imp_lines l;
	imp_lines_init(&l, f, sink, st);
	char *p;
	size_t n;
	int rc;
	while ((rc = imp_lines_next(&l, &p, &n)) > 0) {
		size_t i = 0;
		while (i < n && is_space(p[i]))
			i++;
		if (i < n)
			record(z, j, &l, p, n);
	}
	imp_lines_release(&l);
	jpath_free(j);
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
};
