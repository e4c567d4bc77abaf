/* Knowledge base: loading order, look-ups, and the IEEE organisation-name index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "core/kb_load.h"
#include "core/kb_util.h"
#include "util/banned.h"

struct org_slot {
	char *norm; /* NULL: empty slot */
	struct kb_attrib at;
	unsigned line;
};

struct org_index {
	struct org_slot *slots;
	size_t mask;
	uint64_t fingerprint;
};

int kb_slug_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '.' || *s == '_'))
			return 0;
	return 1;
}

const char *kb_default_dir(void)
{
	const char *env = getenv("BANSWEEP_DATA");
	if (env && *env)
		return env;
#ifdef BS_DATADIR_INSTALLED
	if (access(BS_DATADIR_INSTALLED "/catalogue.txt", R_OK) == 0)
		return BS_DATADIR_INSTALLED;
#endif
#ifdef BS_DATADIR_SOURCE
	return BS_DATADIR_SOURCE;
#else
	return "data";
#endif
}

static int load_one(struct kb *kb, const char *dir, const char *name, rec_fn fn, char *path,
                    size_t pathlen, struct bs_err *e)
{
	snprintf(path, pathlen, "%s/%s", dir, name);
	return rec_parse_file(path, fn, kb, NULL, e);
}

int kb_load(struct kb *kb, const char *dir, struct bs_err *e)
{
	memset(kb, 0, sizeof(*kb));
	kb->dir = xstrdup(dir);
	char path[4096];
	if (load_one(kb, dir, "catalogue.txt", kb_on_catalogue, path, sizeof(path), e) < 0)
		goto fail;
	if (!kb->version) {
		bs_fail(e, "%s: no catalogue version", path);
		goto fail;
	}
	if (load_one(kb, dir, "classes.txt", kb_on_class, path, sizeof(path), e) < 0)
		goto fail;
	if (!kb_class_find(kb, "device")) {
		bs_fail(e, "%s: the class 'device' is missing", path);
		goto fail;
	}
	if (load_one(kb, dir, "vendors.txt", kb_on_vendor, path, sizeof(path), e) < 0 ||
	    kb_check_vendors(kb, path, e) < 0 || kb_build_org_index(kb, path, e) < 0)
		goto fail;
	if (load_one(kb, dir, "instruments.txt", kb_on_instrument, path, sizeof(path), e) < 0 ||
	    kb_check_instruments(kb, path, e) < 0)
		goto fail;
	if (load_one(kb, dir, "profiles.txt", kb_on_profile, path, sizeof(path), e) < 0 ||
	    kb_check_profiles(kb, path, e) < 0)
		goto fail;
	return 0;
fail:
	kb_release(kb);
	return -1;
}

void kb_release(struct kb *kb)
{
	for (size_t i = 0; i < kb->nvendors; i++) {
		struct kb_vendor *v = &kb->vendors[i];
		free(v->slug), free(v->name), free(v->maker), free(v->country);
		strv_free(&v->legal), strv_free(&v->aliases), strv_free(&v->ieee);
		strv_free(&v->domains), strv_free(&v->lines), strv_free(&v->sources);
		strv_free(&v->unverified);
		free(v->enterprises), free(v->usb), free(v->pci);
	}
	for (size_t i = 0; i < kb->nbrands; i++) {
		struct kb_brand *b = &kb->brands[i];
		free(b->slug), free(b->name), free(b->vendor), free(b->made_by), free(b->note);
		strv_free(&b->aliases), strv_free(&b->ieee), strv_free(&b->domains);
		strv_free(&b->sources), strv_free(&b->unverified);
	}
	for (size_t i = 0; i < kb->nclasses; i++) {
		free(kb->classes[i].slug), free(kb->classes[i].title);
		strv_free(&kb->classes[i].groups);
	}
	for (size_t i = 0; i < kb->ninstruments; i++) {
		struct kb_instrument *in = &kb->instruments[i];
		char **s[] = {&in->id,           &in->title,    &in->authority, &in->reference,
		              &in->jurisdiction, &in->binds,    &in->action,    &in->legal,
		              &in->qualifier,    &in->category, &in->status,    &in->note};
		for (size_t k = 0; k < sizeof(s) / sizeof(*s); k++)
			free(*s[k]);
		for (size_t k = 0; k < in->nms; k++)
			free(in->ms[k].label), free(in->ms[k].text);
		free(in->ms);
		for (size_t k = 0; k < in->ncovers; k++)
			free(in->covers[k].vendor), strv_free(&in->covers[k].classes);
		free(in->covers);
		for (size_t k = 0; k < in->ntraces; k++)
			free(in->traces[k].vendor), free(in->traces[k].action);
		free(in->traces);
		strv_free(&in->sources);
	}
	for (size_t i = 0; i < kb->nprofiles; i++) {
		free(kb->profiles[i].slug), free(kb->profiles[i].title);
		strv_free(&kb->profiles[i].instruments);
	}
	free(kb->vendors), free(kb->brands), free(kb->classes), free(kb->instruments);
	free(kb->profiles), free(kb->dir), free(kb->version);
	kb_free_org_index(kb);
	memset(kb, 0, sizeof(*kb));
}

const struct kb_vendor *kb_vendor_find(const struct kb *kb, const char *slug)
{
	for (size_t i = 0; i < kb->nvendors; i++)
		if (!strcmp(kb->vendors[i].slug, slug))
			return &kb->vendors[i];
	return NULL;
}

const struct kb_brand *kb_brand_find(const struct kb *kb, const char *slug)
{
	for (size_t i = 0; i < kb->nbrands; i++)
		if (!strcmp(kb->brands[i].slug, slug))
			return &kb->brands[i];
	return NULL;
}

