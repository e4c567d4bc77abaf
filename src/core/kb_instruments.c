/* Loaders for data/catalogue.txt, classes.txt, instruments.txt and profiles.txt. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "core/kb_load.h"
#include "core/kb_util.h"
#include "util/banned.h"

int kb_on_catalogue(const struct rec *r, void *ctx, struct bs_err *e)
{
	struct kb *kb = ctx;
	static const char *const allow[] = {"version", "note", NULL};
	static const char *const req[] = {"version", NULL};
	if (strcmp(r->type, "catalogue"))
		return rec_error(e, r, 0, "unexpected record type '%s'", r->type);
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	bs_day d;
	const struct rec_field *f = rec_field(r, "version");
	if (bs_day_parse(f->value, &d) < 0)
		return rec_error(e, r, f->line, "version must be a date YYYY-MM-DD");
	free(kb->version);
	kb->version = xstrdup(f->value);
	return 0;
}

int kb_on_class(const struct rec *r, void *ctx, struct bs_err *e)
{
	struct kb *kb = ctx;
	static const char *const allow[] = {"title", "group", "generic", NULL};
	static const char *const req[] = {"title", NULL};
	if (strcmp(r->type, "class"))
		return rec_error(e, r, 0, "unexpected record type '%s'", r->type);
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	if (!kb_slug_ok(r->id) || kb_class_find(kb, r->id))
		return rec_error(e, r, 0, "bad or duplicate class '%s'", r->id);
	struct kb_class *c = arr_push((void **)&kb->classes, &kb->nclasses, sizeof(*c));
	c->slug = xstrdup(r->id);
	c->title = xstrdup(rec_get(r, "title"));
	const struct rec_field *g = rec_field(r, "generic");
	if (g && strcmp(g->value, "yes") && strcmp(g->value, "no"))
		return rec_error(e, r, g->line, "generic is yes or no");
	c->generic = g && !strcmp(g->value, "yes");
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].name, "group"))
			strv_push(&c->groups, r->f[i].value);
	return 0;
}

static const char *const effect_names[] = {
    [EFF_REMOVE] = "remove",
    [EFF_STOP_USE] = "stop-use",
    [EFF_NO_USE] = "no-use",
    [EFF_NO_PROCUREMENT] = "no-procurement",
    [EFF_NO_AUTHORISATION] = "no-authorisation",
    [EFF_EXCLUDED] = "excluded",
    [EFF_GUIDANCE] = "guidance",
    [EFF_REPORTED] = "reported",
};

const char *kb_effect_name(enum kb_effect x)
{
	return effect_names[x];
}

int kb_effect_binds_existing(enum kb_effect x)
{
	return x == EFF_REMOVE || x == EFF_STOP_USE || x == EFF_NO_USE;
}

/* "DATE|+DAYS LABEL TEXT..." */
static int parse_milestone(const struct rec *r, const struct rec_field *f, struct kb_instrument *in,
                           struct bs_err *e)
{
	char tmp[REC_MAX_LINE + 1];
	bs_strlcpy(tmp, f->value, sizeof(tmp));
	char *when = tmp, *label = tmp + strcspn(tmp, " \t");
	if (!*label)
		return rec_error(e, r, f->line, "milestone takes DATE|+DAYS LABEL TEXT");
	*label++ = 0;
	label += strspn(label, " \t");
	char *text = label + strcspn(label, " \t");
	if (*text) {
		*text++ = 0;
		text += strspn(text, " \t");
	}
	if (!*label || !*text)
		return rec_error(e, r, f->line, "milestone takes DATE|+DAYS LABEL TEXT");
	struct kb_milestone m = {0};
	m.line = f->line;
	if (when[0] == '+') {
		uint64_t days;
		if (bs_parse_u64(when + 1, 36500, &days) < 0)
			return rec_error(e, r, f->line, "bad relative milestone '%s'", when);
		m.rel_days = (int)days;
		m.day = in->issued + (bs_day)days;
	} else {
		m.rel_days = -1;
		if (bs_day_parse(when, &m.day) < 0)
			return rec_error(e, r, f->line, "bad milestone date '%s'", when);
	}
	m.label = xstrdup(label);
	m.text = xstrdup(text);
	in->ms = xrealloc(in->ms, (in->nms + 1) * sizeof(*in->ms));
	in->ms[in->nms++] = m;
	return 0;
}

