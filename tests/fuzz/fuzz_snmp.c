/* Fuzzes the SNMP decoder (src/proto/snmp.c); see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_DGRAM(proto_snmp)
