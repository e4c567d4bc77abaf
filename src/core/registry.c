/* The MAC address registry: opening (cache or build), longest-prefix lookup, the walk, and MAC
 * address text. The cache is keyed by everything the index depends on (format version, the
 * sources' paths, sizes, inodes and times, and the kb's organisation attributions), so that a
 * stale or foreign cache is never used: it is rebuilt and replaced. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "bansweep/buf.h"
#include "core/registry_int.h"
#include "util/banned.h"

/* Newest first (KNOWLEDGE.md section 3): Wireshark's manuf, then ieee-data, then arp-scan. */
static const char *const default_paths[] = {
    "/usr/share/wireshark/manuf",
    "/usr/share/ieee-data/oui.csv",
    "/usr/share/ieee-data/mam.csv",
    "/usr/share/ieee-data/oui36.csv",
    "/usr/share/ieee-data/iab.csv",
    "/usr/share/arp-scan/ieee-oui.txt",
    NULL,
};

#define REG_FILE_MAX (64u << 20)
#define MASK48       0xFFFFFFFFFFFFull

/* ieee-data keeps the epoch time of its last download next to the CSVs. */
static void lastupdate_path(struct buf *b, const char *path)
{
	const char *slash = strrchr(path, '/');
	buf_reset(b);
	if (slash)
		buf_add(b, path, (size_t)(slash - path) + 1);
	buf_adds(b, ".lastupdate");
}

static void key_stat(struct buf *k, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		buf_printf(k, "%s\n-\n", path);
		return;
	}
	buf_printf(k, "%s\n%ju %ju %ju %jd.%ld %jd.%ld\n", path, (uintmax_t)st.st_dev,
	           (uintmax_t)st.st_ino, (uintmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
	           st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

static uint64_t cache_key(const char *const *paths, size_t n, const struct kb *kb)
{
	struct buf k, lu;
	buf_init(&k, 0);
	buf_init(&lu, 0);
	buf_printf(&k, "bansweep registry %u\n%016" PRIx64 "\n", REG_VERSION,
	           kb ? kb_org_fingerprint(kb) : 0);
	for (size_t i = 0; i < n; i++) {
		key_stat(&k, paths[i]);
		lastupdate_path(&lu, paths[i]);
		key_stat(&k, lu.data);
	}
	uint64_t h = bs_hash(k.data, k.len);
	buf_release(&k);
	buf_release(&lu);
	return h;
}

/* $BANSWEEP_CACHE, $XDG_CACHE_HOME/bansweep, ~/.cache/bansweep; "" when there is none. */
static void cache_dir(struct buf *d, const struct reg_options *opt)
{
	const char *v;
	if (opt && opt->cache_dir)
		buf_adds(d, opt->cache_dir);
	else if ((v = getenv("BANSWEEP_CACHE")) && *v)
		buf_adds(d, v);
	else if ((v = getenv("XDG_CACHE_HOME")) && *v)
		buf_printf(d, "%s/bansweep", v);
	else if ((v = getenv("HOME")) && *v)
		buf_printf(d, "%s/.cache/bansweep", v);
}

/* Makes the cache directory and its parent (~/.cache may not exist yet), but no deeper: a
 * mistyped path should not grow a tree. */
static void make_cache_dir(const char *dir)
{
	char *p = xstrdup(dir);
	char *slash = strrchr(p, '/');
	if (slash && slash != p) {
		*slash = 0;
		mkdir(p, 0700);
	}
	free(p);
	mkdir(dir, 0700);
}

static bs_day file_day(const char *path, const struct stat *st, enum reg_kind kind)
{
	if (kind == REG_CSV) {
		struct buf lu;
		buf_init(&lu, 0);
		lastupdate_path(&lu, path);
		char *text;
		size_t len;
		uint64_t secs;
		int ok = bs_read_file(lu.data, 64, &text, &len, NULL) == 0;
		buf_release(&lu);
		if (ok) {
			ok = bs_parse_u64(bs_trim(text), (uint64_t)1 << 40, &secs) == 0;
			free(text);
			if (ok)
				return (bs_day)(secs / 86400);
		}
	}
	return (bs_day)(st->st_mtim.tv_sec / 86400);
}

static int build(struct registry *r, const char *const *paths, size_t n, const struct kb *kb,
                 uint64_t key, struct bs_err *e)
{
	struct reg_build *b = reg_build_new();
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue; /* that package is not installed */
			reg_build_free(b);
			return bs_fail(e, "%s: %s", paths[i], strerror(errno));
		}
		char *data;
		size_t len;
		enum reg_kind kind;
		if (bs_read_file(paths[i], REG_FILE_MAX, &data, &len, e) < 0) {
			reg_build_free(b);
			return -1;
		}
		int rc = reg_sniff(paths[i], data, len, &kind);
		if (rc < 0)
			bs_fail(e, "%s: not a MAC registry (manuf, IEEE CSV or arp-scan format)",
			        paths[i]);
		else
			rc = reg_build_add(b, paths[i], kind, data, len,
			                   file_day(paths[i], &st, kind), e);
		free(data);
		if (rc < 0) {
			reg_build_free(b);
			return -1;
		}
	}
	if (reg_build_nsources(b) == 0) {
		reg_build_free(b);
		return bs_fail(e,
		               "no MAC address registry found (%s...): install libwireshark-data, "
		               "ieee-data or arp-scan",
		               paths[0]);
	}
	int rc = reg_build_image(b, kb, key, &r->heap, &r->len, e);
	reg_build_free(b);
	if (rc < 0)
		return -1;
	r->img = r->heap;
	return reg_view_load(&r->v, r->img, r->len, &key, e);
}

