/* Windows images: the win-services source, SYSTEM\ControlSetNNN\Services\* of the control set
 * Select\Current names (services and drivers alike, Microsoft Learn "CurrentControlSet\Services
 * Subkey Entries"): the key name -> svc.name, the executable of ImagePath -> file.path.
 *
 * A service whose ImagePath file is missing from the root outlived the product that installed it
 * (uninstallers that fail or are cut short leave the service key behind): svc.residue, a trace of
 * removal, instead of svc.name and file.path. The root is taken as the system volume, C:. */
#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "bansweep/buf.h"
#include "inventory/hive.h"
#include "util/banned.h"

/* The executable of an ImagePath command line: the quoted part, or up to the first ".exe",
 * ".sys" or ".dll" that a blank or the end follows; the NT prefix "\??\" is dropped. */
static size_t image_exe(const char *s, const char **out)
{
	while (*s == ' ')
		s++;
	if (!strncmp(s, "\\??\\", 4))
		s += 4;
	size_t n = strlen(s);
	if (*s == '"') {
		s++;
		const char *q = strchr(s, '"');
		n = q ? (size_t)(q - s) : strlen(s);
	} else {
		for (size_t i = 0; i + 4 <= n; i++) {
			if (s[i] != '.' || (s[i + 4] && s[i + 4] != ' '))
				continue;
			if (!strncasecmp(s + i, ".exe", 4) || !strncasecmp(s + i, ".sys", 4) ||
			    !strncasecmp(s + i, ".dll", 4)) {
				n = i + 4;
				break;
			}
		}
	}
	while (n && s[n - 1] == ' ')
		n--;
	*out = s;
	return n;
}

/* The file an ImagePath executable names, as a path inside the root, into out: "C:\X",
 * "\SystemRoot\X", "%SystemRoot%\X" (and %windir%, %ProgramFiles%, %ProgramFiles(x86)%,
 * %ProgramData%, %SystemDrive%), "\X", and relative paths, which are relative to the Windows
 * folder (drivers' "System32\drivers\X.sys"). -1 for what cannot be told from the root: another
 * drive, another variable, "." or ".." components. */
int win_image_path(const char *s, size_t n, char *out, size_t outsz)
{
	static const struct {
		const char *prefix, *dir;
	} map[] = {
	    {"\\SystemRoot\\", "/Windows"},
	    {"%SystemRoot%\\", "/Windows"},
	    {"%windir%\\", "/Windows"},
	    {"%ProgramFiles%\\", "/Program Files"},
	    {"%ProgramFiles(x86)%\\", "/Program Files (x86)"},
	    {"%ProgramData%\\", "/ProgramData"},
	    {"%SystemDrive%\\", ""},
	    {"C:\\", ""},
	    {"\\", ""},
	};
	const char *dir = "/Windows";
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++) {
		size_t k = strlen(map[i].prefix);
		if (n >= k && !strncasecmp(s, map[i].prefix, k)) {
			dir = map[i].dir;
			s += k, n -= k;
			break;
		}
	}
	if (memchr(s, ':', n) || memchr(s, '%', n) || memchr(s, 0, n))
		return -1;
	size_t o = strlen(dir);
	if (o + 1 + n + 1 > outsz)
		return -1;
	memcpy(out, dir, o);
	/* Component by component: backslashes become slashes, empty ones are dropped. */
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e] != '\\')
			e++;
		size_t k = e - i;
		if ((k == 1 && s[i] == '.') || (k == 2 && s[i] == '.' && s[i + 1] == '.'))
			return -1;
		if (k) {
			out[o++] = '/';
			memcpy(out + o, s + i, k);
			o += k;
		}
		i = e + 1;
	}
	out[o] = 0;
	return o > strlen(dir) ? 0 : -1;
}

/* The folder last looked up in any case, and where it is on disk: most services are drivers in
 * one folder (system32\drivers), which a real image has thousands of names beside. */
