/* bansweep status: where the inventory stands, per instrument of the profile: findings requiring
 * action, needing review, excepted and removed; the next deadline; what is overdue; and the
 * open findings with the ids that `remediate` and `exception` take. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/jw.h"
#include "bansweep/out.h"
#include "bansweep/store.h"
#include "cli.h"
#include "model.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep status [options]\n\n"
    "Per instrument of the profile (--policy): findings in the store that require action, need\n"
    "review, have an exception in force, or were removed or replaced; the next deadline and how\n"
    "many are overdue, as of --as-of (default today). Then the open findings, with their ids.\n\n"
    "Options:\n"
    "  --db PATH|URL   the store (default: the user's)\n"
    "  --json, --csv   machine-readable output\n"
    "  -q              the instrument table only\n";

struct row {
	const char *id, *deadline, *milestone;
	int days, have;
	size_t action, review, info, excepted, removed, overdue;
};

static struct row *row_for(struct row *rows, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(rows[i].id, id))
			return &rows[i];
	memset(&rows[*n], 0, sizeof(*rows));
	rows[*n].id = id;
	return &rows[(*n)++];
}

/* Most overdue and most to do first; then by id, so that the order is stable. */
static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->overdue != y->overdue)
		return x->overdue < y->overdue ? 1 : -1;
	size_t tx = x->action + x->review, ty = y->action + y->review;
	if (tx != ty)
		return tx < ty ? 1 : -1;
	return strcmp(x->id, y->id);
}

static size_t tally(const struct report *r, struct row *rows)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		for (size_t b = 0; b < f->nbans; b++) {
			const struct rep_ban *ban = &f->bans[b];
			struct row *w = row_for(rows, &n, ban->id);
			if (!strcmp(f->state, "open")) {
				int act = !strcmp(ban->status, "action-required");
				w->action += act;
				w->review += !strcmp(ban->status, "needs-review");
				w->info += !strcmp(ban->status, "informational");
				w->overdue += act && ban->days < 0;
				/* The next deadline of the instrument that binds an open finding.
				 */
				if (act && (!w->have || ban->days < w->days)) {
					w->have = 1;
					w->days = ban->days;
					w->deadline = ban->deadline;
					w->milestone = ban->milestone;
				}
			} else if (!strcmp(f->state, "excepted")) {
				w->excepted++;
			} else {
				w->removed++;
			}
		}
	}
	qsort(rows, n, sizeof(*rows), cmp_row);
	return n;
}

static void print_text(struct cli *c, const struct model *m, const struct row *rows, size_t n)
{
	const struct report *r = &m->r;
	if (!c->quiet) {
		printf("# store: %s; %zu scans, %zu assets, %zu findings\n", r->store, r->nscans,
		       r->n_assets, r->nfindings);
		printf("# as of %s; policy %s%s%s%s; catalogue %s\n", r->as_of, r->policy,
		       r->policy_title ? " (" : "", r->policy_title ? r->policy_title : "",
		       r->policy_title ? ")" : "", r->catalogue);
		printf("# open: %zu action required (%zu overdue), %zu needs review; %zu excepted, "
		       "%zu "
		       "removed, %zu replaced\n",
		       r->n_action, r->n_overdue, r->n_review, r->n_excepted, r->n_removed,
		       r->n_replaced);
	}
	static const char *const cols[] = {"INSTRUMENT", "ACTION",  "REVIEW",  "INFO",
	                                   "EXCEPTED",   "REMOVED", "OVERDUE", "NEXT DEADLINE"};
	struct table *t = table_new(8, cols);
	for (size_t i = 0; i < n; i++) {
		char a[24], rv[24], in[24], e[24], rm[24], o[24], dl[96] = "", days[48];
		if (rows[i].have) {
			cli_days_text(rows[i].days, 1, days, sizeof(days));
			snprintf(dl, sizeof(dl), "%s %s (%s)", rows[i].milestone, rows[i].deadline,
			         days);
		}
		snprintf(a, sizeof(a), "%zu", rows[i].action);
		snprintf(rv, sizeof(rv), "%zu", rows[i].review);
		snprintf(in, sizeof(in), "%zu", rows[i].info);
		snprintf(e, sizeof(e), "%zu", rows[i].excepted);
		snprintf(rm, sizeof(rm), "%zu", rows[i].removed);
		snprintf(o, sizeof(o), "%zu", rows[i].overdue);
		const char *cells[] = {rows[i].id, a, rv, in, e, rm, o, dl};
		const char *colours[8] = {0};
		colours[6] = rows[i].overdue ? "31" : NULL;
		table_add(t, cells, colours);
	}
	if (table_rows(t))
		table_print(t, stdout, c->colour);
	else
		printf("no findings bound by the instruments of policy %s\n", r->policy);
	table_free(t);
	if (c->quiet)
		return;
	static const char *const fcols[] = {"ID",     "ASSET",      "VENDOR",   "PRODUCT",
	                                    "STATUS", "INSTRUMENT", "DEADLINE", "LAST SEEN"};
	struct table *ft = table_new(8, fcols);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		if (strcmp(f->status, "action-required") && strcmp(f->status, "needs-review"))
			continue;
		char id[24], dl[96] = "", days[48];
		snprintf(id, sizeof(id), "%lld", (long long)f->id);
		if (f->nbans) {
			cli_days_text(f->bans[0].days, !strcmp(f->status, "action-required"), days,
			              sizeof(days));
			snprintf(dl, sizeof(dl), "%s (%s)", f->bans[0].deadline, days);
		}
		const char *cells[] = {id,         f->asset,    f->vendor,
		                       f->product, f->status,   f->nbans ? f->bans[0].id : "",
		                       dl,         f->last_seen};
		const char *colours[8] = {0};
		colours[4] = !strcmp(f->status, "action-required") ? "31" : "33";
		table_add(ft, cells, colours);
	}
	if (table_rows(ft)) {
		printf("\nopen findings:\n");
		table_print(ft, stdout, c->colour);
	}
	table_free(ft);
}

