/* bansweep import: other tools' output -> findings (DESIGN.md "imports"). Each file's format is
 * detected from its first bytes or named with --format; the importer streams it into the
 * identification engine. For formats whose records each hold an asset whole, assets are
 * concluded a batch at a time, so memory does not grow with the file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/import.h"
#include "bansweep/store.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep import [options] [--format NAME] [FILE...|-]\n\n"
    "Reads other tools' output (nmap XML, masscan, zgrab2, runZero, Zeek, Suricata, Kismet,\n"
    "osquery, CSV asset lists, software lists: 'bansweep import --list' names them), turns it "
    "into\n"
    "observations and prints the findings: maker, brand shown, evidence, and the instruments of\n"
    "--policy that apply, as 'bansweep identify' does. Each file's format is detected from its\n"
    "content; --format NAME says it (needed for standard input in a format that does not show\n"
    "itself). With no FILE, or '-', reads standard input.\n\n"
    "A malformed record is reported with its line (or byte offset) and skipped; the rest is\n"
    "imported and the exit status is 2. The run is recorded in the store (--db; --no-store does\n"
    "not record it) as a scan of method import:FORMAT; for formats that describe each asset whole\n"
    "(nmap hosts, zgrab2 and runZero records, CSV rows, Kismet devices, software lists: WHOLE in\n"
    "--list), a stored finding of an imported asset that the import no longer shows is recorded\n"
    "as removed. Use --scan-time for an export taken earlier.\n\n"
    "Options:\n"
    "  --format NAME    the input format (see --list); the output formats text, json, ecs and\n"
    "                   syslog are also taken here (csv names the input format: --csv gives\n"
    "                   CSV output)\n"
    "  --list           list the formats and exit\n"
    "  --threads N      1: parse and identify in turn on one core; more (default: the number\n"
    "                   of cores, at most 16): parse in other threads than identification;\n"
    "                   a zgrab2 file is cut into pieces parsed by N threads at once\n"
    "  --asset NAME     the device that files naming none describe (a phone's package list, a\n"
    "                   PC's software list; default: the file's name), so that next month's\n"
    "                   list is the same asset\n"
    "  --authoritative  the files list every asset of their kind (a CMDB export, the whole\n"
    "                   estate's scan): a stored finding from an earlier import of the same\n"
    "                   format is removed when its asset is no longer listed, too\n"
    "  --policy PROFILE, --as-of DATE, --fail-on-findings, --json, --csv, -v, -q: see\n"
    "  'bansweep --help'.\n";

/* Assets concluded at a time when records hold them whole: big enough that the per-batch work
 * (finding output, the engine's table reset) is amortised, small enough to stay in cache. */
#define BATCH_ASSETS 4096

enum { OPT_FORMAT = 1, OPT_LIST, OPT_THREADS, OPT_AUTHORITATIVE, OPT_ASSET };

struct opts {
	const struct importer *forced;
	int list, threads, authoritative;
	const char *asset;
};

struct run {
	struct cli *c;
	struct identify *id;
	struct findings_out out;
	const struct importer *imp;
	const char *name;
	int bad_key; /* an importer emitted an unknown key (reported once) */
	/* Every file is of one format whose records hold assets whole: assets are concluded a
	 * batch at a time (with other files in the run, an asset may go on in them). */
	int batch;
	int single; /* the run reads one file */
	uint64_t records, assets_done;
	time_t last;
	int progress;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	if (opt == OPT_FORMAT) {
		o->forced = import_find(arg);
		return o->forced ? 0 : cli_set_format(c, arg);
	}
	if (opt == OPT_LIST) {
		o->list = 1;
		return 0;
	}
	if (opt == OPT_ASSET) {
		if (!*arg) {
			cli_error("import: --asset: empty name");
			return -1;
		}
		o->asset = arg;
		return 0;
	}
	if (opt == OPT_AUTHORITATIVE) {
		o->authoritative = 1;
		return 0;
	}
	if (opt == OPT_THREADS) {
		char *end;
		long v = strtol(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || v < 1 || v > 16) {
			cli_error("import: --threads: '%s' is not a number from 1 to 16", arg);
			return -1;
		}
		o->threads = (int)v;
		return 0;
	}
	return -1;
}

