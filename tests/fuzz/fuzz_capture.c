/* Fuzzes the capture engine as a whole: link layers, IP, the TCP flow table with reassembly and
 * eviction, dispatch to every decoder, and the end-of-run asset decisions. Input: one byte that
 * picks the link type, then frames, each a 2-byte big-endian length and that many bytes. Small
 * limits make eviction and the observation cap happen on small inputs. */
#include <pcap/dlt.h>
#include <stdint.h>
#include <stdlib.h>

#include "bansweep/capture.h"
#include "bansweep/rd.h"

static int take(void *ctx, const char *asset, enum key_id key, const char *value, size_t len,
                uint64_t first_us)
{
	size_t *sum = ctx;
	if (key >= K_COUNT)
		abort();
	for (const char *p = asset; *p; p++)
		*sum += (unsigned char)*p;
	for (size_t i = 0; i < len; i++)
		*sum += (unsigned char)value[i];
	*sum += (size_t)first_us;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int links[] = {DLT_EN10MB, DLT_RAW,  DLT_LINUX_SLL,        DLT_LINUX_SLL2,
	                            DLT_NULL,   DLT_IPV4, DLT_IEEE802_11_RADIO, DLT_IEEE802_11};
	struct rd r = rd_make(data, size);
	int lt = links[rd_u8(&r) % (sizeof(links) / sizeof(*links))];
	if (r.err)
		return 0;
	struct capture_limits lim = {8, 64, 1000};
	struct capture *c = capture_new(&lim);
	uint64_t ts = 1000;
	while (rd_left(&r) >= 2) {
		size_t n = rd_be16(&r);
		if (n > rd_left(&r))
			n = rd_left(&r);
		const uint8_t *frame = rd_bytes(&r, n);
		capture_packet(c, lt, frame, n, ts);
		ts += 300;
	}
	size_t sum = 0;
	capture_each(c, take, &sum);
	volatile size_t sink = sum;
	(void)sink;
	capture_free(c);
	return 0;
}
