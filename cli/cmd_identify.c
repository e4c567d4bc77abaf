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
    "The run is recorded in the store (--db; --no-store does not record it).\n\n"
    "Options:\n"
    "  --complete   the input holds each of its assets whole (an inventory export): a stored\n"
    "               finding of one of them that the input does not show again is removed\n"
    "  --policy PROFILE, --as-of DATE, --fail-on-findings, --json, --csv, -v, -q: see\n"
    "  'bansweep --help'.\n";

struct run {
	struct cli *c;
	struct identify *id;
	time_t last;
	int progress;
	unsigned long seen;
};

enum { OPT_COMPLETE = 1 };

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)arg, (void)ctx;
	if (opt != OPT_COMPLETE)
		return -1;
	c->scope_assets = 1;
	return 0;
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
	static const struct option own[] = {{"complete", no_argument, NULL, OPT_COMPLETE}, {0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	struct run r = {0};
	r.c = c;
	if (cli_store_begin(c, "identify") < 0)
		return EXIT_USAGE;
	for (int i = first; i < argc; i++)
		cli_store_scope(c, "file", argv[i]);
	r.id = cli_identify_new(c);
	r.progress = !c->quiet && isatty(STDERR_FILENO);
	struct jsonl_stats st = {0};
	int failed = 0;
	if (first >= argc)
		failed |= read_input(&r, "-", &st) < 0;
	for (int i = first; i < argc; i++)
		failed |= read_input(&r, argv[i], &st) < 0;
	if (r.progress && r.seen >= 0x10000)
		fputc('\n', stderr);
	struct findings_count n;
	cli_report_findings(c, r.id, &n);
	if (!c->quiet)
		fprintf(stderr,
		        "identify: %lu lines, %lu observations, %zu assets, %zu findings "
		        "(%zu action required, %zu needs review), %lu malformed lines\n",
		        st.lines, st.ok, identify_nassets(r.id), n.findings, n.action, n.review,
		        st.bad);
	identify_free(r.id);
	if (failed || st.bad)
		return EXIT_USAGE;
	return c->fail_on_findings && n.action ? EXIT_FINDINGS : EXIT_OK;
}
