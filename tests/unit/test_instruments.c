/* The instruments and profiles of data/ against the public record (shared/KNOWLEDGE.md section 1):
 * for every instrument its issue date, each milestone's date and label, its effect, status, the
 * vendors it covers with their classes and qualified flags; for every profile its instruments.
 * The expectations are written out here, not read from the data, so that an edit of a date or an
 * effect in data/instruments.txt has to be made twice, on purpose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bansweep/date.h"
#include "bansweep/kb.h"

#define MAX_MS   6
#define MAX_COV  6
#define MAX_PROF 10

struct exp_ms {
	const char *date;
	const char *label;
	int rel; /* +days from issued, or -1 for an absolute date */
};

struct exp_cov {
	const char *vendor;
	const char *classes; /* comma list as written, "*" for every class */
	int qualified;
};

struct exp_in {
	const char *id;
	const char *jurisdiction;
	const char *issued;
	enum kb_effect effect;
	const char *status;
	int category; /* a category entry? */
	struct exp_ms ms[MAX_MS];
	struct exp_cov cov[MAX_COV];
};

#define ALL "*"
#define Q   1

/* Milestones in date order (the loader sorts them). */
/* clang-format off */
static const struct exp_in instruments[] = {
	{"us-dhs-bod-17-01", "us", "2017-09-13", EFF_REMOVE, "verified", 0,
	 {{"2017-10-13", "identify", 30}, {"2017-11-12", "plan", 60}, {"2017-12-12", "remove", 90}},
	 {{"kaspersky", ALL, 0}}},
	{"us-ndaa18-1634", "us", "2017-12-12", EFF_NO_USE, "verified", 0,
	 {{"2018-07-16", "far-interim", -1}, {"2018-10-01", "in-force", -1},
	  {"2019-09-10", "far-final", -1}},
	 {{"kaspersky", ALL, 0}}},
	{"us-bis-kaspersky-2024", "us", "2024-06-20", EFF_NO_PROCUREMENT, "verified", 0,
	 {{"2024-06-20", "announced", -1}, {"2024-07-20", "no-sales", -1},
	  {"2024-09-29", "no-updates", -1}},
	 {{"kaspersky", "software", 0}}},
	{"us-ndaa19-889a", "us", "2018-08-13", EFF_NO_PROCUREMENT, "verified", 0,
	 {{"2019-08-13", "effective", -1}},
	 {{"huawei", "telecom,video", 0},
	  {"zte", "telecom,video", 0},
	  {"hytera", "telecom,video", Q},
	  {"hikvision", "telecom,video", Q},
	  {"dahua", "telecom,video", Q}}},
	{"us-ndaa19-889b", "us", "2018-08-13", EFF_NO_USE, "verified", 0,
	 {{"2020-08-13", "effective", -1}, {"2020-10-26", "representation", -1}},
	 {{"huawei", "telecom,video", 0},
	  {"zte", "telecom,video", 0},
	  {"hytera", "telecom,video", Q},
	  {"hikvision", "telecom,video", Q},
	  {"dahua", "telecom,video", Q}}},
	{"us-fcc-covered-2021", "us", "2021-03-12", EFF_NO_AUTHORISATION, "verified", 0,
	 {{"2021-03-12", "listed", -1}, {"2023-02-06", "no-authorisation", -1}},
	 {{"huawei", "telecom,video", 0},
	  {"zte", "telecom,video", 0},
	  {"hytera", "telecom,video", Q},
	  {"hikvision", "telecom,video", Q},
	  {"dahua", "telecom,video", Q}}},
	{"us-fcc-covered-2022-03", "us", "2022-03-25", EFF_NO_AUTHORISATION, "verified", 0,
	 {{"2022-03-25", "listed", -1}},
	 {{"kaspersky", ALL, 0}, {"china-mobile", "service", 0}, {"china-telecom", "service", 0}}},
	{"us-fcc-covered-2022-09", "us", "2022-09-20", EFF_NO_AUTHORISATION, "verified", 0,
	 {{"2022-09-20", "listed", -1}},
	 {{"pacific-networks", "service", 0}, {"china-unicom", "service", 0}}},
	{"us-fcc-covered-2024-07", "us", "2024-07-23", EFF_NO_AUTHORISATION, "verified", 0,
	 {{"2024-07-23", "listed", -1}},
	 {{"kaspersky", "software", 0}}},
	{"us-fcc-covered-2025-12", "us", "2025-12-22", EFF_NO_AUTHORISATION, "verified", 1,
	 {{"2025-12-22", "listed", -1}},
	 {{"dji", "uas", 0}, {"autel", "uas", 0}}},
	{"us-fcc-covered-2026-03", "us", "2026-03-23", EFF_NO_AUTHORISATION, "verified", 1,
	 {{"2026-03-23", "listed", -1}},
	 {{"huawei", "router,gateway", 0}, {"zte", "router,gateway", 0}}},
	{"us-army-dji-2017", "us", "2017-08-02", EFF_STOP_USE, "verified", 0,
	 {{"2017-08-02", "stop-use", -1}},
	 {{"dji", ALL, 0}}},
	{"us-fy20-ndaa-848", "us", "2019-12-20", EFF_NO_USE, "verified", 0,
	 {{"2019-12-20", "in-force", -1}},
	 {{"dji", "uas", 0}, {"autel", "uas", 0}}},
	{"us-asda-2023", "us", "2023-12-22", EFF_NO_USE, "verified", 0,
	 {{"2023-12-22", "no-procurement", -1}, {"2025-12-22", "no-operation", -1}},
	 {{"dji", "uas", 0}, {"autel", "uas", 0}}},
	{"us-state-embassy-hikvision-2016", "us", "2016-01-01", EFF_REPORTED, "reported", 0,
	 {{"2016-01-01", "reported", -1}},
	 {{"hikvision", "video", 0}}},
	{"uk-tsa-huawei", "uk", "2022-10-13", EFF_REMOVE, "verified", 0,
	 {{"2020-12-31", "no-new-kit", -1},
	  {"2023-01-28", "remove", -1},
	  {"2023-12-31", "remove", -1},
	  {"2027-12-31", "remove", -1}},
	 {{"huawei", "network", Q}}},
	{"uk-cabinet-cameras-2022", "uk", "2022-11-24", EFF_STOP_USE, "verified", 0,
	 {{"2022-11-24", "stop-use", -1}},
	 {{"hikvision", "video", Q}, {"dahua", "video", Q}}},
	{"uk-ncsc-kaspersky-2022", "uk", "2022-03-14", EFF_GUIDANCE, "verified", 0,
	 {{"2017-12-01", "guidance", -1}, {"2022-03-14", "guidance", -1}},
	 {{"kaspersky", "security-software", 0}}},
	{"de-bsi-kaspersky-2022", "de", "2022-03-15", EFF_GUIDANCE, "verified", 0,
	 {{"2022-03-15", "guidance", -1}},
	 {{"kaspersky", "security-software", 0}}},
	{"de-5g-huawei-zte-2024", "de", "2024-07-11", EFF_REMOVE, "verified", 0,
	 {{"2024-07-11", "announced", -1}, {"2026-12-31", "remove", -1}, {"2029-12-31", "remove", -1}},
	 {{"huawei", "network", Q}, {"zte", "network", Q}}},
	{"au-5g-2018", "au", "2018-08-23", EFF_EXCLUDED, "verified", 0,
	 {{"2018-08-23", "excluded", -1}},
	 {{"huawei", "network", Q}, {"zte", "network", Q}}},
	{"au-pspf-002-2025", "au", "2025-02-21", EFF_REMOVE, "verified", 0,
	 {{"2025-04-01", "remove", -1}},
	 {{"kaspersky", ALL, 0}}},
	{"ca-gov-mobile-2023", "ca", "2023-10-30", EFF_REMOVE, "verified", 0,
	 {{"2023-10-30", "remove", -1}},
	 {{"kaspersky", "software", Q}}},
	{"ca-hikvision-2025", "ca", "2025-06-27", EFF_STOP_USE, "verified", 0,
	 {{"2025-06-27", "stop-use", -1}},
	 {{"hikvision", ALL, 0}}},
	{"se-pts-2020", "se", "2020-10-20", EFF_REMOVE, "verified", 0,
	 {{"2025-01-01", "remove", -1}},
	 {{"huawei", "network", Q}, {"zte", "network", Q}}},
};
/* clang-format on */

