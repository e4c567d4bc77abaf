/* The HTML report: one self-contained HTML5 file (inline <style>, inline SVG charts, no script,
 * no external resource), for reading on screen and on paper. Sections carry fixed ids (summary,
 * scope, charts, findings, deadlines, history, attestation) that tests and links rely on. Every
 * value from the model goes through html_text; statuses are shown as words and colours, never
 * colour alone; @media print drops backgrounds and keeps findings whole on a page. */
#include <stdio.h>
#include <string.h>

#include "bansweep/report.h"
#include "report/rep_int.h"
#include "report/svg.h"
#include "util/banned.h"

static void html_put(FILE *f, const char *s, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), run = 0, cps = 0;
	for (size_t i = 0; i < n;) {
		if (max && cps == max) {
			fwrite(p + run, 1, i - run, f);
			fputs("\xE2\x80\xA6", f); /* ellipsis */
			return;
		}
		cps++;
		unsigned char c = p[i];
		const char *rep = NULL;
		char tmp[16];
		size_t len = 1;
		if (c >= 0x80) {
			len = bs_utf8_seq(p + i, n - i);
			if (!len) {
				rep = "\xEF\xBF\xBD";
				len = 1;
			} else {
				unsigned cp = rep_utf8_cp(p + i, len);
				if (rep_cp_tricky(cp)) {
					snprintf(tmp, sizeof(tmp), "\\u{%04X}", cp);
					rep = tmp;
				}
			}
		} else if (c == '&') {
			rep = "&amp;";
		} else if (c == '<') {
			rep = "&lt;";
		} else if (c == '>') {
			rep = "&gt;";
		} else if (c == '"') {
			rep = "&quot;";
		} else if (c == '\'') {
			rep = "&#39;";
		} else if (c == '\r') {
			rep = p[i + 1] == '\n' ? "" : "\n";
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
			char e[5] = {'\\', 'x', hex[c >> 4], hex[c & 15], 0};
			memcpy(tmp, e, sizeof(e));
			rep = tmp;
		}
		if (rep) {
			fwrite(p + run, 1, i - run, f);
			fputs(rep, f);
			run = i + len;
		}
		i += len;
	}
	fwrite(p + run, 1, n - run, f);
}

void html_text(FILE *f, const char *s)
{
	html_put(f, s, 0);
}

void html_text_n(FILE *f, const char *s, size_t max)
{
	html_put(f, s, max ? max : 1);
}

/* A class for a status or state (never the value itself: values are not trusted markup). */
static const char *status_class(const char *s)
{
	static const struct {
		const char *name, *cls;
	} map[] = {
	    {"action-required", "s-action"}, {"needs-review", "s-review"},
	    {"informational", "s-info"},     {"not-covered", "s-none"},
	    {"excepted", "s-except"},        {"removed", "s-removed"},
	    {"replaced", "s-replaced"},      {"open", "s-open"},
	};
	for (size_t i = 0; s && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].name, s))
			return map[i].cls;
	return "s-other";
}

static void badge(FILE *f, const char *status)
{
	const char *t = rep_status_title(status);
	fprintf(f, "<span class=\"badge %s\">", status_class(status));
	if (t)
		fputs(t, f);
	else
		html_text(f, rep_or(status, "unknown"));
	fputs("</span>", f);
}

/* Text, or a dash marked as unknown. */
static void val(FILE *f, const char *s)
{
	if (s && *s)
		html_text(f, s);
	else
		fputs("<span class=\"na\">&ndash;</span>", f);
}

static void td(FILE *f, const char *s)
{
	fputs("<td>", f);
	val(f, s);
	fputs("</td>", f);
}

/* A value that may be one long token (an asset identity, a path): it may break anywhere. */
static void tdv(FILE *f, const char *s)
{
	fputs("<td class=\"v\">", f);
	val(f, s);
	fputs("</td>", f);
}

