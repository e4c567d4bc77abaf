/* Fuzzes the file-reading sources end to end (src/inventory/win_hive.c and its users' hives,
 * win_services.c with its ImagePath look-ups, win_files.c, macos.c and macos_apps.c with the
 * Data volume and users' homes, android.c, and the Linux readers of systemd.c, sysv.c and
 * kmod.c: units, init scripts, module lists, modules.dep) with their libraries (hivex,
 * libplist, libxml2, OpenSSL): the first byte chooses which file of a scratch root the rest of
 * the input becomes, and that source runs over it. New slots go at the end, so that the corpus
 * files keep their slot. */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/inventory.h"

static const struct {
	const char *path, *source;
	unsigned os;
} slots[] = {
    {"Windows/System32/config/SOFTWARE", "win-uninstall", INV_WINDOWS},
    {"Windows/System32/config/SYSTEM", "win-services", INV_WINDOWS},
    {"Program Files/Vendor/app.exe", "win-programs", INV_WINDOWS},
    {"Applications/X.app/Contents/Info.plist", "macos-apps", INV_MACOS},
    {"Library/LaunchDaemons/x.plist", "macos-launchd", INV_MACOS},
    {"var/db/receipts/x.plist", "macos-receipts", INV_MACOS},
    {"data/system/packages.xml", "android-packages", INV_ANDROID},
    {"pm-list.txt", "android-pm-list", INV_ANDROID},
    {"etc/systemd/system/x.service", "systemd", INV_LINUX},
    {"etc/modules-load.d/x.conf", "kmod", INV_LINUX},
    {"Users/u/NTUSER.DAT", "win-uninstall", INV_WINDOWS},
    {"lib/modules/6.1.0/modules.dep", "kmod", INV_LINUX},
    {"etc/init.d/x", "sysv", INV_LINUX},
    {"System/Volumes/Data/Users/u/Library/LaunchAgents/x.plist", "macos-launchd", INV_MACOS},
};

static char root[64];

static void mkdirs(const char *rel)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = 0;
		mkdir(p, 0700);
		*s = '/';
	}
}

static void nop_obs(void *ctx, enum key_id key, const char *v, size_t n, const char *where)
{
	(void)ctx, (void)key, (void)where;
	if (n && !v)
		__builtin_trap();
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!root[0]) {
		atexit(cleanup);
		snprintf(root, sizeof(root), "/tmp/fuzz-inv-image-%d", (int)getpid());
		mkdir(root, 0700);
		for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
			mkdirs(slots[i].path);
	}
	if (size < 1)
		return 0;
	size_t k = data[0] % (sizeof(slots) / sizeof(slots[0]));
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", root, slots[k].path);
	FILE *f = fopen(p, "wb");
	if (!f)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	struct inv_options o = {.root = root, .os_mask = slots[k].os, .only = slots[k].source};
	struct inv_sink s = {.obs = nop_obs, .error = NULL, .ctx = NULL};
	struct inv_stats st;
	inv_run(&o, &s, &st);
	unlink(p);
	return 0;
}
