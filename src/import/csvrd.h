/* CSV for the importers (asset lists, Windows software lists), on libcsv: rows streamed one at a
 * time with their line number and byte offset, the delimiter (, ; or tab) taken from the header
 * line, a UTF-8 BOM skipped and UTF-16LE with a BOM (what Windows tools write: wmic, Out-File)
 * converted to UTF-8. Memory is bounded by the longest row. */
#ifndef BS_IMPORT_CSVRD_H
#define BS_IMPORT_CSVRD_H

#include "imp.h"

/* One row: n fields, f[i] of len[i] bytes (NUL-terminated), valid during the call. */
struct csv_row {
	size_t n;
	char **f;
	const size_t *len;
	unsigned long line; /* line of the row's first byte (1-based) */
	uint64_t off;       /* its byte offset in the input */
};

struct csvrd_ops {
	/* The header row. Returns 0 to go on, or -1 when the input is not of this format: the
	 * read then ends with -1 after a malformed-record report with why (set by the callback). */
	int (*header)(void *ctx, const struct csv_row *r, const char **why);
	/* Each later row with as many fields as the header (the others are reported malformed).
	 * It is counted in st->records by the reader. */
	void (*row)(void *ctx, const struct csv_row *r);
	/* Lines starting with this before the header are skipped (PowerShell's "#TYPE ..."). */
	const char *preamble;
};

int csvrd_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st,
               const struct csvrd_ops *ops, void *ctx);

/* For detect: the header line of head (after a BOM, blank lines and preamble lines; UTF-16LE
 * decoded), its names normalised (ASCII letters and digits only, lower case), at most max of
 * them into names[i] (64 bytes each). Returns the number of names, 0 when there is no line. */
#define CSV_NAME 64
size_t csvrd_head_names(const char *head, size_t n, const char *preamble, char (*names)[CSV_NAME],
                        size_t max);
/* A header name normalised as above into out (CSV_NAME bytes). */
void csvrd_norm(const char *s, size_t n, char *out);

#endif
