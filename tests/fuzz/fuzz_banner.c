/* Fuzzes the SSH, Telnet and FTP banner decoders (src/proto/banner.c) on the same input, the
 * first byte giving the direction; see fuzz_proto.h. */
#include "fuzz/fuzz_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t sum = 0, n = size - 1;
	const struct emit em = {fuzz_obs, fuzz_answer, fuzz_bind, &sum};
	int fc = data[0] & 1;
	sum +=
	    (size_t)(sniff_ssh(data + 1, n) + sniff_telnet(data + 1, n) + sniff_ftp(data + 1, n));
	fuzz_check(proto_ssh(data + 1, n, fc, &fuzz_pkt, &em), sum);
	fuzz_check(proto_telnet(data + 1, n, fc, &fuzz_pkt, &em), sum);
	fuzz_check(proto_ftp(data + 1, n, fc, &fuzz_pkt, &em), sum);
	return 0;
}
