/* Windows images: the SOFTWARE and SYSTEM registry hives (Windows/System32/config/, any case),
 * read through hivex.
 *
 * - win-uninstall: SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\* and its 32-bit twin
 *   under WOW6432Node (Microsoft Learn, "Uninstall Registry Key"): DisplayName ->
 *   pkg.display_name, Publisher -> pkg.publisher, InstallLocation -> file.path.
 * - win-services: SYSTEM\ControlSetNNN\Services\* of the control set Select\Current names
 *   (services and drivers alike, Microsoft Learn "CurrentControlSet\Services Subkey Entries"):
 *   the key name -> svc.name, the executable of ImagePath -> file.path.
 *
 * hivex wants a file name: it gets /proc/self/fd/N of a descriptor opened inside the root. */
#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "inventory/img.h"
#include "util/banned.h"

/* Bounds on what one hive may make us walk. */
#define HIVE_MAX_KEYS 20000

struct hive {
	hive_h *h;
	char path[IMG_PATH_MAX]; /* inside the root, as found on disk */
};

/* Finds and opens Windows/System32/config/NAME; 0, or -1 (reported unless absent). */
static int hive_open(struct inv *iv, const char *name, struct hive *hv)
{
	char want[128];
	snprintf(want, sizeof(want), "/Windows/System32/config/%s", name);
	if (img_find_ci(iv, want, hv->path, sizeof(hv->path)) < 0)
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

/* The node at a backslash-separated path below node (names match case-insensitively), or 0. */
static hive_node_h hive_path(hive_h *h, hive_node_h node, const char *path)
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

/* A string value of node (REG_SZ, REG_EXPAND_SZ), UTF-8, or NULL; the caller frees it. */
static char *hive_str(hive_h *h, hive_node_h node, const char *name)
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

static void emit_value(struct inv *iv, struct hive *hv, hive_node_h node, const char *value,
                       enum key_id key, const char *where)
{
	char *s = hive_str(hv->h, node, value);
	if (s)
		inv_obs(iv, key, s, where);
	free(s);
}

/* The where of a key: "HIVEPATH:Key\Path". */
static void key_where(char *out, size_t n, const struct hive *hv, const char *key, const char *sub)
{
	snprintf(out, n, "%s:%s\\%s", hv->path, key, sub);
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
		key_where(where, sizeof(where), hv, key, name ? name : "?");
		free(name);
		emit_value(iv, hv, kids[i], "DisplayName", K_PKG_DISPLAY_NAME, where);
		emit_value(iv, hv, kids[i], "Publisher", K_PKG_PUBLISHER, where);
		emit_value(iv, hv, kids[i], "InstallLocation", K_FILE_PATH, where);
	}
	free(kids);
}

int inv_win_uninstall(struct inv *iv);
int inv_win_uninstall(struct inv *iv)
{
	struct hive hv;
	if (hive_open(iv, "SOFTWARE", &hv) < 0)
		return 0;
	uninstall_key(iv, &hv, "Microsoft\\Windows\\CurrentVersion\\Uninstall");
	uninstall_key(iv, &hv, "WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall");
	hivex_close(hv.h);
	return 0;
}

/* The executable of an ImagePath command line: the quoted part, or up to the first ".exe",
 * ".sys" or ".dll" that a blank or the end follows; the NT prefix "\??\" is dropped. */
static size_t image_exe(const char *s, const char **out)
{
	while (*s == ' ')
		s++;
	if (!strncmp(s, "\\??\\", 4))
		s += 4;
	size_t n = strlen(s);
	if (*s == '"') {
		s++;
		const char *q = strchr(s, '"');
		n = q ? (size_t)(q - s) : strlen(s);
	} else {
		for (size_t i = 0; i + 4 <= n; i++) {
			if (s[i] != '.' || (s[i + 4] && s[i + 4] != ' '))
				continue;
			if (!strncasecmp(s + i, ".exe", 4) || !strncasecmp(s + i, ".sys", 4) ||
			    !strncasecmp(s + i, ".dll", 4)) {
				n = i + 4;
				break;
			}
		}
	}
	while (n && s[n - 1] == ' ')
		n--;
	*out = s;
	return n;
}

int inv_win_services(struct inv *iv);
int inv_win_services(struct inv *iv)
{
	struct hive hv;
	if (hive_open(iv, "SYSTEM", &hv) < 0)
		return 0;
	/* Select\Current: the number of the control set the machine booted with last. */
	unsigned cur = 1;
	hive_node_h sel = hive_path(hv.h, hivex_root(hv.h), "Select");
	hive_value_h v = sel ? hivex_node_get_value(hv.h, sel, "Current") : 0;
	errno = 0;
	int32_t d = v ? hivex_value_dword(hv.h, v) : 1;
	if (v && errno == 0 && d > 0 && d < 1000)
		cur = (unsigned)d;
	else if (v)
		inv_malformed(iv, hv.path, 0, 0, "Select\\Current is not a control set number");
	char key[64];
	snprintf(key, sizeof(key), "ControlSet%03u\\Services", cur);
	hive_node_h base = hive_path(hv.h, hivex_root(hv.h), key);
	hive_node_h *kids = base ? hivex_node_children(hv.h, base) : NULL;
	if (!kids) {
		inv_malformed(iv, hv.path, 0, 0, "no %s key", key);
		hivex_close(hv.h);
		return 0;
	}
	for (size_t i = 0; kids[i] && i < HIVE_MAX_KEYS; i++) {
		char *name = hivex_node_name(hv.h, kids[i]);
		if (!name)
			continue;
		char where[IMG_PATH_MAX + 512];
		key_where(where, sizeof(where), &hv, key, name);
		inv_obs(iv, K_SVC_NAME, name, where);
		free(name);
		char *img = hive_str(hv.h, kids[i], "ImagePath");
		if (img) {
			const char *exe;
			size_t n = image_exe(img, &exe);
			if (n)
				inv_obsn(iv, K_FILE_PATH, exe, n, where);
		}
		free(img);
	}
	free(kids);
	hivex_close(hv.h);
	return 0;
}
