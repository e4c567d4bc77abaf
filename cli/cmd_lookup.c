/* bansweep lookup: MAC address or OUI -> organisation, covered vendor, registry block. */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep lookup [options] ADDR...\n"
    "       bansweep lookup [options] -        (one address a line on standard input)\n\n"
    "Looks MAC addresses or prefixes up in the IEEE registries (Wireshark's manuf, ieee-data,\n"
    "arp-scan; longest prefix of 24, 28 or 36 bits wins) and says whether the block belongs to a\n"
    "covered vendor, through the exact organisation names of the knowledge base. Locally\n"
    "administered (randomised) and group addresses are reported as such: no maker can be read\n"
    "from them.\n\n"
    "ADDR: 00:11:22:33:44:55, 00-11-22-33-44-55, 0011.2233.4455, 001122334455, or a prefix\n"
    "such as 4C:BD:8F or 70:B3:D5:F2:F/36.\n\n"
    "Options: --json, --csv, --registry FILE (repeatable), -q, -v; see 'bansweep --help'.\n";

static const char *const cols[] = {"ADDRESS", "BLOCK", "REGISTRY", "ORGANISATION",
                                   "VENDOR",  "ROLE",  "NOTE"};
#define NCOLS (sizeof(cols) / sizeof(*cols))

struct lk {
	struct cli *c;
	struct table *t;
	int bad;
};

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c, (void)opt, (void)arg, (void)ctx;
	return -1;
}

static void one(struct lk *lk, const char *addr)
{
	struct cli *c = lk->c;
	uint64_t mac;
	unsigned bits;
	if (mac_parse(addr, &mac, &bits) < 0) {
		cli_error("lookup: '%s' is not a MAC address or prefix", addr);
		lk->bad = 1;
		return;
	}
	int local = mac_is_local(mac), group = mac_is_group(mac);
	struct reg_hit hit;
	int found = !local && !group && registry_lookup(c->reg, mac, &hit);
	/* A prefix shorter than the block found cannot say which block it is in. */
	if (found && bits < hit.bits) {
		found = 0;
	}
	char block[32] = "", note[160] = "";
	const char *vendor = NULL, *role = NULL, *org = NULL, *kind = NULL, *src = NULL;
	if (found) {
		char txt[18];
		mac_format(hit.prefix, txt);
		snprintf(block, sizeof(block), "%s/%u", txt, hit.bits);
		org = hit.org;
		kind = hit.kind;
		src = hit.source ? hit.source->kind : NULL;
		if (hit.attrib.vendor) {
			vendor = hit.attrib.vendor->slug;
			role = kb_role_name(hit.attrib.role);
		}
		if (hit.attrib.brand) {
			const struct kb_brand *b = hit.attrib.brand;
			snprintf(note, sizeof(note), "%s (%s%s%s)", b->name,
			         kb_relation_name(b->relation), b->vendor ? " of " : "",
			         b->vendor ? b->vendor : "");
		}
	} else if (local) {
		snprintf(note, sizeof(note),
		         "locally administered (randomised): no maker can be read");
	} else if (group) {
		snprintf(note, sizeof(note), "group (multicast/broadcast) address");
	} else {
		snprintf(note, sizeof(note), "not in the registries");
	}
	if (c->fmt == OUT_JSON) {
		struct jw *w = cli_jw(c);
		jw_obj(w);
		jw_kstr(w, "address", addr);
		jw_kstr(w, "block", found ? block : NULL);
		jw_key(w, "bits");
		if (found)
			jw_int(w, hit.bits);
		else
			jw_null(w);
		jw_kstr(w, "registry", kind);
		jw_kstr(w, "organisation", org);
		jw_kstr(w, "vendor", vendor);
		jw_kstr(w, "role", role ? role : "none");
		jw_kstr(w, "brand", found && hit.attrib.brand ? hit.attrib.brand->slug : NULL);
		jw_kbool(w, "randomised", local);
		jw_kbool(w, "group", group);
		jw_kstr(w, "source", src);
		jw_kstr(w, "registry_date", found && hit.source ? hit.source->date : NULL);
		jw_kstr(w, "note", *note ? note : NULL);
		jw_kstr(w, "catalogue", c->kb.version);
		jw_end(w);
		jw_line(w);
		return;
	}
	const char *cells[NCOLS] = {addr, block, kind, org, vendor, role, note};
	if (c->fmt == OUT_CSV) {
		csv_row(stdout, cells, NCOLS);
		return;
	}
	const char *colours[NCOLS] = {0};
	if (vendor)
		colours[4] = hit.attrib.role == ROLE_REVIEW ? "33" : "31";
	table_add(lk->t, cells, colours);
}

int cmd_lookup(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (first >= argc) {
		cli_error("lookup: no address given (try 'bansweep lookup --help')");
		return EXIT_USAGE;
	}
	if (cli_load_registry(c) < 0)
		return EXIT_USAGE;
	struct lk lk = {c, NULL, 0};
	if (c->fmt == OUT_TEXT)
		lk.t = table_new(NCOLS, cols);
	else if (c->fmt == OUT_CSV)
		csv_row(stdout, cols, NCOLS);
	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "-")) {
			one(&lk, argv[i]);
			continue;
		}
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		while ((n = getline(&line, &cap, stdin)) > 0) {
			char *s = bs_trim(line);
			if (*s && *s != '#')
				one(&lk, s);
		}
		free(line);
	}
	if (lk.t) {
		if (!c->quiet)
			cli_text_header(c, stdout, 1);
		table_print(lk.t, stdout, c->colour);
		table_free(lk.t);
	}
	return lk.bad ? EXIT_USAGE : EXIT_OK;
}
