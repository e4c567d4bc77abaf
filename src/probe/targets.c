#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "bansweep/buf.h"
#include "bansweep/capture.h"
#include "bansweep/targets.h"
#include "util/banned.h"

/* 128-bit unsigned arithmetic on (hi, lo) pairs. */
static int u128_cmp(uint64_t ah, uint64_t al, uint64_t bh, uint64_t bl)
{
	if (ah != bh)
		return ah < bh ? -1 : 1;
	return al < bl ? -1 : al > bl;
}

static void u128_inc(uint64_t *h, uint64_t *l)
{
	if (++*l == 0)
		++*h;
}

static void u128_dec(uint64_t *h, uint64_t *l)
{
	if ((*l)-- == 0)
		--*h;
}

static void to_u128(const struct addr *a, uint64_t *h, uint64_t *l)
{
	*h = *l = 0;
	if (a->fam == 4) {
		*l = (uint64_t)a->b[0] << 24 | (uint64_t)a->b[1] << 16 | (uint64_t)a->b[2] << 8 |
		     a->b[3];
		return;
	}
	for (int i = 0; i < 8; i++) {
		*h = *h << 8 | a->b[i];
		*l = *l << 8 | a->b[8 + i];
	}
}

static void from_u128(uint8_t fam, uint64_t h, uint64_t l, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	a->fam = fam;
	if (fam == 4) {
		for (int i = 0; i < 4; i++)
			a->b[i] = (uint8_t)(l >> (24 - 8 * i));
		return;
	}
	for (int i = 0; i < 8; i++) {
		a->b[i] = (uint8_t)(h >> (56 - 8 * i));
		a->b[8 + i] = (uint8_t)(l >> (56 - 8 * i));
	}
}

int addr_parse(const char *s, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->b) == 1) {
		a->fam = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->b) == 1) {
		a->fam = 6;
		return 0;
	}
	return -1;
}

void targets_init(struct targets *t)
{
	memset(t, 0, sizeof(*t));
}

void targets_release(struct targets *t)
{
	free(t->r);
	free(t->ex);
	memset(t, 0, sizeof(*t));
}

static void push(struct trange **v, size_t *n, const struct trange *r)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *r;
}

static void range_of(const struct addr *a, const struct addr *b, struct trange *r)
{
	r->fam = a->fam;
	to_u128(a, &r->hi, &r->lo);
	to_u128(b, &r->hi2, &r->lo2);
}

/* "A/len": the block holding A. */
static int parse_cidr(const char *s, struct trange *r, struct bs_err *e, const char *spec)
{
	char host[128];
	const char *slash = strchr(s, '/');
	size_t hl = (size_t)(slash - s);
	if (hl >= sizeof(host))
		return bs_fail(e, "'%s': not an address", spec);
	memcpy(host, s, hl);
	host[hl] = 0;
	struct addr a;
	uint64_t bits;
	if (addr_parse(host, &a) < 0)
		return bs_fail(e, "'%s': '%s' is not an IP address", spec, host);
	unsigned max = a.fam == 4 ? 32 : 128;
	if (bs_parse_u64(slash + 1, max, &bits) < 0)
		return bs_fail(e, "'%s': prefix length must be 0 to %u", spec, max);
	uint64_t h, l;
	to_u128(&a, &h, &l);
	unsigned hostbits = max - (unsigned)bits;
	/* A mask of the low hostbits bits of the 128-bit (or 32-bit) number. */
	uint64_t mh = 0, ml = 0;
	if (hostbits >= 64) {
		ml = ~0ULL;
		mh = hostbits >= 128 ? ~0ULL : (1ULL << (hostbits - 64)) - 1;
	} else if (hostbits > 0) {
		ml = (1ULL << hostbits) - 1;
	}
	r->fam = a.fam;
	r->hi = h & ~mh;
	r->lo = l & ~ml;
	r->hi2 = r->hi | mh;
	r->lo2 = r->lo | ml;
	return 0;
}

