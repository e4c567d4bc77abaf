/* Fuzzes the radiotap and 802.11 decoders (src/proto/wifi.c) on the same input; see
 * fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t sum = 0;
	const struct emit em = {fuzz_obs, fuzz_answer, fuzz_bind, &sum};
	fuzz_check(proto_radiotap(data, size, 1, &em), sum);
	fuzz_check(proto_wifi(data, size, 1, &em), sum);
	return 0;
}
