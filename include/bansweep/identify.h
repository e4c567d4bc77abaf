/* Identification: observations grouped into assets, matched against rules and registries, and
 * scored into findings (one per asset and vendor) with evidence and instrument status. */
#ifndef BANSWEEP_IDENTIFY_H
#define BANSWEEP_IDENTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/kb.h"
#include "bansweep/policy.h"
#include "bansweep/registry.h"
#include "bansweep/rules.h"

/* One piece of evidence: an observation that matched a rule or a registry block. */
struct evidence {
	int key;
	char *value;
	size_t vlen;
	uint32_t vh;      /* hash of the value */
	char *source;     /* where the observation came from, as given, or NULL */
	char *time;       /* as given, or NULL */
	const char *rule; /* rule id, or "registry:<source kind>" for MAC blocks */
	const struct kb_vendor *vendor;
	enum strength strength;
	char *product;
	const char *cls;
	const struct kb_class *klass;
	const char *brand; /* brand the evidence names, or NULL */
};

struct asset {
	char *id;
	char *mac, *ip, *hostname, *root;
	char *serial;   /* the first "serial" observation */
	int randomised; /* a locally administered MAC was seen */
	char *shown; /* brand name the device presents (ONVIF/UPnP manufacturer...), first seen */
	struct evidence *ev;
	size_t nev;
	size_t dropped; /* evidence beyond the per-asset cap */
};

struct finding {
	const struct asset *asset;
	const struct kb_vendor *vendor;
	const char *maker; /* legal name of the maker */
	const char *brand; /* brand shown */
	const char *product;
	const char *cls;
	const struct kb_class *klass;
	enum confidence conf;
	const char *note; /* why the confidence is needs-review, or NULL */
	const struct evidence **ev;
	size_t nev;
	struct ban_eval bans[POLICY_MAX_BANS];
	size_t nbans;
};

struct identify;

/* reg may be NULL (no MAC attribution). kb, rs, reg must outlive the engine. */
struct identify *identify_new(const struct kb *kb, const struct ruleset *rs,
                              const struct registry *reg);
void identify_free(struct identify *id);

/* Adds one observation. Strings are copied as needed. Returns 0, or -1 when key is unknown. */
int identify_add(struct identify *id, const char *asset, const char *key, const char *value,
                 size_t vlen, const char *source, const char *time);

/* Records the root (an image's mount point) asset was inventoried from, shown with its
 * findings; the asset is made if it does not exist yet. */
void identify_set_root(struct identify *id, const char *asset, const char *root);

/* Forgets every asset and its evidence (a streamed import concludes its assets a batch at a
 * time); the rules' scratch and caches are kept. identify_nobs keeps counting. */
void identify_clear(struct identify *id);

size_t identify_nassets(const struct identify *id);
/* Asset i (0 <= i < identify_nassets), in the order first seen. */
const struct asset *identify_asset(const struct identify *id, size_t i);

/* A tap sees every observation identify_add accepts, before it is matched (the store records
 * them all, matched or not). */
typedef void (*identify_tap_fn)(void *ctx, const char *asset, const char *key, const char *value,
                                size_t vlen, const char *source);
void identify_set_tap(struct identify *id, identify_tap_fn fn, void *ctx);
size_t identify_nobs(const struct identify *id);

typedef int (*finding_fn)(const struct finding *f, void *ctx);

/* Calls fn for every finding, assets in the order first seen, vendors in evidence order.
 * Stops and returns fn's value when it is non-zero. */
int identify_each(struct identify *id, const struct kb_profile *profile, bs_day as_of,
                  finding_fn fn, void *ctx);

#endif
