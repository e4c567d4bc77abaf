/* USB devices plugged in (live): /sys/bus/usb/devices/DEV/idVendor and idProduct (sysfs-bus-usb
 * ABI), named from usb.ids; a Huawei or ZTE modem, a DJI controller, a Hytera radio. Interfaces
 * (DEV:1.0) have no ids of their own and are skipped. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define DEVICES "/sys/bus/usb/devices"

struct run {
	char *ids;
	size_t nids;
};

/* A sysfs attribute holding 4 hex digits ("12d1\n" or "0x19e5\n"), lower-cased into out. */
int inv_sysfs_hex4(struct inv *iv, const char *path, char out[5]);
int inv_sysfs_hex4(struct inv *iv, const char *path, char out[5])
{
	size_t n;
	char *b = inv_slurp_opt(iv, path, 64, &n);
	if (!b)
		return -1;
	const char *p = b;
	if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)p[i])) {
			ok = 0;
			break;
		}
		out[i] = (char)tolower((unsigned char)p[i]);
	}
	out[4] = 0;
	if (ok && p[4] && p[4] != '\n')
		ok = 0;
	if (!ok)
		inv_malformed(iv, path, 0, 0, "not a 4-digit hexadecimal id");
	free(b);
	return ok ? 0 : -1;
}

/* The device's own product string (iProduct), printable bytes only. */
static void product_string(struct inv *iv, const char *dev, char *out, size_t cap)
{
	char path[4200];
	size_t n, k = 0;
	out[0] = 0;
	snprintf(path, sizeof(path), "%s/product", dev);
	char *b = inv_slurp_opt(iv, path, 256, &n);
	if (!b)
		return;
	for (size_t i = 0; i < n && k + 1 < cap; i++)
		if ((unsigned char)b[i] >= 0x20 && b[i] != 0x7f)
			out[k++] = b[i];
	out[k] = 0;
	free(b);
}

static void device(struct inv *iv, const char *name, const char *dev, void *ctx)
{
	struct run *r = ctx;
	char path[4200], vid[5], pid[5];
	if (strchr(name, ':')) /* an interface */
		return;
	snprintf(path, sizeof(path), "%s/idVendor", dev);
	if (inv_sysfs_hex4(iv, path, vid) < 0)
		return;
	snprintf(path, sizeof(path), "%s/idProduct", dev);
	if (inv_sysfs_hex4(iv, path, pid) < 0)
		pid[0] = 0;
	char vname[128] = "", dname[128] = "", where[4600], pair[10];
	if (r->ids)
		ids_lookup(r->ids, r->nids, (unsigned)strtoul(vid, NULL, 16),
		           pid[0] ? (int)strtoul(pid, NULL, 16) : -1, vname, sizeof(vname), dname,
		           sizeof(dname));
	if (vname[0])
		snprintf(where, sizeof(where), "%s (%s%s%s)", dev, vname, dname[0] ? " " : "",
		         dname);
	else
		snprintf(where, sizeof(where), "%s", dev);
	inv_obs(iv, K_USB_VENDOR, vid, where);
	if (pid[0]) {
		snprintf(pair, sizeof(pair), "%s:%s", vid, pid);
		inv_obs(iv, K_USB_PRODUCT, pair, where);
	}
	char prod[128];
	product_string(iv, dev, prod, sizeof(prod));
	if (prod[0])
		inv_obs(iv, K_USB_PRODUCT, prod, where);
}

int inv_usb(struct inv *iv);
int inv_usb(struct inv *iv)
{
	struct run r = {0};
	r.ids = ids_read(inv_opts(iv)->ids_dir, "usb.ids", &r.nids);
	inv_each_entry(iv, DEVICES, 0, device, &r);
	free(r.ids);
	return 0;
}
