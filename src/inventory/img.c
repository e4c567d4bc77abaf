/* Directory helpers of the image sources: case-insensitive look-up (Windows images spell their
 * system folders in any case) and sorted listings, always through inv_open (inside the root). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory/img.h"
#include "util/banned.h"

int img_join(char *out, size_t outsz, const char *dir, const char *name)
{
	size_t d = strlen(dir);
	while (d > 0 && dir[d - 1] == '/')
		d--;
	size_t n = strlen(name);
	if (d + 1 + n + 1 > outsz)
		return -1;
	memcpy(out, dir, d);
	out[d] = '/';
	memcpy(out + d + 1, name, n + 1);
	return 0;
}

/* Reads the names of dir (a descriptor, consumed), at most max, into a sorted array. */
static char **read_names(int fd, size_t max, size_t *count)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return NULL;
	}
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && n < max) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **nv = realloc(v, nc * sizeof(*v));
			if (!nv)
				break;
			v = nv;
			cap = nc;
		}
		if (!(v[n] = strdup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	*count = n;
	if (!v)
		v = calloc(1, sizeof(*v));
	return v;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long img_list_dir(struct inv *iv, const char *dir, size_t max, img_entry_fn fn, void *ctx)
{
	int fd = inv_open(iv, dir, O_DIRECTORY);
	if (fd < 0)
		return -1;
	int keep = dup(fd); /* fdopendir takes fd; fstatat needs one after closedir */
	size_t n = 0;
	char **v = read_names(fd, max, &n);
	if (!v) {
		if (keep >= 0)
			close(keep);
		errno = ENOMEM;
		return -1;
	}
	inv_count(iv, 0);
	qsort(v, n, sizeof(*v), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		unsigned type = 0;
		/* AT_SYMLINK_NOFOLLOW: the entry itself, never what a link names outside. */
		if (keep >= 0 && fstatat(keep, v[i], &sb, AT_SYMLINK_NOFOLLOW) == 0)
			type = sb.st_mode & S_IFMT;
		fn(iv, dir, v[i], type, ctx);
		free(v[i]);
	}
	free(v);
	if (keep >= 0)
		close(keep);
	return (long)n;
}

int img_find_entry(struct inv *iv, const char *dir, const char *want, size_t wn, char *out,
                   size_t outsz)
{
	int fd = inv_open(iv, dir, O_DIRECTORY);
	if (fd < 0)
		return -1;
	size_t n = 0;
	char **v = read_names(fd, 65536, &n);
	if (!v)
		return -1;
	int found = -1;
	for (size_t i = 0; i < n; i++) {
		if (strlen(v[i]) != wn || strncasecmp(v[i], want, wn))
			continue;
		if (found < 0 || !strncmp(v[i], want, wn))
			found = (int)i;
	}
	int rc = -1;
	if (found >= 0 && strlen(v[found]) < outsz) {
		memcpy(out, v[found], strlen(v[found]) + 1);
		rc = 0;
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	if (rc < 0)
		errno = ENOENT;
	return rc;
}

int img_find_ci(struct inv *iv, const char *path, char *out, size_t outsz)
{
	char cur[IMG_PATH_MAX] = "/";
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		char name[256];
		if (k >= sizeof(name) || img_find_entry(iv, cur, p, k, name, sizeof(name)) < 0) {
			errno = ENOENT;
			return -1;
		}
		char next[IMG_PATH_MAX];
		if (img_join(next, sizeof(next), cur, name) < 0) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(cur, next, strlen(next) + 1);
		p += k;
	}
	if (strlen(cur) >= outsz) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(out, cur, strlen(cur) + 1);
	return 0;
}
