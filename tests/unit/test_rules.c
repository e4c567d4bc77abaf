/* The rule engine: loading errors, each matcher kind, the index, product templates. */
#include "unit/cm.h"
#include "unit/synth.h"

#include "bansweep/keys.h"
#include "bansweep/rules.h"

static struct kb kb;
static char *dir;
static struct ruleset rs;
static struct rule_scratch sc;

static const char rules_text[] =
    "rule acme.exact\n\tvendor acme\n\tkey upnp.manufacturer\n\tmatch exact Acme Inc.\n"
    "\tstrength weak\n\tproduct Acme device\n\tclass device\n\texample ACME INC.\n"
    "\tcounter Acme Inc\n\tsource test\n"
    "rule acme.prefix\n\tvendor acme\n\tkey http.server\n\tmatch prefix AcmeWebs/\n"
    "\tstrength strong\n\tproduct Acme web server\n\tclass camera\n\texample acmewebs/1.0\n"
    "\tsource test\n"
    "rule acme.domain\n\tvendor acme\n\tkey dns.qname tls.sni\n\tmatch domain acme-cloud.com\n"
    "\tstrength weak\n\tproduct Acme cloud client\n\tclass device\n"
    "\texample acme-cloud.com\n\texample a.b.ACME-cloud.com.\n\tcounter notacme-cloud.com\n"
    "\tcounter acme-cloud.com.evil.example\n\tsource test\n"
    "rule acme.regex\n\tvendor acme\n\tkey device.model\n"
    "\tmatch regex ^(?<model>AC-(?<series>[0-9]{3})[A-Z0-9-]*)$\n"
    "\tstrength strong\n\tproduct Acme ${model} (series $2)\n\tclass camera\n"
    "\texample AC-204X\n\tcounter XAC-204\n\tsource test\n"
    "rule acme.oid\n\tvendor acme\n\tkey snmp.sysobjectid\n\tmatch oid 1.3.6.1.4.1.2011\n"
    "\tstrength strong\n\tproduct Acme SNMP agent\n\tclass router\n"
    "\texample .1.3.6.1.4.1.2011.2.62\n\texample iso.3.6.1.4.1.2011\n"
    "\tcounter 1.3.6.1.4.1.20110.1\n\tsource test\n"
    "rule acme.mac\n\tvendor acme\n\tkey wifi.ie.oui\n\tmatch mac 26:37:12\n"
    "\tstrength strong\n\tproduct Acme DroneID\n\tclass device\n\texample 26-37-12\n"
    "\texample 263712\n\tcounter 26:37:13\n\tsource test\n"
    "rule avco.pkg\n\tvendor avco\n\tkey pkg.name\n\tmatch exact kesl\n"
    "\tstrength strong\n\tproduct AvCo Endpoint\n\tclass security-software\n\texample kesl\n"
    "\tsource test\n";

