/* Identification engine (DESIGN.md "Identify"): assets by the id the source gives; evidence from
 * rules and MAC registries; confidence from the strength and independence of the evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/keys.h"
#include "util/banned.h"

/* Evidence kept per asset: enough for any real device, bounded against a flood. */
#define EV_CAP   256
#define HITS_MAX 16

/* A slot of the asset table holds part of the hash, so that a probe reads one array, not the
 * assets, until it has a likely match: with many assets every extra read is a cache miss. */
struct aslot {
	uint32_t idx; /* asset index + 1; 0 = empty */
	uint32_t h32;
};

struct identify {
	const struct kb *kb;
	const struct ruleset *rs;
	const struct registry *reg;
	struct rule_scratch scratch;
	struct asset *assets;
	uint64_t *hashes;
	size_t n, cap;
	struct aslot *slots;
	size_t mask;
	size_t nobs;
	int key_mac, key_ip, key_hostname, key_serial;
	identify_tap_fn tap;
	void *tap_ctx;
	const struct kb_class *device; /* the class of an asset of unknown kind */
	struct arena strings;          /* every string the engine keeps: freed together */
};

struct identify *identify_new(const struct kb *kb, const struct ruleset *rs,
                              const struct registry *reg)
{
	struct identify *id = xcalloc(1, sizeof(*id));
	id->kb = kb;
	id->rs = rs;
	id->reg = reg;
	rules_scratch_init(&id->scratch);
	arena_init(&id->strings);
	id->mask = 1023;
	id->slots = xcalloc(id->mask + 1, sizeof(*id->slots));
	id->key_mac = key_find("mac");
	id->key_ip = key_find("ip");
	id->key_hostname = key_find("hostname");
	id->key_serial = key_find("serial");
	id->device = kb_class_find(kb, "device");
	return id;
}

void identify_free(struct identify *id)
{
	if (!id)
		return;
	for (size_t i = 0; i < id->n; i++)
		free(id->assets[i].ev);
	free(id->assets), free(id->hashes), free(id->slots);
	rules_scratch_release(&id->scratch);
	arena_release(&id->strings);
	free(id);
}

void identify_clear(struct identify *id)
{
	for (size_t i = 0; i < id->n; i++)
		free(id->assets[i].ev);
	id->n = 0;
	memset(id->slots, 0, (id->mask + 1) * sizeof(*id->slots));
	arena_release(&id->strings);
}

size_t identify_nassets(const struct identify *id)
{
	return id->n;
}

const struct asset *identify_asset(const struct identify *id, size_t i)
{
	return i < id->n ? &id->assets[i] : NULL;
}

void identify_set_tap(struct identify *id, identify_tap_fn fn, void *ctx)
{
	id->tap = fn;
	id->tap_ctx = ctx;
}

size_t identify_nobs(const struct identify *id)
{
	return id->nobs;
}

static void rehash(struct identify *id)
{
	size_t mask = id->mask * 2 + 1;
	struct aslot *slots = xcalloc(mask + 1, sizeof(*slots));
	for (size_t i = 0; i < id->n; i++) {
		size_t j = id->hashes[i] & mask;
		while (slots[j].idx)
			j = (j + 1) & mask;
		slots[j].idx = (uint32_t)(i + 1);
		slots[j].h32 = (uint32_t)(id->hashes[i] >> 32);
	}
	free(id->slots);
	id->slots = slots;
	id->mask = mask;
}

static struct asset *asset_get(struct identify *id, const char *name)
{
	size_t len = strlen(name);
	uint64_t h = bs_hash(name, len);
	size_t j = h & id->mask;
	uint32_t h32 = (uint32_t)(h >> 32);
	for (; id->slots[j].idx; j = (j + 1) & id->mask) {
		size_t i = id->slots[j].idx - 1;
		if (id->slots[j].h32 == h32 && !strcmp(id->assets[i].id, name))
			return &id->assets[i];
	}
	if (id->n == id->cap) {
		id->cap = id->cap ? id->cap * 2 : 256;
		id->assets = xrealloc(id->assets, id->cap * sizeof(*id->assets));
		id->hashes = xrealloc(id->hashes, id->cap * sizeof(*id->hashes));
	}
	struct asset *a = &id->assets[id->n];
	memset(a, 0, sizeof(*a));
	a->id = arena_strndup(&id->strings, name, len);
	id->hashes[id->n] = h;
	id->slots[j].idx = (uint32_t)(++id->n);
	id->slots[j].h32 = h32;
	if (id->n * 2 > id->mask)
		rehash(id);
	return &id->assets[id->n - 1];
}

