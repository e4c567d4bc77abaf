/* What nmap keeps of a device's own words, turned into the keys of those words: NSE script
 * output (https://nmap.org/nsedoc/: http-title, http-server-header, ssl-cert, snmp-sysdescr,
 * upnp-info, banner) and the raw responses of a service fingerprint (servicefp; its format:
 * https://nmap.org/book/vscan-community.html, "%r(Probe,hexlen,"escaped response")"). And the
 * host's observations, kept until the host ends. */
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "imp.h"
#include "nmap.h"
#include "util/banned.h"

void nmap_host_init(struct nmap_host *h)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->obs, IMP_MAX_RECORD);
	buf_init(&h->subj, 1u << 16);
	buf_init(&h->iss, 1u << 16);
}

void nmap_host_release(struct nmap_host *h)
{
	buf_release(&h->obs);
	buf_release(&h->subj);
	buf_release(&h->iss);
}

void nmap_host_reset(struct nmap_host *h)
{
	buf_reset(&h->obs);
	buf_reset(&h->subj);
	buf_reset(&h->iss);
	h->ip[0] = h->mac[0] = h->name[0] = h->time[0] = 0;
	h->tcp = h->oom = 0;
}

/* Walks the kept entries: returns the offset of the next one after *at, or 0 at the end. */
static int entry(const struct nmap_host *h, size_t *at, const char **k, const char **v, uint32_t *n)
{
	if (*at >= h->obs.len)
		return 0;
	*k = h->obs.data + *at;
	size_t p = *at + strlen(*k) + 1;
	memcpy(n, h->obs.data + p, 4);
	*v = h->obs.data + p + 4;
	*at = p + 4 + *n;
	return 1;
}

void nmap_host_add(struct nmap_host *h, const char *key, const char *v, size_t n)
{
	if (!n)
		return;
	if (n > IMP_MAX_RECORD) {
		h->oom = 1;
		return;
	}
	const char *k, *w;
	uint32_t m, len = (uint32_t)n;
	for (size_t at = 0; entry(h, &at, &k, &w, &m);)
		if (m == len && !strcmp(k, key) && !memcmp(w, v, n))
			return; /* several probes saw the same header */
	size_t mark = h->obs.len;
	if (buf_add(&h->obs, key, strlen(key) + 1) < 0 || buf_add(&h->obs, &len, 4) < 0 ||
	    buf_add(&h->obs, v, n) < 0) {
		h->obs.len = mark;
		h->oom = 1;
	}
}

int nmap_host_emit(struct nmap_host *h, const struct imp_sink *s, struct imp_stats *st)
{
	const char *id = h->ip[0] ? h->ip : h->mac[0] ? h->mac : h->name;
	if (!*id)
		return -1;
	const char *k, *v;
	uint32_t n;
	for (size_t at = 0; entry(h, &at, &k, &v, &n);)
		imp_obs(s, st, id, k, v, n, h->time[0] ? h->time : NULL);
	return 0;
}

static void trim(const char **p, size_t *n)
{
	while (*n && (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n'))
		(*p)++, (*n)--;
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r' ||
	              (*p)[*n - 1] == '\n'))
		(*n)--;
}

static void add_trimmed(struct nmap_host *h, const char *key, const char *v, size_t n)
{
	trim(&v, &n);
	nmap_host_add(h, key, v, n);
}

static int starts(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	return n >= k && !memcmp(p, s, k);
}

static const char *find_ci(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (bs_strncaseeq(p + i, s, k))
			return p + i;
	return NULL;
}

/* One raw response: the header lines and title of HTTP, RTSP and SIP, the SSH identification
 * line, an FTP greeting. */
