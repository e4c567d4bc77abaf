/* bansweep host: inventory of this machine or of a mounted image (include/bansweep/inventory.h)
 * -> findings. The observations are kept until the inventory ends, because the asset is named
 * by the host name one of them carries. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/inventory.h"
#include "cli.h"
#include "host_errors.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep host [options]\n\n"
    "Inventories this machine, or with --root a mounted image or backup of a Linux, Windows,\n"
    "macOS or Android system, read without booting it, and reports the covered vendors'\n"
    "software and devices found: installed packages (dpkg, rpm, apk, snap, flatpak), services\n"
    "(systemd units, init scripts) and the programs they start, add-on trees (/opt, /etc/opt,\n"
    "/var/opt), kernel modules, the trust store's certificates (a Kaspersky root means HTTPS\n"
    "interception), and on this machine the running processes, USB and PCI devices and the\n"
    "network interfaces' MAC addresses; on Windows also each user's NTUSER.DAT, on macOS each\n"
    "user's ~/Applications and ~/Library/LaunchAgents and the Data volume mounted at\n"
    "System/Volumes/Data. Every path is resolved inside the root, its symbolic links included.\n"
    "Traces of removal are reported as such, not as installed: a package removed with its\n"
    "configuration left (pkg.residue), a unit, init script or Windows service whose program is\n"
    "missing (svc.residue). UltraAV, which replaced Kaspersky in 2024, is an informational\n"
    "finding of its own.\n\n"
    "What could not be read (another user's process, a file root alone may read) is summed up\n"
    "on standard error and does not change the exit status; a malformed file (a corrupt\n"
    "package database) is reported with its line, the rest is still inventoried, and the exit\n"
    "status is 2. A file named by an option that is not there is a usage error (exit 2). The\n"
    "asset is named by the host name (/etc/hostname), else by the root.\n\n"
    "Options:\n"
    "  --root DIR        inventory the system mounted at DIR (default: this machine, /)\n"
    "  --os LIST         the kinds of system in DIR, comma-separated, of linux, windows, macos,\n"
    "                    android (default: told from the layout of DIR)\n"
    "  --sources LIST    run only these sources, comma-separated (--list-sources names them)\n"
    "  --list-sources    list the sources, the systems they read and what, and exit\n"
    "  --live            with --root: read DIR/proc and DIR/sys too (processes, devices,\n"
    "                    interfaces), for a root where they are mounted, such as a chroot\n"
    "  --ids DIR         the directory holding usb.ids and pci.ids for device names\n"
    "                    (default: /usr/share/hwdata, then /usr/share/misc)\n"
    "  --pm-list FILE    an Android device's package list saved with\n"
    "                    'adb shell pm list packages -f' (no root needed)\n"
    "  --walk            also every directory and file name under the root (a product\n"
    "                    unpacked outside the package manager, a folder left after removal)\n"
    "  --hash            --walk, and the SHA-256 of every regular file, hashed on every core,\n"
    "                    matched against the hash lists\n"
    "  --hash-list FILE  known files' digests, one 'SHA256 VENDOR CLASS PRODUCT...' a line\n"
    "                    ('#' comments; repeatable)\n"
    "  --threads N       hashing threads (default: one per core)\n"
    "  --policy, --as-of, --fail-on-findings, --json, --csv, -v, -q: see 'bansweep --help'.\n";

enum {
	OPT_ROOT = 1,
	OPT_OS,
	OPT_SOURCES,
	OPT_LIST,
	OPT_LIVE,
	OPT_IDS,
	OPT_PM_LIST,
	OPT_WALK,
	OPT_HASH,
	OPT_HASH_LIST,
	OPT_THREADS,
};

#define MAX_HASH_LISTS 16

struct opts {
	struct inv_options inv;
	int list, live;
	const char *hash_lists[MAX_HASH_LISTS];
	size_t nhash_lists;
};

static int os_list(struct opts *o, const char *arg)
{
	static const struct {
		const char *name;
		unsigned bit;
	} oses[] = {{"linux", INV_LINUX},
	            {"windows", INV_WINDOWS},
	            {"macos", INV_MACOS},
	            {"android", INV_ANDROID}};
	o->inv.os_mask = 0;
	for (const char *p = arg; *p;) {
		size_t n = strcspn(p, ",");
		size_t i;
		for (i = 0; i < sizeof(oses) / sizeof(*oses); i++)
			if (strlen(oses[i].name) == n && !strncmp(p, oses[i].name, n))
				break;
		if (i == sizeof(oses) / sizeof(*oses)) {
			cli_error(
			    "host: --os: unknown system '%.*s' (linux, windows, macos, android)",
			    (int)n, p);
			return -1;
		}
		o->inv.os_mask |= oses[i].bit;
		p += n + (p[n] == ',');
	}
	return o->inv.os_mask ? 0 : -1;
}

static int source_list(const char *arg)
{
	for (const char *p = arg; *p;) {
		size_t n = strcspn(p, ",");
		const struct inv_source *s;
		for (s = inv_sources; s->name; s++)
			if (strlen(s->name) == n && !strncmp(p, s->name, n))
				break;
		if (!s->name) {
			cli_error("host: --sources: unknown source '%.*s' (try 'bansweep host "
			          "--list-sources')",
			          (int)n, p);
			return -1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	(void)c;
	switch (opt) {
	case OPT_ROOT:
		o->inv.root = arg;
		return 0;
	case OPT_OS:
		return os_list(o, arg);
	case OPT_SOURCES:
		o->inv.only = arg;
		return source_list(arg);
	case OPT_LIST:
		o->list = 1;
		return 0;
	case OPT_LIVE:
		o->live = 1;
		return 0;
	case OPT_IDS:
		o->inv.ids_dir = arg;
		return 0;
	case OPT_PM_LIST:
		o->inv.pm_list = arg;
		return 0;
	case OPT_WALK:
		o->inv.walk = 1;
		return 0;
	case OPT_HASH:
		o->inv.walk = o->inv.hash = 1;
		return 0;
	case OPT_HASH_LIST:
		if (o->nhash_lists == MAX_HASH_LISTS) {
			cli_error("host: at most %d --hash-list files", MAX_HASH_LISTS);
			return -1;
		}
		o->hash_lists[o->nhash_lists++] = arg;
		return 0;
	case OPT_THREADS: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (*end || v < 1 || v > 64) {
			cli_error("host: --threads takes a number from 1 to 64");
			return -1;
		}
		o->inv.threads = (unsigned)v;
		return 0;
	}
	}
	return -1;
}

static void list_sources(void)
{
	static const char *const os[] = {"linux", "windows", "macos", "android"};
	for (const struct inv_source *s = inv_sources; s->name; s++) {
		char m[64] = "";
		for (size_t i = 0; i < 4; i++)
			if (s->os & (1u << i)) {
				size_t k = strlen(m);
				snprintf(m + k, sizeof(m) - k, "%s%s", k ? "," : "", os[i]);
			}
		printf("%-16s %-14s %-5s %s\n", s->name, m, s->live_only ? "live" : "", s->desc);
	}
}

/* A file or directory named on the command line must be there before anything is inventoried:
 * a typo is the user's error (exit 2), not something the host could not show. stat, not open: a
 * FIFO given as --pm-list (a shell's <(adb shell ...)) is read once, later. */
