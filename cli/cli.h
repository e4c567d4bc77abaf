/* Command-line plumbing shared by the commands: global options, lazy loading of the knowledge
 * base, rules and registry, and error output. Only cli/ prints and exits. */
#ifndef BS_CLI_H
#define BS_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "bansweep/date.h"
#include "bansweep/jw.h"
#include "bansweep/kb.h"
#include "bansweep/out.h"
#include "bansweep/registry.h"
#include "bansweep/rules.h"

/* Exit codes (DESIGN.md). */
#define EXIT_OK       0
#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

struct cli {
	const char *cmd;
	enum out_format fmt;
	int quiet, verbose, colour, fail_on_findings;
	const char *data_dir;
	const char *policy;
	bs_day as_of;
	const char *reg_paths[16];
	size_t nreg;
	struct kb kb;
	int have_kb;
	struct ruleset rules;
	int have_rules;
	struct registry *reg;
	const struct kb_profile *profile;
	struct jw *jw;
	/* The store (cli/store.c). */
	const char *db_url;        /* --db, or NULL for the default */
	int no_store;              /* --no-store */
	const char *operator_name; /* --operator */
	const char *format_name;   /* --format as given */
	int argc;                  /* the whole command line, for the scan record */
	char **argv;
	struct store *store;
	struct store_scan *scan;
	int store_failed;
	int scope_assets;   /* each asset seen is covered whole (identify --complete, imports) */
	char scan_time[21]; /* --scan-time: when the recorded run happened ("" = now) */
};

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *synopsis;
	const char *summary;
};

/* Command entry points (cli/commands.def). */
#define COMMAND(name, fn, synopsis, summary) int fn(struct cli *c, int argc, char **argv);
#include "commands.def"
#undef COMMAND

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a command's options: its own (long options in own, short in shortopts) and the global
 * ones, which may appear anywhere. handler is called for the command's own options; it returns
 * 0 or -1. Returns the index of the first operand, or -1 after printing a usage error, or -2
 * when help was printed. */
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
               const struct option *own,
               int (*handler)(struct cli *c, int opt, const char *arg, void *ctx), void *ctx,
               const char *usage);

/* --format's value for output: text, json, csv, and per command md, html (report), ecs, syslog
 * (commands that print findings). -1 with the error printed. */
int cli_set_format(struct cli *c, const char *arg);

/* Drops root privileges to user (NULL: nobody; "root": kept); -1 with the error printed. */
int cli_drop_privileges(struct cli *c, const char *user);
int cli_load_kb(struct cli *c);
int cli_load_rules(struct cli *c);
int cli_load_registry(struct cli *c);
/* The profile named by --policy (default "all"); loads the kb. */
int cli_load_profile(struct cli *c);

/* Counts of a findings report. */
struct findings_count {
	size_t findings, action, review;
};
struct identify;
/* Prints the findings of id in the chosen format (cli/findings.c), records them and id's assets
 * in the scan being stored and commits it; fills n. */
int cli_report_findings(struct cli *c, struct identify *id, struct findings_count *n);
/* The same in steps, for a run that concludes its assets a batch at a time (a streamed import):
 * begin prints the headers; emit prints and records the findings of the assets id holds now,
 * and records those assets; end prints what was held back (the text table) and commits. */
struct findings_out {
	struct cli *c;
	struct table *t;
	struct findings_count n;
};
void cli_findings_begin(struct cli *c, struct findings_out *o);
int cli_findings_emit(struct findings_out *o, struct identify *id);
void cli_findings_end(struct findings_out *o);

struct capture;
/* Identifies what a capture engine collected, prints the findings and (unless -q) a summary
 * headed `what` (or, when line is not NULL, that line in place of the packet counts); returns
 * the exit status (2 when failed). */
int cli_passive_report(struct cli *c, struct capture *cap, const char *what, double secs,
                       int failed, const char *line);

/* The store. cli_store_open opens --db (default: store_default_path) once; -1 with the error
 * printed. */
int cli_store_open(struct cli *c);
/* Starts recording this command's run as a scan of method (unless --no-store). Call after the
 * knowledge base, rules and registry are loaded and before the long work. -1 (printed) when the
 * store cannot be opened: the command should stop before doing the work. */
int cli_store_begin(struct cli *c, const char *method);
/* A scope entry of the scan being recorded (store.h); ignored without one. */
void cli_store_scope(struct cli *c, const char *kind, const char *value);
/* A new identification engine whose observations are recorded by the scan. */
struct identify *cli_identify_new(struct cli *c);
/* Records one finding in the scan (cli_report_findings calls it for each one it goes through). */
struct finding;
void cli_store_finding(struct cli *c, const struct finding *f);
/* Records the engine's assets in the scan (and, with scope_assets, each as covered whole). */
void cli_store_assets(struct cli *c, struct identify *id);
/* Writes the scan: the assets and findings recorded (called by cli_findings_end). */
void cli_store_commit(struct cli *c);
/* Who is running bansweep: --operator, else $BANSWEEP_OPERATOR, else the login name. */
const char *cli_operator(struct cli *c);
/* The store's location for display, with any password removed. */
void cli_store_location(struct cli *c, char *out, size_t n);

/* A finding id from the command line; -1 with the error printed. */
int cli_parse_finding(const char *s, int64_t *out);
/* YYYY-MM-DD (the start of that day, UTC) or YYYY-MM-DDTHH:MM:SSZ into out; -1 otherwise. */
int cli_parse_time(const char *s, char out[21]);

struct finding;
/* The members of a finding's JSON object (DESIGN.md) into the object open in w. */
void cli_finding_members(struct cli *c, struct jw *w, const struct finding *f);
/* One finding as an Elastic Common Schema document / an RFC 5424 syslog line (cli/out_siem.c). */
void cli_finding_ecs(struct cli *c, const struct finding *f);
void cli_finding_syslog(struct cli *c, const struct finding *f);

/* The JSON Lines writer on stdout (created on first use, freed by main). */
struct jw *cli_jw(struct cli *c);
/* "in 12 days", "today", and for a passed date "overdue by 3 days" when action is due, else
 * "3 days ago". */
void cli_days_text(int days, int action, char *out, size_t n);
/* Writes s with control characters escaped (\n, \r, \t, \xHH), so that one value stays on one
 * line of text output. */
void cli_put_escaped(FILE *f, const char *s);
/* The header comment a text report starts with: catalogue and registry versions, as-of, policy. */
void cli_text_header(struct cli *c, FILE *f, int with_registry);

#endif