/* Resolves the image's attribution records (slugs) to kb pointers, and fills the sources. */
static int attach(struct registry *r, const struct kb *kb, struct bs_err *e)
{
	const struct reg_view *v = &r->v;
	r->attr = xcalloc(v->nattr, sizeof(*r->attr));
	for (size_t i = 1; i < v->nattr; i++) {
		const struct reg_fattr *a = &v->attr[i];
		struct kb_attrib *o = &r->attr[i];
		o->role = (enum kb_role)a->role;
		o->vendor = kb ? kb_vendor_find(kb, v->str + a->vendor) : NULL;
		o->brand =
		    kb && a->brand != REG_NONE32 ? kb_brand_find(kb, v->str + a->brand) : NULL;
		if (!o->vendor || (a->brand != REG_NONE32 && !o->brand))
			return bs_fail(e, "registry index names a vendor the kb does not know");
	}
	r->src = xcalloc(v->nsrc, sizeof(*r->src));
	memcpy(r->date, "unknown", 8);
	for (size_t i = 0; i < v->nsrc; i++) {
		struct reg_source *s = &r->src[i];
		s->path = v->str + v->src[i].path;
		s->kind = reg_kind_name((enum reg_kind)v->src[i].kind);
		memcpy(s->date, v->src[i].date, sizeof(s->date));
		s->blocks = v->src[i].blocks;
		if (s->date[0] && (r->date[0] == 'u' || strcmp(s->date, r->date) > 0))
			memcpy(r->date, s->date, sizeof(r->date));
	}
	return 0;
}

static void detach(struct registry *r)
{
	free(r->attr);
	free(r->src);
	r->attr = NULL;
	r->src = NULL;
	if (r->map)
		munmap(r->map, r->len);
	free(r->heap);
	r->map = NULL;
	r->heap = NULL;
	r->img = NULL;
	r->len = 0;
}

static int try_cache(struct registry *r, const char *path, uint64_t key, const struct kb *kb)
{
	if (reg_cache_map(path, &r->map, &r->len) < 0)
		return -1;
	r->img = r->map;
	if (reg_view_load(&r->v, r->img, r->len, &key, NULL) < 0 || attach(r, kb, NULL) < 0) {
		detach(r);
		return -1;
	}
	r->from_cache = 1;
	return 0;
}

int registry_open(struct registry **out, const struct kb *kb, const struct reg_options *opt,
                  struct bs_err *e)
{
	*out = NULL;
	const char *const *paths = opt && opt->paths ? opt->paths : default_paths;
	size_t n = 0;
	while (paths[n])
		n++;
	if (n == 0)
		return bs_fail(e, "no MAC registry files given");
	if (n > REG_MAX_SOURCES)
		return bs_fail(e, "more than %d MAC registry files", REG_MAX_SOURCES);
	uint64_t key = cache_key(paths, n, kb);

