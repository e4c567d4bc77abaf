/* macOS images: property lists (XML or binary, through libplist's plist_from_memory), the
 * folders of a sealed system volume and its Data volume (macos.h), and two sources:
 *
 * - macos-launchd: /Library/LaunchDaemons and /Library/LaunchAgents, and each user's
 *   ~/Library/LaunchAgents (launchd.plist(5)): Label -> svc.name, Program, else
 *   ProgramArguments[0] -> file.path.
 * - macos-receipts: installer receipts in /var/db/receipts, NAME.plist (PackageIdentifier) and
 *   NAME.bom: the package identifier (com.kaspersky.kav) -> pkg.name. A .bom without its
 *   .plist still names the package: its file name is the identifier.
 *
 * What both volumes hold is reported once, from the first place it is found. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory/macos.h"
#include "util/banned.h"

#define PLIST_MAX (4u << 20)
#define HOMES_MAX 4096

plist_t macos_plist_read(struct inv *iv, const char *path, int quiet_absent)
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

/* plist_get_string_val asserts (aborts) on a string holding a NUL, which a hostile plist can
 * carry (&#0; or a binary string): the pointer and length are read instead. */
char *macos_node_str(plist_t n)
{
	if (!n || plist_get_node_type(n) != PLIST_STRING)
		return NULL;
	uint64_t len = 0;
	const char *p = plist_get_string_ptr(n, &len);
	size_t k = p ? strnlen(p, (size_t)len) : 0;
	return k ? strndup(p, k) : NULL;
}

char *macos_dict_str(plist_t dict, const char *key)
{
	if (!dict || plist_get_node_type(dict) != PLIST_DICT)
		return NULL;
	return macos_node_str(plist_dict_get_item(dict, key));
}

void macos_each_dir(struct inv *iv, const char *const *rels, size_t nrels, macos_dir_fn fn,
                    void *ctx)
{
	static const char *const vols[] = {"", "/System/Volumes/Data"};
	struct hset seen;
	memset(&seen, 0, sizeof(seen));
	for (size_t r = 0; r < nrels; r++)
		for (size_t v = 0; v < sizeof(vols) / sizeof(*vols); v++) {
			char disk[IMG_PATH_MAX], shown[IMG_PATH_MAX];
			struct stat sb;
			snprintf(shown, sizeof(shown), "/%s", rels[r]);
			if ((size_t)snprintf(disk, sizeof(disk), "%s/%s", vols[v], rels[r]) >=
			        sizeof(disk) ||
			    inv_stat(iv, disk, &sb) < 0 || !S_ISDIR(sb.st_mode))
				continue;
			uint64_t id[2] = {(uint64_t)sb.st_dev, (uint64_t)sb.st_ino};
			if (hset_add(&seen, (const char *)id, sizeof(id)))
				fn(iv, disk, shown, ctx);
		}
	hset_release(&seen);
}

struct homes {
	macos_dir_fn fn;
	void *ctx;
};

static void home_entry(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	struct homes *h = ctx;
	char disk[IMG_PATH_MAX], shown[IMG_PATH_MAX];
	/* A link ("Users/admin -> /var/admin") leads out of the profiles, or to one read anyway. */
	if (type != S_IFDIR || name[0] == '.' || img_join(disk, sizeof(disk), dir, name) < 0 ||
	    img_join(shown, sizeof(shown), "/Users", name) < 0)
		return;
	h->fn(iv, disk, shown, h->ctx);
}

static void homes_dir(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	(void)shown;
	if (img_list_dir(iv, disk, HOMES_MAX, home_entry, ctx) < 0)
		inv_error(iv, disk, 0, 0, "cannot list: %s", strerror(errno));
}

void macos_each_home(struct inv *iv, macos_dir_fn fn, void *ctx)
{
	static const char *const users[] = {"Users"};
	struct homes h = {fn, ctx};
	macos_each_dir(iv, users, 1, homes_dir, &h);
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && !strcmp(name + n - e, ext);
}

/* A directory being listed: its shown path, and what was reported already. */
struct listing {
	const char *shown;
	struct hset *seen;
};

/* Not seen yet under its shown path (the same job or receipt on both volumes)? */
static int first_time(struct listing *l, const char *name)
{
	char key[2 * IMG_PATH_MAX];
	int n = snprintf(key, sizeof(key), "%s/%s", l->shown, name);
	return n > 0 && (size_t)n < sizeof(key) && hset_add(l->seen, key, (size_t)n);
}

