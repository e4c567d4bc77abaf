/* The Markdown report (CommonMark with GitHub tables): the text report's sections, with tables
 * for the findings summary, scans, deadlines, exceptions and history. Values are escaped so that
 * they stay text: Markdown punctuation and | get a backslash, a line break becomes <br> (a table
 * cell is one line), other control characters and bytes that are not UTF-8 are shown escaped. */
#include <stdio.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/report.h"
#include "report/rep_int.h"
#include "util/banned.h"

struct md {
	FILE *f;
	struct buf b;
};

static void esc_into(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c >= 0x80) {
			size_t l = bs_utf8_seq(p + i, n - i);
			if (!l) {
				buf_add(b, "\xEF\xBF\xBD", 3);
				i++;
			} else {
				unsigned cp = rep_utf8_cp(p + i, l);
				if (rep_cp_tricky(cp))
					buf_printf(b, "\\\\u{%04X}", cp);
				else
					buf_add(b, p + i, l);
				i += l;
			}
			continue;
		}
		i++;
		if (c == '\n') {
			buf_adds(b, "<br>");
		} else if (c == '\r') {
			if (p[i] != '\n')
				buf_adds(b, "<br>");
		} else if (c == '\t') {
			buf_addc(b, ' ');
		} else if (c < 0x20 || c == 0x7F) {
			char e[5] = {'\\', '\\', 'x', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 5);
		} else if (strchr("\\`*_[]<>|&~#!", c)) {
			char e[2] = {'\\', (char)c};
			buf_add(b, e, 2);
		} else {
			buf_addc(b, (char)c);
		}
	}
}

/* s escaped, "-" when unknown; valid until the next call. */
static const char *esc(struct md *m, const char *s)
{
	buf_reset(&m->b);
	esc_into(&m->b, rep_or(s, "-"));
	return m->b.data;
}

static void put(struct md *m, const char *s)
{
	fputs(esc(m, s), m->f);
}

/* One table row: each cell escaped. */
static void row(struct md *m, const char *const *cells, size_t n)
{
	fputc('|', m->f);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', m->f);
		put(m, cells[i]);
		fputs(" |", m->f);
	}
	fputc('\n', m->f);
}

/* Header row (trusted text) and the delimiter row; align: 'l' or 'r' per column. */
static void head(struct md *m, const char *const *titles, const char *align, size_t n)
{
	fputc('|', m->f);
	for (size_t i = 0; i < n; i++)
		fprintf(m->f, " %s |", titles[i]);
	fputs("\n|", m->f);
	for (size_t i = 0; i < n; i++)
		fputs(align[i] == 'r' ? "---:|" : "---|", m->f);
	fputc('\n', m->f);
}

static void item(struct md *m, const char *label, const char *value)
{
	fprintf(m->f, "- **%s:** ", label);
	put(m, value);
	fputc('\n', m->f);
}

static void header(struct md *m, const struct report *r)
{
	fprintf(m->f, "# Compliance report: ");
	put(m, rep_or(r->title, "covered vendors"));
	fputs("\n\n", m->f);
	static const char *const t[] = {"Report", "Value"};
	head(m, t, "ll", 2);
	const char *ver = esc(m, r->tool_version);
	fprintf(m->f, "| Tool version | bansweep %s |\n", ver);
	const char *rows[][2] = {
	    {"Generated", r->generated},
	    {"As of", r->as_of},
	    {"Policy", r->policy},
	    {"Policy title", r->policy_title},
	    {"Catalogue version", r->catalogue},
	    {"MAC registry date", r->registry},
	    {"Operator", r->operator_name},
	    {"Store", r->store},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		row(m, rows[i], 2);
}

static void summary(struct md *m, const struct report *r)
{
	fputs("\n## Summary\n\n", m->f);
	static const char *const t[] = {"Action required", "Needs review", "Informational",
	                                "Excepted",        "Removed",      "Replaced",
	                                "Overdue",         "Assets"};
	head(m, t, "rrrrrrrr", 8);
	fprintf(m->f, "| %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu |\n", r->n_action,
	        r->n_review, r->n_info, r->n_excepted, r->n_removed, r->n_replaced, r->n_overdue,
	        r->n_assets);
}

static void scans(struct md *m, const struct report *r)
{
	fputs("\n## Scope and methods of the inquiry\n\n", m->f);
	if (!r->nscans) {
		fputs("No scan is recorded in the store.\n", m->f);
		return;
	}
	static const char *const t[] = {
	    "Scan",    "Started",   "Finished",     "State",  "Run by",       "Method",  "Scope",
	    "Command", "Catalogue", "MAC registry", "Assets", "Observations", "Findings"};
	head(m, t, "rlllllllllrrr", 13);
	for (size_t i = 0; i < r->nscans; i++) {
		const struct rep_scan *s = &r->scans[i];
		char id[24], na[24], no[24], nf[24];
		snprintf(id, sizeof(id), "%lld", (long long)s->id);
		snprintf(na, sizeof(na), "%zu", s->nassets);
		snprintf(no, sizeof(no), "%zu", s->nobs);
		snprintf(nf, sizeof(nf), "%zu", s->nfindings);
		const char *c[] = {id,        s->started, s->finished, s->state,     s->who,
		                   s->method, s->scope,   s->command,  s->catalogue, s->registry,
		                   na,        no,         nf};
		row(m, c, 13);
	}
}

static const char *next_deadline(const struct rep_finding *f, char *out, size_t n)
{
	if (!f->nbans || !f->bans[0].deadline || !rep_is(f->state, "open"))
		return NULL;
	char days[48];
	snprintf(out, n, "%s (%s)", f->bans[0].deadline,
	         rep_days_phrase(f->bans[0].days, f->bans[0].overdue, days, sizeof(days)));
	return out;
}

static void overview(struct md *m, const struct report *r)
{
	static const char *const t[] = {"#",          "Status",       "Asset",   "Vendor",
	                                "Brand",      "Made by",      "Product", "Class",
	                                "Confidence", "Next deadline"};
	head(m, t, "rlllllllll", 10);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		char id[24], dl[128];
		snprintf(id, sizeof(id), "%lld", (long long)f->id);
		const char *s = rep_is(f->state, "open") ? f->status : f->state;
		const char *c[] = {id,
		                   rep_or(rep_status_title(s), s),
		                   f->asset,
		                   rep_or(f->vendor_name, f->vendor),
		                   f->brand,
		                   f->maker,
		                   f->product,
		                   f->cls,
		                   f->confidence,
		                   next_deadline(f, dl, sizeof(dl))};
		row(m, c, 10);
	}
}