static void add_evidence(struct identify *id, struct asset *a, int key, const char *v, size_t len,
                         const char *source, const char *time, const char *rule,
                         const struct kb_vendor *vendor, enum strength s, const char *product,
                         const struct kb_class *klass, const char *brand)
{
	/* Compared before the value itself, which is elsewhere in memory. */
	uint32_t vh = (uint32_t)bs_hash(v, len);
	for (size_t i = 0; i < a->nev; i++)
		if (a->ev[i].rule == rule && a->ev[i].key == key && a->ev[i].vlen == len &&
		    a->ev[i].vh == vh && !memcmp(a->ev[i].value, v, len))
			return; /* the same signal seen again adds nothing */
	if (a->nev >= EV_CAP) {
		a->dropped++;
		return;
	}
	a->ev = xrealloc(a->ev, (a->nev + 1) * sizeof(*a->ev));
	struct evidence *e = &a->ev[a->nev++];
	e->key = key;
	e->value = arena_strndup(&id->strings, v, len);
	e->vlen = len;
	e->vh = vh;
	e->source = source ? arena_strdup(&id->strings, source) : NULL;
	e->time = time ? arena_strdup(&id->strings, time) : NULL;
	e->rule = rule;
	e->vendor = vendor;
	e->strength = s;
	e->product = arena_strdup(&id->strings, product);
	e->cls = klass->slug;
	e->klass = klass;
	e->brand = brand;
}

static void set_once(struct identify *id, char **slot, const char *v, size_t len)
{
	if (!*slot && len)
		*slot = arena_strndup(&id->strings, v, len);
}

/* A MAC observation: identity, randomisation, and the registry block's organisation. */
static void on_mac(struct identify *id, struct asset *a, int key, const char *v, size_t len,
                   const char *source, const char *time)
{
	char buf[64];
	uint64_t mac;
	unsigned bits;
	if (len >= sizeof(buf))
		return;
	memcpy(buf, v, len);
	buf[len] = 0;
	if (mac_parse(buf, &mac, &bits) < 0 || bits != 48)
		return;
	char txt[18];
	mac_format(mac, txt);
	set_once(id, &a->mac, txt, strlen(txt));
	if (mac_is_local(mac)) {
		a->randomised = 1;
		return;
	}
	struct reg_hit hit;
	if (!id->reg || mac_is_group(mac) || !registry_lookup(id->reg, mac, &hit))
		return;
	if (hit.attrib.role == ROLE_NONE || !hit.attrib.vendor)
		return;
	static const char *const rule_by_source[] = {"registry:manuf", "registry:ieee-csv",
	                                             "registry:arp-scan", "registry"};
	const char *rule = rule_by_source[3];
	for (size_t i = 0; i < 3; i++)
		if (hit.source && !strcmp(hit.source->kind, rule_by_source[i] + 9))
			rule = rule_by_source[i];
	char product[200];
	snprintf(product, sizeof(product), "%s network interface (%s)", hit.attrib.vendor->name,
	         hit.org);
	const char *brand = hit.attrib.brand ? hit.attrib.brand->name : NULL;
	add_evidence(id, a, key, txt, strlen(txt), source, time, rule, hit.attrib.vendor,
	             hit.attrib.role == ROLE_REVIEW ? STR_REVIEW : STR_WEAK, product, id->device,
	             brand);
}

int identify_add(struct identify *id, const char *asset, const char *key, const char *value,
                 size_t vlen, const char *source, const char *time)
{
	int k = key_find(key);
	if (k < 0)
		return -1;
	struct asset *a = asset_get(id, asset);
	id->nobs++;
	if (id->tap)
		id->tap(id->tap_ctx, asset, key, value, vlen, source);
	if (k == id->key_mac) {
		on_mac(id, a, k, value, vlen, source, time);
	} else if (k == id->key_ip) {
		set_once(id, &a->ip, value, vlen);
	} else if (k == id->key_hostname) {
		set_once(id, &a->hostname, value, vlen);
	} else if (k == id->key_serial) {
		set_once(id, &a->serial, value, vlen);
	} else if (key_get(k)->shows_brand) {
		set_once(id, &a->shown, value, vlen);
	}
	struct rule_hit hits[HITS_MAX];
	size_t n = rules_match(id->rs, &id->scratch, k, value, vlen, hits, HITS_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct rule *r = hits[i].rule;
		add_evidence(id, a, k, value, vlen, source, time, r->id, r->vendor, r->strength,
		             hits[i].product, r->klass, r->brand);
	}
	return 0;
}

void identify_set_root(struct identify *id, const char *asset, const char *root)
{
	set_once(id, &asset_get(id, asset)->root, root, strlen(root));
}

static int is_own_name(const struct kb_vendor *v, const char *s)
{
	if (bs_strcaseeq(v->name, s))
		return 1;
	for (size_t i = 0; i < v->aliases.n; i++)
		if (bs_strcaseeq(v->aliases.v[i], s))
			return 1;
	for (size_t i = 0; i < v->legal.n; i++)
		if (bs_strcaseeq(v->legal.v[i], s))
			return 1;
	return 0;
}

/* Better evidence for naming the product: stronger, then of a specific (not generic) class, then
 * not a call home (a package or a device's own answer names the product; a look-up of the vendor's
 * cloud only says something of it runs), then earlier. */
