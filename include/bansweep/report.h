/* Compliance reports from the store: a model filled from the store and the policy (cli/), and
 * one writer per format (src/report/fmt_*.c, listed in src/report/formats.def). The writers only
 * present what the model holds: every figure is computed before, so that all formats agree. */
#ifndef BANSWEEP_REPORT_H
#define BANSWEEP_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* All strings are NUL-terminated UTF-8 owned by whoever built the model; NULL means unknown or
 * not applicable. Dates are YYYY-MM-DD, times YYYY-MM-DDTHH:MM:SSZ (UTC). */

struct rep_evidence {
	const char *key, *value, *rule, *source, *strength;
};

/* One instrument's verdict on a finding, as of the report's date. */
struct rep_ban {
	const char *id, *title, *authority, *jurisdiction;
	const char *status; /* "action-required", "needs-review", "informational" */
	const char *effect, *action;
	const char *deadline, *milestone; /* next deadline date and its label */
	int days;                         /* deadline - as_of; negative when overdue */
	int overdue, in_force;
	const char *why; /* why it needs review, or NULL */
};

/* Something that happened to a finding, oldest first. kind is one of: "found", "seen-absent"
 * (removed: a later scan covering the asset did not see it), "reappeared", "replaced",
 * "remediated" (a person's claim, not yet confirmed by a scan), "exception",
 * "exception-revoked". */
struct rep_event {
	int64_t id, finding, scan; /* scan 0: not tied to a scan */
	const char *kind, *at, *who;
	const char *note;             /* reason, replacement product, or comment */
	const char *until, *approver; /* exceptions */
	const char *asset, *vendor;   /* of the finding, for display */
};

struct rep_finding {
	int64_t id;
	const char *asset; /* the store's stable asset identity, e.g. "mac:00:11:22:33:44:55" */
	const char *mac, *ip, *hostname, *serial, *root;
	const char *vendor;      /* slug */
	const char *vendor_name; /* display name of the vendor */
	const char *maker, *brand, *product, *cls, *confidence, *note;
	/* As of the report's date: "open", "excepted" (an exception in force), "removed" (seen
	 * absent), "replaced". */
	const char *state;
	/* The top instrument's status for an open finding ("action-required", "needs-review",
	 * "informational", "not-covered"); equal to state otherwise. */
	const char *status;
	const char *first_seen, *last_seen, *closed_at;
	int64_t first_scan, last_scan, closed_scan;
	const char *exception_until, *exception_reason, *exception_approver;
	const struct rep_evidence *ev;
	size_t nev;
	const struct rep_ban *bans; /* most urgent first */
	size_t nbans;
};

/* A scan: the scope and method of one inquiry. */
struct rep_scan {
	int64_t id;
	const char *started, *finished;
	const char *state; /* "complete", "failed", "interrupted" (never finished) */
	const char *who, *method, *command, *scope;
	const char *catalogue, *registry;
	size_t nassets, nobs, nfindings;
};

/* Burn-down: open findings (action-required or needs-review, not closed, not excepted) at the end
 * of each day a scan or event changed the count, oldest first. */
struct rep_point {
	const char *date;
	size_t open;
};

/* A deadline that binds at least one open finding, soonest first. */
struct rep_deadline {
	const char *date, *instrument, *milestone;
	size_t findings;
	int days; /* date - as_of */
};

struct report {
	const char *title;
	const char *tool_version, *generated; /* generated: a time */
	const char *as_of, *policy, *policy_title;
	const char *catalogue, *registry; /* knowledge base version, MAC registry date */
	const char *operator_name;        /* who produced the report */
	const char *store;                /* the store's location, password removed */
	const struct rep_scan *scans;
	size_t nscans;
	const struct rep_finding *findings; /* open first, then by urgency, then by asset */
	size_t nfindings;
	const struct rep_event *events;
	size_t nevents;
	const struct rep_point *burndown;
	size_t nburndown;
	const struct rep_deadline *deadlines;
	size_t ndeadlines;
	/* Counts over findings by state and status. */
	size_t n_action, n_review, n_info, n_excepted, n_removed, n_replaced, n_overdue;
	size_t n_assets; /* assets in the store */
};

/* The formats (src/report/formats.def): "text", "json", "csv", "md", "html". 1 when name is one. */
int report_format_known(const char *name);
/* The names of the formats, comma-separated, for help and errors. */
const char *report_format_list(void);

/* Writes r to out in the format called name. 0; -1 on a write error; -2 for an unknown name. */
int report_write(const struct report *r, const char *format, FILE *out);

#endif
