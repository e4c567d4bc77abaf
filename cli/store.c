/* The commands that identify (identify, pcap, capture, scan, host) record their run in the store:
 * the scan is begun before the work, every observation is tapped from the identification engine,
 * and the assets and findings are written with the report. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/keys.h"
#include "bansweep/store.h"
#include "cli.h"
#include "util/banned.h"

const char *cli_operator(struct cli *c)
{
	if (c->operator_name)
		return c->operator_name;
	const char *env = getenv("BANSWEEP_OPERATOR");
	if (env && *env)
		return env;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

void cli_store_location(struct cli *c, char *out, size_t n)
{
	char path[4096];
	const char *url = c->db_url;
	if (!url) {
		store_default_path(path, sizeof(path));
		url = path;
	}
	/* postgresql://user:secret@host/db -> postgresql://user@host/db */
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && colon && colon < at)
		snprintf(out, n, "%.*s%s", (int)(colon - url), url, at);
	else
		snprintf(out, n, "%s", url);
}

int cli_store_open(struct cli *c)
{
	if (c->store)
		return 0;
	char path[4096], err[1024];
	const char *url = c->db_url;
	if (!url) {
		if (store_default_path(path, sizeof(path)) < 0) {
			cli_error("store: cannot make the directory of %s", path);
			return -1;
		}
		url = path;
	}
	c->store = store_open(url, STORE_SCHEMA_VERSION, err, sizeof(err));
	if (!c->store) {
		cli_error("store: %s", err);
		return -1;
	}
	return 0;
}

int cli_store_begin(struct cli *c, const char *method)
{
	if (c->no_store || c->scan)
		return 0;
	if (cli_store_open(c) < 0) {
		/* A store named with --db was asked for: not recording it is an error. The default
		 * store may be out of reach (no home directory, another user's file): the run goes
		 * on and says so. */
		if (!c->db_url) {
			cli_warn(c, "this run is not recorded in the store (--db names another, "
			            "--no-store silences this)");
			return 0;
		}
		cli_error(
		    "(use --no-store to run without recording, or --db to name another store)");
		return -1;
	}
	struct buf cmd;
	buf_init(&cmd, 0);
	for (int i = 0; i < c->argc; i++) {
		const char *a = i ? c->argv[i] : "bansweep";
		int quote = !*a || strpbrk(a, " \t\"'\\$`") != NULL;
		buf_printf(&cmd, "%s%s%s%s", i ? " " : "", quote ? "'" : "", a, quote ? "'" : "");
	}
	struct store_scan_info info = {
	    .who = cli_operator(c),
	    .method = method,
	    .command = cmd.data,
	    .policy = c->policy,
	    .catalogue = c->have_kb ? c->kb.version : NULL,
	    .registry = c->reg ? registry_date(c->reg) : NULL,
	    .tool_version = BS_VERSION,
	};
	c->scan = store_scan_begin(c->store, &info, c->scan_time[0] ? c->scan_time : NULL);
	buf_release(&cmd);
	if (!c->scan) {
		cli_error("store: %s", store_error(c->store));
		return -1;
	}
	return 0;
}

void cli_store_scope(struct cli *c, const char *kind, const char *value)
{
	if (c->scan)
		store_scan_scope(c->scan, kind, value);
}

static void tap(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                const char *source)
{
	store_scan_obs(ctx, asset, key, value, vlen, source);
}

struct identify *cli_identify_new(struct cli *c)
{
	struct identify *id = identify_new(&c->kb, &c->rules, c->reg);
	if (c->scan)
		identify_set_tap(id, tap, c->scan);
	return id;
}

void cli_store_finding(struct cli *c, const struct finding *f)
{
	if (!c->scan)
		return;
	struct store_evidence ev[256];
	size_t n = f->nev < 256 ? f->nev : 256;
	for (size_t i = 0; i < n; i++) {
		const struct evidence *e = f->ev[i];
		ev[i] = (struct store_evidence){key_get(e->key)->name, e->value, e->rule, e->source,
		                                strength_name(e->strength)};
	}
	struct store_finding sf = {
	    f->asset->id, f->vendor->slug,          f->maker, f->brand, f->product,
	    f->cls,       confidence_name(f->conf), f->note,  ev,       n};
	store_scan_finding(c->scan, &sf);
}

void cli_store_assets(struct cli *c, struct identify *id)
{
	if (!c->scan)
		return;
	for (size_t i = 0; i < identify_nassets(id); i++) {
		const struct asset *a = identify_asset(id, i);
		store_scan_asset(c->scan, a->id, a->mac, a->ip, a->hostname, a->serial, a->root);
		if (c->scope_assets)
			store_scan_scope(c->scan, "asset", a->id);
	}
}

void cli_store_commit(struct cli *c)
{
	if (!c->scan)
		return;
	struct store_scan *sc = c->scan;
	c->scan = NULL;
	int64_t num = store_scan_id(sc);
	struct store_commit_stats st;
	if (store_scan_commit(sc, c->scan_time[0] ? c->scan_time : NULL, &st) < 0) {
		cli_error("store: %s (the scan was not recorded; earlier scans are intact)",
		          store_error(c->store));
		c->store_failed = 1;
		return;
	}
	if (!c->quiet) {
		char where[4096];
		cli_store_location(c, where, sizeof(where));
		fprintf(
		    stderr,
		    "stored: scan %lld in %s: %zu assets (%zu new), %zu observations, %zu findings "
		    "(%zu new, %zu reappeared), %zu seen absent\n",
		    (long long)num, where, st.assets, st.new_assets, st.obs, st.findings,
		    st.new_findings, st.reappeared, st.removed);
	}
}
