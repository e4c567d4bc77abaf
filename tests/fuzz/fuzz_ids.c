/* Fuzzes the usb.ids/pci.ids look-up (src/inventory/ids.c): the names it returns are
 * NUL-terminated, printable, within their buffers, and only said found when found. The first
 * four bytes pick the vendor and device looked up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/inv_parse.h"

static void check(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);
	if (n == cap)
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	unsigned vendor = (unsigned)data[0] << 8 | data[1];
	int device = data[2] == 0xff ? -1 : (int)((unsigned)data[2] << 8 | data[3]);
	char v[64], d[8];
	int m = ids_lookup((const char *)data + 4, size - 4, vendor, device, v, sizeof(v), d,
	                   sizeof(d));
	check(v, sizeof(v));
	check(d, sizeof(d));
	if (((m & 1) == 0 && v[0]) || ((m & 2) == 0 && d[0]) || ((m & 2) && !(m & 1)))
		abort();
	return 0;
}
