/* Policy: instrument selection, status rules and deadline arithmetic around --as-of; and the
 * knowledge-base loader's attribution of organisation names and its errors. */
#include "unit/cm.h"
#include "unit/synth.h"

#include "bansweep/kb.h"
#include "bansweep/policy.h"

static struct kb kb;
static char *dir;

static int setup(void **state)
{
	(void)state;
	struct bs_err e;
	dir = synth_dir();
	if (kb_load(&kb, dir, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_release(&kb);
	synth_remove(dir);
	return 0;
}

static bs_day D(const char *s)
{
	bs_day d;
	assert_int_equal(bs_day_parse(s, &d), 0);
	return d;
}

static const struct ban_eval *find(const struct ban_eval *b, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(b[i].in->id, id))
			return &b[i];
	return NULL;
}

static void t_deadlines(void **state)
{
	(void)state;
	const struct kb_profile *all = kb_profile_find(&kb, "all");
	struct ban_eval b[8];
	/* +30 days from 2020-01-01 is 2020-01-31. */
	const struct kb_instrument *in = kb_instrument_find(&kb, "x-remove");
	assert_int_equal(in->ms[0].day, D("2020-01-31"));
	assert_int_equal(in->ms[0].rel_days, 30);
	struct {
		const char *as_of, *label;
		int days;
		int in_force;
	} cases[] = {
	    {"2019-12-31", "identify", 31, 0}, /* before it is issued */
	    {"2020-01-30", "identify", 1, 1},  /* the day before a milestone */
	    {"2020-01-31", "identify", 0, 1},  /* on it: due today */
	    {"2020-02-01", "remove", 150, 1},  /* after it: the next one */
	    {"2020-06-30", "remove", 0, 1},    /* on the last */
	    {"2020-07-01", "remove", -1, 1},   /* after the last: overdue */
	    {"2021-07-01", "remove", -366, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t n = policy_eval(&kb, all, "avco", "security-software", CONF_LIKELY,
		                       D(cases[i].as_of), b, 8);
		const struct ban_eval *x = find(b, n, "x-remove");
		assert_non_null(x);
		assert_string_equal(x->next->label, cases[i].label);
		assert_int_equal(x->days, cases[i].days);
		assert_int_equal(x->in_force, cases[i].in_force);
		assert_int_equal(x->status, BAN_ACTION);
	}
}

static void t_status(void **state)
{
	(void)state;
	const struct kb_profile *all = kb_profile_find(&kb, "all");
	struct ban_eval b[8];
	bs_day t = D("2026-01-01");
	/* A camera: the qualified and the category entries apply, both needs review. */
	size_t n = policy_eval(&kb, all, "acme", "camera", CONF_CONFIRMED, t, b, 8);
	assert_int_equal(n, 2);
	assert_int_equal(find(b, n, "x-qualified")->status, BAN_REVIEW);
	assert_int_equal(find(b, n, "x-category")->status, BAN_REVIEW);
	assert_null(find(b, n, "x-remove")); /* covers acme routers only */
	/* A router: removal is required. */
	n = policy_eval(&kb, all, "acme", "router", CONF_LIKELY, t, b, 8);
	assert_int_equal(n, 1);
	assert_int_equal(b[0].status, BAN_ACTION);
	/* Weak evidence never requires action. */
	n = policy_eval(&kb, all, "acme", "router", CONF_POSSIBLE, t, b, 8);
	assert_int_equal(b[0].status, BAN_REVIEW);
	/* Unknown class against a class-restricted cover: needs review. */
	n = policy_eval(&kb, all, "acme", "device", CONF_CONFIRMED, t, b, 8);
	assert_int_equal(find(b, n, "x-remove")->status, BAN_REVIEW);
	/* Guidance is informational; the action-required entry sorts first. */
	n = policy_eval(&kb, all, "avco", "security-software", CONF_CONFIRMED, t, b, 8);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].in->id, "x-remove");
	assert_int_equal(b[1].status, BAN_INFO);
	/* A profile selects its instruments only. */
	n = policy_eval(&kb, kb_profile_find(&kb, "uk"), "avco", "security-software",
	                CONF_CONFIRMED, t, b, 8);
	assert_int_equal(n, 1);
	assert_string_equal(b[0].in->id, "x-guidance");
	/* A vendor no instrument covers. */
	assert_int_equal(policy_eval(&kb, all, "nobody", "camera", CONF_CONFIRMED, t, b, 8), 0);
	/* A vendor an instrument traces (what replaced a covered product): informational, with
	 * the trace's action, however strong the evidence and whatever the instrument's effect;
	 * other instruments say nothing of it. */
	n = policy_eval(&kb, all, "succ", "security-software", CONF_CONFIRMED, t, b, 8);
	assert_int_equal(n, 1);
	assert_string_equal(b[0].in->id, "x-remove");
	assert_int_equal(b[0].status, BAN_INFO);
	assert_string_equal(b[0].action, "Look for AvCo remnants");
	assert_non_null(b[0].why);
	assert_null(b[0].detail);
	/* The covered vendor keeps the instrument's own action. */
	n = policy_eval(&kb, all, "avco", "security-software", CONF_CONFIRMED, t, b, 8);
	assert_string_equal(find(b, n, "x-remove")->action, "Remove it");
	assert_int_equal(kb_instrument_find(&kb, "x-remove")->ntraces, 1);
	assert_string_equal(kb_instrument_find(&kb, "x-remove")->traces[0].v->slug, "succ");
}

