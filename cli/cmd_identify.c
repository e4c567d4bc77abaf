/* bansweep identify: JSON Lines observations -> findings (DESIGN.md "Identify", "Policy"). */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/jsonl.h"
#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep identify [options] [FILE...|-]\n\n"
    "Reads observations as JSON Lines, one object a line:\n"
    "  {\"asset\": ID, \"key\": KEY, \"value\": VALUE, \"source\": S, \"time\": T}\n"
    "(source and time optional; 'bansweep keys' lists the keys), groups them into assets by ID,\n"
    "matches them against the rules and MAC registries, and prints one finding per asset and\n"
    "vendor: brand shown and maker, product, class, confidence (confirmed, likely, possible,\n"
    "needs-review), evidence, and for each instrument of --policy its status (action-required,\n"
    "needs-review, informational), action and next deadline as of --as-of.\n"
    "With no FILE, or '-', reads standard input. A malformed line is reported with its number\n"
    "and skipped; the others are processed and the exit status is 2.\n\n"
    "Options: --policy PROFILE, --as-of DATE, --fail-on-findings, --json, --csv, -v, -q;\n"
    "see 'bansweep --help'.\n";

struct run {
	struct cli *c;
	struct identify *id;
	struct table *t;
	size_t findings, action, review;
	time_t last;
	int progress;
	unsigned long seen;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c, (void)opt, (void)arg, (void)ctx;
	return -1;
}

static int on_obs(const struct jsonl_obs *o, void *ctx, char *msg, size_t msglen)
{
	struct run *r = ctx;
	if (identify_add(r->id, o->asset, o->key, o->value, o->vlen, o->source, o->time) < 0) {
		snprintf(msg, msglen, "unknown key '%.64s' ('bansweep keys' lists them)", o->key);
		return -1;
	}
	if (r->progress && (++r->seen & 0xffff) == 0) {
		time_t now = time(NULL);
		if (now != r->last) {
			r->last = now;
			fprintf(stderr, "\ridentify: %lu observations, %zu assets", r->seen,
			        identify_nassets(r->id));
		}
	}
	return 0;
}

static void on_bad(const char *name, unsigned long line, const char *msg, void *ctx)
{
	(void)ctx;
	cli_error("%s:%lu: %s", name, line, msg);
}

static void finding_json(struct run *r, const struct finding *f)
{
	struct cli *c = r->c;
	struct jw *w = cli_jw(c);
	char d[11];
	jw_obj(w);
	jw_key(w, "asset");
	jw_obj(w);
	jw_kstr(w, "id", f->asset->id);
	if (f->asset->mac)
		jw_kstr(w, "mac", f->asset->mac);
	if (f->asset->ip)
		jw_kstr(w, "ip", f->asset->ip);
	if (f->asset->hostname)
		jw_kstr(w, "hostname", f->asset->hostname);
	if (f->asset->root)
		jw_kstr(w, "root", f->asset->root);
	jw_kbool(w, "randomised_mac", f->asset->randomised);
	jw_end(w);
	jw_kstr(w, "vendor", f->vendor->slug);
	jw_kstr(w, "maker", f->maker);
	jw_kstr(w, "brand", f->brand);
	jw_kstr(w, "product", f->product);
	jw_kstr(w, "class", f->cls);
	jw_kstr(w, "confidence", confidence_name(f->conf));
	jw_kstr(w, "note", f->note);
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = f->ev[i];
		jw_obj(w);
		jw_kstr(w, "key", key_get(e->key)->name);
		jw_key(w, "value");
		jw_strn(w, e->value, e->vlen);
		jw_kstr(w, "rule", e->rule);
		jw_kstr(w, "source", e->source);
		jw_kstr(w, "strength", strength_name(e->strength));
		if (e->time)
			jw_kstr(w, "time", e->time);
		jw_end(w);
	}
	jw_aend(w);
	jw_key(w, "bans");
	jw_arr(w);
	for (size_t i = 0; i < f->nbans; i++) {
		const struct ban_eval *b = &f->bans[i];
		jw_obj(w);
		jw_kstr(w, "id", b->in->id);
		jw_kstr(w, "status", ban_status_name(b->status));
		jw_kstr(w, "effect", kb_effect_name(b->in->effect));
		jw_kstr(w, "action", b->in->action);
		bs_day_format(b->next->day, d);
		jw_kstr(w, "deadline", d);
		jw_kstr(w, "milestone", b->next->label);
		jw_kint(w, "days", b->days);
		jw_kbool(w, "overdue", b->days < 0);
		jw_kbool(w, "in_force", b->in_force);
		jw_kstr(w, "why", b->why);
		if (b->detail)
			jw_kstr(w, b->in->category ? "category" : "qualifier", b->detail);
		jw_end(w);
	}
	jw_aend(w);
	bs_day_format(c->as_of, d);
	jw_kstr(w, "as_of", d);
	jw_kstr(w, "policy", c->policy);
	jw_kstr(w, "catalogue", c->kb.version);
	if (c->reg)
		jw_kstr(w, "registry", registry_date(c->reg));
	jw_end(w);
	jw_line(w);
}

