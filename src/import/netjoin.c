/* Bounded joins between logs. Zeek writes each log to its own file and a run may read them in
 * any order (conn.log sorts before dns.log, ssl.log before x509.log), so both sides of a join
 * are kept: a fixed ring of entries, hashed by key, the oldest overwritten when it is full. */
#include <stdlib.h>
#include <string.h>

#include "netlog.h"
#include "util/banned.h"

#define NJ_N 4096u /* entries */
#define NJ_B 8192u /* hash buckets */

struct nj_ent {
	uint64_t h;
	uint32_t next; /* index + 1 of the next entry in the bucket, 0 at the end */
	char *key, *a, *b;
};

struct nl_join {
	struct nj_ent e[NJ_N];
	uint32_t bucket[NJ_B];
	uint32_t head; /* the slot written next */
};

struct nl_join *nl_join_new(void)
{
	return xcalloc(1, sizeof(struct nl_join));
}

static void drop(struct nl_join *j, uint32_t i)
{
	struct nj_ent *x = &j->e[i];
	if (!x->key)
		return;
	for (uint32_t *p = &j->bucket[x->h % NJ_B]; *p; p = &j->e[*p - 1].next)
		if (*p == i + 1) {
			*p = x->next;
			break;
		}
	free(x->key);
	free(x->a);
	free(x->b);
	memset(x, 0, sizeof(*x));
}

void nl_join_free(struct nl_join *j)
{
	if (!j)
		return;
	for (uint32_t i = 0; i < NJ_N; i++)
		drop(j, i);
	free(j);
}

static int same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
}

void nl_join_add(struct nl_join *j, const char *key, const char *a, const char *b)
{
	uint64_t h = bs_hash(key, strlen(key));
	for (uint32_t i = j->bucket[h % NJ_B]; i; i = j->e[i - 1].next) {
		const struct nj_ent *x = &j->e[i - 1];
		if (x->h == h && !strcmp(x->key, key) && same(x->a, a) && same(x->b, b))
			return;
	}
	uint32_t i = j->head;
	j->head = (j->head + 1) % NJ_N;
	drop(j, i);
	struct nj_ent *x = &j->e[i];
	x->h = h;
	x->key = xstrdup(key);
	x->a = a ? xstrdup(a) : NULL;
	x->b = b ? xstrdup(b) : NULL;
	x->next = j->bucket[h % NJ_B];
	j->bucket[h % NJ_B] = i + 1;
}

void nl_join_each(struct nl_join *j, const char *key,
                  void (*fn)(void *ctx, const char *a, const char *b), void *ctx)
{
	uint64_t h = bs_hash(key, strlen(key));
	for (uint32_t i = j->bucket[h % NJ_B]; i; i = j->e[i - 1].next) {
		const struct nj_ent *x = &j->e[i - 1];
		if (x->h == h && !strcmp(x->key, key))
			fn(ctx, x->a, x->b);
	}
}
