/* macOS images, source macos-apps: application bundles in /Applications (on the system volume
 * and the Data volume, macos.h) and in each user's ~/Applications (apps a user installed for
 * themselves), and one folder deeper, as in /Applications/Utilities: the bundle -> file.path as
 * the Mac shows it ("/Applications/X.app", wherever the image holds it); Contents/Info.plist
 * (Apple, "Information Property List" keys) CFBundleIdentifier -> app.bundle, CFBundleName (else
 * CFBundleDisplayName) -> pkg.display_name. A bundle on both volumes is reported once. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inventory/macos.h"
#include "util/banned.h"

struct apps {
	struct hset seen; /* shown paths of the bundles reported */
	const char *shown;
	int depth;
};

static int is_app(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".app");
}

static void app_bundle(struct inv *iv, const char *path, const char *shown)
{
	inv_obs(iv, K_FILE_PATH, shown, path);
	char info[IMG_PATH_MAX];
	if (img_join(info, sizeof(info), path, "Contents/Info.plist") < 0)
		return;
	plist_t p = macos_plist_read(iv, info, 1);
	if (!p)
		return;
	char *id = macos_dict_str(p, "CFBundleIdentifier");
	if (id)
		inv_obs(iv, K_APP_BUNDLE, id, info);
	free(id);
	char *name = macos_dict_str(p, "CFBundleName");
	if (!name)
		name = macos_dict_str(p, "CFBundleDisplayName");
	if (name)
		inv_obs(iv, K_PKG_DISPLAY_NAME, name, info);
	free(name);
	plist_free(p);
}

static void app_entry(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	struct apps *a = ctx;
	char path[IMG_PATH_MAX], shown[IMG_PATH_MAX];
	if (type != S_IFDIR || name[0] == '.' || img_join(path, sizeof(path), dir, name) < 0 ||
	    img_join(shown, sizeof(shown), a->shown, name) < 0)
		return;
	if (is_app(name)) {
		if (hset_add(&a->seen, shown, strlen(shown)))
			app_bundle(iv, path, shown);
	} else if (a->depth == 0) { /* a folder of apps: one level deeper, no further */
		const char *up = a->shown;
		a->depth++, a->shown = shown;
		img_list_dir(iv, path, MACOS_DIR_MAX, app_entry, a);
		a->depth--, a->shown = up;
	}
}

static void apps_dir(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	struct apps *a = ctx;
	a->shown = shown;
	if (img_list_dir(iv, disk, MACOS_DIR_MAX, app_entry, a) < 0)
		inv_error(iv, disk, 0, 0, "cannot list: %s", strerror(errno));
}

static void apps_home(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	char d[IMG_PATH_MAX], s[IMG_PATH_MAX];
	struct stat sb;
	if (img_join(d, sizeof(d), disk, "Applications") < 0 ||
	    img_join(s, sizeof(s), shown, "Applications") < 0 || inv_stat(iv, d, &sb) < 0 ||
	    !S_ISDIR(sb.st_mode))
		return;
	apps_dir(iv, d, s, ctx);
}

int inv_macos_apps(struct inv *iv);
int inv_macos_apps(struct inv *iv)
{
	static const char *const dirs[] = {"Applications"};
	struct apps a;
	memset(&a, 0, sizeof(a));
	macos_each_dir(iv, dirs, 1, apps_dir, &a);
	macos_each_home(iv, apps_home, &a);
	hset_release(&a.seen);
	return 0;
}