static int named(const char *opt, const char *path, int dir)
{
	struct stat sb;
	const char *why = NULL;
	if (stat(path, &sb) < 0 || access(path, R_OK) < 0)
		why = strerror(errno);
	else if (dir && !S_ISDIR(sb.st_mode))
		why = "not a directory";
	else if (!dir && S_ISDIR(sb.st_mode))
		why = "is a directory";
	if (why)
		cli_error("host: %s %s: %s", opt, path, why);
	return why ? -1 : 0;
}

/* The observations, kept until the host name is known. */
struct held {
	enum key_id key;
	char *v, *where;
	size_t n;
};

struct run {
	struct cli *c;
	struct rule_scratch sc;
	struct arena strings;
	struct held *obs;
	size_t nobs, cap;
	struct host_errors errs;
	int tty;
	time_t last;
};

static void on_obs(void *ctx, enum key_id key, const char *v, size_t n, const char *where)
{
	struct run *r = ctx;
	/* A walk gives a name for every file and a digest for every file's content: only those
	 * some rule knows are kept (the others could not become evidence). */
	if (key == K_FILE_PATH || key == K_FILE_SHA256) {
		struct rule_hit hit[1];
		if (!rules_match(&r->c->rules, &r->sc, (int)key, v, n, hit, 1))
			return;
	}
	if (r->nobs == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->obs = xrealloc(r->obs, r->cap * sizeof(*r->obs));
	}
	struct held *h = &r->obs[r->nobs++];
	h->key = key;
	h->v = arena_strndup(&r->strings, v, n);
	h->n = n;
	/* The evidence says which command saw it: "host: /var/lib/dpkg/status". */
	char src[4200];
	snprintf(src, sizeof(src), "host: %s", where ? where : "");
	h->where = arena_strdup(&r->strings, src);
}

static void on_error(void *ctx, const char *source, const char *path, uint64_t pos,
                     int pos_is_offset, const char *msg)
{
	struct run *r = ctx;
	host_errors_add(&r->errs, 0, source, path, pos, pos_is_offset, msg);
}

static void on_malformed(void *ctx, const char *source, const char *path, uint64_t pos,
                         int pos_is_offset, const char *msg)
{
	struct run *r = ctx;
	/* As identify does with a malformed line: said at once, even with -q. */
	if (host_errors_add(&r->errs, 1, source, path, pos, pos_is_offset, msg)) {
		char at[4200];
		host_errors_where(path, pos, pos_is_offset, at, sizeof(at));
		cli_error("host: %s: %s: %s", source, at, msg);
	}
}

static void on_progress(void *ctx, const struct inv_stats *st, const char *source)
{
	struct run *r = ctx;
	time_t now = time(NULL);
	if (now == r->last)
		return;
	r->last = now;
	fprintf(stderr, "\rhost: %s: %llu files, %llu observations   ", source,
	        (unsigned long long)st->files, (unsigned long long)st->obs);
}

