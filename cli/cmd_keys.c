/* bansweep keys: the fixed list of observation keys. */

#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep keys [--json|--csv]\n\n"
    "Lists the observation keys that sources emit and rules match, with\n"
    "their evidence channel (signals on different channels are independent).\n";

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c, (void)opt, (void)arg, (void)ctx;
	return -1;
}

int cmd_keys(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	static const char *const cols[] = {"KEY", "CHANNEL", "DESCRIPTION"};
	struct table *t = c->fmt == OUT_TEXT ? table_new(3, cols) : NULL;
	if (c->fmt == OUT_CSV)
		csv_row(stdout, cols, 3);
	for (int k = 0; k < key_count(); k++) {
		const struct key_info *ki = key_get(k);
		if (c->fmt == OUT_JSON) {
			struct jw *w = cli_jw(c);
			jw_obj(w);
			jw_kstr(w, "key", ki->name);
			jw_kstr(w, "channel", ki->channel);
			jw_kbool(w, "shows_brand", ki->shows_brand);
			jw_kstr(w, "description", ki->desc);
			jw_end(w);
			jw_line(w);
			continue;
		}
		const char *cells[] = {ki->name, ki->channel, ki->desc};
		if (t)
			table_add(t, cells, NULL);
		else
			csv_row(stdout, cells, 3);
	}
	if (t) {
		table_print(t, stdout, c->colour);
		table_free(t);
	}
	return EXIT_OK;
}
