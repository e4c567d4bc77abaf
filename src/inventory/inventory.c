/* The host inventory's runner: opens the root, tells which kind of system it holds, and runs
 * each source of sources.def that applies (include/bansweep/inventory.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/inventory.h"
#include "inventory/inv_int.h"
#include "util/banned.h"

const struct inv_source inv_sources[] = {
#define SOURCE(name, os, live, fn, desc) {name, os, live, fn, desc},
#include "inventory/sources.def"
#undef SOURCE
    {NULL, 0, 0, NULL, NULL},
};

int inv_rootfd(const struct inv *iv)
{
	return iv->rootfd;
}

const struct inv_options *inv_opts(const struct inv *iv)
{
	return iv->opt;
}

void inv_obsn(struct inv *iv, enum key_id key, const char *v, size_t n, const char *where)
{
	iv->st->obs++;
	iv->sink->obs(iv->sink->ctx, key, v, n, where);
}

void inv_obs(struct inv *iv, enum key_id key, const char *v, const char *where)
{
	inv_obsn(iv, key, v, strlen(v), where);
}

void inv_error(struct inv *iv, const char *path, uint64_t pos, int pos_is_offset, const char *fmt,
               ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	iv->st->errors++;
	if (iv->sink->error)
		iv->sink->error(iv->sink->ctx, iv->cur ? iv->cur->name : "inventory", path, pos,
		                pos_is_offset, msg);
}

void inv_malformed(struct inv *iv, const char *path, uint64_t pos, int pos_is_offset,
                   const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	iv->st->errors++;
	iv->st->malformed++;
	void (*cb)(void *, const char *, const char *, uint64_t, int, const char *) =
	    iv->sink->malformed ? iv->sink->malformed : iv->sink->error;
	if (cb)
		cb(iv->sink->ctx, iv->cur ? iv->cur->name : "inventory", path, pos, pos_is_offset,
		   msg);
}

void inv_count(struct inv *iv, uint64_t bytes)
{
	iv->st->files++;
	iv->st->bytes += bytes;
	if (iv->opt->progress && (iv->st->files & 4095) == 0)
		iv->opt->progress(iv->opt->progress_ctx, iv->st, iv->cur ? iv->cur->name : "");
}

/* Is name in the comma-separated list? */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && !memcmp(p, name, n))
			return 1;
		p += k + (e != NULL);
	}
	return 0;
}

static int exists(int rootfd, const char *rel, mode_t type)
{
	struct stat sb;
	return fstatat(rootfd, rel, &sb, 0) == 0 && (sb.st_mode & S_IFMT) == type;
}

unsigned inv_detect_os(int rootfd)
{
	unsigned m = 0;
	/* Windows: the registry hives; macOS: the system's version file; Android: the
	 * package manager's database or a system build.prop; Linux: the usual top of a root. */
	if (exists(rootfd, "Windows/System32/config", S_IFDIR) ||
	    exists(rootfd, "windows/system32/config", S_IFDIR) ||
	    exists(rootfd, "WINDOWS/system32/config", S_IFDIR))
		m |= INV_WINDOWS;
	if (exists(rootfd, "System/Library/CoreServices/SystemVersion.plist", S_IFREG) ||
	    exists(rootfd, "Applications", S_IFDIR))
		m |= INV_MACOS;
	if (exists(rootfd, "data/system/packages.xml", S_IFREG) ||
	    exists(rootfd, "data/system/packages.list", S_IFREG) ||
	    exists(rootfd, "system/build.prop", S_IFREG) ||
	    exists(rootfd, "pm-list-packages.txt", S_IFREG) || /* saved `pm list packages -f` */
	    exists(rootfd, "pm-list.txt", S_IFREG))
		m |= INV_ANDROID;
	if (exists(rootfd, "etc", S_IFDIR) &&
	    (exists(rootfd, "usr", S_IFDIR) || exists(rootfd, "var", S_IFDIR)))
		m |= INV_LINUX;
	return m;
}

int inv_run(const struct inv_options *opt, const struct inv_sink *sink, struct inv_stats *st)
{
	memset(st, 0, sizeof(*st));
	int fd = open(opt->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct inv iv = {.rootfd = fd, .opt = opt, .sink = sink, .st = st, .cur = NULL};
	unsigned os = opt->os_mask ? opt->os_mask : inv_detect_os(fd);
	if (opt->pm_list)
		os |= INV_ANDROID; /* the user's package list is of an Android device */
	for (const struct inv_source *s = inv_sources; s->name; s++) {
		if (opt->only ? !listed(opt->only, s->name) : !(s->os & os))
			continue;
		if (s->live_only && !opt->live)
			continue;
		iv.cur = s;
		if (opt->progress)
			opt->progress(opt->progress_ctx, st, s->name);
		s->run(&iv);
	}
	iv.cur = NULL;
	close(fd);
	return 0;
}
