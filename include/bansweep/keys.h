/* The fixed list of observation keys (src/core/keys.def, docs/keys.md). */
#ifndef BANSWEEP_KEYS_H
#define BANSWEEP_KEYS_H

struct key_info {
	const char *name;
	const char *channel; /* evidence on different channels is independent */
	int shows_brand;     /* the value is the brand the device presents */
	const char *desc;
};

/* Key ids, in the order of keys.def: decoders emit these, no name look-up needed. */
enum key_id {
#define KEY(id, name, channel, brand, desc) id,
#include "../../src/core/keys.def"
#undef KEY
	K_COUNT
};

/* Index of a key by name, or -1. */
int key_find(const char *name);
int key_count(void);
const struct key_info *key_get(int k);

#endif
