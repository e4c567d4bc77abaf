/* SysV init scripts: the names in /etc/init.d (svc.name), for services installed without a
 * systemd unit and for systems without systemd. */
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void script(struct inv *iv, const char *name, const char *path, void *ctx)
{
	(void)ctx;
	/* Debian's template and notes, and package managers' leftovers, are no services. */
	static const char *const skip[] = {"README", "skeleton", "functions", "rc", "rcS"};
	for (size_t i = 0; i < sizeof(skip) / sizeof(*skip); i++)
		if (!strcmp(name, skip[i]))
			return;
	size_t n = strlen(name);
	if (strchr(name, '~') || (n > 8 && !strcmp(name + n - 8, ".dpkg-old")) ||
	    (n > 9 && !strcmp(name + n - 9, ".dpkg-dist")))
		return;
	inv_obs(iv, K_SVC_NAME, name, path);
}

int inv_sysv(struct inv *iv);
int inv_sysv(struct inv *iv)
{
	inv_each_entry(iv, "/etc/init.d", 0, script, NULL);
	return 0;
}
