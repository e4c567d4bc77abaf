/* Fuzzes the ARP decoder (src/proto/arp.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_arp)
