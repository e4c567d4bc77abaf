/* The plain text report: the form that is filed and signed. Every value is written on one line
 * (rep_esc_line), so a line of the report is always one fact; unknown values print as "-". */
#include <stdio.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/out.h"
#include "bansweep/report.h"
#include "report/rep_int.h"
#include "util/banned.h"

#define LABEL_W 20

struct tx {
	FILE *f;
	struct buf b;
};

/* s escaped to one line, "-" when unknown; valid until the next call. */
static const char *esc(struct tx *t, const char *s)
{
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(s, "-"));
	return t->b.data;
}

static void put(struct tx *t, const char *s)
{
	fputs(esc(t, s), t->f);
}

/* "Label:              value" */
static void kv(struct tx *t, const char *indent, const char *label, const char *value)
{
	int w = LABEL_W - (int)strlen(indent);
	fprintf(t->f, "%s%-*s", indent, w, label);
	put(t, value);
	fputc('\n', t->f);
}

static void kvn(struct tx *t, const char *indent, const char *label, size_t n)
{
	int w = LABEL_W - (int)strlen(indent);
	fprintf(t->f, "%s%-*s%zu\n", indent, w, label, n);
}

static void heading(struct tx *t, const char *title)
{
	size_t n = strlen(title);
	fprintf(t->f, "\n%s\n", title);
	for (size_t i = 0; i < n; i++)
		fputc('-', t->f);
	fputc('\n', t->f);
}

/* Words of an ASCII paragraph wrapped at width columns. */
static void wrap(FILE *f, const char *s, size_t width)
{
	size_t col = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (col && col + 1 + n > width) {
			fputc('\n', f);
			col = 0;
		} else if (col) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, n, f);
		col += n;
		s += n;
		while (*s == ' ')
			s++;
	}
	fputc('\n', f);
}

/* The status in capitals, or the value itself when this version does not know it. */
static const char *status_upper(struct tx *t, const char *status)
{
	const char *u = rep_status_upper(status);
	return u ? u : esc(t, status);
}

static void header(struct tx *t, const struct report *r)
{
	const char *title = rep_or(r->title, "Compliance report");
	buf_reset(&t->b);
	buf_adds(&t->b, "BANSWEEP COMPLIANCE REPORT: ");
	rep_esc_line(&t->b, title);
	fprintf(t->f, "%s\n", t->b.data);
	/* The underline is as long as the title is wide (UTF-8 continuation bytes take no column).
	 */
	for (const char *p = t->b.data; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			fputc('=', t->f);
	fputs("\n\n", t->f);

	buf_reset(&t->b);
	buf_adds(&t->b, "bansweep ");
	rep_esc_line(&t->b, rep_or(r->tool_version, "-"));
	fprintf(t->f, "%-*s%s\n", LABEL_W, "Tool version:", t->b.data);
	kv(t, "", "Generated:", r->generated);
	kv(t, "", "As of:", r->as_of);
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(r->policy, "-"));
	if (r->policy_title && *r->policy_title) {
		buf_adds(&t->b, " (");
		rep_esc_line(&t->b, r->policy_title);
		buf_addc(&t->b, ')');
	}
	fprintf(t->f, "%-*s%s\n", LABEL_W, "Policy:", t->b.data);
	kv(t, "", "Catalogue version:", r->catalogue);
	kv(t, "", "MAC registry date:", r->registry);
	kv(t, "", "Operator:", r->operator_name);
	kv(t, "", "Store:", r->store);
}

static void summary(struct tx *t, const struct report *r)
{
	heading(t, "SUMMARY");
	kvn(t, "", "Action required:", r->n_action);
	kvn(t, "", "Needs review:", r->n_review);
	kvn(t, "", "Informational:", r->n_info);
	kvn(t, "", "Excepted:", r->n_excepted);
	kvn(t, "", "Removed:", r->n_removed);
	kvn(t, "", "Replaced:", r->n_replaced);
	kvn(t, "", "Overdue:", r->n_overdue);
	kvn(t, "", "Assets in store:", r->n_assets);
	kvn(t, "", "Findings listed:", r->nfindings);
	kvn(t, "", "Scans:", r->nscans);
}

