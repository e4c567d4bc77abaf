/* Shared body of the importer fuzz targets: the input is read through the importer from an
 * in-memory FILE, and everything it emits is checked: known keys, a non-empty asset, a value
 * of the length given, malformed records with an offset inside the input and a message. A file
 * fuzz_import_FMT.c is two lines: include this, FUZZ_IMPORTER(symbol). */
#ifndef BS_FUZZ_IMPORT_H
#define BS_FUZZ_IMPORT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bansweep/import.h"
#include "bansweep/keys.h"

struct fuzz_import_ctx {
	size_t size;
	int open_record;
};

static int fuzz_import_obs(void *ctx, const char *asset, const char *key, const char *value,
                           size_t vlen, const char *time)
{
	(void)ctx, (void)time;
	if (!asset || !*asset || key_find(key) < 0 || (vlen && !value))
		__builtin_trap();
	volatile char c = vlen ? value[vlen - 1] : 0; /* the whole value is readable */
	(void)c;
	return 0;
}

static void fuzz_import_end(void *ctx)
{
	(void)ctx;
}

static void fuzz_import_bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	const struct fuzz_import_ctx *c = ctx;
	(void)line;
	if (!msg || !*msg || off > c->size)
		__builtin_trap();
}

static inline int fuzz_import_run(const struct importer *imp, const uint8_t *data, size_t size)
{
	struct fuzz_import_ctx c = {size, 0};
	(void)imp->detect((const char *)data, size < IMPORT_HEAD ? size : IMPORT_HEAD);
	if (!size) /* fmemopen refuses a zero-length buffer */
		return 0;
	FILE *f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	struct imp_sink s = {fuzz_import_obs, fuzz_import_end, fuzz_import_bad, &c, "fuzz"};
	struct imp_stats st = {0};
	imp->read(f, &s, &st);
	fclose(f);
	if (st.bytes > size)
		__builtin_trap();
	return 0;
}

#define FUZZ_IMPORTER(sym)                                                                         \
	extern const struct importer sym;                                                          \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                              \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                               \
	{                                                                                          \
		return fuzz_import_run(&sym, data, size);                                          \
	}

#endif
