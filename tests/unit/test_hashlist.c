/* Hash lists (src/rules/hashlist.c): entries become rules on file.sha256; bad lines are errors
 * naming the file and line, and a list adds to the rules already loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit/cm.h"
#include "unit/synth.h"

#include "bansweep/buf.h"
#include "bansweep/keys.h"
#include "bansweep/rules.h"

#define H1 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define H2 "60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752"

static const char base_rules[] =
    "rule avco.pkg\n\tvendor avco\n\tkey pkg.name\n\tmatch exact kesl\n"
    "\tstrength strong\n\tproduct AvCo Endpoint\n\tclass security-software\n\texample kesl\n"
    "\tsource test\n";

static void t_hashlist(void **st)
{
	(void)st;
	struct bs_err e;
	struct kb kb;
	struct ruleset rs = {0};
	char *dir = synth_dir();
	assert_int_equal(kb_load(&kb, dir, &e), 0);
	assert_int_equal(rules_load_buf(&rs, &kb, "t.rules", base_rules, strlen(base_rules), &e),
	                 0);
	assert_int_equal(rules_index(&rs, &e), 0);
	char path[] = "/tmp/bsw-hashlist-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fprintf(f,
	        "# known files\n\n%s  avco  security-software  AvCo installer 2.1\r\n"
	        "%s\tavco\tsecurity-software\tAvCo driver\n",
	        H1, H2);
	fclose(f);
	assert_int_equal(rules_add_hashlist(&rs, &kb, path, &e), 0);
	struct rule_scratch sc;
	rules_scratch_init(&sc);
	struct rule_hit hits[4];
	int k = key_find("file.sha256");
	assert_int_equal(rules_match(&rs, &sc, k, H1, 64, hits, 4), 1);
	assert_string_equal(hits[0].product, "AvCo installer 2.1");
	assert_string_equal(hits[0].rule->vendor->slug, "avco");
	/* Digests compare without regard to case (sha256sum writes lower case). */
	char lower[65];
	for (int i = 0; i < 64; i++)
		lower[i] = (char)(H2[i] >= 'A' && H2[i] <= 'F' ? H2[i] + 32 : H2[i]);
	lower[64] = 0;
	assert_int_equal(rules_match(&rs, &sc, k, lower, 64, hits, 4), 1);
	assert_string_equal(hits[0].product, "AvCo driver");
	/* The rules loaded before are still there. */
	assert_int_equal(rules_match(&rs, &sc, key_find("pkg.name"), "kesl", 4, hits, 4), 1);
	rules_scratch_release(&sc);

	/* Errors name the line. */
	struct buf b;
	buf_init(&b, 0);
	static const char *const bad[] = {"# c\nnot-a-hash avco security-software X\n",
	                                  "\n" H1 " avco security-software\n",
	                                  H1 "0 avco security-software X\n", "\n\n" H1 "\n"};
	static const char *const want[] = {"l.txt:2: not a SHA-256", "l.txt:2: expected",
	                                   "l.txt:1: not a SHA-256", "l.txt:3: expected"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		buf_reset(&b);
		assert_int_equal(rules_hashlist_text(&b, "l.txt", 0, bad[i], strlen(bad[i]), &e),
		                 -1);
		assert_non_null(strstr(e.msg, want[i]));
	}
	buf_release(&b);
	/* An unknown vendor is refused by the rules loader, naming the list. */
	f = fopen(path, "w");
	fprintf(f, "%s  nosuchvendor  security-software  X\n", H1);
	fclose(f);
	assert_int_equal(rules_add_hashlist(&rs, &kb, path, &e), -1);
	assert_non_null(strstr(e.msg, path));
	/* ... and the rules loaded before are whole and still indexed. */
	rules_scratch_init(&sc);
	assert_int_equal(rules_match(&rs, &sc, k, H1, 64, hits, 4), 1);
	assert_string_equal(hits[0].product, "AvCo installer 2.1");
	assert_int_equal(rules_match(&rs, &sc, key_find("pkg.name"), "kesl", 4, hits, 4), 1);
	rules_scratch_release(&sc);
	unlink(path);
	rules_release(&rs);
	kb_release(&kb);
	synth_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(t_hashlist)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
