/* Private to the MAC registry module (registry.c, registry_parse.c, registry_index.c) and its
 * tests: the source parsers, the index builder, and the index image that is both the in-memory
 * index and the cache file.
 *
 * Image layout (all integers in host order; the byte-order mark rejects a foreign image):
 *
 *   header    REG_HDR_SIZE bytes: magic, version, byte-order mark, cache key, file length,
 *             checksum of everything after the header, then REG_NSEC (offset, count) pairs
 *   sections  8-byte aligned arrays, in enum reg_sec order: string table (NUL-terminated names,
 *             starts with an empty string), sources, attributions, organisations, blocks sorted by
 *             (prefix, bits), the 24-bit hash table and the 28/36-bit hash table
 *
 * The image is untrusted when it comes from the cache: reg_view_load() checks every count, offset
 * and index before anything is read through the view, so that lookups need no checks. */
#ifndef BS_REGISTRY_INT_H
#define BS_REGISTRY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/date.h"
#include "bansweep/err.h"
#include "bansweep/kb.h"
#include "bansweep/registry.h"

/* ---- source parsers (registry_parse.c) ---- */

enum reg_kind { REG_MANUF, REG_CSV, REG_ARPSCAN, REG_NKINDS };

/* "manuf", "ieee-csv", "arp-scan" (the strings of struct reg_source.kind). */
const char *reg_kind_name(enum reg_kind k);

/* Longest organisation name kept; IEEE's longest is about 110 bytes. */
#define REG_ORG_MAX 256

/* Called for each IEEE block (24, 28 or 36 bits, group bit clear) with the organisation name,
 * trimmed and NUL-terminated. A negative return stops the parse, which returns it. */
typedef int (*reg_entry_fn)(void *ctx, uint64_t prefix, unsigned bits, const char *org,
                            struct bs_err *e);

struct reg_parse {
	const char *file; /* name used in messages */
	reg_entry_fn fn;
	void *ctx;
	size_t entries;          /* blocks handed to fn */
	size_t ignored;          /* well-formed but not a block: multicast, other prefix lengths */
	size_t bad;              /* malformed records, skipped */
	struct bs_err first_bad; /* "file:line: why" of the first one */
	bs_day date;             /* newest date the file states for its data, or BS_DAY_NONE */
};

void reg_parse_init(struct reg_parse *p, const char *file, reg_entry_fn fn, void *ctx);
/* Tells the format from the first data line, else from the file name. Returns 0 or -1. */
int reg_sniff(const char *path, const char *data, size_t len, enum reg_kind *kind);
/* Parses len bytes (not NUL-terminated; any bytes). Malformed records are counted and skipped: a
 * Debian file with a few damaged lines still serves. The file is rejected (-1, e naming the first
 * bad line) when it looks like something else: no block at all but bad records, or more than
 * REG_BAD_MAX bad records that are more than a twentieth of the records. */
int reg_parse_buf(struct reg_parse *p, enum reg_kind kind, const char *data, size_t len,
                  struct bs_err *e);
#define REG_BAD_MAX 16

/* ---- index image (registry_index.c) ---- */

#define REG_MAGIC       "BSWREGIX"
#define REG_VERSION     1u
#define REG_BOM         0x01020304u
#define REG_MAX_SOURCES 64
#define REG_MAX_BLOCKS  (1u << 26) /* block indices are 26 bits in the 28/36-bit table */
#define REG_NONE32      0xFFFFFFFFu

enum reg_sec { SEC_STR, SEC_SRC, SEC_ATTR, SEC_ORG, SEC_BLK, SEC_T24, SEC_TL, REG_NSEC };
#define REG_HDR_SIZE (48 + 16 * REG_NSEC)

struct reg_fsrc {
	uint32_t path;      /* string offset */
	uint32_t kind;      /* enum reg_kind */
	uint32_t blocks;    /* blocks it contributed after merging */
	uint32_t skipped;   /* malformed records skipped */
	uint32_t first_bad; /* string offset of the first one's message, or 0 ("") */
	char date[12];      /* "YYYY-MM-DD" or "", NUL-padded */
};

