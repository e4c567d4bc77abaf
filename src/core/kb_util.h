/* Small helpers shared by the knowledge-base loaders. */
#ifndef BS_KB_UTIL_H
#define BS_KB_UTIL_H

#include "bansweep/kb.h"

void strv_push(struct strv *sv, const char *s);
void strv_free(struct strv *sv);
int strv_has_ci(const struct strv *sv, const char *s);
/* Copies an IEEE organisation name with ASCII case lowered and runs of blanks folded to one. */
char *org_norm(const char *s);
/* Grows a typed array by one element and returns a pointer to the new (zeroed) element. */
void *arr_push(void **arr, size_t *n, size_t elsize);

#endif
