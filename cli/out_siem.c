/* Findings for SIEMs: Elastic Common Schema documents (one JSON object a line, ECS 8.11 field
 * names, the whole finding under "bansweep") and RFC 5424 syslog lines with the finding's
 * fields as structured data, so that a collector can alert on them without parsing text. */
#include <string.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/store.h"
#include "cli.h"
#include "util/banned.h"

/* The time of the event: the recorded run's --scan-time, else now ($BANSWEEP_NOW for tests). */
static void event_time(struct cli *c, char out[21])
{
	if (c->scan_time[0])
		bs_strlcpy(out, c->scan_time, 21);
	else
		store_now(out);
}

static const struct ban_eval *top_ban(const struct finding *f)
{
	return f->nbans ? &f->bans[0] : NULL;
}

/* Elastic's risk score bands: low 21, medium 47, high 73. */
static int risk(const struct ban_eval *b)
{
	return !b ? 0 : b->status == BAN_ACTION ? 73 : b->status == BAN_REVIEW ? 47 : 21;
}

static void message(const struct finding *f, struct buf *m)
{
	const struct ban_eval *b = top_ban(f);
	buf_printf(m, "%s: %s; brand shown: %s; made by: %s", f->asset->id, f->product, f->brand,
	           f->maker);
	if (b) {
		char d[11];
		bs_day_format(b->next->day, d);
		buf_printf(m, "; %s under %s: %s; %s %s", ban_status_name(b->status), b->in->id,
		           b->action, b->next->label, d);
	} else {
		buf_adds(m, "; no instrument of the policy covers it");
	}
}

/* ECS writes MAC addresses upper case with hyphens (00-00-5E-00-53-23). */
static void ecs_mac(const char *mac, char out[18])
{
	size_t i = 0;
	for (; mac[i] && i < 17; i++)
		out[i] = mac[i] == ':'
		             ? '-'
		             : (mac[i] >= 'a' && mac[i] <= 'z' ? (char)(mac[i] - 32) : mac[i]);
	out[i] = 0;
}

void cli_finding_ecs(struct cli *c, const struct finding *f)
{
	struct jw *w = cli_jw(c);
	const struct ban_eval *b = top_ban(f);
	char t[21];
	event_time(c, t);
	struct buf m;
	buf_init(&m, 0);
	message(f, &m);
	jw_obj(w);
	jw_kstr(w, "@timestamp", t);
	jw_key(w, "ecs");
	jw_obj(w);
	jw_kstr(w, "version", "8.11.0");
	jw_end(w);
	jw_kstr(w, "message", m.data);
	jw_key(w, "event");
	jw_obj(w);
	jw_kstr(w, "kind", "alert");
	jw_key(w, "category");
	jw_arr(w);
	jw_str(w, "vulnerability");
	jw_aend(w);
	jw_key(w, "type");
	jw_arr(w);
	jw_str(w, "info");
	jw_aend(w);
	jw_kstr(w, "module", "bansweep");
	jw_kstr(w, "dataset", "bansweep.finding");
	jw_kint(w, "severity", risk(b));
	jw_kint(w, "risk_score", risk(b));
	if (b && b->why)
		jw_kstr(w, "reason", b->why);
	jw_end(w);
	jw_key(w, "observer");
	jw_obj(w);
	jw_kstr(w, "vendor", "bansweep");
	jw_kstr(w, "product", "bansweep");
	jw_kstr(w, "version", BS_VERSION);
	jw_kstr(w, "type", "scanner");
	jw_end(w);
	jw_key(w, "host");
	jw_obj(w);
	jw_kstr(w, "id", f->asset->id);
	jw_kstr(w, "name", f->asset->hostname ? f->asset->hostname : f->asset->id);
	if (f->asset->hostname)
		jw_kstr(w, "hostname", f->asset->hostname);
	if (f->asset->ip) {
		jw_key(w, "ip");
		jw_arr(w);
		jw_str(w, f->asset->ip);
		jw_aend(w);
	}
	if (f->asset->mac) {
		char mac[18];
		ecs_mac(f->asset->mac, mac);
		jw_key(w, "mac");
		jw_arr(w);
		jw_str(w, mac);
		jw_aend(w);
	}
	jw_end(w);
	if (b) {
		jw_key(w, "vulnerability");
		jw_obj(w);
		jw_kstr(w, "id", b->in->id);
		jw_kstr(w, "classification", "instrument");
		jw_kstr(w, "description", b->action);
		jw_kstr(w, "severity",
		        b->status == BAN_ACTION   ? "high"
		        : b->status == BAN_REVIEW ? "medium"
		                                  : "low");
		jw_key(w, "scanner");
		jw_obj(w);
		jw_kstr(w, "vendor", "bansweep");
		jw_end(w);
		jw_end(w);
	}
	if (f->nev) {
		jw_key(w, "rule");
		jw_obj(w);
		jw_kstr(w, "id", f->ev[0]->rule);
		jw_kstr(w, "ruleset", "bansweep");
		jw_kstr(w, "name", f->product);
		jw_end(w);
	}
	jw_key(w, "tags");
	jw_arr(w);
	jw_str(w, "bansweep");
	jw_str(w, f->vendor->slug);
	jw_str(w, confidence_name(f->conf));
	jw_aend(w);
	jw_key(w, "bansweep");
	jw_obj(w);
	cli_finding_members(c, w, f);
	jw_end(w);
	jw_end(w);
	jw_line(w);
	buf_release(&m);
}

