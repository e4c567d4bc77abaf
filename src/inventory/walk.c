/* The "files" source: every directory and file under the root, by name (file.path), and with
 * hashing on, the SHA-256 of every regular file (file.sha256) for the hash lists to match.
 * A product installed outside the package manager (a vendor's installer unpacked under /opt or
 * a home directory, a portable app, a folder left behind after removal) shows only here.
 *
 * Walking is one thread reading directories in order, with the types getdents gives (no stat
 * per file, as find does); hashing is a pool of threads, one per core, fed through a bounded
 * queue, each reading its file in large blocks into OpenSSL's SHA-256. The virtual file systems
 * of a live machine (/proc, /sys, /dev, /run) are not walked. Symbolic links are reported, never
 * followed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "inventory/inv_int.h"
#include "util/banned.h"

#define QUEUE_CAP  4096
#define MAX_DEPTH  128
#define HASH_BLOCK (1u << 20)
#define HASH_MAX   64

struct job {
	char *path;
};

struct walk {
	struct inv *iv;
	char path[PATH_MAX];
	size_t plen;
	int hashing;
	/* the hash queue */
	pthread_mutex_t mu; /* also serialises the sink: sources emit from one thread at a time */
	pthread_cond_t not_empty, not_full;
	char *q[QUEUE_CAP];
	size_t head, n;
	int closing;
	pthread_t th[HASH_MAX];
	unsigned nth;
};

/* The walker's calls into the run's state and sink, which the hashers share. */
static void lock(struct walk *w)
{
	if (w->hashing)
		pthread_mutex_lock(&w->mu);
}

static void unlock(struct walk *w)
{
	if (w->hashing)
		pthread_mutex_unlock(&w->mu);
}

static void walk_error(struct walk *w, const char *msg)
{
	lock(w);
	inv_error(w->iv, w->path, 0, 0, "%s", msg);
	unlock(w);
}

