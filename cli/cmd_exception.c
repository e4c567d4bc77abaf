/* bansweep exception add|revoke|list: exceptions granted to findings, until a date, with a reason
 * and an approver. An exception in force takes the finding out of the open counts; when its date
 * passes the finding is open again (judged at --as-of, nothing to run). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "bansweep/out.h"
#include "bansweep/store.h"
#include "cli.h"
#include "model.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep exception add FINDING... --until DATE --reason TEXT --approver NAME\n"
    "       bansweep exception revoke FINDING... [--reason TEXT]\n"
    "       bansweep exception list\n\n"
    "Exceptions (waivers) for findings (ids from 'bansweep status' or a report). An exception\n"
    "holds through DATE (YYYY-MM-DD) and then expires: the finding counts as open again.\n"
    "list shows every exception with its state as of --as-of (in force, expired, revoked).\n\n"
    "Options:\n"
    "  --until DATE      last day the exception holds\n"
    "  --reason TEXT     why (required to add)\n"
    "  --approver NAME   who approved it (required to add)\n"
    "  --db PATH|URL     the store (default: the user's); --operator NAME records who\n";

enum { OPT_UNTIL = 1, OPT_REASON, OPT_APPROVER };

struct opts {
	const char *until, *reason, *approver;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	(void)c;
	switch (opt) {
	case OPT_UNTIL:
		o->until = arg;
		return 0;
	case OPT_REASON:
		o->reason = arg;
		return 0;
	case OPT_APPROVER:
		o->approver = arg;
		return 0;
	}
	return -1;
}

static int list(struct cli *c)
{
	struct model m;
	if (model_build(c, &m, 0) < 0) {
		model_release(&m);
		return EXIT_USAGE;
	}
	static const char *const cols[] = {"FINDING", "ASSET",    "VENDOR", "UNTIL",
	                                   "STATE",   "APPROVER", "REASON", "GRANTED BY"};
	struct table *t = c->fmt == OUT_TEXT ? table_new(8, cols) : NULL;
	if (c->fmt == OUT_CSV)
		csv_row(stdout,
		        (const char *const[]){"finding", "asset", "vendor", "until", "state",
		                              "approver", "reason", "granted_by", "at"},
		        9);
	for (size_t i = 0; i < m.r.nevents; i++) {
		const struct rep_event *e = &m.r.events[i];
		if (strcmp(e->kind, "exception"))
			continue;
		/* Revoked when a revocation of the same finding follows it. */
		const char *state = "in force";
		for (size_t k = i + 1; k < m.r.nevents; k++)
			if (m.r.events[k].finding == e->finding &&
			    (!strcmp(m.r.events[k].kind, "exception-revoked") ||
			     !strcmp(m.r.events[k].kind, "exception")))
				state = !strcmp(m.r.events[k].kind, "exception") ? "superseded"
				                                                 : "revoked";
		if (!strcmp(state, "in force") && e->until && strcmp(e->until, m.r.as_of) < 0)
			state = "expired";
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)e->finding);
		const char *cells[] = {id,          e->asset, e->vendor, e->until, state,
		                       e->approver, e->note,  e->who,    e->at};
		if (t) {
			table_add(t, cells, NULL);
		} else if (c->fmt == OUT_CSV) {
			csv_row(stdout, cells, 9);
		} else {
			struct jw *w = cli_jw(c);
			jw_obj(w);
			jw_kint(w, "finding", e->finding);
			jw_kstr(w, "asset", e->asset);
			jw_kstr(w, "vendor", e->vendor);
			jw_kstr(w, "until", e->until);
			jw_kstr(w, "state", state);
			jw_kstr(w, "approver", e->approver);
			jw_kstr(w, "reason", e->note);
			jw_kstr(w, "granted_by", e->who);
			jw_kstr(w, "at", e->at);
			jw_end(w);
			jw_line(w);
		}
	}
	if (t) {
		if (table_rows(t))
			table_print(t, stdout, c->colour);
		else if (!c->quiet)
			printf("no exceptions\n");
		table_free(t);
	}
	model_release(&m);
	return EXIT_OK;
}

int cmd_exception(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"until", required_argument, NULL, OPT_UNTIL},
	                                    {"reason", required_argument, NULL, OPT_REASON},
	                                    {"approver", required_argument, NULL, OPT_APPROVER},
	                                    {0}};
	struct opts o = {0};
	int first = cli_getopt(c, argc, argv, "", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	const char *verb = first < argc ? argv[first] : "";
	if (!strcmp(verb, "list"))
		return list(c);
	int add = !strcmp(verb, "add");
	if (!add && strcmp(verb, "revoke")) {
		cli_error("exception: say add, revoke or list (try 'bansweep exception --help')");
		return EXIT_USAGE;
	}
	if (first + 1 >= argc) {
		cli_error("exception %s: no finding given", verb);
		return EXIT_USAGE;
	}
	bs_day until;
	if (add && (!o.until || !o.reason || !o.approver)) {
		cli_error("exception add: --until DATE, --reason TEXT and --approver NAME are all "
		          "required");
		return EXIT_USAGE;
	}
	if (add && bs_day_parse(o.until, &until) < 0) {
		cli_error("exception add: --until: '%s' is not a date YYYY-MM-DD", o.until);
		return EXIT_USAGE;
	}
	if (add && until < c->as_of)
		cli_warn(c, "exception add: %s is already past: the exception is expired", o.until);
	int rc = EXIT_OK;
	int64_t *ids = xcalloc((size_t)(argc - first), sizeof(*ids));
	for (int i = first + 1; i < argc; i++)
		if (cli_parse_finding(argv[i], &ids[i - first]) < 0)
			rc = EXIT_USAGE;
	if (rc == EXIT_OK && cli_store_open(c) < 0)
		rc = EXIT_USAGE;
	for (int i = first + 1; i < argc && rc == EXIT_OK; i++) {
		struct store_action a = {ids[i - first],
		                         add ? "exception" : "exception-revoked",
		                         NULL,
		                         cli_operator(c),
		                         o.reason,
		                         add ? o.until : NULL,
		                         add ? o.approver : NULL};
		int64_t ev = store_action(c->store, &a);
		if (ev < 0) {
			cli_error("exception %s: finding %s: %s", verb, argv[i],
			          store_error(c->store));
			rc = EXIT_USAGE;
		} else if (!c->quiet) {
			if (add)
				printf(
				    "finding %s: exception until %s, approved by %s (event %lld)\n",
				    argv[i], o.until, o.approver, (long long)ev);
			else
				printf("finding %s: exception revoked (event %lld)\n", argv[i],
				       (long long)ev);
		}
	}
	free(ids);
	return rc;
}