static void tdn(FILE *f, size_t n)
{
	fprintf(f, "<td class=\"num\">%zu</td>", n);
}

static void days_cell(FILE *f, const char *deadline, int days, int overdue)
{
	char s[48];
	if (!deadline) {
		fputs("<td class=\"num\"><span class=\"na\">&ndash;</span></td>", f);
		return;
	}
	rep_days_phrase(days, overdue, s, sizeof(s));
	fprintf(f, "<td class=\"num%s\">%s</td>", days < 0 || overdue ? " over" : "", s);
}

static void thead(FILE *f, const char *const *h, size_t n)
{
	fputs("<thead><tr>", f);
	for (size_t i = 0; i < n; i++) {
		int num = h[i][0] == '#';
		fprintf(f, "<th%s>%s</th>", num ? " class=\"num\"" : "", h[i] + num);
	}
	fputs("</tr></thead>\n", f);
}

static const char css[] =
    ":root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--accent:#1e3a5f;--red:#b22222;"
    "--amber:#8a5a00}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#eef1f5;color:var(--ink);font:14px/1.5 \"Helvetica Neue\","
    "Helvetica,Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif}\n"
    ".page{max-width:1140px;margin:24px auto;background:#fff;padding:36px 48px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.15)}\n"
    "header.masthead{border-bottom:3px solid var(--accent);padding-bottom:16px}\n"
    ".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);"
    "font-weight:600}\n"
    "h1{font-size:28px;line-height:1.2;margin:6px 0;color:var(--accent)}\n"
    ".subtitle{margin:0 0 14px;color:var(--muted);font-size:15px}\n"
    ".subtitle strong{color:var(--ink)}\n"
    "dl.meta{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:8px 24px;margin:0}\n"
    "dl.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.05em;"
    "color:var(--muted)}\n"
    "dl.meta dd{margin:0;font-weight:600;overflow-wrap:anywhere}\n"
    "nav.toc{margin-top:12px;font-size:13px}\n"
    "nav.toc ol{display:flex;flex-wrap:wrap;gap:4px 20px;padding:0;margin:0;list-style:none}\n"
    "a{color:#1a4f8b}\n"
    "section{margin-top:34px}\n"
    "h2{font-size:20px;color:var(--accent);border-bottom:1px solid var(--line);"
    "padding-bottom:4px;margin:0 0 14px}\n"
    "h3{font-size:16px;margin:0}\n"
    "h4{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);"
    "margin:16px 0 4px}\n"
    ".lead{font-size:15px;margin:0 0 14px}\n"
    ".cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px}\n"
    ".card{border:1px solid var(--line);border-left:6px solid #9ca3af;border-radius:4px;"
    "padding:10px 14px}\n"
    ".card .n{font-size:28px;font-weight:700;line-height:1.1}\n"
    ".card .l{font-size:12px;text-transform:uppercase;letter-spacing:.05em;"
    "color:var(--muted)}\n"
    ".card.s-action,.card.s-over{border-left-color:var(--red)}\n"
    ".card.s-action .n,.card.s-over .n{color:var(--red)}\n"
    ".card.s-review{border-left-color:#d99a00}.card.s-review .n{color:var(--amber)}\n"
    "table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 10px}\n"
    "th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word;white-space:pre-line}\n"
    /* Long unbroken values (paths, commands, identities) may break anywhere, but only where
     * they are: elsewhere words stay whole and columns get their width. */
    "td.v,td code,.sub code{overflow-wrap:anywhere}\n"
    ".nw{white-space:nowrap}\n"
    "th{background:#f3f4f6;border-bottom:2px solid #6b7280;font-weight:700}\n"
    "td.num,th.num{text-align:right;white-space:nowrap}\n"
    "tbody tr:nth-child(even) td{background:#fafbfc}\n"
    "code{font:12px/1.4 \"DejaVu Sans Mono\",\"Liberation Mono\",monospace}\n"
    ".badge{display:inline-block;padding:0 8px;border:1px solid currentColor;"
    "border-radius:10px;font-size:11px;font-weight:700;letter-spacing:.04em;"
    "text-transform:uppercase;white-space:nowrap}\n"
    /* Status colours on words only (badges, strong text): never on whole blocks. */
    ".badge.s-action,strong.s-action{color:var(--red)}.badge.s-action{background:#fdecea}\n"
    ".badge.s-review,strong.s-review{color:var(--amber)}.badge.s-review{background:#fff3d1}\n"
    ".badge.s-info{color:#1e4f9a;background:#e8effb}\n"
    ".badge.s-except,strong.s-except{color:#6b21a8}.badge.s-except{background:#f3e8ff}\n"
    ".badge.s-removed,.badge.s-replaced{color:#166534;background:#e6f4ea}\n"
    ".badge.s-none,.badge.s-open,.badge.s-other{color:#374151}\n"
    ".over{color:var(--red);font-weight:700}\n"
    ".na{color:#9ca3af}\n"
    "article.finding{border:1px solid var(--line);border-left:6px solid #9ca3af;"
    "border-radius:4px;padding:14px 18px;margin:18px 0;break-inside:avoid}\n"
    "article.finding.s-action{border-left-color:var(--red)}\n"
    "article.finding.s-review{border-left-color:#d99a00}\n"
    "article.finding.s-except{border-left-color:#6b21a8}\n"
    "article.finding.s-removed,article.finding.s-replaced{border-left-color:#166534}\n"
    ".fhead{display:flex;align-items:center;gap:10px;flex-wrap:wrap}\n"
    ".fsub{color:var(--muted);margin:4px 0 10px}\n"
    "dl.kv{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content "
    "minmax(0,1fr);gap:2px 14px;margin:0;font-size:13px}\n"
    "dl.kv dt{color:var(--muted)}\n"
    "dl.kv dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}\n"
    ".exception{border:1px solid #c4a7e7;border-left:4px solid #6b21a8;border-radius:4px;"
    "padding:8px 12px;margin:12px 0 0}\n"
    ".sub{display:block;font-size:12px;color:var(--muted)}\n"
    "figure.chart{margin:0 0 28px}\n"
    "figure.chart svg{display:block;width:100%;height:auto;font-family:inherit}\n"
    "figcaption{font-size:12px;color:var(--muted);margin-top:6px}\n"
    ".attest{border:2px solid var(--ink);border-radius:4px;padding:18px 24px}\n"
    ".sig{display:grid;grid-template-columns:1fr 1fr;gap:8px 48px;margin-top:8px}\n"
    ".sig div{border-bottom:1px solid var(--ink);height:52px;display:flex;align-items:flex-end;"
    "font-size:12px;color:var(--muted);padding-bottom:2px}\n"
    "footer{margin-top:36px;border-top:1px solid var(--line);padding-top:10px;font-size:11px;"
    "color:var(--muted)}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{background:#fff;font-size:10pt}"
    ".page{margin:0;padding:0;box-shadow:none;max-width:none}"
    "nav.toc{display:none}a{color:inherit;text-decoration:none}section{margin-top:18pt}"
    "h2,h3,h4{break-after:avoid;page-break-after:avoid}"
    "article.finding,figure,.card,tr,.attest,dl.kv{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "th,tbody tr:nth-child(even) td,.badge{background:none!important}"
    "table{font-size:8.5pt}th,td{padding:3px 5px}.nw{white-space:normal}"
    "#attestation{break-before:page;page-break-before:always}}\n"
    "@media (max-width:760px){.page{padding:18px}.cards,dl.meta{grid-template-columns:"
    "repeat(2,minmax(0,1fr))}dl.kv{grid-template-columns:max-content minmax(0,1fr)}}\n";

