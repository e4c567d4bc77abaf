/* The rule index: exact and domain patterns in one hash table keyed by (kind, key, pattern);
 * the other kinds in per-key lists. Observations of a key no rule names cost one array read. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/keys.h"
#include "rules/rules_int.h"
#include "util/banned.h"

struct slot {
	const char *norm; /* NULL: empty */
	size_t len;
	uint64_t h;
	uint32_t *rules;
	uint32_t n;
	uint16_t key;
	uint8_t kind;
};

struct list {
	uint32_t *v;
	size_t n;
};

struct per_key {
	struct list scan; /* prefix, regex, oid, mac rules: tried one by one */
	int hashed;       /* some exact or domain rule names this key */
};

struct index {
	struct per_key *keys;
	struct slot *slots;
	size_t mask;
	size_t max_exact;
};

static uint64_t slot_hash(uint8_t kind, uint16_t key, const char *s, size_t n)
{
	uint8_t pre[3] = {kind, (uint8_t)(key >> 8), (uint8_t)key};
	uint64_t h = bs_hash(pre, 3);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		h ^= (c >= 'A' && c <= 'Z') ? c + 32u : c;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct slot *find(const struct index *ix, uint8_t kind, uint16_t key, const char *s,
                         size_t n, uint64_t h)
{
	for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
		struct slot *sl = &ix->slots[i];
		if (!sl->norm)
			return sl;
		if (sl->h == h && sl->kind == kind && sl->key == key && sl->len == n &&
		    bs_strncaseeq(sl->norm, s, n))
			return sl;
	}
}

static void list_add(struct list *l, uint32_t v)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = v;
}

int rules_index(struct ruleset *rs, struct bs_err *e)
{
	(void)e;
	struct index *ix = xcalloc(1, sizeof(*ix));
	ix->keys = xcalloc((size_t)key_count(), sizeof(*ix->keys));
	size_t hashed = 0;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->rules[i].kind == M_EXACT || rs->rules[i].kind == M_DOMAIN)
			hashed += rs->rules[i].nkeys;
	size_t cap = 16;
	while (cap < hashed * 2 + 2)
		cap *= 2;
	ix->slots = xcalloc(cap, sizeof(*ix->slots));
	ix->mask = cap - 1;
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->nkeys; k++) {
			int key = r->keys[k];
			if (r->kind != M_EXACT && r->kind != M_DOMAIN) {
				list_add(&ix->keys[key].scan, (uint32_t)i);
				continue;
			}
			ix->keys[key].hashed = 1;
			if (r->kind == M_EXACT && r->normlen > ix->max_exact)
				ix->max_exact = r->normlen;
			uint64_t h =
			    slot_hash((uint8_t)r->kind, (uint16_t)key, r->norm, r->normlen);
			struct slot *sl =
			    find(ix, (uint8_t)r->kind, (uint16_t)key, r->norm, r->normlen, h);
			if (!sl->norm) {
				sl->norm = r->norm;
				sl->len = r->normlen;
				sl->h = h;
				sl->kind = (uint8_t)r->kind;
				sl->key = (uint16_t)key;
			}
			sl->rules = xrealloc(sl->rules, (sl->n + 1) * sizeof(uint32_t));
			sl->rules[sl->n++] = (uint32_t)i;
		}
	}
	rs->index = ix;
	return 0;
}

void rules_free_index(struct ruleset *rs);
void rules_free_index(struct ruleset *rs)
{
	struct index *ix = rs->index;
	if (!ix)
		return;
	for (size_t i = 0; i <= ix->mask; i++)
		free(ix->slots[i].rules);
	for (int k = 0; k < key_count(); k++)
		free(ix->keys[k].scan.v);
	free(ix->slots);
	free(ix->keys);
	free(ix);
	rs->index = NULL;
}

static size_t add_slot(const struct ruleset *rs, struct rule_scratch *s, const struct slot *sl,
                       const char *v, size_t len, struct rule_hit *hits, size_t n, size_t max)
{
	for (uint32_t i = 0; sl->norm && i < sl->n && n < max; i++)
		if (rule_matches(&rs->rules[sl->rules[i]], s, v, len, &hits[n]))
			n++;
	return n;
}

static size_t match_all(const struct ruleset *rs, struct rule_scratch *s, int k, const char *v,
                        size_t len, struct rule_hit *hits, size_t max);

size_t rules_match(const struct ruleset *rs, struct rule_scratch *s, int k, const char *v,
                   size_t len, struct rule_hit *hits, size_t max)
{
	const struct index *ix = rs->index;
	if (!ix || k < 0 || k >= key_count())
		return 0;
	if (ix->keys[k].scan.n == 0 || len >= MEMO_VAL || max < MEMO_HITS)
		return match_all(rs, s, k, v, len, hits, max);
	struct scratch_impl *im = s->md;
	if (!im->memo)
		im->memo = xcalloc(MEMO_SLOTS, sizeof(*im->memo));
	uint64_t h = bs_hash(v, len) ^ ((uint64_t)k * 0x9E3779B97F4A7C15ULL);
	struct memo_entry *m = &im->memo[h & (MEMO_SLOTS - 1)];
	if (m->rs == rs && m->h == h && m->key == k && m->len == len && !memcmp(m->val, v, len)) {
		for (unsigned i = 0; i < m->n; i++) {
			hits[i].rule = m->rule[i];
			bs_strlcpy(hits[i].product, m->prod[i], sizeof(hits[i].product));
		}
		return m->n;
	}
	size_t n = match_all(rs, s, k, v, len, hits, max);
	int fits = n <= MEMO_HITS;
	for (size_t i = 0; fits && i < n; i++)
		fits = strlen(hits[i].product) < MEMO_PROD;
	if (!fits) {
		m->rs = NULL;
		return n;
	}
	m->rs = rs;
	m->h = h;
	m->key = k;
	m->len = (unsigned)len;
	m->n = (unsigned)n;
	memcpy(m->val, v, len);
	for (size_t i = 0; i < n; i++) {
		m->rule[i] = hits[i].rule;
		bs_strlcpy(m->prod[i], hits[i].product, MEMO_PROD);
	}
	return n;
}

static size_t match_all(const struct ruleset *rs, struct rule_scratch *s, int k, const char *v,
                        size_t len, struct rule_hit *hits, size_t max)
{
	const struct index *ix = rs->index;
	if (!ix || k < 0 || k >= key_count())
		return 0;
	const struct per_key *pk = &ix->keys[k];
	size_t n = 0;
	if (pk->hashed) {
		if (len <= ix->max_exact) {
			uint64_t h = slot_hash(M_EXACT, (uint16_t)k, v, len);
			n = add_slot(rs, s, find(ix, M_EXACT, (uint16_t)k, v, len, h), v, len, hits,
			             n, max);
		}
		/* Domain: look up the value and each suffix that starts after a dot. */
		size_t dl = domain_len(v, len);
		for (size_t p = 0; p < dl && dl - p <= 253; p++) {
			if (p > 0 && v[p - 1] != '.')
				continue;
			uint64_t h = slot_hash(M_DOMAIN, (uint16_t)k, v + p, dl - p);
			const struct slot *sl = find(ix, M_DOMAIN, (uint16_t)k, v + p, dl - p, h);
			n = add_slot(rs, s, sl, v, len, hits, n, max);
		}
	}
	for (size_t i = 0; i < pk->scan.n && n < max; i++)
		if (rule_matches(&rs->rules[pk->scan.v[i]], s, v, len, &hits[n]))
			n++;
	return n;
}
