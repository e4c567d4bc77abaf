/* Matchers: one rule against one value. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/registry.h"
#include "rules/rules_int.h"
#include "util/banned.h"

/* Bounds backtracking so that a hostile value cannot make a regex run for long. */
#define MATCH_LIMIT 200000

void rules_scratch_init(struct rule_scratch *s)
{
	struct scratch_impl *im = xcalloc(1, sizeof(*im));
	im->md = pcre2_match_data_create(32, NULL);
	im->mc = pcre2_match_context_create(NULL);
	if (!im->md || !im->mc)
		abort();
	pcre2_set_match_limit(im->mc, MATCH_LIMIT);
	s->md = im;
}

void rules_scratch_release(struct rule_scratch *s)
{
	struct scratch_impl *im = s->md;
	if (!im)
		return;
	pcre2_match_data_free(im->md);
	pcre2_match_context_free(im->mc);
	free(im->memo);
	free(im);
	s->md = NULL;
}

int oid_norm(const char *s, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	if (len >= 3 && !memcmp(s, "iso", 3)) {
		if (cap < 2)
			return -1;
		out[o++] = '1';
		i = 3;
	} else if (len > 0 && s[0] == '.') {
		i = 1;
	}
	int digit = o > 0;
	for (; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digit = 1;
		else if (c == '.' && digit)
			digit = 0;
		else
			return -1;
		if (o + 1 >= cap)
			return -1;
		out[o++] = c;
	}
	if (!digit)
		return -1;
	out[o] = 0;
	return (int)o;
}

int product_check(const char *t, const pcre2_code *re)
{
	uint32_t groups = 0;
	if (re)
		pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	for (const char *p = t; (p = strchr(p, '$')); p++) {
		if (p[1] >= '1' && p[1] <= '9') {
			if ((uint32_t)(p[1] - '0') > groups)
				return -1;
		} else if (p[1] == '{') {
			const char *end = strchr(p, '}');
			char name[64];
			if (!re || !end || (size_t)(end - p - 2) >= sizeof(name))
				return -1;
			memcpy(name, p + 2, (size_t)(end - p - 2));
			name[end - p - 2] = 0;
			if (pcre2_substring_number_from_name(re, (PCRE2_SPTR)name) < 0)
				return -1;
		}
	}
	return 0;
}

static void put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n && *o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		out[(*o)++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
}

void product_expand(const char *t, const pcre2_code *re, pcre2_match_data *md, const char *subj,
                    char *out, size_t cap)
{
	size_t o = 0;
	for (const char *p = t; *p;) {
		int group = -1;
		const char *next = p + 1;
		if (*p == '$' && re && p[1] >= '1' && p[1] <= '9') {
			group = p[1] - '0';
			next = p + 2;
		} else if (*p == '$' && re && p[1] == '{' && strchr(p, '}')) {
			const char *end = strchr(p, '}');
			char name[64];
			size_t n = (size_t)(end - p - 2);
			if (n < sizeof(name)) {
				memcpy(name, p + 2, n);
				name[n] = 0;
				group = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
			}
			next = end + 1;
		}
		if (group < 0) {
			put(out, cap, &o, p, 1);
			p = next;
			continue;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		uint32_t pairs = pcre2_get_ovector_count(md);
		if ((uint32_t)group < pairs && ov[2 * group] != PCRE2_UNSET)
			put(out, cap, &o, subj + ov[2 * group], ov[2 * group + 1] - ov[2 * group]);
		p = next;
	}
	out[o] = 0;
	/* A template whose groups did not take part may end in blanks. */
	while (o > 0 && out[o - 1] == ' ')
		out[--o] = 0;
}

size_t domain_len(const char *v, size_t len)
{
	size_t i = len;
	while (i > 0 && v[i - 1] >= '0' && v[i - 1] <= '9')
		i--;
	/* "name:8080" but not an IPv6 address, whose other colons would show */
	if (i > 0 && i < len && v[i - 1] == ':' && !memchr(v, ':', i - 1))
		len = i - 1;
	if (len && v[len - 1] == '.')
		len--;
	return len;
}

static int domain_match(const char *pat, size_t plen, const char *v, size_t len)
{
	len = domain_len(v, len);
	if (len < plen || !bs_strncaseeq(v + len - plen, pat, plen))
		return 0;
	return len == plen || v[len - plen - 1] == '.';
}

int rule_matches(const struct rule *r, struct rule_scratch *s, const char *v, size_t len,
                 struct rule_hit *hit)
{
	int ok = 0;
	struct scratch_impl *im = s->md;
	switch (r->kind) {
	case M_EXACT:
		ok = len == r->normlen && bs_strncaseeq(v, r->norm, len);
		break;
	case M_PREFIX:
		ok = len >= r->normlen && bs_strncaseeq(v, r->norm, r->normlen);
		break;
	case M_DOMAIN:
		ok = domain_match(r->norm, r->normlen, v, len);
		break;
	case M_OID: {
		char buf[256];
		int n = oid_norm(v, len, buf, sizeof(buf));
		ok = n >= 0 && (size_t)n >= r->normlen && !memcmp(buf, r->norm, r->normlen) &&
		     ((size_t)n == r->normlen || buf[r->normlen] == '.');
		break;
	}
	case M_MAC: {
		char buf[64];
		uint64_t mac;
		unsigned bits;
		if (len >= sizeof(buf))
			break;
		memcpy(buf, v, len);
		buf[len] = 0;
		if (mac_parse(buf, &mac, &bits) < 0 || bits < r->macbits)
			break;
		unsigned shift = 48 - r->macbits;
		ok = (mac >> shift) == (r->mac >> shift);
		break;
	}
	case M_REGEX: {
		int rc = pcre2_match(r->re, (PCRE2_SPTR)v, len, 0, 0, im->md, im->mc);
		ok = rc >= 0;
		if (ok && hit) {
			hit->rule = r;
			/* The subject may not be NUL-terminated: expand from a bounded copy. */
			char subj[1024];
			size_t n = len < sizeof(subj) - 1 ? len : sizeof(subj) - 1;
			memcpy(subj, v, n);
			subj[n] = 0;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(im->md);
			uint32_t pairs = pcre2_get_ovector_count(im->md);
			for (uint32_t i = 0; i < pairs; i++)
				if (ov[2 * i] != PCRE2_UNSET && ov[2 * i + 1] > n)
					ov[2 * i] = ov[2 * i + 1] = PCRE2_UNSET;
			product_expand(r->product, r->re, im->md, subj, hit->product,
			               sizeof(hit->product));
		}
		return ok;
	}
	}
	if (ok && hit) {
		hit->rule = r;
		bs_strlcpy(hit->product, r->product, sizeof(hit->product));
	}
	return ok;
}
