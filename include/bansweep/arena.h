/* Arena allocator for strings that live as long as their owner (an identification run): no
 * per-string malloc or free, and neighbours in time are neighbours in memory. */
#ifndef BANSWEEP_ARENA_H
#define BANSWEEP_ARENA_H

#include <stddef.h>

struct arena {
	struct arena_chunk *head;
	char *cur;
	size_t left;
};

void arena_init(struct arena *a);
/* Frees every chunk; the arena can be used again. */
void arena_release(struct arena *a);
/* Copies n bytes of s and a NUL; never fails (aborts when memory runs out, like xmalloc). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

#endif
