/* nmap -oX output (https://nmap.org/book/output-formats-xml-output.html, docs/nmap.dtd in nmap's
 * source): one <host> is one record. Streamed through libxml2's xmlTextReader, which frees each
 * node once passed, so memory follows the largest <host>, not the file. No DTD, external entity
 * or network resource is loaded (no XML_PARSE_DTDLOAD/NOENT, XML_PARSE_NONET).
 *
 * A host's observations are kept until </host>: its address (the asset id) is known only then
 * in general, and a host cut off by a syntax error must not emit half of itself. What nmap
 * names as fingerprint guesses (service product, OS match) goes to scan.product; what it kept
 * of the device's own words (script output, the raw responses of servicefp) goes to the keys
 * of those words (nmap_scripts.c). */
#include <inttypes.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/xml.h"
#include "imp.h"
#include "nmap.h"
#include "util/banned.h"

struct nx {
	const struct imp_sink *sink;
	struct imp_stats *st;
	FILE *f;
	xmlTextReaderPtr r;
	struct nmap_host h;
	int in_host, down, in_port, port_open, osmatch_done;
	char portid[8], svc[32];
	/* the script being read: id, output attribute, the key of the table it is in, an elem */
	char script[48], table[48], elem[48];
	int in_script, in_elem, tdepth;
	struct buf out, text;
	unsigned long line;
	uint64_t off;
	char err[200];
	unsigned long errline;
};

static int io_read(void *ctx, char *b, int len)
{
	struct nx *x = ctx;
	size_t n = fread(b, 1, (size_t)len, x->f);
	if (n == 0 && ferror(x->f))
		return -1;
	x->st->bytes += n;
	return (int)n;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct nx *x = ctx;
	if (!x->err[0] && e && e->level >= XML_ERR_ERROR) {
		snprintf(x->err, sizeof(x->err), "%s", e->message ? e->message : "syntax error");
		size_t n = strlen(x->err);
		while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
			x->err[--n] = 0;
		x->errline = e->line > 0 ? (unsigned long)e->line : 0;
	}
}

/* Copies attribute name into out (cut to cap-1 bytes); "" when absent. */
static const char *attr(struct nx *x, const char *name, char *out, size_t cap)
{
	out[0] = 0;
	xmlChar *v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
	if (v) {
		snprintf(out, cap, "%s", (const char *)v);
		xmlFree(v);
	}
	return out;
}

static uint64_t here(struct nx *x)
{
	long c = xmlTextReaderByteConsumed(x->r);
	uint64_t o = c > 0 ? (uint64_t)c : 0;
	return o < x->st->bytes ? o : x->st->bytes;
}

static void host_start(struct nx *x)
{
	char t[32];
	nmap_host_reset(&x->h);
	x->in_host = 1;
	x->down = 0;
	x->osmatch_done = 0;
	x->st->records++;
	x->line = (unsigned long)xmlTextReaderGetParserLineNumber(x->r);
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
		imp_bad(x->sink, x->st, x->line, x->off, "host larger than %u bytes", IMP_MAX_RECORD);
	else if (nmap_host_emit(&x->h, x->sink, x->st) < 0)
		imp_bad(x->sink, x->st, x->line, x->off, "host without an address");
	x->sink->record_end(x->sink->ctx);
}

static void address(struct nx *x)
{
	char a[80], type[16], vendor[256];
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
		/* nmap's own lookup of the OUI in its nmap-mac-prefixes */
		attr(x, "vendor", vendor, sizeof(vendor));
		nmap_host_add(&x->h, "asset.vendor", vendor, strlen(vendor));
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
	xmlChar *fp = xmlTextReaderGetAttribute(x->r, (const xmlChar *)"servicefp");
	if (fp) {
		nmap_servicefp(&x->h, (const char *)fp, strlen((const char *)fp));
		xmlFree(fp);
	}
}

static void script_start(struct nx *x, int empty)
{
	attr(x, "id", x->script, sizeof(x->script));
	buf_reset(&x->out);
	xmlChar *o = xmlTextReaderGetAttribute(x->r, (const xmlChar *)"output");
	if (o) {
		buf_adds(&x->out, (const char *)o);
		xmlFree(o);
	}
	x->table[0] = 0;
	x->tdepth = 0;
	x->in_script = 1;
	if (empty) {
		nmap_script(&x->h, x->script, x->in_port ? x->svc : "", x->out.data, x->out.len);
		x->in_script = 0;
	}
}

static void element(struct nx *x, const char *name)
{
	int empty = xmlTextReaderIsEmptyElement(x->r) == 1;
	char v[256];
	if (!strcmp(name, "host")) {
		host_start(x);
		if (empty)
			host_end(x);
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
		x->in_port = !empty;
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
		script_start(x, empty);
	} else if (x->in_script && !strcmp(name, "table") && !empty) {
		if (x->tdepth++ == 0) /* the outermost table names what is in it (ssl-cert subject) */
			attr(x, "key", x->table, sizeof(x->table));
	} else if (x->in_script && !strcmp(name, "elem")) {
		attr(x, "key", x->elem, sizeof(x->elem));
		buf_reset(&x->text);
		x->in_elem = !empty;
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

static int nmap_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct nx x = {0};
	x.sink = sink;
	x.st = st;
	x.f = f;
	proto_xml_init();
	x.r = xmlReaderForIO(io_read, NULL, &x, NULL, NULL,
	                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!x.r) {
		imp_bad(sink, st, 0, 0, "cannot make an XML reader");
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(x.r, on_error, &x);
	nmap_host_init(&x.h);
	buf_init(&x.out, IMP_MAX_RECORD);
	buf_init(&x.text, IMP_MAX_RECORD);
	int rc = 0, ret, root = 1;
	while ((ret = xmlTextReaderRead(x.r)) == 1) {
		int type = xmlTextReaderNodeType(x.r);
		const char *name = (const char *)xmlTextReaderConstLocalName(x.r);
		if (type == XML_READER_TYPE_ELEMENT && name) {
			if (root && strcmp(name, "nmaprun")) {
				imp_bad(sink, st, 1, 0, "not nmap XML: root element <%s>", name);
				rc = -1;
				break;
			}
			root = 0;
			element(&x, name);
		} else if (type == XML_READER_TYPE_END_ELEMENT && name) {
			element_end(&x, name);
		} else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
		           x.in_elem) {
			const char *t = (const char *)xmlTextReaderConstValue(x.r);
			if (t && buf_adds(&x.text, t) < 0)
				x.h.oom = 1;
		}
	}
	if (ret < 0 && rc == 0) {
		imp_bad(sink, st, x.errline, here(&x), "XML: %s", x.err[0] ? x.err : "syntax error");
		rc = -1;
	} else if (root && rc == 0 && st->bytes > 0) {
		imp_bad(sink, st, 0, 0, "not nmap XML: no element");
		rc = -1;
	}
	xmlFreeTextReader(x.r);
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