struct reg_fattr {
	uint32_t role;   /* enum kb_role; record 0 is ROLE_NONE */
	uint32_t vendor; /* string offset of the vendor slug */
	uint32_t brand;  /* string offset of the brand slug, or REG_NONE32 */
	uint32_t pad;
};

struct reg_forg {
	uint32_t name; /* string offset */
	uint32_t attr; /* attribution record */
};

struct reg_fblock {
	uint64_t prefix; /* first address of the block */
	uint32_t org;
	uint8_t bits;
	uint8_t src;
	uint16_t pad;
};

/* 24-bit table slot: high 32 bits (1 << 24 | prefix >> 24), low 32 bits the 24-bit block's index
 * (REG_T24_NOBLK when only longer blocks exist) with REG_T24_LONGER set when 28- or 36-bit blocks
 * lie under it. 28/36-bit table slot: reg_tl_key() << 26 | block index. Empty slots are 0. */
#define REG_T24_LONGER 0x80000000u
#define REG_T24_NOBLK  0x7FFFFFFFu

static inline uint64_t reg_tl_key(uint64_t prefix, unsigned bits)
{
	return (1ull << 37) | ((uint64_t)(bits == 28) << 36) | (prefix >> 12);
}

static inline size_t reg_hash(uint64_t x, unsigned shift)
{
	return (size_t)((x * 0x9E3779B97F4A7C15ull) >> shift);
}

struct reg_view {
	const char *str;
	size_t nstr;
	const struct reg_fsrc *src;
	size_t nsrc;
	const struct reg_fattr *attr;
	size_t nattr;
	const struct reg_forg *org;
	size_t norg;
	const struct reg_fblock *blk;
	size_t nblk;
	const uint64_t *t24, *tl;
	size_t t24mask, tlmask;
	unsigned t24shift, tlshift;
};

/* Checksum of the bytes after the header (stored at offset 32). */
uint64_t reg_checksum(const uint8_t *p, size_t n);

/* Checks an image (8-byte aligned) and points the view into it. key: the cache key it must carry,
 * or NULL to accept any (fuzzing). Returns 0, or -1 saying what is wrong. */
int reg_view_load(struct reg_view *v, const void *img, size_t len, const uint64_t *key,
                  struct bs_err *e);

struct reg_build;
struct reg_build *reg_build_new(void);
void reg_build_free(struct reg_build *b);
/* Parses one source; blocks it shares with an earlier source are dropped (earlier wins).
 * fallback_date is used when the file states no date. */
int reg_build_add(struct reg_build *b, const char *path, enum reg_kind kind, const char *data,
                  size_t len, bs_day fallback_date, struct bs_err *e);
size_t reg_build_nsources(const struct reg_build *b);
/* Lays out the image (malloc'd, 8-byte aligned; caller frees), attributing every organisation
 * through kb (NULL: none attributed). */
int reg_build_image(struct reg_build *b, const struct kb *kb, uint64_t key, uint8_t **img,
                    size_t *len, struct bs_err *e);

/* Maps a cache file read-only; returns 0 or -1 (missing, unreadable, implausible size). */
int reg_cache_map(const char *path, void **map, size_t *len);
/* Writes the image to a temporary file in the same directory and renames it over path, so that
 * a reader sees the old file or the new one, never half of one. Returns 0 or -1. */
int reg_cache_write(const char *path, const void *img, size_t len);

/* ---- the open registry (registry.c) ---- */

struct registry {
	struct reg_view v;
	const uint8_t *img; /* the image the view points into: map or heap */
	size_t len;
	void *map;     /* mmapped cache file, or NULL */
	uint8_t *heap; /* built image, or NULL */
	struct reg_source *src;
	struct kb_attrib *attr; /* per attribution record, resolved against the kb */
	char date[11];
	int from_cache;    /* the image came from the cache file */
	int cache_written; /* a cache file was written by this open */
};

/* Opens a registry over a copy of an image, checked as an untrusted cache is but whatever its
 * key (for the fuzzer and tests). Returns 0 or -1. */
int registry_from_image(struct registry **out, const struct kb *kb, const void *img, size_t len,
                        struct bs_err *e);

/* Malformed records skipped in source i, and the message of the first (or ""). */
size_t registry_source_skipped(const struct registry *r, size_t i, const char **first);

#endif
