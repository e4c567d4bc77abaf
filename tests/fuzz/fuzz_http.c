/* Fuzzes the HTTP stream decoder (src/proto/http.c): the first byte chooses the direction, the
 * rest is the start of one direction of a TCP stream; see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_STREAM(proto_http, sniff_http)
