#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "cli.h"
#include "util/banned.h"

enum {
	OPT_JSON = 1000,
	OPT_CSV,
	OPT_FORMAT,
	OPT_DATA,
	OPT_POLICY,
	OPT_AS_OF,
	OPT_REGISTRY,
	OPT_FAIL,
	OPT_NO_COLOR,
	OPT_DB,
	OPT_NO_STORE,
	OPT_OPERATOR,
	OPT_SCAN_TIME,
};

static const struct option global_opts[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"csv", no_argument, NULL, OPT_CSV},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"data", required_argument, NULL, OPT_DATA},
    {"policy", required_argument, NULL, OPT_POLICY},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"registry", required_argument, NULL, OPT_REGISTRY},
    {"fail-on-findings", no_argument, NULL, OPT_FAIL},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"db", required_argument, NULL, OPT_DB},
    {"no-store", no_argument, NULL, OPT_NO_STORE},
    {"operator", required_argument, NULL, OPT_OPERATOR},
    {"scan-time", required_argument, NULL, OPT_SCAN_TIME},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
};
#define NGLOBAL (sizeof(global_opts) / sizeof(*global_opts))

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bansweep: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void cli_warn(struct cli *c, const char *fmt, ...)
{
	if (c->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("bansweep: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The commands that print findings: only they write the SIEM formats. */
static int prints_findings(const char *cmd)
{
	static const char *const cmds[] = {"identify", "pcap", "capture", "scan", "host", "import"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
		if (!strcmp(cmd, cmds[i]))
			return 1;
	return 0;
}

int cli_set_format(struct cli *c, const char *arg)
{
	c->format_name = arg;
	if (!strcmp(arg, "md") || !strcmp(arg, "html")) {
		if (strcmp(c->cmd, "report")) {
			cli_error("--format %s: only 'bansweep report' writes %s", arg, arg);
			return -1;
		}
		c->fmt = OUT_TEXT;
	} else if (!strcmp(arg, "ecs") || !strcmp(arg, "syslog")) {
		if (!prints_findings(c->cmd)) {
			cli_error(
			    "--format %s: only the commands that print findings (identify, pcap, "
			    "capture, scan, host, import) write %s",
			    arg, arg);
			return -1;
		}
		c->fmt = arg[0] == 'e' ? OUT_ECS : OUT_SYSLOG;
	} else if (!strcmp(arg, "text"))
		c->fmt = OUT_TEXT;
	else if (!strcmp(arg, "json") || !strcmp(arg, "jsonl"))
		c->fmt = OUT_JSON;
	else if (!strcmp(arg, "csv"))
		c->fmt = OUT_CSV;
	else {
		cli_error("--format: '%s' is not text, json or csv%s", arg,
		          !strcmp(c->cmd, "report") ? " (nor md or html)"
		          : prints_findings(c->cmd) ? " (nor ecs or syslog)"
		                                    : "");
		return -1;
	}
	return 0;
}

static int global(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_JSON:
		c->fmt = OUT_JSON;
		return 0;
	case OPT_CSV:
		c->fmt = OUT_CSV;
		return 0;
	case OPT_FORMAT:
		return cli_set_format(c, arg);
	case OPT_DATA:
		c->data_dir = arg;
		return 0;
	case OPT_POLICY:
		c->policy = arg;
		return 0;
	case OPT_AS_OF:
		if (bs_day_parse(arg, &c->as_of) < 0) {
			cli_error("--as-of: '%s' is not a date YYYY-MM-DD", arg);
			return -1;
		}
		return 0;
	case OPT_REGISTRY:
		if (c->nreg >= sizeof(c->reg_paths) / sizeof(*c->reg_paths) - 1) {
			cli_error("--registry: too many files");
			return -1;
		}
		c->reg_paths[c->nreg++] = arg;
		return 0;
	case OPT_FAIL:
		c->fail_on_findings = 1;
		return 0;
	case OPT_NO_COLOR:
		c->colour = 0;
		return 0;
	case OPT_DB:
		c->db_url = arg;
		return 0;
	case OPT_NO_STORE:
		c->no_store = 1;
		return 0;
	case OPT_OPERATOR:
		c->operator_name = arg;
		return 0;
	case OPT_SCAN_TIME:
		if (cli_parse_time(arg, c->scan_time) < 0) {
			cli_error("--scan-time: '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
			          arg);
			return -1;
		}
		return 0;
	case 'q':
		c->quiet = 1;
		return 0;
	case 'v':
		c->verbose++;
		return 0;
	}
	return -1;
}

int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *own, int (*handler)(struct cli *, int, const char *, void *),
               void *ctx, const char *usage)
{
	size_t nown = 0;
	while (own && own[nown].name)
		nown++;
	struct option *all = xcalloc(nown + NGLOBAL + 1, sizeof(*all));
	memcpy(all, own, nown * sizeof(*all));
	memcpy(all + nown, global_opts, NGLOBAL * sizeof(*all));
	char shorts[64];
	snprintf(shorts, sizeof(shorts), ":%sqvh", shortopts ? shortopts : "");
	optind = 1;
	opterr = 0;
	int opt, rc = 0;
	while ((opt = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			rc = -2;
			break;
		}
		if (opt == '?' || opt == ':') {
			const char *what = argv[optind - 1];
			if (opt == ':')
				cli_error("%s: option %s needs a value", c->cmd, what);
			else
				cli_error("%s: unknown option '%s' (try 'bansweep %s --help')",
				          c->cmd, what, c->cmd);
			rc = -1;
			break;
		}
		int r = opt >= OPT_JSON || opt == 'q' || opt == 'v' ? global(c, opt, optarg)
		                                                    : handler(c, opt, optarg, ctx);
		if (r < 0) {
			rc = -1;
			break;
		}
	}
	free(all);
	if (c->fmt != OUT_TEXT)
		c->colour = 0;
	return rc < 0 ? rc : optind;
}

int cli_load_kb(struct cli *c)
{
	if (c->have_kb)
		return 0;
	struct bs_err e;
	const char *dir = c->data_dir ? c->data_dir : kb_default_dir();
	if (kb_load(&c->kb, dir, &e) < 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	c->have_kb = 1;
	return 0;
}

int cli_load_rules(struct cli *c)
{
	if (c->have_rules)
		return 0;
	if (cli_load_kb(c) < 0)
		return -1;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/rules", c->kb.dir);
	struct bs_err e;
	if (rules_load_dir(&c->rules, &c->kb, dir, &e) < 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	c->have_rules = 1;
	return 0;
}

int cli_load_registry(struct cli *c)
{
	if (c->reg)
		return 0;
	if (cli_load_kb(c) < 0)
		return -1;
	struct reg_options o = {c->nreg ? c->reg_paths : NULL, NULL};
	struct bs_err e;
	if (registry_open(&c->reg, &c->kb, &o, &e) < 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

int cli_load_profile(struct cli *c)
{
	if (cli_load_kb(c) < 0)
		return -1;
	c->profile = kb_profile_find(&c->kb, c->policy);
	if (!c->profile) {
		struct buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < c->kb.nprofiles; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", c->kb.profiles[i].slug);
		cli_error("--policy: unknown profile '%s' (known: %s)", c->policy, b.data);
		buf_release(&b);
		return -1;
	}
	return 0;
}

struct jw *cli_jw(struct cli *c)
{
	if (!c->jw)
		c->jw = jw_new(stdout);
	return c->jw;
}

void cli_days_text(int days, int action, char *out, size_t n)
{
	if (days == 0)
		snprintf(out, n, "today");
	else if (days > 0)
		snprintf(out, n, "in %d day%s", days, days == 1 ? "" : "s");
	else
		snprintf(out, n, "%s%d day%s%s", action ? "overdue by " : "", -days,
		         days == -1 ? "" : "s", action ? "" : " ago");
}

void cli_put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

void cli_text_header(struct cli *c, FILE *f, int with_registry)
{
	char asof[11];
	bs_day_format(c->as_of, asof);
	fprintf(f, "# bansweep %s, catalogue %s", BS_VERSION, c->kb.version);
	if (with_registry && c->reg)
		fprintf(f, ", MAC registry %s", registry_date(c->reg));
	fprintf(f, ", as of %s, policy %s\n", asof, c->policy);
}

/* After the privileged set-up (a capture handle, raw sockets), as tcpdump -Z does: to USER,
 * default nobody; 'root' keeps them. Does nothing when not root. */
int cli_drop_privileges(struct cli *c, const char *user)
{
	if (getuid() != 0 && geteuid() != 0)
		return 0;
	if (!user)
		user = "nobody";
	if (!strcmp(user, "root"))
		return 0;
	struct passwd *pw = getpwnam(user);
	if (!pw) {
		cli_error("%s: no such user '%s' to drop privileges to", c->cmd, user);
		return -1;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) < 0 || setgid(pw->pw_gid) < 0 ||
	    setuid(pw->pw_uid) < 0) {
		cli_error("%s: cannot drop privileges to '%s': %s", c->cmd, user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) {
		cli_error("%s: privileges could be regained after dropping them: refusing to go on",
		          c->cmd);
		return -1;
	}
	return 0;
}
