/* Fuzzes the `pm list packages` parser (src/inventory/pm_list.c): every name it gives must be
 * inside the input and a valid package name's length. */
#include <stdint.h>
#include <string.h>

#include "inventory/img.h"

struct span {
	const char *lo, *hi;
};

static void on_name(void *ctx, const char *s, size_t n, size_t line)
{
	const struct span *sp = ctx;
	(void)line;
	if (s < sp->lo || s + n > sp->hi || n == 0 || n > 255)
		__builtin_trap();
}

static void on_bad(void *ctx, size_t line, const char *why)
{
	(void)ctx;
	if (line == 0 || !why)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct span sp = {(const char *)data, (const char *)data + size};
	pm_list_parse((const char *)data, size, on_name, on_bad, &sp);
	return 0;
}
