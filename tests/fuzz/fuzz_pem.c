/* Fuzzes the trust-store reader (src/inventory/trust.c): PEM blocks decoded with OpenSSL, the
 * subjects written as RFC 4514 text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "inventory/inv_parse.h"

static uint64_t lines;

static void subject(void *ctx, const char *s, size_t len, uint64_t line)
{
	(void)ctx;
	if (len == 0 || !s || line == 0 || line > lines)
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
	pem_subjects((const char *)data, size, subject, bad, NULL);
	ERR_clear_error();
	return 0;
}