	struct buf dir, file;
	buf_init(&dir, 0);
	buf_init(&file, 0);
	cache_dir(&dir, opt);
	if (dir.len) {
		/* one file per list of sources, so that tests and defaults do not evict each other
		 */
		uint64_t h = 0;
		for (size_t i = 0; i < n; i++)
			h = h * 31 + bs_hash(paths[i], strlen(paths[i]) + 1);
		buf_printf(&file, "%s/registry-%016" PRIx64 ".idx", dir.data, h);
	}
	struct registry *r = xcalloc(1, sizeof(*r));
	if (!file.len || try_cache(r, file.data, key, kb) < 0) {
		if (build(r, paths, n, kb, key, e) < 0 || attach(r, kb, e) < 0) {
			registry_free(r);
			buf_release(&dir);
			buf_release(&file);
			return -1;
		}
		if (file.len) {
			/* an unwritable cache only costs the next start its speed */
			make_cache_dir(dir.data);
			r->cache_written = reg_cache_write(file.data, r->img, r->len) == 0;
		}
	}
	buf_release(&dir);
	buf_release(&file);
	*out = r;
	return 0;
}

int registry_from_image(struct registry **out, const struct kb *kb, const void *img, size_t len,
                        struct bs_err *e)
{
	*out = NULL;
	struct registry *r = xcalloc(1, sizeof(*r));
	r->heap = malloc(len ? len : 1); /* malloc: 8-byte aligned, as the view needs */
	if (!r->heap) {
		free(r);
		return bs_fail(e, "out of memory");
	}
	memcpy(r->heap, img, len);
	r->img = r->heap;
	r->len = len;
	if (reg_view_load(&r->v, r->img, len, NULL, e) < 0 || attach(r, kb, e) < 0) {
		registry_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void registry_free(struct registry *r)
{
	if (!r)
		return;
	detach(r);
	free(r);
}

static void fill(const struct registry *r, size_t i, struct reg_hit *hit)
{
	const struct reg_fblock *b = &r->v.blk[i];
	const struct reg_forg *o = &r->v.org[b->org];
	hit->prefix = b->prefix;
	hit->bits = b->bits;
	hit->org = r->v.str + o->name;
	hit->kind = b->bits == 24 ? "MA-L" : b->bits == 28 ? "MA-M" : "MA-S";
	hit->source = &r->src[b->src];
	hit->attrib = r->attr[o->attr];
}

/* The view was checked at open: every occupied slot names a block of its own prefix, and each
 * table has an empty slot, so probing ends. */
static int tl_find(const struct reg_view *v, uint64_t key, uint32_t *idx)
{
	size_t s = reg_hash(key, v->tlshift);
	for (;;) {
		uint64_t slot = v->tl[s];
		if (!slot)
			return 0;
		if (slot >> 26 == key) {
			*idx = (uint32_t)(slot & ((1u << 26) - 1));
			return 1;
		}
		s = (s + 1) & v->tlmask;
	}
}

int registry_lookup(const struct registry *r, uint64_t mac, struct reg_hit *hit)
{
	const struct reg_view *v = &r->v;
	mac &= MASK48;
	uint64_t p24 = mac >> 24, want = (p24 | 1u << 24) << 32, slot;
	size_t s = reg_hash(p24, v->t24shift);
	for (;;) {
		slot = v->t24[s];
		if (!slot)
			return 0;
		if ((slot & 0xFFFFFFFF00000000ull) == want)
			break;
		s = (s + 1) & v->t24mask;
	}
	uint32_t idx = (uint32_t)slot & REG_T24_NOBLK;
	if (slot & REG_T24_LONGER) {
		uint32_t j;
		if (tl_find(v, reg_tl_key(mac & ~0xFFFull, 36), &j) ||
		    tl_find(v, reg_tl_key(mac & ~0xFFFFFull, 28), &j))
			idx = j;
	}
	if (idx == REG_T24_NOBLK)
		return 0;
	fill(r, idx, hit);
	return 1;
}

size_t registry_count(const struct registry *r)
{
	return r->v.nblk;
}

void registry_entry(const struct registry *r, size_t i, struct reg_hit *hit)
{
	if (i >= r->v.nblk) {
		memset(hit, 0, sizeof(*hit));
		return;
	}
	fill(r, i, hit);
}

size_t registry_nsources(const struct registry *r)
{
	return r->v.nsrc;
}

const struct reg_source *registry_source(const struct registry *r, size_t i)
{
	return i < r->v.nsrc ? &r->src[i] : NULL;
}

const char *registry_date(const struct registry *r)
{
	return r->date;
}

size_t registry_source_skipped(const struct registry *r, size_t i, const char **first)
{
	if (i >= r->v.nsrc) {
		*first = "";
		return 0;
	}
	*first = r->v.str + r->v.src[i].first_bad;
	return r->v.src[i].skipped;
}

/* ---- MAC address text ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads groups of hex digits separated by sep into a nibble string: Cisco groups of 4 digits,
 * else octets of 2 digits, or of 1 or 2 in a full 6-group address ("0:1b:c5:0:0:1"). The last
 * group of a prefix may be one digit short: "00:11:22:3" is 28 bits. */
static int groups(const char *s, size_t n, char sep, uint64_t *v, unsigned *nibbles)
{
	size_t ng = 1, gi = 0, start = 0;
	for (size_t i = 0; i < n; i++)
		ng += s[i] == sep;
	if (ng > 6)
		return -1;
	const char *dot = memchr(s, '.', n);
	int cisco = sep == '.' && dot && dot - s == 4;
	size_t width = cisco ? 4 : 2;
	if (cisco && ng > 3)
		return -1;
	uint64_t acc = 0;
	unsigned nib = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != sep)
			continue;
		size_t len = i - start;
		int last = gi == ng - 1;
		if (len == 0 || len > width || (!last && len != width && !(ng == 6 && !cisco)))
			return -1;
		unsigned g = 0;
		for (size_t k = start; k < i; k++) {
			int h = hexval(s[k]);
			if (h < 0)
				return -1;
			g = g << 4 | (unsigned)h;
		}
		if (ng == 6 && !cisco) {
			acc = acc << 8 | g; /* an octet, however many digits */
			nib += 2;
		} else {
			acc = acc << (4 * len) | g;
			nib += (unsigned)len;
		}
		gi++;
		start = i + 1;
	}
	*v = acc;
	*nibbles = nib;
	return 0;
}

