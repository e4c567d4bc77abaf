/* Windows images: registry hives read through hivex (helpers in hive.h), and the win-uninstall
 * source: the Uninstall entries (Microsoft Learn, "Uninstall Registry Key") of
 * - the SOFTWARE hive (Windows/System32/config/, any case): Microsoft\Windows\CurrentVersion\
 *   Uninstall\* and its 32-bit twin under WOW6432Node, the machine's programs;
 * - each user's hive, Users/NAME/NTUSER.DAT (Documents and Settings on Windows XP), whose root
 *   is that user's HKEY_CURRENT_USER: Software\Microsoft\Windows\CurrentVersion\Uninstall\*,
 *   the programs installed for that user only (per-user installers need no administrator).
 * DisplayName -> pkg.display_name, Publisher -> pkg.publisher, InstallLocation -> file.path.
 * A user hive that cannot be read is reported with its path and the next user is read. */
#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "inventory/hive.h"
#include "util/banned.h"

#define USERS_MAX 4096 /* user folders looked at */

int hive_open_file(struct inv *iv, const char *path, struct hive *hv)
{
	if (bs_strlcpy(hv->path, path, sizeof(hv->path)) >= sizeof(hv->path))
		return -1;
	int fd = inv_open(iv, hv->path, 0);
	if (fd < 0) {
		inv_error(iv, hv->path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	/* The base block starts with "regf" (hivex, lib/hivex-internal.h): say so plainly rather
	 * than hivex's EINVAL when a file is something else entirely. */
	char magic[4];
	if (pread(fd, magic, 4, 0) != 4 || memcmp(magic, "regf", 4)) {
		close(fd);
		inv_malformed(iv, hv->path, 0, 1, "not a registry hive (no \"regf\" signature)");
		return -1;
	}
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	errno = 0;
	hv->h = hivex_open(proc, 0);
	int e = errno;
	off_t size = lseek(fd, 0, SEEK_END);
	close(fd);
	if (!hv->h) {
		/* hivex tells only errno; the size shows a hive cut short (bins of 4 KiB follow
		 * the 4 KiB base block). */
		inv_malformed(iv, hv->path, 0, 0, "damaged registry hive of %lld bytes (hivex: %s)",
		              (long long)size, e ? strerror(e) : "unknown error");
		return -1;
	}
	inv_count(iv, size > 0 ? (uint64_t)size : 0);
	return 0;
}

int hive_open(struct inv *iv, const char *name, struct hive *hv)
{
	char want[128], path[IMG_PATH_MAX];
	snprintf(want, sizeof(want), "/Windows/System32/config/%s", name);
	if (img_find_ci(iv, want, path, sizeof(path)) < 0)
		return -1;
	return hive_open_file(iv, path, hv);
}

hive_node_h hive_path(hive_h *h, hive_node_h node, const char *path)
{
	char buf[256];
	bs_strlcpy(buf, path, sizeof(buf));
	for (char *p = buf; node && p && *p;) {
		char *e = strchr(p, '\\');
		if (e)
			*e = 0;
		node = hivex_node_get_child(h, node, p);
		p = e ? e + 1 : NULL;
	}
	return node;
}

char *hive_str(hive_h *h, hive_node_h node, const char *name)
{
	hive_value_h v = hivex_node_get_value(h, node, name);
	if (!v)
		return NULL;
	char *s = hivex_value_string(h, v);
	if (s && !*s) {
		free(s);
		return NULL;
	}
	return s;
}

void hive_where(char *out, size_t n, const struct hive *hv, const char *key, const char *sub)
{
	snprintf(out, n, "%s:%s\\%s", hv->path, key, sub);
}

static void emit_value(struct inv *iv, struct hive *hv, hive_node_h node, const char *value,
                       enum key_id key, const char *where)
{
	char *s = hive_str(hv->h, node, value);
	if (s)
		inv_obs(iv, key, s, where);
	free(s);
}

static void uninstall_key(struct inv *iv, struct hive *hv, const char *key)
{
	hive_node_h base = hive_path(hv->h, hivex_root(hv->h), key);
	if (!base)
		return;
	hive_node_h *kids = hivex_node_children(hv->h, base);
	if (!kids) {
		inv_malformed(iv, hv->path, 0, 0, "cannot list %s: %s", key, strerror(errno));
		return;
	}
	for (size_t i = 0; kids[i] && i < HIVE_MAX_KEYS; i++) {
		char *name = hivex_node_name(hv->h, kids[i]);
		char where[IMG_PATH_MAX + 512];
		hive_where(where, sizeof(where), hv, key, name ? name : "?");
		free(name);
		emit_value(iv, hv, kids[i], "DisplayName", K_PKG_DISPLAY_NAME, where);
		emit_value(iv, hv, kids[i], "Publisher", K_PKG_PUBLISHER, where);
		emit_value(iv, hv, kids[i], "InstallLocation", K_FILE_PATH, where);
	}
	free(kids);
}

/* A user folder: its NTUSER.DAT (any case), whose root is the user's HKEY_CURRENT_USER. */
static void user_hive(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	(void)ctx;
	char home[IMG_PATH_MAX], want[IMG_PATH_MAX + 16], path[IMG_PATH_MAX];
	struct hive hv;
	/* Links ("All Users", "Default User" junctions) lead to folders read under their own
	 * name, or out of the profiles. */
	if (type != S_IFDIR || img_join(home, sizeof(home), dir, name) < 0)
		return;
	snprintf(want, sizeof(want), "%s/NTUSER.DAT", home);
	if (img_find_ci(iv, want, path, sizeof(path)) < 0 || hive_open_file(iv, path, &hv) < 0)
		return;
	uninstall_key(iv, &hv, "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
	uninstall_key(iv, &hv,
	              "Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
	hivex_close(hv.h);
}

int inv_win_uninstall(struct inv *iv);
int inv_win_uninstall(struct inv *iv)
{
	struct hive hv;
	if (hive_open(iv, "SOFTWARE", &hv) == 0) {
		uninstall_key(iv, &hv, "Microsoft\\Windows\\CurrentVersion\\Uninstall");
		uninstall_key(iv, &hv,
		              "WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
		hivex_close(hv.h);
	}
	static const char *const homes[] = {"/Users", "/Documents and Settings"};
	for (size_t i = 0; i < sizeof(homes) / sizeof(*homes); i++) {
		char path[IMG_PATH_MAX];
		if (img_find_ci(iv, homes[i], path, sizeof(path)) == 0 &&
		    img_list_dir(iv, path, USERS_MAX, user_hive, NULL) < 0)
			inv_error(iv, path, 0, 0, "cannot list: %s", strerror(errno));
	}
	return 0;
}