static void finding(struct md *m, const struct rep_finding *f)
{
	const char *s = rep_is(f->state, "open") ? f->status : f->state;
	fprintf(m->f, "\n### Finding %lld: ", (long long)f->id);
	const char *u = rep_status_upper(s);
	fprintf(m->f, "**%s**", u ? u : esc(m, s));
	fputs(" — ", m->f);
	put(m, rep_or(f->product, rep_or(f->vendor_name, f->vendor)));
	fputs("\n\n", m->f);
	item(m, "Asset", f->asset);
	if (f->mac)
		item(m, "MAC address", f->mac);
	if (f->ip)
		item(m, "IP address", f->ip);
	if (f->hostname)
		item(m, "Host name", f->hostname);
	if (f->serial)
		item(m, "Serial number", f->serial);
	if (f->root)
		item(m, "Root", f->root);
	fputs("- **Vendor:** ", m->f);
	put(m, f->vendor_name);
	fputs(" (", m->f);
	put(m, f->vendor);
	fputs(")\n- **Brand shown:** ", m->f);
	put(m, f->brand);
	fputs("; **made by:** ", m->f);
	put(m, f->maker);
	fputc('\n', m->f);
	item(m, "Product", f->product);
	item(m, "Class", f->cls);
	item(m, "Confidence", f->confidence);
	fputs("- **State:** ", m->f);
	put(m, f->state);
	fputs("; **status:** ", m->f);
	put(m, f->status);
	fputc('\n', m->f);
	fputs("- **First seen:** ", m->f);
	put(m, f->first_seen);
	if (f->first_scan)
		fprintf(m->f, " (scan %lld)", (long long)f->first_scan);
	fputs("\n- **Last seen:** ", m->f);
	put(m, f->last_seen);
	if (f->last_scan)
		fprintf(m->f, " (scan %lld)", (long long)f->last_scan);
	fputc('\n', m->f);
	if (f->closed_at || f->closed_scan) {
		fputs("- **Closed:** ", m->f);
		put(m, f->closed_at);
		if (f->closed_scan)
			fprintf(m->f, " (scan %lld)", (long long)f->closed_scan);
		fputc('\n', m->f);
	}
	if (f->exception_until || f->exception_reason || f->exception_approver) {
		fputs("- **Exception:** until ", m->f);
		put(m, f->exception_until);
		fputs("; reason: ", m->f);
		put(m, f->exception_reason);
		fputs("; approved by: ", m->f);
		put(m, f->exception_approver);
		fputc('\n', m->f);
	}
	if (f->note)
		item(m, "Note", f->note);

	fputs("\n**Instruments**\n\n", m->f);
	if (!f->nbans) {
		fputs("No instrument binds this finding.\n", m->f);
	} else {
		static const char *const t[] = {"Instrument", "Status",    "In force", "Action",
		                                "Deadline",   "Milestone", "Days",     "Why"};
		head(m, t, "llllllll", 8);
		for (size_t i = 0; i < f->nbans; i++) {
			const struct rep_ban *b = &f->bans[i];
			char days[48];
			const char *st = rep_status_title(b->status);
			const char *c[] = {
			    b->id,
			    st ? st : b->status,
			    b->in_force ? "yes" : "not yet",
			    b->action,
			    b->deadline,
			    b->milestone,
			    b->deadline ? rep_days_phrase(b->days, b->overdue, days, sizeof(days))
			                : NULL,
			    b->why};
			row(m, c, 8);
		}
	}
	fputs("\n**Evidence**\n\n", m->f);
	if (!f->nev) {
		fputs("No evidence is recorded.\n", m->f);
		return;
	}
	static const char *const t[] = {"Key", "Value", "Rule", "Strength", "Source"};
	head(m, t, "lllll", 5);
	for (size_t i = 0; i < f->nev; i++) {
		const struct rep_evidence *e = &f->ev[i];
		const char *c[] = {e->key, e->value, e->rule, e->strength, e->source};
		row(m, c, 5);
	}
}

