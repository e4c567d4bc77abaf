/* Helpers of the image sources (Windows, macOS, Android: src/inventory/win_*.c, macos.c,
 * android.c) and their parsers, which the fuzz targets call without an inventory run. */
#ifndef BS_INV_IMG_H
#define BS_INV_IMG_H

#include <stddef.h>
#include <stdint.h>

#include "inventory/inv_int.h"

/* Paths inside a root are at most this long; longer ones are skipped. */
#define IMG_PATH_MAX 1024

/* Finds path (absolute inside the root) matching each component case-insensitively, as Windows
 * images spell "Windows/System32/config/SOFTWARE" in any case. Writes the path as it is on disk
 * to out (starting with '/'). Returns 0, or -1 with errno (ENOENT when nothing matches). */
int img_find_ci(struct inv *iv, const char *path, char *out, size_t outsz);

/* The entry of dir (inside the root) whose name equals want (wn bytes) case-insensitively, an
 * exact match first, into out. Returns 0, or -1 with errno (ENOENT when there is none). */
int img_find_entry(struct inv *iv, const char *dir, const char *want, size_t wn, char *out,
                   size_t outsz);

/* An entry of a directory listing: name, and the entry's own type (lstat, S_IFDIR, S_IFREG,
 * S_IFLNK...: a symbolic link is not followed, so that walks cannot loop). */
typedef void (*img_entry_fn)(struct inv *iv, const char *dir, const char *name, unsigned type,
                             void *ctx);
/* Calls fn for each entry of dir (inside the root) in byte order of the names, so that output
 * is the same on every run; at most max entries. Returns the count, or -1 with errno when dir
 * cannot be opened. */
long img_list_dir(struct inv *iv, const char *dir, size_t max, img_entry_fn fn, void *ctx);

/* Joins dir and name with one '/' into out; returns 0, or -1 when it does not fit. */
int img_join(char *out, size_t outsz, const char *dir, const char *name);

/* ---- parsers (bytes in, callbacks out; no inventory state) ---- */

/* `pm list packages [-f] [-U]` output: "package:[PATH=]NAME[ uid:N]" lines. name (n bytes) for
 * each package; bad for each line that is not such a line (line 1-based, why without newline).
 * Blank lines are skipped. Returns the number of packages. */
size_t pm_list_parse(const char *buf, size_t len,
                     void (*name)(void *ctx, const char *s, size_t n, size_t line),
                     void (*bad)(void *ctx, size_t line, const char *why), void *ctx);

/* The file a service's ImagePath executable (s, n bytes, as image_exe of win_services.c cuts
 * it) names, as a path inside the root taken as the system volume C: ("/Windows/System32/
 * drivers/klif.sys"), into out. Returns 0, or -1 when it cannot be told (another drive, an
 * unknown %VARIABLE%, "." or ".." components, too long). */
int win_image_path(const char *s, size_t n, char *out, size_t outsz);

/* Authenticode (PE/COFF specification, section 4.7 "The Attribute Certificate Table"; Microsoft,
 * "Windows Authenticode Portable Executable Signature Format"). */
enum pe_status {
	PE_OK = 0,
	PE_NOT_PE,    /* no MZ/PE signature: not a PE file (not an error for the walk) */
	PE_UNSIGNED,  /* a PE without a certificate table */
	PE_BAD,       /* malformed headers or certificate table */
	PE_TOO_LARGE, /* certificate table beyond the cap */
};
/* Reads the headers at the start of a file (hdr, n bytes: enough for the DOS, COFF and optional
 * headers, e.g. 4 KiB) and gives the certificate table's file offset and size. On PE_BAD,
 * *bad_off is the file offset of the faulty field. */
enum pe_status pe_cert_table(const uint8_t *hdr, size_t n, uint32_t *off, uint32_t *size,
                             uint64_t *bad_off);
#define PE_CERT_TABLE_MAX (1u << 20)
/* Walks the WIN_CERTIFICATE entries of a certificate table (p, n bytes) and writes the subject
 * organisation (O=, else CN=) of the first PKCS#7 signer certificate to org as UTF-8. On PE_BAD,
 * *bad_off is the offset inside the table of the entry that could not be read. */
enum pe_status pe_cert_signer(const uint8_t *p, size_t n, char *org, size_t orgsz,
                              uint64_t *bad_off);

#endif
