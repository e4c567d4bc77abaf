/* Findings output shared by the commands that identify (identify, pcap, capture): an aligned
 * table, a detailed text form (-v), JSON Lines or CSV, and the counts for the summary and the
 * exit status. */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

struct report {
	struct cli *c;
	struct table *t;
	struct findings_count *n;
};

void cli_finding_members(struct cli *c, struct jw *w, const struct finding *f)
{
	char d[11];
	jw_key(w, "asset");
	jw_obj(w);
	jw_kstr(w, "id", f->asset->id);
	if (f->asset->mac)
		jw_kstr(w, "mac", f->asset->mac);
	if (f->asset->ip)
		jw_kstr(w, "ip", f->asset->ip);
	if (f->asset->hostname)
		jw_kstr(w, "hostname", f->asset->hostname);
	if (f->asset->root)
		jw_kstr(w, "root", f->asset->root);
	jw_kbool(w, "randomised_mac", f->asset->randomised);
	jw_end(w);
	jw_kstr(w, "vendor", f->vendor->slug);
	jw_kstr(w, "maker", f->maker);
	jw_kstr(w, "brand", f->brand);
	jw_kstr(w, "product", f->product);
	jw_kstr(w, "class", f->cls);
	jw_kstr(w, "confidence", confidence_name(f->conf));
	jw_kstr(w, "note", f->note);
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = f->ev[i];
		jw_obj(w);
		jw_kstr(w, "key", key_get(e->key)->name);
		jw_key(w, "value");
		jw_strn(w, e->value, e->vlen);
		jw_kstr(w, "rule", e->rule);
		jw_kstr(w, "source", e->source);
		jw_kstr(w, "strength", strength_name(e->strength));
		if (e->time)
			jw_kstr(w, "time", e->time);
		jw_end(w);
	}
	jw_aend(w);
	jw_key(w, "bans");
	jw_arr(w);
	for (size_t i = 0; i < f->nbans; i++) {
		const struct ban_eval *b = &f->bans[i];
		jw_obj(w);
		jw_kstr(w, "id", b->in->id);
		jw_kstr(w, "status", ban_status_name(b->status));
		jw_kstr(w, "effect", kb_effect_name(b->in->effect));
		jw_kstr(w, "action", b->action);
		bs_day_format(b->next->day, d);
		jw_kstr(w, "deadline", d);
		jw_kstr(w, "milestone", b->next->label);
		jw_kint(w, "days", b->days);
		jw_kbool(w, "overdue", b->days < 0);
		jw_kbool(w, "in_force", b->in_force);
		jw_kstr(w, "why", b->why);
		if (b->detail)
			jw_kstr(w, b->in->category ? "category" : "qualifier", b->detail);
		jw_end(w);
	}
	jw_aend(w);
	bs_day_format(c->as_of, d);
	jw_kstr(w, "as_of", d);
	jw_kstr(w, "policy", c->policy);
	jw_kstr(w, "catalogue", c->kb.version);
	if (c->reg)
		jw_kstr(w, "registry", registry_date(c->reg));
}

static void finding_json(struct report *r, const struct finding *f)
{
	struct jw *w = cli_jw(r->c);
	jw_obj(w);
	cli_finding_members(r->c, w, f);
	jw_end(w);
	jw_line(w);
}

static const char *status_colour(enum ban_status s)
{
	return s == BAN_ACTION ? "31" : s == BAN_REVIEW ? "33" : NULL;
}

static void finding_verbose(struct report *r, const struct finding *f)
{
	char d[11], days[48];
	printf("%s: %s [%s]; brand shown: %s; made by: %s (%s)\n", f->asset->id, f->product, f->cls,
	       f->brand, f->vendor->name, f->maker);
	printf("  confidence  %s%s%s\n", confidence_name(f->conf), f->note ? ": " : "",
	       f->note ? f->note : "");
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = f->ev[i];
		printf("  evidence    %s=", key_get(e->key)->name);
		cli_put_escaped(stdout, e->value);
		printf(" [%s, %s%s%s]\n", e->rule, strength_name(e->strength),
		       e->source ? ", " : "", e->source ? e->source : "");
	}
	for (size_t i = 0; i < f->nbans; i++) {
		const struct ban_eval *b = &f->bans[i];
		bs_day_format(b->next->day, d);
		cli_days_text(b->days, b->status == BAN_ACTION, days, sizeof(days));
		printf("  %-15s %s: %s; %s %s (%s)\n", ban_status_name(b->status), b->in->id,
		       b->action, b->next->label, d, days);
		if (b->why)
			printf("                  why: %s%s%s%s%s\n", b->why, b->detail ? " (" : "",
			       b->detail ? (b->in->category ? "category: " : "qualifier: ") : "",
			       b->detail ? b->detail : "", b->detail ? ")" : "");
	}
	printf("\n");
	(void)r;
}

