/* The report model built from the store (cli/model.c). */
#ifndef BS_CLI_MODEL_H
#define BS_CLI_MODEL_H

#include "bansweep/arena.h"
#include "bansweep/report.h"
#include "bansweep/store.h"

struct cli;

#define MODEL_BUCKETS 4096

struct model {
	struct report r;
	struct store_data d;
	struct rep_finding *f;
	struct rep_evidence *rev;
	size_t nrev;
	struct rep_ban *bans; /* the verdicts of every finding, in finding order */
	size_t nbans_total;
	struct rep_point *points;
	struct rep_deadline *dl;
	struct rep_scan *scans;
	struct rep_event *events;
	size_t ev_first[MODEL_BUCKETS], *ev_next; /* events by finding id modulo the buckets */
	char where[4096];
	struct arena strings;
};

/* Loads the store (scans up to max_scan when > 0) and judges it as of c->as_of under c's
 * profile. -1 with the error printed. model_release in either case. */
int model_build(struct cli *c, struct model *m, int64_t max_scan);
void model_release(struct model *m);

#endif
