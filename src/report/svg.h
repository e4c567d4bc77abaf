/* The inline SVG charts of the HTML report (fmt_html.c): findings by vendor and instrument, and
 * the burn-down of open findings against the deadlines. Coordinates are integers computed with
 * integer arithmetic, so that no model (no point, one point, equal dates) can put NaN or inf
 * into the SVG; every text from the model goes through html_text. */
#ifndef BS_REPORT_SVG_H
#define BS_REPORT_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "bansweep/report.h"

/* The instruments in colour order: as they first appear in the findings' bans (most urgent
 * first), then in the deadlines. Both charts colour an instrument the same. */
struct svg_instr {
	const char **ids; /* borrowed from the model */
	size_t n;
};

void svg_instr_init(struct svg_instr *in, const struct report *r);
void svg_instr_release(struct svg_instr *in);
/* "#rrggbb" for the instrument called id (a fixed palette, repeating after its end). */
const char *svg_instr_colour(const struct svg_instr *in, const char *id);

/* The palette, for tests and the screenshot check: "#rrggbb" colours. */
extern const char *const svg_palette[];
extern const size_t svg_npalette;
#define SVG_PLOT_BG   "#f6f8fb" /* plot areas of both charts */
#define SVG_BURN_FILL "#f2c4c0" /* area under the burn-down line */
#define SVG_BURN_LINE "#b22222"
#define SVG_NO_INSTR  "#c7c7c7" /* open findings no instrument binds */

/* <figure> with <svg id="chart-vendors"> and its caption. */
void svg_chart_vendors(FILE *f, const struct report *r, const struct svg_instr *in);
/* <figure> with <svg id="chart-burndown"> and its caption (deadlines off the axis listed). */
void svg_chart_burndown(FILE *f, const struct report *r, const struct svg_instr *in);

/* HTML (and inline SVG) text content: & < > " ' as references, bytes that are not UTF-8 as
 * U+FFFD, other control characters and bidirectional controls shown as \xNN and \u{XXXX}. NULL
 * writes nothing. Defined in fmt_html.c. */
void html_text(FILE *f, const char *s);
/* The same, at most max code points, then an ellipsis. */
void html_text_n(FILE *f, const char *s, size_t max);

#endif
