/* Fuzzes the DHCPv6 decoder (src/proto/dhcp6.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_dhcp6)