static void conclude(struct run *r)
{
	r->assets_done += identify_nassets(r->id);
	cli_findings_emit(&r->out, r->id);
	identify_clear(r->id);
}

static void progress(struct run *r)
{
	time_t now = time(NULL);
	if (now == r->last)
		return;
	r->last = now;
	fprintf(stderr, "\rimport: %s: %llu records, %llu assets", r->name,
	        (unsigned long long)r->records,
	        (unsigned long long)(r->assets_done + identify_nassets(r->id)));
}

static int on_obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                  const char *time_)
{
	struct run *r = ctx;
	if (identify_add(r->id, asset, key, value, vlen, r->imp->name, time_) == 0)
		return 0;
	if (!r->bad_key++)
		cli_error(
		    "%s: the %s importer emitted the unknown key '%.64s' (a bug; please report "
		    "it)",
		    r->name, r->imp->name, key);
	return -1;
}

static void on_end(void *ctx)
{
	struct run *r = ctx;
	r->records++;
	if (r->batch && identify_nassets(r->id) >= BATCH_ASSETS)
		conclude(r);
	if (r->progress && (r->records & 0x3fff) == 0)
		progress(r);
}

static void on_bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	struct run *r = ctx;
	if (line)
		cli_error("%s:%lu: %s (byte %llu); record skipped", r->name, line, msg,
		          (unsigned long long)off);
	else
		cli_error("%s: byte %llu: %s; record skipped", r->name, (unsigned long long)off,
		          msg);
}

static int list_formats(void)
{
	printf("%-18s %-6s %s\n", "FORMAT", "WHOLE", "WHAT");
	for (size_t i = 0; i < import_count(); i++) {
		const struct importer *imp = import_get(i);
		printf("%-18s %-6s %s\n", imp->name,
		       imp->whole_records || imp->whole_assets ? "yes" : "no", imp->summary);
	}
	return EXIT_OK;
}

/* Detects the format of f (unless forced) and reads it. Returns 0, or -1 (reported). */
static int import_file(struct run *r, const struct opts *o, FILE *f, const char *name,
                       struct imp_stats *st)
{
	static char head[IMPORT_HEAD];
	size_t n = fread(head, 1, sizeof(head), f);
	if (ferror(f)) {
		cli_error("%s: %s", name, strerror(errno));
		return -1;
	}
	const struct importer *imp = o->forced ? o->forced : import_detect(head, n);
	if (!imp) {
		cli_error("%s: format not recognised%s; name it with --format ('bansweep import "
		          "--list' lists the formats)",
		          name, n ? "" : " (the file is empty)");
		return -1;
	}
	/* Standard input cannot be rewound: the bytes read to detect are served again first. */
	struct import_again again;
	FILE *in = f;
	if (fseeko(f, 0, SEEK_SET) < 0) {
		in = import_again_open(&again, f, head, n);
		if (!in) {
			cli_error("%s: %s", name, strerror(errno));
			return -1;
		}
	}
	r->imp = imp;
	r->name = name;
	if (r->single)
		r->batch = imp->whole_records;
	r->records = 0;
	struct imp_sink sink = {on_obs, on_end, on_bad, r, o->asset ? o->asset : name};
	int rc = o->threads == 1 ? imp->read(in, &sink, st)
	                         : import_read_par(imp, in, (size_t)o->threads, &sink, st);
	if (in != f)
		fclose(in);
	if (r->progress && st->records >= 0x4000)
		fputc('\n', stderr);
	if (!r->c->quiet)
		fprintf(stderr,
		        "import: %s: %s, %llu records, %llu observations, %llu malformed records "
		        "skipped\n",
		        name, imp->name, (unsigned long long)st->records,
		        (unsigned long long)st->obs, (unsigned long long)st->bad);
	return rc;
}

/* The method the store records: import:FORMAT when every file is of one format. Detection
 * needs the files' first bytes, so this peeks at them before the run starts. */
