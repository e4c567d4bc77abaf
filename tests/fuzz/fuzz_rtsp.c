/* Fuzzes the RTSP stream decoder (src/proto/rtsp.c): the first byte chooses the direction, the
 * rest is the start of one direction of a TCP stream; see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

FUZZ_STREAM(proto_rtsp, sniff_rtsp)