static int better(const struct evidence *a, const struct evidence *b)
{
	if (!b)
		return 1;
	if (a->strength != b->strength)
		return a->strength > b->strength;
	int ak = !a->klass->generic, bk = !b->klass->generic;
	if (ak != bk)
		return ak > bk;
	int ah = !strcmp(key_get(a->key)->channel, "callhome");
	int bh = !strcmp(key_get(b->key)->channel, "callhome");
	return ah < bh;
}

static void score(const struct asset *a, struct finding *f)
{
	const char *channels[EV_CAP];
	size_t nch = 0;
	int weak = 0, strong = 0;
	const struct evidence *best = NULL, *branded = NULL;
	for (size_t i = 0; i < f->nev; i++) {
		const struct evidence *e = f->ev[i];
		if (better(e, best))
			best = e;
		if (e->brand && (!branded || e->strength > branded->strength))
			branded = e;
		if (e->strength == STR_WEAK)
			weak = 1;
		if (e->strength != STR_STRONG)
			continue;
		strong = 1;
		const char *ch = key_get(e->key)->channel;
		size_t j;
		for (j = 0; j < nch; j++)
			if (!strcmp(channels[j], ch))
				break;
		if (j == nch)
			channels[nch++] = ch;
	}
	f->conf = nch >= 2 ? CONF_CONFIRMED
	          : strong ? CONF_LIKELY
	          : weak   ? CONF_POSSIBLE
	                   : CONF_REVIEW;
	if (f->conf == CONF_REVIEW)
		f->note =
		    "the only evidence names a relative whose products may not be the vendor's";
	else if (a->randomised && f->conf == CONF_POSSIBLE) {
		f->conf = CONF_REVIEW;
		f->note = "randomised MAC address and weak evidence only";
	}
	f->product = best->product;
	f->cls = best->cls;
	f->klass = best->klass;
	f->maker = f->vendor->maker;
	if (branded)
		f->brand = branded->brand;
	else if (a->shown && !is_own_name(f->vendor, a->shown))
		f->brand = a->shown;
	else
		f->brand = f->vendor->name;
}

/* Policy depends only on vendor, class and confidence (and the run's profile and date), and
 * findings repeat a few such combinations: each is evaluated once. */
#define POLICY_MEMO 64

struct policy_memo {
	const struct kb_vendor *v;
	const struct kb_class *klass;
	enum confidence conf;
	size_t n;
	struct ban_eval bans[POLICY_MAX_BANS];
};

static void apply_policy(struct identify *id, const struct kb_profile *profile, bs_day as_of,
                         struct policy_memo *memo, size_t *nmemo, struct finding *f)
{
	for (size_t i = 0; i < *nmemo; i++) {
		const struct policy_memo *m = &memo[i];
		if (m->v == f->vendor && m->klass == f->klass && m->conf == f->conf) {
			memcpy(f->bans, m->bans, m->n * sizeof(*f->bans));
			f->nbans = m->n;
			return;
		}
	}
	f->nbans = policy_eval(id->kb, profile, f->vendor->slug, f->cls, f->conf, as_of, f->bans,
	                       POLICY_MAX_BANS);
	if (*nmemo < POLICY_MEMO) {
		struct policy_memo *m = &memo[(*nmemo)++];
		m->v = f->vendor;
		m->klass = f->klass;
		m->conf = f->conf;
		m->n = f->nbans;
		memcpy(m->bans, f->bans, f->nbans * sizeof(*f->bans));
	}
}

int identify_each(struct identify *id, const struct kb_profile *profile, bs_day as_of,
                  finding_fn fn, void *ctx)
{
	struct policy_memo *memo = xmalloc(POLICY_MEMO * sizeof(*memo));
	size_t nmemo = 0;
	const struct evidence **ev = xmalloc(EV_CAP * sizeof(*ev));
	struct finding *f = xmalloc(sizeof(*f));
	int rc = 0;
	for (size_t i = 0; i < id->n && rc == 0; i++) {
		const struct asset *a = &id->assets[i];
		for (size_t j = 0; j < a->nev && rc == 0; j++) {
			const struct kb_vendor *v = a->ev[j].vendor;
			size_t k;
			for (k = 0; k < j; k++)
				if (a->ev[k].vendor == v)
					break;
			if (k < j)
				continue; /* this vendor's finding was made at its first evidence */
			memset(f, 0, sizeof(*f));
			f->asset = a;
			f->vendor = v;
			f->ev = ev;
			int backed = 0;
			for (k = j; k < a->nev; k++)
				if (a->ev[k].vendor == v) {
					ev[f->nev++] = &a->ev[k];
					backed |= a->ev[k].strength != STR_SUPPORT;
				}
			if (!backed)
				continue; /* supporting evidence alone makes no finding */
			score(a, f);
			apply_policy(id, profile, as_of, memo, &nmemo, f);
			rc = fn(f, ctx);
		}
	}
	free(ev);
	free(f);
	free(memo);
	return rc;
}
