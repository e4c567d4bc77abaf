/* The table of XML body kinds and the run of one document (src/proto/xmlbody.h). */
#include <stdlib.h>
#include <string.h>

#include "proto/text.h"
#include "proto/xmlbody.h"
#include "util/banned.h"

static const struct xmlbody_kind *const kinds[] = {
#define XMLBODY(id) &id,
#include "proto/xmlbody.def"
#undef XMLBODY
};

void xmlbody_init(struct xmlbody_run *r, const struct xmlbody_kind *only, const struct pkt *pk,
                  const struct emit *em)
{
	memset(r, 0, sizeof(*r));
	r->only = only;
	r->out.pk = pk;
	r->out.em = em;
}

void xmlbody_release(struct xmlbody_run *r)
{
	free(r->state);
	r->state = NULL;
	r->kind = NULL;
	r->stopped = 1;
}

static void claim(struct xmlbody_run *r, const struct xml_elem *root)
{
	/* One root per document: whatever the recovering parser reports after it is ignored. */
	r->stopped = 1;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const struct xmlbody_kind *k = kinds[i];
		if ((r->only && k != r->only) || !k->claims || !k->claims(root))
			continue;
		if (k->state_size) {
			r->state = calloc(1, k->state_size);
			if (!r->state)
				return;
		}
		r->kind = k;
		r->stopped = 0;
		return;
	}
}

void xmlbody_start(struct xmlbody_run *r, const struct xml_elem *e)
{
	if (e->depth == 0 && !r->kind && !r->stopped)
		claim(r, e);
	if (r->stopped || !r->kind || !r->kind->start)
		return;
	if (r->kind->start(r->state, e, &r->out))
		r->stopped = 1;
}

void xmlbody_end(struct xmlbody_run *r, const struct xml_elem *e, const char *text, size_t n)
{
	if (r->stopped || !r->kind || !r->kind->end)
		return;
	if (r->kind->end(r->state, e, text, n, &r->out))
		r->stopped = 1;
}

static int on_start(void *ctx, const struct xml_elem *e)
{
	struct xmlbody_run *r = ctx;
	xmlbody_start(r, e);
	return r->stopped; /* nothing else wants the rest of the document */
}

static int on_end(void *ctx, const struct xml_elem *e, const char *text, size_t n)
{
	struct xmlbody_run *r = ctx;
	xmlbody_end(r, e, text, n);
	return r->stopped;
}

int xmlbody_decode(const struct xmlbody_kind *only, const uint8_t *p, size_t n,
                   const struct pkt *pk, const struct emit *em)
{
	struct xmlbody_run r;
	xmlbody_init(&r, only, pk, em);
	struct xml_sax sax = {.start = on_start, .end = on_end, .ctx = &r};
	(void)proto_xml_sax(p, n, &sax);
	int claimed = r.kind != NULL;
	xmlbody_release(&r);
	return claimed ? PROTO_OK : PROTO_NOT_MINE;
}

int xmlbody_in_ns(const struct xml_elem *e, const char *uri)
{
	if (!uri)
		return !e->uri || !*e->uri;
	return e->uri && strcmp(e->uri, uri) == 0;
}

void xmlbody_emit(const struct xmlbody_out *o, enum key_id k, const char *text, size_t n)
{
	if (n >= XML_TEXT_MAX)
		return;
	struct span v = {(const uint8_t *)text, n};
	text_emit(o->em, o->pk, SIDE_SRC, k, v);
}
