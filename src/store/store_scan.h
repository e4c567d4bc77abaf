/* A scan being collected (store_write.c) and committed (store_commit.c). */
#ifndef BS_STORE_SCAN_H
#define BS_STORE_SCAN_H

#include "bansweep/arena.h"
#include "store/store_int.h"

struct sasset {
	char *name, *mac, *ip, *hostname, *serial, *root;
	int64_t id;   /* stored id, resolved at commit */
	size_t known; /* its index in the commit's table of stored assets */
};

struct sobs {
	size_t asset;
	char *key, *value, *source;
};

struct sfind {
	size_t asset;
	char *vendor, *maker, *brand, *product, *cls, *confidence, *note;
	struct store_evidence *ev;
	size_t nev;
	int64_t id;
	int skip;  /* merged into another finding of the same stored asset and vendor */
	int isnew; /* not in the store before this scan */
};

struct scope {
	char *kind, *value;
};

struct store_scan {
	struct store *st;
	int64_t id;
	char started[21];
	char *method, *who;
	struct arena a;
	struct strmap names;
	struct sasset *as;
	size_t nas, cas;
	uint64_t *seen; /* hashes of observations held, for deduplication */
	size_t seen_mask, nseen;
	struct sobs *obs;
	size_t nobs, cobs;
	struct sfind *f;
	size_t nf, cf;
	struct scope *scopes;
	size_t nscopes;
};

#endif
