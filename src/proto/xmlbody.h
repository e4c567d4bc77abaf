/* XML documents that come as HTTP response bodies, one decoder per kind of document: Hikvision
 * ISAPI DeviceInfo (isapi.c), ONVIF GetDeviceInformationResponse (onvif.c), UPnP device
 * description (upnp.c). http.c parses a body once (xml.h) and hands every element to the kind
 * whose claims function accepted the root element. A new kind is one file and one line in
 * src/proto/xmlbody.def; http.c does not change. */
#ifndef BS_PROTO_XMLBODY_H
#define BS_PROTO_XMLBODY_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/proto.h"
#include "bansweep/xml.h"

/* Where a decoder's observations go: about the sender of the body (SIDE_SRC of pk). */
struct xmlbody_out {
	const struct pkt *pk;
	const struct emit *em;
};

struct xmlbody_kind {
	const char *name;
	/* Is a document whose root element is root of this kind? The first kind of the table
	 * that says yes gets the document. */
	int (*claims)(const struct xml_elem *root);
	/* Bytes of per-document state handed to start and end, zeroed before the root's start
	 * (0: none, st is NULL). */
	size_t state_size;
	/* Every element's start (the root's first) and end, as xml.h reports them (any may be
	 * NULL). Non-zero: the decoder has what it wants and gets no more calls for this
	 * document (the parse itself goes on for http.c). */
	int (*start)(void *st, const struct xml_elem *e, const struct xmlbody_out *o);
	int (*end)(void *st, const struct xml_elem *e, const char *text, size_t n,
	           const struct xmlbody_out *o);
};

#define XMLBODY(id) extern const struct xmlbody_kind id;
#include "proto/xmlbody.def"
#undef XMLBODY

/* One document being parsed: the kind that claimed it and that kind's state (owned). */
struct xmlbody_run {
	const struct xmlbody_kind *only; /* NULL: every kind of the table may claim */
	const struct xmlbody_kind *kind; /* NULL until the root is claimed, or when nobody did */
	void *state;
	int stopped; /* root seen and not claimed, the decoder said stop, or no memory */
	struct xmlbody_out out;
};

/* Before the parse: no kind yet. only restricts the table to one kind (NULL: all). */
void xmlbody_init(struct xmlbody_run *r, const struct xmlbody_kind *only, const struct pkt *pk,
                  const struct emit *em);
/* Forwarders for the xml.h callbacks of the caller's own parse. */
void xmlbody_start(struct xmlbody_run *r, const struct xml_elem *e);
void xmlbody_end(struct xmlbody_run *r, const struct xml_elem *e, const char *text, size_t n);
/* After the parse: frees the state. Safe to call twice. */
void xmlbody_release(struct xmlbody_run *r);

/* Parses p[0..n) as one XML document for the kinds of the table (only that kind when only is
 * not NULL), without http.c's own observations: the fuzz targets and tests. Returns PROTO_OK
 * when a kind claimed the document, PROTO_NOT_MINE otherwise. */
int xmlbody_decode(const struct xmlbody_kind *only, const uint8_t *p, size_t n,
                   const struct pkt *pk, const struct emit *em);

/* Helpers for the decoders. */
/* Is the element in namespace uri (NULL: in none)? */
int xmlbody_in_ns(const struct xml_elem *e, const char *uri);
/* Emits the text of a leaf element, trimmed, unless empty or possibly cut at XML_TEXT_MAX (a
 * value that long is not one a device sends; a cut one is not the value sent). */
void xmlbody_emit(const struct xmlbody_out *o, enum key_id k, const char *text, size_t n);

#endif
