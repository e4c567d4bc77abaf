/* Inline SVG charts of the HTML report. Everything is laid out in a fixed viewBox (960 units
 * wide) with integer coordinates; the page scales the SVG to its width. The charts repeat what
 * the tables say (they summarise, the tables are the record), and every bar and line carries a
 * text label as well as a colour, so that they read in black and white. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/date.h"
#include "report/rep_int.h"
#include "report/svg.h"
#include "util/banned.h"

#define W 960

/* Distinct colours (Tableau 10 without its red, which the report keeps for "action
 * required"), told apart on screen; the labels tell them apart on paper. */
const char *const svg_palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
                                   "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79"};
const size_t svg_npalette = sizeof(svg_palette) / sizeof(svg_palette[0]);

#define NONE ((size_t)-1)

static size_t instr_index(const struct svg_instr *in, const char *id)
{
	for (size_t i = 0; id && i < in->n; i++)
		if (!strcmp(in->ids[i], id))
			return i;
	return NONE;
}

static void instr_add(struct svg_instr *in, const char *id, size_t *cap)
{
	if (!id || instr_index(in, id) != NONE)
		return;
	if (in->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		in->ids = xrealloc(in->ids, *cap * sizeof(*in->ids));
	}
	in->ids[in->n++] = id;
}

void svg_instr_init(struct svg_instr *in, const struct report *r)
{
	size_t cap = 0;
	in->ids = NULL;
	in->n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		for (size_t j = 0; j < r->findings[i].nbans; j++)
			instr_add(in, r->findings[i].bans[j].id, &cap);
	for (size_t i = 0; i < r->ndeadlines; i++)
		instr_add(in, r->deadlines[i].instrument, &cap);
}

void svg_instr_release(struct svg_instr *in)
{
	free(in->ids);
	in->ids = NULL;
	in->n = 0;
}

const char *svg_instr_colour(const struct svg_instr *in, const char *id)
{
	size_t i = instr_index(in, id);
	return i == NONE ? SVG_NO_INSTR : svg_palette[i % svg_npalette];
}

/* The smallest of 1, 2, 5, 10, 20, 50... that covers max in at most ticks steps. */
static size_t nice_step(size_t max, size_t ticks)
{
	for (size_t mag = 1; mag <= SIZE_MAX / 50; mag *= 10) {
		static const size_t m[] = {1, 2, 5};
		for (size_t i = 0; i < 3; i++)
			if (m[i] * mag * ticks >= max)
				return m[i] * mag;
	}
	return max;
}

/* Rough width of n characters of 12-unit text, for laying out the legend. */
static long text_w(size_t n)
{
	return (long)n * 7;
}

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void svg_open(FILE *f, const char *id, long h, const char *title, const char *desc)
{
	fprintf(f,
	        "<svg id=\"%s\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
	        "viewBox=\"0 0 %d %ld\" width=\"%d\" height=\"%ld\" "
	        "preserveAspectRatio=\"xMinYMin meet\">\n"
	        "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n",
	        id, id, id, W, h, W, h, id, title, id, desc);
}

/* ---- Findings by vendor and instrument -------------------------------------------------- */

struct vrow {
	const char *key, *name;
	size_t total;
	size_t *per; /* per instrument, and [n] for "no instrument" */
};

static int vrow_cmp(const void *a, const void *b)
{
	const struct vrow *x = a, *y = b;
	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Vendors of the open findings, most findings first. */
static struct vrow *vendor_rows(const struct report *r, const struct svg_instr *in, size_t *nv)
{
	struct vrow *v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		if (!rep_is(f->state, "open"))
			continue;
		const char *key = rep_or(f->vendor, rep_or(f->vendor_name, "unknown"));
		size_t k = 0;
		while (k < n && strcmp(v[k].key, key))
			k++;
		if (k == n) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n].key = key;
			v[n].name = rep_or(f->vendor_name, key);
			v[n].total = 0;
			v[n].per = xcalloc(in->n + 1, sizeof(size_t));
			n++;
		}
		v[k].total++;
		size_t counted = 0;
		for (size_t j = 0; j < f->nbans; j++) {
			size_t x = instr_index(in, f->bans[j].id);
			int dup = 0;
			for (size_t p = 0; p < j; p++)
				dup |= rep_is(f->bans[p].id, f->bans[j].id);
			if (x != NONE && !dup) {
				v[k].per[x]++;
				counted++;
			}
		}
		if (!counted)
			v[k].per[in->n]++;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), vrow_cmp);
	*nv = n;
	return v;
}

