/* bansweep report: the compliance report of the store, in text, JSON, CSV, Markdown or one
 * self-contained HTML file (src/report/). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/report.h"
#include "cli.h"
#include "model.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep report [options]\n\n"
    "The attestation-grade report of the store, as of --as-of (default today) under --policy:\n"
    "scope and methods of the inquiry (every scan), findings with their evidence and\n"
    "instruments, deadlines and days left, exceptions, remediation history, and the versions of\n"
    "the catalogue and registry. HTML is one self-contained file with charts, readable printed.\n\n"
    "Options:\n"
    "  --format FMT      text (default), json, csv, md or html\n"
    "  -o, --output FILE write to FILE (written whole, then renamed into place)\n"
    "  --scan N          scans up to N and the findings they made (states as they are now)\n"
    "  --db PATH|URL     the store (default: the user's)\n";

enum { OPT_SCAN = 1 };

struct opts {
	const char *out;
	long long scan;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	(void)c;
	if (opt == 'o') {
		o->out = arg;
		return 0;
	}
	if (opt == OPT_SCAN) {
		char *end;
		o->scan = strtoll(arg, &end, 10);
		if (!*arg || *end || o->scan <= 0) {
			cli_error("report: --scan: '%s' is not a scan id", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"output", required_argument, NULL, 'o'},
	                                    {"scan", required_argument, NULL, OPT_SCAN},
	                                    {0}};
	struct opts o = {0};
	int first = cli_getopt(c, argc, argv, "o:", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (first < argc) {
		cli_error("report: unexpected argument '%s'", argv[first]);
		return EXIT_USAGE;
	}
	const char *fmt = c->format_name ? c->format_name : "text";
	if (!strcmp(fmt, "jsonl"))
		fmt = "json";
	if (!report_format_known(fmt)) {
		cli_error("report: --format: '%s' is not one of %s", fmt, report_format_list());
		return EXIT_USAGE;
	}
	struct model m;
	if (model_build(c, &m, o.scan) < 0) {
		model_release(&m);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	FILE *f = stdout;
	char tmp[4096];
	if (o.out) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", o.out);
		f = fopen(tmp, "w");
		if (!f) {
			cli_error("report: %s: %s", tmp, strerror(errno));
			model_release(&m);
			return EXIT_USAGE;
		}
	}
	int w = report_write(&m.r, fmt, f);
	if (o.out) {
		if (fclose(f) != 0)
			w = -1;
		if (w < 0 || rename(tmp, o.out) < 0) {
			cli_error("report: %s: %s", o.out, strerror(errno ? errno : EIO));
			remove(tmp);
			rc = EXIT_USAGE;
		} else if (!c->quiet) {
			fprintf(stderr, "report: %s written (%s; %zu findings, %zu scans)\n", o.out,
			        fmt, m.r.nfindings, m.r.nscans);
		}
	} else if (w < 0) {
		cli_error("report: error writing the report");
		rc = EXIT_USAGE;
	}
	int action = m.r.n_action > 0;
	model_release(&m);
	if (rc == EXIT_OK && c->fail_on_findings && action)
		rc = EXIT_FINDINGS;
	return rc;
}