#define NINSTRUMENTS (sizeof(instruments) / sizeof(*instruments))

struct exp_prof {
	const char *slug;
	const char *ids[MAX_PROF];
};

/* clang-format off */
static const struct exp_prof profiles[] = {
	{"all", {"*"}},
	{"us-federal-agency",
	 {"us-dhs-bod-17-01", "us-ndaa18-1634", "us-ndaa19-889a", "us-bis-kaspersky-2024",
	  "us-asda-2023", "us-state-embassy-hikvision-2016"}},
	{"us-dod",
	 {"us-dhs-bod-17-01", "us-ndaa18-1634", "us-ndaa19-889a", "us-bis-kaspersky-2024",
	  "us-asda-2023", "us-fy20-ndaa-848", "us-army-dji-2017"}},
	{"us-federal-contractor",
	 {"us-ndaa18-1634", "us-ndaa19-889a", "us-ndaa19-889b", "us-bis-kaspersky-2024",
	  "us-asda-2023"}},
	{"us-telecom",
	 {"us-fcc-covered-2021", "us-fcc-covered-2022-03", "us-fcc-covered-2022-09",
	  "us-fcc-covered-2024-07", "us-fcc-covered-2025-12", "us-fcc-covered-2026-03",
	  "us-bis-kaspersky-2024"}},
	{"uk-gov", {"uk-cabinet-cameras-2022", "uk-ncsc-kaspersky-2022"}},
	{"uk-telecom", {"uk-tsa-huawei", "uk-ncsc-kaspersky-2022"}},
	{"de-telecom", {"de-5g-huawei-zte-2024", "de-bsi-kaspersky-2022"}},
	{"au-gov", {"au-pspf-002-2025"}},
	{"au-telecom", {"au-5g-2018"}},
	{"ca-gov", {"ca-gov-mobile-2023", "ca-hikvision-2025"}},
	{"se-telecom", {"se-pts-2020"}},
};
/* clang-format on */