/* The asset's name: the host name seen, else this machine's, else the root. */
static const char *asset_name(struct run *r, const struct opts *o, char *buf, size_t n)
{
	for (size_t i = 0; i < r->nobs; i++)
		if (r->obs[i].key == K_HOSTNAME)
			return r->obs[i].v;
	if (!strcmp(o->inv.root, "/") && gethostname(buf, n) == 0) {
		buf[n - 1] = 0;
		if (buf[0])
			return buf;
	}
	return o->inv.root;
}

int cmd_host(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"root", required_argument, NULL, OPT_ROOT},
	                                    {"os", required_argument, NULL, OPT_OS},
	                                    {"sources", required_argument, NULL, OPT_SOURCES},
	                                    {"list-sources", no_argument, NULL, OPT_LIST},
	                                    {"live", no_argument, NULL, OPT_LIVE},
	                                    {"ids", required_argument, NULL, OPT_IDS},
	                                    {"pm-list", required_argument, NULL, OPT_PM_LIST},
	                                    {"walk", no_argument, NULL, OPT_WALK},
	                                    {"hash", no_argument, NULL, OPT_HASH},
	                                    {"hash-list", required_argument, NULL, OPT_HASH_LIST},
	                                    {"threads", required_argument, NULL, OPT_THREADS},
	                                    {0}};
	struct opts o;
	memset(&o, 0, sizeof(o));
	o.inv.root = "/";
	int first = cli_getopt(c, argc, argv, "", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (first < argc) {
		cli_error("host: unexpected argument '%s' (an image is given with --root DIR)",
		          argv[first]);
		return EXIT_USAGE;
	}
	if (o.list) {
		list_sources();
		return EXIT_OK;
	}
	if ((o.inv.pm_list && named("--pm-list", o.inv.pm_list, 0) < 0) ||
	    (o.inv.ids_dir && named("--ids", o.inv.ids_dir, 1) < 0))
		return EXIT_USAGE;
	for (size_t i = 0; i < c->nreg; i++)
		if (named("--registry", c->reg_paths[i], 0) < 0)
			return EXIT_USAGE;
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < o.nhash_lists; i++) {
		struct bs_err e;
		if (rules_add_hashlist(&c->rules, &c->kb, o.hash_lists[i], &e) < 0) {
			cli_error("host: %s", e.msg);
			return EXIT_USAGE;
		}
	}
	if (o.nhash_lists && !o.inv.hash)
		cli_warn(c, "--hash-list without --hash: no file is hashed");
	if (cli_load_registry(c) < 0) {
		if (c->nreg) /* the user's own registry files could not be used */
			return EXIT_USAGE;
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	}
	if (cli_store_begin(c, "host") < 0)
		return EXIT_USAGE;
	struct run r;
	memset(&r, 0, sizeof(r));
	r.c = c;
	rules_scratch_init(&r.sc);
	arena_init(&r.strings);
	host_errors_init(&r.errs);
	r.tty = !c->quiet && isatty(STDERR_FILENO);
	o.inv.live = o.live || !strcmp(o.inv.root, "/");
	o.inv.progress = r.tty ? on_progress : NULL;
	o.inv.progress_ctx = &r;
	struct inv_sink sink = {on_obs, on_error, &r, on_malformed};
	struct inv_stats st;
	int rc = inv_run(&o.inv, &sink, &st);
	if (r.tty && r.last)
		fputc('\n', stderr);
	int status = EXIT_OK;
	if (rc < 0) {
		cli_error("host: %s: %s", o.inv.root, strerror(errno));
		status = EXIT_USAGE;
	} else {
		char hn[256];
		const char *asset = asset_name(&r, &o, hn, sizeof(hn));
		struct identify *id = cli_identify_new(c);
		/* Only an inventory with every source of the system covers the host: a finding it
		 * does not see again is then removed. */
		if (!o.inv.only && !o.inv.os_mask)
			cli_store_scope(c, "host", asset);
		if (strcmp(o.inv.root, "/"))
			identify_set_root(id, asset, o.inv.root);
		for (size_t i = 0; i < r.nobs; i++)
			identify_add(id, asset, key_get((int)r.obs[i].key)->name, r.obs[i].v,
			             r.obs[i].n, r.obs[i].where, NULL);
		struct findings_count n;
		cli_report_findings(c, id, &n);
		if (!c->quiet) {
			fprintf(
			    stderr,
			    "host: %s: %llu files examined, %llu observations, %zu findings (%zu "
			    "action required, %zu needs review), %llu malformed, %llu not read\n",
			    o.inv.root, (unsigned long long)st.files, (unsigned long long)st.obs,
			    n.findings, n.action, n.review, (unsigned long long)st.malformed,
			    (unsigned long long)(st.errors - st.malformed));
			host_errors_print(&r.errs, stderr);
		}
		identify_free(id);
		if (st.malformed)
			status = EXIT_USAGE;
		else if (c->fail_on_findings && n.action)
			status = EXIT_FINDINGS;
	}
	host_errors_release(&r.errs);
	rules_scratch_release(&r.sc);
	free(r.obs);
	arena_release(&r.strings);
	return status;
}