static const char *status_colour(enum ban_status s)
{
	return s == BAN_ACTION ? "31" : s == BAN_REVIEW ? "33" : NULL;
}

static void finding_verbose(struct run *r, const struct finding *f)
{
	char d[11], days[48];
	printf("%s: %s [%s]; brand shown: %s; made by: %s (%s)\n", f->asset->id, f->product, f->cls,
	       f->brand, f->vendor->name, f->maker);
	printf("  confidence  %s%s%s\n", confidence_name(f->conf), f->note ? ": " : "",
	       f->note ? f->note : "");
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = f->ev[i];
		printf("  evidence    %s=", key_get(e->key)->name);
		cli_put_escaped(stdout, e->value);
		printf(" [%s, %s%s%s]\n", e->rule, strength_name(e->strength),
		       e->source ? ", " : "", e->source ? e->source : "");
	}
	for (size_t i = 0; i < f->nbans; i++) {
		const struct ban_eval *b = &f->bans[i];
		bs_day_format(b->next->day, d);
		cli_days_text(b->days, b->status == BAN_ACTION, days, sizeof(days));
		printf("  %-15s %s: %s; %s %s (%s)\n", ban_status_name(b->status), b->in->id,
		       b->in->action, b->next->label, d, days);
		if (b->why)
			printf("                  why: %s%s%s%s%s\n", b->why, b->detail ? " (" : "",
			       b->detail ? (b->in->category ? "category: " : "qualifier: ") : "",
			       b->detail ? b->detail : "", b->detail ? ")" : "");
	}
	printf("\n");
	(void)r;
}