static void scans(struct tx *t, const struct report *r)
{
	heading(t, "SCOPE AND METHODS OF THE INQUIRY");
	if (!r->nscans) {
		fputs("No scan is recorded in the store.\n", t->f);
		return;
	}
	for (size_t i = 0; i < r->nscans; i++) {
		const struct rep_scan *s = &r->scans[i];
		fprintf(t->f, "%sScan %lld\n", i ? "\n" : "", (long long)s->id);
		kv(t, "  ", "Started:", s->started);
		kv(t, "  ", "Finished:", s->finished);
		kv(t, "  ", "State:", s->state);
		kv(t, "  ", "Run by:", s->who);
		kv(t, "  ", "Method:", s->method);
		kv(t, "  ", "Scope:", s->scope);
		kv(t, "  ", "Command:", s->command);
		kv(t, "  ", "Catalogue:", s->catalogue);
		kv(t, "  ", "MAC registry:", s->registry);
		fprintf(t->f, "  %-*s%zu assets, %zu observations, %zu findings\n", LABEL_W - 2,
		        "Counts:", s->nassets, s->nobs, s->nfindings);
	}
}

/* "2025-03-01T10:00:00Z (scan 1)" */
static void seen(struct tx *t, const char *label, const char *at, int64_t scan)
{
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(at, "-"));
	if (scan)
		buf_printf(&t->b, " (scan %lld)", (long long)scan);
	fprintf(t->f, "  %-*s%s\n", LABEL_W - 2, label, t->b.data);
}

static void exception_line(struct tx *t, const char *indent, const char *label,
                           const struct rep_finding *f)
{
	buf_reset(&t->b);
	buf_adds(&t->b, "until ");
	rep_esc_line(&t->b, rep_or(f->exception_until, "-"));
	buf_adds(&t->b, "; reason: ");
	rep_esc_line(&t->b, rep_or(f->exception_reason, "-"));
	buf_adds(&t->b, "; approved by: ");
	rep_esc_line(&t->b, rep_or(f->exception_approver, "-"));
	fprintf(t->f, "%s%-*s%s\n", indent, LABEL_W - (int)strlen(indent), label, t->b.data);
}

static void evidence(struct tx *t, const struct rep_evidence *e)
{
	buf_reset(&t->b);
	buf_adds(&t->b, "    - ");
	rep_esc_line(&t->b, rep_or(e->key, "-"));
	buf_addc(&t->b, '=');
	rep_esc_line(&t->b, e->value);
	const char *sep = " [";
	if (e->rule) {
		buf_adds(&t->b, sep);
		buf_adds(&t->b, "rule ");
		rep_esc_line(&t->b, e->rule);
		sep = ", ";
	}
	if (e->strength) {
		buf_adds(&t->b, sep);
		rep_esc_line(&t->b, e->strength);
		sep = ", ";
	}
	if (e->source) {
		buf_adds(&t->b, sep);
		buf_adds(&t->b, "source ");
		rep_esc_line(&t->b, e->source);
		sep = ", ";
	}
	if (sep[0] == ',')
		buf_addc(&t->b, ']');
	fprintf(t->f, "%s\n", t->b.data);
}