static void response(struct nmap_host *h, const char *p, size_t n)
{
	const char *server = NULL, *auth = NULL, *ua = NULL, *cookie = NULL;
	if (starts(p, n, "HTTP/"))
		server = "http.server", auth = "http.www_authenticate", cookie = "http.cookie";
	else if (starts(p, n, "RTSP/"))
		server = "rtsp.server", auth = "rtsp.www_authenticate";
	else if (starts(p, n, "SIP/2.0"))
		server = "sip.server", ua = "sip.user_agent";
	const char *nl = memchr(p, '\n', n);
	size_t first = nl ? (size_t)(nl - p) : n;
	if (starts(p, n, "SSH-") || (starts(p, n, "220") && find_ci(p, first, "ftp")))
		add_trimmed(h, *p == 'S' ? "ssh.banner" : "ftp.banner", p, first);
	if (!server)
		return;
	const char *end = p + n, *line = nl ? nl + 1 : end;
	while (line < end) {
		const char *e = memchr(line, '\n', (size_t)(end - line));
		size_t len = e ? (size_t)(e - line) : (size_t)(end - line);
		const char *c = memchr(line, ':', len);
		if (len == 0 || (len == 1 && *line == '\r'))
			break; /* the body follows */
		if (c) {
			size_t nl2 = (size_t)(c - line), vl = len - nl2 - 1;
			if (nl2 == 6 && bs_strncaseeq(line, "Server", 6))
				add_trimmed(h, server, c + 1, vl);
			else if (auth && nl2 == 16 && bs_strncaseeq(line, "WWW-Authenticate", 16))
				add_trimmed(h, auth, c + 1, vl);
			else if (ua && nl2 == 10 && bs_strncaseeq(line, "User-Agent", 10))
				add_trimmed(h, ua, c + 1, vl);
			else if (cookie && nl2 == 10 && bs_strncaseeq(line, "Set-Cookie", 10))
				add_trimmed(h, cookie, c + 1, vl);
		}
		line = e ? e + 1 : end;
	}
	const char *t = find_ci(p, n, "<title>");
	if (starts(p, n, "HTTP/") && t) {
		t += 7;
		const char *te = find_ci(t, (size_t)(end - t), "</title>");
		if (te)
			add_trimmed(h, "html.title", t, (size_t)(te - t));
	}
}

void nmap_servicefp(struct nmap_host *h, const char *fp, size_t n)
{
	struct buf r;
	buf_init(&r, IMP_MAX_RECORD);
	for (size_t i = 0; i + 3 <= n; i++) {
		if (memcmp(fp + i, "%r(", 3))
			continue;
		/* %r(Probe,hexlen,"...") */
		const char *q = memchr(fp + i, '"', n - i);
		if (!q)
			break;
		buf_reset(&r);
		size_t j = (size_t)(q - fp) + 1;
		while (j < n && fp[j] != '"') {
			char c = fp[j++];
			if (c == '\n' && j + 3 <= n && !memcmp(fp + j, "SF:", 3)) {
				j +=
				    3; /* nmap wraps the fingerprint in lines that start with SF: */
				continue;
			}
			if (c == '\\' && j < n) {
				c = fp[j++];
				if (c == 'x' && j + 2 <= n && bs_hexdigit(fp[j]) >= 0 &&
				    bs_hexdigit(fp[j + 1]) >= 0) {
					c = (char)(bs_hexdigit(fp[j]) << 4 |
					           bs_hexdigit(fp[j + 1]));
					j += 2;
				} else if (c == 'r' || c == 'n' || c == 't' || c == '0') {
					c = c == 'r' ? '\r' : c == 'n' ? '\n' : c == 't' ? '\t' : 0;
				}
			}
			if (buf_addc(&r, c) < 0)
				break;
		}
		if (r.len)
			response(h, r.data, r.len);
		i = j;
	}
	buf_release(&r);
}

/* RFC 4514 names of the attributes nmap's ssl-cert spells out, in RFC 2253 print order
 * (most specific first) as OpenSSL and the TLS decoder write them. */
static const struct {
	const char *nmap, *short_name;
} rdn[] = {
    {"commonName", "CN"},  {"organizationalUnitName", "OU"}, {"organizationName", "O"},
    {"localityName", "L"}, {"stateOrProvinceName", "ST"},    {"countryName", "C"},
};
#define NRDN (sizeof(rdn) / sizeof(*rdn))

