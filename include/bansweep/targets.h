/* Scan targets: what `bansweep scan` may send packets to. Specs are single addresses, CIDR
 * blocks, ranges ("10.0.0.1-20", "10.0.0.1-10.0.0.20"), host names (every address they resolve
 * to), and files of specs; exclusions take the same specs. Overlaps are merged, so an address is
 * scanned once, in ascending order. A target outside private and local ranges is refused unless
 * the user says --allow-public: checked here, before any packet. */
#ifndef BANSWEEP_TARGETS_H
#define BANSWEEP_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/proto.h"

/* More addresses than this in one scan is a typing mistake, not a plan. */
#define TARGETS_MAX (1u << 24)

struct trange {
	uint8_t fam;               /* 4 or 6 */
	uint64_t hi, lo, hi2, lo2; /* first and last address, 128-bit big-endian halves */
};

struct targets {
	struct trange *r, *ex;
	size_t n, nex;
	int merged;
};

void targets_init(struct targets *t);
void targets_release(struct targets *t);

/* Adds one spec. Host names are resolved now (getaddrinfo). Returns 0 or -1 (e says why). */
int targets_add(struct targets *t, const char *spec, struct bs_err *e);
/* Adds every spec of a file: one or more per line, blank-separated, '#' comments. Errors name
 * the file and line. */
int targets_add_file(struct targets *t, const char *path, struct bs_err *e);
/* The same over text already read; name is used in errors. With resolve 0, a spec that is not
 * an address, block or range is an error instead of a name to look up (for fuzzing). */
int targets_add_text(struct targets *t, const char *name, const char *text, size_t len, int resolve,
                     struct bs_err *e);
int targets_exclude(struct targets *t, const char *spec, struct bs_err *e);

/* Merges overlaps and applies exclusions (once; the functions below call it). */
void targets_finish(struct targets *t);
/* How many addresses will be scanned; fails (-1) above TARGETS_MAX. */
int targets_count(struct targets *t, uint64_t *count, struct bs_err *e);
/* Calls fn for every address in ascending order (IPv4 first); stops when fn returns non-zero. */
int targets_each(struct targets *t, int (*fn)(void *ctx, const struct addr *a), void *ctx);
/* The same one at a time, for a scan that queues no more than it can run (2^24 addresses would
 * not fit a queue): start with targets_cursor, then targets_next returns 1 with *a set, or 0. */
struct tcursor {
	size_t i;
	uint64_t h, l;
};
void targets_cursor(struct targets *t, struct tcursor *c);
int targets_next(const struct targets *t, struct tcursor *c, struct addr *a);
/* Calls fn with each merged range (exclusions taken out) as a spec: "A" or "A-B". */
void targets_each_range(struct targets *t, void (*fn)(void *ctx, const char *spec), void *ctx);
/* Whether the address is a target (after merging and exclusions); O(log ranges). */
int targets_contains(struct targets *t, const struct addr *a);
/* Fails naming the first range that is not private or local (RFC 1918, 100.64/10, 127/8,
 * 169.254/16, fc00::/7, fe80::/10, ::1). */
int targets_check_private(struct targets *t, struct bs_err *e);

int addr_is_private(const struct addr *a);
/* Parses an IPv4 or IPv6 address. */
int addr_parse(const char *s, struct addr *a);

#endif
