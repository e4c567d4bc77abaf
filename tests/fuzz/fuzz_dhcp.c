/* Fuzzes the DHCPv4 decoder (src/proto/dhcp.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_dhcp)
