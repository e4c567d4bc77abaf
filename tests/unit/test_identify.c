/* Identification: grouping, confidence scoring, brand shown versus maker, MAC attribution,
 * randomised addresses, and the instrument status each finding gets. */
#include "unit/cm.h"
#include "unit/synth.h"

#include "bansweep/buf.h"
#include "bansweep/identify.h"

static struct kb kb;
static char *dir;
static struct ruleset rs;
static struct registry *reg;
static char manuf[600];

static const char rules_text[] =
    "rule acme.sadp\n\tvendor acme\n\tkey sadp.device\n\tmatch regex ^(AC-[0-9]+)\n"
    "\tstrength strong\n\tproduct Acme $1\n\tclass camera\n\texample AC-1\n\tsource t\n"
    "rule acme.xmlns\n\tvendor acme\n\tkey http.body.xmlns\n\tmatch prefix http://acme.example/\n"
    "\tstrength strong\n\tproduct Acme API device\n\tclass camera\n"
    "\texample http://acme.example/x\n\tsource t\n"
    "rule acme.server\n\tvendor acme\n\tkey http.server\n\tmatch exact AcmeWebs\n"
    "\tstrength strong\n\tproduct Acme web server\n\tclass camera\n\texample AcmeWebs\n"
    "\tsource t\n"
    "rule acme.cookie\n\tvendor acme\n\tkey http.cookie\n\tmatch prefix AcmeSession=\n"
    "\tstrength strong\n\tproduct Acme web\n\tclass camera\n\texample AcmeSession=1\n"
    "\tsource t\n"
    "rule acme.cloud\n\tvendor acme\n\tkey dns.qname\n\tmatch domain acme-cloud.com\n"
    "\tstrength weak\n\tproduct Acme cloud client\n\tclass device\n\texample acme-cloud.com\n"
    "\tsource t\n"
    "rule acme.lens\n\tvendor acme\n\tkey onvif.manufacturer\n\tmatch exact LensCo\n"
    "\tstrength weak\n\tproduct LensCo camera\n\tclass camera\n\tbrand LensCo\n"
    "\texample LensCo\n\tsource t\n"
    "rule acme.chip\n\tvendor acme\n\tkey pci.vendor\n\tmatch exact 19e5\n"
    "\tstrength review\n\tproduct AcmeChip part\n\tclass chip\n\texample 19e5\n\tsource t\n"
    "rule avco.pkg\n\tvendor avco\n\tkey pkg.name\n\tmatch exact kesl\n"
    "\tstrength strong\n\tproduct AvCo Endpoint\n\tclass security-software\n\texample kesl\n"
    "\tsource t\n";

