/* bansweep match: which rules (and, for a MAC, which registry block) one observation matches. */
#include <string.h>

#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep match [options] KEY VALUE\n\n"
    "Shows every rule the observation KEY=VALUE matches, with vendor, product, class and\n"
    "strength; for KEY mac, also the MAC registry block. 'bansweep keys' lists the keys.\n"
    "Exit 0 whether or not anything matches.\n\n"
    "Options: --json, --csv; see 'bansweep --help'.\n";

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c, (void)opt, (void)arg, (void)ctx;
	return -1;
}

int cmd_match(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (argc - first != 2) {
		cli_error("match: give KEY and VALUE (try 'bansweep match --help')");
		return EXIT_USAGE;
	}
	const char *key = argv[first], *value = argv[first + 1];
	int k = key_find(key);
	if (k < 0) {
		cli_error("match: unknown key '%s' ('bansweep keys' lists them)", key);
		return EXIT_USAGE;
	}
	if (cli_load_rules(c) < 0)
		return EXIT_USAGE;
	struct rule_scratch s;
	rules_scratch_init(&s);
	struct rule_hit hits[64];
	size_t n = rules_match(&c->rules, &s, k, value, strlen(value), hits, 64);
	static const char *const cols[] = {"RULE",    "VENDOR", "STRENGTH",
	                                   "PRODUCT", "CLASS",  "BRAND"};
	size_t ncols = sizeof(cols) / sizeof(*cols);
	struct table *t = c->fmt == OUT_TEXT ? table_new(ncols, cols) : NULL;
	if (c->fmt == OUT_CSV)
		csv_row(stdout, cols, ncols);
	for (size_t i = 0; i < n; i++) {
		const struct rule *r = hits[i].rule;
		if (c->fmt == OUT_JSON) {
			struct jw *w = cli_jw(c);
			jw_obj(w);
			jw_kstr(w, "key", key);
			jw_kstr(w, "value", value);
			jw_kstr(w, "rule", r->id);
			jw_kstr(w, "vendor", r->vendor->slug);
			jw_kstr(w, "strength", strength_name(r->strength));
			jw_kstr(w, "product", hits[i].product);
			jw_kstr(w, "class", r->cls);
			jw_kstr(w, "brand", r->brand);
			jw_kstr(w, "match", match_kind_name(r->kind));
			jw_kstr(w, "pattern", r->pattern);
			jw_kstr(w, "catalogue", c->kb.version);
			jw_end(w);
			jw_line(w);
			continue;
		}
		const char *cells[] = {r->id,           r->vendor->slug, strength_name(r->strength),
		                       hits[i].product, r->cls,          r->brand};
		if (t)
			table_add(t, cells, NULL);
		else
			csv_row(stdout, cells, ncols);
	}
	rules_scratch_release(&s);
	if (t) {
		if (!c->quiet)
			cli_text_header(c, stdout, 0);
		if (n)
			table_print(t, stdout, c->colour);
		else if (!c->quiet)
			printf("no rule matches %s=%s\n", key, value);
		table_free(t);
	}
	if (!strcmp(key, "mac") && !c->quiet && c->fmt == OUT_TEXT) {
		char *args[] = {"lookup", (char *)value, NULL};
		c->quiet = 1;
		printf("\nMAC registry:\n");
		return cmd_lookup(c, 2, args);
	}
	return EXIT_OK;
}