static const struct importer *common_format(const struct opts *o, int argc, char **argv, int first)
{
	if (o->forced)
		return o->forced;
	static char head[4096];
	const struct importer *common = NULL;
	for (int i = first; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			return NULL;
		FILE *f = fopen(argv[i], "rb");
		if (!f)
			return NULL;
		size_t n = fread(head, 1, sizeof(head), f);
		fclose(f);
		const struct importer *imp = import_detect(head, n);
		if (!imp || (common && imp != common))
			return NULL;
		common = imp;
	}
	return common;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"format", required_argument, NULL, OPT_FORMAT},
	                                    {"input-format", required_argument, NULL, OPT_FORMAT},
	                                    {"list", no_argument, NULL, OPT_LIST},
	                                    {"threads", required_argument, NULL, OPT_THREADS},
	                                    {"authoritative", no_argument, NULL, OPT_AUTHORITATIVE},
	                                    {"asset", required_argument, NULL, OPT_ASSET},
	                                    {0}};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct opts o = {NULL, 0, cores > 16 ? 16 : cores > 1 ? (int)cores : 1, 0, NULL};
	int first = cli_getopt(c, argc, argv, "", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (o.list)
		return list_formats();
	static char dash[] = "-";
	static char *just_stdin[] = {dash, NULL};
	if (first >= argc) {
		if (isatty(STDIN_FILENO)) {
			cli_error("import: no FILE given and standard input is a terminal (try "
			          "'bansweep import --help')");
			return EXIT_USAGE;
		}
		argv = just_stdin, argc = 1, first = 0;
	}
	for (int i = first; i < argc; i++)
		if (strcmp(argv[i], "-") && access(argv[i], R_OK) < 0) {
			cli_error("%s: %s", argv[i], strerror(errno));
			return EXIT_USAGE;
		}
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	const struct importer *common = common_format(&o, argc, argv, first);
	char method[64] = "import";
	if (common)
		snprintf(method, sizeof(method), "import:%s", common->name);
	/* A finding is removed only where the input covers its asset whole. */
	int whole = common && (common->whole_records || common->whole_assets);
	c->scope_assets = whole;
	if (o.authoritative && !whole) {
		cli_error("import: --authoritative needs files of one format that describe each "
		          "asset whole ('bansweep import --list': WHOLE yes)");
		return EXIT_USAGE;
	}
	if (cli_store_begin(c, method) < 0)
		return EXIT_USAGE;
	if (o.authoritative)
		cli_store_scope(c, "all", method);
	struct run r = {0};
	r.c = c;
	r.id = cli_identify_new(c);
	r.progress = !c->quiet && isatty(STDERR_FILENO);
	r.batch = common && common->whole_records;
	r.single = argc - first == 1;
	cli_findings_begin(c, &r.out);
	int failed = 0, read_any = 0;
	uint64_t bad = 0;
	for (int i = first; i < argc; i++) {
		int is_stdin = !strcmp(argv[i], "-");
		const char *name = is_stdin ? "<stdin>" : argv[i];
		cli_store_scope(c, "file", name);
		FILE *f = is_stdin ? stdin : fopen(argv[i], "rb");
		if (!f) {
			cli_error("%s: %s", name, strerror(errno));
			failed = 1;
			continue;
		}
		struct imp_stats st = {0};
		int rc = import_file(&r, &o, f, name, &st);
		failed |= rc < 0;
		read_any |= rc == 0 || st.records > 0;
		bad += st.bad;
		if (!is_stdin)
			fclose(f);
	}
	if (!read_any && c->scan) {
		/* Nothing was imported: no scan to record. */
		store_scan_abort(c->scan);
		c->scan = NULL;
	}
	r.assets_done += identify_nassets(r.id);
	cli_findings_emit(&r.out, r.id);
	cli_findings_end(&r.out);
	const struct findings_count *n = &r.out.n;
	if (!c->quiet)
		fprintf(
		    stderr,
		    "import: %llu assets, %zu findings (%zu action required, %zu needs review)%s\n",
		    (unsigned long long)r.assets_done, n->findings, n->action, n->review,
		    bad ? "; malformed records were skipped" : "");
	identify_free(r.id);
	if (failed || bad || r.bad_key || c->store_failed)
		return EXIT_USAGE;
	return c->fail_on_findings && n->action ? EXIT_FINDINGS : EXIT_OK;
}
