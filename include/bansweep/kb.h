/* The knowledge base: vendors and their relatives, product classes, instruments, policy profiles
 * and the catalogue version, loaded from the text files under data/ (docs/data-format.md).
 * Everything is owned by struct kb and freed by kb_release(). */
#ifndef BANSWEEP_KB_H
#define BANSWEEP_KB_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/date.h"
#include "bansweep/err.h"

struct strv {
	char **v;
	size_t n;
};

struct kb_vendor {
	char *slug;  /* "hikvision" */
	char *name;  /* display name: "Hikvision" */
	char *maker; /* the legal name shown as maker: first `legal` */
	char *country;
	struct strv legal, aliases, ieee, domains, lines, sources, unverified;
	uint32_t *enterprises;
	size_t nenterprises;
	uint16_t *usb, *pci;
	size_t nusb, npci;
	unsigned line;
};

/* How a brand, subsidiary or other relative stands to a covered vendor. */
enum kb_relation {
	REL_BRAND,             /* a brand of the vendor's own */
	REL_SUBSIDIARY,        /* owned by the vendor */
	REL_FORMER_SUBSIDIARY, /* owned between `owned` dates only */
	REL_AFFILIATE,         /* joint venture or affiliate */
	REL_PARENT,            /* the vendor's parent company */
	REL_OEM,               /* sells relabelled products made by the vendor (reported) */
	REL_CHIP,              /* makes chips: a chip alone does not make a vendor's product */
	REL_UNRELATED,         /* a look-alike name: never attributed */
};

struct kb_brand {
	char *slug;
	char *name;
	char *vendor;  /* related covered vendor slug (NULL for REL_UNRELATED) */
	char *made_by; /* vendor slug that makes its products, or NULL when not known */
	enum kb_relation relation;
	bs_day owned_from, owned_to; /* BS_DAY_NONE when open */
	struct strv aliases, ieee, domains, sources, unverified;
	char *note;
	unsigned line;
};

struct kb_class {
	char *slug;
	char *title;
	int generic; /* a catch-all class: a more specific one names the product better */
	struct strv groups;
};

enum kb_effect {
	EFF_REMOVE,           /* remove existing products */
	EFF_STOP_USE,         /* stop using existing products */
	EFF_NO_USE,           /* no use (incl. by contractors) */
	EFF_NO_PROCUREMENT,   /* no new purchases; existing not bound */
	EFF_NO_AUTHORISATION, /* no new equipment authorisations / subsidies */
	EFF_EXCLUDED,         /* excluded from a network build-out */
	EFF_GUIDANCE,         /* advice or warning, not binding */
	EFF_REPORTED,         /* reported action, not a published instrument */
};

struct kb_milestone {
	bs_day day;
	int rel_days; /* +N from issued, or -1 when given absolute */
	char *label;  /* "identify", "remove", ... */
	char *text;
	unsigned line;
};

struct kb_cover {
	char *vendor;
	const struct kb_vendor *v; /* resolved at load */
	struct strv classes;       /* class or group slugs; empty: every class */
	int qualified;
};

/* A vendor whose products are traces of what an instrument made happen, not covered by it:
 * UltraAV (Pango) where Kaspersky was replaced after the 2024 Commerce determination. Its
 * findings are informational, with the trace's own action. */
struct kb_trace {
	char *vendor;
	const struct kb_vendor *v; /* resolved at load */
	char *action;
};

struct kb_instrument {
	char *id;
	char *title, *authority, *reference, *jurisdiction, *binds, *action, *legal;
	char *qualifier, *category, *status, *note;
	bs_day issued;
	enum kb_effect effect;
	struct kb_milestone *ms; /* sorted by day */
	size_t nms;
	struct kb_cover *covers;
	size_t ncovers;
	struct kb_trace *traces;
	size_t ntraces;
	struct strv sources;
	unsigned line;
};

struct kb_profile {
	char *slug;
	char *title;
	struct strv instruments; /* ids; "*" selects all */
};

struct kb {
	char *dir;
	char *version; /* catalogue version, e.g. "2026-11-22" */
	struct kb_vendor *vendors;
	size_t nvendors;
	struct kb_brand *brands;
	size_t nbrands;
	struct kb_class *classes;
	size_t nclasses;
	struct kb_instrument *instruments;
	size_t ninstruments;
	struct kb_profile *profiles;
	size_t nprofiles;
	void *org_index; /* private: IEEE organisation name -> attribution */
};

/* Finds the data directory: $BANSWEEP_DATA, then the installed one, then the source tree's. */
const char *kb_default_dir(void);

/* Loads catalogue.txt, classes.txt, vendors.txt, instruments.txt, profiles.txt from dir. */
int kb_load(struct kb *kb, const char *dir, struct bs_err *e);
void kb_release(struct kb *kb);

const struct kb_vendor *kb_vendor_find(const struct kb *kb, const char *slug);
const struct kb_brand *kb_brand_find(const struct kb *kb, const char *slug);
const struct kb_class *kb_class_find(const struct kb *kb, const char *slug);
const struct kb_instrument *kb_instrument_find(const struct kb *kb, const char *id);
const struct kb_profile *kb_profile_find(const struct kb *kb, const char *slug);
/* Does class `cls` belong to `sel` (a class slug, a group slug, or "*")? */
int kb_class_in(const struct kb *kb, const char *cls, const char *sel);

/* What an IEEE organisation name says about the maker (exact, case-insensitive, blanks folded). */
enum kb_role {
	ROLE_NONE,   /* not a covered vendor's */
	ROLE_MAKER,  /* the vendor itself */
	ROLE_BRAND,  /* a brand/subsidiary/affiliate/parent/OEM whose products are the vendor's */
	ROLE_REVIEW, /* a relative whose products may or may not be the vendor's (chip, former) */
};
struct kb_attrib {
	enum kb_role role;
	const struct kb_vendor *vendor; /* NULL for ROLE_NONE */
	const struct kb_brand *brand;   /* the relative named, if any */
};
struct kb_attrib kb_attribute_org(const struct kb *kb, const char *org);
/* Hash of every (organisation name -> attribution) pair, for registry cache validation. */
uint64_t kb_org_fingerprint(const struct kb *kb);

const char *kb_relation_name(enum kb_relation r);
const char *kb_effect_name(enum kb_effect e);
const char *kb_role_name(enum kb_role r);
/* Does the effect bind equipment already in use (remove, stop use, no use)? */
int kb_effect_binds_existing(enum kb_effect e);

#endif
