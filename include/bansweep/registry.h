/* IEEE MAC address registries (MA-L 24-bit, MA-M 28-bit, MA-S/IAB 36-bit blocks), merged from
 * Debian's data packages in priority order: Wireshark's manuf (libwireshark-data), ieee-data's
 * CSVs, arp-scan's ieee-oui.txt. A block is attributed to a covered vendor only through the exact
 * organisation names of the knowledge base (kb_attribute_org). A compact index is built once and
 * cached, so that a lookup command starts in milliseconds. */
#ifndef BANSWEEP_REGISTRY_H
#define BANSWEEP_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/kb.h"

struct registry;

/* One source file that fed the registry. */
struct reg_source {
	const char *path;
	const char *kind; /* "manuf", "ieee-csv", "arp-scan" */
	char date[11];    /* newest date the file states for its data, "YYYY-MM-DD", or "" */
	size_t blocks;    /* blocks this source contributed after priority merging */
};

struct reg_hit {
	uint64_t prefix;  /* the block's first address, as a 48-bit number */
	unsigned bits;    /* 24, 28 or 36 */
	const char *org;  /* organisation name as the winning source spells it */
	const char *kind; /* "MA-L", "MA-M", "MA-S" (IAB blocks are reported as MA-S) */
	const struct reg_source *source;
	struct kb_attrib attrib;
};

struct reg_options {
	const char *const *paths; /* NULL: the Debian defaults; else files in priority order */
	const char *cache_dir;    /* NULL: $BANSWEEP_CACHE or $XDG_CACHE_HOME/bansweep or
	                             ~/.cache/bansweep; "": no cache file */
};

/* Opens the registry: maps a valid cache or builds the index from the sources (writing the cache
 * when it can). A missing source is skipped; none at all is an error. The kb must outlive it. */
int registry_open(struct registry **out, const struct kb *kb, const struct reg_options *opt,
                  struct bs_err *e);
void registry_free(struct registry *r);

/* Longest-prefix match of a 48-bit address. Returns 1 and fills hit, or 0 when no block holds it.
 */
int registry_lookup(const struct registry *r, uint64_t mac, struct reg_hit *hit);

/* Walks every block (for tests and exports): i from 0 to registry_count()-1. */
size_t registry_count(const struct registry *r);
void registry_entry(const struct registry *r, size_t i, struct reg_hit *hit);

size_t registry_nsources(const struct registry *r);
const struct reg_source *registry_source(const struct registry *r, size_t i);
/* The newest date among the sources used, "YYYY-MM-DD" (or "unknown"). */
const char *registry_date(const struct registry *r);

/* MAC address text: "00:11:22:33:44:55", "00-11-22-33-44-55", "0011.2233.4455", "001122334455",
 * and prefixes "00:11:22", "001122", "00:11:22:3/28", "70:B3:D5:F2:F0:00/36". *bits gets the
 * number of bits given (48 for a full address). Returns 0 or -1. */
int mac_parse(const char *s, uint64_t *mac, unsigned *bits);
/* "00:11:22:33:44:55" into out (18 bytes with NUL). */
void mac_format(uint64_t mac, char out[static 18]);
/* Locally administered (second-lowest bit of the first octet): randomised, no maker readable. */
static inline int mac_is_local(uint64_t mac)
{
	return (int)((mac >> 41) & 1);
}
/* Group (multicast/broadcast) address: lowest bit of the first octet. */
static inline int mac_is_group(uint64_t mac)
{
	return (int)((mac >> 40) & 1);
}

#endif
