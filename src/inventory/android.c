/* Android: the installed packages, from an image of the data partition or from a package list
 * taken from the device (android.package per package).
 *
 * - data/system/packages.xml: the package manager's database (AOSP frameworks/base, Settings
 *   .java), one <package name="..."> per package. Android 12+ may write it as binary XML ("ABX",
 *   BinaryXmlSerializer), which is reported as not supported rather than read as garbage.
 * - data/system/packages.list: one line per package, the name first (AOSP PackageManager).
 * - `pm list packages -f` output saved from `adb shell`: at the top of the root as
 *   pm-list-packages.txt or pm-list.txt, or any file the user names (inv_options.pm_list). */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/xml.h"
#include "inventory/img.h"
#include "util/banned.h"

/* packages.xml of a phone with a few hundred apps is a few MB. */
#define ANDROID_XML_MAX  (64u << 20)
#define ANDROID_LIST_MAX (16u << 20)

struct first_err {
	int seen;
	uint64_t line;
	char msg[200];
};

/* libxml2's structured error callback; userData is the parser context. */
static void keep_first(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctx = user;
	struct first_err *fe = ctx ? ctx->_private : NULL;
	if (!fe || fe->seen || !e || e->level < XML_ERR_ERROR)
		return;
	fe->seen = 1;
	fe->line = e->line > 0 ? (uint64_t)e->line : 0;
	size_t k = bs_strlcpy(fe->msg, e->message ? e->message : "error", sizeof(fe->msg));
	while (k > 0 && (fe->msg[k - 1] == '\n' || fe->msg[k - 1] == ' '))
		fe->msg[--k] = 0;
}

static void packages_xml(struct inv *iv)
{
	static const char path[] = "/data/system/packages.xml";
	size_t len = 0;
	char *b = inv_slurp(iv, path, ANDROID_XML_MAX, &len);
	if (!b) {
		if (errno != ENOENT)
			inv_error(iv, path, 0, 0, "cannot read: %s", strerror(errno));
		return;
	}
	if (len >= 4 && !memcmp(b, "ABX\0", 4)) {
		inv_error(
		    iv, path, 0, 1,
		    "binary XML (ABX, Android 12 and later) is not supported: convert it with "
		    "abx2xml on the device, or give a `pm list packages -f` output instead");
		free(b);
		return;
	}
	proto_xml_init();
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	struct first_err fe = {0, 0, ""};
	if (ctx) {
		/* The first error is the one that tells what is wrong (the last one is often
		 * "premature end of data"); a structured handler also keeps libxml2 quiet. */
		ctx->sax->serror = keep_first;
		ctx->_private = &fe;
	}
	/* No network, no DTD loading, no entity substitution (XXE); recover to keep the packages
	 * before a damaged spot, which is still reported. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER;
	xmlDocPtr doc =
	    ctx && len <= INT32_MAX ? xmlCtxtReadMemory(ctx, b, (int)len, path, NULL, opts) : NULL;
	if (fe.seen)
		inv_malformed(iv, path, fe.line, 0, "not well-formed XML: %s", fe.msg);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && xmlStrcmp(root->name, BAD_CAST "packages"))
		inv_malformed(iv, path, (uint64_t)xmlGetLineNo(root), 0,
		              "root element is <%s>, not <packages>", (const char *)root->name);
	else if (root)
		for (xmlNodePtr n = root->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "package"))
				continue;
			xmlChar *name = xmlGetProp(n, BAD_CAST "name");
			if (name && *name)
				inv_obs(iv, K_ANDROID_PACKAGE, (const char *)name, path);
			xmlFree(name);
		}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	free(b);
}

/* packages.list: "NAME UID DEBUGGABLE DATADIR SEINFO GIDS...". */
static void packages_list(struct inv *iv)
{
	static const char path[] = "/data/system/packages.list";
	size_t len = 0;
	char *b = inv_slurp(iv, path, ANDROID_LIST_MAX, &len);
	if (!b) {
		if (errno != ENOENT)
			inv_error(iv, path, 0, 0, "cannot read: %s", strerror(errno));
		return;
	}
	size_t line = 0;
	for (char *s = b; s < b + len;) {
		char *nl = memchr(s, '\n', (size_t)(b + len - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(b + len - s);
		line++;
		size_t k = strcspn(s, " \t\r\n");
		if (k > n)
			k = n;
		if (k && k < n && s[k] == ' ')
			inv_obsn(iv, K_ANDROID_PACKAGE, s, k, path);
		else if (n)
			inv_malformed(iv, path, line, 0,
			              "not a \"name uid ...\" line of packages.list");
		s += n + 1;
	}
	free(b);
}

int inv_android_packages(struct inv *iv);
int inv_android_packages(struct inv *iv)
{
	packages_xml(iv);
	packages_list(iv);
	return 0;
}

struct pm_ctx {
	struct inv *iv;
	const char *path;
};

static void pm_name(void *c, const char *s, size_t n, size_t line)
{
	struct pm_ctx *p = c;
	(void)line;
	inv_obsn(p->iv, K_ANDROID_PACKAGE, s, n, p->path);
}

static void pm_bad(void *c, size_t line, const char *why)
{
	struct pm_ctx *p = c;
	inv_malformed(p->iv, p->path, line, 0, "%s", why);
}

static void pm_list_buf(struct inv *iv, const char *path, const char *b, size_t len)
{
	struct pm_ctx c = {iv, path};
	if (pm_list_parse(b, len, pm_name, pm_bad, &c) == 0)
		inv_malformed(iv, path, 0, 0, "no package found in this pm list output");
}

/* The user's own file, outside the root: read as given. */
static void pm_list_user(struct inv *iv, const char *file)
{
	FILE *f = fopen(file, "re");
	if (!f) {
		inv_error(iv, file, 0, 0, "cannot open: %s", strerror(errno));
		return;
	}
	char *b = malloc(ANDROID_LIST_MAX + 1);
	size_t len = b ? fread(b, 1, ANDROID_LIST_MAX + 1, f) : 0;
	int err = ferror(f);
	fclose(f);
	if (!b || err || len > ANDROID_LIST_MAX)
		inv_error(iv, file, 0, 0, "%s",
		          !b    ? "out of memory"
		          : err ? "read error"
		                : "too large");
	else {
		inv_count(iv, len);
		pm_list_buf(iv, file, b, len);
	}
	free(b);
}

int inv_android_pm_list(struct inv *iv);
int inv_android_pm_list(struct inv *iv)
{
	static const char *const places[] = {"/pm-list-packages.txt", "/pm-list.txt"};
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		size_t len = 0;
		char *b = inv_slurp(iv, places[i], ANDROID_LIST_MAX, &len);
		if (b)
			pm_list_buf(iv, places[i], b, len);
		else if (errno != ENOENT)
			inv_error(iv, places[i], 0, 0, "cannot read: %s", strerror(errno));
		free(b);
	}
	if (inv_opts(iv)->pm_list)
		pm_list_user(iv, inv_opts(iv)->pm_list);
	return 0;
}
