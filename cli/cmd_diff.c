/* bansweep diff [SCAN_A SCAN_B]: what one scan saw that the other did not: findings that appeared,
 * disappeared, or changed (confidence or product). Default: the last two complete scans. */
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
    "usage: bansweep diff [options] [SCAN_A SCAN_B]\n\n"
    "Findings that appeared in SCAN_B and not in SCAN_A, that disappeared (seen by SCAN_A, not by\n"
    "SCAN_B), and that changed confidence or product. Scans are the ids 'bansweep report' and\n"
    "'bansweep status' show; without them, the last two complete scans. A finding that\n"
    "disappeared is only 'removed' when SCAN_B covered its asset (same method, same scope).\n\n"
    "Options:\n"
    "  --db PATH|URL   the store (default: the user's)\n"
    "  --json, --csv   machine-readable output\n";

struct sight {
	int64_t id;
	char *conf, *product;
};
struct sights {
	struct sight *v;
	size_t n, cap;
};

static int on_sight(void *ctx, int64_t finding, const char *conf, const char *product)
{
	struct sights *s = ctx;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] =
	    (struct sight){finding, xstrdup(conf ? conf : ""), xstrdup(product ? product : "")};
	return 0;
}

static void sights_free(struct sights *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].conf), free(s->v[i].product);
	free(s->v);
}

static int cmp_id(const void *a, const void *b)
{
	const struct rep_finding *x = *(const struct rep_finding *const *)a;
	const struct rep_finding *y = *(const struct rep_finding *const *)b;
	return (x->id > y->id) - (x->id < y->id);
}

static const struct rep_finding *byid_find(const struct rep_finding **v, size_t n, int64_t id)
{
	for (size_t lo = 0, hi = n; lo < hi;) {
		size_t mid = (lo + hi) / 2;
		if (v[mid]->id < id)
			lo = mid + 1;
		else if (v[mid]->id > id)
			hi = mid;
		else
			return v[mid];
	}
	return NULL;
}

static void emit(struct cli *c, const char *change, const struct rep_finding *f,
                 const struct sight *a, const struct sight *b)
{
	if (!f)
		return;
	const char *was = a ? a->conf : NULL, *now = b ? b->conf : NULL;
	if (c->fmt == OUT_JSON) {
		struct jw *w = cli_jw(c);
		jw_obj(w);
		jw_kstr(w, "change", change);
		jw_kint(w, "finding", f->id);
		jw_kstr(w, "asset", f->asset);
		jw_kstr(w, "vendor", f->vendor);
		jw_kstr(w, "product", b ? b->product : a->product);
		jw_kstr(w, "confidence_before", was);
		jw_kstr(w, "confidence_after", now);
		if (a && b && strcmp(a->product, b->product))
			jw_kstr(w, "product_before", a->product);
		jw_kstr(w, "state", f->state);
		jw_end(w);
		jw_line(w);
	} else if (c->fmt == OUT_CSV) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)f->id);
		const char *cells[] = {change,
		                       id,
		                       f->asset,
		                       f->vendor,
		                       b ? b->product : a->product,
		                       was ? was : "",
		                       now ? now : "",
		                       f->state};
		csv_row(stdout, cells, 8);
	} else {
		char sign = change[0] == 'a' ? '+' : change[0] == 'd' ? '-' : '~';
		printf("%c %-6lld %-28s %-10s %s", sign, (long long)f->id, f->asset, f->vendor,
		       b ? b->product : a->product);
		if (a && b && strcmp(a->conf, b->conf))
			printf(" (confidence %s -> %s)", a->conf, b->conf);
		else if (a && b)
			printf(" (product was %s)", a->product);
		else if (b)
			printf(" [%s]", b->conf);
		else if (!strcmp(f->state, "open") || !strcmp(f->state, "excepted"))
			printf(" [not covered by this scan: still %s]", f->state);
		else
			printf(" [%s]", f->state);
		putchar('\n');
	}
}

