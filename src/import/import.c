/* The importer table and format detection. */
#include <string.h>

#include "imp.h"
#include "util/banned.h"

#define IMPORTER(sym) extern const struct importer sym;
#include "importers.def"
#undef IMPORTER

static const struct importer *const table[] = {
#define IMPORTER(sym) &sym,
#include "importers.def"
#undef IMPORTER
    NULL};

size_t import_count(void)
{
	return sizeof(table) / sizeof(*table) - 1;
}

const struct importer *import_get(size_t i)
{
	return i < import_count() ? table[i] : NULL;
}

const struct importer *import_find(const char *name)
{
	for (size_t i = 0; i < import_count(); i++)
		if (!strcmp(table[i]->name, name))
			return table[i];
	return NULL;
}

const struct importer *import_detect(const char *head, size_t n)
{
	const struct importer *best = NULL;
	int score = 0;
	for (size_t i = 0; i < import_count(); i++) {
		int s = table[i]->detect(head, n);
		if (s > score) {
			score = s;
			best = table[i];
		}
	}
	return best;
}

static ssize_t again_read(void *cookie, char *buf, size_t size)
{
	struct import_again *a = cookie;
	if (a->pos < a->n) {
		size_t k = a->n - a->pos < size ? a->n - a->pos : size;
		memcpy(buf, a->head + a->pos, k);
		a->pos += k;
		return (ssize_t)k;
	}
	size_t got = fread(buf, 1, size, a->f);
	return got == 0 && ferror(a->f) ? -1 : (ssize_t)got;
}

FILE *import_again_open(struct import_again *a, FILE *f, const char *head, size_t n)
{
	*a = (struct import_again){f, head, n, 0};
	cookie_io_functions_t io = {again_read, NULL, NULL, NULL};
	return fopencookie(a, "rb", io);
}
