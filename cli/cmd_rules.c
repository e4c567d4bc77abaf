/* bansweep rules check | list: the rule self-test and a listing. */
#include <string.h>

#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep rules check\n"
    "       bansweep rules list [--vendor V]\n\n"
    "check: runs every rule's examples (each must be matched by that rule, through the same\n"
    "index identification uses, for every key the rule names) and counter-examples (none may\n"
    "be matched by any rule of the same vendor on that key). Exit 1 on any miss, 2 when a rule\n"
    "file does not load.\n"
    "list: the rules with key, matcher, strength, product and class.\n\n"
    "Options: --vendor V, --json, --csv, -q; see 'bansweep --help'.\n";

enum { OPT_VENDOR = 1 };

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c;
	if (opt != OPT_VENDOR)
		return -1;
	*(const char **)ctx = arg;
	return 0;
}

static int hit_has(const struct rule_hit *h, size_t n, const struct rule *r)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].rule == r)
			return 1;
	return 0;
}

static int check(struct cli *c)
{
	struct rule_scratch s;
	rules_scratch_init(&s);
	struct rule_hit hits[64];
	size_t nex = 0, nco = 0, fails = 0;
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct rule *r = &c->rules.rules[i];
		for (size_t k = 0; k < r->nkeys; k++) {
			const char *key = key_get(r->keys[k])->name;
			for (size_t x = 0; x < r->nexamples; x++, nex++) {
				const char *v = r->examples[x];
				size_t n =
				    rules_match(&c->rules, &s, r->keys[k], v, strlen(v), hits, 64);
				if (!hit_has(hits, n, r)) {
					fails++;
					printf("%s:%u: rule %s: example not matched on %s: %s\n",
					       r->file, r->line, r->id, key, v);
				}
			}
			for (size_t x = 0; x < r->ncounters; x++, nco++) {
				const char *v = r->counters[x];
				size_t n =
				    rules_match(&c->rules, &s, r->keys[k], v, strlen(v), hits, 64);
				for (size_t h = 0; h < n; h++) {
					if (hits[h].rule->vendor != r->vendor)
						continue;
					fails++;
					printf("%s:%u: rule %s: counter-example matched on %s by "
					       "%s: %s\n",
					       r->file, r->line, r->id, key, hits[h].rule->id, v);
				}
			}
		}
	}
	rules_scratch_release(&s);
	if (!c->quiet || fails)
		printf("rules check: %zu rules in %zu files, %zu examples, %zu counter-examples: %s"
		       " (catalogue %s)\n",
		       c->rules.n, c->rules.nfiles, nex, nco, fails ? "FAILED" : "all pass",
		       c->kb.version);
	if (fails)
		printf("%zu passed, %zu failed\n", nex + nco - fails, fails);
	return fails ? EXIT_FINDINGS : EXIT_OK;
}

static int list(struct cli *c, const char *vendor)
{
	static const char *const cols[] = {"RULE",     "KEYS",    "MATCH", "PATTERN",
	                                   "STRENGTH", "PRODUCT", "CLASS"};
	size_t ncols = sizeof(cols) / sizeof(*cols);
	struct table *t = c->fmt == OUT_TEXT ? table_new(ncols, cols) : NULL;
	if (c->fmt == OUT_CSV)
		csv_row(stdout, cols, ncols);
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct rule *r = &c->rules.rules[i];
		if (vendor && strcmp(vendor, r->vendor->slug))
			continue;
		char keys[512] = "";
		size_t o = 0;
		for (size_t k = 0; k < r->nkeys && o < sizeof(keys); k++)
			o += (size_t)snprintf(keys + o, sizeof(keys) - o, "%s%s", k ? " " : "",
			                      key_get(r->keys[k])->name);
		if (c->fmt == OUT_JSON) {
			struct jw *w = cli_jw(c);
			jw_obj(w);
			jw_kstr(w, "rule", r->id);
			jw_kstr(w, "vendor", r->vendor->slug);
			jw_key(w, "keys");
			jw_arr(w);
			for (size_t k = 0; k < r->nkeys; k++)
				jw_str(w, key_get(r->keys[k])->name);
			jw_aend(w);
			jw_kstr(w, "match", match_kind_name(r->kind));
			jw_kstr(w, "pattern", r->pattern);
			jw_kstr(w, "strength", strength_name(r->strength));
			jw_kstr(w, "product", r->product);
			jw_kstr(w, "class", r->cls);
			jw_kstr(w, "brand", r->brand);
			jw_kstr(w, "source", r->source);
			jw_kstr(w, "file", r->file);
			jw_kint(w, "line", r->line);
			jw_end(w);
			jw_line(w);
			continue;
		}
		const char *cells[] = {r->id,
		                       keys,
		                       match_kind_name(r->kind),
		                       r->pattern,
		                       strength_name(r->strength),
		                       r->product,
		                       r->cls};
		if (t)
			table_add(t, cells, NULL);
		else
			csv_row(stdout, cells, ncols);
	}
	if (t) {
		table_print(t, stdout, c->colour);
		table_free(t);
	}
	return EXIT_OK;
}

int cmd_rules(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"vendor", required_argument, NULL, OPT_VENDOR}, {0}};
	const char *vendor = NULL;
	int first = cli_getopt(c, argc, argv, "", own, handler, &vendor, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (argc - first != 1 || (strcmp(argv[first], "check") && strcmp(argv[first], "list"))) {
		cli_error("rules: say 'check' or 'list' (try 'bansweep rules --help')");
		return EXIT_USAGE;
	}
	if (cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (vendor && !kb_vendor_find(&c->kb, vendor)) {
		cli_error("rules: unknown vendor '%s'", vendor);
		return EXIT_USAGE;
	}
	return !strcmp(argv[first], "check") ? check(c) : list(c, vendor);
}
