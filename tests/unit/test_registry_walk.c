/* Walks every block of the INSTALLED MAC registries with the real knowledge base, and checks the
 * attribution rule of KNOWLEDGE.md section 3 (exact organisation names, never substrings):
 *
 *   - a block whose organisation contains a covered name (huawei, zte, hikvision, ...) is
 *     attributed to the right vendor, or is listed as a look-alike (a `relation unrelated` brand
 *     whose ieee names hold it);
 *   - a block is attributed only when its organisation is, exactly (case and blanks aside), an
 *     ieee name of the vendor or relative it is attributed to; relatives whose names do not hold
 *     the vendor's (Hikrobot, Microimage, Amcrest, ...) are attributed only through such a line;
 *   - the look-alikes KNOWLEDGE.md names are not attributed, and its example blocks are.
 *
 * Every gap is listed before the test fails, so that data/vendors.txt can be completed at once.
 * Blocks attributed per vendor are printed. */
#include "unit/cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/kb.h"
#include "bansweep/registry.h"
#include "core/kb_util.h"
#include "util/banned.h"

static const struct {
	const char *word;
	const char *vendor;
} covered[] = {
    {"huawei", "huawei"},       {"honor", "huawei"},
    {"hisilicon", "huawei"},    {"zte", "zte"},
    {"nubia", "zte"},           {"hikvision", "hikvision"},
    {"ezviz", "hikvision"},     {"dahua", "dahua"},
    {"huacheng", "dahua"},      {"lorex", "dahua"},
    {"imou", "dahua"},          {"hytera", "hytera"},
    {"sepura", "hytera"},       {"teltronic", "hytera"},
    {"norsat", "hytera"},       {"dji", "dji"},
    {"livox", "dji"},           {"autel", "autel"},
    {"kaspersky", "kaspersky"},
};
#define NCOVERED (sizeof(covered) / sizeof(*covered))

static struct kb kb;
static struct registry *reg;

