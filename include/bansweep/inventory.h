/* Host inventory (`bansweep host`): what is installed on a machine or in a mounted image of one
 * (Linux, Windows, macOS, Android), read without booting it, as observations.
 *
 * A source (src/inventory/, one file each, one line in src/inventory/sources.def) reads one kind
 * of record: the dpkg status file, a registry hive, the Info.plist files of application bundles...
 * and emits observations (key, value, where) about the one asset being inventoried. Sources know
 * nothing of vendors: the rules do (DESIGN.md data flow).
 *
 * Every path a source opens is resolved inside the root (inv_open and friends, src/inventory/
 * root.c): an image's absolute symbolic links point into the image, never into the machine
 * running the inventory, and ".." cannot climb out of it.
 *
 * A file that cannot be read or parsed is reported through inv_error (naming the file, and the
 * line or byte offset when there is one) and the inventory goes on with the next record or file.
 * Nothing here exits or prints. */
#ifndef BANSWEEP_INVENTORY_H
#define BANSWEEP_INVENTORY_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "bansweep/keys.h"

/* Which kind of system a root holds; sources say which kinds they read. */
enum inv_os { INV_LINUX = 1, INV_WINDOWS = 2, INV_MACOS = 4, INV_ANDROID = 8, INV_ANY = 15 };

struct inv;

struct inv_sink {
	/* An observation about the inventoried asset. v need not be NUL-terminated (n bytes); it
	 * is copied. where: the file (path inside the root, starting with '/'), process ("pid 42")
	 * or record that gave it, for the evidence. */
	void (*obs)(void *ctx, enum key_id key, const char *v, size_t n, const char *where);
	/* Something could not be read: the source's name, the path inside the root (or NULL),
	 * line (1-based) or byte offset (pos_is_offset) or 0 when neither applies, and a message
	 * without a newline. */
	void (*error)(void *ctx, const char *source, const char *path, uint64_t pos,
	              int pos_is_offset, const char *msg);
	void *ctx;
	/* Content that could not be parsed (inv_malformed), same arguments; NULL: error is
	 * called for it too. */
	void (*malformed)(void *ctx, const char *source, const char *path, uint64_t pos,
	                  int pos_is_offset, const char *msg);
};

struct inv_stats {
	uint64_t files;     /* files and directories examined */
	uint64_t bytes;     /* bytes read */
	uint64_t obs;       /* observations emitted */
	uint64_t errors;    /* inv_error and inv_malformed calls */
	uint64_t malformed; /* of which inv_malformed: content that could not be parsed */
};

struct inv_options {
	const char *root; /* "/" for this machine (live: /proc and /sys are this machine's) */
	int live;         /* read running processes, loaded modules, sysfs devices: /proc and
	                   * /sys inside the root (the machine's own when root is "/") */
	unsigned os_mask; /* 0: detected from the root's layout (inv_detect_os) */
	const char *only; /* comma-separated source names, or NULL for every source that applies */
	/* Called now and then (about every 4096 files) for a progress line; may be NULL. */
	void (*progress)(void *ctx, const struct inv_stats *st, const char *source);
	void *progress_ctx;
	/* A file of `adb shell pm list packages -f` output outside the root, read by the
	 * android-pm-list source (and counts as an Android root); NULL: none. */
	const char *pm_list;
	/* Directory of usb.ids and pci.ids for device names (this machine's data, not the
	 * root's); NULL: the system's (/usr/share/hwdata, /usr/share/misc). */
	const char *ids_dir;
	/* The "files" source: walk: every name under the root (file.path); hash: also the
	 * SHA-256 of every regular file (file.sha256), on `threads` threads (0: one per core). */
	int walk, hash;
	unsigned threads;
};

/* One source, as listed in src/inventory/sources.def. */
struct inv_source {
	const char *name; /* "dpkg", "rpm", "hive-software", ... */
	unsigned os;      /* mask of enum inv_os it reads */
	int live_only;    /* needs the running system (/proc of this machine) */
	int (*run)(struct inv *iv);
	const char *desc;
};

/* The table: name NULL ends it. */
extern const struct inv_source inv_sources[];

/* Runs every applicable source over the root. Returns 0, or -1 when the root itself cannot be
 * opened (errno set); sources' failures are reported through sink->error and counted in st. */
int inv_run(const struct inv_options *opt, const struct inv_sink *sink, struct inv_stats *st);

/* What the root looks like: a mask of enum inv_os (0 when nothing is recognised). */
unsigned inv_detect_os(int rootfd);

/* ---- for sources ---- */

/* The root's directory descriptor, the options, the source running now. */
int inv_rootfd(const struct inv *iv);
const struct inv_options *inv_opts(const struct inv *iv);

/* Emits an observation (value NUL-terminated, or with inv_obsn n bytes). */
void inv_obs(struct inv *iv, enum key_id key, const char *v, const char *where);
void inv_obsn(struct inv *iv, enum key_id key, const char *v, size_t n, const char *where);
/* Reports a problem with path (pos: line, or byte offset when pos_is_offset; 0: none). */
void inv_error(struct inv *iv, const char *path, uint64_t pos, int pos_is_offset, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));
/* Reports content of path that is malformed (a corrupt database, a garbled record) at pos, as
 * inv_error does, and counts it apart (st->malformed): a command reports unreadable files
 * (permissions, a missing database) as what it could not see, malformed ones as bad input. */
void inv_malformed(struct inv *iv, const char *path, uint64_t pos, int pos_is_offset,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Counts a file examined (and calls the progress callback now and then). */
void inv_count(struct inv *iv, uint64_t bytes);

/* Opens path (absolute inside the root, or relative to it) for reading, resolving every
 * component, symbolic links included, inside the root. flags: extra O_* flags (O_DIRECTORY,
 * O_NOFOLLOW...). Returns a descriptor or -1 with errno. */
int inv_open(struct inv *iv, const char *path, int flags);
/* The status of path (resolved as inv_open does, the last link followed) without opening it
 * for reading; 0, or -1 with errno (ENOENT, ENOTDIR: nothing there). */
int inv_stat(struct inv *iv, const char *path, struct stat *sb);
/* The same as a stdio stream ("re"), or NULL with errno. */
FILE *inv_fopen(struct inv *iv, const char *path);
/* Reads a whole file of at most max bytes into a new NUL-terminated buffer (*len without the
 * NUL); NULL with errno (EFBIG when larger than max). The caller frees it. */
char *inv_slurp(struct inv *iv, const char *path, size_t max, size_t *len);
/* Opens directory path inside the root for readdir (NULL with errno); closedir frees it. */
DIR *inv_opendir(struct inv *iv, const char *path);
/* The target of the symbolic link path (the last component is not followed; the others are
 * resolved inside the root) into buf, NUL-terminated; its length, or -1 with errno. */
ssize_t inv_readlink(struct inv *iv, const char *path, char *buf, size_t n);

#endif