#define V_LABEL_X   12
#define V_BAR_X     220
#define V_BAR_W     470
#define V_BAR_H     16
#define V_BAR_GAP   4
#define V_GROUP_GAP 14

void svg_chart_vendors(FILE *f, const struct report *r, const struct svg_instr *in)
{
	size_t nv = 0;
	struct vrow *v = vendor_rows(r, in, &nv);
	size_t max = 1, nbars = 0, none = 0;
	for (size_t i = 0; i < nv; i++) {
		for (size_t j = 0; j <= in->n; j++) {
			if (v[i].per[j] > max)
				max = v[i].per[j];
			nbars += v[i].per[j] > 0;
		}
		none += v[i].per[in->n];
	}

	fputs("<figure class=\"chart\">\n", f);
	const char *title = "Open findings by vendor and instrument";
	if (!nv) {
		svg_open(f, "chart-vendors", 64, title, "No open finding.");
		fprintf(f,
		        "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"64\" fill=\"%s\"/>\n"
		        "<text x=\"%d\" y=\"38\" text-anchor=\"middle\" font-size=\"14\" "
		        "fill=\"#374151\">No open finding: nothing to chart.</text>\n</svg>\n",
		        W, SVG_PLOT_BG, W / 2);
		fputs("<figcaption>Figure 1. Open findings by vendor and instrument.</figcaption>\n"
		      "</figure>\n",
		      f);
		free(v);
		return;
	}

	/* Legend: one swatch per instrument that has a bar, wrapped to the width. */
	long lx = V_LABEL_X, ly = 14, lrows = 1;
	for (size_t j = 0; j <= in->n; j++) {
		size_t used = 0;
		for (size_t i = 0; i < nv; i++)
			used += v[i].per[j];
		if (!used)
			continue;
		const char *label = j < in->n ? in->ids[j] : "no instrument";
		long w = 20 + text_w(cp_count(label) < 40 ? cp_count(label) : 40) + 22;
		if (lx + w > W - 10 && lx > V_LABEL_X) {
			lx = V_LABEL_X;
			lrows++;
		}
		lx += w;
	}
	long top = 14 + lrows * 22 + 16;
	long groups = 0;
	for (size_t i = 0; i < nv; i++) {
		size_t bars = 0;
		for (size_t j = 0; j <= in->n; j++)
			bars += v[i].per[j] > 0;
		long gh = (long)bars * (V_BAR_H + V_BAR_GAP);
		groups += (gh < 36 ? 36 : gh) + V_GROUP_GAP;
	}
	long bottom = top + groups;
	long h = bottom + 34;

	char desc[160];
	snprintf(desc, sizeof(desc),
	         "%zu vendor%s, %zu bar%s: each bar counts the open findings of a vendor that "
	         "an instrument applies to.",
	         nv, nv == 1 ? "" : "s", nbars, nbars == 1 ? "" : "s");
	svg_open(f, "chart-vendors", h, title, desc);
	fprintf(f, "<rect x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%ld\" fill=\"%s\"/>\n", V_BAR_X,
	        top - 8, V_BAR_W, groups + 8, SVG_PLOT_BG);

	/* Legend */
	fputs("<g class=\"legend\" font-size=\"12\">\n", f);
	lx = V_LABEL_X;
	ly = 14;
	for (size_t j = 0; j <= in->n; j++) {
		size_t used = 0;
		for (size_t i = 0; i < nv; i++)
			used += v[i].per[j];
		if (!used)
			continue;
		const char *label = j < in->n ? in->ids[j] : "no instrument";
		const char *colour = j < in->n ? svg_palette[j % svg_npalette] : SVG_NO_INSTR;
		long w = 20 + text_w(cp_count(label) < 40 ? cp_count(label) : 40) + 22;
		if (lx + w > W - 10 && lx > V_LABEL_X) {
			lx = V_LABEL_X;
			ly += 22;
		}
		fprintf(f,
		        "<rect x=\"%ld\" y=\"%ld\" width=\"14\" height=\"14\" fill=\"%s\" "
		        "stroke=\"#111827\" stroke-width=\"0.5\"/>"
		        "<text x=\"%ld\" y=\"%ld\" fill=\"#111827\">",
		        lx, ly, colour, lx + 20, ly + 11);
		html_text_n(f, label, 40);
		fputs("</text>\n", f);
		lx += w;
	}
	fputs("</g>\n", f);

	/* Grid and count axis */
	size_t step = nice_step(max, 5);
	size_t amax = (max + step - 1) / step * step;
	fputs("<g class=\"axis\" font-size=\"11\" fill=\"#4b5563\">\n", f);
	for (size_t t = 0; t <= amax; t += step) {
		long x = V_BAR_X + (long)(t * V_BAR_W / amax);
		fprintf(f,
		        "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#d1d5db\" "
		        "stroke-width=\"1\"/><text x=\"%ld\" y=\"%ld\" "
		        "text-anchor=\"middle\">%zu</text>\n",
		        x, top - 8, x, bottom, x, bottom + 16, t);
	}
	fprintf(f, "<text x=\"%d\" y=\"%ld\" text-anchor=\"middle\">open findings</text>\n</g>\n",
	        V_BAR_X + V_BAR_W / 2, bottom + 30);

	/* One group per vendor, one bar per instrument */
	long gy = top;
	for (size_t i = 0; i < nv; i++) {
		fputs("<g class=\"vendor\">\n", f);
		fprintf(f,
		        "<text x=\"%d\" y=\"%ld\" font-size=\"13\" font-weight=\"bold\" "
		        "fill=\"#111827\">",
		        V_LABEL_X, gy + 12);
		html_text_n(f, v[i].name, 26);
		fprintf(f,
		        "</text>\n<text x=\"%d\" y=\"%ld\" font-size=\"11\" fill=\"#4b5563\">%zu "
		        "open finding%s</text>\n",
		        V_LABEL_X, gy + 27, v[i].total, v[i].total == 1 ? "" : "s");
		long by = gy, bars = 0;
		for (size_t j = 0; j <= in->n; j++) {
			size_t c = v[i].per[j];
			if (!c)
				continue;
			const char *colour =
			    j < in->n ? svg_palette[j % svg_npalette] : SVG_NO_INSTR;
			long bw = (long)(c * V_BAR_W / amax);
			if (bw < 2)
				bw = 2;
			fprintf(f,
			        "<rect x=\"%d\" y=\"%ld\" width=\"%ld\" height=\"%d\" fill=\"%s\"/>"
			        "<text x=\"%ld\" y=\"%ld\" font-size=\"12\" fill=\"#111827\">"
			        "<tspan font-weight=\"bold\">%zu</tspan> ",
			        V_BAR_X, by, bw, V_BAR_H, colour, V_BAR_X + bw + 6, by + 12, c);
			html_text_n(f, j < in->n ? in->ids[j] : "no instrument", 34);
			fputs("</text>\n", f);
			by += V_BAR_H + V_BAR_GAP;
			bars++;
		}
		long gh = bars * (V_BAR_H + V_BAR_GAP);
		gy += (gh < 36 ? 36 : gh) + V_GROUP_GAP;
		if (i + 1 < nv)
			fprintf(f,
			        "<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" "
			        "stroke=\"#e5e7eb\"/>\n",
			        V_LABEL_X, gy - V_GROUP_GAP / 2 - 2, W - 12,
			        gy - V_GROUP_GAP / 2 - 2);
		fputs("</g>\n", f);
	}
	fputs("</svg>\n", f);
	fputs("<figcaption>Figure 1. Open findings by vendor and instrument: each bar counts the "
	      "open findings of the vendor that the instrument applies to (a finding bound by two "
	      "instruments counts under both).",
	      f);
	if (none)
		fputs(
		    " Findings no instrument binds are counted under &ldquo;no instrument&rdquo;.",
		    f);
	fputs(" Excepted, removed and replaced findings are not counted.</figcaption>\n</figure>\n",
	      f);
	for (size_t i = 0; i < nv; i++)
		free(v[i].per);
	free(v);
}

