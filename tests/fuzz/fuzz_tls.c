/* Fuzzes the TLS stream decoder (src/proto/tls.c): the first byte chooses the direction, the
 * rest is the start of one direction of a TCP stream; see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_STREAM(proto_tls, sniff_tls)