static void findings(struct md *m, const struct report *r)
{
	fputs("\n## Findings\n\n", m->f);
	if (!r->nfindings) {
		fputs("No finding.\n", m->f);
		return;
	}
	overview(m, r);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(m, &r->findings[i]);
}

static void exceptions(struct md *m, const struct report *r)
{
	fputs("\n## Exceptions in force\n\n", m->f);
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		if (!rep_is(f->state, "excepted"))
			continue;
		if (!n++) {
			static const char *const t[] = {"Finding", "Asset",  "Vendor",
			                                "Until",   "Reason", "Approved by"};
			head(m, t, "rlllll", 6);
		}
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)f->id);
		const char *c[] = {id,
		                   f->asset,
		                   rep_or(f->vendor_name, f->vendor),
		                   f->exception_until,
		                   f->exception_reason,
		                   f->exception_approver};
		row(m, c, 6);
	}
	if (!n)
		fputs("None.\n", m->f);
}

static void deadlines(struct md *m, const struct report *r)
{
	fputs("\n## Deadlines\n\n", m->f);
	if (!r->ndeadlines) {
		fputs("No deadline binds an open finding.\n", m->f);
		return;
	}
	static const char *const t[] = {"Date", "Days", "Instrument", "Milestone", "Open findings"};
	head(m, t, "lllrr", 5);
	for (size_t i = 0; i < r->ndeadlines; i++) {
		const struct rep_deadline *d = &r->deadlines[i];
		char days[48], n[24];
		snprintf(n, sizeof(n), "%zu", d->findings);
		const char *c[] = {d->date, rep_days_phrase(d->days, 0, days, sizeof(days)),
		                   d->instrument, d->milestone, n};
		row(m, c, 5);
	}
}

static void history(struct md *m, const struct report *r)
{
	fputs("\n## Remediation history\n\n", m->f);
	if (!r->nevents) {
		fputs("No event is recorded.\n", m->f);
		return;
	}
	static const char *const t[] = {"At",     "Event", "Finding", "Asset",
	                                "Vendor", "Scan",  "By",      "Details"};
	head(m, t, "llrllrll", 8);
	struct buf det;
	buf_init(&det, 0);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct rep_event *e = &r->events[i];
		char fid[24], scan[24];
		snprintf(fid, sizeof(fid), "%lld", (long long)e->finding);
		snprintf(scan, sizeof(scan), "%lld", (long long)e->scan);
		buf_reset(&det);
		if (e->note)
			buf_adds(&det, e->note);
		if (e->until) {
			buf_adds(&det, det.len ? "; until " : "until ");
			buf_adds(&det, e->until);
		}
		if (e->approver) {
			buf_adds(&det, det.len ? "; approved by " : "approved by ");
			buf_adds(&det, e->approver);
		}
		const char *k = rep_event_title(e->kind);
		const char *c[] = {
		    e->at,     k ? k : e->kind,       fid,    e->asset,
		    e->vendor, e->scan ? scan : NULL, e->who, det.len ? det.data : NULL};
		row(m, c, 8);
	}
	buf_release(&det);
}

int rep_write_md(const struct report *r, FILE *out)
{
	struct md m = {.f = out};
	buf_init(&m.b, 0);
	header(&m, r);
	summary(&m, r);
	scans(&m, r);
	findings(&m, r);
	exceptions(&m, r);
	deadlines(&m, r);
	history(&m, r);
	fputs("\n## Attestation\n\n", out);
	fputs(rep_attestation_text, out);
	fputs("\n\nReviewed by: ________________________________ Date: ______________\n\n"
	      "Signature: ________________________________ Role: ______________\n",
	      out);
	buf_release(&m.b);
	return 0;
}