struct dircache {
	char want[IMG_PATH_MAX], disk[IMG_PATH_MAX];
	int state; /* 1 found, 0 absent, -1 cannot tell */
};

/* Is the ImagePath executable missing from the root? Its exact spelling first, then any case
 * (images spell "system32\DRIVERS" as they like). 0 when it is there or cannot be told. */
static int image_missing(struct inv *iv, struct dircache *dc, const char *exe, size_t n)
{
	char path[IMG_PATH_MAX], file[IMG_PATH_MAX], found[256];
	struct stat sb;
	if (win_image_path(exe, n, path, sizeof(path)) < 0)
		return 0;
	if (inv_stat(iv, path, &sb) == 0)
		return 0;
	if (errno != ENOENT && errno != ENOTDIR)
		return 0;
	char *slash = strrchr(path, '/'); /* win_image_path starts it with '/' */
	const char *base = slash + 1;
	*slash = 0;
	if (!dc->want[0] || strcasecmp(dc->want, path)) {
		bs_strlcpy(dc->want, path, sizeof(dc->want));
		int rc = img_find_ci(iv, path[0] ? path : "/", dc->disk, sizeof(dc->disk));
		dc->state = rc == 0 ? 1 : errno == ENOENT ? 0 : -1;
	}
	if (dc->state <= 0)
		return dc->state == 0;
	if (img_join(file, sizeof(file), dc->disk, base) < 0)
		return 0;
	if (inv_stat(iv, file, &sb) == 0)
		return 0;
	return img_find_entry(iv, dc->disk, base, strlen(base), found, sizeof(found)) < 0 &&
	       errno == ENOENT;
}

int inv_win_services(struct inv *iv);
int inv_win_services(struct inv *iv)
{
	struct hive hv;
	if (hive_open(iv, "SYSTEM", &hv) < 0)
		return 0;
	/* Select\Current: the number of the control set the machine booted with last. */
	unsigned cur = 1;
	hive_node_h sel = hive_path(hv.h, hivex_root(hv.h), "Select");
	hive_value_h v = sel ? hivex_node_get_value(hv.h, sel, "Current") : 0;
	errno = 0;
	int32_t d = v ? hivex_value_dword(hv.h, v) : 1;
	if (v && errno == 0 && d > 0 && d < 1000)
		cur = (unsigned)d;
	else if (v)
		inv_malformed(iv, hv.path, 0, 0, "Select\\Current is not a control set number");
	char key[64];
	snprintf(key, sizeof(key), "ControlSet%03u\\Services", cur);
	hive_node_h base = hive_path(hv.h, hivex_root(hv.h), key);
	hive_node_h *kids = base ? hivex_node_children(hv.h, base) : NULL;
	if (!kids) {
		inv_malformed(iv, hv.path, 0, 0, "no %s key", key);
		hivex_close(hv.h);
		return 0;
	}
	struct dircache *dc = calloc(1, sizeof(*dc));
	for (size_t i = 0; kids[i] && i < HIVE_MAX_KEYS; i++) {
		char *name = hivex_node_name(hv.h, kids[i]);
		if (!name)
			continue;
		char where[IMG_PATH_MAX + 512], gone[2 * IMG_PATH_MAX + 600];
		hive_where(where, sizeof(where), &hv, key, name);
		char *img = hive_str(hv.h, kids[i], "ImagePath");
		const char *exe = NULL;
		size_t n = img ? image_exe(img, &exe) : 0;
		if (n && dc && image_missing(iv, dc, exe, n)) {
			snprintf(gone, sizeof(gone), "%s (ImagePath %.*s is missing)", where,
			         (int)(n < IMG_PATH_MAX ? n : IMG_PATH_MAX), exe);
			inv_obs(iv, K_SVC_RESIDUE, name, gone);
		} else {
			inv_obs(iv, K_SVC_NAME, name, where);
			if (n)
				inv_obsn(iv, K_FILE_PATH, exe, n, where);
		}
		free(name);
		free(img);
	}
	free(dc);
	free(kids);
	hivex_close(hv.h);
	return 0;
}
