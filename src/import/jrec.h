/* JSON records for the importers: the elements of a top-level array (streamed: `osqueryi
 * --json`, Kismet's devices.json, ConvertTo-Json), or one object a line (JSON Lines: osqueryd's
 * result log, kismetdb_dump_devices), chosen by the first byte. The importer sees every JSON
 * event of a record, depths counted from the record (its own object is depth 0, its members 1),
 * paths from the record too. */
#ifndef BS_IMPORT_JREC_H
#define BS_IMPORT_JREC_H

#include "imp.h"

struct jrec_ops {
	void (*begin)(void *ctx);
	void (*ev)(void *ctx, enum jwhat what, const struct jev *e);
	/* The record is complete (it is counted by the reader). Returns NULL, or why it is
	 * malformed (then reported at the record's line and offset). */
	const char *(*end)(void *ctx);
};

/* Returns 0, or -1 after a syntax error in a top-level array (reported; the records before it
 * were read). A line of JSON Lines that does not parse is reported and skipped. */
int jrec_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st,
              const struct jrec_ops *ops, void *ctx);

/* For detect: the first non-blank byte after a BOM is '[' or '{', and head has needle. */
int jrec_has(const char *head, size_t n, const char *needle);

#endif
