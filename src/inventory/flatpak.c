/* Flatpak applications: the application ids (reverse DNS: com.dji.assistant2) installed system
 * wide (/var/lib/flatpak/app) and per user (~/.local/share/flatpak/app of every home), as
 * pkg.name. */
#include <stdio.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void app(struct inv *iv, const char *name, const char *path, void *ctx)
{
	(void)ctx;
	inv_obs(iv, K_PKG_NAME, name, path);
}

static void home(struct inv *iv, const char *name, const char *path, void *ctx)
{
	char dir[4200];
	(void)name;
	snprintf(dir, sizeof(dir), "%s/.local/share/flatpak/app", path);
	inv_each_entry(iv, dir, 0, app, ctx);
}

int inv_flatpak(struct inv *iv);
int inv_flatpak(struct inv *iv)
{
	inv_each_entry(iv, "/var/lib/flatpak/app", 0, app, NULL);
	inv_each_entry(iv, "/home", 0, home, NULL);
	home(iv, "root", "/root", NULL);
	return 0;
}
