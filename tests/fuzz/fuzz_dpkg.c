/* Fuzzes the dpkg status parser (src/inventory/dpkg.c): every record it passes on has a name
 * and a state, and every complaint a line inside the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/inv_parse.h"

static uint64_t lines;

static void rec(void *ctx, const struct dpkg_pkg *p)
{
	(void)ctx;
	if (!p->name[0] || p->line == 0 || p->line > lines ||
	    dpkg_state(p->status) != (int)p->state)
		abort();
}

static void bad(void *ctx, uint64_t line, const char *msg)
{
	(void)ctx;
	if (line == 0 || line > lines || !msg[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	dpkg_parse((const char *)data, size, rec, bad, NULL);
	return 0;
}
