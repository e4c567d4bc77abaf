#include <string.h>

#include "bansweep/keys.h"
#include "util/banned.h"

static const struct key_info keys[] = {
#define KEY(id, name, channel, brand, desc) {name, channel, brand, desc},
#include "core/keys.def"
#undef KEY
};

int key_count(void)
{
	return (int)(sizeof(keys) / sizeof(*keys));
}

const struct key_info *key_get(int k)
{
	return (k >= 0 && k < key_count()) ? &keys[k] : NULL;
}

/* Every observation looks its key up: a small open-addressing table keeps that to one hash and
 * one comparison. Built on first use; the key list is fixed at compile time. */
#define KEY_SLOTS 256
static signed char slots[KEY_SLOTS];
static int built;

static unsigned key_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void build(void)
{
	memset(slots, -1, sizeof(slots));
	for (int i = 0; i < key_count(); i++) {
		unsigned j = key_hash(keys[i].name) % KEY_SLOTS;
		while (slots[j] >= 0)
			j = (j + 1) % KEY_SLOTS;
		slots[j] = (signed char)i;
	}
	built = 1;
}

int key_find(const char *name)
{
	if (!built)
		build();
	for (unsigned j = key_hash(name) % KEY_SLOTS; slots[j] >= 0; j = (j + 1) % KEY_SLOTS)
		if (!strcmp(keys[slots[j]].name, name))
			return slots[j];
	return -1;
}
