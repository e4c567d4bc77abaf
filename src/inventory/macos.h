/* Helpers of the macOS image sources (macos.c: launchd jobs, receipts; macos_apps.c: bundles):
 * property lists through libplist, and where a macOS system keeps its folders. */
#ifndef BS_INV_MACOS_H
#define BS_INV_MACOS_H

#include <plist/plist.h>

#include "inventory/img.h"
#include "inventory/inv_parse.h"

#define MACOS_DIR_MAX 20000 /* entries read of one directory */

/* Reads and parses a property list (XML or binary); NULL on failure, reported unless the file is
 * absent and quiet_absent is set. The caller frees it with plist_free. */
plist_t macos_plist_read(struct inv *iv, const char *path, int quiet_absent);
/* A copy of a string node up to its first NUL, or NULL when it is none or empty; the caller
 * frees it. */
char *macos_node_str(plist_t n);
/* The string at key of a dictionary, or NULL; the caller frees it. */
char *macos_dict_str(plist_t dict, const char *key);

/* A directory of the system: disk, its path inside the root; shown, the path the running Mac
 * gives it ("/Applications", "/Users/alice"). */
typedef void (*macos_dir_fn)(struct inv *iv, const char *disk, const char *shown, void *ctx);
/* Calls fn for each directory there is among /REL and /System/Volumes/Data/REL for each REL of
 * rels, each directory once (by device and inode: a link, or a Data volume that is the root
 * itself, is not read twice), shown as "/REL". Since macOS 10.15 the system volume is sealed and
 * /Applications, /Library, /Users and /private are firmlinks into the Data volume, which an
 * image mounted elsewhere does not follow: the Data volume is mounted at System/Volumes/Data. */
void macos_each_dir(struct inv *iv, const char *const *rels, size_t nrels, macos_dir_fn fn,
                    void *ctx);
/* Calls fn for each user's home folder, the folders of /Users on either volume (not links, not
 * hidden), shown as "/Users/NAME". */
void macos_each_home(struct inv *iv, macos_dir_fn fn, void *ctx);

#endif