int cmd_status(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, NULL, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (first < argc) {
		cli_error("status: unexpected argument '%s'", argv[first]);
		return EXIT_USAGE;
	}
	struct model m;
	if (model_build(c, &m, 0) < 0) {
		model_release(&m);
		return EXIT_USAGE;
	}
	struct row *rows = xcalloc(m.nbans_total + 1, sizeof(*rows));
	size_t n = tally(&m.r, rows);
	if (c->fmt == OUT_JSON) {
		struct jw *w = cli_jw(c);
		for (size_t i = 0; i < n; i++) {
			jw_obj(w);
			jw_kstr(w, "instrument", rows[i].id);
			jw_kint(w, "action_required", (long long)rows[i].action);
			jw_kint(w, "needs_review", (long long)rows[i].review);
			jw_kint(w, "informational", (long long)rows[i].info);
			jw_kint(w, "excepted", (long long)rows[i].excepted);
			jw_kint(w, "removed", (long long)rows[i].removed);
			jw_kint(w, "overdue", (long long)rows[i].overdue);
			jw_kstr(w, "deadline", rows[i].have ? rows[i].deadline : NULL);
			jw_kstr(w, "milestone", rows[i].have ? rows[i].milestone : NULL);
			if (rows[i].have)
				jw_kint(w, "days", rows[i].days);
			jw_kstr(w, "as_of", m.r.as_of);
			jw_kstr(w, "policy", m.r.policy);
			jw_end(w);
			jw_line(w);
		}
	} else if (c->fmt == OUT_CSV) {
		static const char *const cols[] = {
		    "instrument", "action_required", "needs_review", "informational", "excepted",
		    "removed",    "overdue",         "deadline",     "milestone",     "days"};
		csv_row(stdout, cols, 10);
		for (size_t i = 0; i < n; i++) {
			char v[7][24];
			snprintf(v[6], 24, "%zu", rows[i].info);
			snprintf(v[0], 24, "%zu", rows[i].action);
			snprintf(v[1], 24, "%zu", rows[i].review);
			snprintf(v[2], 24, "%zu", rows[i].excepted);
			snprintf(v[3], 24, "%zu", rows[i].removed);
			snprintf(v[4], 24, "%zu", rows[i].overdue);
			snprintf(v[5], 24, "%d", rows[i].days);
			const char *cells[] = {rows[i].id,
			                       v[0],
			                       v[1],
			                       v[6],
			                       v[2],
			                       v[3],
			                       v[4],
			                       rows[i].have ? rows[i].deadline : "",
			                       rows[i].have ? rows[i].milestone : "",
			                       rows[i].have ? v[5] : ""};
			csv_row(stdout, cells, 10);
		}
	} else {
		print_text(c, &m, rows, n);
	}
	free(rows);
	int action = m.r.n_action > 0;
	model_release(&m);
	return c->fail_on_findings && action ? EXIT_FINDINGS : EXIT_OK;
}