#define NPROFILES (sizeof(profiles) / sizeof(*profiles))

static bs_day day(const char *s)
{
	bs_day d = BS_DAY_NONE;
	if (bs_day_parse(s, &d) < 0)
		fail_msg("bad date in test table: %s", s);
	return d;
}

static int setup(void **state)
{
	static struct kb kb;
	struct bs_err err = {{0}};
	if (kb_load(&kb, BS_DATADIR_SOURCE, &err) < 0) {
		print_error("kb_load: %s\n", err.msg);
		return -1;
	}
	*state = &kb;
	return 0;
}

static int teardown(void **state)
{
	if (*state) /* NULL when setup failed: cmocka still tears down */
		kb_release(*state);
	return 0;
}

static void join_classes(const struct kb_cover *c, char *out, size_t size)
{
	out[0] = 0;
	if (c->classes.n == 0) {
		snprintf(out, size, "*");
		return;
	}
	size_t len = 0;
	for (size_t i = 0; i < c->classes.n; i++) {
		int n = snprintf(out + len, size - len, "%s%s", i ? "," : "", c->classes.v[i]);
		assert_true(n > 0 && (size_t)n < size - len);
		len += (size_t)n;
	}
}

static void check_instrument(const struct kb *kb, const struct exp_in *x)
{
	const struct kb_instrument *in = kb_instrument_find(kb, x->id);
	if (!in)
		fail_msg("instrument %s is missing", x->id);
	assert_string_equal(in->jurisdiction, x->jurisdiction);
	if (in->issued != day(x->issued))
		fail_msg("%s: issued is not %s", x->id, x->issued);
	if (in->effect != x->effect)
		fail_msg("%s: effect %s, expected %s", x->id, kb_effect_name(in->effect),
		         kb_effect_name(x->effect));
	assert_string_equal(in->status, x->status);
	if (x->category != (in->category != NULL))
		fail_msg("%s: category entry %s expected", x->id, x->category ? "is" : "is not");
	/* Every instrument has a title, an action, a legal effect in words and a source. */
	assert_non_null(in->title);
	assert_non_null(in->action);
	assert_non_null(in->legal);
	assert_true(in->sources.n > 0);

	size_t nms = 0;
	while (nms < MAX_MS && x->ms[nms].date)
		nms++;
	if (in->nms != nms)
		fail_msg("%s: %zu milestones, expected %zu", x->id, in->nms, nms);
	for (size_t i = 0; i < nms; i++) {
		const struct kb_milestone *m = &in->ms[i];
		char got[11];
		bs_day_format(m->day, got);
		if (m->day != day(x->ms[i].date))
			fail_msg("%s: milestone %zu is %s, expected %s", x->id, i, got,
			         x->ms[i].date);
		if (strcmp(m->label, x->ms[i].label))
			fail_msg("%s: milestone %s label '%s', expected '%s'", x->id, got, m->label,
			         x->ms[i].label);
		assert_int_equal(m->rel_days, x->ms[i].rel);
		assert_true(m->text && *m->text);
		if (i > 0)
			assert_true(in->ms[i - 1].day <= m->day);
	}

	size_t ncov = 0;
	while (ncov < MAX_COV && x->cov[ncov].vendor)
		ncov++;
	if (in->ncovers != ncov)
		fail_msg("%s: %zu covers lines, expected %zu", x->id, in->ncovers, ncov);
	int any_qualified = 0;
	for (size_t i = 0; i < ncov; i++) {
		const struct kb_cover *c = &in->covers[i];
		char cls[256];
		join_classes(c, cls, sizeof(cls));
		if (strcmp(c->vendor, x->cov[i].vendor) || strcmp(cls, x->cov[i].classes))
			fail_msg("%s: covers %s %s, expected %s %s", x->id, c->vendor, cls,
			         x->cov[i].vendor, x->cov[i].classes);
		if (c->qualified != x->cov[i].qualified)
			fail_msg("%s: covers %s: qualified is %d, expected %d", x->id, c->vendor,
			         c->qualified, x->cov[i].qualified);
		assert_non_null(kb_vendor_find(kb, c->vendor));
		any_qualified |= c->qualified;
	}
	/* A qualifier exactly where some cover depends on it. */
	if (any_qualified != (in->qualifier != NULL))
		fail_msg("%s: qualifier field %s expected", x->id, any_qualified ? "is" : "is not");
}

