/* Software lists of one host, exported by hand:
 *   android-packages: `adb shell pm list packages [-f] [-U] [-i]` (parsed by pm_list_parse, the
 *   host inventory's parser, one line at a time) -> android.package;
 *   windows-software: PowerShell `Get-ItemProperty HKLM:\...\Uninstall\* | Export-Csv`
 *   (DisplayName, Publisher, DisplayVersion; "#TYPE ..." first unless -NoTypeInformation;
 *   PSComputerName when run through Invoke-Command), `wmic product get Name,Vendor,Version
 *   /format:csv` (Node,Name,Vendor,Version after a blank line, UTF-16LE), and the same objects
 *   through ConvertTo-Json (Get-Package: Name; Get-ItemProperty: DisplayName, Publisher)
 *   -> pkg.display_name, pkg.publisher.
 * The asset is the host column (Node, PSComputerName, ComputerName) when there is one, else the
 * input's name. A row is one package, not a whole asset. */
#include <stdlib.h>
#include <string.h>

#include "csvrd.h"
#include "inventory/img.h"
#include "jrec.h"
#include "util/banned.h"

/* ---- android-packages ---- */

struct pm {
	const struct imp_sink *sink;
	struct imp_stats *st;
	unsigned long line;
	uint64_t off;
};

static void pm_name(void *ctx, const char *s, size_t n, size_t line)
{
	struct pm *p = ctx;
	(void)line;
	imp_obs(p->sink, p->st, p->sink->name, "android.package", s, n, NULL);
}

static void pm_bad(void *ctx, size_t line, const char *why)
{
	struct pm *p = ctx;
	(void)line;
	imp_bad(p->sink, p->st, p->line, p->off, "%s", why);
}

static int pm_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct imp_lines l;
	struct pm p = {sink, st, 0, 0};
	char *s;
	size_t n;
	int rc;
	imp_lines_init(&l, f, sink, st);
	while ((rc = imp_lines_next(&l, &s, &n)) > 0) {
		if (!n)
			continue;
		p.line = l.line, p.off = l.off;
		st->records++;
		pm_list_parse(s, n, pm_name, pm_bad, &p);
	}
	imp_lines_release(&l);
	return rc < 0 ? -1 : 0;
}

static int pm_detect(const char *head, size_t n)
{
	size_t i = 0;
	while (i < n && (head[i] == '\r' || head[i] == '\n' || head[i] == ' '))
		i++;
	return n - i >= 8 && !memcmp(head + i, "package:", 8) ? 90 : 0;
}

const struct importer imp_android_packages = {
    .name = "android-packages",
    .summary = "Android package lists (adb shell pm list packages [-f] [-U])",
    .detect = pm_detect,
    .read = pm_read,
    .whole_records = 0,
    .whole_assets = 1,
    .line_records = 0,
};

/* ---- windows-software ---- */

enum col { C_NAME, C_DISPLAY, C_PUBLISHER, C_HOST, C_N };

static int col_of(const char *norm)
{
	static const char *const names[][4] = {
	    [C_NAME] = {"name", NULL},
	    [C_DISPLAY] = {"displayname", NULL},
	    [C_PUBLISHER] = {"publisher", "vendor", NULL},
	    [C_HOST] = {"node", "pscomputername", "computername", NULL},
	};
	for (int c = 0; c < C_N; c++)
		for (int i = 0; names[c][i]; i++)
			if (!strcmp(norm, names[c][i]))
				return c;
	return -1;
}

struct win {
	const struct imp_sink *sink;
	struct imp_stats *st;
	long col[C_N];
	char v[C_N][1024];
};

static void emit(struct win *w)
{
	const char *asset = w->v[C_HOST][0] ? w->v[C_HOST] : w->sink->name;
	const char *name = w->v[C_DISPLAY][0] ? w->v[C_DISPLAY] : w->v[C_NAME];
	if (!name[0])
		return; /* an Uninstall key without a DisplayName: an update, not listed */
	if (w->v[C_HOST][0])
		imp_obss(w->sink, w->st, asset, "hostname", w->v[C_HOST], NULL);
	imp_obss(w->sink, w->st, asset, "pkg.display_name", name, NULL);
	imp_obss(w->sink, w->st, asset, "pkg.publisher", w->v[C_PUBLISHER], NULL);
}

