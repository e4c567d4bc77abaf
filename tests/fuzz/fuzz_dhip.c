/* Fuzzes the Dahua DHIP discovery decoder; see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_dhip)
