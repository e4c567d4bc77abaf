/* The CSV report (RFC 4180, through csv_row: CRLF records, fields quoted when they hold a comma,
 * a quote or a line break): a header record, then one record per finding and instrument, so that
 * a spreadsheet can filter by either. A finding no instrument binds has one record with the
 * instrument columns empty. The columns:
 *
 *   finding            the finding's id in the store
 *   asset, mac, ip, hostname, serial, root      the asset (empty when unknown)
 *   vendor, vendor_name, maker, brand, product, class, confidence, note
 *   state              open, excepted, removed, replaced
 *   status             the top instrument's status for an open finding, else the state
 *   first_seen, last_seen, closed_at
 *   exception_until, exception_reason, exception_approver
 *   evidence           one line per item: key=value (rule, strength, source)
 *   instrument, instrument_title, authority, jurisdiction
 *   instrument_status  action-required, needs-review, informational
 *   effect, action, deadline, milestone
 *   days               deadline - as of, negative when overdue; empty without a deadline
 *   overdue, in_force  yes or no
 *   why                why the finding needs review
 *
 * Bytes that are not UTF-8 become U+FFFD. A text field that would start with = + - @ or a tab
 * is prefixed with ' so that a spreadsheet shows it rather than evaluating it as a formula
 * (device banners are chosen by whoever controls the device). */
#include <stdio.h>

#include "bansweep/buf.h"
#include "bansweep/out.h"
#include "bansweep/report.h"
#include "report/rep_int.h"
#include "util/banned.h"

enum {
	C_FINDING,
	C_ASSET,
	C_MAC,
	C_IP,
	C_HOSTNAME,
	C_SERIAL,
	C_ROOT,
	C_VENDOR,
	C_VENDOR_NAME,
	C_MAKER,
	C_BRAND,
	C_PRODUCT,
	C_CLASS,
	C_CONFIDENCE,
	C_NOTE,
	C_STATE,
	C_STATUS,
	C_FIRST_SEEN,
	C_LAST_SEEN,
	C_CLOSED_AT,
	C_EXC_UNTIL,
	C_EXC_REASON,
	C_EXC_APPROVER,
	C_EVIDENCE,
	C_INSTRUMENT,
	C_TITLE,
	C_AUTHORITY,
	C_JURISDICTION,
	C_ISTATUS,
	C_EFFECT,
	C_ACTION,
	C_DEADLINE,
	C_MILESTONE,
	C_DAYS,
	C_OVERDUE,
	C_IN_FORCE,
	C_WHY,
	NCOLS
};

static const char *const header[NCOLS] = {
    "finding",
    "asset",
    "mac",
    "ip",
    "hostname",
    "serial",
    "root",
    "vendor",
    "vendor_name",
    "maker",
    "brand",
    "product",
    "class",
    "confidence",
    "note",
    "state",
    "status",
    "first_seen",
    "last_seen",
    "closed_at",
    "exception_until",
    "exception_reason",
    "exception_approver",
    "evidence",
    "instrument",
    "instrument_title",
    "authority",
    "jurisdiction",
    "instrument_status",
    "effect",
    "action",
    "deadline",
    "milestone",
    "days",
    "overdue",
    "in_force",
    "why",
};

/* A text field from the model: valid UTF-8, and never read as a formula. */
static void text(struct buf *cell, const char *s)
{
	buf_reset(cell);
	if (!s)
		return;
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')
		buf_addc(cell, '\'');
	bs_utf8_fix(cell, s, strlen(s));
}

static void evidence(struct buf *cell, const struct rep_finding *f)
{
	struct buf all;
	buf_init(&all, 0);
	for (size_t i = 0; i < f->nev; i++) {
		const struct rep_evidence *e = &f->ev[i];
		if (i)
			buf_addc(&all, '\n');
		buf_adds(&all, rep_or(e->key, "-"));
		buf_addc(&all, '=');
		if (e->value)
			buf_adds(&all, e->value);
		buf_printf(&all, " (%s, %s, %s)", rep_or(e->rule, "-"), rep_or(e->strength, "-"),
		           rep_or(e->source, "-"));
	}
	text(cell, all.data);
	buf_release(&all);
}

static void emit(FILE *out, struct buf *cells)
{
	const char *v[NCOLS];
	for (size_t i = 0; i < NCOLS; i++)
		v[i] = cells[i].len ? cells[i].data : "";
	csv_row(out, v, NCOLS);
}

static void finding(FILE *out, struct buf *c, const struct rep_finding *f)
{
	buf_reset(&c[C_FINDING]);
	buf_printf(&c[C_FINDING], "%lld", (long long)f->id);
	text(&c[C_ASSET], f->asset);
	text(&c[C_MAC], f->mac);
	text(&c[C_IP], f->ip);
	text(&c[C_HOSTNAME], f->hostname);
	text(&c[C_SERIAL], f->serial);
	text(&c[C_ROOT], f->root);
	text(&c[C_VENDOR], f->vendor);
	text(&c[C_VENDOR_NAME], f->vendor_name);
	text(&c[C_MAKER], f->maker);
	text(&c[C_BRAND], f->brand);
	text(&c[C_PRODUCT], f->product);
	text(&c[C_CLASS], f->cls);
	text(&c[C_CONFIDENCE], f->confidence);
	text(&c[C_NOTE], f->note);
	text(&c[C_STATE], f->state);
	text(&c[C_STATUS], f->status);
	text(&c[C_FIRST_SEEN], f->first_seen);
	text(&c[C_LAST_SEEN], f->last_seen);
	text(&c[C_CLOSED_AT], f->closed_at);
	text(&c[C_EXC_UNTIL], f->exception_until);
	text(&c[C_EXC_REASON], f->exception_reason);
	text(&c[C_EXC_APPROVER], f->exception_approver);
	evidence(&c[C_EVIDENCE], f);
	for (size_t i = 0; i < f->nbans || (i == 0 && f->nbans == 0); i++) {
		const struct rep_ban *b = f->nbans ? &f->bans[i] : NULL;
		for (int k = C_INSTRUMENT; k < NCOLS; k++)
			buf_reset(&c[k]);
		if (b) {
			text(&c[C_INSTRUMENT], b->id);
			text(&c[C_TITLE], b->title);
			text(&c[C_AUTHORITY], b->authority);
			text(&c[C_JURISDICTION], b->jurisdiction);
			text(&c[C_ISTATUS], b->status);
			text(&c[C_EFFECT], b->effect);
			text(&c[C_ACTION], b->action);
			text(&c[C_DEADLINE], b->deadline);
			text(&c[C_MILESTONE], b->milestone);
			if (b->deadline)
				buf_printf(&c[C_DAYS], "%d", b->days);
			buf_adds(&c[C_OVERDUE],
			         b->overdue || (b->deadline && b->days < 0) ? "yes" : "no");
			buf_adds(&c[C_IN_FORCE], b->in_force ? "yes" : "no");
			text(&c[C_WHY], b->why);
		}
		emit(out, c);
	}
}

int rep_write_csv(const struct report *r, FILE *out)
{
	struct buf cells[NCOLS];
	for (size_t i = 0; i < NCOLS; i++)
		buf_init(&cells[i], 0);
	csv_row(out, header, NCOLS);
	for (size_t i = 0; i < r->nfindings; i++)
		finding(out, cells, &r->findings[i]);
	for (size_t i = 0; i < NCOLS; i++)
		buf_release(&cells[i]);
	return 0;
}
