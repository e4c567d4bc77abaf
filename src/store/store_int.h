/* Internals shared by the store's files: the handle, the schema, and a small string map. */
#ifndef BS_STORE_INT_H
#define BS_STORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/store.h"
#include "store/db.h"

struct store {
	struct dbc c;
	int version;
	char err[1024];
};

/* Records the back end's last error (prefixed with what) as the store's. Returns -1. */
int store_fail(struct store *st, const char *what);

/* A row callback that copies the first column into a char[64] (ctx); for scalar queries. */
int store_row_first(void *ctx, int ncol, const char *const *col);

/* Decimal text of v in buf (at least 24 bytes). */
const char *store_i64(int64_t v, char *buf);
int64_t store_parse_i64(const char *s);

/* Makes room for one more element of arr (n held, cap allocated), doubling. */
#define GROW(arr, n, cap)                                                                          \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? 2 * (cap) : 64;                                            \
			(arr) = xrealloc((arr), (cap) * sizeof(*(arr)));                           \
		}                                                                                  \
	} while (0)

/* Open-addressing map from a string (copied) to a size_t value. */
struct strmap {
	struct strmap_slot *slots;
	size_t mask, n;
};
void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* The value of key, or (size_t)-1. */
size_t strmap_get(const struct strmap *m, const char *key, size_t len);
/* Sets key's value when absent; returns the value now held. */
size_t strmap_put(struct strmap *m, const char *key, size_t len, size_t value);

#endif