/* "A-B" with B an address, or (IPv4) the last octet, or (IPv6) the last group. */
static int parse_range(const char *s, struct trange *r, struct bs_err *e, const char *spec)
{
	char first[128], last[128];
	const char *dash = strrchr(s, '-');
	size_t fl = (size_t)(dash - s);
	if (fl >= sizeof(first) || strlen(dash + 1) >= sizeof(last))
		return bs_fail(e, "'%s': not a range", spec);
	memcpy(first, s, fl);
	first[fl] = 0;
	bs_strlcpy(last, dash + 1, sizeof(last));
	struct addr a, b;
	if (addr_parse(first, &a) < 0)
		return bs_fail(e, "'%s': '%s' is not an IP address", spec, first);
	if (addr_parse(last, &b) < 0) {
		/* the short form: replace the last part of the first address */
		char full[160];
		if (a.fam == 4) {
			const char *dot = strrchr(first, '.');
			snprintf(full, sizeof(full), "%.*s.%s", (int)(dot - first), first, last);
		} else {
			const char *colon = strrchr(first, ':');
			snprintf(full, sizeof(full), "%.*s:%s", (int)(colon - first), first, last);
		}
		if (addr_parse(full, &b) < 0 || b.fam != a.fam)
			return bs_fail(e, "'%s': '%s' is not the end of a range", spec, last);
	}
	if (b.fam != a.fam)
		return bs_fail(e, "'%s': the ends are of different address families", spec);
	range_of(&a, &b, r);
	if (u128_cmp(r->hi, r->lo, r->hi2, r->lo2) > 0)
		return bs_fail(e, "'%s': the range ends before it starts", spec);
	return 0;
}

static int parse_one(const char *spec, int exclude, int resolve, struct targets *t,
                     struct bs_err *e)
{
	struct trange r;
	struct trange **v = exclude ? &t->ex : &t->r;
	size_t *n = exclude ? &t->nex : &t->n;
	t->merged = 0;
	if (!*spec)
		return bs_fail(e, "empty target");
	if (strchr(spec, '/')) {
		if (parse_cidr(spec, &r, e, spec) < 0)
			return -1;
		push(v, n, &r);
		return 0;
	}
	struct addr a;
	if (addr_parse(spec, &a) == 0) {
		range_of(&a, &a, &r);
		push(v, n, &r);
		return 0;
	}
	/* A range has a dash after something that parses as an address; host names may have
	 * dashes too, so try the range first and fall back to a name. */
	const char *dash = strrchr(spec, '-');
	if (dash) {
		char head[128];
		size_t hl = (size_t)(dash - spec);
		if (hl < sizeof(head)) {
			memcpy(head, spec, hl);
			head[hl] = 0;
			if (addr_parse(head, &a) == 0) {
				if (parse_range(spec, &r, e, spec) < 0)
					return -1;
				push(v, n, &r);
				return 0;
			}
		}
	}
	if (!resolve)
		return bs_fail(e, "'%s': not an address, range or block", spec);
	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(spec, NULL, &hints, &res);
	if (rc != 0)
		return bs_fail(e, "'%s': not an address, range, block or known host name (%s)",
		               spec, gai_strerror(rc));
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		memset(&a, 0, sizeof(a));
		if (ai->ai_family == AF_INET) {
			a.fam = 4;
			memcpy(a.b, &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr, 4);
		} else if (ai->ai_family == AF_INET6) {
			a.fam = 6;
			memcpy(a.b, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr, 16);
		} else {
			continue;
		}
		range_of(&a, &a, &r);
		push(v, n, &r);
	}
	freeaddrinfo(res);
	return 0;
}

int targets_add(struct targets *t, const char *spec, struct bs_err *e)
{
	return parse_one(spec, 0, 1, t, e);
}

int targets_exclude(struct targets *t, const char *spec, struct bs_err *e)
{
	return parse_one(spec, 1, 1, t, e);
}

int targets_add_text(struct targets *t, const char *name, const char *text, size_t len, int resolve,
                     struct bs_err *e)
{
	unsigned no = 0;
	size_t pos = 0;
	char word[256];
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		no++;
		for (size_t i = pos; i < end;) {
			char ch = text[i];
			if (ch == '#')
				break; /* a comment to the end of the line */
			if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',') {
				i++;
				continue;
			}
			size_t k = 0;
			while (i < end && k + 1 < sizeof(word) && !strchr(" \t\r,#", text[i]))
				word[k++] = text[i++];
			word[k] = 0;
			if (i < end && !strchr(" \t\r,#", text[i]))
				return bs_fail(e, "%s:%u: a target longer than %zu bytes", name, no,
				               sizeof(word) - 1);
			struct bs_err inner;
			if (parse_one(word, 0, resolve, t, &inner) < 0)
				return bs_fail(e, "%s:%u: %s", name, no, inner.msg);
		}
		pos = end + 1;
	}
	return 0;
}

