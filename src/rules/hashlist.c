/* Hash lists: files of SHA-256 digests of known files (installers, binaries, drivers) that an
 * organisation or a vendor advisory provides, turned into rules on file.sha256 so that a hash
 * found by the host inventory's "files" source becomes evidence like any other observation.
 *
 * Format, one entry a line, blank-separated ('#' starts a comment line):
 *     SHA256  VENDOR  CLASS  PRODUCT...
 * e.g. "9f86d0...0a08  kaspersky  security-software  Kaspersky installer 21.3". The vendor and
 * class are slugs of the knowledge base; the rules loader checks them. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/rules.h"
#include "util/banned.h"

void rules_free_index(struct ruleset *rs);
void rules_truncate(struct ruleset *rs, size_t n);

static int is_hex64(const char *s, size_t n)
{
	if (n != 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return 0;
	return 1;
}

/* The next blank-separated field of [*p, end): its start and length (0 at the end). */
static size_t field(const char **p, const char *end, const char **start)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	*start = *p;
	while (*p < end && **p != ' ' && **p != '\t')
		(*p)++;
	return (size_t)(*p - *start);
}

int rules_hashlist_text(struct buf *out, const char *name, unsigned list, const char *text,
                        size_t len, struct bs_err *e)
{
	const char *p = text, *end = text + len;
	for (unsigned line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (le > p && le[-1] == '\r')
			le--;
		const char *q = p, *h, *v, *c, *prod;
		size_t hn = field(&q, le, &h);
		p = nl ? nl + 1 : end;
		if (!hn || *h == '#')
			continue;
		size_t vn = field(&q, le, &v), cn = field(&q, le, &c);
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		prod = q;
		size_t pn = (size_t)(le - q);
		if (!is_hex64(h, hn))
			return bs_fail(e, "%s:%u: not a SHA-256 digest (64 hex digits)", name,
			               line);
		if (!vn || !cn || !pn)
			return bs_fail(e, "%s:%u: expected SHA256 VENDOR CLASS PRODUCT", name,
			               line);
		if (memchr(prod, 0, pn) || memchr(v, 0, vn) || memchr(c, 0, cn))
			return bs_fail(e, "%s:%u: NUL byte", name, line);
		if (buf_printf(out,
		               "rule %.*s.hashlist%u-line%u\n\tvendor %.*s\n\tkey file.sha256\n"
		               "\tmatch exact %.*s\n\tstrength strong\n\tproduct %.*s\n"
		               "\tclass %.*s\n\texample %.*s\n\tsource hash list %s line %u\n\n",
		               (int)vn, v, list, line, (int)vn, v, (int)hn, h, (int)pn, prod,
		               (int)cn, c, (int)hn, h, name, line) < 0)
			return bs_fail(e, "%s: too large", name);
	}
	return 0;
}

int rules_add_hashlist(struct ruleset *rs, const struct kb *kb, const char *path, struct bs_err *e)
{
	char *text;
	size_t len;
	if (bs_read_file(path, 256u << 20, &text, &len, e) < 0)
		return -1;
	struct buf b;
	buf_init(&b, 1u << 30);
	int rc = rules_hashlist_text(&b, path, (unsigned)rs->nfiles, text, len, e);
	free(text);
	size_t before = rs->n;
	if (rc == 0 && b.len) {
		rc = rules_load_buf(rs, kb, path, b.data, b.len, e);
		/* A list refused halfway leaves the rules as they were; the array may have moved
		 * either way, so the index is built again. */
		if (rc < 0)
			rules_truncate(rs, before);
		struct bs_err ie;
		rules_free_index(rs);
		if (rules_index(rs, &ie) < 0 && rc == 0)
			rc = bs_fail(e, "%s", ie.msg);
	}
	buf_release(&b);
	return rc;
}
