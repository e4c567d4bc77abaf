/* The store (DESIGN.md "Store"): scans, assets with a stable identity, observations, findings
 * with first and last seen, remediation events and exceptions, in SQLite (a file, the default)
 * or PostgreSQL (a postgresql:// URL), with one schema and one behaviour on both.
 *
 * A scan is written in two steps: store_scan_begin() records it as running (so that a scan that
 * never finishes stays visible as interrupted), and store_scan_commit() writes everything it
 * collected in one transaction. A scan killed at any point leaves the store as it was before,
 * apart from that running row. */
#ifndef BANSWEEP_STORE_H
#define BANSWEEP_STORE_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct store_scan;

/* The newest schema version this build knows. */
#define STORE_SCHEMA_VERSION 2

/* Opens the store at url (a file path, or postgresql://... / postgres://...), creating it and
 * migrating its schema to STORE_SCHEMA_VERSION. max_version caps the migration (tests build
 * older stores); pass STORE_SCHEMA_VERSION. NULL with a message in err on failure; a store whose
 * schema is newer than this build is refused, untouched. */
struct store *store_open(const char *url, int max_version, char *err, size_t errlen);
void store_close(struct store *st);
int store_version(struct store *st);
const char *store_backend(const struct store *st); /* "sqlite" or "postgresql" */
/* The last error's message. */
const char *store_error(const struct store *st);

/* The default store: $BANSWEEP_DB, else $XDG_DATA_HOME/bansweep/bansweep.db, else
 * ~/.local/share/bansweep/bansweep.db. The directory is created. Writes the path to out. */
int store_default_path(char *out, size_t n);

/* The time now as YYYY-MM-DDTHH:MM:SSZ, or $BANSWEEP_NOW when set (for reproducible tests). */
void store_now(char out[21]);

/* What a scan was: who ran it, how, and what it covered. Strings are copied. */
struct store_scan_info {
	const char *who;     /* operator */
	const char *method;  /* "scan", "host", "pcap", "capture", "identify", "import" */
	const char *command; /* the command line, for the record */
	const char *policy, *catalogue, *registry, *tool_version;
};

/* Scope kinds: what a scan could have seen, so that a finding absent from a later scan that
 * covered it is "removed" (a fact), not a claim.
 *   "net"   an address range (CIDR) probed actively: covers assets whose IP is inside it;
 *   "host"  a machine or image inventoried, by its asset identity: covers that asset;
 *   "asset" one asset reported whole by an import;
 *   "all"   the input lists every asset of its method (an authoritative inventory, import
 *           --authoritative): covers every asset a scan of the same method recorded;
 *   "file"  a capture or file read: passive, covers nothing (absence of traffic proves nothing);
 *   "iface" an interface listened on: passive, covers nothing. */
int store_scope_kind_known(const char *kind);

/* Starts a scan: writes it as running (committed at once) and returns its handle. NULL on error
 * (store_error). started may be NULL (now). */
struct store_scan *store_scan_begin(struct store *st, const struct store_scan_info *info,
                                    const char *started);
int64_t store_scan_id(const struct store_scan *sc);
void store_scan_scope(struct store_scan *sc, const char *kind, const char *value);

/* An asset as the source named it (name: the identify engine's asset id), with what is known of
 * it. Any field may be NULL. Called once per asset, before its observations and findings. */
void store_scan_asset(struct store_scan *sc, const char *name, const char *mac, const char *ip,
                      const char *hostname, const char *serial, const char *root);
/* One observation of the asset called name (declared or not: undeclared names become assets
 * with no other identity). Duplicates within a scan are kept once. */
void store_scan_obs(struct store_scan *sc, const char *name, const char *key, const char *value,
                    size_t vlen, const char *source);

struct store_evidence {
	const char *key, *value, *rule, *source, *strength;
};
struct store_finding {
	const char *asset; /* the asset's name in this scan */
	const char *vendor, *maker, *brand, *product, *cls, *confidence, *note;
	const struct store_evidence *ev;
	size_t nev;
};
/* One finding of this scan (one per asset and vendor). */
void store_scan_finding(struct store_scan *sc, const struct store_finding *f);

/* Writes the scan: assets matched to their stored identity (MAC, serial, host name, root, IP, in
 * that order) or created; observations; findings (new ones, or first/last seen updated); and
 * the removal of stored findings the scan's scope covered but the scan did not see. Marks it
 * complete and frees sc. 0, or -1 (nothing of the scan written; it stays "interrupted"). */
struct store_commit_stats {
	size_t assets, new_assets, obs, findings, new_findings, reappeared, removed;
};
int store_scan_commit(struct store_scan *sc, const char *finished, struct store_commit_stats *out);
/* Marks the scan failed and frees sc. */
void store_scan_abort(struct store_scan *sc);

/* Remediation and exceptions (bansweep remediate / exception). finding is a finding id. */
struct store_action {
	int64_t finding;
	const char *kind;     /* "remediated", "replaced", "exception", "exception-revoked" */
	const char *at;       /* time, NULL = now */
	const char *who;      /* person recording it */
	const char *note;     /* reason / replacement product / comment */
	const char *until;    /* exceptions: last day it holds (YYYY-MM-DD) */
	const char *approver; /* exceptions */
};
/* Records an action. Returns the event id, or -1 (store_error: e.g. no such finding). */
int64_t store_action(struct store *st, const struct store_action *a);

/* Reading: everything the reports need, loaded at once. Strings are owned by the data and freed
 * by store_data_free. */
struct store_scan_row {
	int64_t id;
	char *started, *finished, *state, *who, *method, *command, *scope, *policy, *catalogue,
	    *registry, *tool_version;
	size_t nassets, nobs, nfindings;
};
struct store_finding_row {
	int64_t id, asset_id;
	char *asset, *mac, *ip, *hostname, *serial, *root;
	char *vendor, *maker, *brand, *product, *cls, *confidence, *note;
	char *first_seen, *last_seen, *closed_at;
	int64_t first_scan, last_scan, closed_scan;
	char *state; /* "open", "removed", "replaced" (exceptions are events, judged by date) */
	struct store_evidence *ev; /* of its last sighting */
	size_t nev;
};
struct store_event_row {
	int64_t id, finding, scan;
	char *kind, *at, *who, *note, *until, *approver;
};
struct store_data {
	struct store_scan_row *scans; /* by id */
	size_t nscans;
	struct store_finding_row *findings; /* by id */
	size_t nfindings;
	struct store_event_row *events; /* by time, then id */
	size_t nevents;
	size_t nassets;
};
/* Loads the whole store (scans up to and including max_scan when > 0). 0 or -1. */
int store_load(struct store *st, int64_t max_scan, struct store_data *d);
void store_data_free(struct store_data *d);

/* Findings seen by one scan (by finding id, with the confidence and product of that sighting),
 * for diff. Calls fn per sighting. */
typedef int (*store_sighting_fn)(void *ctx, int64_t finding, const char *confidence,
                                 const char *product);
int store_sightings(struct store *st, int64_t scan, store_sighting_fn fn, void *ctx);

#endif