/* An SD-PARAM value (RFC 5424 section 6.3.3): '"', '\' and ']' escaped; control characters,
 * which would split the line a collector reads, become spaces. */
static void sd_param(struct buf *o, const char *name, const char *v)
{
	if (!v || !*v)
		return;
	buf_printf(o, " %s=\"", name);
	for (; *v; v++) {
		unsigned char ch = (unsigned char)*v;
		if (ch == '"' || ch == '\\' || ch == ']')
			buf_addc(o, '\\');
		buf_addc(o, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
	}
	buf_addc(o, '"');
}

void cli_finding_syslog(struct cli *c, const struct finding *f)
{
	const struct ban_eval *b = top_ban(f);
	/* Facility local0 (16); severity warning (4) when action is required, notice (5) for
	 * review, informational (6) otherwise. */
	int sev = !b ? 6 : b->status == BAN_ACTION ? 4 : b->status == BAN_REVIEW ? 5 : 6;
	char t[21], host[256] = "-", d[11] = "", days[16] = "";
	event_time(c, t);
	if (gethostname(host, sizeof(host) - 1) < 0 || !host[0] || strchr(host, ' '))
		bs_strlcpy(host, "-", sizeof(host));
	host[sizeof(host) - 1] = 0;
	if (b) {
		bs_day_format(b->next->day, d);
		snprintf(days, sizeof(days), "%d", b->days);
	}
	struct buf o, rules, msg;
	buf_init(&o, 0);
	buf_init(&rules, 0);
	buf_init(&msg, 0);
	for (size_t i = 0; i < f->nev; i++) {
		if (i)
			buf_addc(&rules, ';');
		buf_adds(&rules, f->ev[i]->rule);
	}
	/* The SD-ID carries IANA's example enterprise number (RFC 5612): bansweep has none of
	 * its own, and a collector matches on the name. */
	buf_printf(&o, "<%d>1 %s %s bansweep - finding [finding@32473", 16 * 8 + sev, t, host);
	sd_param(&o, "asset", f->asset->id);
	sd_param(&o, "mac", f->asset->mac);
	sd_param(&o, "ip", f->asset->ip);
	sd_param(&o, "hostname", f->asset->hostname);
	sd_param(&o, "vendor", f->vendor->slug);
	sd_param(&o, "maker", f->maker);
	sd_param(&o, "brand", f->brand);
	sd_param(&o, "product", f->product);
	sd_param(&o, "class", f->cls);
	sd_param(&o, "confidence", confidence_name(f->conf));
	sd_param(&o, "status", b ? ban_status_name(b->status) : "not-covered");
	sd_param(&o, "instrument", b ? b->in->id : NULL);
	sd_param(&o, "deadline", d);
	sd_param(&o, "days", days);
	sd_param(&o, "rules", rules.data);
	sd_param(&o, "policy", c->policy);
	buf_addc(&o, ']');
	message(f, &msg);
	/* The message is free text, but one line. */
	for (size_t i = 0; i < msg.len; i++)
		if ((unsigned char)msg.data[i] < 0x20)
			msg.data[i] = ' ';
	printf("%s %s\n", o.data, msg.data);
	buf_release(&o);
	buf_release(&rules);
	buf_release(&msg);
}
