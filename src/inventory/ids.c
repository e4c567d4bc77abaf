/* usb.ids and pci.ids (Debian's usb.ids and pci.ids packages, or hwdata): vendor and device
 * names for the ids sysfs gives, so that the evidence says "Huawei Technologies Co., Ltd.
 * Modem/Networkcard" beside 12d1:1506. The ids are the machine's reference data, like the MAC
 * registry, not the inventoried root's: they are read from this machine's paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/err.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

static int hex4(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	if (n < 4)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		int d = bs_hexdigit((unsigned char)s[i]);
		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

/* "XXXX  Name": the name after the id and its blanks, printable bytes only. */
static void name_of(const char *s, size_t n, char *dst, size_t cap)
{
	size_t i = 4, k = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < n && k + 1 < cap; i++)
		if ((unsigned char)s[i] >= 0x20 && s[i] != 0x7f)
			dst[k++] = s[i];
	dst[k] = 0;
}

int ids_lookup(const char *buf, size_t n, unsigned vendor, int device, char *vname, size_t vn,
               char *dname, size_t dn)
{
	struct lines l;
	const char *s;
	size_t k;
	int found = 0, in_vendor = 0;
	if (vn)
		vname[0] = 0;
	if (dn)
		dname[0] = 0;
	lines_init(&l, buf, n);
	while (lines_next(&l, &s, &k)) {
		unsigned id;
		if (k == 0 || s[0] == '#')
			continue;
		if (s[0] != '\t') {
			/* A top-level line that is no vendor starts the class lists: the end. */
			if (hex4(s, k, &id) < 0 || (k > 4 && s[4] != ' ' && s[4] != '\t'))
				break;
			if (in_vendor)
				break; /* the vendor's block is over */
			if (id == vendor) {
				in_vendor = 1;
				found |= 1;
				if (vn)
					name_of(s, k, vname, vn);
				if (device < 0)
					break;
			}
			continue;
		}
		/* "\tDDDD  Name" a device of the vendor; "\t\t" lines are interfaces. */
		if (!in_vendor || (k > 1 && s[1] == '\t'))
			continue;
		if (hex4(s + 1, k - 1, &id) == 0 && id == (unsigned)device) {
			found |= 2;
			if (dn)
				name_of(s + 1, k - 1, dname, dn);
			break;
		}
	}
	return found;
}

char *ids_read(const char *dir, const char *file, size_t *n)
{
	/* hwdata first (newest on distributions that ship it), then Debian's usb.ids/pci.ids. */
	static const char *const dirs[] = {"/usr/share/hwdata", "/usr/share/misc",
	                                   "/var/lib/usbutils", "/var/lib/pciutils"};
	char path[4096];
	struct bs_err e;
	char *buf = NULL;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir ? dir : dirs[i], file);
		if (bs_read_file(path, 64u << 20, &buf, n, &e) == 0)
			return buf;
		if (dir)
			break;
	}
	return NULL;
}
