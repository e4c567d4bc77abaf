/* Fuzzes the Authenticode walker (src/inventory/pe_sig.c): the input is the start of a PE file;
 * when its headers name a certificate table inside the input, that table is walked too, and
 * the whole input is also walked as a certificate table (WIN_CERTIFICATE entries, PKCS#7). */
#include <stdint.h>
#include <string.h>

#include "inventory/img.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t off = 0, len = 0;
	uint64_t bad = 0;
	char org[256];
	if (pe_cert_table(data, size, &off, &len, &bad) == PE_OK && off <= size &&
	    len <= size - off)
		pe_cert_signer(data + off, len, org, sizeof(org), &bad);
	if (pe_cert_signer(data, size, org, sizeof(org), &bad) == PE_OK &&
	    strlen(org) >= sizeof(org))
		__builtin_trap();
	return 0;
}