static int on_finding(const struct finding *f, void *ctx)
{
	struct run *r = ctx;
	struct cli *c = r->c;
	r->findings++;
	const struct ban_eval *top = f->nbans ? &f->bans[0] : NULL;
	if (top && top->status == BAN_ACTION)
		r->action++;
	else if (top && top->status == BAN_REVIEW)
		r->review++;
	if (c->fmt == OUT_JSON) {
		finding_json(r, f);
		return 0;
	}
	if (c->fmt == OUT_TEXT && c->verbose) {
		finding_verbose(r, f);
		return 0;
	}
	char deadline[80] = "", days[48], d[11];
	if (top) {
		bs_day_format(top->next->day, d);
		cli_days_text(top->days, top->status == BAN_ACTION, days, sizeof(days));
		snprintf(deadline, sizeof(deadline), "%s %s (%s)", top->next->label, d, days);
	}
	struct buf ids, rules;
	buf_init(&ids, 0);
	buf_init(&rules, 0);
	for (size_t i = 0; i < f->nbans; i++) {
		if (i)
			buf_addc(&ids, ';');
		buf_adds(&ids, f->bans[i].in->id);
	}
	for (size_t i = 0; i < f->nev; i++) {
		if (i)
			buf_addc(&rules, ';');
		buf_adds(&rules, f->ev[i]->rule);
	}
	const char *status = top ? ban_status_name(top->status) : "not-covered";
	if (c->fmt == OUT_CSV) {
		char nd[16] = "";
		if (top)
			snprintf(nd, sizeof(nd), "%d", top->days);
		const char *cells[] = {f->asset->id,    f->asset->mac,
		                       f->asset->ip,    f->asset->hostname,
		                       f->vendor->slug, f->maker,
		                       f->brand,        f->product,
		                       f->cls,          confidence_name(f->conf),
		                       status,          top ? top->in->id : "",
		                       top ? d : "",    nd,
		                       ids.data,        rules.data};
		csv_row(stdout, cells, sizeof(cells) / sizeof(*cells));
	} else {
		const char *cells[] = {f->asset->id,    f->brand,
		                       f->vendor->name, f->product,
		                       f->cls,          confidence_name(f->conf),
		                       status,          top ? top->in->id : NULL,
		                       deadline};
		const char *colours[9] = {0};
		colours[6] = top ? status_colour(top->status) : NULL;
		table_add(r->t, cells, colours);
	}
	buf_release(&ids);
	buf_release(&rules);
	return 0;
}

static int read_input(struct run *r, const char *path, struct jsonl_stats *st)
{
	FILE *f = stdin;
	const char *name = "<stdin>";
	if (strcmp(path, "-")) {
		f = fopen(path, "rb");
		name = path;
		if (!f) {
			cli_error("%s: %s", path, strerror(errno));
			return -1;
		}
	}
	int rc = jsonl_read_mt(f, name, on_obs, r, on_bad, NULL, st);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cmd_identify(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	struct run r = {0};
	r.c = c;
	r.id = identify_new(&c->kb, &c->rules, c->reg);
	r.progress = !c->quiet && isatty(STDERR_FILENO);
	struct jsonl_stats st = {0};
	int failed = 0;
	if (first >= argc)
		failed |= read_input(&r, "-", &st) < 0;
	for (int i = first; i < argc; i++)
		failed |= read_input(&r, argv[i], &st) < 0;
	if (r.progress && r.seen >= 0x10000)
		fputc('\n', stderr);
	static const char *const tcols[] = {"ASSET",   "BRAND SHOWN", "MADE BY",
	                                    "PRODUCT", "CLASS",       "CONFIDENCE",
	                                    "STATUS",  "INSTRUMENT",  "NEXT DEADLINE"};
	static const char *const ccols[] = {"asset",    "mac",        "ip",          "hostname",
	                                    "vendor",   "maker",      "brand",       "product",
	                                    "class",    "confidence", "status",      "instrument",
	                                    "deadline", "days",       "instruments", "rules"};
	if (c->fmt == OUT_TEXT && !c->verbose)
		r.t = table_new(sizeof(tcols) / sizeof(*tcols), tcols);
	if (c->fmt == OUT_CSV)
		csv_row(stdout, ccols, sizeof(ccols) / sizeof(*ccols));
	if (c->fmt == OUT_TEXT && !c->quiet)
		cli_text_header(c, stdout, 1);
	identify_each(r.id, c->profile, c->as_of, on_finding, &r);
	if (r.t) {
		if (table_rows(r.t))
			table_print(r.t, stdout, c->colour);
		else if (!c->quiet)
			printf("no findings\n");
		table_free(r.t);
	}
	if (!c->quiet)
		fprintf(stderr,
		        "identify: %lu lines, %lu observations, %zu assets, %zu findings "
		        "(%zu action required, %zu needs review), %lu malformed lines\n",
		        st.lines, st.ok, identify_nassets(r.id), r.findings, r.action, r.review,
		        st.bad);
	identify_free(r.id);
	if (failed || st.bad)
		return EXIT_USAGE;
	return c->fail_on_findings && r.action ? EXIT_FINDINGS : EXIT_OK;
}