static int last_two(const struct model *m, int64_t *a, int64_t *b)
{
	*a = *b = 0;
	for (size_t i = m->r.nscans; i-- > 0;) {
		if (strcmp(m->r.scans[i].state, "complete"))
			continue;
		if (!*b)
			*b = m->r.scans[i].id;
		else {
			*a = m->r.scans[i].id;
			return 0;
		}
	}
	return -1;
}

static int parse_scan(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s == 0 || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, NULL, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	int64_t a = 0, b = 0;
	if (argc - first == 2) {
		if (parse_scan(argv[first], &a) < 0 || parse_scan(argv[first + 1], &b) < 0) {
			cli_error(
			    "diff: scans are numbers (the ids of 'bansweep status' and reports)");
			return EXIT_USAGE;
		}
	} else if (argc != first) {
		cli_error("diff: give two scans, or none for the last two");
		return EXIT_USAGE;
	}
	struct model m;
	if (model_build(c, &m, 0) < 0) {
		model_release(&m);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	if (!a && last_two(&m, &a, &b) < 0) {
		cli_error("diff: the store holds fewer than two complete scans");
		model_release(&m);
		return EXIT_USAGE;
	}
	for (int64_t want = a, k = 0; k < 2; k++, want = b) {
		size_t i;
		for (i = 0; i < m.r.nscans && m.r.scans[i].id != want; i++)
			;
		if (i == m.r.nscans) {
			cli_error("diff: no scan %lld in the store", (long long)want);
			model_release(&m);
			return EXIT_USAGE;
		}
	}
	struct sights sa = {0}, sb = {0};
	if (store_sightings(c->store, a, on_sight, &sa) < 0 ||
	    store_sightings(c->store, b, on_sight, &sb) < 0) {
		cli_error("store: %s", store_error(c->store));
		rc = EXIT_USAGE;
		goto out;
	}
	if (c->fmt == OUT_CSV) {
		static const char *const cols[] = {
		    "change",           "finding", "asset",
		    "vendor",           "product", "confidence_before",
		    "confidence_after", "state"};
		csv_row(stdout, cols, 8);
	} else if (c->fmt == OUT_TEXT && !c->quiet) {
		printf("# scan %lld -> scan %lld\n", (long long)a, (long long)b);
	}
	const struct rep_finding **byid = xcalloc(m.r.nfindings + 1, sizeof(*byid));
	for (size_t k = 0; k < m.r.nfindings; k++)
		byid[k] = &m.r.findings[k];
	qsort(byid, m.r.nfindings, sizeof(*byid), cmp_id);
	/* Both lists are ordered by finding id: one merge pass. */
	size_t i = 0, j = 0, n = 0;
	while (i < sa.n || j < sb.n) {
		if (j >= sb.n || (i < sa.n && sa.v[i].id < sb.v[j].id)) {
			emit(c, "disappeared", byid_find(byid, m.r.nfindings, sa.v[i].id), &sa.v[i],
			     NULL);
			i++, n++;
		} else if (i >= sa.n || sb.v[j].id < sa.v[i].id) {
			emit(c, "appeared", byid_find(byid, m.r.nfindings, sb.v[j].id), NULL,
			     &sb.v[j]);
			j++, n++;
		} else {
			if (strcmp(sa.v[i].conf, sb.v[j].conf) ||
			    strcmp(sa.v[i].product, sb.v[j].product)) {
				emit(c, "changed", byid_find(byid, m.r.nfindings, sb.v[j].id),
				     &sa.v[i], &sb.v[j]);
				n++;
			}
			i++, j++;
		}
	}
	if (c->fmt == OUT_TEXT && !c->quiet && n == 0)
		printf("no differences\n");
	free(byid);
out:
	sights_free(&sa);
	sights_free(&sb);
	model_release(&m);
	return rc;
}
