/* bansweep bans: the instrument catalogue with each instrument's next milestone as of --as-of. */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/policy.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep bans [options] [--vendor V] [--jurisdiction J] [ID...]\n\n"
    "Lists the instruments (bans, directives, covered lists, guidance) of the catalogue: who\n"
    "issued them, whom they bind, what they cover and require, and their milestones. The next\n"
    "milestone is computed as of --as-of (default today). With IDs, or -v, every detail is "
    "shown.\n\n"
    "Options:\n"
    "  --vendor V         only instruments covering vendor V (e.g. kaspersky, huawei, dji)\n"
    "  --jurisdiction J   only instruments of jurisdiction J (us, uk, de, au, ca, se)\n"
    "  --policy PROFILE   only the instruments that bind PROFILE\n"
    "  --json, --csv, --as-of DATE, -v; see 'bansweep --help'.\n";

struct opts {
	const char *vendor, *jur;
};

enum { OPT_VENDOR = 1, OPT_JUR };

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c;
	struct opts *o = ctx;
	if (opt == OPT_VENDOR)
		o->vendor = arg;
	else if (opt == OPT_JUR)
		o->jur = arg;
	else
		return -1;
	return 0;
}

static void covers_text(const struct kb_instrument *in, struct buf *b)
{
	for (size_t i = 0; i < in->ncovers; i++) {
		const struct kb_cover *cv = &in->covers[i];
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(in->covers[j].vendor, cv->vendor);
		if (!dup)
			buf_printf(b, "%s%s%s", b->len ? "," : "", cv->vendor,
			           cv->qualified ? "*" : "");
	}
}

static void instrument_json(struct cli *c, const struct kb_instrument *in)
{
	char d[11];
	struct jw *w = cli_jw(c);
	jw_obj(w);
	jw_kstr(w, "id", in->id);
	jw_kstr(w, "title", in->title);
	jw_kstr(w, "authority", in->authority);
	jw_kstr(w, "reference", in->reference);
	jw_kstr(w, "jurisdiction", in->jurisdiction);
	jw_kstr(w, "binds", in->binds);
	bs_day_format(in->issued, d);
	jw_kstr(w, "issued", d);
	jw_kstr(w, "effect", kb_effect_name(in->effect));
	jw_kbool(w, "binds_existing", kb_effect_binds_existing(in->effect));
	jw_kstr(w, "legal", in->legal);
	jw_kstr(w, "action", in->action);
	jw_kstr(w, "qualifier", in->qualifier);
	jw_kstr(w, "category", in->category);
	jw_kstr(w, "status", in->status);
	jw_key(w, "covers");
	jw_arr(w);
	for (size_t i = 0; i < in->ncovers; i++) {
		jw_obj(w);
		jw_kstr(w, "vendor", in->covers[i].vendor);
		jw_key(w, "classes");
		jw_arr(w);
		for (size_t k = 0; k < in->covers[i].classes.n; k++)
			jw_str(w, in->covers[i].classes.v[k]);
		if (in->covers[i].classes.n == 0)
			jw_str(w, "*");
		jw_aend(w);
		jw_kbool(w, "qualified", in->covers[i].qualified);
		jw_end(w);
	}
	jw_aend(w);
	if (in->ntraces) { /* only where there are: most instruments have none */
		jw_key(w, "traces");
		jw_arr(w);
		for (size_t i = 0; i < in->ntraces; i++) {
			jw_obj(w);
			jw_kstr(w, "vendor", in->traces[i].vendor);
			jw_kstr(w, "action", in->traces[i].action);
			jw_end(w);
		}
		jw_aend(w);
	}
	jw_key(w, "milestones");
	jw_arr(w);
	for (size_t i = 0; i < in->nms; i++) {
		jw_obj(w);
		bs_day_format(in->ms[i].day, d);
		jw_kstr(w, "date", d);
		jw_key(w, "after_days");
		if (in->ms[i].rel_days >= 0)
			jw_int(w, in->ms[i].rel_days);
		else
			jw_null(w);
		jw_kstr(w, "label", in->ms[i].label);
		jw_kstr(w, "text", in->ms[i].text);
		jw_end(w);
	}
	jw_aend(w);
	const struct kb_milestone *m = policy_next_milestone(in, c->as_of);
	if (m) {
		jw_key(w, "next");
		jw_obj(w);
		bs_day_format(m->day, d);
		jw_kstr(w, "date", d);
		jw_kstr(w, "label", m->label);
		jw_kint(w, "days", m->day - c->as_of);
		jw_end(w);
	}
	jw_key(w, "sources");
	jw_arr(w);
	for (size_t i = 0; i < in->sources.n; i++)
		jw_str(w, in->sources.v[i]);
	jw_aend(w);
	jw_kstr(w, "note", in->note);
	jw_kstr(w, "catalogue", c->kb.version);
	jw_end(w);
	jw_line(w);
}