void nmap_elem(struct nmap_host *h, const char *script, const char *table, const char *key,
               const char *v, size_t n)
{
	if (!strcmp(script, "http-title") && !strcmp(key, "title")) {
		add_trimmed(h, "html.title", v, n);
	} else if (!strcmp(script, "ssl-cert") &&
	           (!strcmp(table, "subject") || !strcmp(table, "issuer"))) {
		/* kept as "rank name=value\n" until the table is read, then put in order */
		struct buf *b = !strcmp(table, "subject") ? &h->subj : &h->iss;
		size_t r = 0;
		while (r < NRDN && strcmp(rdn[r].nmap, key))
			r++;
		buf_printf(b, "%c%s=", (char)('0' + r), r < NRDN ? rdn[r].short_name : key);
		for (size_t i = 0; i < n; i++) {
			char c = v[i] == '\n' ? ' ' : v[i];
			if (strchr(",+\"\\<>;", c) ||
			    ((i == 0 && (c == ' ' || c == '#')) || (i == n - 1 && c == ' ')))
				buf_addc(b, '\\');
			buf_addc(b, c);
		}
		buf_addc(b, '\n');
	}
}

static void put_name(struct nmap_host *h, const char *key, struct buf *b)
{
	struct buf out;
	buf_init(&out, 1u << 16);
	for (char r = '0'; r <= (char)('0' + NRDN); r++)
		for (const char *p = b->data; p && p < b->data + b->len;) {
			const char *e = strchr(p, '\n');
			if (!e)
				break;
			if (*p == r) {
				if (out.len)
					buf_addc(&out, ',');
				buf_add(&out, p + 1, (size_t)(e - p - 1));
			}
			p = e + 1;
		}
	nmap_host_add(h, key, out.data, out.len);
	buf_release(&out);
	buf_reset(b);
}

void nmap_elem_done(struct nmap_host *h, const char *script)
{
	if (strcmp(script, "ssl-cert"))
		return;
	put_name(h, "tls.cert.subject", &h->subj);
	put_name(h, "tls.cert.issuer", &h->iss);
}

/* Each line of out after "Label:" (upnp-info's layout: "  Server: ...", "    Manufacturer: ...").
 */
static void labelled(struct nmap_host *h, const char *out, size_t n, const char *label,
                     const char *key)
{
	size_t k = strlen(label);
	for (const char *p = out, *end = out + n; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
		const char *s = p;
		while (len && *s == ' ')
			s++, len--;
		if (len > k && !memcmp(s, label, k))
			add_trimmed(h, key, s + k, len - k);
		p = e ? e + 1 : end;
	}
}

/* The banner script's text, back to the bytes the device sent (escape.h). */
static void banner(struct nmap_host *h, const char *key, const char *out, size_t n)
{
	struct buf b;
	buf_init(&b, IMP_MAX_RECORD);
	if (buf_add(&b, out, n) == 0)
		add_trimmed(h, key, b.data, imp_unescape_banner(b.data, b.len, 1));
	buf_release(&b);
}

void nmap_script(struct nmap_host *h, const char *script, const char *svc, const char *out,
                 size_t n)
{
	if (!out || !n)
		return;
	if (!strcmp(script, "http-server-header")) {
		/* one Server value, or one a line when the requests saw several */
		labelled(h, out, n, "", "http.server");
	} else if (!strcmp(script, "snmp-sysdescr")) {
		const char *up = find_ci(out, n, "\n  System uptime:");
		add_trimmed(h, "snmp.sysdescr", out, up ? (size_t)(up - out) : n);
	} else if (!strcmp(script, "upnp-info")) {
		labelled(h, out, n, "Server:", "upnp.server");
		labelled(h, out, n, "Webserver:", "http.server");
		labelled(h, out, n, "Manufacturer:", "upnp.manufacturer");
		labelled(h, out, n, "Model Name:", "upnp.model");
	} else if (!strcmp(script, "banner")) {
		/* nmap writes the bytes read, non-printable ones as \xNN, wrapped at 75 columns */
		if (starts(out, n, "SSH-")) {
			size_t k = 0;
			while (k < n && out[k] != '\n' && out[k] != '\\')
				k++;
			add_trimmed(h, "ssh.banner", out, k);
		} else if (!strcmp(svc, "telnet")) {
			banner(h, "telnet.banner", out, n);
		} else if (!strcmp(svc, "ftp") || starts(out, n, "220")) {
			banner(h, "ftp.banner", out, n);
		}
	}
}
