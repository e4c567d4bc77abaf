/* Shared set-up of the fuzz targets: the real knowledge base and rules, loaded once. */
#ifndef BS_FUZZ_COMMON_H
#define BS_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "bansweep/kb.h"
#include "bansweep/rules.h"

static inline const char *fuzz_data_dir(void)
{
	const char *d = getenv("BANSWEEP_DATA");
	return d && *d ? d : BS_DATADIR_SOURCE;
}

static inline struct kb *fuzz_kb(void)
{
	static struct kb kb;
	static int loaded;
	if (!loaded) {
		struct bs_err e;
		if (kb_load(&kb, fuzz_data_dir(), &e) < 0) {
			fprintf(stderr, "fuzz: %s\n", e.msg);
			abort();
		}
		loaded = 1;
	}
	return &kb;
}

static inline struct ruleset *fuzz_rules(void)
{
	static struct ruleset rs;
	static int loaded;
	if (!loaded) {
		char dir[4096];
		struct bs_err e;
		snprintf(dir, sizeof(dir), "%s/rules", fuzz_data_dir());
		if (rules_load_dir(&rs, fuzz_kb(), dir, &e) < 0) {
			fprintf(stderr, "fuzz: %s\n", e.msg);
			abort();
		}
		loaded = 1;
	}
	return &rs;
}

#endif
