/* Shared by the protocol decoders' fuzz targets: a fixed packet context and an emit that does
 * nothing but read every byte it is handed (so that ASan checks the bounds of what a decoder
 * emits) and abort on keys, sides or address families out of range. A target is then one line:
 *   FUZZ_DGRAM(proto_dns)      a datagram decoder
 *   FUZZ_STREAM(proto_http)    a stream decoder; the first input byte says the direction */
#ifndef BS_FUZZ_PROTO_H
#define BS_FUZZ_PROTO_H

#include <stdint.h>
#include <stdlib.h>

#include "bansweep/proto.h"

static inline void fuzz_take(size_t *sum, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*sum += b[i];
}

static inline void fuzz_take_addr(size_t *sum, const struct addr *a)
{
	if (a->fam != 4 && a->fam != 6)
		abort();
	fuzz_take(sum, a->b, a->fam == 4 ? 4 : 16);
}

static inline void fuzz_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key,
                            const char *v, size_t n)
{
	if ((who != SIDE_SRC && who != SIDE_DST) || key >= K_COUNT || n > 65536)
		abort();
	if (p->src_mac)
		fuzz_take(ctx, p->src_mac, 6);
	if (p->dst_mac)
		fuzz_take(ctx, p->dst_mac, 6);
	if (p->src.fam)
		fuzz_take_addr(ctx, &p->src);
	fuzz_take(ctx, v, n);
}

static inline void fuzz_answer(void *ctx, const struct pkt *p, const char *name, size_t n,
                               const struct addr *a)
{
	(void)p;
	if (n > 1024)
		abort();
	fuzz_take(ctx, name, n);
	fuzz_take_addr(ctx, a);
}

static inline void fuzz_bind(void *ctx, const uint8_t mac[6], const struct addr *a)
{
	fuzz_take(ctx, mac, 6);
	fuzz_take_addr(ctx, a);
}

static const uint8_t fuzz_smac[6] = {0x02, 0, 0, 0, 0, 1}, fuzz_dmac[6] = {0x02, 0, 0, 0, 0, 2};
static const struct pkt fuzz_pkt = {.ts_us = 1,
                                    .src_mac = fuzz_smac,
                                    .dst_mac = fuzz_dmac,
                                    .src = {4, {192, 168, 1, 2}},
                                    .dst = {4, {192, 168, 1, 1}},
                                    .sport = 40000,
                                    .dport = 80,
                                    .l4 = 17};

static inline void fuzz_check(int rc, size_t sum)
{
	if (rc != PROTO_OK && rc != PROTO_NOT_MINE && rc != PROTO_MALFORMED)
		abort();
	volatile size_t sink = sum;
	(void)sink;
}

#define FUZZ_DGRAM(fn)                                                                             \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                              \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                               \
	{                                                                                          \
		size_t sum = 0;                                                                    \
		const struct emit em = {fuzz_obs, fuzz_answer, fuzz_bind, &sum};                   \
		fuzz_check(fn(data, size, &fuzz_pkt, &em), sum);                                   \
		return 0;                                                                          \
	}

#define FUZZ_STREAM(fn, sniff)                                                                     \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                              \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                               \
	{                                                                                          \
		if (size < 1)                                                                      \
			return 0;                                                                  \
		size_t sum = 0;                                                                    \
		const struct emit em = {fuzz_obs, fuzz_answer, fuzz_bind, &sum};                   \
		sum += (size_t)sniff(data + 1, size - 1);                                          \
		fuzz_check(fn(data + 1, size - 1, data[0] & 1, &fuzz_pkt, &em), sum);              \
		return 0;                                                                          \
	}

#endif