static int setup(void **state)
{
	(void)state;
	struct bs_err e;
	dir = synth_dir();
	if (kb_load(&kb, dir, &e) < 0 ||
	    rules_load_buf(&rs, &kb, "t.rules", rules_text, strlen(rules_text), &e) < 0 ||
	    rules_index(&rs, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	rules_scratch_init(&sc);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rules_scratch_release(&sc);
	rules_release(&rs);
	kb_release(&kb);
	synth_remove(dir);
	return 0;
}

static size_t M(const char *key, const char *v, struct rule_hit *h)
{
	return rules_match(&rs, &sc, key_find(key), v, strlen(v), h, 8);
}

static void t_matchers(void **state)
{
	(void)state;
	struct rule_hit h[8];
	assert_int_equal(M("upnp.manufacturer", "acme inc.", h), 1);
	assert_int_equal(M("upnp.manufacturer", "Acme Inc", h), 0);
	assert_int_equal(M("http.server", "AcmeWebs/2.1 (Linux)", h), 1);
	assert_int_equal(M("http.server", "Acme", h), 0);
	assert_int_equal(M("dns.qname", "x.acme-cloud.com", h), 1);
	assert_int_equal(M("tls.sni", "ACME-CLOUD.COM.", h), 1);
	assert_int_equal(M("dns.qname", "notacme-cloud.com", h), 0);
	assert_int_equal(M("dns.qname", "acme-cloud.com.evil.example", h), 0);
	assert_int_equal(M("dns.qname", "cloud.com", h), 0);
	/* An HTTP Host header carries a port; an IPv6 literal is not a name with a port. */
	assert_int_equal(M("tls.sni", "x.acme-cloud.com:8443", h), 1);
	assert_int_equal(M("tls.sni", "acme-cloud.com:", h), 0);
	assert_int_equal(M("tls.sni", "acme-cloud.com:84x", h), 0);
	/* A key the rule does not name never matches. */
	assert_int_equal(M("http.host", "acme-cloud.com", h), 0);
	assert_int_equal(M("snmp.sysobjectid", "1.3.6.1.4.1.2011", h), 1);
	assert_int_equal(M("snmp.sysobjectid", "1.3.6.1.4.1.2011.5.25", h), 1);
	assert_int_equal(M("snmp.sysobjectid", "1.3.6.1.4.1.20110", h), 0);
	assert_int_equal(M("snmp.sysobjectid", "1.3.6.1.4.1.201", h), 0);
	assert_int_equal(M("snmp.sysobjectid", "not an oid", h), 0);
	assert_int_equal(M("wifi.ie.oui", "26:37:12", h), 1);
	assert_int_equal(M("wifi.ie.oui", "26:37:12:99:88:77", h), 1);
	assert_int_equal(M("wifi.ie.oui", "26:37", h), 0);
	assert_int_equal(M("pkg.name", "KESL", h), 1);
	assert_int_equal(M("pkg.name", "kesl-gui", h), 0);
}

static void t_regex_product(void **state)
{
	(void)state;
	struct rule_hit h[8];
	assert_int_equal(M("device.model", "AC-204X-IR", h), 1);
	assert_string_equal(h[0].product, "Acme AC-204X-IR (series 204)");
	assert_string_equal(h[0].rule->id, "acme.regex");
	assert_int_equal(M("device.model", "XAC-204", h), 0);
	/* Values that are not valid UTF-8 are matched, not rejected. */
	assert_int_equal(M("device.model", "AC-\xff\xfe", h), 0);
	/* A value with a NUL inside is matched by length. */
	assert_int_equal(rules_match(&rs, &sc, key_find("pkg.name"), "kesl\0x", 6, h, 8), 0);
	assert_int_equal(rules_match(&rs, &sc, key_find("pkg.name"), "kesl\0x", 4, h, 8), 1);
}

static void expect_error(const char *text, const char *msg)
{
	struct ruleset r = {0};
	struct bs_err e;
	assert_int_equal(rules_load_buf(&r, &kb, "bad.rules", text, strlen(text), &e), -1);
	assert_string_equal(e.msg, msg);
	rules_release(&r);
}

#define HEAD "rule a.b\n\tvendor acme\n\tstrength weak\n\tclass device\n\tsource s\n"

static void t_load_errors(void **state)
{
	(void)state;
	expect_error(HEAD "\tkey no.such.key\n\tmatch exact x\n\tproduct p\n\texample x\n",
	             "bad.rules:6: unknown observation key 'no.such.key'");
	expect_error(HEAD "\tkey http.server\n\tmatch regex (unclosed\n\tproduct p\n\texample x\n",
	             "bad.rules:7: regex error at offset 9: missing closing parenthesis");
	expect_error(HEAD "\tkey http.server\n\tmatch regex (a)\n\tproduct p $2\n\texample a\n",
	             "bad.rules:8: product refers to a capture group the match does not have");
	expect_error(HEAD "\tkey http.server\n\tmatch exact x\n\tproduct p\n",
	             "bad.rules:1: rule a.b lacks field 'example'");
	expect_error(HEAD "\tkey http.server\n\tmatch glob x\n\tproduct p\n\texample x\n",
	             "bad.rules:7: match takes exact|prefix|domain|regex|oid|mac PATTERN");
	expect_error(HEAD "\tkey snmp.sysobjectid\n\tmatch oid 1.3.x\n\tproduct p\n\texample x\n",
	             "bad.rules:7: bad OID '1.3.x'");
	expect_error("rule a.b\n\tvendor nobody\n\tstrength weak\n\tclass device\n\tsource s\n"
	             "\tkey http.server\n\tmatch exact x\n\tproduct p\n\texample x\n",
	             "bad.rules:2: unknown vendor 'nobody'");
	expect_error(HEAD "\tkey http.server\n\tmatch exact x\n\tproduct p\n\texample x\n" HEAD
	                  "\tkey http.server\n\tmatch exact x\n\tproduct p\n\texample x\n",
	             "bad.rules:10: rule 'a.b' defined twice (also bad.rules:1)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_matchers),
	    cmocka_unit_test(t_regex_product),
	    cmocka_unit_test(t_load_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
