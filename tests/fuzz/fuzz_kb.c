/* Fuzzes the knowledge-base loaders: the first byte picks the file kind (catalogue, classes,
 * vendors, instruments, profiles), the rest is that file's text. The other files come from a
 * small fixed knowledge base so that cross-references can resolve. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "core/kb_load.h"

static const char base_classes[] =
    "class device\n\ttitle d\nclass camera\n\ttitle c\n\tgroup video\n";
static const char base_vendors[] =
    "vendor acme\n\tname A\n\tlegal A Ltd\n\tieee A Ltd\n\tsource s\n";
static const char base_instruments[] =
    "instrument i\n\ttitle T\n\tauthority A\n\tjurisdiction us\n\tbinds b\n\tissued 2020-01-01\n"
    "\teffect remove\n\tlegal l\n\taction a\n\tcovers acme video\n\tstatus verified\n"
    "\tsource s\n";

static int feed(struct kb *kb, const char *text, rec_fn fn)
{
	char *copy = xstrdup(text);
	struct bs_err e;
	int rc = rec_parse("base", copy, strlen(copy), fn, kb, &e);
	free(copy);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const rec_fn fns[] = {kb_on_catalogue, kb_on_class, kb_on_vendor, kb_on_instrument,
	                             kb_on_profile};
	unsigned which = data[0] % 5;
	struct kb kb;
	memset(&kb, 0, sizeof(kb));
	struct bs_err e;
	if (which > 1 && feed(&kb, base_classes, kb_on_class) < 0)
		abort();
	if (which > 2 && feed(&kb, base_vendors, kb_on_vendor) < 0)
		abort();
	if (which > 3 && feed(&kb, base_instruments, kb_on_instrument) < 0)
		abort();
	char *text = xstrndup((const char *)data + 1, size - 1);
	int rc = rec_parse("fuzz", text, size - 1, fns[which], &kb, &e);
	if (rc == 0 && which == 2 && kb_check_vendors(&kb, "fuzz", &e) == 0 &&
	    kb_build_org_index(&kb, "fuzz", &e) == 0)
		(void)kb_attribute_org(&kb, "A Ltd");
	if (rc == 0 && which == 3)
		(void)kb_check_instruments(&kb, "fuzz", &e);
	free(text);
	kb_release(&kb);
	return 0;
}
