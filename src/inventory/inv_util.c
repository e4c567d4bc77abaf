/* Line splitting, a set of strings seen, and the reading helpers the Linux sources share
 * (src/inventory/inv_parse.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

void lines_init(struct lines *l, const char *buf, size_t n)
{
	l->p = buf;
	l->end = buf + n;
	l->no = 0;
}

int lines_next(struct lines *l, const char **s, size_t *n)
{
	if (l->p >= l->end)
		return 0;
	const char *e = memchr(l->p, '\n', (size_t)(l->end - l->p));
	const char *stop = e ? e : l->end;
	*s = l->p;
	*n = (size_t)(stop - l->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	l->p = e ? e + 1 : l->end;
	l->no++;
	return 1;
}

int hset_add(struct hset *h, const char *s, size_t n)
{
	uint64_t x = bs_hash(s, n) | 1; /* 0 marks a free slot */
	if ((h->n + 1) * 2 > h->mask) {
		size_t mask = h->mask ? h->mask * 2 + 1 : 255;
		uint64_t *v = xcalloc(mask + 1, sizeof(*v));
		for (size_t i = 0; h->v && i <= h->mask; i++) {
			if (!h->v[i])
				continue;
			size_t j = h->v[i] & mask;
			while (v[j])
				j = (j + 1) & mask;
			v[j] = h->v[i];
		}
		free(h->v);
		h->v = v;
		h->mask = mask;
	}
	size_t j = x & h->mask;
	for (; h->v[j]; j = (j + 1) & h->mask)
		if (h->v[j] == x)
			return 0;
	h->v[j] = x;
	h->n++;
	return 1;
}

void hset_release(struct hset *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

static int absent(int e)
{
	return e == ENOENT || e == ENOTDIR;
}

char *inv_slurp_opt(struct inv *iv, const char *path, size_t max, size_t *len)
{
	char *b = inv_slurp(iv, path, max, len);
	if (!b && !absent(errno))
		inv_error(iv, path, 0, 0, "could not read: %s",
		          errno == EFBIG ? "larger than the limit" : strerror(errno));
	return b;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int inv_each_entry(struct inv *iv, const char *dir, int dots,
                   void (*fn)(struct inv *iv, const char *name, const char *path, void *ctx),
                   void *ctx)
{
	DIR *d = inv_opendir(iv, dir);
	if (!d) {
		if (!absent(errno))
			inv_error(iv, dir, 0, 0, "could not read: %s", strerror(errno));
		return -1;
	}
	/* In name order, so that two runs over the same tree report the same way. */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	for (errno = 0; (de = readdir(d)); errno = 0) {
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, "..") || (name[0] == '.' && !dots))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(name);
	}
	if (errno)
		inv_error(iv, dir, 0, 0, "could not read: %s", strerror(errno));
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	char path[4096];
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	for (size_t i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%.*s/%s", (int)dl, dir, names[i]) <
		    sizeof(path))
			fn(iv, names[i], path, ctx);
		free(names[i]);
	}
	free(names);
	return (int)n;
}

void progs_check(struct inv *iv, struct progs *p, const char *path, size_t n)
{
	char buf[sizeof(p->missing_path)];
	struct stat sb;
	/* "$DIR/x", "%h/x", "`cmd`", a bare name looked up in $PATH: the program cannot be told
	 * from the text alone. */
	if (!n || path[0] != '/' || n >= sizeof(buf) || memchr(path, 0, n) ||
	    memchr(path, '$', n) || memchr(path, '%', n) || memchr(path, '`', n)) {
		p->unknown++;
		return;
	}
	memcpy(buf, path, n);
	buf[n] = 0;
	if (inv_stat(iv, buf, &sb) == 0) {
		p->present++;
		return;
	}
	if (!absent(errno)) { /* EACCES, ELOOP...: not known to be gone */
		p->unknown++;
		return;
	}
	if (!p->missing++)
		memcpy(p->missing_path, buf, n + 1);
}

int progs_residue(const struct progs *p)
{
	return p->missing > 0 && !p->present && !p->unknown;
}
