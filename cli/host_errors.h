/* What `bansweep host` could not read or parse, grouped for its summary: thousands of
 * "/proc/N/exe: Permission denied" are one line with a count, a malformed file lists its bad
 * lines (the first few). */
#ifndef BS_HOST_ERRORS_H
#define BS_HOST_ERRORS_H

#include <stdint.h>
#include <stdio.h>

#include "bansweep/arena.h"

#define HOST_ERR_EXAMPLES 3  /* paths shown of a group of unreadable files */
#define HOST_ERR_LINES    20 /* malformed lines shown of one file */

struct host_err_group {
	char *source, *key; /* key: the message (unreadable) or the path (malformed) */
	int malformed;
	uint64_t count;
	char *ex[HOST_ERR_LINES];
	size_t nex;
};

struct host_errors {
	struct arena strings;
	struct host_err_group *g;
	size_t n, cap;
};

void host_errors_init(struct host_errors *e);
void host_errors_release(struct host_errors *e);
/* Adds one; returns 1 when it is among the first shown of its group (a malformed one is then
 * printed at once by the caller), 0 otherwise. */
int host_errors_add(struct host_errors *e, int malformed, const char *source, const char *path,
                    uint64_t pos, int pos_is_offset, const char *msg);
/* "path:12", "path: offset 300", "path", or "-" without a path. */
void host_errors_where(const char *path, uint64_t pos, int pos_is_offset, char *out, size_t n);
/* The summary's error lines. */
void host_errors_print(const struct host_errors *e, FILE *f);

#endif
