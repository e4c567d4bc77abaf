/* Add-on software trees (FHS 3.0 §3.13, §3.7.4, §5.12): /opt/VENDOR/PRODUCT, /etc/opt and
 * /var/opt. Their first two levels name who installed what (/opt/kaspersky/kesl); deeper
 * levels are the product's own files, many and telling nothing more. */
#include <stdio.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void second(struct inv *iv, const char *name, const char *path, void *ctx)
{
	(void)name, (void)ctx;
	inv_obs(iv, K_FILE_PATH, path, path);
}

static void first(struct inv *iv, const char *name, const char *path, void *ctx)
{
	(void)name;
	inv_obs(iv, K_FILE_PATH, path, path);
	inv_each_entry(iv, path, 0, second, ctx);
}

int inv_opt(struct inv *iv);
int inv_opt(struct inv *iv)
{
	inv_each_entry(iv, "/opt", 0, first, NULL);
	inv_each_entry(iv, "/etc/opt", 0, first, NULL);
	inv_each_entry(iv, "/var/opt", 0, first, NULL);
	return 0;
}
