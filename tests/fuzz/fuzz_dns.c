/* Fuzzes the DNS decoder (src/proto/dns.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_dns)