static void meta_item(FILE *f, const char *label, const char *v)
{
	fprintf(f, "<div><dt>%s</dt><dd>", label);
	val(f, v);
	fputs("</dd></div>\n", f);
}

static void head(FILE *f, const struct report *r)
{
	const char *title = rep_or(r->title, "Compliance report");
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"bansweep ",
	      f);
	html_text(f, rep_or(r->tool_version, "unknown"));
	fputs("\">\n<title>", f);
	html_text(f, title);
	if (r->as_of) {
		fputs(" \xE2\x80\x94 as of ", f);
		html_text(f, r->as_of);
	}
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<div class=\"page\">\n", css);

	fputs("<header class=\"masthead\">\n<div class=\"kicker\">Compliance report &middot; "
	      "equipment and software of vendors under government bans</div>\n<h1>",
	      f);
	html_text(f, title);
	fputs("</h1>\n<p class=\"subtitle\">Policy <strong>", f);
	val(f, r->policy);
	fputs("</strong>", f);
	if (r->policy_title) {
		fputs(" (", f);
		html_text(f, r->policy_title);
		fputc(')', f);
	}
	fputs(" &middot; as of <strong>", f);
	val(f, r->as_of);
	fputs("</strong></p>\n<dl class=\"meta\">\n", f);
	meta_item(f, "Generated", r->generated);
	fputs("<div><dt>Tool version</dt><dd>bansweep ", f);
	val(f, r->tool_version);
	fputs("</dd></div>\n", f);
	meta_item(f, "Catalogue version", r->catalogue);
	meta_item(f, "MAC registry date", r->registry);
	meta_item(f, "Operator", r->operator_name);
	meta_item(f, "Store", r->store);
	meta_item(f, "Policy", r->policy);
	meta_item(f, "As of", r->as_of);
	fputs("</dl>\n<nav class=\"toc\" aria-label=\"Contents\"><ol>"
	      "<li><a href=\"#summary\">1 Summary</a></li>"
	      "<li><a href=\"#charts\">2 Charts</a></li>"
	      "<li><a href=\"#scope\">3 Scope and methods</a></li>"
	      "<li><a href=\"#findings\">4 Findings</a></li>"
	      "<li><a href=\"#deadlines\">5 Deadlines</a></li>"
	      "<li><a href=\"#history\">6 Remediation history</a></li>"
	      "<li><a href=\"#attestation\">7 Attestation</a></li></ol></nav>\n</header>\n",
	      f);
}

