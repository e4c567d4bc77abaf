/* nmap -oX output (https://nmap.org/book/output-formats-xml-output.html, docs/nmap.dtd in nmap's
 * source): one <host> is one record. Streamed through libxml2's SAX2 push parser fed in blocks:
 * no tree is built, so memory follows the largest <host>, not the file, and the callbacks come
 * in document order, so every host before a syntax error is emitted before it is reported (the
 * xmlTextReader reports an error before the nodes parsed with it). No DTD, external entity or
 * network resource is loaded (no XML_PARSE_DTDLOAD/NOENT, XML_PARSE_NONET; no entity callbacks).
 *
 * A host's observations are kept until </host>: its address (the asset id) is known only then
 * in general, and a host cut off by a syntax error must not emit half of itself. What nmap
 * names as fingerprint guesses (service product, OS match) goes to scan.product; what it kept
 * of the device's own words (script output, the raw responses of servicefp) goes to the keys
 * of those words (nmap_scripts.c). */
#include <inttypes.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/xml.h"
#include "imp.h"
#include "nmap.h"
#include "util/banned.h"

#define BLOCK (64u << 10)

struct nx {
	const struct imp_sink *sink;
	struct imp_stats *st;
	xmlParserCtxtPtr c;
	const xmlChar **attrs;   /* the element's attributes (SAX2: 5 pointers each) */
	int nattrs, root, depth; /* depth: elements open */
	struct nmap_host h;
	int in_host, down, in_port, port_open, osmatch_done;
	char portid[8], svc[32];
	/* the script being read: id, output attribute, the key of the table it is in, an elem */
	char script[48], table[48], elem[48];
	int in_script, in_elem, tdepth, stop;
	struct buf out, text;
	unsigned long line;
	uint64_t off;
	char err[200];
	unsigned long errline;
	uint64_t erroff;
	int errcode;
};

static uint64_t here(struct nx *x)
{
	xmlParserInputPtr in = x->c ? x->c->input : NULL;
	uint64_t o = in ? (uint64_t)in->consumed + (uint64_t)(in->cur - in->base) : 0;
	return o < x->st->bytes ? o : x->st->bytes;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct nx *x = ctx;
	if (!x->err[0] && e && e->level >= XML_ERR_ERROR) {
		x->erroff = here(x);
		x->errcode = e->code;
		snprintf(x->err, sizeof(x->err), "%s", e->message ? e->message : "syntax error");
		size_t n = strlen(x->err);
		while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
			x->err[--n] = 0;
		x->errline = e->line > 0 ? (unsigned long)e->line : 0;
	}
}

/* The value of attribute name (not NUL-terminated: *n bytes), or NULL. */
static const char *attrv(const struct nx *x, const char *name, size_t *n)
{
	for (int i = 0; i < x->nattrs; i++) {
		const xmlChar *const *a = x->attrs + 5 * i; /* localname, prefix, URI, value, end */
		if (!a[1] && !strcmp((const char *)a[0], name)) {
			*n = (size_t)(a[4] - a[3]);
			return (const char *)a[3];
		}
	}
	*n = 0;
	return NULL;
}

/* Copies attribute name into out (cut to cap-1 bytes); "" when absent. */
static const char *attr(struct nx *x, const char *name, char *out, size_t cap)
{
	size_t n;
	const char *v = attrv(x, name, &n);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, v ? v : "", n);
	out[n] = 0;
	return out;
}

static void host_start(struct nx *x)
{
	char t[32];
	nmap_host_reset(&x->h);
	x->in_host = 1;
	x->down = 0;
	x->osmatch_done = 0;
	x->st->records++;
	x->line = (unsigned long)xmlSAX2GetLineNumber(x->c);
	x->off = here(x);
	/* starttime/endtime: seconds since the epoch, as nmap wrote them */
	if (!*attr(x, "starttime", t, sizeof(t)))
		attr(x, "endtime", t, sizeof(t));
	snprintf(x->h.time, sizeof(x->h.time), "%s", t);
}

