#include <stdlib.h>
#include <string.h>

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "util/banned.h"

#define CHUNK (1u << 20)

struct arena_chunk {
	struct arena_chunk *next;
	char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->cur = NULL;
	a->left = 0;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (n + 1 > a->left) {
		/* A string larger than a chunk gets a chunk of its own. */
		size_t size = n + 1 > CHUNK ? n + 1 : CHUNK;
		struct arena_chunk *c = xmalloc(sizeof(*c) + size);
		c->next = a->head;
		a->head = c;
		a->cur = c->data;
		a->left = size;
	}
	char *p = a->cur;
	memcpy(p, s, n);
	p[n] = 0;
	a->cur += n + 1;
	a->left -= n + 1;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}
