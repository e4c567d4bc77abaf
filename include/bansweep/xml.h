/* XML for the protocol decoders (HTTP bodies, WS-Discovery, SADP...): a SAX2 parse of one bounded
 * buffer through libxml2's push parser, so that a document cut short by the capture bound still
 * yields the elements before the cut. Errors are silenced (hostile input is the normal case),
 * recovery is on, and no DTD, external entity or network resource is ever loaded: the SAX handler
 * has no entity callbacks, so only the five predefined entities and character references expand. */
#ifndef BANSWEEP_XML_H
#define BANSWEEP_XML_H

#include <stddef.h>
#include <stdint.h>

/* Initialises libxml2 once per process (xmlInitParser is not safe to race); proto_xml_sax calls
 * it, other users of libxml2 in the decoders (the HTML parser) call it before their first parse. */
void proto_xml_init(void);
/* Does the input start like XML (after an optional UTF-8 byte order mark and white space)? */
int proto_xml_looks(const uint8_t *p, size_t n);

/* Attributes reported with an element; at most XML_MAX_ATTRS of them, the rest are dropped. */
#define XML_MAX_ATTRS 32

struct xml_attr {
	const char *local;  /* local name, NUL-terminated */
	const char *prefix; /* NULL when none */
	const char *uri;    /* namespace URI, NULL when none */
	const char *value;  /* value, NOT NUL-terminated: vlen bytes, entities already replaced */
	size_t vlen;
};

/* An element. Strings are UTF-8 owned by the parser, valid during the callback only. */
struct xml_elem {
	const char *local;  /* local name */
	const char *prefix; /* NULL when none */
	const char *uri;    /* namespace URI, NULL when none */
	size_t depth;       /* 0 for the root element */
	/* Namespace declarations made on this element (start only): nns pairs of prefix (NULL
	 * for the default namespace) and URI, as ns[2*i], ns[2*i+1]. */
	size_t nns;
	const char *const *ns;
	size_t nattrs; /* start only */
	const struct xml_attr *attrs;
};

/* The callbacks; any may be NULL. start and end return 0 to go on, anything else to stop the
 * parse (a decoder that has what it wants). */
struct xml_sax {
	int (*start)(void *ctx, const struct xml_elem *e);
	/* Character data (text and CDATA) as it arrives, in pieces. */
	void (*text)(void *ctx, const char *s, size_t n);
	/* An element ends. text: the character data since the last start or end tag (for a leaf
	 * element its whole content), cut at XML_TEXT_MAX bytes, not NUL-terminated. Elements left
	 * open by a truncated document get no end call. */
	int (*end)(void *ctx, const struct xml_elem *e, const char *text, size_t n);
	void *ctx;
};

#define XML_TEXT_MAX 1024
/* Work cap: a parse stops after this many elements. */
#define XML_MAX_ELEMS 4096
/* Input cap: longer buffers are parsed up to this many bytes. */
#define XML_MAX_INPUT (1u << 20)

/* Parses p[0..n) as XML, calling sax. Returns the number of elements started (0 for input that
 * is not XML at all), or -1 if no parser could be made (out of memory). Thread-safe. */
int proto_xml_sax(const uint8_t *p, size_t n, const struct xml_sax *sax);

/* The same for HTML (libxml2's HTML push parser, lenient as browsers are): element names come
 * lower-cased, without prefix, URI or namespace declarations; attribute values are
 * NUL-terminated. Elements still open at the end of the input are closed (end is called). */
int proto_html_sax(const uint8_t *p, size_t n, const struct xml_sax *sax);

#endif