static void ban(struct tx *t, const struct rep_ban *b)
{
	fputs("    - ", t->f);
	put(t, b->id);
	fprintf(t->f, ": %s\n", status_upper(t, b->status));
	kv(t, "        ", "Title:", b->title);
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(b->authority, "-"));
	if (b->jurisdiction) {
		buf_adds(&t->b, " (");
		rep_esc_line(&t->b, b->jurisdiction);
		buf_addc(&t->b, ')');
	}
	fprintf(t->f, "        %-*s%s\n", LABEL_W - 8, "Authority:", t->b.data);
	kv(t, "        ", "In force:", b->in_force ? "yes" : "not yet");
	kv(t, "        ", "Effect:", b->effect);
	kv(t, "        ", "Action:", b->action);
	if (b->deadline) {
		char days[48];
		buf_reset(&t->b);
		rep_esc_line(&t->b, b->deadline);
		if (b->milestone) {
			buf_adds(&t->b, " (");
			rep_esc_line(&t->b, b->milestone);
			buf_addc(&t->b, ')');
		}
		buf_adds(&t->b, ": ");
		buf_adds(&t->b, rep_days_phrase(b->days, b->overdue, days, sizeof(days)));
		fprintf(t->f, "        %-*s%s\n", LABEL_W - 8, "Deadline:", t->b.data);
	} else {
		kv(t, "        ", "Deadline:", "none");
	}
	if (b->why)
		kv(t, "        ", "Why:", b->why);
}

static void finding(struct tx *t, const struct rep_finding *f)
{
	const char *st = rep_is(f->state, "open") ? f->status : f->state;
	fprintf(t->f, "\nFinding %lld: %s\n", (long long)f->id, status_upper(t, st));
	kv(t, "  ", "Asset:", f->asset);
	if (f->mac)
		kv(t, "  ", "MAC address:", f->mac);
	if (f->ip)
		kv(t, "  ", "IP address:", f->ip);
	if (f->hostname)
		kv(t, "  ", "Host name:", f->hostname);
	if (f->serial)
		kv(t, "  ", "Serial number:", f->serial);
	if (f->root)
		kv(t, "  ", "Root:", f->root);
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(f->vendor_name, "-"));
	if (f->vendor) {
		buf_adds(&t->b, " (");
		rep_esc_line(&t->b, f->vendor);
		buf_addc(&t->b, ')');
	}
	fprintf(t->f, "  %-*s%s\n", LABEL_W - 2, "Vendor:", t->b.data);
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(f->brand, "-"));
	buf_adds(&t->b, "; made by: ");
	rep_esc_line(&t->b, rep_or(f->maker, "-"));
	fprintf(t->f, "  %-*s%s\n", LABEL_W - 2, "Brand shown:", t->b.data);
	kv(t, "  ", "Product:", f->product);
	kv(t, "  ", "Class:", f->cls);
	kv(t, "  ", "Confidence:", f->confidence);
	buf_reset(&t->b);
	rep_esc_line(&t->b, rep_or(f->state, "-"));
	buf_adds(&t->b, "; status: ");
	rep_esc_line(&t->b, rep_or(f->status, "-"));
	fprintf(t->f, "  %-*s%s\n", LABEL_W - 2, "State:", t->b.data);
	seen(t, "First seen:", f->first_seen, f->first_scan);
	seen(t, "Last seen:", f->last_seen, f->last_scan);
	if (f->closed_at || f->closed_scan)
		seen(t, "Closed:", f->closed_at, f->closed_scan);
	if (f->exception_until || f->exception_reason || f->exception_approver)
		exception_line(t, "  ", "Exception:", f);
	if (f->note)
		kv(t, "  ", "Note:", f->note);
	fprintf(t->f, "  Evidence:%s\n", f->nev ? "" : " none recorded");
	for (size_t i = 0; i < f->nev; i++)
		evidence(t, &f->ev[i]);
	fprintf(t->f, "  Instruments:%s\n", f->nbans ? "" : " none binds this finding");
	for (size_t i = 0; i < f->nbans; i++)
		ban(t, &f->bans[i]);
}

static void findings(struct tx *t, const struct report *r)
{
	heading(t, "FINDINGS");
	if (!r->nfindings) {
		fputs("No finding.\n", t->f);
		return;
	}
	size_t open = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		open += rep_is(r->findings[i].state, "open");
	fprintf(t->f, "%zu finding%s, %zu open.\n", r->nfindings, r->nfindings == 1 ? "" : "s",
	        open);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(t, &r->findings[i]);
}

