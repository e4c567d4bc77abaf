/* Kernel modules. Live: the loaded ones (/proc/modules, first word of each line). In an image:
 * not the thousands every kernel package ships (Debian's kernel carries Huawei's hinic driver
 * whether or not any Huawei card is there) but what was added or set to load: modules built
 * outside the kernel package (DKMS, vendor agents' drivers), found as files under
 * /lib/modules/VERSION/updates and extra and as the entries of /lib/modules/VERSION/modules.dep
 * outside kernel/ (depmod(8) lists every installed module there, wherever it was put: misc/,
 * weak-updates/, a vendor's own folder), and the names in /etc/modules and /etc/modules-load.d/
 * .conf files. */
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

/* The module a file name (n bytes, no '/') holds: foo-bar.ko, .ko.xz, .ko.zst -> "foo_bar", as
 * the kernel names it, into mod; its length, or 0 when it is no module file. */
static size_t modname(const char *name, size_t n, char *mod, size_t cap)
{
	for (size_t i = 0; i + 3 <= n; i++) {
		if (memcmp(name + i, ".ko", 3) || (i + 3 < n && name[i + 3] != '.'))
			continue;
		if (i == 0 || i >= cap)
			return 0;
		for (size_t j = 0; j < i; j++)
			mod[j] = name[j] == '-' ? '_' : name[j];
		return i;
	}
	return 0;
}

/* modules.dep: "PATH.ko[.xz]: DEPENDENCIES", PATH relative to the version's folder (absolute
 * from older depmod). Modules under kernel/ came with the kernel package. */
static void moddep(struct inv *iv, struct run *r, const char *path)
{
	size_t n, k;
	const char *s;
	char *b = inv_slurp_opt(iv, path, 16u << 20, &n);
	if (!b)
		return;
	struct lines l;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		const char *colon = memchr(s, ':', k);
		if (!colon)
			continue;
		k = (size_t)(colon - s);
		static const char lib[] = "/lib/modules/";
		if (k > sizeof(lib) - 1 && !memcmp(s, lib, sizeof(lib) - 1)) {
			const char *v = memchr(s + sizeof(lib) - 1, '/', k - (sizeof(lib) - 1));
			if (!v)
				continue;
			k -= (size_t)(v + 1 - s), s = v + 1;
		}
		if (k >= 7 && !memcmp(s, "kernel/", 7))
			continue;
		const char *base = s;
		for (size_t i = 0; i < k; i++)
			if (s[i] == '/')
				base = s + i + 1;
		char mod[256];
		size_t m = modname(base, (size_t)(s + k - base), mod, sizeof(mod));
		emit(iv, r, mod, m, path);
	}
	free(b);
}

/* *.ko files (compressed too) under updates/ and extra/, a few levels deep. */
static void ko(struct inv *iv, const char *name, const char *path, void *ctx)
{
	struct run *r = ctx;
	char mod[256];
	size_t m = modname(name, strlen(name), mod, sizeof(mod));
	if (m) {
		emit(iv, r, mod, m, path);
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
	snprintf(sub, sizeof(sub), "%s/modules.dep", path);
	moddep(iv, ctx, sub);
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