static void detail(struct cli *c, const struct kb_instrument *in)
{
	char d[11], days[48];
	bs_day_format(in->issued, d);
	printf("%s: %s\n", in->id, in->title);
	printf("  authority     %s%s%s\n", in->authority, in->reference ? ", " : "",
	       in->reference ? in->reference : "");
	printf("  jurisdiction  %s; binds %s\n", in->jurisdiction, in->binds);
	printf("  issued        %s; status %s\n", d, in->status);
	printf("  effect        %s (%s existing equipment): %s\n", kb_effect_name(in->effect),
	       kb_effect_binds_existing(in->effect) ? "binds" : "does not bind", in->legal);
	printf("  action        %s\n", in->action);
	for (size_t i = 0; i < in->ncovers; i++) {
		const struct kb_cover *cv = &in->covers[i];
		printf("  covers        %s:", cv->vendor);
		for (size_t k = 0; k < cv->classes.n; k++)
			printf("%s%s", k ? "," : " ", cv->classes.v[k]);
		printf("%s%s\n", cv->classes.n ? "" : " every class",
		       cv->qualified ? " (qualified)" : "");
	}
	for (size_t i = 0; i < in->ntraces; i++)
		printf("  trace         %s (not covered): %s\n", in->traces[i].vendor,
		       in->traces[i].action);
	if (in->qualifier)
		printf("  qualifier     %s\n", in->qualifier);
	if (in->category)
		printf("  category      %s\n", in->category);
	for (size_t i = 0; i < in->nms; i++) {
		bs_day_format(in->ms[i].day, d);
		cli_days_text(in->ms[i].day - c->as_of, 0, days, sizeof(days));
		if (in->ms[i].day < c->as_of)
			bs_strlcpy(days, "passed", sizeof(days));
		printf("  milestone     %s %-12s %s (%s)\n", d, in->ms[i].label, in->ms[i].text,
		       days);
	}
	for (size_t i = 0; i < in->sources.n; i++)
		printf("  source        %s\n", in->sources.v[i]);
	if (in->note)
		printf("  note          %s\n", in->note);
	printf("\n");
}

static int selected(const struct kb_instrument *in, const struct opts *o, int argc, char **argv,
                    int first, const struct kb_profile *p)
{
	if (first < argc) {
		for (int i = first; i < argc; i++)
			if (!strcmp(argv[i], in->id))
				return 1;
		return 0;
	}
	if (!policy_selects(p, in))
		return 0;
	if (o->jur && strcmp(o->jur, in->jurisdiction))
		return 0;
	if (o->vendor) {
		for (size_t i = 0; i < in->ncovers; i++)
			if (!strcmp(in->covers[i].vendor, o->vendor))
				return 1;
		for (size_t i = 0; i < in->ntraces; i++)
			if (!strcmp(in->traces[i].vendor, o->vendor))
				return 1;
		return 0;
	}
	return 1;
}

int cmd_bans(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"vendor", required_argument, NULL, OPT_VENDOR},
	                                    {"jurisdiction", required_argument, NULL, OPT_JUR},
	                                    {0}};
	struct opts o = {0};
	int first = cli_getopt(c, argc, argv, "", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (cli_load_profile(c) < 0)
		return EXIT_USAGE;
	if (o.vendor && !kb_vendor_find(&c->kb, o.vendor)) {
		cli_error("bans: unknown vendor '%s'", o.vendor);
		return EXIT_USAGE;
	}
	for (int i = first; i < argc; i++)
		if (!kb_instrument_find(&c->kb, argv[i])) {
			cli_error("bans: unknown instrument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	static const char *const cols[] = {"ID",   "JURIS", "ISSUED", "EFFECT", "COVERS",
	                                   "NEXT", "DATE",  "WHEN",   "TITLE"};
	size_t ncols = sizeof(cols) / sizeof(*cols);
	struct table *t = c->fmt == OUT_TEXT ? table_new(ncols, cols) : NULL;
	if (c->fmt == OUT_CSV)
		csv_row(stdout, cols, ncols);
	int details = first < argc || c->verbose;
	if (c->fmt == OUT_TEXT && !c->quiet)
		cli_text_header(c, stdout, 0);
	for (size_t i = 0; i < c->kb.ninstruments; i++) {
		const struct kb_instrument *in = &c->kb.instruments[i];
		if (!selected(in, &o, argc, argv, first, c->profile))
			continue;
		if (c->fmt == OUT_JSON) {
			instrument_json(c, in);
			continue;
		}
		if (c->fmt == OUT_TEXT && details) {
			detail(c, in);
			continue;
		}
		char issued[11], date[11], when[48];
		struct buf cov;
		buf_init(&cov, 0);
		covers_text(in, &cov);
		bs_day_format(in->issued, issued);
		const struct kb_milestone *m = policy_next_milestone(in, c->as_of);
		bs_day_format(m->day, date);
		cli_days_text(m->day - c->as_of, 0, when, sizeof(when));
		if (m->day < c->as_of)
			bs_strlcpy(when, "passed", sizeof(when));
		const char *cells[] = {
		    in->id,   in->jurisdiction, issued, kb_effect_name(in->effect),
		    cov.data, m->label,         date,   when,
		    in->title};
		if (t)
			table_add(t, cells, NULL);
		else
			csv_row(stdout, cells, ncols);
		buf_release(&cov);
	}
	if (t) {
		if (!details) {
			table_print(t, stdout, c->colour);
			if (!c->quiet)
				printf("(* qualified cover: needs review. 'bansweep bans ID' for "
				       "details.)\n");
		}
		table_free(t);
	}
	return EXIT_OK;
}
