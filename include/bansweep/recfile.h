/* The record format of every knowledge-base and rule file (docs/data-format.md):
 *
 *   # comment                     (a line whose first non-blank character is '#')
 *   TYPE ID                       (at column 0: starts a record)
 *       FIELD VALUE...            (indented: a field of the current record; may repeat)
 *
 * The parser knows no record types; loaders validate fields and report errors through
 * rec_error(), which names the file and line. */
#ifndef BANSWEEP_RECFILE_H
#define BANSWEEP_RECFILE_H

#include <stddef.h>

#include "bansweep/err.h"

#define REC_MAX_LINE   4096
#define REC_MAX_FIELDS 512

struct rec_field {
	const char *name;
	const char *value; /* trimmed, never empty */
	unsigned line;
};

struct rec {
	const char *file;
	const char *type;
	const char *id;
	unsigned line;
	const struct rec_field *f;
	size_t n;
};

/* Called once per record; a non-zero return stops parsing and is returned by rec_parse. */
typedef int (*rec_fn)(const struct rec *r, void *ctx, struct bs_err *e);

/* Parses text (modified in place: the pointers handed to fn point into it, so it must outlive
 * whatever fn keeps, or fn copies). Returns 0, or -1 with e naming file:line. */
int rec_parse(const char *file, char *text, size_t len, rec_fn fn, void *ctx, struct bs_err *e);

/* Reads path and parses it; *keep receives the buffer the records point into (caller frees). */
int rec_parse_file(const char *path, rec_fn fn, void *ctx, char **keep, struct bs_err *e);

const char *rec_get(const struct rec *r, const char *name);
const struct rec_field *rec_field(const struct rec *r, const char *name);
size_t rec_count(const struct rec *r, const char *name);
/* Fails naming the first field whose name is not in the NULL-terminated list. */
int rec_allow(const struct rec *r, const char *const *names, struct bs_err *e);
/* Fails unless each NULL-terminated name is present. */
int rec_require(const struct rec *r, const char *const *names, struct bs_err *e);
/* bs_fail with "FILE:LINE: " in front; line 0 means the record's own line. */
int rec_error(struct bs_err *e, const struct rec *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
