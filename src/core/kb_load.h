/* Record handlers of the knowledge-base files, one per file (kb_vendors.c, kb_instruments.c). */
#ifndef BS_KB_LOAD_H
#define BS_KB_LOAD_H

#include "bansweep/kb.h"
#include "bansweep/recfile.h"

int kb_on_catalogue(const struct rec *r, void *kb, struct bs_err *e);
int kb_on_class(const struct rec *r, void *kb, struct bs_err *e);
int kb_on_vendor(const struct rec *r, void *kb, struct bs_err *e);
int kb_on_instrument(const struct rec *r, void *kb, struct bs_err *e);
int kb_on_profile(const struct rec *r, void *kb, struct bs_err *e);
/* Cross-references checked once a file is loaded (a brand may come before its vendor). */
int kb_check_vendors(const struct kb *kb, const char *file, struct bs_err *e);
int kb_check_instruments(struct kb *kb, const char *file, struct bs_err *e);
int kb_check_profiles(const struct kb *kb, const char *file, struct bs_err *e);
/* Builds the organisation-name index (kb.c); fails on a name listed twice. */
int kb_build_org_index(struct kb *kb, const char *file, struct bs_err *e);
void kb_free_org_index(struct kb *kb);
int kb_slug_ok(const char *s);

#endif
