/* Loader for data/vendors.txt: `vendor` and `brand` records (docs/data-format.md). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "core/kb_load.h"
#include "core/kb_util.h"
#include "util/banned.h"

static int hex16(const char *s, uint16_t *out)
{
	if (strlen(s) != 4)
		return -1;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int d = bs_hexdigit((unsigned char)s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + (unsigned)d;
	}
	*out = (uint16_t)v;
	return 0;
}

static int on_vendor(const struct rec *r, struct kb *kb, struct bs_err *e)
{
	static const char *const allow[] = {"name",       "legal",      "alias", "country", "ieee",
	                                    "enterprise", "usb",        "pci",   "domain",  "line",
	                                    "source",     "unverified", "note",  NULL};
	static const char *const req[] = {"name", "legal", "source", NULL};
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	if (!kb_slug_ok(r->id))
		return rec_error(e, r, 0, "bad vendor slug '%s'", r->id);
	if (kb_vendor_find(kb, r->id) || kb_brand_find(kb, r->id))
		return rec_error(e, r, 0, "vendor '%s' defined twice", r->id);
	if (rec_count(r, "name") != 1)
		return rec_error(e, r, 0, "vendor %s needs exactly one name", r->id);
	struct kb_vendor *v = arr_push((void **)&kb->vendors, &kb->nvendors, sizeof(*v));
	v->slug = xstrdup(r->id);
	v->line = r->line;
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_field *f = &r->f[i];
		const char *n = f->name, *val = f->value;
		if (!strcmp(n, "name"))
			v->name = xstrdup(val);
		else if (!strcmp(n, "legal"))
			strv_push(&v->legal, val);
		else if (!strcmp(n, "alias"))
			strv_push(&v->aliases, val);
		else if (!strcmp(n, "country"))
			free(v->country), v->country = xstrdup(val);
		else if (!strcmp(n, "ieee"))
			strv_push(&v->ieee, val);
		else if (!strcmp(n, "domain"))
			strv_push(&v->domains, val);
		else if (!strcmp(n, "line"))
			strv_push(&v->lines, val);
		else if (!strcmp(n, "source"))
			strv_push(&v->sources, val);
		else if (!strcmp(n, "unverified"))
			strv_push(&v->unverified, val);
		else if (!strcmp(n, "enterprise")) {
			uint64_t pen;
			char num[32];
			size_t k = strcspn(val, " \t");
			if (k >= sizeof(num))
				return rec_error(e, r, f->line, "bad enterprise number '%s'", val);
			memcpy(num, val, k);
			num[k] = 0;
			if (bs_parse_u64(num, UINT32_MAX, &pen) < 0)
				return rec_error(e, r, f->line, "bad enterprise number '%s'", val);
			v->enterprises =
			    xrealloc(v->enterprises, (v->nenterprises + 1) * sizeof(uint32_t));
			v->enterprises[v->nenterprises++] = (uint32_t)pen;
		} else if (!strcmp(n, "usb") || !strcmp(n, "pci")) {
			uint16_t id;
			if (hex16(val, &id) < 0)
				return rec_error(e, r, f->line, "%s id must be 4 hex digits: '%s'",
				                 n, val);
			uint16_t **arr = n[0] == 'u' ? &v->usb : &v->pci;
			size_t *cnt = n[0] == 'u' ? &v->nusb : &v->npci;
			*arr = xrealloc(*arr, (*cnt + 1) * sizeof(uint16_t));
			(*arr)[(*cnt)++] = id;
		}
	}
	v->maker = xstrdup(v->legal.v[0]);
	return 0;
}

static const char *const relation_names[] = {
    [REL_BRAND] = "brand",
    [REL_SUBSIDIARY] = "subsidiary",
    [REL_FORMER_SUBSIDIARY] = "former-subsidiary",
    [REL_AFFILIATE] = "affiliate",
    [REL_PARENT] = "parent",
    [REL_OEM] = "oem",
    [REL_CHIP] = "chip",
    [REL_UNRELATED] = "unrelated",
};

const char *kb_relation_name(enum kb_relation r)
{
	return relation_names[r];
}

static int parse_owned(const struct rec *r, const struct rec_field *f, struct kb_brand *b,
                       struct bs_err *e)
{
	char tmp[64];
	if (bs_strlcpy(tmp, f->value, sizeof(tmp)) >= sizeof(tmp))
		return rec_error(e, r, f->line, "bad owned field");
	char *from = tmp, *to = tmp + strcspn(tmp, " \t");
	if (*to) {
		*to++ = 0;
		to = bs_trim(to);
	}
	if (!*to || strpbrk(to, " \t"))
		return rec_error(e, r, f->line, "owned takes FROM TO (partial dates or '-')");
	enum bs_date_prec p;
	b->owned_from = b->owned_to = BS_DAY_NONE;
	if (strcmp(from, "-") && bs_day_parse_partial(from, &b->owned_from, &p) < 0)
		return rec_error(e, r, f->line, "bad date '%s'", from);
	if (strcmp(to, "-")) {
		bs_day d;
		if (bs_day_parse_partial(to, &d, &p) < 0)
			return rec_error(e, r, f->line, "bad date '%s'", to);
		b->owned_to = bs_day_period_end(d, p);
	}
	if (b->owned_from != BS_DAY_NONE && b->owned_to != BS_DAY_NONE &&
	    b->owned_to < b->owned_from)
		return rec_error(e, r, f->line, "ownership ends before it starts");
	return 0;
}

static int on_brand(const struct rec *r, struct kb *kb, struct bs_err *e)
{
	static const char *const allow[] = {"name",    "vendor", "relation",   "owned",
	                                    "made-by", "alias",  "ieee",       "domain",
	                                    "note",    "source", "unverified", NULL};
	static const char *const req[] = {"name", "relation", "source", NULL};
	if (rec_allow(r, allow, e) < 0 || rec_require(r, req, e) < 0)
		return -1;
	if (!kb_slug_ok(r->id))
		return rec_error(e, r, 0, "bad brand slug '%s'", r->id);
	if (kb_vendor_find(kb, r->id) || kb_brand_find(kb, r->id))
		return rec_error(e, r, 0, "'%s' defined twice", r->id);
	struct kb_brand *b = arr_push((void **)&kb->brands, &kb->nbrands, sizeof(*b));
	b->slug = xstrdup(r->id);
	b->line = r->line;
	b->owned_from = b->owned_to = BS_DAY_NONE;
	const char *rel = rec_get(r, "relation");
	size_t k;
	for (k = 0; k < sizeof(relation_names) / sizeof(*relation_names); k++)
		if (!strcmp(rel, relation_names[k]))
			break;
	if (k == sizeof(relation_names) / sizeof(*relation_names))
		return rec_error(e, r, rec_field(r, "relation")->line, "unknown relation '%s'",
		                 rel);
	b->relation = (enum kb_relation)k;
	if (b->relation != REL_UNRELATED && !rec_get(r, "vendor"))
		return rec_error(e, r, 0, "brand %s needs a vendor", r->id);
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_field *f = &r->f[i];
		const char *n = f->name, *val = f->value;
		if (!strcmp(n, "name"))
			free(b->name), b->name = xstrdup(val);
		else if (!strcmp(n, "vendor"))
			free(b->vendor), b->vendor = xstrdup(val);
		else if (!strcmp(n, "made-by")) {
			free(b->made_by);
			b->made_by = strcmp(val, "unknown") ? xstrdup(val) : NULL;
		} else if (!strcmp(n, "owned")) {
			if (parse_owned(r, f, b, e) < 0)
				return -1;
		} else if (!strcmp(n, "alias"))
			strv_push(&b->aliases, val);
		else if (!strcmp(n, "ieee"))
			strv_push(&b->ieee, val);
		else if (!strcmp(n, "domain"))
			strv_push(&b->domains, val);
		else if (!strcmp(n, "source"))
			strv_push(&b->sources, val);
		else if (!strcmp(n, "unverified"))
			strv_push(&b->unverified, val);
		else if (!strcmp(n, "note"))
			free(b->note), b->note = xstrdup(val);
	}
	/* Without a made-by line, the products are the related vendor's, except for relatives whose
	 * products may be anybody's. */
	if (!rec_get(r, "made-by") && b->vendor && b->relation != REL_CHIP &&
	    b->relation != REL_FORMER_SUBSIDIARY)
		b->made_by = xstrdup(b->vendor);
	return 0;
}

int kb_on_vendor(const struct rec *r, void *ctx, struct bs_err *e)
{
	struct kb *kb = ctx;
	if (!strcmp(r->type, "vendor"))
		return on_vendor(r, kb, e);
	if (!strcmp(r->type, "brand"))
		return on_brand(r, kb, e);
	return rec_error(e, r, 0, "unexpected record type '%s' (vendor or brand)", r->type);
}

int kb_check_vendors(const struct kb *kb, const char *file, struct bs_err *e)
{
	for (size_t i = 0; i < kb->nbrands; i++) {
		const struct kb_brand *b = &kb->brands[i];
		if (b->vendor && !kb_vendor_find(kb, b->vendor))
			return bs_fail(e, "%s:%u: brand %s names unknown vendor '%s'", file,
			               b->line, b->slug, b->vendor);
		if (b->made_by && !kb_vendor_find(kb, b->made_by))
			return bs_fail(e, "%s:%u: brand %s: made-by names unknown vendor '%s'",
			               file, b->line, b->slug, b->made_by);
	}
	return 0;
}
