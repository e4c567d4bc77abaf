/* Host inventory of Windows, macOS and Android images (src/inventory/win_*.c, macos.c,
 * android.c): the exact observations and errors each fixture root gives, and the exact findings
 * the real rules make of them. The roots are made at test time by tests/fixtures/host/
 * make-image-roots.sh (fixtures.host-images) in $HOST_FIXTURES. INV_DUMP=1 prints what a run gives.
 */
#include "unit/cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/inventory.h"
#include "bansweep/kb.h"
#include "bansweep/rules.h"
#include "inventory/img.h"

static struct kb kb;
static struct ruleset rs;

struct run {
	char obs[16384];  /* "key value\n" */
	char errs[4096];  /* "source path:pos message\n" */
	char finds[4096]; /* "vendor|product|confidence|evidence\n" */
	struct identify *id;
};

static void cat(char *dst, size_t n, const char *s)
{
	size_t k = strlen(dst);
	snprintf(dst + k, n - k, "%s", s);
}

static void on_obs(void *ctx, enum key_id key, const char *v, size_t n, const char *where)
{
	struct run *r = ctx;
	char line[1024];
	snprintf(line, sizeof(line), "%s %.*s <%s>\n", key_get((int)key)->name, (int)n, v, where);
	cat(r->obs, sizeof(r->obs), line);
	identify_add(r->id, "img", key_get((int)key)->name, v, n, where, NULL);
}

static void on_err(void *ctx, const char *source, const char *path, uint64_t pos, int pos_is_offset,
                   const char *msg)
{
	struct run *r = ctx;
	char line[1024];
	snprintf(line, sizeof(line), "%s %s:%s%llu %s\n", source, path ? path : "-",
	         pos_is_offset ? "@" : "", (unsigned long long)pos, msg);
	cat(r->errs, sizeof(r->errs), line);
}

static int on_finding(const struct finding *f, void *ctx)
{
	struct run *r = ctx;
	char line[512];
	snprintf(line, sizeof(line), "%s|%s|%s|%zu\n", f->vendor->slug, f->product,
	         confidence_name(f->conf), f->nev);
	cat(r->finds, sizeof(r->finds), line);
	return 0;
}

static struct run *run_root(const char *name, const char *pm_list)
{
	static struct run r;
	memset(&r, 0, sizeof(r));
	const char *base = getenv("HOST_FIXTURES");
	char root[1024], pm[1024];
	snprintf(root, sizeof(root), "%s/%s", base ? base : ".", name);
	if (pm_list)
		snprintf(pm, sizeof(pm), "%s/%s", base ? base : ".", pm_list);
	struct inv_options o = {.root = root, .pm_list = pm_list ? pm : NULL};
	struct inv_sink s = {.obs = on_obs, .error = on_err, .ctx = &r};
	struct inv_stats st;
	r.id = identify_new(&kb, &rs, NULL);
	assert_non_null(r.id);
	assert_int_equal(inv_run(&o, &s, &st), 0);
	bs_day asof;
	bs_day_parse("2026-11-22", &asof);
	identify_each(r.id, kb_profile_find(&kb, "all"), asof, on_finding, &r);
	identify_free(r.id);
	/* The fixture paths differ between build trees: the user's pm list is shown by name. */
	for (char *p; pm_list && (p = strstr(r.errs, pm));)
		memmove(p, p + strlen(base) + 1, strlen(p + strlen(base) + 1) + 1);
	for (char *p; pm_list && (p = strstr(r.obs, pm));)
		memmove(p, p + strlen(base) + 1, strlen(p + strlen(base) + 1) + 1);
	if (getenv("INV_DUMP"))
		printf("== %s\n%s-- errors\n%s-- findings\n%s", name, r.obs, r.errs, r.finds);
	return &r;
}