int targets_add_file(struct targets *t, const char *path, struct bs_err *e)
{
	char *text;
	size_t len;
	if (bs_read_file(path, 64u << 20, &text, &len, e) < 0)
		return -1;
	int rc = targets_add_text(t, path, text, len, 1, e);
	free(text);
	return rc;
}

static int range_cmp(const void *a, const void *b)
{
	const struct trange *x = a, *y = b;
	if (x->fam != y->fam)
		return x->fam - y->fam;
	return u128_cmp(x->hi, x->lo, y->hi, y->lo);
}

/* Sorts and merges overlapping or adjacent ranges of one list. */
static void merge(struct trange *v, size_t *n)
{
	if (*n == 0)
		return;
	qsort(v, *n, sizeof(*v), range_cmp);
	size_t o = 0;
	for (size_t i = 1; i < *n; i++) {
		struct trange *cur = &v[o];
		uint64_t nh = cur->hi2, nl = cur->lo2;
		u128_inc(&nh, &nl);
		int touches = v[i].fam == cur->fam &&
		              (u128_cmp(v[i].hi, v[i].lo, nh, nl) <= 0 || (nh == 0 && nl == 0));
		if (touches) {
			if (u128_cmp(v[i].hi2, v[i].lo2, cur->hi2, cur->lo2) > 0) {
				cur->hi2 = v[i].hi2;
				cur->lo2 = v[i].lo2;
			}
		} else {
			v[++o] = v[i];
		}
	}
	*n = o + 1;
}

/* Removes the excluded ranges from the (merged) target ranges. */
static void subtract(struct targets *t)
{
	for (size_t x = 0; x < t->nex; x++) {
		const struct trange *ex = &t->ex[x];
		struct trange *out = NULL;
		size_t nout = 0;
		for (size_t i = 0; i < t->n; i++) {
			struct trange r = t->r[i];
			if (r.fam != ex->fam || u128_cmp(ex->hi2, ex->lo2, r.hi, r.lo) < 0 ||
			    u128_cmp(ex->hi, ex->lo, r.hi2, r.lo2) > 0) {
				push(&out, &nout, &r);
				continue;
			}
			if (u128_cmp(ex->hi, ex->lo, r.hi, r.lo) > 0) {
				struct trange left = r;
				left.hi2 = ex->hi;
				left.lo2 = ex->lo;
				u128_dec(&left.hi2, &left.lo2);
				push(&out, &nout, &left);
			}
			if (u128_cmp(ex->hi2, ex->lo2, r.hi2, r.lo2) < 0) {
				struct trange right = r;
				right.hi = ex->hi2;
				right.lo = ex->lo2;
				u128_inc(&right.hi, &right.lo);
				push(&out, &nout, &right);
			}
		}
		free(t->r);
		t->r = out;
		t->n = nout;
	}
}

void targets_finish(struct targets *t)
{
	if (t->merged)
		return;
	merge(t->r, &t->n);
	merge(t->ex, &t->nex);
	subtract(t);
	t->merged = 1;
}

int targets_count(struct targets *t, uint64_t *count, struct bs_err *e)
{
	targets_finish(t);
	uint64_t total = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct trange *r = &t->r[i];
		uint64_t dh = r->hi2 - r->hi - (r->lo2 < r->lo), dl = r->lo2 - r->lo;
		if (dh || dl >= TARGETS_MAX || total + dl + 1 > TARGETS_MAX)
			return bs_fail(e, "more than %u addresses to scan: narrow the targets",
			               TARGETS_MAX);
		total += dl + 1;
	}
	*count = total;
	return 0;
}

