/* systemd units: the unit files' names (svc.name) in the system unit directories
 * (systemd.unit(5): /etc, /lib and /usr/lib), and the program each service starts (the first
 * word of ExecStart=, as file.path): kesl.service starting /opt/kaspersky/kesl/libexec/kesl.
 * /lib is /usr/lib on merged-/usr systems: a directory is read once. */
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

/* ExecStart=[-@:+!]PATH ARGS (systemd.service(5) "Command lines"): the path. */
static void exec_starts(struct inv *iv, const char *path)
{
	size_t n, k;
	const char *s;
	char *b = inv_slurp(iv, path, UNIT_MAX, &n);
	if (!b) {
		/* A masked unit links to /dev/null (not a regular file); a dangling link is a
		 * unit whose package is gone. */
		if (errno != EINVAL && errno != ENOENT && errno != ENOTDIR)
			inv_error(iv, path, 0, 0, "could not read: %s", strerror(errno));
		return;
	}
	struct lines l;
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
		if (w && s[0] == '/')
			inv_obsn(iv, K_FILE_PATH, s, w, path);
	}
	free(b);
}

static void unit(struct inv *iv, const char *name, const char *path, void *ctx)
{
	struct run *r = ctx;
	if (!unit_suffix(name) || !hset_add(&r->units, name, strlen(name)))
		return;
	inv_obs(iv, K_SVC_NAME, name, path);
	if (strstr(name, ".service"))
		exec_starts(iv, path);
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