static int setup(void **state)
{
	(void)state;
	struct bs_err e;
	const char *d = getenv("BANSWEEP_DATA");
	char dir[1024];
	d = d && *d ? d : BS_DATADIR_SOURCE;
	snprintf(dir, sizeof(dir), "%s/rules", d);
	if (!getenv("HOST_FIXTURES")) {
		fprintf(
		    stderr,
		    "HOST_FIXTURES is not set (ctest sets it; fixtures.host-images makes them)\n");
		return -1;
	}
	if (kb_load(&kb, d, &e) < 0 || rules_load_dir(&rs, &kb, dir, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rules_release(&rs);
	kb_release(&kb);
	return 0;
}

#include "unit/inv_images_expect.h"

static void check(const struct run *r, const char *obs, const char *errs, const char *finds)
{
	assert_string_equal(r->obs, obs);
	assert_string_equal(r->errs, errs);
	assert_string_equal(r->finds, finds);
}

static void test_windows(void **state)
{
	(void)state;
	check(run_root("windows", NULL), WIN_OBS, WIN_ERRS, WIN_FINDS);
}

static void test_windows_corrupt(void **state)
{
	(void)state;
	check(run_root("windows-corrupt", NULL), WINC_OBS, WINC_ERRS, WINC_FINDS);
}

static void test_macos(void **state)
{
	(void)state;
	check(run_root("macos", NULL), MAC_OBS, MAC_ERRS, MAC_FINDS);
}

static void test_macos_corrupt(void **state)
{
	(void)state;
	check(run_root("macos-corrupt", NULL), MACC_OBS, MACC_ERRS, MACC_FINDS);
}

static void test_android(void **state)
{
	(void)state;
	check(run_root("android", "pm-list.txt"), AND_OBS, AND_ERRS, AND_FINDS);
}

static void test_android_broken(void **state)
{
	(void)state;
	check(run_root("android-abx", NULL), "", ABX_ERRS, "");
	check(run_root("android-corrupt", NULL), ANDC_OBS, ANDC_ERRS, ANDC_FINDS);
}

/* The file a service's ImagePath names, inside the root (the system volume, C:). */
static void test_image_path(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"C:\\Windows\\system32\\DRIVERS\\klif.sys", "/Windows/system32/DRIVERS/klif.sys"},
	    {"c:\\Program Files (x86)\\X\\a.exe", "/Program Files (x86)/X/a.exe"},
	    {"System32\\drivers\\tcpip.sys", "/Windows/System32/drivers/tcpip.sys"},
	    {"\\SystemRoot\\System32\\x.sys", "/Windows/System32/x.sys"},
	    {"%SystemRoot%\\system32\\svchost.exe", "/Windows/system32/svchost.exe"},
	    {"%windir%\\x.exe", "/Windows/x.exe"},
	    {"%ProgramFiles(x86)%\\A\\b.exe", "/Program Files (x86)/A/b.exe"},
	    {"%PROGRAMFILES%\\A\\b.exe", "/Program Files/A/b.exe"},
	    {"\\Windows\\x.exe", "/Windows/x.exe"},
	    {"C:\\\\dir\\\\x.exe", "/dir/x.exe"},
	    {"D:\\Tools\\a.exe", NULL},
	    {"%APPDATA%\\x.exe", NULL},
	    {"C:\\a\\..\\b.exe", NULL},
	    {"C:\\.\\b.exe", NULL},
	    {"C:\\", NULL},
	};
	char out[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc = win_image_path(cases[i].in, strlen(cases[i].in), out, sizeof(out));
		if (!cases[i].out) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].out);
	}
	/* n bytes, not the string; a path longer than the buffer is refused. */
	assert_int_equal(win_image_path("C:\\a.exe -k x", 8, out, sizeof(out)), 0);
	assert_string_equal(out, "/a.exe");
	assert_int_equal(win_image_path("C:\\a.exe", 8, out, 6), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_windows),    cmocka_unit_test(test_windows_corrupt),
	    cmocka_unit_test(test_macos),      cmocka_unit_test(test_macos_corrupt),
	    cmocka_unit_test(test_android),    cmocka_unit_test(test_android_broken),
	    cmocka_unit_test(test_image_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
