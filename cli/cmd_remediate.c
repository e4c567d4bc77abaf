/* bansweep remediate FINDING... --removed | --replaced-by PRODUCT: a person's record of what was
 * done. A replacement closes the finding; a removal is a claim until a later scan that covers
 * the asset no longer sees it (the report shows both). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/store.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep remediate [options] FINDING... (--removed | --replaced-by PRODUCT)\n\n"
    "Records what was done about findings (ids from 'bansweep status' or a report):\n"
    "  --removed              the product was removed; the next scan that covers the asset\n"
    "                         confirms it (until then the report shows it as claimed)\n"
    "  --replaced-by PRODUCT  the product was replaced; the finding is closed\n"
    "  --note TEXT            a comment for the record (ticket, change number...)\n"
    "  --at TIME              when it was done (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; default now)\n"
    "  --db PATH|URL          the store (default: the user's); --operator NAME records who\n";

enum { OPT_REMOVED = 1, OPT_REPLACED, OPT_NOTE, OPT_AT };

struct opts {
	int removed;
	const char *replaced, *note, *at;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	(void)c;
	switch (opt) {
	case OPT_REMOVED:
		o->removed = 1;
		return 0;
	case OPT_REPLACED:
		o->replaced = arg;
		return 0;
	case OPT_NOTE:
		o->note = arg;
		return 0;
	case OPT_AT:
		o->at = arg;
		return 0;
	}
	return -1;
}

/* YYYY-MM-DD becomes the start of that day (UTC). 0, or -1 when it is neither form. */
int cli_parse_time(const char *s, char out[21])
{
	bs_day d;
	if (strlen(s) == 10 && bs_day_parse(s, &d) == 0) {
		snprintf(out, 21, "%sT00:00:00Z", s);
		return 0;
	}
	char day[11];
	if (strlen(s) == 20 && s[10] == 'T' && s[19] == 'Z') {
		memcpy(day, s, 10);
		day[10] = 0;
		if (bs_day_parse(day, &d) == 0) {
			memcpy(out, s, 21);
			return 0;
		}
	}
	return -1;
}

int cli_parse_finding(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v <= 0) {
		cli_error("'%s' is not a finding id (a number shown by 'bansweep status')", s);
		return -1;
	}
	*out = v;
	return 0;
}

int cmd_remediate(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"removed", no_argument, NULL, OPT_REMOVED},
	                                    {"replaced-by", required_argument, NULL, OPT_REPLACED},
	                                    {"note", required_argument, NULL, OPT_NOTE},
	                                    {"at", required_argument, NULL, OPT_AT},
	                                    {0}};
	struct opts o = {0};
	int first = cli_getopt(c, argc, argv, "", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (o.removed == !!o.replaced) {
		cli_error("remediate: give one of --removed or --replaced-by PRODUCT");
		return EXIT_USAGE;
	}
	if (first >= argc) {
		cli_error("remediate: no finding given (try 'bansweep remediate --help')");
		return EXIT_USAGE;
	}
	char at[21];
	if (o.at && cli_parse_time(o.at, at) < 0) {
		cli_error("remediate: --at: '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", o.at);
		return EXIT_USAGE;
	}
	int64_t *ids = xcalloc((size_t)(argc - first), sizeof(*ids));
	int rc = EXIT_OK;
	for (int i = first; i < argc; i++)
		if (cli_parse_finding(argv[i], &ids[i - first]) < 0)
			rc = EXIT_USAGE;
	if (rc == EXIT_OK && cli_store_open(c) < 0)
		rc = EXIT_USAGE;
	struct buf note;
	buf_init(&note, 0);
	if (o.replaced)
		buf_printf(&note, "replaced by %s%s%s", o.replaced, o.note ? ": " : "",
		           o.note ? o.note : "");
	else if (o.note)
		buf_adds(&note, o.note);
	for (int i = first; i < argc && rc == EXIT_OK; i++) {
		struct store_action a = {ids[i - first],
		                         o.replaced ? "replaced" : "remediated",
		                         o.at ? at : NULL,
		                         cli_operator(c),
		                         note.len ? note.data : NULL,
		                         NULL,
		                         NULL};
		int64_t ev = store_action(c->store, &a);
		if (ev < 0) {
			cli_error("remediate: finding %s: %s", argv[i], store_error(c->store));
			rc = EXIT_USAGE;
		} else if (!c->quiet) {
			printf("finding %s: %s (event %lld)\n", argv[i],
			       o.replaced ? "replaced, closed"
			                  : "removal recorded; a scan confirms it",
			       (long long)ev);
		}
	}
	buf_release(&note);
	free(ids);
	return rc;
}
