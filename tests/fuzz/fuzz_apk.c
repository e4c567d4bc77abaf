/* Fuzzes the apk installed-database parser (src/inventory/apk.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inventory/inv_parse.h"

static uint64_t lines;

static void rec(void *ctx, const struct apk_pkg *p)
{
	(void)ctx;
	if (!p->name[0] || p->line == 0 || p->line > lines)
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
	apk_parse((const char *)data, size, rec, bad, NULL);
	return 0;
}
