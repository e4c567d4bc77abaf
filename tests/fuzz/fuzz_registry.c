/* Fuzzes the MAC registry module. Every input goes, whole, to:
 *   - each of the three source parsers (manuf, IEEE CSV, arp-scan), whose output must hold the
 *     documented invariants;
 *   - the index builder (format sniffed as registry_open does), whose image must pass its own
 *     checks and answer lookups consistently with its walk;
 *   - the cache loader, as an untrusted cache file: rejected or, if accepted, safe to walk and
 *     look up in.
 * Seeds in tests/fuzz/corpus/registry/ hold lines of each format and a valid cache image. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/registry.h"
#include "core/registry_int.h"
#include "fuzz/fuzz_common.h"

static int check_entry(void *ctx, uint64_t prefix, unsigned bits, const char *org, struct bs_err *e)
{
	(void)ctx, (void)e;
	size_t n = strlen(org);
	if ((bits != 24 && bits != 28 && bits != 36) || prefix >> 48 ||
	    (prefix & ((1ull << (48 - bits)) - 1)) || (prefix >> 40) & 1 || n == 0 ||
	    n >= REG_ORG_MAX || org[0] == ' ' || org[n - 1] == ' ')
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)org[i] < 0x20 || org[i] == 0x7f)
			abort();
	return 0;
}

/* Walks every block and looks up each block's first and last address. The image may be crafted:
 * its tables can lie, so no crash (and no read outside it, under ASan) is the bar here. */
static void exercise(const struct registry *r)
{
	struct reg_hit h, w;
	for (size_t i = 0; i < registry_count(r); i++) {
		registry_entry(r, i, &w);
		if (!w.org || !w.kind || !w.source || !w.source->path)
			abort();
		uint64_t ends[2] = {w.prefix, w.prefix | ((1ull << (48 - w.bits)) - 1)};
		for (int k = 0; k < 2; k++)
			if (registry_lookup(r, ends[k], &h) && (!h.org || !h.source))
				abort();
	}
	static const uint64_t probes[] = {0, 0x4CBD8F000001ull, 0x70B3D5F2F123ull,
	                                  0xFFFFFFFFFFFFull};
	for (size_t i = 0; i < sizeof(probes) / sizeof(*probes); i++)
		(void)registry_lookup(r, probes[i], &h);
	for (size_t i = 0; i < registry_nsources(r); i++)
		(void)registry_source(r, i)->date[0];
	(void)registry_date(r);
}

/* A freshly built index is trusted to be exact: lookups must agree with the walk. */
static void check_built(const struct registry *r)
{
	struct reg_hit h, w;
	for (size_t i = 0; i < registry_count(r); i++) {
		registry_entry(r, i, &w);
		if (!registry_lookup(r, w.prefix, &h) || h.bits < w.bits ||
		    (w.prefix ^ h.prefix) >> (48 - h.bits))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct kb *kb = fuzz_kb();
	const char *text = (const char *)data;
	struct bs_err e;
	for (int k = 0; k < REG_NKINDS; k++) {
		struct reg_parse p;
		reg_parse_init(&p, "fuzz", check_entry, NULL);
		(void)reg_parse_buf(&p, (enum reg_kind)k, text, size, &e);
	}

	enum reg_kind kind;
	if (reg_sniff("fuzz", text, size, &kind) == 0) {
		struct reg_build *b = reg_build_new();
		uint8_t *img;
		size_t len;
		if (reg_build_add(b, "fuzz", kind, text, size, BS_DAY_NONE, &e) == 0 &&
		    reg_build_image(b, kb, 1, &img, &len, &e) == 0) {
			struct registry *r;
			if (registry_from_image(&r, kb, img, len, &e) < 0)
				abort(); /* the builder's own image must pass the checks */
			check_built(r);
			exercise(r);
			registry_free(r);
			free(img);
		}
		reg_build_free(b);
	}

	struct registry *r;
	if (registry_from_image(&r, kb, data, size, &e) == 0) {
		exercise(r);
		registry_free(r);
	}
	/* again with the checksum made right, so that mutations reach the structural checks */
	if (size >= REG_HDR_SIZE) {
		uint8_t *copy = malloc(size);
		memcpy(copy, data, size);
		uint64_t sum = reg_checksum(copy + REG_HDR_SIZE, size - REG_HDR_SIZE);
		memcpy(copy + 32, &sum, 8);
		if (registry_from_image(&r, kb, copy, size, &e) == 0) {
			exercise(r);
			registry_free(r);
		}
		free(copy);
	}
	return 0;
}