static void test_every_instrument(void **state)
{
	const struct kb *kb = *state;
	for (size_t i = 0; i < NINSTRUMENTS; i++)
		check_instrument(kb, &instruments[i]);
	/* ... and no instrument that the table does not know. */
	if (kb->ninstruments != NINSTRUMENTS)
		fail_msg("%zu instruments loaded, the table has %zu", kb->ninstruments,
		         (size_t)NINSTRUMENTS);
}

/* The 889 and FCC 2021 qualifier is the statute's phrase, not a paraphrase. */
static void test_889_qualifier(void **state)
{
	const struct kb *kb = *state;
	static const char phrase[] =
	    "to the extent used for public safety, security of government facilities, physical "
	    "security surveillance of critical infrastructure, and other national security "
	    "purposes";
	const char *ids[] = {"us-ndaa19-889a", "us-ndaa19-889b", "us-fcc-covered-2021"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		const struct kb_instrument *in = kb_instrument_find(kb, ids[i]);
		assert_non_null(in);
		assert_non_null(in->qualifier);
		assert_string_equal(in->qualifier, phrase);
	}
}

/* UltraAV/UltraVPN (Pango) replaced Kaspersky in September 2024 (KNOWLEDGE.md §2): the BIS
 * determination traces Pango, which no instrument covers, and nothing else traces anything. */
