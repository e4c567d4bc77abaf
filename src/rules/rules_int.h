/* Private parts of the rule engine shared by load.c, index.c and match.c. */
#ifndef BS_RULES_INT_H
#define BS_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bansweep/rules.h"

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
