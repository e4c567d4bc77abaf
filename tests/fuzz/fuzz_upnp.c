/* Fuzzes the UPnP device description decoder (src/proto/upnp.c) alone: the input is an HTTP
 * response body, parsed as XML for that one kind of the table (src/proto/xmlbody.h); fuzz_http
 * reaches it through HTTP. See fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"
#include "proto/xmlbody.h"

static int upnp_body(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	return xmlbody_decode(&xmlbody_upnp, p, n, pk, em);
}

FUZZ_DGRAM(upnp_body)
