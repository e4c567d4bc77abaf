/* The hash list reader on arbitrary bytes: it must refuse with a line number or give rules text,
 * never read past the input. */
#include <stddef.h>
#include <stdint.h>

#include "bansweep/buf.h"
#include "bansweep/err.h"
#include "bansweep/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n)
{
	struct buf b;
	struct bs_err e;
	buf_init(&b, 1u << 24);
	(void)rules_hashlist_text(&b, "fuzz", 0, (const char *)p, n, &e);
	buf_release(&b);
	return 0;
}