static void host_end(struct nx *x)
{
	x->in_host = 0;
	if (x->down) /* nmap lists hosts it found down with -v: nothing to say of them */
		return;
	if (x->h.oom)
		imp_bad(x->sink, x->st, x->line, x->off, "host larger than %u bytes",
		        IMP_MAX_RECORD);
	else if (nmap_host_emit(&x->h, x->sink, x->st) < 0)
		imp_bad(x->sink, x->st, x->line, x->off, "host without an address");
	x->sink->record_end(x->sink->ctx);
}

static void address(struct nx *x)
{
	char a[80], type[16];
	attr(x, "addr", a, sizeof(a));
	attr(x, "addrtype", type, sizeof(type));
	if (!strcmp(type, "ipv4") || !strcmp(type, "ipv6")) {
		if (!x->h.ip[0])
			snprintf(x->h.ip, sizeof(x->h.ip), "%s", a);
		nmap_host_add(&x->h, "ip", a, strlen(a));
	} else if (!strcmp(type, "mac")) {
		if (!x->h.mac[0])
			snprintf(x->h.mac, sizeof(x->h.mac), "%s", a);
		nmap_host_add(&x->h, "mac", a, strlen(a));
		/* The vendor attribute is nmap's lookup of the same OUI in nmap-mac-prefixes: the
		 * registry attributes the MAC itself, and the lookup is no second signal. */
	}
}

static void service(struct nx *x)
{
	char v[512];
	attr(x, "name", x->svc, sizeof(x->svc));
	if (!x->port_open)
		return;
	attr(x, "product", v, sizeof(v));
	nmap_host_add(&x->h, "scan.product", v, strlen(v));
	size_t n;
	const char *fp = attrv(x, "servicefp", &n);
	if (fp)
		nmap_servicefp(&x->h, fp, n);
}

static void script_start(struct nx *x)
{
	size_t n;
	attr(x, "id", x->script, sizeof(x->script));
	buf_reset(&x->out);
	const char *o = attrv(x, "output", &n);
	if (o && buf_add(&x->out, o, n) < 0)
		x->h.oom = 1;
	x->table[0] = 0;
	x->tdepth = 0;
	x->in_script = 1;
}

static void element(struct nx *x, const char *name)
{
	char v[256];
	if (!strcmp(name, "host")) {
		host_start(x);
		return;
	}
	if (!x->in_host)
		return;
	if (!strcmp(name, "status")) {
		x->down = !strcmp(attr(x, "state", v, sizeof(v)), "down");
	} else if (!strcmp(name, "address")) {
		address(x);
	} else if (!strcmp(name, "hostname")) {
		attr(x, "name", v, sizeof(v));
		if (!x->h.name[0])
			snprintf(x->h.name, sizeof(x->h.name), "%s", v);
		nmap_host_add(&x->h, "hostname", v, strlen(v));
	} else if (!strcmp(name, "port")) {
		attr(x, "portid", x->portid, sizeof(x->portid));
		attr(x, "protocol", v, sizeof(v));
		x->in_port = 1;
		x->port_open = 0;
		x->svc[0] = 0;
		x->h.tcp = !strcmp(v, "tcp");
	} else if (x->in_port && !strcmp(name, "state")) {
		x->port_open = !strcmp(attr(x, "state", v, sizeof(v)), "open");
		if (x->port_open && x->h.tcp)
			nmap_host_add(&x->h, "tcp.port", x->portid, strlen(x->portid));
	} else if (x->in_port && !strcmp(name, "service")) {
		service(x);
	} else if (!strcmp(name, "script")) {
		script_start(x);
	} else if (x->in_script && !strcmp(name, "table")) {
		if (x->tdepth++ ==
		    0) /* the outermost table names what is in it (ssl-cert subject) */
			attr(x, "key", x->table, sizeof(x->table));
	} else if (x->in_script && !strcmp(name, "elem")) {
		attr(x, "key", x->elem, sizeof(x->elem));
		buf_reset(&x->text);
		x->in_elem = 1;
	} else if (!strcmp(name, "osmatch") && !x->osmatch_done) {
		/* the best match comes first; the others are lesser guesses */
		attr(x, "name", v, sizeof(v));
		nmap_host_add(&x->h, "scan.product", v, strlen(v));
		x->osmatch_done = 1;
	}
}