static int win_header(void *ctx, const struct csv_row *r, const char **why)
{
	struct win *w = ctx;
	char norm[CSV_NAME];
	for (int i = 0; i < C_N; i++)
		w->col[i] = -1;
	for (size_t i = 0; i < r->n; i++) {
		csvrd_norm(r->f[i], r->len[i], norm);
		int c = col_of(norm);
		if (c >= 0 && w->col[c] < 0)
			w->col[c] = (long)i;
	}
	if (w->col[C_NAME] < 0 && w->col[C_DISPLAY] < 0) {
		*why = "the header has no DisplayName or Name column";
		return -1;
	}
	return 0;
}

static void win_row(void *ctx, const struct csv_row *r)
{
	struct win *w = ctx;
	for (int i = 0; i < C_N; i++)
		bs_strlcpy(w->v[i], w->col[i] >= 0 ? r->f[w->col[i]] : "", sizeof(w->v[i]));
	emit(w);
}

static void win_begin(void *ctx)
{
	struct win *w = ctx;
	for (int i = 0; i < C_N; i++)
		w->v[i][0] = 0;
}

static void win_ev(void *ctx, enum jwhat what, const struct jev *e)
{
	struct win *w = ctx;
	char norm[CSV_NAME];
	if (what != J_LEAF || e->depth != 1 || e->type != J_STR)
		return;
	csvrd_norm(e->path, e->plen, norm);
	int c = col_of(norm);
	if (c >= 0) {
		size_t k = e->vlen < sizeof(w->v[c]) - 1 ? e->vlen : sizeof(w->v[c]) - 1;
		memcpy(w->v[c], e->v, k);
		w->v[c][k] = 0;
	}
}

static const char *win_end(void *ctx)
{
	struct win *w = ctx;
	emit(w);
	return NULL;
}

static int win_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	/* The input again from its first byte: the bytes read to choose CSV or JSON, then the
	 * rest (the input may be a pipe, which cannot be rewound). */
	char head[8];
	size_t n = fread(head, 1, sizeof(head), f);
	struct import_again a;
	FILE *g = import_again_open(&a, f, head, n);
	if (!g) {
		imp_bad(sink, st, 0, 0, "out of memory");
		return -1;
	}
	struct win *w = xcalloc(1, sizeof(*w));
	w->sink = sink, w->st = st;
	int rc;
	char c = imp_first(head, n);
	if (c == '[' || c == '{') {
		const struct jrec_ops ops = {win_begin, win_ev, win_end};
		rc = jrec_read(g, sink, st, &ops, w);
	} else {
		const struct csvrd_ops ops = {win_header, win_row, "#TYPE"};
		rc = csvrd_read(g, sink, st, &ops, w);
	}
	fclose(g);
	free(w);
	return rc;
}

static int win_detect(const char *head, size_t n)
{
	char names[64][CSV_NAME];
	size_t k = csvrd_head_names(head, n, "#TYPE", names, 64);
	int seen[C_N] = {0};
	for (size_t i = 0; i < k; i++) {
		int c = col_of(names[i]);
		if (c >= 0)
			seen[c] = 1;
	}
	/* "Name" and "Vendor" alone are an asset list's columns too (csv_assets.c). */
	if ((seen[C_DISPLAY] && seen[C_PUBLISHER]) ||
	    (seen[C_HOST] && seen[C_NAME] && seen[C_PUBLISHER]))
		return 90; /* Uninstall keys; wmic's Node,Name,Vendor,Version */
	if (jrec_has(head, n, "\"DisplayName\"") || jrec_has(head, n, "\"ProviderName\""))
		return 80;
	return 0;
}

const struct importer imp_windows_software = {
    .name = "windows-software",
    .summary = "Windows software lists (Uninstall keys through Export-Csv or ConvertTo-Json, wmic "
               "product /format:csv, Get-Package)",
    .detect = win_detect,
    .read = win_read,
    .whole_records = 0,
    .whole_assets = 1,
    .line_records = 0,
};
