/* Fuzzes the JSON Lines observation reader feeding the identification engine with the real
 * rules, then produces the findings. */
#include <stdint.h>
#include <string.h>

#include "bansweep/identify.h"
#include "bansweep/jsonl.h"
#include "fuzz/fuzz_common.h"

static int on_obs(const struct jsonl_obs *o, void *ctx, char *msg, size_t n)
{
	if (identify_add(ctx, o->asset, o->key, o->value, o->vlen, o->source, o->time) < 0) {
		snprintf(msg, n, "unknown key");
		return -1;
	}
	return 0;
}

static int on_finding(const struct finding *f, void *ctx)
{
	size_t *n = ctx;
	*n += f->nev + f->nbans + strlen(f->brand) + strlen(f->product);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb *kb = fuzz_kb();
	struct identify *id = identify_new(kb, fuzz_rules(), NULL);
	struct jsonl_stats st = {0};
	jsonl_read_buf((const char *)data, size, "fuzz", on_obs, id, NULL, NULL, &st);
	size_t n = 0;
	identify_each(id, kb_profile_find(kb, "all"), 20000, on_finding, &n);
	identify_free(id);
	return 0;
}