int mac_parse(const char *s, uint64_t *mac, unsigned *bits)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	const char *slash = memchr(s, '/', n);
	size_t an = slash ? (size_t)(slash - s) : n;
	char sep = 0;
	for (size_t i = 0; i < an; i++) {
		if (hexval(s[i]) >= 0)
			continue;
		if (s[i] != ':' && s[i] != '-' && s[i] != '.')
			return -1;
		if (sep && s[i] != sep)
			return -1;
		sep = s[i];
	}
	uint64_t v = 0;
	unsigned nib = 0;
	if (!sep) {
		if (an < 2 || an > 12)
			return -1;
		for (size_t i = 0; i < an; i++)
			v = v << 4 | (unsigned)hexval(s[i]);
		nib = (unsigned)an;
	} else if (groups(s, an, sep, &v, &nib) < 0) {
		return -1;
	}
	if (nib > 12)
		return -1;
	unsigned given = 4 * nib, b = given;
	if (slash) {
		const char *m = slash + 1;
		size_t mn = n - an - 1;
		if (mn < 1 || mn > 2)
			return -1;
		b = 0;
		for (size_t i = 0; i < mn; i++) {
			if (m[i] < '0' || m[i] > '9')
				return -1;
			b = b * 10 + (unsigned)(m[i] - '0');
		}
		if (b < 1 || b > given)
			return -1;
	}
	v <<= 48 - given;
	if (b < 48)
		v &=
		    ~((1ull << (48 - b)) - 1); /* bits past the mask are wildcards (manuf's rule) */
	*mac = v;
	*bits = b;
	return 0;
}

void mac_format(uint64_t mac, char out[static 18])
{
	static const char hex[] = "0123456789ABCDEF";
	for (int i = 0; i < 6; i++) {
		unsigned o = (unsigned)(mac >> (40 - 8 * i)) & 0xFF;
		out[3 * i] = hex[o >> 4];
		out[3 * i + 1] = hex[o & 15];
		out[3 * i + 2] = i < 5 ? ':' : 0;
	}
}