const struct kb_class *kb_class_find(const struct kb *kb, const char *slug)
{
	for (size_t i = 0; i < kb->nclasses; i++)
		if (!strcmp(kb->classes[i].slug, slug))
			return &kb->classes[i];
	return NULL;
}

const struct kb_instrument *kb_instrument_find(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->ninstruments; i++)
		if (!strcmp(kb->instruments[i].id, id))
			return &kb->instruments[i];
	return NULL;
}

const struct kb_profile *kb_profile_find(const struct kb *kb, const char *slug)
{
	for (size_t i = 0; i < kb->nprofiles; i++)
		if (!strcmp(kb->profiles[i].slug, slug))
			return &kb->profiles[i];
	return NULL;
}

int kb_class_in(const struct kb *kb, const char *cls, const char *sel)
{
	if (!strcmp(sel, "*") || !strcmp(cls, sel))
		return 1;
	const struct kb_class *c = kb_class_find(kb, cls);
	return c && strv_has_ci(&c->groups, sel);
}

static const char *const role_names[] = {"none", "maker", "brand", "review"};

const char *kb_role_name(enum kb_role r)
{
	return role_names[r];
}

/* The attribution an organisation name listed under brand b gives (docs/data-format.md). */
static struct kb_attrib brand_attrib(const struct kb *kb, const struct kb_brand *b)
{
	struct kb_attrib at = {ROLE_NONE, NULL, b};
	if (b->relation == REL_UNRELATED)
		return at;
	int former = b->relation == REL_FORMER_SUBSIDIARY || b->owned_to != BS_DAY_NONE;
	if (b->relation == REL_CHIP || (former && !b->made_by)) {
		at.role = ROLE_REVIEW;
		at.vendor = kb_vendor_find(kb, b->vendor);
		return at;
	}
	at.role = ROLE_BRAND;
	at.vendor = kb_vendor_find(kb, b->made_by ? b->made_by : b->vendor);
	return at;
}

static int org_insert(struct org_index *ix, const char *name, struct kb_attrib at, unsigned line,
                      const char *file, struct bs_err *e)
{
	char *norm = org_norm(name);
	uint64_t h = bs_hash(norm, strlen(norm));
	for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
		struct org_slot *s = &ix->slots[i];
		if (!s->norm) {
			s->norm = norm;
			s->at = at;
			s->line = line;
			break;
		}
		if (!strcmp(s->norm, norm)) {
			free(norm);
			return bs_fail(e, "%s:%u: IEEE name '%s' is listed twice (also line %u)",
			               file, line, name, s->line);
		}
	}
	/* Order-dependent mix: a changed attribution changes the fingerprint. */
	char mix[512];
	snprintf(mix, sizeof(mix), "%s|%s|%s|%s", name, role_names[at.role],
	         at.vendor ? at.vendor->slug : "", at.brand ? at.brand->slug : "");
	ix->fingerprint = (ix->fingerprint ^ bs_hash(mix, strlen(mix))) * 1099511628211ULL;
	return 0;
}

int kb_build_org_index(struct kb *kb, const char *file, struct bs_err *e)
{
	size_t n = 0;
	for (size_t i = 0; i < kb->nvendors; i++)
		n += kb->vendors[i].ieee.n;
	for (size_t i = 0; i < kb->nbrands; i++)
		n += kb->brands[i].ieee.n;
	size_t cap = 16;
	while (cap < n * 2 + 2)
		cap *= 2;
	struct org_index *ix = xcalloc(1, sizeof(*ix));
	ix->slots = xcalloc(cap, sizeof(*ix->slots));
	ix->mask = cap - 1;
	ix->fingerprint = 1469598103934665603ULL;
	kb->org_index = ix;
	for (size_t i = 0; i < kb->nvendors; i++) {
		const struct kb_vendor *v = &kb->vendors[i];
		struct kb_attrib at = {ROLE_MAKER, v, NULL};
		for (size_t k = 0; k < v->ieee.n; k++)
			if (org_insert(ix, v->ieee.v[k], at, v->line, file, e) < 0)
				return -1;
	}
	for (size_t i = 0; i < kb->nbrands; i++) {
		const struct kb_brand *b = &kb->brands[i];
		struct kb_attrib at = brand_attrib(kb, b);
		for (size_t k = 0; k < b->ieee.n; k++)
			if (org_insert(ix, b->ieee.v[k], at, b->line, file, e) < 0)
				return -1;
	}
	return 0;
}

void kb_free_org_index(struct kb *kb)
{
	struct org_index *ix = kb->org_index;
	if (!ix)
		return;
	for (size_t i = 0; i <= ix->mask; i++)
		free(ix->slots[i].norm);
	free(ix->slots);
	free(ix);
	kb->org_index = NULL;
}

struct kb_attrib kb_attribute_org(const struct kb *kb, const char *org)
{
	struct kb_attrib none = {ROLE_NONE, NULL, NULL};
	const struct org_index *ix = kb->org_index;
	if (!ix || !org)
		return none;
	char *norm = org_norm(org);
	uint64_t h = bs_hash(norm, strlen(norm));
	for (size_t i = h & ix->mask; ix->slots[i].norm; i = (i + 1) & ix->mask) {
		if (!strcmp(ix->slots[i].norm, norm)) {
			free(norm);
			return ix->slots[i].at;
		}
	}
	free(norm);
	return none;
}

uint64_t kb_org_fingerprint(const struct kb *kb)
{
	const struct org_index *ix = kb->org_index;
	return ix ? ix->fingerprint : 0;
}
