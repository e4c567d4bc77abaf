/* Fuzzes the SSDP decoder (src/proto/ssdp.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_ssdp)
