/* RPM packages: the rpm database of the root (/var/lib/rpm: rpmdb.sqlite on Fedora and RHEL 9,
 * Packages (Berkeley DB) on RHEL 7/8, Packages.db (ndb) on SUSE), read with librpm: each
 * package's name (pkg.name), vendor and packager (pkg.maintainer).
 * librpm opens the database by path: it is handed the database directory opened inside the root
 * (inv_open), as /proc/self/fd/N, so that a link in the image cannot lead it to the running
 * machine's files; the database files in that directory must be plain files, not links. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#ifdef BS_HAVE_RPM
#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>
#endif
#include "util/banned.h"

#define DBPATH "/var/lib/rpm"

#ifdef BS_HAVE_RPM

static struct inv *log_iv; /* librpm's log callback has one global slot */

static int on_log(rpmlogRec rec, rpmlogCallbackData data)
{
	(void)data;
	if (log_iv && rpmlogRecPriority(rec) <= RPMLOG_ERR) {
		char msg[400];
		snprintf(msg, sizeof(msg), "%s", rpmlogRecMessage(rec));
		msg[strcspn(msg, "\n")] = 0;
		inv_malformed(log_iv, DBPATH, 0, 0, "librpm: %s", msg);
	}
	return 0; /* never printed: only cli/ prints */
}

static void read_db(struct inv *iv, const char *backend, const char *file)
{
	char where[512];
	int dir = inv_open(iv, DBPATH, O_DIRECTORY);
	if (dir < 0) {
		inv_error(iv, DBPATH, 0, 0, "could not read: %s", strerror(errno));
		return;
	}
	struct stat sb;
	if (fstatat(dir, file, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(sb.st_mode)) {
		inv_error(iv, DBPATH, 0, 0, "could not read: %s is not a plain file", file);
		close(dir);
		return;
	}
	char dbpath[64];
	snprintf(dbpath, sizeof(dbpath), "/proc/self/fd/%d", dir);
	/* The machine's rpm configuration is not the image's: the database's place and format are
	 * set here, not read from either's macros (Debian's rpm puts _dbpath in ~/.rpmdb). */
	rpmPushMacro(NULL, "_dbpath", NULL, dbpath, RMIL_CMDLINE);
	rpmPushMacro(NULL, "_db_backend", NULL, backend, RMIL_CMDLINE);
	log_iv = iv;
	rpmlogSetCallback(on_log, NULL);
	rpmts ts = rpmtsCreate();
	rpmtsSetRootDir(ts, "/");
	rpmtsSetVSFlags(ts, _RPMVSF_NOSIGNATURES | _RPMVSF_NODIGESTS);
	rpmdbMatchIterator mi = rpmtsInitIterator(ts, RPMDBI_PACKAGES, NULL, 0);
	Header h;
	while (mi && (h = rpmdbNextIterator(mi))) {
		const char *name = headerGetString(h, RPMTAG_NAME);
		const char *ver = headerGetString(h, RPMTAG_VERSION);
		const char *rel = headerGetString(h, RPMTAG_RELEASE);
		const char *vendor = headerGetString(h, RPMTAG_VENDOR);
		const char *packager = headerGetString(h, RPMTAG_PACKAGER);
		inv_count(iv, 0);
		if (!name || !*name)
			continue;
		snprintf(where, sizeof(where), "rpm database " DBPATH " (version %s-%s)",
		         ver ? ver : "?", rel ? rel : "?");
		inv_obs(iv, K_PKG_NAME, name, where);
		if (vendor && *vendor)
			inv_obs(iv, K_PKG_MAINTAINER, vendor, where);
		if (packager && *packager && (!vendor || strcmp(vendor, packager)))
			inv_obs(iv, K_PKG_MAINTAINER, packager, where);
	}
	rpmdbFreeIterator(mi);
	rpmtsFree(ts);
	rpmlogSetCallback(NULL, NULL);
	log_iv = NULL;
	rpmPopMacro(NULL, "_db_backend");
	rpmPopMacro(NULL, "_dbpath");
	close(dir);
}
#endif

static int has(struct inv *iv, const char *path)
{
	int fd = inv_open(iv, path, 0);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int inv_rpm(struct inv *iv);
int inv_rpm(struct inv *iv)
{
	/* Most roots have no rpm database: only one that exists is opened (librpm would make
	 * an empty one, or complain). */
	const char *backend = has(iv, DBPATH "/rpmdb.sqlite")  ? "sqlite"
	                      : has(iv, DBPATH "/Packages.db") ? "ndb"
	                      : has(iv, DBPATH "/Packages")    ? "bdb_ro"
	                                                       : NULL;
	if (!backend)
		return 0;
	/* A file that is no SQLite database at all is said so here: librpm's failure to open one
	 * leaks the half-open handle (rpm 4.18). */
	if (!strcmp(backend, "sqlite")) {
		static const char magic[16] = "SQLite format 3"; /* with its NUL: 16 bytes */
		char head[16];
		int fd = inv_open(iv, DBPATH "/rpmdb.sqlite", 0);
		ssize_t n = fd < 0 ? -1 : read(fd, head, sizeof(head));
		if (fd >= 0)
			close(fd);
		if (n >= 0 && (n != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(head)))) {
			inv_malformed(iv, DBPATH "/rpmdb.sqlite", 0, 0, "not an SQLite database");
			return 0;
		}
	}
#ifdef BS_HAVE_RPM
	read_db(iv, backend,
	        !strcmp(backend, "sqlite") ? "rpmdb.sqlite"
	        : !strcmp(backend, "ndb")  ? "Packages.db"
	                                   : "Packages");
#else
	inv_error(iv, DBPATH, 0, 0, "could not read: bansweep was built without librpm");
#endif
	return 0;
}
