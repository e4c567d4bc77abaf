/* The inventory run's state, shared by the runner (inventory.c) and the root helpers (root.c). */
#ifndef BS_INV_INT_H
#define BS_INV_INT_H

#include "bansweep/inventory.h"

struct inv {
	int rootfd;
	const struct inv_options *opt;
	const struct inv_sink *sink;
	struct inv_stats *st;
	const struct inv_source *cur;
};

/* The sources' entry points, from the table. */
#define SOURCE(name, os, live, fn, desc) int fn(struct inv *iv);
#include "inventory/sources.def"
#undef SOURCE

#endif
