/* Kernel modules. Live: the loaded ones (/proc/modules, first word of each line). In an image:
 * not the thousands every kernel package ships (Debian's kernel carries Huawei's hinic driver
 * whether or not any Huawei card is there) but what was added or set to load: modules built
 * outside the kernel package (/lib/modules/VERSION/updates and extra: DKMS, vendor agents'
 * drivers) and the names in /etc/modules and /etc/modules-load.d/.conf files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

struct run {
	struct hset seen;
	int depth;
};

static void emit(struct inv *iv, struct run *r, const char *v, size_t n, const char *where)
{
	if (n && hset_add(&r->seen, v, n))
		inv_obsn(iv, K_KMOD_NAME, v, n, where);
}

/* A list of names, one a line, '#' and ';' comments (modules-load.d(5)); or /proc/modules. */
static void list(struct inv *iv, struct run *r, const char *path)
{
	size_t n, k;
	const char *s;
	char *b = inv_slurp_opt(iv, path, 1 << 20, &n);
	if (!b)
		return;
	struct lines l;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		while (k && (*s == ' ' || *s == '\t'))
			s++, k--;
		if (!k || *s == '#' || *s == ';')
			continue;
		size_t w = 0;
		while (w < k && s[w] != ' ' && s[w] != '\t')
			w++;
		emit(iv, r, s, w, path);
	}
	free(b);
}

static void conf(struct inv *iv, const char *name, const char *path, void *ctx)
{
	size_t n = strlen(name);
	if (n > 5 && !strcmp(name + n - 5, ".conf"))
		list(iv, ctx, path);
}

/* *.ko files (compressed too) under updates/ and extra/, a few levels deep. */
static void ko(struct inv *iv, const char *name, const char *path, void *ctx)
{
	struct run *r = ctx;
	const char *dot = strstr(name, ".ko");
	if (dot && (!dot[3] || dot[3] == '.')) {
		char mod[256];
		size_t n = (size_t)(dot - name);
		if (n >= sizeof(mod))
			return;
		/* The kernel names foo-bar.ko "foo_bar". */
		for (size_t i = 0; i < n; i++)
			mod[i] = name[i] == '-' ? '_' : name[i];
		emit(iv, r, mod, n, path);
		return;
	}
	if (r->depth < 4 && !strchr(name, '.')) {
		r->depth++;
		inv_each_entry(iv, path, 0, ko, r);
		r->depth--;
	}
}

static void kernel(struct inv *iv, const char *name, const char *path, void *ctx)
{
	char sub[4200];
	(void)name;
	snprintf(sub, sizeof(sub), "%s/updates", path);
	inv_each_entry(iv, sub, 0, ko, ctx);
	snprintf(sub, sizeof(sub), "%s/extra", path);
	inv_each_entry(iv, sub, 0, ko, ctx);
}

int inv_kmod(struct inv *iv);
int inv_kmod(struct inv *iv)
{
	struct run r = {{0}, 0};
	if (inv_opts(iv)->live)
		list(iv, &r, "/proc/modules");
	inv_each_entry(iv, "/lib/modules", 0, kernel, &r);
	if (!inv_opts(iv)->live) {
		list(iv, &r, "/etc/modules");
		inv_each_entry(iv, "/etc/modules-load.d", 0, conf, &r);
		inv_each_entry(iv, "/usr/lib/modules-load.d", 0, conf, &r);
	}
	hset_release(&r.seen);
	return 0;
}