static void launchd_entry(struct inv *iv, const char *dir, const char *name, unsigned type,
                          void *ctx)
{
	char path[IMG_PATH_MAX];
	if (type != S_IFREG || !has_ext(name, ".plist") ||
	    img_join(path, sizeof(path), dir, name) < 0 || !first_time(ctx, name))
		return;
	plist_t p = macos_plist_read(iv, path, 0);
	if (!p)
		return;
	char *label = macos_dict_str(p, "Label");
	if (label)
		inv_obs(iv, K_SVC_NAME, label, path);
	free(label);
	char *prog = macos_dict_str(p, "Program");
	if (!prog) {
		plist_t args = plist_get_node_type(p) == PLIST_DICT
		                   ? plist_dict_get_item(p, "ProgramArguments")
		                   : NULL;
		plist_t a0 = args && plist_get_node_type(args) == PLIST_ARRAY &&
		                     plist_array_get_size(args) > 0
		                 ? plist_array_get_item(args, 0)
		                 : NULL;
		prog = macos_node_str(a0);
	}
	if (prog && *prog)
		inv_obs(iv, K_FILE_PATH, prog, path);
	free(prog);
	plist_free(p);
}

static void launchd_dir(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	struct listing l = {shown, ctx};
	if (img_list_dir(iv, disk, MACOS_DIR_MAX, launchd_entry, &l) < 0)
		inv_error(iv, disk, 0, 0, "cannot list: %s", strerror(errno));
}

/* A user's own agents, started at their login. */
static void launchd_home(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	char d[IMG_PATH_MAX], s[IMG_PATH_MAX];
	struct stat sb;
	if (img_join(d, sizeof(d), disk, "Library/LaunchAgents") < 0 ||
	    img_join(s, sizeof(s), shown, "Library/LaunchAgents") < 0 || inv_stat(iv, d, &sb) < 0 ||
	    !S_ISDIR(sb.st_mode))
		return;
	launchd_dir(iv, d, s, ctx);
}

int inv_macos_launchd(struct inv *iv);
int inv_macos_launchd(struct inv *iv)
{
	static const char *const dirs[] = {"Library/LaunchDaemons", "Library/LaunchAgents"};
	struct hset seen;
	memset(&seen, 0, sizeof(seen));
	macos_each_dir(iv, dirs, sizeof(dirs) / sizeof(*dirs), launchd_dir, &seen);
	macos_each_home(iv, launchd_home, &seen);
	hset_release(&seen);
	return 0;
}

static void receipt_entry(struct inv *iv, const char *dir, const char *name, unsigned type,
                          void *ctx)
{
	char path[IMG_PATH_MAX];
	size_t n = strlen(name);
	if (type != S_IFREG || img_join(path, sizeof(path), dir, name) < 0)
		return;
	if (has_ext(name, ".plist")) {
		if (!first_time(ctx, name))
			return;
		plist_t p = macos_plist_read(iv, path, 0);
		char *id = macos_dict_str(p, "PackageIdentifier");
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
		if (inv_stat(iv, twin, &sb) == 0 && S_ISREG(sb.st_mode))
			return; /* the .plist gave it */
		if (first_time(ctx, name))
			inv_obsn(iv, K_PKG_NAME, name, n - 4, path);
	}
}

static void receipts_dir(struct inv *iv, const char *disk, const char *shown, void *ctx)
{
	/* /var is a link to /private/var on macOS: one shown name for both. */
	struct listing l = {"/var/db/receipts", ctx};
	(void)shown;
	if (img_list_dir(iv, disk, MACOS_DIR_MAX, receipt_entry, &l) < 0)
		inv_error(iv, disk, 0, 0, "cannot list: %s", strerror(errno));
}

int inv_macos_receipts(struct inv *iv);
int inv_macos_receipts(struct inv *iv)
{
	static const char *const dirs[] = {"var/db/receipts", "private/var/db/receipts"};
	struct hset seen;
	memset(&seen, 0, sizeof(seen));
	macos_each_dir(iv, dirs, sizeof(dirs) / sizeof(*dirs), receipts_dir, &seen);
	hset_release(&seen);
	return 0;
}
