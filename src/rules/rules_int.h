/* Private parts of the rule engine shared by load.c, index.c and match.c. */
#ifndef BS_RULES_INT_H
#define BS_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bansweep/rules.h"

/* A memo of recent look-ups for keys whose rules are tried one by one (regex, prefix, OID,
 * MAC): captures and scans repeat the same server strings, sysDescrs, user agents and names many
 * times, and an exact hit skips every regex. Direct-mapped; a collision just replaces. */
#define MEMO_SLOTS 4096
#define MEMO_VAL   96
#define MEMO_HITS  4
#define MEMO_PROD  96

struct memo_entry {
	const void *rs; /* the ruleset the entry was computed with */
	uint64_t h;
	int key;
	unsigned len, n;
	char val[MEMO_VAL];
	const struct rule *rule[MEMO_HITS];
	char prod[MEMO_HITS][MEMO_PROD];
};

struct scratch_impl {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	struct memo_entry *memo; /* MEMO_SLOTS entries, allocated on first use */
};

/* Normalises an OID for comparison: drops a leading '.', turns a leading "iso" into "1".
 * Writes at most cap-1 bytes; returns the length, or -1 when it does not fit or is no OID. */
int oid_norm(const char *s, size_t len, char *out, size_t cap);
/* Length of the host name part of a domain-like value: without a trailing dot and without a
 * ":port" (an HTTP Host header carries one). */
size_t domain_len(const char *v, size_t len);
/* Expands $1..$9 and ${name} of tmpl from the match in md into out. */
void product_expand(const char *tmpl, const pcre2_code *re, pcre2_match_data *md,
                    const char *subject, char *out, size_t cap);
/* Checks that tmpl refers only to groups re has (re NULL: no references allowed). */
int product_check(const char *tmpl, const pcre2_code *re);

#endif
