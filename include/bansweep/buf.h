/* Growable byte buffer with a size cap, and small string helpers. */
#ifndef BANSWEEP_BUF_H
#define BANSWEEP_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct bs_err;

struct buf {
	char *data; /* always NUL-terminated when len > 0 or after buf_init */
	size_t len;
	size_t cap;
	size_t limit; /* 0: no limit beyond SIZE_MAX/2 */
};

void buf_init(struct buf *b, size_t limit);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
/* These return 0, or -1 when the limit would be exceeded or memory runs out (buffer unchanged). */
int buf_add_slow(struct buf *b, const void *p, size_t n);
int buf_adds(struct buf *b, const char *s);

/* Appends happen per byte in writers: the common case, room in the buffer, is inline. */
static inline int buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->data && n < b->cap - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = 0;
		return 0;
	}
	return buf_add_slow(b, p, n);
}

static inline int buf_addc(struct buf *b, char c)
{
	if (b->data && b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = 0;
		return 0;
	}
	return buf_add_slow(b, &c, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Reads a whole file into *out (malloc'd, NUL-terminated; caller frees). Fails over max bytes. */
int bs_read_file(const char *path, size_t max, char **out, size_t *len, struct bs_err *e);

/* Allocation that aborts on failure: only for small bookkeeping, never sized by input. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* ASCII helpers (locale independent). */
int bs_strcaseeq(const char *a, const char *b);
int bs_strncaseeq(const char *a, const char *b, size_t n);
char *bs_trim(char *s); /* in place; returns s advanced past leading space */
void bs_lower(char *s); /* in place, ASCII only */
size_t bs_strlcpy(char *dst, const char *src, size_t size);
/* The value of a hexadecimal digit (either case), or -1. */
int bs_hexdigit(int c);
/* FNV-1a 64-bit hash, plain and ASCII-case-folded. */
uint64_t bs_hash(const void *p, size_t n);
uint64_t bs_hash_ci(const void *p, size_t n);
/* Strict integer parse: whole string, base 10, range checked. */
int bs_parse_u64(const char *s, uint64_t max, uint64_t *out);

#endif
