/* The host name (hostname(5): /etc/hostname, its first line), which names the asset. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"
#include "util/banned.h"

int inv_hostname(struct inv *iv);
int inv_hostname(struct inv *iv)
{
	size_t n, k;
	const char *s;
	char *b = inv_slurp_opt(iv, "/etc/hostname", 4096, &n);
	if (!b)
		return 0;
	struct lines l;
	lines_init(&l, b, n);
	while (lines_next(&l, &s, &k)) {
		while (k && (*s == ' ' || *s == '\t'))
			s++, k--;
		while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
			k--;
		if (!k || *s == '#') /* comments are allowed */
			continue;
		/* A host name is at most 253 bytes of letters, digits, '-' and '.'. */
		int ok = k <= 253;
		for (size_t i = 0; ok && i < k; i++)
			ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			     (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '.' ||
			     s[i] == '_';
		if (ok)
			inv_obsn(iv, K_HOSTNAME, s, k, "/etc/hostname");
		else
			inv_malformed(iv, "/etc/hostname", l.no, 0, "not a host name");
		break;
	}
	free(b);
	return 0;
}