static void card(FILE *f, const char *cls, size_t n, const char *label)
{
	fprintf(
	    f, "<div class=\"card %s\"><div class=\"n\">%zu</div><div class=\"l\">%s</div></div>\n",
	    cls, n, label);
}

static void summary(FILE *f, const struct report *r)
{
	fputs("<section id=\"summary\">\n<h2>1 Summary</h2>\n<p class=\"lead\">As of <strong>", f);
	val(f, r->as_of);
	fprintf(f,
	        "</strong>, <strong%s>%zu finding%s require%s action</strong> "
	        "(%zu overdue) and <strong%s>%zu need%s review</strong>. "
	        "%zu %s excepted, %zu removed and %zu replaced; the store holds %zu asset%s.</p>\n",
	        r->n_action ? " class=\"s-action\"" : "", r->n_action, r->n_action == 1 ? "" : "s",
	        r->n_action == 1 ? "s" : "", r->n_overdue, r->n_review ? " class=\"s-review\"" : "",
	        r->n_review, r->n_review == 1 ? "s" : "", r->n_excepted,
	        r->n_excepted == 1 ? "finding is" : "findings are", r->n_removed, r->n_replaced,
	        r->n_assets, r->n_assets == 1 ? "" : "s");
	fputs("<div class=\"cards\">\n", f);
	card(f, "s-action", r->n_action, "Action required");
	card(f, "s-over", r->n_overdue, "Overdue");
	card(f, "s-review", r->n_review, "Needs review");
	card(f, "s-info", r->n_info, "Informational");
	card(f, "s-except", r->n_excepted, "Excepted");
	card(f, "s-removed", r->n_removed, "Removed");
	card(f, "s-replaced", r->n_replaced, "Replaced");
	card(f, "s-assets", r->n_assets, "Assets in store");
	fputs("</div>\n</section>\n", f);
}

