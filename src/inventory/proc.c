/* Running processes (live): the executable of each /proc/PID (the exe link, proc(5)), and when
 * that cannot be read (another user's process, without root) the command's first word from
 * cmdline, which anyone may read. Each name once, with the first process that showed it. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void emit(struct inv *iv, struct hset *seen, const char *v, size_t n, const char *where)
{
	if (n && hset_add(seen, v, n))
		inv_obsn(iv, K_PROC_NAME, v, n, where);
}

static void process(struct inv *iv, const char *name, const char *dir, void *ctx)
{
	struct hset *seen = ctx;
	char path[4200], where[64], exe[4096];
	for (const char *p = name; *p; p++)
		if (!isdigit((unsigned char)*p))
			return;
	snprintf(where, sizeof(where), "pid %s", name);
	snprintf(path, sizeof(path), "%s/exe", dir);
	ssize_t n = inv_readlink(iv, path, exe, sizeof(exe));
	if (n > 0) {
		size_t k = (size_t)n;
		static const char del[] = " (deleted)"; /* replaced on disk since it started */
		if (k > sizeof(del) - 1 && !strcmp(exe + k - (sizeof(del) - 1), del))
			k -= sizeof(del) - 1;
		emit(iv, seen, exe, k, where);
		return;
	}
	/* ENOENT: a kernel thread, or the process is gone; nothing to say. */
	if (errno == ENOENT)
		return;
	inv_error(iv, path, 0, 0, "could not read: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/cmdline", dir);
	size_t len;
	char *cmd = inv_slurp(iv, path, 1 << 16, &len);
	if (!cmd)
		return;
	emit(iv, seen, cmd, strnlen(cmd, len), where); /* argv[0] ends at the first NUL */
	free(cmd);
}

int inv_proc(struct inv *iv);
int inv_proc(struct inv *iv)
{
	struct hset seen = {0};
	inv_each_entry(iv, "/proc", 0, process, &seen);
	hset_release(&seen);
	return 0;
}
