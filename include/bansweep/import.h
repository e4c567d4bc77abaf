/* Importers (DESIGN.md "imports"): other tools' output -> observations. One file per foreign
 * format in src/import/, listed in src/import/importers.def. An importer reads its input to the
 * end in memory bounded by the largest record (never by the file), emits observations through a
 * sink and knows nothing of vendors: the rules attribute what it emits.
 *
 * Asset ids: the address the tool names the asset by (IP, else MAC, else host name), so that the
 * same device read from two tools groups the same way; the asset's mac/ip/hostname are emitted
 * as observations too. Values are given as the tool wrote them (the rules normalise). */
#ifndef BANSWEEP_IMPORT_H
#define BANSWEEP_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Where an importer's output goes. Strings are valid during the call only. */
struct imp_sink {
	/* One observation. key is one of keys.def (`bansweep keys`); value has vlen bytes; time is
	 * the record's time as the tool wrote it, or NULL. Returns 0, or -1 for an unknown key
	 * (an importer bug: the caller reports it). */
	int (*obs)(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
	           const char *time);
	/* The record just read is complete. For a format whose records each hold their asset
	 * whole (importer.whole_records), the assets named since the last call are complete. */
	void (*record_end)(void *ctx);
	/* A malformed record, skipped: line (1-based; 0 for a format without lines) and byte
	 * offset of its start in the input, and why. Reading goes on with the next record. */
	void (*bad)(void *ctx, unsigned long line, uint64_t offset, const char *msg);
	void *ctx;
	/* The input's name; the asset of records that name none (a software list): the file's
	 * name, or `import --asset`. */
	const char *name;
};

struct imp_stats {
	uint64_t records; /* records read, malformed ones included */
	uint64_t bad;     /* malformed records skipped */
	uint64_t obs;     /* observations emitted */
	uint64_t bytes;   /* input bytes read */
};

struct importer {
	const char *name;    /* for --format, e.g. "nmap-xml" */
	const char *summary; /* one line for --help and `import --list` */
	/* How sure is it that a file starting with these bytes (up to IMPORT_HEAD bytes, fewer when
	 * the file is shorter; not NUL-terminated) is in this format? 0 = not at all, 100 =
	 * certain. The highest score wins; 0 everywhere means --format is needed. */
	int (*detect)(const char *head, size_t n);
	/* Reads f to its end, emitting through sink and counting into st. Returns 0, or -1 when
	 * the input cannot be read any further (an I/O error, or a document-wide syntax error
	 * that leaves nothing to resynchronise on): reported through sink->bad first. */
	int (*read)(FILE *f, const struct imp_sink *sink, struct imp_stats *st);
	int whole_records; /* each record holds its asset whole (see record_end) */
	/* The input holds each asset it names whole, though in several records (a device's
	 * software list): what it no longer shows of one is gone. whole_records implies it. */
	int whole_assets;
	/* Each record is one line that depends on no other line (no header, no join): a file may
	 * be cut at line ends and its pieces read at once (import_read_par). */
	int line_records;
};

#define IMPORT_HEAD 65536

size_t import_count(void);
const struct importer *import_get(size_t i);
const struct importer *import_find(const char *name);
/* The importer whose detect scores head highest, or NULL when none scores above 0. */
const struct importer *import_detect(const char *head, size_t n);

/* A FILE that yields head's n bytes, then the rest of f: for input that cannot be rewound (a
 * pipe) once its first bytes were read to detect its format. a and head must outlive the FILE;
 * fclose it, then f. NULL when the FILE cannot be made. */
struct import_again {
	FILE *f;
	const char *head;
	size_t n, pos;
};
FILE *import_again_open(struct import_again *a, FILE *f, const char *head, size_t n);

/* Runs imp->read in a second thread and replays what it emits into sink in the caller's
 * thread, in order, through a small ring of batches: on two cores parsing and identifying
 * overlap, memory stays bounded. Falls back to a direct call when a thread cannot start. */
int import_read_mt(const struct importer *imp, FILE *f, const struct imp_sink *sink,
                   struct imp_stats *st);

/* For an importer with line_records reading a regular file at its start: the file is cut into
 * chunks at line ends and `workers` threads parse them at once, while the caller's thread
 * replays what they emit into sink in file order (line numbers and byte offsets as one reader
 * would give them). Otherwise, or when threads cannot start, import_read_mt. */
int import_read_par(const struct importer *imp, FILE *f, size_t workers,
                    const struct imp_sink *sink, struct imp_stats *st);

#endif
