/* The Linux inventory sources' parsers, kept apart from the file reading so that the unit tests
 * and fuzz targets can give them bytes: each takes a buffer (not NUL-terminated, any bytes) and
 * calls back with what it found, and with (line, message) for what is malformed. Nothing here
 * allocates what the caller must free, prints or exits. */
#ifndef BS_INV_PARSE_H
#define BS_INV_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* Reports a malformed line (1-based) of the buffer. */
typedef void (*parse_bad_fn)(void *ctx, uint64_t line, const char *msg);

/* ---- line splitting (inv_util.c) ---- */

/* Lines of a buffer: LF or CRLF ends, the last line may lack one. */
struct lines {
	const char *p, *end;
	uint64_t no; /* number of the line last returned */
};
void lines_init(struct lines *l, const char *buf, size_t n);
/* The next line, without its end; 0 at the end of the buffer. */
int lines_next(struct lines *l, const char **s, size_t *n);

/* A set of strings seen (by 64-bit hash: a collision only hides a duplicate observation). */
struct hset {
	uint64_t *v;
	size_t n, mask;
};
/* Returns 1 when s was not in the set (and adds it), 0 when it was. */
int hset_add(struct hset *h, const char *s, size_t n);
void hset_release(struct hset *h);

/* ---- dpkg status (dpkg.c): deb-control(5) paragraphs, one per package ---- */

enum dpkg_state {
	DPKG_INSTALLED, /* installed, or its files are on disk (unpacked, half-configured...) */
	DPKG_RESIDUE,   /* removed, configuration files remain (config-files) */
	DPKG_ABSENT,    /* not-installed (purged, or only known to dpkg) */
};

struct dpkg_pkg {
	char name[256], version[128], maintainer[512], status[128];
	enum dpkg_state state;
	uint64_t line; /* first line of the record */
};

/* Calls rec for every record with a Package and a valid Status; bad for every malformed line
 * and every record that lacks one of them (at the record's first line). */
void dpkg_parse(const char *buf, size_t n, void (*rec)(void *ctx, const struct dpkg_pkg *p),
                parse_bad_fn bad, void *ctx);
/* The state of a Status value ("install ok installed"); -1 when it is not one. */
int dpkg_state(const char *status);

/* ---- apk installed database (apk.c): paragraphs of "K:value" lines ---- */

struct apk_pkg {
	char name[256], version[128], maintainer[512], origin[256];
	uint64_t line;
};
void apk_parse(const char *buf, size_t n, void (*rec)(void *ctx, const struct apk_pkg *p),
               parse_bad_fn bad, void *ctx);

/* ---- usb.ids / pci.ids (ids.c) ---- */

/* Looks vendor (and device, unless it is < 0) up in the text of an ids file: the names into
 * vname and dname (empty when not found). Returns a mask: 1 vendor found, 2 device found. */
int ids_lookup(const char *buf, size_t n, unsigned vendor, int device, char *vname, size_t vn,
               char *dname, size_t dn);

/* The text of ids file `file` ("usb.ids") from dir, or when dir is NULL from the system's
 * usual places; NULL when there is none. The caller frees it. */
char *ids_read(const char *dir, const char *file, size_t *n);

/* ---- PEM certificate bundles (trust.c) ---- */

/* Calls fn with the subject (RFC 4514 text, non-ASCII as UTF-8) of every certificate of a PEM
 * bundle, and bad for every block that does not decode (at its BEGIN line). Returns the
 * number of certificates. */
size_t pem_subjects(const char *buf, size_t n,
                    void (*fn)(void *ctx, const char *subject, size_t len, uint64_t line),
                    parse_bad_fn bad, void *ctx);

/* ---- helpers for the sources (inv_util.c) ---- */

struct inv;
/* inv_slurp, reporting every failure but absence (ENOENT, ENOTDIR) through inv_error. */
char *inv_slurp_opt(struct inv *iv, const char *path, size_t max, size_t *len);
/* Calls fn for every entry of directory dir inside the root (not "." and "..", nor names
 * starting with '.' unless dots), reporting every failure but absence; path: "dir/name".
 * Returns the number of entries, or -1 when dir could not be opened. */
int inv_each_entry(struct inv *iv, const char *dir, int dots,
                   void (*fn)(struct inv *iv, const char *name, const char *path, void *ctx),
                   void *ctx);

/* The programs a service starts (ExecStart=, an init script's DAEMON=), checked inside the
 * root. A service none of whose programs is there is a trace of an uninstalled product (its
 * unit or init script outlived the package: /etc files are kept on removal), reported as
 * svc.residue rather than svc.name. */
struct progs {
	int present, missing, unknown;
	char missing_path[512]; /* the first missing program, for the evidence */
};
/* Counts the program path (n bytes): present, missing (nothing at that path inside the root),
 * or unknown (not an absolute path, holds a variable or specifier, or cannot be looked at). */
void progs_check(struct inv *iv, struct progs *p, const char *path, size_t n);
/* Every program named is missing (and there was at least one). */
int progs_residue(const struct progs *p);

#endif
