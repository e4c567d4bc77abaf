/* SAX2 parsing of bounded buffers for the decoders (include/bansweep/xml.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "bansweep/rd.h"
#include "bansweep/xml.h"
#include "util/banned.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
	xmlInitParser();
}

void proto_xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}

/* Per-parse state, the SAX user data. */
struct xml_run {
	const struct xml_sax *sax;
	xmlParserCtxtPtr ctxt;
	size_t depth;
	int nelems;
	int stopped;
	size_t tlen;
	char text[XML_TEXT_MAX];
};

static void xml_stop(struct xml_run *r)
{
	if (!r->stopped) {
		r->stopped = 1;
		xmlStopParser(r->ctxt);
	}
}

/* Errors are expected (truncated or hostile documents): swallow them. libxml2 2.12 made the
 * error argument const. */
#if LIBXML_VERSION >= 21200
static void xml_quiet(void *ctx, const xmlError *err)
#else
static void xml_quiet(void *ctx, xmlErrorPtr err)
#endif
{
	(void)ctx;
	(void)err;
}

static void xml_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                      int nb_ns, const xmlChar **ns, int nb_attrs, int nb_defaulted,
                      const xmlChar **attrs)
{
	(void)nb_defaulted;
	struct xml_run *r = ctx;
	if (r->stopped)
		return;
	if (++r->nelems > XML_MAX_ELEMS) {
		xml_stop(r);
		return;
	}
	r->tlen = 0;
	struct xml_attr a[XML_MAX_ATTRS];
	size_t na = 0;
	/* libxml2 passes attributes as quintuples: local name, prefix, URI, value, value end. */
	for (int i = 0; attrs && i < nb_attrs && na < XML_MAX_ATTRS; i++) {
		const xmlChar *const *q = attrs + 5 * i;
		if (!q[0] || !q[3] || !q[4] || q[4] < q[3])
			continue;
		a[na].local = (const char *)q[0];
		a[na].prefix = (const char *)q[1];
		a[na].uri = (const char *)q[2];
		a[na].value = (const char *)q[3];
		a[na].vlen = (size_t)(q[4] - q[3]);
		na++;
	}
	struct xml_elem e = {
	    .local = (const char *)local,
	    .prefix = (const char *)prefix,
	    .uri = (const char *)uri,
	    .depth = r->depth,
	    .nns = ns && nb_ns > 0 ? (size_t)nb_ns : 0,
	    .ns = (const char *const *)ns,
	    .nattrs = na,
	    .attrs = a,
	};
	r->depth++;
	if (r->sax->start && r->sax->start(r->sax->ctx, &e))
		xml_stop(r);
}

static void xml_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct xml_run *r = ctx;
	if (r->stopped)
		return;
	if (r->depth > 0)
		r->depth--;
	struct xml_elem e = {
	    .local = (const char *)local,
	    .prefix = (const char *)prefix,
	    .uri = (const char *)uri,
	    .depth = r->depth,
	};
	size_t n = r->tlen;
	r->tlen = 0;
	if (r->sax->end && r->sax->end(r->sax->ctx, &e, r->text, n))
		xml_stop(r);
}

static void xml_chars(void *ctx, const xmlChar *s, int len)
{
	struct xml_run *r = ctx;
	if (r->stopped || !s || len <= 0)
		return;
	size_t n = (size_t)len;
	if (r->sax->text)
		r->sax->text(r->sax->ctx, (const char *)s, n);
	size_t room = sizeof(r->text) - r->tlen;
	if (n > room)
		n = room;
	memcpy(r->text + r->tlen, s, n);
	r->tlen += n;
}

/* Feeds the input to a push parser made for r (NULL: it could not be made), then releases both.
 * Returns the number of elements seen, or -1. */
static int run_parse(xmlParserCtxtPtr ctxt, struct xml_run *r, const uint8_t *p, size_t n, int html)
{
	if (!ctxt) {
		free(r);
		return -1;
	}
	r->ctxt = ctxt;
	/* Errors raised without a parser context (character encoding conversion) go to the
	 * thread's structured handler: silence it for the parse, then put the caller's back. */
	xmlStructuredErrorFunc old = xmlStructuredError;
	void *oldctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, xml_quiet);
	size_t len = n > XML_MAX_INPUT ? XML_MAX_INPUT : n;
	if (html)
		htmlParseChunk(ctxt, (const char *)p, (int)len, 1);
	else
		xmlParseChunk(ctxt, (const char *)p, (int)len, 1);
	xmlSetStructuredErrorFunc(oldctx, old);
	int ret = r->nelems;
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	if (html)
		htmlFreeParserCtxt(ctxt);
	else
		xmlFreeParserCtxt(ctxt);
	free(r);
	return ret;
}