static int setup(void **state)
{
	(void)state;
	struct bs_err e;
	dir = synth_dir();
	snprintf(manuf, sizeof(manuf), "%s/manuf", dir);
	synth_write(dir, "manuf",
	            "4C:BD:8F\tAcme\tAcme Surveillance Co.,Ltd\n"
	            "00:00:0C\tCisco\tCisco Systems, Inc\n");
	const char *paths[] = {manuf, NULL};
	struct reg_options ro = {paths, ""};
	if (kb_load(&kb, dir, &e) < 0 ||
	    rules_load_buf(&rs, &kb, "t.rules", rules_text, strlen(rules_text), &e) < 0 ||
	    rules_index(&rs, &e) < 0 || registry_open(&reg, &kb, &ro, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_free(reg);
	rules_release(&rs);
	kb_release(&kb);
	unlink(manuf);
	synth_remove(dir);
	return 0;
}

/* Findings of one run, copied out of the callback. */
struct got_one {
	char asset[32], vendor[16], brand[32], product[64], cls[32];
	enum confidence conf;
	size_t nev, nbans;
	enum ban_status top;
	int randomised;
	char mac[18];
};

struct got {
	size_t n;
	struct got_one f[8];
};

static int collect(const struct finding *f, void *ctx)
{
	struct got *g = ctx;
	if (g->n >= 8)
		return 0;
	struct got_one *x = &g->f[g->n++];
	bs_strlcpy(x->asset, f->asset->id, sizeof(x->asset));
	bs_strlcpy(x->vendor, f->vendor->slug, sizeof(x->vendor));
	bs_strlcpy(x->brand, f->brand, sizeof(x->brand));
	bs_strlcpy(x->product, f->product, sizeof(x->product));
	bs_strlcpy(x->cls, f->cls, sizeof(x->cls));
	bs_strlcpy(x->mac, f->asset->mac ? f->asset->mac : "", sizeof(x->mac));
	x->conf = f->conf;
	x->nev = f->nev;
	x->nbans = f->nbans;
	x->top = f->nbans ? f->bans[0].status : BAN_INFO;
	x->randomised = f->asset->randomised;
	return 0;
}

static void run(const char *const obs[][3], size_t n, struct got *g)
{
	struct identify *id = identify_new(&kb, &rs, reg);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(identify_add(id, obs[i][0], obs[i][1], obs[i][2],
		                              strlen(obs[i][2]), "test", NULL),
		                 0);
	memset(g, 0, sizeof(*g));
	bs_day asof;
	bs_day_parse("2026-01-01", &asof);
	identify_each(id, kb_profile_find(&kb, "all"), asof, collect, g);
	identify_free(id);
}

static void t_confidence(void **state)
{
	(void)state;
	struct got g;
	const char *const obs[][3] = {
	    /* two strong signals on independent channels */
	    {"a1", "sadp.device", "AC-100"},
	    {"a1", "http.body.xmlns", "http://acme.example/ver20"},
	    /* two strong signals on one channel (http): not independent */
	    {"a2", "http.server", "AcmeWebs"},
	    {"a2", "http.cookie", "AcmeSession=9"},
	    /* weak only */
	    {"a3", "dns.qname", "eu.acme-cloud.com"},
	    /* a relative only */
	    {"a4", "pci.vendor", "19e5"},
	    /* nothing covered */
	    {"a5", "http.server", "nginx"},
	};
	run(obs, sizeof(obs) / sizeof(*obs), &g);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.f[0].asset, "a1");
	assert_int_equal(g.f[0].conf, CONF_CONFIRMED);
	assert_string_equal(g.f[0].product, "Acme AC-100");
	assert_string_equal(g.f[0].cls, "camera");
	assert_int_equal(g.f[1].conf, CONF_LIKELY);
	assert_int_equal(g.f[2].conf, CONF_POSSIBLE);
	assert_string_equal(g.f[2].cls, "device");
	assert_int_equal(g.f[3].conf, CONF_REVIEW);
}

static void t_brand_and_mac(void **state)
{
	(void)state;
	struct got g;
	const char *const obs[][3] = {
	    /* relabelled: a rule names the brand shown */
	    {"r1", "onvif.manufacturer", "LensCo"},
	    {"r1", "sadp.device", "AC-7"},
	    /* relabelled with a brand no rule knows: shown as the device presents it */
	    {"r2", "onvif.manufacturer", "Zorro Vision"},
	    {"r2", "sadp.device", "AC-8"},
	    /* the maker's own name is not a relabel */
	    {"r3", "onvif.manufacturer", "ACME"},
	    {"r3", "sadp.device", "AC-9"},
	    /* MAC in the maker's block: weak, possible; the same signal twice counts once */
	    {"m1", "mac", "4c-bd-8f-01-02-03"},
	    {"m1", "mac", "4C:BD:8F:01:02:03"},
	    /* randomised MAC with weak evidence: needs review */
	    {"m2", "mac", "da:a1:19:00:00:01"},
	    {"m2", "dns.qname", "acme-cloud.com"},
	    /* not covered */
	    {"m3", "mac", "00:00:0c:01:02:03"},
	};
	run(obs, sizeof(obs) / sizeof(*obs), &g);
	assert_int_equal(g.n, 5);
	assert_string_equal(g.f[0].brand, "LensCo");
	assert_string_equal(g.f[1].brand, "Zorro Vision");
	assert_string_equal(g.f[2].brand, "Acme");
	assert_string_equal(g.f[3].asset, "m1");
	assert_int_equal(g.f[3].conf, CONF_POSSIBLE);
	assert_int_equal(g.f[3].nev, 1);
	assert_string_equal(g.f[3].mac, "4C:BD:8F:01:02:03");
	assert_string_equal(g.f[4].asset, "m2");
	assert_int_equal(g.f[4].randomised, 1);
	assert_int_equal(g.f[4].conf, CONF_REVIEW);
}

static void t_policy_applied(void **state)
{
	(void)state;
	struct got g;
	const char *const obs[][3] = {
	    {"pc", "pkg.name", "kesl"},
	    {"pc", "sadp.device", "AC-1"},
	};
	run(obs, sizeof(obs) / sizeof(*obs), &g);
	/* One asset, two vendors: two findings, each with its own instruments. */
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0].vendor, "avco");
	assert_int_equal(g.f[0].top, BAN_ACTION);
	assert_int_equal(g.f[0].nbans, 2);
	assert_string_equal(g.f[1].vendor, "acme");
	assert_int_equal(g.f[1].top, BAN_REVIEW); /* qualified and category entries */
}

static void t_unknown_key(void **state)
{
	(void)state;
	struct identify *id = identify_new(&kb, &rs, reg);
	assert_int_equal(identify_add(id, "x", "no.such.key", "v", 1, NULL, NULL), -1);
	assert_int_equal(identify_nassets(id), 0);
	identify_free(id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_confidence),
	    cmocka_unit_test(t_brand_and_mac),
	    cmocka_unit_test(t_policy_applied),
	    cmocka_unit_test(t_unknown_key),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
