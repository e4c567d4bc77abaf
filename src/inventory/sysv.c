/* SysV init scripts: the names in /etc/init.d (svc.name), for services installed without a
 * systemd unit and for systems without systemd.
 *
 * Scripts made from Debian's /etc/init.d/skeleton (and most vendors') name their program in a
 * DAEMON=PATH line. An init script is a configuration file that dpkg keeps when the package is
 * removed but not purged: a script whose DAEMON programs are all missing from the root is a
 * trace of removal (svc.residue), not a service. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

#define SCRIPT_MAX (1u << 20)

/* DAEMON=PATH, DAEMON="PATH" or DAEMON='PATH' at the start of a line (after blanks, and an
 * optional "export " or "readonly "): each PATH to pg. */
static void sysv_daemons(struct inv *iv, const char *b, size_t n, struct progs *pg)
{
	static const char key[] = "DAEMON=";
	static const char *const lead[] = {"export ", "readonly "};
	struct lines l;
	const char *s;
	size_t k;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		while (k && (*s == ' ' || *s == '\t'))
			s++, k--;
		for (size_t i = 0; i < sizeof(lead) / sizeof(*lead); i++) {
			size_t ln = strlen(lead[i]);
			if (k >= ln && !memcmp(s, lead[i], ln))
				s += ln, k -= ln;
		}
		if (k < sizeof(key) - 1 || memcmp(s, key, sizeof(key) - 1))
			continue;
		s += sizeof(key) - 1, k -= sizeof(key) - 1;
		size_t w = 0;
		if (k && (*s == '"' || *s == '\'')) {
			const char *q = memchr(s + 1, *s, k - 1);
			if (!q) { /* unterminated: not a value that can be told */
				pg->unknown++;
				continue;
			}
			w = (size_t)(q - s - 1);
			s++;
		} else {
			while (w < k && !strchr(" \t;#&|", s[w]))
				w++;
		}
		progs_check(iv, pg, s, w);
	}
}

static void script(struct inv *iv, const char *name, const char *path, void *ctx)
{
	(void)ctx;
	/* Debian's template and notes, and package managers' leftovers, are no services. */
	static const char *const skip[] = {"README", "skeleton", "functions", "rc", "rcS"};
	for (size_t i = 0; i < sizeof(skip) / sizeof(*skip); i++)
		if (!strcmp(name, skip[i]))
			return;
	size_t n = strlen(name);
	if (strchr(name, '~') || (n > 8 && !strcmp(name + n - 8, ".dpkg-old")) ||
	    (n > 9 && !strcmp(name + n - 9, ".dpkg-dist")))
		return;
	struct progs pg;
	memset(&pg, 0, sizeof(pg));
	size_t len = 0;
	char *b = inv_slurp_opt(iv, path, SCRIPT_MAX, &len);
	if (b)
		sysv_daemons(iv, b, len, &pg);
	free(b);
	if (progs_residue(&pg)) {
		char where[4200];
		snprintf(where, sizeof(where), "%s (DAEMON %s is missing)", path, pg.missing_path);
		inv_obs(iv, K_SVC_RESIDUE, name, where);
	} else {
		inv_obs(iv, K_SVC_NAME, name, path);
	}
}

int inv_sysv(struct inv *iv);
int inv_sysv(struct inv *iv)
{
	inv_each_entry(iv, "/etc/init.d", 0, script, NULL);
	return 0;
}