static void scope(FILE *f, const struct report *r)
{
	fputs("<section id=\"scope\">\n<h2>3 Scope and methods of the inquiry</h2>\n", f);
	if (!r->nscans) {
		fputs("<p>No scan is recorded in the store.</p>\n</section>\n", f);
		return;
	}
	fprintf(f,
	        "<p>The inquiry consists of %zu scan%s. Each row says when, by whom, by which "
	        "method and over which scope the estate was examined, and what the scan "
	        "recorded.</p>\n<table class=\"scans\">\n",
	        r->nscans, r->nscans == 1 ? "" : "s");
	static const char *const h[] = {"#Scan",
	                                "When",
	                                "State",
	                                "Run by",
	                                "Method",
	                                "Scope and command",
	                                "Catalogue / registry",
	                                "Recorded"};
	thead(f, h, 8);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < r->nscans; i++) {
		const struct rep_scan *s = &r->scans[i];
		fprintf(f, "<tr id=\"scan-%lld\"><td class=\"num\">%lld</td><td class=\"nw\">",
		        (long long)s->id, (long long)s->id);
		val(f, s->started);
		fputs("<span class=\"sub\">to ", f);
		val(f, s->finished);
		fputs("</span></td>", f);
		if (rep_is(s->state, "complete")) {
			td(f, s->state);
		} else {
			fputs("<td><strong class=\"s-action\">", f);
			val(f, s->state);
			fputs("</strong></td>", f);
		}
		td(f, s->who);
		td(f, s->method);
		fputs("<td class=\"v\">", f);
		val(f, s->scope);
		if (s->command) {
			fputs("<span class=\"sub\"><code>", f);
			html_text(f, s->command);
			fputs("</code></span>", f);
		}
		fputs("</td><td>", f);
		val(f, s->catalogue);
		fputs("<span class=\"sub\">", f);
		val(f, s->registry);
		fputs("</span></td>", f);
		fprintf(f,
		        "<td class=\"nw\">%zu asset%s<br>%zu observation%s<br>%zu "
		        "finding%s</td></tr>\n",
		        s->nassets, s->nassets == 1 ? "" : "s", s->nobs, s->nobs == 1 ? "" : "s",
		        s->nfindings, s->nfindings == 1 ? "" : "s");
	}
	fputs("</tbody></table>\n</section>\n", f);
}

static void charts(FILE *f, const struct report *r, const struct svg_instr *in)
{
	fputs("<section id=\"charts\">\n<h2>2 Charts</h2>\n", f);
	svg_chart_vendors(f, r, in);
	svg_chart_burndown(f, r, in);
	fputs("</section>\n", f);
}

static const char *shown_status(const struct rep_finding *x)
{
	return rep_is(x->state, "open") ? x->status : x->state;
}

static void kv(FILE *f, const char *label, const char *v)
{
	fprintf(f, "<dt>%s</dt><dd>", label);
	val(f, v);
	fputs("</dd>", f);
}

static void kv_seen(FILE *f, const char *label, const char *at, int64_t scan)
{
	fprintf(f, "<dt>%s</dt><dd>", label);
	val(f, at);
	if (scan)
		fprintf(f, " <a href=\"#scan-%lld\">(scan %lld)</a>", (long long)scan,
		        (long long)scan);
	fputs("</dd>", f);
}

