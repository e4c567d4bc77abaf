/* The output of Android's package manager listing, `adb shell pm list packages` (AOSP
 * frameworks/base, PackageManagerShellCommand runListPackages):
 *   package:NAME                      plain
 *   package:PATH=NAME                 -f: the APK path first; since Android 11 the path holds
 *                                     base64 directory names with '=' ("/data/app/~~Xy==/..."),
 *                                     so the name is after the LAST '='
 *   package:PATH=NAME uid:10123       -U, and " installer=..." (-i), " versionCode:N" after a space
 * Lines that are none of these are reported, with their number, and skipped. */
#include <string.h>

#include "inventory/img.h"
#include "util/banned.h"

/* A Java-style package name: letters, digits, '_' and '.', starting with a letter ("android",
 * the framework, has no dot). */
static int valid_name(const char *s, size_t n)
{
	if (!n || n > 255 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.'))
			return 0;
	}
	return s[n - 1] != '.';
}

size_t pm_list_parse(const char *buf, size_t len,
                     void (*name)(void *ctx, const char *s, size_t n, size_t line),
                     void (*bad)(void *ctx, size_t line, const char *why), void *ctx)
{
	static const char tag[] = "package:";
	const size_t tn = sizeof(tag) - 1;
	size_t count = 0, line = 0;
	for (size_t i = 0; i < len;) {
		const char *s = buf + i;
		const char *nl = memchr(s, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) : len - i;
		i += n + (nl != NULL);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (!n)
			continue;
		if (n < tn || memcmp(s, tag, tn)) {
			bad(ctx, line, "not a \"package:\" line of pm list packages");
			continue;
		}
		const char *v = s + tn;
		size_t vn = n - tn;
		/* Options after the first blank (uid:, installer=, versionCode:). */
		for (size_t k = 0; k < vn; k++)
			if (v[k] == ' ' || v[k] == '\t') {
				vn = k;
				break;
			}
		for (size_t k = vn; k > 0; k--)
			if (v[k - 1] == '=') {
				v += k;
				vn -= k;
				break;
			}
		if (!valid_name(v, vn)) {
			bad(ctx, line, "no valid package name after \"package:\"");
			continue;
		}
		name(ctx, v, vn, line);
		count++;
	}
	return count;
}