static void hash_one(struct walk *w, const char *path, uint8_t *buf, EVP_MD_CTX *md)
{
	int fd = inv_open(w->iv, path, O_NOFOLLOW);
	if (fd < 0) {
		int e = errno;
		pthread_mutex_lock(&w->mu);
		inv_error(w->iv, path, 0, 0, "%s", strerror(e));
		pthread_mutex_unlock(&w->mu);
		return;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	uint64_t total = 0;
	ssize_t r;
	while ((r = read(fd, buf, HASH_BLOCK)) > 0 || (r < 0 && errno == EINTR))
		if (r > 0) {
			EVP_DigestUpdate(md, buf, (size_t)r);
			total += (uint64_t)r;
		}
	int e = r < 0 ? errno : 0;
	close(fd);
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned dl = 0;
	EVP_DigestFinal_ex(md, d, &dl);
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	for (unsigned i = 0; i < dl; i++) {
		hex[2 * i] = "0123456789abcdef"[d[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[d[i] & 15];
	}
	pthread_mutex_lock(&w->mu);
	w->iv->st->bytes += total;
	if (e)
		inv_error(w->iv, path, total, 1, "%s", strerror(e));
	else
		inv_obsn(w->iv, K_FILE_SHA256, hex, 2 * dl, path);
	pthread_mutex_unlock(&w->mu);
}

static void *hasher(void *arg)
{
	struct walk *w = arg;
	uint8_t *buf = malloc(HASH_BLOCK);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	for (;;) {
		pthread_mutex_lock(&w->mu);
		while (!w->n && !w->closing)
			pthread_cond_wait(&w->not_empty, &w->mu);
		if (!w->n) {
			pthread_mutex_unlock(&w->mu);
			break;
		}
		char *p = w->q[w->head];
		w->head = (w->head + 1) % QUEUE_CAP;
		w->n--;
		pthread_cond_signal(&w->not_full);
		pthread_mutex_unlock(&w->mu);
		if (buf && md)
			hash_one(w, p, buf, md);
		free(p);
	}
	EVP_MD_CTX_free(md);
	free(buf);
	return NULL;
}

static void enqueue(struct walk *w, const char *path)
{
	char *p = xstrdup(path);
	pthread_mutex_lock(&w->mu);
	while (w->n == QUEUE_CAP)
		pthread_cond_wait(&w->not_full, &w->mu);
	w->q[(w->head + w->n) % QUEUE_CAP] = p;
	w->n++;
	pthread_cond_signal(&w->not_empty);
	pthread_mutex_unlock(&w->mu);
}

/* The virtual file systems of a running machine: nothing installed lives there. */
static int skipped(const struct walk *w)
{
	static const char *const virt[] = {"/proc", "/sys", "/dev", "/run"};
	if (!inv_opts(w->iv)->live)
		return 0;
	for (size_t i = 0; i < sizeof(virt) / sizeof(*virt); i++)
		if (!strcmp(w->path, virt[i]))
			return 1;
	return 0;
}

static void walk_dir(struct walk *w, int dfd, unsigned depth)
{
	DIR *d = fdopendir(dfd);
	if (!d) {
		walk_error(w, strerror(errno));
		close(dfd);
		return;
	}
	size_t base = w->plen;
	struct dirent *de;
	for (errno = 0; (de = readdir(d)); errno = 0) {
		const char *nm = de->d_name;
		if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
			continue;
		size_t nl = strlen(nm);
		if (base + 1 + nl >= sizeof(w->path)) {
			walk_error(w, "a name inside is too long to follow");
			continue;
		}
		if (base > 1 || w->path[0] != '/')
			w->path[base] = '/', w->plen = base + 1;
		else
			w->plen = 1;
		memcpy(w->path + w->plen, nm, nl + 1);
		w->plen += nl;
		unsigned type = de->d_type;
		if (type == DT_UNKNOWN) {
			struct stat sb;
			type = fstatat(dfd, nm, &sb, AT_SYMLINK_NOFOLLOW) < 0 ? DT_UNKNOWN
			       : S_ISDIR(sb.st_mode)                          ? DT_DIR
			       : S_ISREG(sb.st_mode)                          ? DT_REG
			                                                      : DT_LNK;
		}
		lock(w);
		inv_count(w->iv, 0);
		inv_obsn(w->iv, K_FILE_PATH, w->path, w->plen, w->path);
		unlock(w);
		if (type == DT_DIR && !skipped(w)) {
			int fd = depth < MAX_DEPTH ? openat(dfd, nm,
			                                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			                                        O_CLOEXEC | O_NONBLOCK)
			                           : -1;
			if (fd >= 0)
				walk_dir(w, fd, depth + 1);
			else
				walk_error(w, depth < MAX_DEPTH ? strerror(errno)
				                                : "too deep to follow");
		} else if (type == DT_REG && w->hashing) {
			enqueue(w, w->path);
		}
		w->path[base] = 0;
		w->plen = base;
	}
	if (errno)
		walk_error(w, strerror(errno));
	closedir(d);
}

int inv_files(struct inv *iv)
{
	const struct inv_options *o = inv_opts(iv);
	if (!o->walk && !o->hash)
		return 0; /* the whole tree only when asked: it is millions of names */
	struct walk *w = xcalloc(1, sizeof(*w));
	w->iv = iv;
	w->hashing = o->hash;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->not_empty, NULL);
	pthread_cond_init(&w->not_full, NULL);
	if (w->hashing) {
		long nc = sysconf(_SC_NPROCESSORS_ONLN);
		unsigned want = o->threads ? o->threads : nc > 0 ? (unsigned)nc : 1;
		for (w->nth = 0; w->nth < want && w->nth < HASH_MAX; w->nth++)
			if (pthread_create(&w->th[w->nth], NULL, hasher, w))
				break;
		if (!w->nth) {
			w->hashing = 0;
			inv_error(iv, NULL, 0, 0, "no hashing thread could start: %s",
			          strerror(errno));
		}
	}
	int fd = inv_open(iv, "/", O_DIRECTORY);
	w->path[0] = '/';
	w->plen = 1;
	if (fd < 0)
		inv_error(iv, "/", 0, 0, "%s", strerror(errno));
	else
		walk_dir(w, fd, 0);
	pthread_mutex_lock(&w->mu);
	w->closing = 1;
	pthread_cond_broadcast(&w->not_empty);
	pthread_mutex_unlock(&w->mu);
	for (unsigned i = 0; i < w->nth; i++)
		pthread_join(w->th[i], NULL);
	pthread_cond_destroy(&w->not_full);
	pthread_cond_destroy(&w->not_empty);
	pthread_mutex_destroy(&w->mu);
	free(w);
	return 0;
}