void targets_each_range(struct targets *t, void (*fn)(void *ctx, const char *spec), void *ctx)
{
	targets_finish(t);
	for (size_t i = 0; i < t->n; i++) {
		struct addr first, last;
		char a1[64], a2[64], spec[130];
		from_u128(t->r[i].fam, t->r[i].hi, t->r[i].lo, &first);
		from_u128(t->r[i].fam, t->r[i].hi2, t->r[i].lo2, &last);
		addr_format(&first, a1, sizeof(a1));
		addr_format(&last, a2, sizeof(a2));
		snprintf(spec, sizeof(spec), "%s%s%s", a1, strcmp(a1, a2) ? "-" : "",
		         strcmp(a1, a2) ? a2 : "");
		fn(ctx, spec);
	}
}

void targets_cursor(struct targets *t, struct tcursor *c)
{
	targets_finish(t);
	memset(c, 0, sizeof(*c));
	if (t->n) {
		c->h = t->r[0].hi;
		c->l = t->r[0].lo;
	}
}

int targets_next(const struct targets *t, struct tcursor *c, struct addr *a)
{
	if (c->i >= t->n)
		return 0;
	const struct trange *r = &t->r[c->i];
	from_u128(r->fam, c->h, c->l, a);
	if (c->h == r->hi2 && c->l == r->lo2) {
		if (++c->i < t->n) {
			c->h = t->r[c->i].hi;
			c->l = t->r[c->i].lo;
		}
	} else {
		u128_inc(&c->h, &c->l);
	}
	return 1;
}

int targets_each(struct targets *t, int (*fn)(void *ctx, const struct addr *a), void *ctx)
{
	targets_finish(t);
	for (size_t i = 0; i < t->n; i++) {
		const struct trange *r = &t->r[i];
		uint64_t h = r->hi, l = r->lo;
		for (;;) {
			struct addr a;
			from_u128(r->fam, h, l, &a);
			int rc = fn(ctx, &a);
			if (rc)
				return rc;
			if (h == r->hi2 && l == r->lo2)
				break;
			u128_inc(&h, &l);
		}
	}
	return 0;
}

int targets_contains(struct targets *t, const struct addr *a)
{
	targets_finish(t);
	uint64_t h, l;
	to_u128(a, &h, &l);
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct trange *r = &t->r[mid];
		if (r->fam < a->fam || (r->fam == a->fam && u128_cmp(r->hi2, r->lo2, h, l) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->n)
		return 0;
	const struct trange *r = &t->r[lo];
	return r->fam == a->fam && u128_cmp(r->hi, r->lo, h, l) <= 0;
}

int addr_is_private(const struct addr *a)
{
	const uint8_t *b = a->b;
	if (a->fam == 4)
		return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
		       (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) ||
		       (b[0] == 100 && (b[1] & 0xc0) == 64);
	if (a->fam == 6) {
		static const uint8_t loop[16] = {[15] = 1};
		return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
		       !memcmp(b, loop, 16);
	}
	return 0;
}

int targets_check_private(struct targets *t, struct bs_err *e)
{
	targets_finish(t);
	for (size_t i = 0; i < t->n; i++) {
		const struct trange *r = &t->r[i];
		struct addr first, last;
		from_u128(r->fam, r->hi, r->lo, &first);
		from_u128(r->fam, r->hi2, r->lo2, &last);
		/* Private blocks are aligned and large: a range inside one has both ends in it,
		 * except when it spans two, which the loop below catches end by end. */
		int ok = addr_is_private(&first) && addr_is_private(&last);
		if (ok && r->fam == 4) {
			/* both ends private but, e.g., 10.255.255.255-11.0.0.1 crosses out of 10/8
			 */
			ok = first.b[0] == last.b[0] &&
			     (first.b[0] != 172 || (first.b[1] & 0xf0) == (last.b[1] & 0xf0)) &&
			     (first.b[0] != 100 || (first.b[1] & 0xc0) == (last.b[1] & 0xc0)) &&
			     (first.b[0] != 192 || last.b[1] == 168) &&
			     (first.b[0] != 169 || last.b[1] == 254);
		}
		if (ok && r->fam == 6)
			ok = first.b[0] == last.b[0];
		if (!ok) {
			char a1[64], a2[64];
			addr_format(&first, a1, sizeof(a1));
			addr_format(&last, a2, sizeof(a2));
			return bs_fail(
			    e,
			    "%s%s%s is outside private and local ranges: give --allow-public "
			    "to scan it",
			    a1, strcmp(a1, a2) ? " - " : "", strcmp(a1, a2) ? a2 : "");
		}
	}
	return 0;
}
