/* PCI devices (live): /sys/bus/pci/devices/ADDR/vendor and device (sysfs-bus-pci ABI), named
 * from pci.ids. Huawei/HiSilicon 19e5 is a chip more often than a Huawei product: the rules say
 * so (review); the source only reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define DEVICES "/sys/bus/pci/devices"

int inv_sysfs_hex4(struct inv *iv, const char *path, char out[5]);

struct run {
	char *ids;
	size_t nids;
};

static void device(struct inv *iv, const char *name, const char *dev, void *ctx)
{
	struct run *r = ctx;
	char path[4200], vid[5], did[5];
	(void)name;
	snprintf(path, sizeof(path), "%s/vendor", dev);
	if (inv_sysfs_hex4(iv, path, vid) < 0)
		return;
	snprintf(path, sizeof(path), "%s/device", dev);
	if (inv_sysfs_hex4(iv, path, did) < 0)
		did[0] = 0;
	char vname[128] = "", dname[160] = "", where[4600];
	if (r->ids)
		ids_lookup(r->ids, r->nids, (unsigned)strtoul(vid, NULL, 16),
		           did[0] ? (int)strtoul(did, NULL, 16) : -1, vname, sizeof(vname), dname,
		           sizeof(dname));
	snprintf(where, sizeof(where), "%s (%s%s%s%s%s)", dev, vid, did[0] ? ":" : "", did,
	         vname[0] ? " " : "", vname);
	if (dname[0]) {
		size_t k = strlen(where) - 1;
		snprintf(where + k, sizeof(where) - k, " %s)", dname);
	}
	inv_obs(iv, K_PCI_VENDOR, vid, where);
}

int inv_pci(struct inv *iv);
int inv_pci(struct inv *iv)
{
	struct run r = {0};
	r.ids = ids_read(inv_opts(iv)->ids_dir, "pci.ids", &r.nids);
	inv_each_entry(iv, DEVICES, 0, device, &r);
	free(r.ids);
	return 0;
}
