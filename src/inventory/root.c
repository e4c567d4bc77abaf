/* Opening files inside an inventory root. An image mounted at /mnt/img holds absolute symbolic
 * links (/etc/ssl/certs/x.pem -> /usr/share/ca-certificates/...) that mean the image's own /usr:
 * openat2(2) with RESOLVE_IN_ROOT resolves them, and "..", as if the root were "/", so that an
 * inventory never reads the machine it runs on by mistake (nor a hostile image's escape). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "inventory/inv_int.h"
#include "util/banned.h"

int inv_open(struct inv *iv, const char *path, int flags)
{
	while (*path == '/')
		path++;
	if (!*path)
		path = ".";
	struct open_how how;
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)(O_RDONLY | O_CLOEXEC | O_NOCTTY | flags);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	long fd = syscall(SYS_openat2, iv->rootfd, path, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS) /* kernels before 5.6: links are followed as they are */
		fd = openat(iv->rootfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | flags);
	return (int)fd;
}

int inv_stat(struct inv *iv, const char *path, struct stat *sb)
{
	while (*path == '/')
		path++;
	if (!*path)
		path = ".";
	/* O_PATH: only the name is resolved (inside the root), nothing is opened for reading,
	 * so that a FIFO or a device in an image cannot block or be touched. openat2 refuses
	 * O_PATH with flags other than O_CLOEXEC, O_DIRECTORY and O_NOFOLLOW. */
	struct open_how how;
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)(O_PATH | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	long fd = syscall(SYS_openat2, iv->rootfd, path, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS)
		fd = openat(iv->rootfd, path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fstat((int)fd, sb);
	int e = errno;
	close((int)fd);
	errno = e;
	return rc;
}

FILE *inv_fopen(struct inv *iv, const char *path)
{
	int fd = inv_open(iv, path, 0);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "re");
	if (!f) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

char *inv_slurp(struct inv *iv, const char *path, size_t max, size_t *len)
{
	int fd = inv_open(iv, path, 0);
	if (fd < 0)
		return NULL;
	struct stat sb;
	int e = fstat(fd, &sb) < 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR : 0;
	if (!e && !S_ISREG(sb.st_mode))
		e = EINVAL;
	if (e) {
		close(fd);
		errno = e;
		return NULL;
	}
	/* /proc and /sys files say size 0: read until the end, up to max. */
	size_t cap = sb.st_size > 0 ? (size_t)sb.st_size + 1 : 4096;
	if (cap > max + 1)
		cap = max + 1;
	char *b = malloc(cap + 1);
	size_t n = 0;
	while (b) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(b, nc + 1);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap = nc;
		}
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			free(b);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	if (n > max) {
		free(b);
		errno = EFBIG;
		return NULL;
	}
	b[n] = 0;
	*len = n;
	inv_count(iv, n);
	return b;
}

DIR *inv_opendir(struct inv *iv, const char *path)
{
	int fd = inv_open(iv, path, O_DIRECTORY);
	if (fd < 0)
		return NULL;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	inv_count(iv, 0);
	return d;
}

ssize_t inv_readlink(struct inv *iv, const char *path, char *buf, size_t n)
{
	/* The directory is resolved inside the root; the link itself is read, not followed (a
	 * link in an image means the image's path; /proc/PID/exe names the live executable). */
	const char *slash = strrchr(path, '/');
	char dir[4096];
	const char *base = path;
	int dfd = -1;
	if (slash) {
		size_t k = (size_t)(slash - path);
		if (k >= sizeof(dir)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(dir, path, k);
		dir[k] = 0;
		base = slash + 1;
		dfd = inv_open(iv, k ? dir : "/", O_DIRECTORY);
		if (dfd < 0)
			return -1;
	}
	if (n == 0) {
		if (dfd >= 0)
			close(dfd);
		errno = EINVAL;
		return -1;
	}
	ssize_t r = readlinkat(dfd >= 0 ? dfd : iv->rootfd, base, buf, n - 1);
	int e = errno;
	if (dfd >= 0)
		close(dfd);
	if (r < 0) {
		errno = e;
		return -1;
	}
	buf[r] = 0;
	inv_count(iv, 0);
	return r;
}
