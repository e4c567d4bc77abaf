/* Bounded reader: every input byte is read through these (tcpdump's rule). A read past the end
 * sets a sticky error flag and returns zeros; callers check rd.err once after a run of reads. */
#ifndef BANSWEEP_RD_H
#define BANSWEEP_RD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rd {
	const uint8_t *p;
	size_t len;
	size_t off;
	int err;
};

static inline struct rd rd_make(const void *p, size_t len)
{
	struct rd r = {(const uint8_t *)p, len, 0, 0};
	return r;
}

static inline size_t rd_left(const struct rd *r)
{
	return r->err ? 0 : r->len - r->off;
}

static inline int rd_need(struct rd *r, size_t n)
{
	if (r->err || n > r->len - r->off) {
		r->err = 1;
		return 0;
	}
	return 1;
}

static inline uint8_t rd_u8(struct rd *r)
{
	if (!rd_need(r, 1))
		return 0;
	return r->p[r->off++];
}

static inline uint16_t rd_be16(struct rd *r)
{
	if (!rd_need(r, 2))
		return 0;
	uint16_t v = (uint16_t)((r->p[r->off] << 8) | r->p[r->off + 1]);
	r->off += 2;
	return v;
}

static inline uint32_t rd_be32(struct rd *r)
{
	if (!rd_need(r, 4))
		return 0;
	const uint8_t *b = r->p + r->off;
	r->off += 4;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static inline uint32_t rd_le32(struct rd *r)
{
	if (!rd_need(r, 4))
		return 0;
	const uint8_t *b = r->p + r->off;
	r->off += 4;
	return ((uint32_t)b[3] << 24) | ((uint32_t)b[2] << 16) | ((uint32_t)b[1] << 8) | b[0];
}

static inline uint64_t rd_le64(struct rd *r)
{
	uint64_t lo = rd_le32(r);
	uint64_t hi = rd_le32(r);
	return lo | (hi << 32);
}

/* Returns a pointer to the next n bytes and advances, or NULL (with err set). */
static inline const uint8_t *rd_bytes(struct rd *r, size_t n)
{
	if (!rd_need(r, n))
		return NULL;
	const uint8_t *b = r->p + r->off;
	r->off += n;
	return b;
}

static inline void rd_skip(struct rd *r, size_t n)
{
	(void)rd_bytes(r, n);
}

/* A sub-reader over the next n bytes; the parent advances past them. */
static inline struct rd rd_sub(struct rd *r, size_t n)
{
	const uint8_t *b = rd_bytes(r, n);
	struct rd s = {b, b ? n : 0, 0, b ? 0 : 1};
	return s;
}

#endif