/* ---- Burn-down ---------------------------------------------------------------------------- */

struct bpoint {
	bs_day day;
	size_t open;
};

static int bpoint_cmp(const void *a, const void *b)
{
	const struct bpoint *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

#define B_H        340
#define B_LEFT     64
#define B_RIGHT    28
#define B_BOTTOM   48
#define B_ROW      15 /* label rows above the plot */
#define B_MAXROWS  4
#define ROW_Y(row) (22 + (long)(row)*B_ROW) /* baseline of a label row */

struct axis {
	bs_day lo, hi;
	long x0, x1;
};

static long xpos(const struct axis *a, bs_day d)
{
	return a->x0 + (long)((long long)(d - a->lo) * (a->x1 - a->x0) / (a->hi - a->lo));
}

static void date_text(FILE *f, bs_day d)
{
	char s[11];
	bs_day_format(d, s);
	fputs(s, f);
}

void svg_chart_burndown(FILE *f, const struct report *r, const struct svg_instr *in)
{
	/* The points with a date, in date order. */
	struct bpoint *p = xcalloc(r->nburndown + 1, sizeof(*p));
	size_t np = 0, maxv = 0;
	for (size_t i = 0; i < r->nburndown; i++) {
		bs_day d;
		if (!r->burndown[i].date || bs_day_parse(r->burndown[i].date, &d) < 0)
			continue;
		p[np].day = d;
		p[np].open = r->burndown[i].open;
		if (p[np].open > maxv)
			maxv = p[np].open;
		np++;
	}
	if (np > 1)
		qsort(p, np, sizeof(*p), bpoint_cmp);
	bs_day asof = BS_DAY_NONE;
	if (r->as_of && bs_day_parse(r->as_of, &asof) < 0)
		asof = BS_DAY_NONE;

	/* The time axis covers the points and the as-of date; deadlines near it widen it (up to
	 * half a year back and a year ahead, or the span itself), the others are listed below. */
	bs_day lo = 0, hi = 0;
	int have = 0;
	for (size_t i = 0; i < np; i++) {
		if (!have || p[i].day < lo)
			lo = p[i].day;
		if (!have || p[i].day > hi)
			hi = p[i].day;
		have = 1;
	}
	if (asof != BS_DAY_NONE) {
		if (!have || asof < lo)
			lo = asof;
		if (!have || asof > hi)
			hi = asof;
		have = 1;
	}
	bs_day *dl = xcalloc(r->ndeadlines + 1, sizeof(*dl));
	for (size_t i = 0; i < r->ndeadlines; i++)
		if (!r->deadlines[i].date || bs_day_parse(r->deadlines[i].date, &dl[i]) < 0)
			dl[i] = BS_DAY_NONE;
	if (!have) {
		for (size_t i = 0; i < r->ndeadlines; i++) {
			if (dl[i] == BS_DAY_NONE)
				continue;
			if (!have || dl[i] < lo)
				lo = dl[i];
			if (!have || dl[i] > hi)
				hi = dl[i];
			have = 1;
		}
	}

	fputs("<figure class=\"chart\">\n", f);
	const char *title = "Burn-down: open findings over time, with deadlines";
	if (!have) {
		svg_open(f, "chart-burndown", 64, title, "No scan, event or deadline to chart.");
		fprintf(
		    f,
		    "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"64\" fill=\"%s\"/>\n"
		    "<text x=\"%d\" y=\"38\" text-anchor=\"middle\" font-size=\"14\" "
		    "fill=\"#374151\">No scan, event or deadline yet: nothing to chart.</text>\n"
		    "</svg>\n<figcaption>Figure 2. Burn-down of open findings.</figcaption>\n"
		    "</figure>\n",
		    W, SVG_PLOT_BG, W / 2);
		free(p);
		free(dl);
		return;
	}
	long span = (long)hi - lo;
	long back = span > 183 ? span : 183, ahead = span > 366 ? span : 366;
	bs_day base_lo = lo, base_hi = hi;
	unsigned char *on = xcalloc(r->ndeadlines + 1, 1);
	size_t non = 0, noff = 0;
	for (size_t i = 0; i < r->ndeadlines; i++) {
		if (dl[i] == BS_DAY_NONE)
			continue;
		if ((long)dl[i] >= (long)base_lo - back && (long)dl[i] <= (long)base_hi + ahead) {
			on[i] = 1;
			non++;
			if (dl[i] < lo)
				lo = dl[i];
			if (dl[i] > hi)
				hi = dl[i];
		} else {
			noff++;
		}
	}
	if (hi - lo < 14) {
		bs_day mid = lo + (hi - lo) / 2;
		lo = mid - 7;
		hi = mid + 7;
	}
	bs_day pad = (hi - lo) / 40 + 1;
	lo -= pad;
	hi += pad;

	long rows = 1 + (long)(non < B_MAXROWS ? non : B_MAXROWS);
	long py0 = ROW_Y(rows - 1) + 12, py1 = B_H - B_BOTTOM;
	struct axis ax = {lo, hi, B_LEFT, W - B_RIGHT};
	size_t step = nice_step(maxv ? maxv : 1, 5);
	size_t ymax = ((maxv ? maxv : 1) / step + 1) * step;
#define YPOS(v) (py1 - (long)((v) * (size_t)(py1 - py0) / ymax))

	char desc[200];
	snprintf(desc, sizeof(desc),
	         "%zu point%s; %zu deadline%s on the time axis, %zu outside it; the solid "
	         "vertical line marks the report's as-of date.",
	         np, np == 1 ? "" : "s", non, non == 1 ? "" : "s", noff);
	svg_open(f, "chart-burndown", B_H, title, desc);
	fprintf(f, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%ld\" fill=\"%s\"/>\n", ax.x0,
	        py0, ax.x1 - ax.x0, py1 - py0, SVG_PLOT_BG);

	/* Count axis and grid */
	fputs("<g class=\"axis\" font-size=\"11\" fill=\"#4b5563\">\n", f);
	for (size_t t = 0; t <= ymax; t += step) {
		long y = YPOS(t);
		fprintf(f,
		        "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#d1d5db\"/>"
		        "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\">%zu</text>\n",
		        ax.x0, y, ax.x1, y, ax.x0 - 6, y + 4, t);
	}
	fprintf(f,
	        "<text transform=\"translate(16 %ld) rotate(-90)\" text-anchor=\"middle\">open "
	        "findings</text>\n",
	        (py0 + py1) / 2);
	/* Time axis: six ticks, first and last anchored inside the plot */
	bs_day prev = BS_DAY_NONE;
	for (int k = 0; k <= 5; k++) {
		bs_day d = (bs_day)(lo + (long long)(hi - lo) * k / 5);
		if (d == prev)
			continue;
		prev = d;
		long x = xpos(&ax, d);
		fprintf(f,
		        "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#6b7280\"/>"
		        "<text x=\"%ld\" y=\"%ld\" text-anchor=\"%s\">",
		        x, py1, x, py1 + 5, x, py1 + 19,
		        k == 0   ? "start"
		        : k == 5 ? "end"
		                 : "middle");
		date_text(f, d);
		fputs("</text>\n", f);
	}
	fprintf(f,
	        "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#6b7280\"/>"
	        "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#6b7280\"/>\n</g>\n",
	        ax.x0, py0, ax.x0, py1, ax.x0, py1, ax.x1, py1);

	/* The step line: the count holds from one point to the next, and up to the as-of date. */
	if (np) {
		struct buf seg; /* the path after its first point */
		buf_init(&seg, 0);
		buf_adds(&seg, "");
		for (size_t i = 1; i < np; i++)
			buf_printf(&seg, " H%ld V%ld", xpos(&ax, p[i].day), YPOS(p[i].open));
		bs_day end = p[np - 1].day;
		if (asof != BS_DAY_NONE && asof > end)
			end = asof;
		buf_printf(&seg, " H%ld", xpos(&ax, end));
		long x0 = xpos(&ax, p[0].day), y0 = YPOS(p[0].open);
		fprintf(
		    f,
		    "<path d=\"M%ld %ld V%ld%s V%ld Z\" fill=\"%s\" stroke=\"none\"/>\n"
		    "<path d=\"M%ld %ld%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
		    x0, py1, y0, seg.data, py1, SVG_BURN_FILL, x0, y0, seg.data, SVG_BURN_LINE);
		buf_release(&seg);
		for (size_t i = 0; i < np; i++) {
			long x = xpos(&ax, p[i].day), y = YPOS(p[i].open);
			fprintf(
			    f,
			    "<circle cx=\"%ld\" cy=\"%ld\" r=\"4\" fill=\"%s\" stroke=\"#ffffff\" "
			    "stroke-width=\"1.5\"/>",
			    x, y, SVG_BURN_LINE);
			if (np <= 24 || i == 0 || i + 1 == np)
				fprintf(f,
				        "<text x=\"%ld\" y=\"%ld\" font-size=\"12\" "
				        "font-weight=\"bold\" "
				        "text-anchor=\"middle\" fill=\"#111827\">%zu</text>",
				        x, y - 9, p[i].open);
			fputc('\n', f);
		}
	}

	/* Deadlines on the axis: dashed, in the instrument's colour, labelled in rows above. */
	size_t k = 0;
	for (size_t i = 0; i < r->ndeadlines; i++) {
		if (!on[i])
			continue;
		const struct rep_deadline *d = &r->deadlines[i];
		long x = xpos(&ax, dl[i]);
		long ly = ROW_Y(1 + k % B_MAXROWS);
		int right = x > ax.x1 - 260;
		fprintf(f,
		        "<g class=\"deadline\"><line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
		        "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
		        "<text x=\"%ld\" y=\"%ld\" font-size=\"11\" text-anchor=\"%s\" "
		        "fill=\"#111827\">",
		        x, ly + 3, x, py1, svg_instr_colour(in, d->instrument),
		        right ? x - 4 : x + 4, ly, right ? "end" : "start");
		html_text_n(f, rep_or(d->instrument, "-"), 32);
		fputc(' ', f);
		date_text(f, dl[i]);
		if (d->days < 0)
			fputs(" (passed)", f);
		fputs("</text></g>\n", f);
		k++;
	}
	if (asof != BS_DAY_NONE) {
		long x = xpos(&ax, asof);
		int right = x > ax.x1 - 160;
		fprintf(f,
		        "<g class=\"asof\"><line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
		        "stroke=\"#111827\" stroke-width=\"2\"/><text x=\"%ld\" y=\"%ld\" "
		        "font-size=\"12\" font-weight=\"bold\" text-anchor=\"%s\" "
		        "fill=\"#111827\">as of ",
		        x, ROW_Y(0) + 3, x, py1, right ? x - 4 : x + 4, ROW_Y(0),
		        right ? "end" : "start");
		date_text(f, asof);
		fputs("</text></g>\n", f);
	}
	fputs("</svg>\n<figcaption>Figure 2. Burn-down: open findings (action required or needs "
	      "review, not closed, not excepted) at the end of each day the count changed, "
	      "with the deadlines that bind open findings (dashed) and the as-of date (solid).",
	      f);
	if (np == 0)
		fputs(" No count is recorded yet.", f);
	if (noff) {
		fputs(" Deadlines outside the time axis:", f);
		size_t n = 0;
		for (size_t i = 0; i < r->ndeadlines; i++) {
			if (on[i] || dl[i] == BS_DAY_NONE)
				continue;
			const struct rep_deadline *d = &r->deadlines[i];
			fputs(n++ ? "; " : " ", f);
			date_text(f, dl[i]);
			fputc(' ', f);
			html_text(f, rep_or(d->instrument, "-"));
			if (d->milestone) {
				fputs(" (", f);
				html_text(f, d->milestone);
				fputc(')', f);
			}
		}
		fputc('.', f);
	}
	fputs("</figcaption>\n</figure>\n", f);
#undef YPOS
	free(on);
	free(dl);
	free(p);
}
