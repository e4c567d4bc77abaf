/* CSV asset lists: a spreadsheet or CMDB export, one asset a row, with a header naming the
 * columns however its author liked ("MAC Address", "mac_addr", "IP", "Device Name",
 * "Manufacturer", "S/N"...). Names are compared with case, spaces and punctuation ignored, against
 * the synonyms below; columns of no known meaning are ignored. A row needs an IP, MAC or host
 * name (its asset id, in that order of preference). */
#include <arpa/inet.h>
#include <string.h>

#include "csvrd.h"
#include "util/banned.h"

enum role { R_MAC, R_IP, R_HOST, R_VENDOR, R_MODEL, R_SERIAL, R_N };

/* Synonyms by role, normalised (csvrd_norm), the preferred first: when several columns have one
 * role, the one whose name comes first here is used ("hostname" over "name"). */
static const char *const synonyms[R_N][10] = {
    [R_MAC] = {"mac", "macaddress", "macaddr", "hwaddr", "hwaddress", "physicaladdress",
               "ethernetaddress", NULL},
    [R_IP] = {"ip", "ipaddress", "ipv4", "ipv4address", "ipaddr", "address", NULL},
    [R_HOST] = {"hostname", "host", "fqdn", "dnsname", "devicename", "computername", "name", NULL},
    [R_VENDOR] = {"vendor", "manufacturer", "make", "maker", NULL},
    [R_MODEL] = {"model", "modelname", "product", NULL},
    [R_SERIAL] = {"serial", "serialnumber", "serialno", "sn", NULL},
};

static const char *const role_key[R_N] = {"mac",          "ip",          "hostname",
                                          "asset.vendor", "asset.model", "serial"};

/* The role of a normalised name and its rank among the role's synonyms; -1 for none. */
static int role_of(const char *name, int *rank)
{
	for (int r = 0; r < R_N; r++)
		for (int i = 0; synonyms[r][i]; i++)
			if (!strcmp(name, synonyms[r][i])) {
				*rank = i;
				return r;
			}
	return -1;
}

struct ctx {
	const struct imp_sink *sink;
	struct imp_stats *st;
	long col[R_N]; /* column of each role, -1 when absent */
	int rank[R_N];
};

static int header(void *p, const struct csv_row *r, const char **why)
{
	struct ctx *c = p;
	char name[CSV_NAME];
	for (int i = 0; i < R_N; i++)
		c->col[i] = -1;
	for (size_t i = 0; i < r->n; i++) {
		int rank, role;
		csvrd_norm(r->f[i], r->len[i], name);
		if ((role = role_of(name, &rank)) < 0)
			continue;
		if (c->col[role] < 0 || rank < c->rank[role]) {
			c->col[role] = (long)i;
			c->rank[role] = rank;
		}
	}
	if (c->col[R_MAC] < 0 && c->col[R_IP] < 0 && c->col[R_HOST] < 0) {
		*why = "the header names no MAC, IP or host name column";
		return -1;
	}
	return 0;
}

/* MAC addresses as spreadsheets write them: 6 hex pairs separated by ':' or '-', Cisco's
 * "xxxx.xxxx.xxxx", or 12 bare hex digits. */
static int valid_mac(const char *s, size_t n)
{
	size_t hex = 0, i = 0;
	char sep = 0;
	for (; i < n; i++) {
		if (bs_hexdigit((unsigned char)s[i]) >= 0) {
			hex++;
			continue;
		}
		if (s[i] != ':' && s[i] != '-' && s[i] != '.')
			return 0;
		if (sep && s[i] != sep)
			return 0;
		sep = s[i];
	}
	if (hex != 12)
		return 0;
	if (!sep)
		return n == 12;
	if (sep == '.')
		return n == 14 && s[4] == '.' && s[9] == '.';
	for (i = 2; i < n; i += 3)
		if (s[i] != sep)
			return 0;
	return n == 17;
}

static int valid_ip(const char *s)
{
	unsigned char a[16];
	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

static void row(void *p, const struct csv_row *r)
{
	struct ctx *c = p;
	char *v[R_N] = {0};
	for (int i = 0; i < R_N; i++)
		if (c->col[i] >= 0) {
			char *s = bs_trim(r->f[c->col[i]]);
			size_t n = strlen(s);
			while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				s[--n] = 0;
			v[i] = n ? s : NULL;
		}
	if (v[R_MAC] && !valid_mac(v[R_MAC], strlen(v[R_MAC]))) {
		imp_bad(c->sink, c->st, r->line, r->off, "not a MAC address: \"%.64s\"", v[R_MAC]);
		return;
	}
	if (v[R_IP] && !valid_ip(v[R_IP])) {
		imp_bad(c->sink, c->st, r->line, r->off, "not an IP address: \"%.64s\"", v[R_IP]);
		return;
	}
	const char *asset = v[R_IP] ? v[R_IP] : v[R_MAC] ? v[R_MAC] : v[R_HOST];
	if (!asset) {
		imp_bad(c->sink, c->st, r->line, r->off, "row with no IP, MAC or host name");
		return;
	}
	for (int i = 0; i < R_N; i++)
		imp_obss(c->sink, c->st, asset, role_key[i], v[i], NULL);
	c->sink->record_end(c->sink->ctx);
}

static int csv_read(FILE *f, const struct imp_sink *sink, struct imp_stats *st)
{
	struct ctx c = {sink, st, {0}, {0}};
	const struct csvrd_ops ops = {header, row, NULL};
	return csvrd_read(f, sink, st, &ops, &c);
}

/* A header with an address column scores 60, more with a vendor, model or serial column; a
 * header with only a host name and a vendor or model 40 (a software list has "Name" and
 * "Vendor" too, and scores higher in its own importer). */
static int csv_detect(const char *head, size_t n)
{
	char names[64][CSV_NAME];
	size_t k = csvrd_head_names(head, n, NULL, names, 64);
	int seen[R_N] = {0};
	for (size_t i = 0; i < k; i++) {
		int rank, role = role_of(names[i], &rank);
		if (role >= 0)
			seen[role] = 1;
	}
	int extra = seen[R_VENDOR] || seen[R_MODEL] || seen[R_SERIAL];
	if (seen[R_MAC] || seen[R_IP])
		return extra ? 70 : 60;
	return seen[R_HOST] && extra ? 40 : 0;
}

const struct importer imp_csv_assets = {
    .name = "csv",
    .summary = "CSV asset lists (columns IP, MAC, host name, vendor, model, serial)",
    .detect = csv_detect,
    .read = csv_read,
    .whole_records = 1,
    .line_records = 0,
};
