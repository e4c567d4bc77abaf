/* Snap packages: the names of the mounted snaps (/snap/NAME) and of the downloaded ones
 * (/var/lib/snapd/snaps/NAME_REVISION.snap), as pkg.name, each once. */
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void snap_file(struct inv *iv, const char *name, const char *path, void *ctx)
{
	const char *us = strrchr(name, '_');
	size_t n = strlen(name);
	if (!us || us == name || n < 5 || strcmp(name + n - 5, ".snap"))
		return;
	if (hset_add(ctx, name, (size_t)(us - name)))
		inv_obsn(iv, K_PKG_NAME, name, (size_t)(us - name), path);
}

static void snap_dir(struct inv *iv, const char *name, const char *path, void *ctx)
{
	/* /snap/bin holds the commands' links, README the directory's note. */
	if (!strcmp(name, "bin") || !strcmp(name, "README"))
		return;
	if (hset_add(ctx, name, strlen(name)))
		inv_obs(iv, K_PKG_NAME, name, path);
}

int inv_snap(struct inv *iv);
int inv_snap(struct inv *iv)
{
	struct hset seen = {0};
	inv_each_entry(iv, "/var/lib/snapd/snaps", 0, snap_file, &seen);
	inv_each_entry(iv, "/snap", 0, snap_dir, &seen);
	hset_release(&seen);
	return 0;
}
