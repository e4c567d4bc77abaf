/* Reader of observations as JSON Lines (DESIGN.md): one object a line,
 *   {"asset": ID, "key": KEY, "value": VALUE, "source": S, "time": T}
 * asset and value may be strings or integers; source and time are optional strings; other
 * members are ignored. A bad line is reported with its number and skipped; reading goes on. */
#ifndef BANSWEEP_JSONL_H
#define BANSWEEP_JSONL_H

#include <stddef.h>
#include <stdio.h>

#define JSONL_MAX_LINE (1u << 20)

struct jsonl_obs {
	const char *asset;
	const char *key;
	const char *value;
	size_t vlen;
	const char *source; /* NULL when absent */
	const char *time;   /* NULL when absent */
	unsigned long line; /* line number in the input */
};

/* Returns 0, or -1 with msg filled (up to 256 bytes) to reject the line. */
typedef int (*jsonl_fn)(const struct jsonl_obs *o, void *ctx, char *msg, size_t msglen);
/* Told of every rejected line; name is the file name given. */
typedef void (*jsonl_err_fn)(const char *name, unsigned long line, const char *msg, void *ctx);

struct jsonl_stats {
	unsigned long lines; /* lines read, blank ones included */
	unsigned long ok;
	unsigned long bad;
};

/* Reads f to its end. Returns 0, or -1 on a read error (reported through err). */
int jsonl_read(FILE *f, const char *name, jsonl_fn fn, void *ctx, jsonl_err_fn err, void *errctx,
               struct jsonl_stats *st);
/* The same, with the JSON parsing done in a second thread while fn runs in the caller's: on two
 * cores, reading and identifying overlap. fn and err are called in the caller's thread, in input
 * order. Falls back to jsonl_read when a thread cannot be started. */
int jsonl_read_mt(FILE *f, const char *name, jsonl_fn fn, void *ctx, jsonl_err_fn err, void *errctx,
                  struct jsonl_stats *st);
/* The same over a buffer (for tests and fuzzing). */
void jsonl_read_buf(const char *buf, size_t len, const char *name, jsonl_fn fn, void *ctx,
                    jsonl_err_fn err, void *errctx, struct jsonl_stats *st);

#endif
