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