/* "VENDOR CLASSES [qualified]" */
static int parse_cover(const struct rec *r, const struct rec_field *f, struct kb_instrument *in,
                       struct bs_err *e)
{
	char tmp[REC_MAX_LINE + 1];
	bs_strlcpy(tmp, f->value, sizeof(tmp));
	char *words[4];
	int nw = 0;
	for (char *p = tmp; *p && nw < 4;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		words[nw++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = 0;
	}
	if (nw < 2 || nw > 3 || (nw == 3 && strcmp(words[2], "qualified")))
		return rec_error(e, r, f->line, "covers takes VENDOR CLASSES [qualified]");
	struct kb_cover *c = arr_push((void **)&in->covers, &in->ncovers, sizeof(*c));
	c->vendor = xstrdup(words[0]);
	c->qualified = nw == 3;
	if (strcmp(words[1], "*")) {
		for (char *p = words[1]; *p;) {
			size_t k = strcspn(p, ",");
			char one[64];
			if (k == 0 || k >= sizeof(one))
				return rec_error(e, r, f->line, "bad class list '%s'", words[1]);
			memcpy(one, p, k);
			one[k] = 0;
			strv_push(&c->classes, one);
			p += k;
			if (*p == ',')
				p++;
		}
	}
	return 0;
}

/* "VENDOR ACTION...": VENDOR's products are traces of this instrument's effect. */
static int parse_trace(const struct rec *r, const struct rec_field *f, struct kb_instrument *in,
                       struct bs_err *e)
{
	const char *v = f->value;
	size_t k = strcspn(v, " \t");
	const char *action = v + k + strspn(v + k, " \t");
	if (k == 0 || !*action)
		return rec_error(e, r, f->line, "trace takes VENDOR ACTION");
	struct kb_trace *t = arr_push((void **)&in->traces, &in->ntraces, sizeof(*t));
	t->vendor = xstrndup(v, k);
	t->action = xstrdup(action);
	return 0;
}

static int ms_cmp(const void *a, const void *b)
{
	const struct kb_milestone *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

int kb_on_instrument(const struct rec *r, void *ctx, struct bs_err *e)
{
	struct kb *kb = ctx;
	static const char *const allow[] = {
	    "title",    "authority", "reference", "jurisdiction", "binds",  "issued",
	    "effect",   "legal",     "action",    "milestone",    "covers", "qualifier",
	    "category", "status",    "note",      "source",       "trace",  NULL};
	static const char *const req[] = {"title",  "authority", "jurisdiction", "binds",
	                                  "issued", "effect",    "legal",        "action",
	                                  "status", "source",    "covers",       NULL};
	if (strcmp(r->type, "instrument"))
		return rec_error(e, r, 0, "unexpected record type '%s'", r->type);
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	if (!kb_slug_ok(r->id) || kb_instrument_find(kb, r->id))
		return rec_error(e, r, 0, "bad or duplicate instrument id '%s'", r->id);
	struct kb_instrument *in =
	    arr_push((void **)&kb->instruments, &kb->ninstruments, sizeof(*in));
	in->id = xstrdup(r->id);
	in->line = r->line;
	const struct rec_field *fi = rec_field(r, "issued");
	if (bs_day_parse(fi->value, &in->issued) < 0)
		return rec_error(e, r, fi->line, "bad issued date '%s'", fi->value);
	const struct rec_field *fe = rec_field(r, "effect");
	size_t k;
	for (k = 0; k < sizeof(effect_names) / sizeof(*effect_names); k++)
		if (!strcmp(fe->value, effect_names[k]))
			break;
	if (k == sizeof(effect_names) / sizeof(*effect_names))
		return rec_error(e, r, fe->line, "unknown effect '%s'", fe->value);
	in->effect = (enum kb_effect)k;
	const struct rec_field *fs = rec_field(r, "status");
	if (strcmp(fs->value, "verified") && strcmp(fs->value, "reported") &&
	    strcmp(fs->value, "unverified"))
		return rec_error(e, r, fs->line, "status is verified, reported or unverified");
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_field *f = &r->f[i];
		const char *n = f->name, *val = f->value;
		char **slot = NULL;
		if (!strcmp(n, "title"))
			slot = &in->title;
		else if (!strcmp(n, "authority"))
			slot = &in->authority;
		else if (!strcmp(n, "reference"))
			slot = &in->reference;
		else if (!strcmp(n, "jurisdiction"))
			slot = &in->jurisdiction;
		else if (!strcmp(n, "binds"))
			slot = &in->binds;
		else if (!strcmp(n, "legal"))
			slot = &in->legal;
		else if (!strcmp(n, "action"))
			slot = &in->action;
		else if (!strcmp(n, "qualifier"))
			slot = &in->qualifier;
		else if (!strcmp(n, "category"))
			slot = &in->category;
		else if (!strcmp(n, "status"))
			slot = &in->status;
		else if (!strcmp(n, "note"))
			slot = &in->note;
		else if (!strcmp(n, "source"))
			strv_push(&in->sources, val);
		else if (!strcmp(n, "milestone")) {
			if (parse_milestone(r, f, in, e) < 0)
				return -1;
		} else if (!strcmp(n, "covers")) {
			if (parse_cover(r, f, in, e) < 0)
				return -1;
		} else if (!strcmp(n, "trace")) {
			if (parse_trace(r, f, in, e) < 0)
				return -1;
		}
		if (slot) {
			if (*slot)
				return rec_error(e, r, f->line, "field '%s' given twice", n);
			*slot = xstrdup(val);
		}
	}
	if (in->nms == 0) {
		/* An instrument with no dated milestone still has its issue date as one. */
		struct kb_milestone m = {in->issued, 0, xstrdup("issued"), xstrdup(in->title),
		                         r->line};
		in->ms = xmalloc(sizeof(m));
		in->ms[0] = m;
		in->nms = 1;
	}
	qsort(in->ms, in->nms, sizeof(*in->ms), ms_cmp);
	for (size_t i = 0; i < in->ncovers; i++)
		if (in->covers[i].qualified && !in->qualifier)
			return rec_error(e, r, 0,
			                 "a qualified covers line needs a qualifier field");
	return 0;
}

int kb_on_profile(const struct rec *r, void *ctx, struct bs_err *e)
{
	struct kb *kb = ctx;
	static const char *const allow[] = {"title", "instrument", "note", NULL};
	static const char *const req[] = {"title", "instrument", NULL};
	if (strcmp(r->type, "profile"))
		return rec_error(e, r, 0, "unexpected record type '%s'", r->type);
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	if (!kb_slug_ok(r->id) || kb_profile_find(kb, r->id))
		return rec_error(e, r, 0, "bad or duplicate profile '%s'", r->id);
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_field *f = &r->f[i];
		if (!strcmp(f->name, "instrument") && strcmp(f->value, "*") &&
		    !kb_instrument_find(kb, f->value))
			return rec_error(e, r, f->line, "unknown instrument '%s'", f->value);
	}
	struct kb_profile *p = arr_push((void **)&kb->profiles, &kb->nprofiles, sizeof(*p));
	p->slug = xstrdup(r->id);
	p->title = xstrdup(rec_get(r, "title"));
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].name, "instrument"))
			strv_push(&p->instruments, r->f[i].value);
	return 0;
}