int proto_xml_looks(const uint8_t *p, size_t n)
{
	struct rd r = rd_make(p, n);
	const uint8_t *bom = rd_bytes(&r, 3);
	if (!bom || memcmp(bom, "\xEF\xBB\xBF", 3) != 0)
		r = rd_make(p, n);
	while (rd_left(&r) > 0) {
		uint8_t c = rd_u8(&r);
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return c == '<';
	}
	return 0;
}

int proto_xml_sax(const uint8_t *p, size_t n, const struct xml_sax *sax)
{
	proto_xml_init();
	/* Only element and text callbacks: no getEntity, entityDecl, resolveEntity or
	 * externalSubset, so declared entities are never expanded and nothing external is read
	 * (XXE, billion laughs). serror keeps errors off stderr for this context. */
	xmlSAXHandler h;
	memset(&h, 0, sizeof(h));
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = xml_start;
	h.endElementNs = xml_end;
	h.characters = xml_chars;
	h.cdataBlock = xml_chars;
	h.serror = xml_quiet;

	struct xml_run *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	r->sax = sax;
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&h, r, NULL, 0, NULL);
	/* RECOVER: go on after well-formedness errors (truncation, HTML-ish XML). NONET: belt and
	 * braces, nothing is fetched anyway. NOENT, DTDLOAD, DTDATTR, XINCLUDE stay off. */
	if (ctxt)
		xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
		                            XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	return run_parse(ctxt, r, p, n, 0);
}

/* HTML: libxml2's HTML parser reports SAX1 elements (names lower-cased, attributes as
 * NUL-terminated name/value pairs); they are mapped onto the same callbacks. */
static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct xml_run *r = ctx;
	if (r->stopped || !name)
		return;
	if (++r->nelems > XML_MAX_ELEMS) {
		xml_stop(r);
		return;
	}
	r->tlen = 0;
	struct xml_attr a[XML_MAX_ATTRS];
	size_t na = 0;
	for (size_t i = 0; atts && atts[i] && na < XML_MAX_ATTRS; i += 2) {
		const char *v = atts[i + 1] ? (const char *)atts[i + 1] : "";
		a[na].local = (const char *)atts[i];
		a[na].prefix = NULL;
		a[na].uri = NULL;
		a[na].value = v;
		a[na].vlen = strlen(v);
		na++;
		if (!atts[i + 1])
			break;
	}
	struct xml_elem e = {
	    .local = (const char *)name, .depth = r->depth, .nattrs = na, .attrs = a};
	r->depth++;
	if (r->sax->start && r->sax->start(r->sax->ctx, &e))
		xml_stop(r);
}

static void html_end(void *ctx, const xmlChar *name)
{
	xml_end(ctx, name ? name : (const xmlChar *)"", NULL, NULL);
}

int proto_html_sax(const uint8_t *p, size_t n, const struct xml_sax *sax)
{
	proto_xml_init();
	htmlSAXHandler h;
	memset(&h, 0, sizeof(h));
	/* The magic makes libxml2 use serror for this context (errors silenced); the HTML parser
	 * itself only calls the SAX1 element callbacks. No entity or DTD callbacks: the HTML parser
	 * knows the HTML entities itself and loads nothing. */
	h.initialized = XML_SAX2_MAGIC;
	h.startElement = html_start;
	h.endElement = html_end;
	h.characters = xml_chars;
	h.ignorableWhitespace = xml_chars;
	h.cdataBlock = xml_chars;
	h.serror = xml_quiet;

	struct xml_run *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	r->sax = sax;
	htmlParserCtxtPtr ctxt =
	    htmlCreatePushParserCtxt(&h, r, NULL, 0, NULL, XML_CHAR_ENCODING_NONE);
	if (ctxt)
		htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET |
		                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		                             HTML_PARSE_NODEFDTD);
	return run_parse(ctxt, r, p, n, 1);
}