static void t_attribution(void **state)
{
	(void)state;
	struct kb_attrib a = kb_attribute_org(&kb, "ACME  SURVEILLANCE co.,ltd");
	assert_int_equal(a.role, ROLE_MAKER);
	assert_string_equal(a.vendor->slug, "acme");
	a = kb_attribute_org(&kb, "AcmeLens Software Co.,Ltd.");
	assert_int_equal(a.role, ROLE_BRAND);
	assert_string_equal(a.brand->slug, "acmelens");
	assert_int_equal(kb_attribute_org(&kb, "AcmeChip Technologies Co., Ltd").role, ROLE_REVIEW);
	/* A former subsidiary whose products nobody says the vendor still makes: review. */
	assert_int_equal(kb_attribute_org(&kb, "Formerly Device Co., Ltd.").role, ROLE_REVIEW);
	/* Look-alikes and substrings are never attributed. */
	a = kb_attribute_org(&kb, "Shanghai Acme Scale Factory");
	assert_int_equal(a.role, ROLE_NONE);
	assert_non_null(a.brand);
	assert_int_equal(kb_attribute_org(&kb, "Acme Surveillance Co.,Ltd Branch").role, ROLE_NONE);
	assert_int_equal(kb_attribute_org(&kb, "Acme").role, ROLE_NONE);
}

static void expect_load_error(const char *file, const char *text, const char *msg)
{
	char *d = synth_dir();
	synth_write(d, file, text);
	struct kb k;
	struct bs_err e;
	assert_int_equal(kb_load(&k, d, &e), -1);
	char want[512];
	snprintf(want, sizeof(want), "%s/%s", d, msg);
	assert_string_equal(e.msg, want);
	synth_remove(d);
}

static void t_load_errors(void **state)
{
	(void)state;
	expect_load_error("instruments.txt",
	                  "instrument a\n\ttitle T\n\tauthority A\n\tjurisdiction us\n\tbinds b\n"
	                  "\tissued 2020-02-30\n\teffect remove\n\tlegal l\n\taction a\n"
	                  "\tcovers acme *\n\tstatus verified\n\tsource s\n",
	                  "instruments.txt:6: bad issued date '2020-02-30'");
	expect_load_error("instruments.txt",
	                  "instrument a\n\ttitle T\n\tauthority A\n\tjurisdiction us\n\tbinds b\n"
	                  "\tissued 2020-02-03\n\teffect ban\n\tlegal l\n\taction a\n"
	                  "\tcovers acme *\n\tstatus verified\n\tsource s\n",
	                  "instruments.txt:7: unknown effect 'ban'");
	expect_load_error("vendors.txt",
	                  "vendor a\n\tname A\n\tlegal A\n\tsource s\n\tcolour red\n",
	                  "vendors.txt:5: unknown field 'colour' in vendor a");
	expect_load_error("vendors.txt",
	                  "vendor a\n\tname A\n\tlegal A\n\tieee X Ltd\n\tsource s\n"
	                  "vendor b\n\tname B\n\tlegal B\n\tieee x  ltd\n\tsource s\n",
	                  "vendors.txt:6: IEEE name 'x  ltd' is listed twice (also line 1)");
	expect_load_error("profiles.txt", "profile all\n\ttitle t\n\tinstrument nope\n",
	                  "profiles.txt:3: unknown instrument 'nope'");
	static const char head[] =
	    "instrument a\n\ttitle T\n\tauthority A\n\tjurisdiction us\n\tbinds b\n"
	    "\tissued 2020-02-03\n\teffect remove\n\tlegal l\n\taction a\n"
	    "\tcovers acme *\n\tstatus verified\n\tsource s\n";
	char text[1024];
	snprintf(text, sizeof(text), "%s\ttrace succ\n", head);
	expect_load_error("instruments.txt", text, "instruments.txt:13: trace takes VENDOR ACTION");
	snprintf(text, sizeof(text), "%s\ttrace nobody Check\n", head);
	expect_load_error("instruments.txt", text,
	                  "instruments.txt:1: instrument a traces unknown vendor 'nobody'");
	snprintf(text, sizeof(text), "%s\ttrace acme Check\n", head);
	expect_load_error("instruments.txt", text,
	                  "instruments.txt:1: instrument a both covers and traces vendor 'acme'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_deadlines),
	    cmocka_unit_test(t_status),
	    cmocka_unit_test(t_attribution),
	    cmocka_unit_test(t_load_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
