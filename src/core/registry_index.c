/* The registry index: merging the parsed sources into blocks, laying them out as one image
 * (registry_int.h describes it), checking an image before use, and the cache file that holds it.
 *
 * Why one image for both: a warm start maps the cache and reads it in place, so the in-memory
 * index must be the file. Building writes the same bytes, so cold and warm starts run the same
 * checked code. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/rd.h"
#include "core/registry_int.h"
#include "util/banned.h"

_Static_assert(sizeof(struct reg_fsrc) == 32, "reg_fsrc layout");
_Static_assert(sizeof(struct reg_fattr) == 16, "reg_fattr layout");
_Static_assert(sizeof(struct reg_forg) == 8, "reg_forg layout");
_Static_assert(sizeof(struct reg_fblock) == 16, "reg_fblock layout");

/* Caps on what a source may make us allocate (the real registries hold ~60k blocks). */
#define REG_NAMES_MAX (64u << 20)
#define REG_CACHE_MAX (256u << 20)

struct bblk {
	uint64_t prefix;
	uint32_t org;
	uint8_t bits;
	uint8_t src;
};

struct bsrc {
	char *path;
	enum reg_kind kind;
	bs_day date;
	size_t blocks, skipped;
	char *first_bad;
};

struct reg_build {
	struct bblk *blk;
	size_t nblk, capblk;
	uint32_t *bset; /* open addressing: block index + 1, keyed by prefix | bits */
	size_t bsetcap;
	struct buf names; /* organisation names, NUL-separated */
	uint32_t *orgoff; /* name offset per organisation */
	size_t norg, caporg;
	uint32_t *oset; /* open addressing: organisation + 1, keyed by name */
	size_t osetcap;
	struct bsrc src[REG_MAX_SOURCES];
	size_t nsrc;
};

struct reg_build *reg_build_new(void)
{
	struct reg_build *b = xcalloc(1, sizeof(*b));
	buf_init(&b->names, REG_NAMES_MAX);
	return b;
}

void reg_build_free(struct reg_build *b)
{
	if (!b)
		return;
	free(b->blk);
	free(b->bset);
	buf_release(&b->names);
	free(b->orgoff);
	free(b->oset);
	for (size_t i = 0; i < b->nsrc; i++) {
		free(b->src[i].path);
		free(b->src[i].first_bad);
	}
	free(b);
}

size_t reg_build_nsources(const struct reg_build *b)
{
	return b->nsrc;
}