static void test_traces(void **state)
{
	const struct kb *kb = *state;
	for (size_t i = 0; i < kb->ninstruments; i++) {
		const struct kb_instrument *in = &kb->instruments[i];
		int bis = !strcmp(in->id, "us-bis-kaspersky-2024");
		assert_int_equal(in->ntraces, bis ? 1 : 0);
		if (bis)
			assert_string_equal(in->traces[0].vendor, "pango");
		for (size_t j = 0; j < in->ncovers; j++)
			assert_string_not_equal(in->covers[j].vendor, "pango");
	}
}

/* Which effects bind equipment already in use (docs/data-format.md). */
static void test_effects_bind(void **state)
{
	(void)state;
	assert_true(kb_effect_binds_existing(EFF_REMOVE));
	assert_true(kb_effect_binds_existing(EFF_STOP_USE));
	assert_true(kb_effect_binds_existing(EFF_NO_USE));
	assert_false(kb_effect_binds_existing(EFF_NO_PROCUREMENT));
	assert_false(kb_effect_binds_existing(EFF_NO_AUTHORISATION));
	assert_false(kb_effect_binds_existing(EFF_EXCLUDED));
	assert_false(kb_effect_binds_existing(EFF_GUIDANCE));
	assert_false(kb_effect_binds_existing(EFF_REPORTED));
}

static void test_every_profile(void **state)
{
	const struct kb *kb = *state;
	for (size_t i = 0; i < NPROFILES; i++) {
		const struct exp_prof *x = &profiles[i];
		const struct kb_profile *p = kb_profile_find(kb, x->slug);
		if (!p)
			fail_msg("profile %s is missing", x->slug);
		assert_non_null(p->title);
		size_t n = 0;
		while (n < MAX_PROF && x->ids[n])
			n++;
		if (p->instruments.n != n)
			fail_msg("profile %s: %zu instruments, expected %zu", x->slug,
			         p->instruments.n, n);
		for (size_t k = 0; k < n; k++) {
			if (strcmp(p->instruments.v[k], x->ids[k]))
				fail_msg("profile %s: instrument %zu is %s, expected %s", x->slug,
				         k, p->instruments.v[k], x->ids[k]);
			if (strcmp(x->ids[k], "*"))
				assert_non_null(kb_instrument_find(kb, x->ids[k]));
		}
	}
	if (kb->nprofiles != NPROFILES)
		fail_msg("%zu profiles loaded, the table has %zu", kb->nprofiles,
		         (size_t)NPROFILES);
}

/* Every instrument binds somebody: it is named by at least one profile other than 'all'. */
static void test_every_instrument_in_a_profile(void **state)
{
	const struct kb *kb = *state;
	for (size_t i = 0; i < kb->ninstruments; i++) {
		const char *id = kb->instruments[i].id;
		int found = 0;
		for (size_t k = 0; k < kb->nprofiles && !found; k++) {
			const struct kb_profile *p = &kb->profiles[k];
			if (!strcmp(p->slug, "all"))
				continue;
			for (size_t j = 0; j < p->instruments.n && !found; j++)
				found = !strcmp(p->instruments.v[j], id);
		}
		if (!found)
			fail_msg("instrument %s is in no profile but 'all'", id);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_instrument),
	    cmocka_unit_test(test_889_qualifier),
	    cmocka_unit_test(test_traces),
	    cmocka_unit_test(test_effects_bind),
	    cmocka_unit_test(test_every_profile),
	    cmocka_unit_test(test_every_instrument_in_a_profile),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
