/* Identification rules (data/rules/NAME.rules, docs/data-format.md): key + matcher -> vendor,
 * product, class, strength. A ruleset indexes rules by key and matcher kind so that one
 * observation costs a hash look-up or two plus the regexes of its key. */
#ifndef BANSWEEP_RULES_H
#define BANSWEEP_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/kb.h"

enum match_kind { M_EXACT, M_PREFIX, M_DOMAIN, M_REGEX, M_OID, M_MAC };

/* Ordered: a stronger signal compares greater. */
/* support: evidence that only backs up other evidence of the same vendor (an open port that
 * vendor's devices use): it never makes a finding on its own. */
enum strength { STR_SUPPORT = 0, STR_REVIEW = 1, STR_WEAK = 2, STR_STRONG = 3 };

struct rule {
	char *id;
	const struct kb_vendor *vendor;
	int *keys;
	size_t nkeys;
	enum match_kind kind;
	char *pattern; /* as written */
	char *norm;    /* lower-cased / normalised pattern for exact, prefix, domain, oid */
	size_t normlen;
	void *re;     /* pcre2_code * for M_REGEX */
	uint64_t mac; /* for M_MAC */
	unsigned macbits;
	enum strength strength;
	char *product; /* may hold $1..$9 / ${name} */
	char *cls;
	const struct kb_class *klass; /* cls resolved at load */
	char *brand;                  /* NULL unless the evidence names the brand shown */
	char *source, *note;
	char **examples, **counters;
	size_t nexamples, ncounters;
	const char *file; /* owned by the ruleset */
	unsigned line;
};

struct ruleset {
	struct rule *rules;
	size_t n;
	char **files;
	size_t nfiles;
	void *index; /* private */
};

/* A matched rule and the product text with captures filled in. */
struct rule_hit {
	const struct rule *rule;
	char product[160];
};

/* Per-thread matching scratch (PCRE2 match data). */
struct rule_scratch {
	void *md;
	char lower[512];
};

/* Loads every *.rules file of dir in name order. The kb must outlive the ruleset. */
int rules_load_dir(struct ruleset *rs, const struct kb *kb, const char *dir, struct bs_err *e);
/* Loads one file (text is copied); may be called several times before rules_index(). */
int rules_load_buf(struct ruleset *rs, const struct kb *kb, const char *file, const char *text,
                   size_t len, struct bs_err *e);
/* Builds the look-up index; rules_load_dir calls it. */
int rules_index(struct ruleset *rs, struct bs_err *e);
void rules_release(struct ruleset *rs);

/* Adds the entries of a hash list file (src/rules/hashlist.c: "SHA256 VENDOR CLASS PRODUCT"
 * lines) as rules on file.sha256, and re-indexes. Errors name the file and line. */
int rules_add_hashlist(struct ruleset *rs, const struct kb *kb, const char *path, struct bs_err *e);
/* The rules text of a hash list (list: a number that keeps rule ids unique across lists). */
struct buf;
int rules_hashlist_text(struct buf *out, const char *name, unsigned list, const char *text,
                        size_t len, struct bs_err *e);

void rules_scratch_init(struct rule_scratch *s);
void rules_scratch_release(struct rule_scratch *s);

/* All rules for key k matching value (len bytes, need not be NUL-terminated), up to max hits.
 * Returns the number of hits written. */
size_t rules_match(const struct ruleset *rs, struct rule_scratch *s, int k, const char *value,
                   size_t len, struct rule_hit *hits, size_t max);
/* Does this one rule match? Fills hit->product when it does. */
int rule_matches(const struct rule *r, struct rule_scratch *s, const char *value, size_t len,
                 struct rule_hit *hit);

const char *match_kind_name(enum match_kind k);
const char *strength_name(enum strength s);

#endif
