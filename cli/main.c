/* bansweep: finds products of vendors under government espionage bans, says which instrument
 * applies and by when. This file dispatches to the commands of commands.def. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/store.h"
#include "cli.h"
#include "util/banned.h"

static const struct command commands[] = {
#define COMMAND(name, fn, synopsis, summary) {name, fn, synopsis, summary},
#include "commands.def"
#undef COMMAND
};
#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: bansweep [global options] COMMAND [options] [ARGS]\n\n"
	    "Finds products of vendors under government espionage bans (Kaspersky, Huawei, ZTE,\n"
	    "Hikvision, Dahua, Hytera, DJI, Autel ...), says which instrument applies to each\n"
	    "finding, what it requires and by when.\n\nCommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(
	    f,
	    "\nGlobal options (before or after the command):\n"
	    "  --json              JSON Lines output, one object a line\n"
	    "  --csv               CSV output (RFC 4180)\n"
	    "  --format FMT        text, json or csv (report: also md, html; commands that print\n"
	    "                      findings: also ecs (Elastic Common Schema), syslog (RFC 5424))\n"
	    "  --policy PROFILE    instruments that bind you: us-federal-agency, "
	    "us-federal-contractor,\n"
	    "                      us-telecom, uk-gov, uk-telecom, de-telecom, au-gov, ca-gov, "
	    "all\n"
	    "                      (default: all)\n"
	    "  --as-of DATE        compute deadlines as of DATE (YYYY-MM-DD; default: today)\n"
	    "  --fail-on-findings  exit 1 when a finding requires action\n"
	    "  --data DIR          knowledge base and rules directory (default: $BANSWEEP_DATA or\n"
	    "                      the installed data)\n"
	    "  --registry FILE     MAC registry file, repeatable, in priority order (default: "
	    "Debian's\n"
	    "                      manuf, ieee-data and arp-scan files)\n"
	    "  --db PATH|URL       the store: a SQLite file or postgresql://user@host/db "
	    "(default:\n"
	    "                      $BANSWEEP_DB, else ~/.local/share/bansweep/bansweep.db)\n"
	    "  --no-store          do not record this run in the store\n"
	    "  --operator NAME     who runs it, for the record (default: the login name)\n"
	    "  --scan-time TIME    when the recorded run happened (YYYY-MM-DD[THH:MM:SSZ]; "
	    "default\n"
	    "                      now), for an inventory taken earlier\n"
	    "  -q, --quiet         no progress or warnings\n"
	    "  -v, --verbose       more detail (evidence and every instrument in text output)\n"
	    "  -h, --help          help; 'bansweep COMMAND --help' for a command\n"
	    "  --version           version and catalogue version\n"
	    "\nExit status: 0 success, 1 action-required findings with --fail-on-findings,\n"
	    "2 usage or input errors. See bansweep(1).\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int version(struct cli *c)
{
	printf("bansweep %s\n", BS_VERSION);
	if (cli_load_kb(c) == 0)
		printf("catalogue %s (%s)\n", c->kb.version, c->kb.dir);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof(c));
	c.as_of = bs_day_today();
	c.colour = out_colour_ok(stdout);
	c.policy = "all";

	/* The command is the first operand; global options may stand before it, and are handed
	 * to the command's own parser together with everything after it. */
	int ci = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--version"))
			return version(&c);
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			if (ci == 0) {
				usage(stdout);
				return EXIT_OK;
			}
		}
		if (argv[i][0] != '-' && ci == 0) {
			/* Options taking a value: skip their argument. */
			static const char *const valued[] = {"--format",   "--policy",    "--as-of",
			                                     "--data",     "--registry",  "--db",
			                                     "--operator", "--scan-time", NULL};
			int is_val = 0;
			for (const char *const *v = valued; *v; v++)
				is_val |= i > 1 && !strcmp(argv[i - 1], *v);
			if (!is_val)
				ci = i;
		}
	}
	if (ci == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[ci], "help")) {
		if (ci + 1 < argc && find_command(argv[ci + 1])) {
			char *args[] = {argv[ci + 1], "--help", NULL};
			c.cmd = args[0];
			return find_command(args[0])->run(&c, 2, args);
		}
		usage(stdout);
		return EXIT_OK;
	}
	const struct command *cmd = find_command(argv[ci]);
	if (!cmd) {
		cli_error("unknown command '%s' (try 'bansweep --help')", argv[ci]);
		return EXIT_USAGE;
	}
	/* argv for the command: its name, then the options before it, then the rest. */
	char **av = calloc((size_t)argc + 1, sizeof(char *));
	int ac = 0;
	av[ac++] = argv[ci];
	for (int i = 1; i < ci; i++)
		av[ac++] = argv[i];
	for (int i = ci + 1; i < argc; i++)
		av[ac++] = argv[i];
	c.cmd = cmd->name;
	c.argc = argc;
	c.argv = argv;
	int rc = cmd->run(&c, ac, av);
	if (c.scan)
		store_scan_abort(c.scan); /* a command that stopped before its findings */
	store_close(c.store);
	if (c.store_failed && rc != EXIT_USAGE)
		rc = EXIT_USAGE;
	free(av);
	jw_free(c.jw);
	if (c.reg)
		registry_free(c.reg);
	if (c.have_rules)
		rules_release(&c.rules);
	if (c.have_kb)
		kb_release(&c.kb);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing output");
		return EXIT_USAGE;
	}
	return rc;
}
