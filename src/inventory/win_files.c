/* Windows images: what sits in Program Files and who signed it (source win-programs).
 *
 * - The top-level folders of "Program Files" and "Program Files (x86)" -> file.path, spelled as
 *   Windows shows them ("C:\Program Files\Kaspersky Lab"): installers name their folder after
 *   the vendor even when the Uninstall entry is gone.
 * - The Authenticode signer (pe_sig.c) of the .exe, .dll and .sys files a few levels under each
 *   of those folders and in Windows/System32/drivers -> pe.signer, once per signer. The walk is
 *   bounded (depth, file count) and reads only the headers and the certificate table. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inventory/img.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define PE_MAX_FILES    4000   /* PE files examined per inventory */
#define PE_MAX_DEPTH    3      /* levels below a Program Files folder */
#define PE_HDR_READ     65536u /* the headers are within the first 64 KiB */
#define DIR_MAX_ENTRIES 20000

struct walk {
	struct hset seen; /* signers already reported */
	size_t files;
	unsigned depth;
	int drivers; /* walking Windows/System32/drivers: each .sys is a file.path too */
};

static int has_pe_ext(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && (!strcasecmp(name + n - 4, ".exe") || !strcasecmp(name + n - 4, ".dll") ||
	                 !strcasecmp(name + n - 4, ".sys"));
}

static int pread_all(int fd, uint8_t *b, size_t n, uint64_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, b + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static void pe_file(struct inv *iv, struct walk *w, const char *path)
{
	int fd = inv_open(iv, path, O_NOFOLLOW);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return;
	}
	size_t n = sb.st_size < (off_t)PE_HDR_READ ? (size_t)sb.st_size : PE_HDR_READ;
	uint8_t *hdr = malloc(n ? n : 1);
	uint32_t off = 0, size = 0;
	uint64_t bad = 0;
	enum pe_status st = PE_NOT_PE;
	if (hdr && pread_all(fd, hdr, n, 0) == 0)
		st = pe_cert_table(hdr, n, &off, &size, &bad);
	else
		inv_error(iv, path, 0, 0, "cannot read: %s",
		          hdr ? strerror(errno) : "out of memory");
	free(hdr);
	inv_count(iv, n);
	if (st == PE_NOT_PE)
		inv_malformed(iv, path, 0, 1, "not a PE file (no MZ and PE signatures)");
	else if (st == PE_BAD)
		inv_malformed(iv, path, bad, 1, "malformed PE headers");
	else if (st == PE_TOO_LARGE)
		inv_malformed(iv, path, 0, 1, "certificate table larger than %u bytes",
		              PE_CERT_TABLE_MAX);
	else if (st == PE_OK && (uint64_t)off + size > (uint64_t)sb.st_size)
		inv_malformed(iv, path, off, 1,
		              "certificate table (%u bytes) past the end of the file", size);
	else if (st == PE_OK) {
		uint8_t *t = malloc(size);
		char org[256];
		if (!t || pread_all(fd, t, size, off) < 0)
			inv_error(iv, path, off, 1, "cannot read the certificate table");
		else if ((st = pe_cert_signer(t, size, org, sizeof(org), &bad)) == PE_BAD)
			inv_malformed(iv, path, off + bad, 1,
			              "malformed Authenticode signature (WIN_CERTIFICATE)");
		else if (st == PE_OK && hset_add(&w->seen, org, strlen(org)))
			inv_obs(iv, K_PE_SIGNER, org, path);
		inv_count(iv, size);
		free(t);
	}
	close(fd);
}

static void walk_entry(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	struct walk *w = ctx;
	char path[IMG_PATH_MAX];
	if (w->files >= PE_MAX_FILES || img_join(path, sizeof(path), dir, name) < 0)
		return;
	if (type == S_IFDIR && w->depth < PE_MAX_DEPTH) {
		w->depth++;
		img_list_dir(iv, path, DIR_MAX_ENTRIES, walk_entry, w);
		w->depth--;
	} else if (type == S_IFREG && has_pe_ext(name)) {
		if (w->drivers) { /* a driver file outlives its service key on a bad uninstall */
			char win[IMG_PATH_MAX + 32];
			snprintf(win, sizeof(win), "C:\\Windows\\System32\\drivers\\%s", name);
			inv_obs(iv, K_FILE_PATH, win, path);
		}
		w->files++;
		pe_file(iv, w, path);
	}
}

struct top {
	struct walk *w;
	const char *shown; /* "Program Files" or "Program Files (x86)" as Windows names it */
};

static void top_entry(struct inv *iv, const char *dir, const char *name, unsigned type, void *ctx)
{
	struct top *t = ctx;
	if (type != S_IFDIR)
		return;
	char where[IMG_PATH_MAX], win[IMG_PATH_MAX + 32];
	if (img_join(where, sizeof(where), dir, name) < 0)
		return;
	snprintf(win, sizeof(win), "C:\\%s\\%s", t->shown, name);
	inv_obs(iv, K_FILE_PATH, win, where);
	t->w->depth = 1;
	img_list_dir(iv, where, DIR_MAX_ENTRIES, walk_entry, t->w);
}

int inv_win_programs(struct inv *iv);
int inv_win_programs(struct inv *iv)
{
	static const char *const tops[] = {"Program Files", "Program Files (x86)"};
	struct walk w;
	memset(&w, 0, sizeof(w));
	char path[IMG_PATH_MAX];
	for (size_t i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "/%s", tops[i]);
		struct top t = {&w, tops[i]};
		if (img_find_ci(iv, want, path, sizeof(path)) == 0 &&
		    img_list_dir(iv, path, DIR_MAX_ENTRIES, top_entry, &t) < 0)
			inv_error(iv, path, 0, 0, "cannot list: %s", strerror(errno));
	}
	/* Drivers: the files themselves, one level (the kl*.sys of Kaspersky live there). */
	if (img_find_ci(iv, "/Windows/System32/drivers", path, sizeof(path)) == 0) {
		w.depth = PE_MAX_DEPTH;
		w.drivers = 1;
		img_list_dir(iv, path, DIR_MAX_ENTRIES, walk_entry, &w);
	}
	if (w.files >= PE_MAX_FILES)
		inv_error(iv, NULL, 0, 0, "stopped signature checks after %u PE files",
		          PE_MAX_FILES);
	hset_release(&w.seen);
	return 0;
}