static void finding(FILE *f, const struct rep_finding *x)
{
	const char *st = shown_status(x);
	fprintf(f, "<article class=\"finding %s\" id=\"finding-%lld\">\n<div class=\"fhead\">",
	        status_class(st), (long long)x->id);
	badge(f, st);
	fprintf(f, "<h3>Finding %lld: ", (long long)x->id);
	html_text(f, rep_or(x->product, rep_or(x->vendor_name, "unknown product")));
	fputs("</h3></div>\n<p class=\"fsub\">", f);
	val(f, rep_or(x->vendor_name, x->vendor));
	fputs(" &middot; brand shown: ", f);
	val(f, x->brand);
	fputs("; made by: ", f);
	val(f, x->maker);
	fputs(" &middot; ", f);
	val(f, x->cls);
	fputs(" &middot; confidence: ", f);
	val(f, x->confidence);
	fputs("</p>\n<dl class=\"kv\">", f);
	kv(f, "Asset", x->asset);
	if (x->mac)
		kv(f, "MAC address", x->mac);
	if (x->ip)
		kv(f, "IP address", x->ip);
	if (x->hostname)
		kv(f, "Host name", x->hostname);
	if (x->serial)
		kv(f, "Serial number", x->serial);
	if (x->root)
		kv(f, "Root", x->root);
	kv(f, "Vendor", x->vendor);
	kv(f, "State", x->state);
	kv(f, "Status", x->status);
	kv_seen(f, "First seen", x->first_seen, x->first_scan);
	kv_seen(f, "Last seen", x->last_seen, x->last_scan);
	if (x->closed_at || x->closed_scan)
		kv_seen(f, "Closed", x->closed_at, x->closed_scan);
	if (x->note)
		kv(f, "Note", x->note);
	fputs("</dl>\n", f);
	if (x->exception_until || x->exception_reason || x->exception_approver) {
		fputs("<div class=\"exception\"><strong class=\"s-except\">Exception", f);
		fputs(rep_is(x->state, "excepted") ? " in force" : "", f);
		fputs("</strong> until ", f);
		val(f, x->exception_until);
		fputs(". Reason: ", f);
		val(f, x->exception_reason);
		fputs(". Approved by: ", f);
		val(f, x->exception_approver);
		fputs(".</div>\n", f);
	}

	fputs("<h4>Instruments</h4>\n", f);
	if (!x->nbans) {
		fputs("<p>No instrument binds this finding.</p>\n", f);
	} else {
		static const char *const h[] = {"Instrument", "Status", "Required action",
		                                "Next deadline", "#Days"};
		fputs("<table class=\"bans\">\n", f);
		thead(f, h, 5);
		fputs("<tbody>\n", f);
		for (size_t i = 0; i < x->nbans; i++) {
			const struct rep_ban *b = &x->bans[i];
			fputs("<tr><td><strong>", f);
			val(f, b->id);
			fputs("</strong><span class=\"sub\">", f);
			if (b->title) {
				html_text(f, b->title);
				fputs(" &middot; ", f);
			}
			val(f, b->authority);
			if (b->jurisdiction) {
				fputs(" (", f);
				html_text(f, b->jurisdiction);
				fputc(')', f);
			}
			fputs(b->in_force ? " &middot; in force" : " &middot; not yet in force", f);
			fputs("</span></td><td>", f);
			badge(f, b->status);
			fputs("</td><td>", f);
			val(f, b->action);
			if (b->effect) {
				fputs("<span class=\"sub\">effect: ", f);
				html_text(f, b->effect);
				fputs("</span>", f);
			}
			fputs("</td><td>", f);
			val(f, b->deadline);
			if (b->milestone) {
				fputs("<span class=\"sub\">", f);
				html_text(f, b->milestone);
				fputs("</span>", f);
			}
			fputs("</td>", f);
			days_cell(f, b->deadline, b->days, b->overdue);
			fputs("</tr>\n", f);
			if (b->why) {
				fputs("<tr><td colspan=\"5\"><span class=\"sub\">Why: ", f);
				html_text(f, b->why);
				fputs("</span></td></tr>\n", f);
			}
		}
		fputs("</tbody></table>\n", f);
	}
	fputs("<h4>Evidence</h4>\n", f);
	if (!x->nev) {
		fputs("<p>No evidence is recorded.</p>\n", f);
	} else {
		static const char *const h[] = {"Key", "Value", "Rule", "Strength", "Source"};
		fputs("<table class=\"evidence\">\n", f);
		thead(f, h, 5);
		fputs("<tbody>\n", f);
		for (size_t i = 0; i < x->nev; i++) {
			const struct rep_evidence *e = &x->ev[i];
			fputs("<tr><td><code>", f);
			val(f, e->key);
			fputs("</code></td>", f);
			tdv(f, e->value);
			tdv(f, e->rule);
			td(f, e->strength);
			tdv(f, e->source);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
	fputs("</article>\n", f);
}

static void findings(FILE *f, const struct report *r)
{
	fputs("<section id=\"findings\">\n<h2>4 Findings</h2>\n", f);
	if (!r->nfindings) {
		fputs("<p>No finding.</p>\n</section>\n", f);
		return;
	}
	fprintf(f, "<p>%zu finding%s, open ones first, most urgent first.</p>\n", r->nfindings,
	        r->nfindings == 1 ? "" : "s");
	static const char *const h[] = {"#Finding",        "Status",  "Asset",        "Vendor",
	                                "Brand / made by", "Product", "Next deadline"};
	fputs("<table class=\"overview\">\n", f);
	thead(f, h, 7);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *x = &r->findings[i];
		fprintf(f, "<tr><td class=\"num\"><a href=\"#finding-%lld\">%lld</a></td><td>",
		        (long long)x->id, (long long)x->id);
		badge(f, shown_status(x));
		fputs("</td>", f);
		td(f, x->asset);
		td(f, rep_or(x->vendor_name, x->vendor));
		fputs("<td>", f);
		val(f, x->brand);
		fputs(" / ", f);
		val(f, x->maker);
		fputs("</td>", f);
		td(f, x->product);
		if (rep_is(x->state, "open") && x->nbans && x->bans[0].deadline) {
			char days[48];
			const struct rep_ban *b = &x->bans[0];
			fputs("<td>", f);
			html_text(f, b->deadline);
			rep_days_phrase(b->days, b->overdue, days, sizeof(days));
			fprintf(f, "<span class=\"sub%s\">%s</span></td>",
			        b->days < 0 || b->overdue ? " over" : "", days);
		} else {
			td(f, NULL);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(f, &r->findings[i]);

	fputs("<h3 id=\"exceptions\">Exceptions in force</h3>\n", f);
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *x = &r->findings[i];
		if (!rep_is(x->state, "excepted"))
			continue;
		if (!n++) {
			static const char *const eh[] = {"#Finding", "Asset",  "Vendor",
			                                 "Until",    "Reason", "Approved by"};
			fputs("<table class=\"exceptions\">\n", f);
			thead(f, eh, 6);
			fputs("<tbody>\n", f);
		}
		fprintf(f, "<tr><td class=\"num\"><a href=\"#finding-%lld\">%lld</a></td>",
		        (long long)x->id, (long long)x->id);
		tdv(f, x->asset);
		td(f, rep_or(x->vendor_name, x->vendor));
		td(f, x->exception_until);
		td(f, x->exception_reason);
		td(f, x->exception_approver);
		fputs("</tr>\n", f);
	}
	fputs(n ? "</tbody></table>\n" : "<p>None.</p>\n", f);
	fputs("</section>\n", f);
}

static void deadlines(FILE *f, const struct report *r)
{
	fputs("<section id=\"deadlines\">\n<h2>5 Deadlines</h2>\n", f);
	if (!r->ndeadlines) {
		fputs("<p>No deadline binds an open finding.</p>\n</section>\n", f);
		return;
	}
	fputs("<p>The deadlines that bind open findings, soonest first.</p>\n"
	      "<table class=\"deadlines\">\n",
	      f);
	static const char *const h[] = {"Date", "Instrument", "Milestone", "#Open findings",
	                                "#Days"};
	thead(f, h, 5);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < r->ndeadlines; i++) {
		const struct rep_deadline *d = &r->deadlines[i];
		fputs("<tr>", f);
		td(f, d->date);
		td(f, d->instrument);
		td(f, d->milestone);
		tdn(f, d->findings);
		days_cell(f, rep_or(d->date, "-"), d->days, 0);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n</section>\n", f);
}

static void history(FILE *f, const struct report *r)
{
	fputs("<section id=\"history\">\n<h2>6 Remediation history</h2>\n", f);
	if (!r->nevents) {
		fputs("<p>No event is recorded.</p>\n</section>\n", f);
		return;
	}
	fputs("<p>What happened to each finding, oldest first. &ldquo;Removed (seen absent)&rdquo; "
	      "is a scan's observation; &ldquo;Remediated (claimed)&rdquo; is a person's statement "
	      "that a later scan has yet to confirm.</p>\n<table class=\"history\">\n",
	      f);
	static const char *const h[] = {"At",     "Event", "#Finding", "Asset",
	                                "Vendor", "#Scan", "By",       "Details"};
	thead(f, h, 8);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct rep_event *e = &r->events[i];
		const char *k = rep_event_title(e->kind);
		fputs("<tr><td class=\"nw\">", f);
		val(f, e->at);
		fputs("</td>", f);
		fputs("<td>", f);
		if (k)
			fputs(k, f);
		else
			val(f, e->kind);
		fprintf(f, "</td><td class=\"num\"><a href=\"#finding-%lld\">%lld</a></td>",
		        (long long)e->finding, (long long)e->finding);
		td(f, e->asset);
		td(f, e->vendor);
		if (e->scan)
			fprintf(f, "<td class=\"num\"><a href=\"#scan-%lld\">%lld</a></td>",
			        (long long)e->scan, (long long)e->scan);
		else
			td(f, NULL);
		td(f, e->who);
		fputs("<td class=\"v\">", f);
		int any = 0;
		if (e->note) {
			html_text(f, e->note);
			any = 1;
		}
		if (e->until) {
			fputs(any ? "; until " : "until ", f);
			html_text(f, e->until);
			any = 1;
		}
		if (e->approver) {
			fputs(any ? "; approved by " : "approved by ", f);
			html_text(f, e->approver);
			any = 1;
		}
		if (!any)
			val(f, NULL);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n</section>\n", f);
}

static void attestation(FILE *f, const struct report *r)
{
	fprintf(f,
	        "<section id=\"attestation\">\n<h2>7 Attestation</h2>\n<div class=\"attest\">\n"
	        "<p>%s</p>\n<p>Report as of <strong>",
	        rep_attestation_text);
	val(f, r->as_of);
	fputs("</strong>, policy <strong>", f);
	val(f, r->policy);
	fputs("</strong>, generated ", f);
	val(f, r->generated);
	fputs(".</p>\n<div class=\"sig\"><div>Reviewed by (name)</div><div>Date</div>"
	      "<div>Signature</div><div>Role</div></div>\n</div>\n</section>\n",
	      f);
}

int rep_write_html(const struct report *r, FILE *out)
{
	struct svg_instr in;
	svg_instr_init(&in, r);
	head(out, r);
	summary(out, r);
	charts(out, r, &in);
	scope(out, r);
	findings(out, r);
	deadlines(out, r);
	history(out, r);
	attestation(out, r);
	fputs("<footer>Generated by bansweep ", out);
	html_text(out, rep_or(r->tool_version, "unknown"));
	fputs(" at ", out);
	val(out, r->generated);
	fputs(". The tables are the record; the charts summarise them. The JSON report holds the "
	      "same model for other programs.</footer>\n</div>\n</body>\n</html>\n",
	      out);
	svg_instr_release(&in);
	return 0;
}
