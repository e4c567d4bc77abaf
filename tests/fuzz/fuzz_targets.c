/* Fuzzes the scan-target parser (src/probe/targets.c): files of addresses, blocks, ranges and
 * exclusions, then the merging, counting, the private-range check and the walk. Names are not
 * resolved, so no look-up leaves the process. */
#include <stdint.h>

#include "bansweep/targets.h"

static int visit(void *ctx, const struct addr *a)
{
	uint64_t *n = ctx;
	*n += a->b[0];
	return ++n[1] > 4096; /* a few thousand addresses are enough to walk */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	targets_add_text(&t, "fuzz", (const char *)data, size, 0, &e);
	/* The first line, read again as exclusions, cuts holes into what was added. */
	if (size && data[0] == '!')
		targets_exclude(&t, "10.0.0.128/25", &e);
	uint64_t count, walk[2] = {0, 0};
	if (targets_count(&t, &count, &e) == 0)
		targets_each(&t, visit, walk);
	targets_check_private(&t, &e);
	targets_release(&t);
	return 0;
}
