/* Registry hives of Windows images, read through hivex (win_hive.c), for the sources that read
 * them: win-uninstall (win_hive.c) and win-services (win_services.c). */
#ifndef BS_INV_HIVE_H
#define BS_INV_HIVE_H

#include <hivex.h>

#include "inventory/img.h"

/* Bounds on what one hive may make us walk. */
#define HIVE_MAX_KEYS 20000

struct hive {
	hive_h *h;
	char path[IMG_PATH_MAX]; /* inside the root, as found on disk */
};

/* Opens the hive file at path (inside the root, as spelled on disk); 0, or -1 (reported: not a
 * hive, damaged, unreadable). hivex wants a file name: it gets /proc/self/fd/N of a descriptor
 * opened inside the root. */
int hive_open_file(struct inv *iv, const char *path, struct hive *hv);
/* Finds and opens Windows/System32/config/NAME (any case); 0, or -1 (reported unless absent). */
int hive_open(struct inv *iv, const char *name, struct hive *hv);
/* The node at a backslash-separated path below node (names match case-insensitively), or 0. */
hive_node_h hive_path(hive_h *h, hive_node_h node, const char *path);
/* A string value of node (REG_SZ, REG_EXPAND_SZ), UTF-8, or NULL when absent or empty; the
 * caller frees it. */
char *hive_str(hive_h *h, hive_node_h node, const char *name);
/* The where of a key: "HIVEPATH:Key\Sub". */
void hive_where(char *out, size_t n, const struct hive *hv, const char *key, const char *sub);

#endif
