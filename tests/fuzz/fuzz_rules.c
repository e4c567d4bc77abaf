/* Fuzzes the rule loader (against the real knowledge base) and then the matchers: every rule that
 * loads is run on its own examples and counter-examples and on the input itself. */
#include <stdint.h>
#include <string.h>

#include "bansweep/keys.h"
#include "fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb *kb = fuzz_kb();
	struct ruleset rs;
	memset(&rs, 0, sizeof(rs));
	struct bs_err e;
	if (rules_load_buf(&rs, kb, "fuzz", (const char *)data, size, &e) == 0 &&
	    rules_index(&rs, &e) == 0) {
		struct rule_scratch s;
		rules_scratch_init(&s);
		struct rule_hit hits[16];
		for (size_t i = 0; i < rs.n; i++) {
			const struct rule *r = &rs.rules[i];
			for (size_t k = 0; k < r->nkeys; k++) {
				for (size_t x = 0; x < r->nexamples; x++)
					rules_match(&rs, &s, r->keys[k], r->examples[x],
					            strlen(r->examples[x]), hits, 16);
				for (size_t x = 0; x < r->ncounters; x++)
					rules_match(&rs, &s, r->keys[k], r->counters[x],
					            strlen(r->counters[x]), hits, 16);
				rules_match(&rs, &s, r->keys[k], (const char *)data, size, hits,
				            16);
			}
		}
		rules_scratch_release(&s);
	}
	rules_release(&rs);
	return 0;
}
