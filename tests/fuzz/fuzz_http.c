/* Fuzzes the HTTP stream decoder: the first byte chooses the direction (from_client), the rest
 * is the start of one direction of a TCP stream. The emit reads every byte it is given, so that
 * ASan catches a value pointing outside the input or freed memory. */
#include <stdint.h>
#include <string.h>

#include "bansweep/proto.h"

static void obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                size_t n)
{
	(void)p;
	(void)who;
	volatile unsigned *sum = ctx;
	unsigned s = (unsigned)key;
	for (size_t i = 0; i < n; i++)
		s += (unsigned char)v[i];
	*sum += s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	volatile unsigned sum = 0;
	struct emit em = {.obs = obs, .ctx = (void *)&sum};
	struct pkt pk;
	memset(&pk, 0, sizeof(pk));
	pk.l4 = 6;
	size_t n = size - 1;
	if (n > PROTO_STREAM_MAX)
		n = PROTO_STREAM_MAX;
	(void)sniff_http(data + 1, n);
	(void)proto_http(data + 1, n, data[0] & 1, &pk, &em);
	return 0;
}
