/* A small synthetic knowledge base written to a temporary directory, so that engine tests do not
 * depend on the real catalogue's contents (tests/unit/test_instruments.c covers those). */
#ifndef BS_TEST_SYNTH_H
#define BS_TEST_SYNTH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synth_catalogue[] = "catalogue bansweep\n\tversion 2020-01-01\n";
static const char synth_classes[] = "class camera\n\ttitle camera\n\tgroup video\n"
                                    "class router\n\ttitle router\n\tgroup telecom\n"
                                    "class security-software\n\ttitle av\n\tgroup software\n"
                                    "class chip\n\ttitle chip\n\tgroup component\n"
                                    "class device\n\ttitle unknown\n";
static const char synth_vendors[] =
    "vendor acme\n\tname Acme\n\tlegal Acme Surveillance Co., Ltd.\n\talias ACME\n"
    "\tieee Acme Surveillance Co.,Ltd\n\tsource test\n"
    "vendor avco\n\tname AvCo\n\tlegal AO AvCo Lab\n\tsource test\n"
    "vendor succ\n\tname Successor\n\tlegal Successor Inc.\n\tsource test\n"
    "brand acmelens\n\tname AcmeLens\n\tvendor acme\n\trelation brand\n"
    "\tieee AcmeLens Software Co.,Ltd.\n\tsource test\n"
    "brand acmechip\n\tname AcmeChip\n\tvendor acme\n\trelation chip\n"
    "\tieee AcmeChip Technologies Co., Ltd\n\tsource test\n"
    "brand former\n\tname Formerly\n\tvendor acme\n\trelation former-subsidiary\n"
    "\towned 2015 2020-11\n\tieee Formerly Device Co., Ltd.\n\tsource test\n"
    "brand lookalike\n\tname Acme Scale\n\trelation unrelated\n"
    "\tieee Shanghai Acme Scale Factory\n\tsource test\n";
static const char synth_instruments[] =
    "instrument x-remove\n\ttitle Remove\n\tauthority A\n\tjurisdiction us\n\tbinds agencies\n"
    "\tissued 2020-01-01\n\teffect remove\n\tlegal remove\n\taction Remove it\n"
    "\tmilestone +30 identify Identify\n\tmilestone 2020-06-30 remove Remove\n"
    "\tcovers avco *\n\tcovers acme router\n\ttrace succ Look for AvCo remnants\n"
    "\tstatus verified\n\tsource test\n"
    "instrument x-qualified\n\ttitle Q\n\tauthority A\n\tjurisdiction us\n\tbinds agencies\n"
    "\tissued 2019-08-13\n\teffect no-use\n\tlegal no use\n\taction Stop\n"
    "\tcovers acme video qualified\n\tqualifier to the extent used for X\n"
    "\tstatus verified\n\tsource test\n"
    "instrument x-category\n\ttitle C\n\tauthority A\n\tjurisdiction us\n\tbinds all\n"
    "\tissued 2025-12-22\n\teffect no-authorisation\n\tlegal none\n\taction None\n"
    "\tcovers acme camera\n\tcategory foreign-made cameras\n\tstatus verified\n\tsource test\n"
    "instrument x-guidance\n\ttitle G\n\tauthority A\n\tjurisdiction uk\n\tbinds all\n"
    "\tissued 2022-03-15\n\teffect guidance\n\tlegal advice\n\taction Replace\n"
    "\tcovers avco *\n\tstatus verified\n\tsource test\n";
static const char synth_profiles[] = "profile all\n\ttitle all\n\tinstrument *\n"
                                     "profile uk\n\ttitle uk\n\tinstrument x-guidance\n";

static void synth_write(const char *dir, const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

/* Writes the synthetic kb into a new temporary directory (with rules/) and returns its path. */
static char *synth_dir(void)
{
	char *dir = strdup("/tmp/bansweep-test-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	synth_write(dir, "catalogue.txt", synth_catalogue);
	synth_write(dir, "classes.txt", synth_classes);
	synth_write(dir, "vendors.txt", synth_vendors);
	synth_write(dir, "instruments.txt", synth_instruments);
	synth_write(dir, "profiles.txt", synth_profiles);
	return dir;
}

static void synth_remove(char *dir)
{
	const char *names[] = {"catalogue.txt", "classes.txt", "vendors.txt", "instruments.txt",
	                       "profiles.txt"};
	char p[512];
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	free(dir);
}

#endif