static void element_end(struct nx *x, const char *name)
{
	if (!x->in_host)
		return;
	if (!strcmp(name, "host")) {
		host_end(x);
	} else if (!strcmp(name, "port")) {
		x->in_port = 0;
		x->h.tcp = 0;
	} else if (x->in_elem && !strcmp(name, "elem")) {
		nmap_elem(&x->h, x->script, x->table, x->elem, x->text.data, x->text.len);
		x->in_elem = 0;
	} else if (x->in_script && !strcmp(name, "table")) {
		if (x->tdepth > 0 && --x->tdepth == 0)
			x->table[0] = 0;
	} else if (x->in_script && !strcmp(name, "script")) {
		nmap_elem_done(&x->h, x->script);
		nmap_script(&x->h, x->script, x->in_port ? x->svc : "", x->out.data, x->out.len);
		x->in_script = 0;
	}
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	struct nx *x = ctx;
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	if (x->stop)
		return;
	if (x->root && strcmp((const char *)local, "nmaprun")) {
		imp_bad(x->sink, x->st, 1, 0, "not nmap XML: root element <%s>",
		        (const char *)local);
		x->stop = 1;
		xmlStopParser(x->c);
		return;
	}
	x->root = 0;
	x->depth++;
	x->attrs = attrs;
	x->nattrs = nattrs;
	element(x, (const char *)local);
	x->attrs = NULL;
	x->nattrs = 0;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct nx *x = ctx;
	(void)prefix, (void)uri;
	x->depth--;
	if (!x->stop)
		element_end(x, (const char *)local);
}

static void on_text(void *ctx, const xmlChar *t, int n)
{
	struct nx *x = ctx;
	if (x->in_elem && buf_add(&x->text, t, (size_t)n) < 0)
		x->h.oom = 1;
}

static int nmap_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct nx x = {0};
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.serror = on_error;
	x.sink = sink;
	x.st = st;
	x.root = 1;
	proto_xml_init();
	x.c = xmlCreatePushParserCtxt(&sax, &x, NULL, 0, NULL);
	if (!x.c) {
		imp_bad(sink, st, 0, 0, "cannot make an XML parser");
		return -1;
	}
	xmlCtxtUseOptions(x.c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	nmap_host_init(&x.h);
	buf_init(&x.out, IMP_MAX_RECORD);
	buf_init(&x.text, IMP_MAX_RECORD);
	char *blk = xmalloc(BLOCK);
	int rc = 0;
	for (;;) {
		size_t n = fread(blk, 1, BLOCK, f);
		st->bytes += n;
		int end = n < BLOCK;
		if (end && ferror(f)) {
			imp_bad(sink, st, 0, st->bytes, "read error");
			rc = -1;
			break;
		}
		if (xmlParseChunk(x.c, blk, (int)n, end) != 0 || x.stop || x.err[0]) {
			/* libxml2 2.9 names a document cut off "Extra content at the end" */
			if (end && x.depth > 0 && (!x.err[0] || x.errcode == XML_ERR_DOCUMENT_END))
				imp_bad(sink, st, x.errline, st->bytes,
				        "XML: document cut off with %d element%s open%s", x.depth,
				        x.depth > 1 ? "s" : "",
				        x.in_host ? ", inside a <host>" : "");
			else if (!x.stop)
				imp_bad(sink, st, x.errline, x.err[0] ? x.erroff : here(&x),
				        "XML: %s", x.err[0] ? x.err : "syntax error");
			rc = -1;
			break;
		}
		if (end)
			break;
	}
	if (rc == 0 && x.root && st->bytes > 0) {
		imp_bad(sink, st, 0, 0, "not nmap XML: no element");
		rc = -1;
	}
	free(blk);
	xmlFreeParserCtxt(x.c);
	nmap_host_release(&x.h);
	buf_release(&x.out);
	buf_release(&x.text);
	return rc;
}

static int nmap_detect(const char *head, size_t n)
{
	if (imp_first(head, n) != '<')
		return 0;
	if (imp_has(head, n, "<nmaprun") || imp_has(head, n, "<!DOCTYPE nmaprun"))
		return 95;
	return 0;
}

const struct importer imp_nmap_xml = {
    .name = "nmap-xml",
    .summary = "nmap -oX output: addresses, host names, open ports, -sV products, script output",
    .detect = nmap_detect,
    .read = nmap_read,
    .whole_records = 1,
};
