/* macOS images: property lists (XML or binary, through libplist's plist_from_memory).
 *
 * - macos-apps: application bundles in /Applications (and one folder deeper, as in
 *   /Applications/Utilities): the bundle -> file.path; Contents/Info.plist (Apple, "Information
 *   Property List" keys) CFBundleIdentifier -> app.bundle, CFBundleName (else
 *   CFBundleDisplayName) -> pkg.display_name.
 * - macos-launchd: /Library/LaunchDaemons and /Library/LaunchAgents (launchd.plist(5)): Label ->
 *   svc.name, Program, else ProgramArguments[0] -> file.path.
 * - macos-receipts: installer receipts in /var/db/receipts, NAME.plist (PackageIdentifier) and
 *   NAME.bom: the package identifier (com.kaspersky.kav) -> pkg.name. A .bom without its
 *   .plist still names the package: its file name is the identifier. */
#include <errno.h>
#include <plist/plist.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory/img.h"
#include "util/banned.h"

#define PLIST_MAX (4u << 20)
#define DIR_MAX   20000

/* Reads and parses a property list; NULL (reported, unless absent and quiet) on failure. */
static plist_t plist_read(struct inv *iv, const char *path, int quiet_absent)
{
	size_t len = 0;
	char *b = inv_slurp(iv, path, PLIST_MAX, &len);
	if (!b) {
		if (!(quiet_absent && (errno == ENOENT || errno == ENOTDIR)))
			inv_error(iv, path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	plist_t p = NULL;
	if (len > 0)
		plist_from_memory(b, (uint32_t)len, &p);
	if (!p)
		inv_malformed(iv, path, 0, 0, "not a valid %s property list",
		              plist_is_binary(b, (uint32_t)len) ? "binary" : "XML");
	free(b);
	return p;
}

/* A copy of a string node up to its first NUL, or NULL when empty; the caller frees it.
 * plist_get_string_val asserts (aborts) on a string holding a NUL, which a hostile plist can
 * carry (&#0; or a binary string): the pointer and length are read instead. */
static char *node_str(plist_t n)
{
	if (!n || plist_get_node_type(n) != PLIST_STRING)
		return NULL;
	uint64_t len = 0;
	const char *p = plist_get_string_ptr(n, &len);
	size_t k = p ? strnlen(p, (size_t)len) : 0;
	return k ? strndup(p, k) : NULL;
}

/* The string at key of a dictionary, or NULL; the caller frees it. */
static char *dict_str(plist_t dict, const char *key)
{
	if (!dict || plist_get_node_type(dict) != PLIST_DICT)
		return NULL;
	return node_str(plist_dict_get_item(dict, key));
}

static void emit_str(struct inv *iv, plist_t dict, const char *key, enum key_id k,
                     const char *where)
{
	char *s = dict_str(dict, key);
	if (s)
		inv_obs(iv, k, s, where);
	free(s);
}

static int is_app(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".app");
}

static void app_bundle(struct inv *iv, const char *path)
{
	inv_obs(iv, K_FILE_PATH, path, path);
	char info[IMG_PATH_MAX];
	if (img_join(info, sizeof(info), path, "Contents/Info.plist") < 0)
		return;
	plist_t p = plist_read(iv, info, 1);
	if (!p)
		return;
	emit_str(iv, p, "CFBundleIdentifier", K_APP_BUNDLE, info);
	char *name = dict_str(p, "CFBundleName");
	if (!name)
		name = dict_str(p, "CFBundleDisplayName");
	if (name)
		inv_obs(iv, K_PKG_DISPLAY_NAME, name, info);
	free(name);
	plist_free(p);
}

static void app_entry(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	char path[IMG_PATH_MAX];
	if (type != S_IFDIR || name[0] == '.' || img_join(path, sizeof(path), dir, name) < 0)
		return;
	if (is_app(name))
		app_bundle(iv, path);
	else if (ctx == NULL) /* a folder of apps: one level deeper, no further */
		img_list_dir(iv, path, DIR_MAX, app_entry, path);
}

int inv_macos_apps(struct inv *iv);
int inv_macos_apps(struct inv *iv)
{
	if (img_list_dir(iv, "/Applications", DIR_MAX, app_entry, NULL) < 0 && errno != ENOENT)
		inv_error(iv, "/Applications", 0, 0, "cannot list: %s", strerror(errno));
	return 0;
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && !strcmp(name + n - e, ext);
}

static void launchd_entry(struct inv *iv, const char *dir, const char *name, unsigned type,
                          void *ctx)
{
	(void)ctx;
	char path[IMG_PATH_MAX];
	if (type != S_IFREG || !has_ext(name, ".plist") ||
	    img_join(path, sizeof(path), dir, name) < 0)
		return;
	plist_t p = plist_read(iv, path, 0);
	if (!p)
		return;
	emit_str(iv, p, "Label", K_SVC_NAME, path);
	char *prog = dict_str(p, "Program");
	if (!prog) {
		plist_t args = plist_get_node_type(p) == PLIST_DICT
		                   ? plist_dict_get_item(p, "ProgramArguments")
		                   : NULL;
		plist_t a0 = args && plist_get_node_type(args) == PLIST_ARRAY &&
		                     plist_array_get_size(args) > 0
		                 ? plist_array_get_item(args, 0)
		                 : NULL;
		prog = node_str(a0);
	}
	if (prog && *prog)
		inv_obs(iv, K_FILE_PATH, prog, path);
	free(prog);
	plist_free(p);
}

int inv_macos_launchd(struct inv *iv);
int inv_macos_launchd(struct inv *iv)
{
	static const char *const dirs[] = {"/Library/LaunchDaemons", "/Library/LaunchAgents"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (img_list_dir(iv, dirs[i], DIR_MAX, launchd_entry, NULL) < 0 && errno != ENOENT)
			inv_error(iv, dirs[i], 0, 0, "cannot list: %s", strerror(errno));
	return 0;
}

static void receipt_entry(struct inv *iv, const char *dir, const char *name, unsigned type,
                          void *ctx)
{
	(void)ctx;
	char path[IMG_PATH_MAX];
	size_t n = strlen(name);
	if (type != S_IFREG || img_join(path, sizeof(path), dir, name) < 0)
		return;
	if (has_ext(name, ".plist")) {
		plist_t p = plist_read(iv, path, 0);
		char *id = dict_str(p, "PackageIdentifier");
		if (id)
			inv_obs(iv, K_PKG_NAME, id, path);
		else /* unreadable (reported) or without the key: the name still says it */
			inv_obsn(iv, K_PKG_NAME, name, n - 6, path);
		free(id);
		plist_free(p);
	} else if (has_ext(name, ".bom")) {
		char twin[IMG_PATH_MAX + 8];
		struct stat sb;
		memcpy(twin, path, strlen(path) - 4);
		memcpy(twin + strlen(path) - 4, ".plist", 7);
		int fd = inv_open(iv, twin, 0);
		if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
			close(fd);
			return; /* the .plist gave it */
		}
		if (fd >= 0)
			close(fd);
		inv_obsn(iv, K_PKG_NAME, name, n - 4, path);
	}
}

int inv_macos_receipts(struct inv *iv);
int inv_macos_receipts(struct inv *iv)
{
	static const char dir[] = "/var/db/receipts";
	if (img_list_dir(iv, dir, DIR_MAX, receipt_entry, NULL) < 0 && errno != ENOENT)
		inv_error(iv, dir, 0, 0, "cannot list: %s", strerror(errno));
	return 0;
}
