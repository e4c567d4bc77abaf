/* What the importers share: a line reader that knows line numbers and byte offsets, a JSON
 * reader that hands out scalar values with their path (yajl's SAX parser underneath: no tree is
 * built), and observation helpers. */
#ifndef BS_IMPORT_IMP_H
#define BS_IMPORT_IMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bansweep/buf.h"
#include "bansweep/import.h"

/* Longest record (line, or JSON value) an importer accepts; a longer one is malformed. */
#define IMP_MAX_RECORD (16u << 20)

/* Emits one observation and counts it. A value of length 0 is not emitted. */
void imp_obs(const struct imp_sink *s, struct imp_stats *st, const char *asset, const char *key,
             const char *v, size_t n, const char *time);
/* The same with a NUL-terminated value (NULL: nothing emitted). */
void imp_obss(const struct imp_sink *s, struct imp_stats *st, const char *asset, const char *key,
              const char *v, const char *time);
/* Reports a malformed record (counted in st->bad), message formatted. */
void imp_bad(const struct imp_sink *s, struct imp_stats *st, unsigned long line, uint64_t off,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Scores for detect: does head contain needle within its first n bytes? */
int imp_has(const char *head, size_t n, const char *needle);
/* The first non-blank byte of head, skipping a UTF-8 byte order mark; 0 when none. */
char imp_first(const char *head, size_t n);

/* Line reader: lines without their end (\n or \r\n), of at most IMP_MAX_RECORD bytes; a longer
 * line is reported through the sink as malformed and skipped. */
struct imp_lines {
	FILE *f;
	const struct imp_sink *sink;
	struct imp_stats *st;
	char *buf;
	size_t cap, start, end; /* buffered bytes are buf[start..end) */
	int eof, error;
	unsigned long line;  /* number of the line last returned */
	uint64_t off;        /* its byte offset */
	uint64_t next_off;   /* offset of the byte at buf[start] */
	unsigned long nextn; /* number of the next line */
};

void imp_lines_init(struct imp_lines *l, FILE *f, const struct imp_sink *sink,
                    struct imp_stats *st);
void imp_lines_release(struct imp_lines *l);
/* The next line into *p, *n (valid until the next call; a NUL follows it). Returns 1, 0 at the
 * end, -1 on a read error (reported). */
int imp_lines_next(struct imp_lines *l, char **p, size_t *n);

/* The complete lines buffered now, as one block ending in '\n', for a reader that parses many
 * lines in one call: l->line and l->off are its first line's number and offset; the block's
 * lines are not counted, so the caller tells how many it held with imp_lines_count. Returns 1;
 * 2 for a single line returned as imp_lines_next would (the last line, without its end, or
 * the line after an over-long one: already counted); 0 at the end; -1 on a read error. */
int imp_lines_block(struct imp_lines *l, char **p, size_t *n);
void imp_lines_count(struct imp_lines *l, unsigned long lines);

/* What an importer emits, packed for replay in another thread (pack.c). imp_pack_obs, _end
 * and _bad are sink callbacks whose ctx is the pack. */
struct imp_pack_item;
struct imp_pack {
	struct imp_pack_item *items;
	size_t n, cap;
	struct buf arena;
};
void imp_pack_init(struct imp_pack *p);
void imp_pack_release(struct imp_pack *p);
void imp_pack_reset(struct imp_pack *p);
int imp_pack_obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                 const char *time);
void imp_pack_end(void *ctx);
void imp_pack_bad(void *ctx, unsigned long line, uint64_t off, const char *msg);
/* Replays into sink, in order; line numbers (all but 0) and offsets are moved by the bases
 * (a piece of a file read on its own). */
void imp_pack_replay(const struct imp_pack *p, const struct imp_sink *sink, unsigned long line_base,
                     uint64_t off_base);

/* JSON with paths. A path joins member names with '.' from the root; array elements have
 * their array's path (so "headers.server" is each value of the server array). */
enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_MAP, J_ARR };
enum jwhat { J_LEAF, J_OPEN, J_CLOSE };

struct jev {
	const char *path; /* NUL-terminated */
	size_t plen;
	size_t depth; /* 0 for the root value, 1 for its members or elements, ... */
	enum jtype type;
	const char *v; /* leaf value (J_STR unescaped, J_NUM and J_BOOL as written); vlen bytes */
	size_t vlen;
};

/* Returns 0 to go on, non-zero to stop the parse (jpath_feed then returns -1 with the
 * message "stopped"). */
typedef int (*jpath_fn)(void *ctx, enum jwhat what, const struct jev *e);

struct jpath;
struct jpath *jpath_new(jpath_fn fn, void *ctx);
void jpath_free(struct jpath *j);
/* Feeds bytes of one document (or, with multi, of a stream of documents). Returns 0, or -1 on a
 * syntax error: jpath_error then tells why and jpath_offset where (bytes since the reset). */
int jpath_feed(struct jpath *j, const char *p, size_t n);
/* Ends the document: -1 when it is incomplete. */
int jpath_end(struct jpath *j);
/* Starts a new document (JSON Lines: one per line). */
void jpath_reset(struct jpath *j);
/* Several top-level values in a row (concatenated JSON) are accepted when multi is set. */
void jpath_set_multi(struct jpath *j, int multi);
const char *jpath_error(struct jpath *j);
uint64_t jpath_offset(const struct jpath *j);
/* Inside a callback: the offset just past the token being reported (bytes since the reset). */
uint64_t jpath_pos(const struct jpath *j);

/* Parses one line as a JSON document: 0, or -1 with the reason in err. */
int jpath_line(struct jpath *j, const char *p, size_t n, char *err, size_t errlen);

/* A record's observations held until its asset is known: keys (static strings) and copies of
 * the values. imp_rec_add returns -1 when the record outgrows IMP_MAX_RECORD. */
struct imp_rec {
	struct buf arena;
	struct imp_rec_item {
		const char *key;
		size_t off, len;
	} * item;
	size_t n, cap;
};

void imp_rec_init(struct imp_rec *r);
void imp_rec_release(struct imp_rec *r);
void imp_rec_reset(struct imp_rec *r);
int imp_rec_add(struct imp_rec *r, const char *key, const char *v, size_t n);
/* Drops the observations from the n-th on. */
void imp_rec_cut(struct imp_rec *r, size_t n);
/* Emits the observations from the from-th on, all with asset and time. */
void imp_rec_emit(const struct imp_rec *r, size_t from, const struct imp_sink *s,
                  struct imp_stats *st, const char *asset, const char *time);

#endif