static void exceptions(struct tx *t, const struct report *r)
{
	heading(t, "EXCEPTIONS IN FORCE");
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct rep_finding *f = &r->findings[i];
		if (!rep_is(f->state, "excepted"))
			continue;
		buf_reset(&t->b);
		buf_printf(&t->b, "Finding %lld (", (long long)f->id);
		rep_esc_line(&t->b, rep_or(f->asset, "-"));
		buf_adds(&t->b, ", ");
		rep_esc_line(&t->b, rep_or(f->vendor_name, rep_or(f->vendor, "-")));
		buf_adds(&t->b, ")");
		fprintf(t->f, "%s\n", t->b.data);
		exception_line(t, "  ", "Exception:", f);
		n++;
	}
	if (!n)
		fputs("None.\n", t->f);
}

/* Cells escaped into bufs, then one table row. */
static void row(struct table *tb, struct buf *cells, const char *const *v, size_t n)
{
	const char *p[10];
	for (size_t i = 0; i < n && i < 10; i++) {
		buf_reset(&cells[i]);
		rep_esc_line(&cells[i], v[i]);
		p[i] = cells[i].data;
	}
	table_add(tb, p, NULL);
}

static void deadlines(struct tx *t, const struct report *r, struct buf *cells)
{
	heading(t, "DEADLINES");
	if (!r->ndeadlines) {
		fputs("No deadline binds an open finding.\n", t->f);
		return;
	}
	static const char *const hd[] = {"Date", "Days", "Instrument", "Milestone",
	                                 "Open findings"};
	struct table *tb = table_new(5, hd);
	for (size_t i = 0; i < r->ndeadlines; i++) {
		const struct rep_deadline *d = &r->deadlines[i];
		char days[48], n[24];
		snprintf(n, sizeof(n), "%zu", d->findings);
		const char *v[] = {d->date, rep_days_phrase(d->days, 0, days, sizeof(days)),
		                   d->instrument, d->milestone, n};
		row(tb, cells, v, 5);
	}
	table_print(tb, t->f, 0);
	table_free(tb);
}

static void history(struct tx *t, const struct report *r, struct buf *cells)
{
	heading(t, "REMEDIATION HISTORY");
	if (!r->nevents) {
		fputs("No event is recorded.\n", t->f);
		return;
	}
	static const char *const hd[] = {"At",     "Event", "Finding", "Asset",
	                                 "Vendor", "Scan",  "By",      "Details"};
	struct table *tb = table_new(8, hd);
	struct buf det;
	buf_init(&det, 0);
	for (size_t i = 0; i < r->nevents; i++) {
		const struct rep_event *e = &r->events[i];
		char fid[24], scan[24];
		snprintf(fid, sizeof(fid), "%lld", (long long)e->finding);
		if (e->scan)
			snprintf(scan, sizeof(scan), "%lld", (long long)e->scan);
		else
			bs_strlcpy(scan, "-", sizeof(scan));
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
		const char *v[] = {e->at,     e->kind, fid,    e->asset,
		                   e->vendor, scan,    e->who, det.len ? det.data : NULL};
		row(tb, cells, v, 8);
	}
	buf_release(&det);
	table_print(tb, t->f, 0);
	table_free(tb);
}

static void attestation(struct tx *t)
{
	heading(t, "ATTESTATION");
	wrap(t->f, rep_attestation_text, 78);
	fputs("\nReviewed by: ________________________________  Date: ______________\n"
	      "\nSignature:   ________________________________  Role: ______________\n",
	      t->f);
}

int rep_write_text(const struct report *r, FILE *out)
{
	struct tx t = {.f = out};
	struct buf cells[10];
	buf_init(&t.b, 0);
	for (size_t i = 0; i < 10; i++)
		buf_init(&cells[i], 0);
	header(&t, r);
	summary(&t, r);
	scans(&t, r);
	findings(&t, r);
	exceptions(&t, r);
	deadlines(&t, r, cells);
	history(&t, r, cells);
	attestation(&t);
	buf_release(&t.b);
	for (size_t i = 0; i < 10; i++)
		buf_release(&cells[i]);
	return 0;
}