int kb_check_instruments(struct kb *kb, const char *file, struct bs_err *e)
{
	for (size_t i = 0; i < kb->ninstruments; i++) {
		struct kb_instrument *in = &kb->instruments[i];
		for (size_t j = 0; j < in->ncovers; j++) {
			struct kb_cover *c = &in->covers[j];
			c->v = kb_vendor_find(kb, c->vendor);
			if (!c->v)
				return bs_fail(e, "%s:%u: instrument %s covers unknown vendor '%s'",
				               file, in->line, in->id, c->vendor);
			for (size_t k = 0; k < c->classes.n; k++) {
				const char *cl = c->classes.v[k];
				int known = kb_class_find(kb, cl) != NULL;
				for (size_t m = 0; !known && m < kb->nclasses; m++)
					known = strv_has_ci(&kb->classes[m].groups, cl);
				if (!known)
					return bs_fail(
					    e, "%s:%u: instrument %s: unknown class or group '%s'",
					    file, in->line, in->id, cl);
			}
		}
		for (size_t j = 0; j < in->ntraces; j++) {
			struct kb_trace *t = &in->traces[j];
			t->v = kb_vendor_find(kb, t->vendor);
			if (!t->v)
				return bs_fail(e, "%s:%u: instrument %s traces unknown vendor '%s'",
				               file, in->line, in->id, t->vendor);
			for (size_t k = 0; k < in->ncovers; k++)
				if (in->covers[k].v == t->v)
					return bs_fail(
					    e,
					    "%s:%u: instrument %s both covers and traces "
					    "vendor '%s'",
					    file, in->line, in->id, t->vendor);
		}
	}
	return 0;
}

int kb_check_profiles(const struct kb *kb, const char *file, struct bs_err *e)
{
	if (!kb_profile_find(kb, "all"))
		return bs_fail(e, "%s: the profile 'all' is missing", file);
	return 0;
}