static int setup(void **state)
{
	(void)state;
	struct bs_err e;
	if (kb_load(&kb, BS_DATADIR_SOURCE, &e) < 0) {
		fprintf(stderr, "kb: %s\n", e.msg);
		return -1;
	}
	if (registry_open(&reg, &kb, NULL, &e) < 0) {
		fprintf(stderr, "registry: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_free(reg);
	kb_release(&kb);
	return 0;
}

static int listed(const struct strv *sv, const char *norm)
{
	for (size_t i = 0; i < sv->n; i++) {
		char *n = org_norm(sv->v[i]);
		int eq = strcmp(n, norm) == 0;
		free(n);
		if (eq)
			return 1;
	}
	return 0;
}

static int is_lookalike(const char *norm)
{
	for (size_t i = 0; i < kb.nbrands; i++)
		if (kb.brands[i].relation == REL_UNRELATED && listed(&kb.brands[i].ieee, norm))
			return 1;
	return 0;
}

/* Is the name an ieee line of the record the attribution names? */
static int attributed_exactly(const struct kb_attrib *a, const char *norm)
{
	if (a->brand)
		return a->brand->relation != REL_UNRELATED && listed(&a->brand->ieee, norm);
	return listed(&a->vendor->ieee, norm);
}

/* Appends a gap line unless that organisation was reported already. */
static void gap(struct buf *out, struct buf *seen, const char *why, const char *org,
                const struct reg_hit *h)
{
	struct buf key;
	buf_init(&key, 0);
	buf_printf(&key, "\n%s\n", org);
	int dup = seen->len && strstr(seen->data, key.data);
	if (!dup) {
		buf_add(seen, key.data, key.len);
		char m[18];
		mac_format(h->prefix, m);
		buf_printf(out, "  %s/%u %s: '%s' %s\n", m, h->bits, h->source->kind, org, why);
	}
	buf_release(&key);
}

/* Checks every block of r; prints counts; returns the gaps found (malloc'd, "" when none). */
static char *walk(const struct registry *r)
{
	struct buf gaps, seen, extra;
	buf_init(&gaps, 0);
	buf_init(&seen, 0);
	buf_init(&extra, 0);
	size_t per_vendor[64][4] = {{0}}, lookalike = 0, candidates = 0;
	size_t n = registry_count(r);
	for (size_t i = 0; i < n; i++) {
		struct reg_hit h;
		registry_entry(r, i, &h);
		char *norm = org_norm(h.org);
		const char *want[NCOVERED];
		size_t nwant = 0;
		for (size_t k = 0; k < NCOVERED; k++)
			if (strstr(norm, covered[k].word))
				want[nwant++] = covered[k].vendor;
		candidates += nwant > 0;
		if (h.attrib.role != ROLE_NONE) {
			assert_non_null(h.attrib.vendor);
			size_t v = (size_t)(h.attrib.vendor - kb.vendors);
			assert_true(v < kb.nvendors && v < 64);
			per_vendor[v][h.attrib.role]++;
			if (!attributed_exactly(&h.attrib, norm))
				gap(&gaps, &seen, "attributed without an exact ieee line", h.org,
				    &h);
			int right = nwant == 0;
			for (size_t k = 0; k < nwant; k++)
				right |= strcmp(want[k], h.attrib.vendor->slug) == 0;
			if (!right)
				gap(&gaps, &seen, "attributed to the wrong vendor", h.org, &h);
			if (nwant == 0)
				gap(&extra, &seen, "(no covered name in it; listed in the kb)",
				    h.org, &h);
		} else if (nwant) {
			if (is_lookalike(norm))
				lookalike++;
			else
				gap(&gaps, &seen,
				    "holds a covered name but is neither attributed nor a "
				    "look-alike",
				    h.org, &h);
		}
		free(norm);
	}

	printf("registry: %zu blocks, dated %s\n", n, registry_date(r));
	for (size_t i = 0; i < registry_nsources(r); i++) {
		const struct reg_source *s = registry_source(r, i);
		printf("  %-34s %-8s %s %6zu blocks\n", s->path, s->kind, s->date, s->blocks);
	}
	printf("blocks attributed per vendor (maker / brand / review):\n");
	for (size_t v = 0; v < kb.nvendors && v < 64; v++) {
		size_t t = per_vendor[v][ROLE_MAKER] + per_vendor[v][ROLE_BRAND] +
		           per_vendor[v][ROLE_REVIEW];
		if (t)
			printf("  %-12s %5zu  (%zu / %zu / %zu)\n", kb.vendors[v].slug, t,
			       per_vendor[v][ROLE_MAKER], per_vendor[v][ROLE_BRAND],
			       per_vendor[v][ROLE_REVIEW]);
	}
	printf("blocks naming a covered word: %zu; of them look-alikes: %zu\n", candidates,
	       lookalike);
	if (extra.len)
		printf("attributed through names that hold no covered word:\n%s", extra.data);
	if (gaps.len)
		printf("GAPS:\n%s", gaps.data);
	char *out = xstrdup(gaps.len ? gaps.data : "");
	buf_release(&gaps);
	buf_release(&seen);
	buf_release(&extra);
	return out;
}

/* The merged registries, then each installed source alone: a block's name is the winning
 * source's spelling, and a system without Wireshark's manuf reads ieee-data's or arp-scan's. */
static void test_walk(void **state)
{
	(void)state;
	assert_true(registry_count(reg) > 30000);
	char *g = walk(reg);
	int bad = *g != 0;
	free(g);
	for (size_t i = 0; i < registry_nsources(reg); i++) {
		const char *paths[] = {registry_source(reg, i)->path, NULL};
		struct reg_options o = {paths, ""};
		struct registry *one;
		struct bs_err e;
		if (registry_open(&one, &kb, &o, &e) < 0)
			fail_msg("%s", e.msg);
		g = walk(one);
		bad |= *g != 0;
		free(g);
		registry_free(one);
	}
	if (bad)
		fail_msg("the registry walk found gaps in data/vendors.txt (listed above)");
}

/* Finds a block by its organisation name (case-insensitive). */
static int find_org(const char *org, struct reg_hit *out)
{
	for (size_t i = 0; i < registry_count(reg); i++) {
		registry_entry(reg, i, out);
		if (bs_strcaseeq(out->org, org))
			return 1;
	}
	return 0;
}

static void test_lookalikes(void **state)
{
	(void)state;
	static const char *const names[] = {"Shanghai Dahua Scale Factory", "Teltronics, Inc.",
	                                    "Avedis Zildjian Company", "ZTEC Instruments, Inc."};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct reg_hit h;
		if (!find_org(names[i], &h))
			fail_msg("'%s' is not in the installed registries", names[i]);
		if (h.attrib.role != ROLE_NONE)
			fail_msg("look-alike '%s' attributed to %s", names[i],
			         h.attrib.vendor ? h.attrib.vendor->slug : "?");
		struct kb_attrib a = kb_attribute_org(&kb, names[i]);
		assert_int_equal(a.role, ROLE_NONE);
	}
}

static void test_known_blocks(void **state)
{
	(void)state;
	static const struct {
		const char *prefix, *vendor;
	} known[] = {{"60:60:1F", "dji"},
	             {"34:D2:62", "dji"},
	             {"48:1C:B9", "dji"},
	             {"4C:BD:8F", "hikvision"},
	             {"BC:AD:28", "hikvision"}};
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++) {
		uint64_t m;
		unsigned bits;
		assert_int_equal(mac_parse(known[i].prefix, &m, &bits), 0);
		struct reg_hit h;
		if (!registry_lookup(reg, m | 0x123456, &h))
			fail_msg("%s is not in the installed registries", known[i].prefix);
		assert_int_equal(h.bits, 24);
		if (h.attrib.role != ROLE_MAKER || strcmp(h.attrib.vendor->slug, known[i].vendor))
			fail_msg("%s (%s) is not attributed to %s", known[i].prefix, h.org,
			         known[i].vendor);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_walk),
	    cmocka_unit_test(test_lookalikes),
	    cmocka_unit_test(test_known_blocks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