static size_t slot_of(uint64_t h, size_t cap)
{
	return (size_t)((h * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

static uint64_t blk_key(uint64_t prefix, unsigned bits)
{
	return prefix << 8 | bits;
}

/* Rehashes a set of (index + 1) entries into twice the room. */
static void set_grow(uint32_t **set, size_t *cap,
                     uint64_t (*key)(const struct reg_build *, uint32_t), const struct reg_build *b)
{
	size_t ncap = *cap ? *cap * 2 : 1024;
	uint32_t *n = xcalloc(ncap, sizeof(*n));
	for (size_t i = 0; i < *cap; i++) {
		uint32_t v = (*set)[i];
		if (!v)
			continue;
		size_t s = slot_of(key(b, v - 1), ncap);
		while (n[s])
			s = (s + 1) & (ncap - 1);
		n[s] = v;
	}
	free(*set);
	*set = n;
	*cap = ncap;
}

static uint64_t bset_key(const struct reg_build *b, uint32_t i)
{
	return blk_key(b->blk[i].prefix, b->blk[i].bits);
}

static uint64_t oset_key(const struct reg_build *b, uint32_t i)
{
	const char *s = b->names.data + b->orgoff[i];
	return bs_hash(s, strlen(s));
}

/* The organisation's number, adding the name on first sight (names are kept as spelled). */
static int intern(struct reg_build *b, const char *name, uint32_t *out)
{
	if (2 * (b->norg + 1) > b->osetcap)
		set_grow(&b->oset, &b->osetcap, oset_key, b);
	size_t n = strlen(name);
	size_t s = slot_of(bs_hash(name, n), b->osetcap);
	for (uint32_t v; (v = b->oset[s]); s = (s + 1) & (b->osetcap - 1)) {
		if (strcmp(b->names.data + b->orgoff[v - 1], name) == 0) {
			*out = v - 1;
			return 0;
		}
	}
	size_t off = b->names.len;
	if (buf_add(&b->names, name, n + 1) < 0)
		return -1;
	if (b->norg == b->caporg) {
		b->caporg = b->caporg ? 2 * b->caporg : 1024;
		b->orgoff = xrealloc(b->orgoff, b->caporg * sizeof(*b->orgoff));
	}
	b->orgoff[b->norg] = (uint32_t)off;
	b->oset[s] = (uint32_t)++b->norg;
	*out = (uint32_t)(b->norg - 1);
	return 0;
}

static int add_block(void *ctx, uint64_t prefix, unsigned bits, const char *org, struct bs_err *e)
{
	struct reg_build *b = ctx;
	if (b->nblk >= REG_MAX_BLOCKS - 1)
		return bs_fail(e, "MAC registries: more than %u blocks", REG_MAX_BLOCKS - 1);
	if (2 * (b->nblk + 1) > b->bsetcap)
		set_grow(&b->bset, &b->bsetcap, bset_key, b);
	uint64_t k = blk_key(prefix, bits);
	size_t s = slot_of(k, b->bsetcap);
	for (uint32_t v; (v = b->bset[s]); s = (s + 1) & (b->bsetcap - 1))
		if (bset_key(b, v - 1) == k)
			return 0; /* an earlier source (or line) has it: priority merge */
	uint32_t id;
	if (intern(b, org, &id) < 0)
		return bs_fail(e, "MAC registries: organisation names exceed %u bytes",
		               REG_NAMES_MAX);
	if (b->nblk == b->capblk) {
		b->capblk = b->capblk ? 2 * b->capblk : 4096;
		b->blk = xrealloc(b->blk, b->capblk * sizeof(*b->blk));
	}
	struct bblk *x = &b->blk[b->nblk];
	x->prefix = prefix;
	x->bits = (uint8_t)bits;
	x->org = id;
	x->src = (uint8_t)(b->nsrc - 1);
	b->bset[s] = (uint32_t)++b->nblk;
	b->src[b->nsrc - 1].blocks++;
	return 0;
}

int reg_build_add(struct reg_build *b, const char *path, enum reg_kind kind, const char *data,
                  size_t len, bs_day fallback_date, struct bs_err *e)
{
	if (b->nsrc == REG_MAX_SOURCES)
		return bs_fail(e, "%s: more than %d MAC registry files", path, REG_MAX_SOURCES);
	struct bsrc *s = &b->src[b->nsrc++];
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->kind = kind;
	struct reg_parse p;
	reg_parse_init(&p, path, add_block, b);
	if (reg_parse_buf(&p, kind, data, len, e) < 0)
		return -1;
	s->date = p.date != BS_DAY_NONE ? p.date : fallback_date;
	s->skipped = p.bad;
	s->first_bad = xstrdup(p.bad ? p.first_bad.msg : "");
	return 0;
}

static int blk_cmp(const void *a, const void *b)
{
	const struct bblk *x = a, *y = b;
	uint64_t kx = blk_key(x->prefix, x->bits), ky = blk_key(y->prefix, y->bits);
	return kx < ky ? -1 : kx > ky;
}

/* String table under construction: offsets into one buffer. */
static uint32_t str_add(struct buf *s, const char *t)
{
	uint32_t off = (uint32_t)s->len;
	if (buf_add(s, t, strlen(t) + 1) < 0)
		abort(); /* bounded by REG_NAMES_MAX plus a little: cannot happen */
	return off;
}

static unsigned log2_cap(size_t n)
{
	unsigned lg = 4; /* at least 16 slots, at most half full */
	while (((size_t)1 << lg) < 2 * n)
		lg++;
	return lg;
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

/* Catches a damaged cache (torn write, disk error); four lanes so that it costs ~0.1 ms. */
uint64_t reg_checksum(const uint8_t *p, size_t n)
{
	uint64_t h[4] = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
	                 0x082EFA98EC4E6C89ull};
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		for (int l = 0; l < 4; l++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * l, 8);
			h[l] = rotl((h[l] ^ w) * 0x9E3779B97F4A7C15ull, 31);
		}
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h[0] = rotl((h[0] ^ w) * 0x9E3779B97F4A7C15ull, 31);
	}
	return h[0] ^ rotl(h[1], 16) ^ rotl(h[2], 32) ^ rotl(h[3], 48) ^ n;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* Attribution record for an organisation: records are shared (a vendor has a few). */
static uint32_t attr_of(struct reg_fattr **attr, size_t *nattr, struct buf *str,
                        const struct kb *kb, const char *name)
{
	if (!kb)
		return 0;
	struct kb_attrib a = kb_attribute_org(kb, name);
	if (a.role == ROLE_NONE || !a.vendor)
		return 0;
	for (size_t i = 1; i < *nattr; i++) {
		const struct reg_fattr *f = &(*attr)[i];
		if (f->role == (uint32_t)a.role &&
		    strcmp(str->data + f->vendor, a.vendor->slug) == 0 &&
		    (f->brand == REG_NONE32
		         ? a.brand == NULL
		         : a.brand && strcmp(str->data + f->brand, a.brand->slug) == 0))
			return (uint32_t)i;
	}
	*attr = xrealloc(*attr, (*nattr + 1) * sizeof(**attr));
	struct reg_fattr *f = &(*attr)[*nattr];
	f->role = (uint32_t)a.role;
	f->vendor = str_add(str, a.vendor->slug);
	f->brand = a.brand ? str_add(str, a.brand->slug) : REG_NONE32;
	f->pad = 0;
	return (uint32_t)(*nattr)++;
}

int reg_build_image(struct reg_build *b, const struct kb *kb, uint64_t key, uint8_t **img,
                    size_t *len, struct bs_err *e)
{
	if (b->nblk)
		qsort(b->blk, b->nblk, sizeof(*b->blk), blk_cmp);

	struct buf str;
	buf_init(&str, 0);
	str_add(&str, "");
	struct reg_fsrc *src = xcalloc(b->nsrc, sizeof(*src));
	for (size_t i = 0; i < b->nsrc; i++) {
		src[i].path = str_add(&str, b->src[i].path);
		src[i].kind = (uint32_t)b->src[i].kind;
		src[i].blocks = (uint32_t)b->src[i].blocks;
		src[i].skipped = (uint32_t)b->src[i].skipped;
		src[i].first_bad = b->src[i].first_bad[0] ? str_add(&str, b->src[i].first_bad) : 0;
		if (b->src[i].date != BS_DAY_NONE)
			bs_day_format(b->src[i].date, src[i].date);
	}
	struct reg_fattr *attr = xcalloc(1, sizeof(*attr));
	size_t nattr = 1;
	attr[0].brand = REG_NONE32;
	struct reg_forg *org = xcalloc(b->norg, sizeof(*org));
	for (size_t i = 0; i < b->norg; i++) {
		const char *name = b->names.data + b->orgoff[i];
		org[i].name = str_add(&str, name);
		org[i].attr = attr_of(&attr, &nattr, &str, kb, name);
	}

	/* hash tables: every 24-bit prefix that holds a block, flagged when longer ones lie under
	 */
	size_t n24 = 0, nl = 0;
	for (size_t i = 0; i < b->nblk; i++) {
		nl += b->blk[i].bits != 24;
		n24 += i == 0 || (b->blk[i].prefix >> 24) != (b->blk[i - 1].prefix >> 24);
	}
	unsigned lg24 = log2_cap(n24), lgl = log2_cap(nl);
	size_t cap24 = (size_t)1 << lg24, capl = (size_t)1 << lgl;
	uint64_t *t24 = xcalloc(cap24, 8), *tl = xcalloc(capl, 8);
	for (size_t i = 0; i < b->nblk; i++) {
		const struct bblk *x = &b->blk[i];
		uint64_t p24 = x->prefix >> 24, want = (p24 | 1u << 24) << 32;
		size_t s = reg_hash(p24, 64 - lg24);
		while (t24[s] && (t24[s] & 0xFFFFFFFF00000000ull) != want)
			s = (s + 1) & (cap24 - 1);
		if (!t24[s])
			t24[s] = want | REG_T24_NOBLK;
		if (x->bits == 24) {
			t24[s] = (t24[s] & ~(uint64_t)REG_T24_NOBLK) | i;
			continue;
		}
		t24[s] |= REG_T24_LONGER;
		uint64_t k = reg_tl_key(x->prefix, x->bits);
		s = reg_hash(k, 64 - lgl);
		while (tl[s])
			s = (s + 1) & (capl - 1);
		tl[s] = k << 26 | i;
	}

	size_t sizes[REG_NSEC] = {str.len,
	                          b->nsrc * sizeof(*src),
	                          nattr * sizeof(*attr),
	                          b->norg * sizeof(*org),
	                          b->nblk * sizeof(struct reg_fblock),
	                          cap24 * 8,
	                          capl * 8};
	size_t counts[REG_NSEC] = {str.len, b->nsrc, nattr, b->norg, b->nblk, cap24, capl};
	size_t offs[REG_NSEC], total = REG_HDR_SIZE;
	for (int i = 0; i < REG_NSEC; i++) {
		offs[i] = total;
		total = align8(total + sizes[i]);
	}
	uint8_t *im = xcalloc(1, total);
	memcpy(im + offs[SEC_STR], str.data, str.len);
	memcpy(im + offs[SEC_SRC], src, sizes[SEC_SRC]);
	memcpy(im + offs[SEC_ATTR], attr, sizes[SEC_ATTR]);
	memcpy(im + offs[SEC_ORG], org, sizes[SEC_ORG]);
	for (size_t i = 0; i < b->nblk; i++) {
		struct reg_fblock f = {b->blk[i].prefix, b->blk[i].org, b->blk[i].bits,
		                       b->blk[i].src, 0};
		memcpy(im + offs[SEC_BLK] + i * sizeof(f), &f, sizeof(f));
	}
	memcpy(im + offs[SEC_T24], t24, sizes[SEC_T24]);
	memcpy(im + offs[SEC_TL], tl, sizes[SEC_TL]);
	memcpy(im, REG_MAGIC, 8);
	put32(im + 8, REG_VERSION);
	put32(im + 12, REG_BOM);
	put64(im + 16, key);
	put64(im + 24, total);
	for (int i = 0; i < REG_NSEC; i++) {
		put64(im + 48 + 16 * i, offs[i]);
		put64(im + 56 + 16 * i, counts[i]);
	}
	put64(im + 32, reg_checksum(im + REG_HDR_SIZE, total - REG_HDR_SIZE));

	buf_release(&str);
	free(src);
	free(attr);
	free(org);
	free(t24);
	free(tl);
	(void)e;
	*img = im;
	*len = total;
	return 0;
}

/* ---- checking an image ---- */

static int sec(struct rd *h, size_t len, size_t elsize, size_t *off, size_t *count)
{
	uint64_t o = rd_le64(h), c = rd_le64(h);
	if (h->err || o % 8 || o < REG_HDR_SIZE || o > len || c > (len - o) / elsize)
		return -1;
	*off = (size_t)o;
	*count = (size_t)c;
	return 0;
}

/* Any byte 0x01-0x1F or 0x7F? Eight bytes at a time: each lane adds within its low 7 bits, so no
 * carry crosses into the next byte (this check is a third of a warm start otherwise). */
static int has_control(const uint8_t *p, size_t n)
{
	const uint64_t lo = 0x7F7F7F7F7F7F7F7Full, hi = 0x8080808080808080ull;
	uint64_t acc = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		uint64_t l = w & lo;
		uint64_t nonzero = l + lo, ge20 = l + 0x6060606060606060ull;
		uint64_t del = l + 0x0101010101010101ull;
		acc |= ~w & hi & ((nonzero & ~ge20) | del);
	}
	for (; i < n; i++)
		acc |= (uint64_t)((p[i] && p[i] < 0x20) || p[i] == 0x7f);
	return acc != 0;
}

static int str_ok(const struct reg_view *v, uint32_t off)
{
	return off < v->nstr;
}

static int check_table(size_t cap, unsigned *shift, size_t *mask)
{
	if (cap < 16 || cap > (size_t)1 << 28 || (cap & (cap - 1)))
		return -1;
	unsigned lg = 0;
	while (((size_t)1 << lg) < cap)
		lg++;
	*shift = 64 - lg;
	*mask = cap - 1;
	return 0;
}

static int check_blocks(const struct reg_view *v, struct bs_err *e)
{
	size_t per_src[REG_MAX_SOURCES] = {0};
	uint64_t last = 0;
	for (size_t i = 0; i < v->nblk; i++) {
		const struct reg_fblock *x = &v->blk[i];
		unsigned bits = x->bits;
		if ((bits != 24 && bits != 28 && bits != 36) || x->prefix >> 48 ||
		    (x->prefix & ((1ull << (48 - bits)) - 1)) || x->org >= v->norg ||
		    x->src >= v->nsrc)
			return bs_fail(e, "block %zu out of range", i);
		uint64_t k = blk_key(x->prefix, bits);
		if (i && k <= last)
			return bs_fail(e, "blocks out of order at %zu", i);
		last = k;
		per_src[x->src]++;
	}
	for (size_t i = 0; i < v->nsrc; i++)
		if (per_src[i] != v->src[i].blocks)
			return bs_fail(e, "source %zu block count", i);
	return 0;
}

/* Slots are checked for form and in-bounds block indices, and each table must have an empty
 * slot so that a probe for a missing key ends. Whether a slot names the right block is left to
 * the checksum: a crafted image could lie in its names anyway. */
static int check_t24(const struct reg_view *v)
{
	uint64_t bad = 0;
	size_t empty = 0;
	for (size_t i = 0; i <= v->t24mask; i++) {
		uint64_t s = v->t24[i];
		uint32_t idx = (uint32_t)s & REG_T24_NOBLK;
		uint64_t used = s != 0, form = (s >> 56) != 1;
		uint64_t range = (uint64_t)(idx != REG_T24_NOBLK) & (uint64_t)(idx >= v->nblk);
		empty += !used; /* bitwise, not short-circuit: no branch per slot */
		bad |= used & (form | range);
	}
	return bad || !empty ? -1 : 0;
}

static int check_tl(const struct reg_view *v)
{
	uint64_t bad = 0;
	size_t empty = 0;
	for (size_t i = 0; i <= v->tlmask; i++) {
		uint64_t s = v->tl[i];
		uint64_t used = s != 0, form = !(s >> 63);
		uint64_t range = (s & ((1u << 26) - 1)) >= v->nblk;
		empty += !used;
		bad |= used & (form | range);
	}
	return bad || !empty ? -1 : 0;
}

int reg_view_load(struct reg_view *v, const void *img, size_t len, const uint64_t *key,
                  struct bs_err *e)
{
	memset(v, 0, sizeof(*v));
	struct rd h = rd_make(img, len);
	const uint8_t *magic = rd_bytes(&h, 8);
	if (!magic || memcmp(magic, REG_MAGIC, 8) != 0)
		return bs_fail(e, "not a registry index");
	uint32_t version = rd_le32(&h), bom = rd_le32(&h);
	uint64_t k = rd_le64(&h), flen = rd_le64(&h), sum = rd_le64(&h);
	rd_skip(&h, 8);
	if (h.err || version != REG_VERSION || bom != REG_BOM)
		return bs_fail(e, "registry index of another version or byte order");
	if (key && k != *key)
		return bs_fail(e, "registry index is stale");
	if (flen != len || len % 8 || len < REG_HDR_SIZE)
		return bs_fail(e, "registry index truncated");
	if (reg_checksum((const uint8_t *)img + REG_HDR_SIZE, len - REG_HDR_SIZE) != sum)
		return bs_fail(e, "registry index checksum mismatch");

	static const size_t el[REG_NSEC] = {1,
	                                    sizeof(struct reg_fsrc),
	                                    sizeof(struct reg_fattr),
	                                    sizeof(struct reg_forg),
	                                    sizeof(struct reg_fblock),
	                                    8,
	                                    8};
	size_t off[REG_NSEC], cnt[REG_NSEC];
	for (int i = 0; i < REG_NSEC; i++)
		if (sec(&h, len, el[i], &off[i], &cnt[i]) < 0)
			return bs_fail(e, "registry index section %d out of bounds", i);
	const uint8_t *base = img;
	v->str = (const char *)base + off[SEC_STR];
	v->nstr = cnt[SEC_STR];
	v->src = (const struct reg_fsrc *)(const void *)(base + off[SEC_SRC]);
	v->nsrc = cnt[SEC_SRC];
	v->attr = (const struct reg_fattr *)(const void *)(base + off[SEC_ATTR]);
	v->nattr = cnt[SEC_ATTR];
	v->org = (const struct reg_forg *)(const void *)(base + off[SEC_ORG]);
	v->norg = cnt[SEC_ORG];
	v->blk = (const struct reg_fblock *)(const void *)(base + off[SEC_BLK]);
	v->nblk = cnt[SEC_BLK];
	v->t24 = (const uint64_t *)(const void *)(base + off[SEC_T24]);
	v->tl = (const uint64_t *)(const void *)(base + off[SEC_TL]);

	/* strings: NUL-terminated at the end, and printable (names reach terminals) */
	if (v->nstr == 0 || v->str[0] || v->str[v->nstr - 1])
		return bs_fail(e, "registry index string table unterminated");
	if (has_control((const uint8_t *)v->str, v->nstr))
		return bs_fail(e, "registry index string table holds control bytes");
	if (v->nsrc == 0 || v->nsrc > REG_MAX_SOURCES)
		return bs_fail(e, "registry index source count");
	for (size_t i = 0; i < v->nsrc; i++) {
		const struct reg_fsrc *s = &v->src[i];
		bs_day d;
		if (!str_ok(v, s->path) || s->kind >= REG_NKINDS || !str_ok(v, s->first_bad) ||
		    s->date[10] || s->date[11] || (s->date[0] && bs_day_parse(s->date, &d) < 0))
			return bs_fail(e, "registry index source %zu", i);
	}
	if (v->nattr == 0 || v->attr[0].role != ROLE_NONE || v->nattr > v->norg + 1)
		return bs_fail(e, "registry index attribution table");
	for (size_t i = 1; i < v->nattr; i++) {
		const struct reg_fattr *a = &v->attr[i];
		if (a->role < ROLE_MAKER || a->role > ROLE_REVIEW || !str_ok(v, a->vendor) ||
		    (a->brand != REG_NONE32 && !str_ok(v, a->brand)))
			return bs_fail(e, "registry index attribution %zu", i);
	}
	for (size_t i = 0; i < v->norg; i++)
		if (!str_ok(v, v->org[i].name) || v->org[i].attr >= v->nattr)
			return bs_fail(e, "registry index organisation %zu", i);
	if (v->nblk >= REG_MAX_BLOCKS)
		return bs_fail(e, "registry index block count");
	if (check_blocks(v, e) < 0)
		return -1;
	if (check_table(cnt[SEC_T24], &v->t24shift, &v->t24mask) < 0 ||
	    check_table(cnt[SEC_TL], &v->tlshift, &v->tlmask) < 0 || check_t24(v) < 0 ||
	    check_tl(v) < 0)
		return bs_fail(e, "registry index hash table damaged");
	return 0;
}

/* ---- the cache file ---- */

int reg_cache_map(const char *path, void **map, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < REG_HDR_SIZE ||
	    (uint64_t)st.st_size > REG_CACHE_MAX) {
		close(fd);
		return -1;
	}
	/* populate: the checks read every page anyway, one fault instead of hundreds */
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	*map = m;
	*len = (size_t)st.st_size;
	return 0;
}

int reg_cache_write(const char *path, const void *img, size_t len)
{
	struct buf tmp;
	buf_init(&tmp, 0);
	if (buf_printf(&tmp, "%s.XXXXXX", path) < 0)
		return -1;
	int fd = mkstemp(tmp.data);
	if (fd < 0) {
		buf_release(&tmp);
		return -1;
	}
	const uint8_t *p = img;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	/* No fsync: a cache torn by a crash fails its checksum and is rebuilt; a cold start
	 * should not wait for the disk. */
	int ok = done == len && close(fd) == 0;
	if (done != len)
		close(fd);
	if (!ok || rename(tmp.data, path) < 0) {
		unlink(tmp.data);
		buf_release(&tmp);
		return -1;
	}
	buf_release(&tmp);
	return 0;
}
