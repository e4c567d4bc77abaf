/* systemd units: the unit files' names (svc.name) in the system unit directories
 * (systemd.unit(5): /etc, /lib and /usr/lib), and the program each service starts (the first
 * word of ExecStart=, as file.path): kesl.service starting /opt/kaspersky/kesl/libexec/kesl.
 * /lib is /usr/lib on merged-/usr systems: a directory is read once.
 *
 * A service whose programs are all missing from the root, and a unit link whose unit file is
 * gone, outlived the package that installed them (units an administrator or an installer put in
 * /etc stay on removal): svc.residue, a trace of removal, instead of svc.name. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define UNIT_MAX (1u << 20)

struct run {
	struct hset units, dirs;
};

static int unit_suffix(const char *name)
{
	static const char *const sfx[] = {".service", ".socket", ".timer", ".path", ".mount"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(sfx) / sizeof(*sfx); i++) {
		size_t k = strlen(sfx[i]);
		if (n > k && !strcmp(name + n - k, sfx[i]))
			return 1;
	}
	return 0;
}

/* Does the unit make itself depend on path (ConditionPathExists=, ConditionFileIsExecutable=,
 * AssertPathExists=..., systemd.unit(5))? Such a unit is meant to be skipped when the program is
 * not there (rc-local.service and /etc/rc.local): its absence is no trace of anything. */
static int conditioned(const char *b, size_t n, const char *path, size_t pn)
{
	struct lines l;
	const char *s;
	size_t k;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		if (!(k > 9 && !memcmp(s, "Condition", 9)) && !(k > 6 && !memcmp(s, "Assert", 6)))
			continue;
		const char *eq = memchr(s, '=', k);
		if (!eq)
			continue;
		k -= (size_t)(eq + 1 - s), s = eq + 1;
		while (k && strchr("|! \t", *s))
			s++, k--;
		while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
			k--;
		if (k == pn && !memcmp(s, path, pn))
			return 1;
	}
	return 0;
}

/* ExecStart=[-@:+!]PATH ARGS (systemd.service(5) "Command lines"): each path, checked inside
 * the root (pg), or emitted as file.path (pg NULL). */
static void exec_starts(struct inv *iv, const char *b, size_t n, const char *path, struct progs *pg)
{
	struct lines l;
	const char *s;
	size_t k;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		static const char key[] = "ExecStart=";
		if (k < sizeof(key) - 1 || memcmp(s, key, sizeof(key) - 1))
			continue;
		s += sizeof(key) - 1, k -= sizeof(key) - 1;
		while (k && strchr("-@:+! \t", *s))
			s++, k--;
		size_t w = 0;
		while (w < k && s[w] != ' ' && s[w] != '\t')
			w++;
		if (w && pg && conditioned(b, n, s, w))
			pg->unknown++;
		else if (w && pg)
			progs_check(iv, pg, s, w);
		else if (w && s[0] == '/')
			inv_obsn(iv, K_FILE_PATH, s, w, path);
	}
}

/* A unit that is a dangling link: its target (not /dev/null: a masked unit) into buf. */
static int dangling(struct inv *iv, const char *path, char *buf, size_t n)
{
	struct stat sb;
	if (inv_stat(iv, path, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR))
		return 0;
	return inv_readlink(iv, path, buf, n) > 0 && strcmp(buf, "/dev/null") != 0;
}

static void unit(struct inv *iv, const char *name, const char *path, void *ctx)
{
	struct run *r = ctx;
	char where[4200], target[1024];
	if (!unit_suffix(name) || !hset_add(&r->units, name, strlen(name)))
		return;
	if (dangling(iv, path, target, sizeof(target))) {
		snprintf(where, sizeof(where), "%s (link to %s, which is missing)", path, target);
		inv_obs(iv, K_SVC_RESIDUE, name, where);
		return;
	}
	size_t n = 0;
	char *b = NULL;
	if (strstr(name, ".service")) {
		b = inv_slurp(iv, path, UNIT_MAX, &n);
		/* A masked unit links to /dev/null (not a regular file). */
		if (!b && errno != EINVAL && errno != ENOENT && errno != ENOTDIR)
			inv_error(iv, path, 0, 0, "could not read: %s", strerror(errno));
	}
	struct progs pg;
	memset(&pg, 0, sizeof(pg));
	if (b)
		exec_starts(iv, b, n, path, &pg);
	if (progs_residue(&pg)) {
		snprintf(where, sizeof(where), "%s (program %s is missing)", path, pg.missing_path);
		inv_obs(iv, K_SVC_RESIDUE, name, where);
	} else {
		inv_obs(iv, K_SVC_NAME, name, path);
		if (b)
			exec_starts(iv, b, n, path, NULL);
	}
	free(b);
}

int inv_systemd(struct inv *iv);
int inv_systemd(struct inv *iv)
{
	static const char *const dirs[] = {"/etc/systemd/system", "/lib/systemd/system",
	                                   "/usr/lib/systemd/system",
	                                   "/usr/local/lib/systemd/system"};
	struct run r;
	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		int fd = inv_open(iv, dirs[i], O_DIRECTORY);
		struct stat sb;
		if (fd < 0)
			continue;
		int ok = fstat(fd, &sb) == 0;
		close(fd);
		uint64_t id[2] = {(uint64_t)sb.st_dev, (uint64_t)sb.st_ino};
		if (ok && !hset_add(&r.dirs, (const char *)id, sizeof(id)))
			continue; /* the same directory by another path */
		inv_each_entry(iv, dirs[i], 0, unit, &r);
	}
	hset_release(&r.units);
	hset_release(&r.dirs);
	return 0;
}
