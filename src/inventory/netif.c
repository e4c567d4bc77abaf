/* Network interfaces (live): /sys/class/net/IF/address, as mac observations, so that the MAC
 * registry names the network chips' makers (a Huawei laptop, a ZTE USB modem's interface).
 * Loopback (type 772, ARPHRD_LOOPBACK) and all-zero addresses (tunnels) say nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static void iface(struct inv *iv, const char *name, const char *dir, void *ctx)
{
	char path[4200], where[4300];
	size_t n;
	(void)ctx;
	snprintf(path, sizeof(path), "%s/type", dir);
	char *t = inv_slurp_opt(iv, path, 64, &n);
	int loopback = t && !strcmp(t, "772\n");
	free(t);
	if (loopback)
		return;
	snprintf(path, sizeof(path), "%s/address", dir);
	char *a = inv_slurp_opt(iv, path, 256, &n);
	if (!a)
		return;
	while (n && (a[n - 1] == '\n' || a[n - 1] == ' '))
		a[--n] = 0;
	/* Ethernet-like addresses only: 6 bytes as "xx:xx:xx:xx:xx:xx". */
	if (n == 17 && strcmp(a, "00:00:00:00:00:00")) {
		snprintf(where, sizeof(where), "%s (interface %s)", path, name);
		inv_obs(iv, K_MAC, a, where);
	}
	free(a);
}

int inv_netif(struct inv *iv);
int inv_netif(struct inv *iv)
{
	inv_each_entry(iv, "/sys/class/net", 0, iface, NULL);
	return 0;
}