static int on_finding(const struct finding *f, void *ctx)
{
	struct report *r = ctx;
	struct cli *c = r->c;
	cli_store_finding(c, f);
	r->n->findings++;
	const struct ban_eval *top = f->nbans ? &f->bans[0] : NULL;
	if (top && top->status == BAN_ACTION)
		r->n->action++;
	else if (top && top->status == BAN_REVIEW)
		r->n->review++;
	if (c->fmt == OUT_JSON) {
		finding_json(r, f);
		return 0;
	}
	if (c->fmt == OUT_ECS) {
		cli_finding_ecs(c, f);
		return 0;
	}
	if (c->fmt == OUT_SYSLOG) {
		cli_finding_syslog(c, f);
		return 0;
	}
	if (c->fmt == OUT_TEXT && c->verbose) {
		finding_verbose(r, f);
		return 0;
	}
	char deadline[80] = "", days[48], d[11];
	if (top) {
		bs_day_format(top->next->day, d);
		cli_days_text(top->days, top->status == BAN_ACTION, days, sizeof(days));
		snprintf(deadline, sizeof(deadline), "%s %s (%s)", top->next->label, d, days);
	}
	struct buf ids, rules;
	buf_init(&ids, 0);
	buf_init(&rules, 0);
	for (size_t i = 0; i < f->nbans; i++) {
		if (i)
			buf_addc(&ids, ';');
		buf_adds(&ids, f->bans[i].in->id);
	}
	for (size_t i = 0; i < f->nev; i++) {
		if (i)
			buf_addc(&rules, ';');
		buf_adds(&rules, f->ev[i]->rule);
	}
	const char *status = top ? ban_status_name(top->status) : "not-covered";
	if (c->fmt == OUT_CSV) {
		char nd[16] = "";
		if (top)
			snprintf(nd, sizeof(nd), "%d", top->days);
		const char *cells[] = {f->asset->id,    f->asset->mac,
		                       f->asset->ip,    f->asset->hostname,
		                       f->vendor->slug, f->maker,
		                       f->brand,        f->product,
		                       f->cls,          confidence_name(f->conf),
		                       status,          top ? top->in->id : "",
		                       top ? d : "",    nd,
		                       ids.data,        rules.data};
		csv_row(stdout, cells, sizeof(cells) / sizeof(*cells));
	} else {
		const char *cells[] = {f->asset->id,    f->brand,
		                       f->vendor->name, f->product,
		                       f->cls,          confidence_name(f->conf),
		                       status,          top ? top->in->id : NULL,
		                       deadline};
		const char *colours[9] = {0};
		colours[6] = top ? status_colour(top->status) : NULL;
		table_add(r->t, cells, colours);
	}
	buf_release(&ids);
	buf_release(&rules);
	return 0;
}

void cli_findings_begin(struct cli *c, struct findings_out *o)
{
	static const char *const tcols[] = {"ASSET",   "BRAND SHOWN", "MADE BY",
	                                    "PRODUCT", "CLASS",       "CONFIDENCE",
	                                    "STATUS",  "INSTRUMENT",  "NEXT DEADLINE"};
	static const char *const ccols[] = {"asset",    "mac",        "ip",          "hostname",
	                                    "vendor",   "maker",      "brand",       "product",
	                                    "class",    "confidence", "status",      "instrument",
	                                    "deadline", "days",       "instruments", "rules"};
	memset(o, 0, sizeof(*o));
	o->c = c;
	if (c->fmt == OUT_TEXT && !c->verbose)
		o->t = table_new(sizeof(tcols) / sizeof(*tcols), tcols);
	if (c->fmt == OUT_CSV)
		csv_row(stdout, ccols, sizeof(ccols) / sizeof(*ccols));
	if (c->fmt == OUT_TEXT && !c->quiet)
		cli_text_header(c, stdout, 1);
}

int cli_findings_emit(struct findings_out *o, struct identify *id)
{
	struct report r = {o->c, o->t, &o->n};
	int rc = identify_each(id, o->c->profile, o->c->as_of, on_finding, &r);
	cli_store_assets(o->c, id);
	return rc;
}

void cli_findings_end(struct findings_out *o)
{
	struct cli *c = o->c;
	if (o->t) {
		if (table_rows(o->t))
			table_print(o->t, stdout, c->colour);
		table_free(o->t);
		o->t = NULL;
	}
	if (c->fmt == OUT_TEXT && !c->quiet && o->n.findings == 0)
		printf("no findings\n");
	cli_store_commit(c);
}

int cli_report_findings(struct cli *c, struct identify *id, struct findings_count *n)
{
	struct findings_out o;
	cli_findings_begin(c, &o);
	int rc = cli_findings_emit(&o, id);
	cli_findings_end(&o);
	*n = o.n;
	return rc;
}
