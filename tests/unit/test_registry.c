/* MAC registry unit tests on the small fixtures of tests/fixtures/registry/: each source format,
 * the priority merge, longest-prefix matching, local/group bits, MAC address text, and the cache
 * (reused, invalidated by a changed source, rejected and rebuilt when corrupt, optional when its
 * directory cannot be written). */
#include "unit/cm.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/kb.h"
#include "bansweep/registry.h"
#include "core/registry_int.h"
#include "util/banned.h"

#define FIX BS_SOURCE_DIR "/tests/fixtures/registry/"

static const char *const manuf_only[] = {FIX "manuf", NULL};
static const char *const csv_only[] = {FIX "ieee/oui.csv", FIX "ieee/mam.csv", FIX "ieee/oui36.csv",
                                       NULL};
static const char *const arp_only[] = {FIX "ieee-oui.txt", NULL};
static const char *const all[] = {FIX "manuf",          FIX "ieee/oui.csv", FIX "ieee/mam.csv",
                                  FIX "ieee/oui36.csv", FIX "ieee-oui.txt", NULL};

static struct kb kb;

static int load_kb(void **state)
{
	(void)state;
	struct bs_err e;
	if (kb_load(&kb, BS_DATADIR_SOURCE, &e) < 0) {
		fprintf(stderr, "kb: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int free_kb(void **state)
{
	(void)state;
	kb_release(&kb);
	return 0;
}

static struct registry *open_paths(const char *const *paths, const char *cache)
{
	struct registry *r = NULL;
	struct bs_err e = {{0}};
	struct reg_options o = {paths, cache};
	if (registry_open(&r, &kb, &o, &e) < 0)
		fail_msg("registry_open: %s", e.msg);
	return r;
}

static uint64_t mac(const char *s)
{
	uint64_t m;
	unsigned bits;
	assert_int_equal(mac_parse(s, &m, &bits), 0);
	return m;
}

/* Looks addr up and checks the block found (NULL org: no block). */
static void expect(const struct registry *r, const char *addr, const char *org, unsigned bits,
                   const char *kind)
{
	struct reg_hit h;
	int found = registry_lookup(r, mac(addr), &h);
	if (!org) {
		if (found)
			fail_msg("%s: found %s, expected nothing", addr, h.org);
		return;
	}
	if (!found)
		fail_msg("%s: not found, expected %s", addr, org);
	assert_string_equal(h.org, org);
	assert_int_equal(h.bits, bits);
	assert_string_equal(h.source->kind, kind);
	assert_int_equal(h.prefix & ((1ull << (48 - bits)) - 1), 0);
	assert_int_equal(h.prefix >> (48 - bits), mac(addr) >> (48 - bits));
}

static void test_manuf(void **state)
{
	(void)state;
	struct registry *r = open_paths(manuf_only, "");
	/* 11 blocks; multicast, /40, /44 and a full address are not blocks; one line is broken */
	assert_int_equal(registry_count(r), 11);
	assert_int_equal(registry_nsources(r), 1);
	const struct reg_source *s = registry_source(r, 0);
	assert_string_equal(s->kind, "manuf");
	assert_string_equal(s->date, "2024-09-03"); /* newest Last-Modified of the header */
	assert_int_equal(s->blocks, 11);
	const char *first;
	assert_int_equal(registry_source_skipped(r, 0, &first), 1);
	assert_non_null(strstr(first, "manuf:26: bad address"));
	expect(r, "00:00:0C:12:34:56", "Cisco Systems, Inc", 24, "manuf");
	expect(r, "00:13:52:00:00:01", "Naztec", 24, "manuf"); /* short name only */
	expect(r, "02:60:8C:00:00:01", "3Com", 24, "manuf");   /* comment cut */
	expect(r, "3C:EF:8C:00:00:01", "Zhejiang Dahua Technology Co., Ltd.", 24, "manuf");
	expect(r, "01:0E:CF:00:00:01", NULL, 0, NULL);
	expect(r, "FF:FF:FF:FF:FF:FF", NULL, 0, NULL);
	assert_string_equal(registry_date(r), "2024-09-03");
	registry_free(r);
}

static void test_csv(void **state)
{
	(void)state;
	struct registry *r = open_paths(csv_only, "");
	assert_int_equal(registry_count(r), 10);
	assert_int_equal(registry_nsources(r), 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(registry_source(r, i)->kind, "ieee-csv");
		/* ieee-data's .lastupdate: 1661630937 */
		assert_string_equal(registry_source(r, i)->date, "2022-08-27");
	}
	const char *first;
	assert_int_equal(registry_source_skipped(r, 0, &first), 1);
	/* the line count goes on across the quoted address that spans two lines */
	assert_non_null(strstr(first, "oui.csv:8: "));
	expect(r, "00:00:0C:00:00:01", "CISCO SYSTEMS, INC.", 24, "ieee-csv");
	expect(r, "BC:AD:28:01:02:03", "Hangzhou Hikvision Digital Technology Co.,Ltd.", 24,
	       "ieee-csv");
	expect(r, "00:12:4A:00:00:00", "Quoted \"Name\" Test Co.", 24, "ieee-csv");
	expect(r, "0C:8C:24:00:00:00", "Padded Name Ltd", 24, "ieee-csv");
	expect(r, "18:D7:93:60:00:01", "Autel lntelligent Technology Corp.,Ltd", 28, "ieee-csv");
	expect(r, "18:D7:93:70:00:01", NULL, 0, NULL);
	expect(r, "70:B3:D5:0A:E1:23", "Norsat International Inc.", 36, "ieee-csv");
	expect(r, "70:B3:D5:0A:F1:23", NULL, 0, NULL);
	registry_free(r);
}

static void test_arpscan(void **state)
{
	(void)state;
	struct registry *r = open_paths(arp_only, "");
	assert_int_equal(registry_count(r), 5);
	const struct reg_source *s = registry_source(r, 0);
	assert_string_equal(s->kind, "arp-scan");
	assert_string_equal(s->date, "2022-12-10"); /* "generated by get-oui at 2022-12-10" */
	const char *first;
	assert_int_equal(registry_source_skipped(r, 0, &first), 1);
	assert_non_null(strstr(first, "ieee-oui.txt:10: bad prefix"));
	expect(r, "00:00:00:00:00:01", "XEROX CORPORATION", 24, "arp-scan");
	expect(r, "18:D7:93:70:00:01", "Fictional Twenty-Eight Co.", 28, "arp-scan");
	expect(r, "8C:1F:64:41:2F:FF", "Comercial Electronica Studio-2 s.l.", 36, "arp-scan");
	expect(r, "8C:1F:64:41:30:00", NULL, 0, NULL);
	registry_free(r);
}

static void test_priority_merge(void **state)
{
	(void)state;
	struct registry *r = open_paths(all, "");
	assert_int_equal(registry_nsources(r), 5);
	/* manuf 11; oui.csv 6 less 00:00:0C; mam 2; oui36 2 less 70:B3:D5:F2:F; arp-scan 5 less
	 * 4C:BD:8F */
	size_t want[] = {11, 5, 2, 1, 4}, sum = 0;
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(registry_source(r, i)->blocks, want[i]);
		sum += want[i];
	}
	assert_int_equal(registry_count(r), sum);
	expect(r, "00:00:0C:00:00:01", "Cisco Systems, Inc", 24, "manuf");
	expect(r, "70:B3:D5:F2:F0:01", "Teleplatforms", 36, "manuf");
	expect(r, "4C:BD:8F:00:00:01", "Hangzhou Hikvision Digital Technology Co.,Ltd.", 24,
	       "manuf");
	expect(r, "BC:AD:28:00:00:01", "Hangzhou Hikvision Digital Technology Co.,Ltd.", 24,
	       "ieee-csv");
	expect(r, "00:00:00:00:00:01", "XEROX CORPORATION", 24, "arp-scan");
	/* both 28-bit blocks under 18:D7:93 survive: they are different blocks */
	expect(r, "18:D7:93:60:00:01", "Autel lntelligent Technology Corp.,Ltd", 28, "ieee-csv");
	expect(r, "18:D7:93:70:00:01", "Fictional Twenty-Eight Co.", 28, "arp-scan");
	assert_string_equal(registry_date(r), "2024-09-03");

	/* the walk is sorted by (prefix, bits) and holds every block once */
	struct reg_hit h, prev = {0};
	for (size_t i = 0; i < registry_count(r); i++) {
		registry_entry(r, i, &h);
		if (i)
			assert_true(h.prefix > prev.prefix ||
			            (h.prefix == prev.prefix && h.bits > prev.bits));
		assert_true(h.bits == 24 || h.bits == 28 || h.bits == 36);
		assert_string_equal(h.kind, h.bits == 24 ? "MA-L" : h.bits == 28 ? "MA-M" : "MA-S");
		prev = h;
	}
	registry_free(r);
}

static void test_longest_prefix(void **state)
{
	(void)state;
	struct registry *r = open_paths(manuf_only, "");
	expect(r, "70:B3:D5:F2:F1:23", "Teleplatforms", 36, "manuf");
	expect(r, "70:B3:D5:F2:FF:FF", "Teleplatforms", 36, "manuf");
	expect(r, "70:B3:D5:F3:00:00", "Twenty-Eight Bit Test Org", 28, "manuf");
	expect(r, "70:B3:D5:F0:00:01", "Twenty-Eight Bit Test Org", 28, "manuf");
	expect(r, "70:B3:D5:EF:FF:FF", "IEEE Registration Authority", 24, "manuf");
	expect(r, "70:B3:D5:00:00:01", "IEEE Registration Authority", 24, "manuf");
	/* a 28-bit block without a 24-bit one above it: outside it, nothing */
	expect(r, "00:55:DA:1F:FF:FF", "KoolPOS Inc.", 28, "manuf");
	expect(r, "00:55:DA:20:00:00", NULL, 0, NULL);
	expect(r, "00:55:DA:0F:FF:FF", NULL, 0, NULL);
	/* bits above the 48 of an address are ignored */
	struct reg_hit h;
	assert_int_equal(registry_lookup(r, mac("70:B3:D5:F2:F1:23") | (1ull << 60), &h), 1);
	assert_int_equal(h.bits, 36);
	registry_free(r);
}

static void test_attribution(void **state)
{
	(void)state;
	struct registry *r = open_paths(all, "");
	struct reg_hit h;
	assert_int_equal(registry_lookup(r, mac("4C:BD:8F:00:00:01"), &h), 1);
	assert_int_equal(h.attrib.role, ROLE_MAKER);
	assert_non_null(h.attrib.vendor);
	assert_string_equal(h.attrib.vendor->slug, "hikvision");
	assert_int_equal(registry_lookup(r, mac("60:60:1F:00:00:01"), &h), 1);
	assert_int_equal(h.attrib.role, ROLE_MAKER);
	assert_string_equal(h.attrib.vendor->slug, "dji");
	assert_int_equal(registry_lookup(r, mac("70:B3:D5:0A:E0:00"), &h), 1);
	assert_int_equal(h.attrib.role, ROLE_BRAND);
	assert_string_equal(h.attrib.vendor->slug, "hytera");
	assert_non_null(h.attrib.brand);
	assert_string_equal(h.attrib.brand->slug, "norsat");
	/* look-alikes of KNOWLEDGE.md section 3: never attributed */
	const char *alike[] = {"40:2C:76:10:00:01", "00:01:D8:00:00:01", "F4:1A:79:70:00:01",
	                       "78:66:AE:00:00:01", "00:13:52:00:00:01"};
	for (size_t i = 0; i < sizeof(alike) / sizeof(*alike); i++) {
		assert_int_equal(registry_lookup(r, mac(alike[i]), &h), 1);
		if (h.attrib.role != ROLE_NONE || h.attrib.vendor)
			fail_msg("%s (%s) attributed to %s", alike[i], h.org,
			         h.attrib.vendor->slug);
	}
	registry_free(r);

	/* without a kb nothing is attributed */
	struct bs_err e;
	struct reg_options o = {manuf_only, ""};
	assert_int_equal(registry_open(&r, NULL, &o, &e), 0);
	assert_int_equal(registry_lookup(r, mac("4C:BD:8F:00:00:01"), &h), 1);
	assert_int_equal(h.attrib.role, ROLE_NONE);
	assert_null(h.attrib.vendor);
	registry_free(r);
}

static void test_bits(void **state)
{
	(void)state;
	assert_int_equal(mac_is_local(mac("02:00:00:00:00:01")), 1);
	assert_int_equal(mac_is_local(mac("DA:A1:19:00:00:01")), 1);
	assert_int_equal(mac_is_local(mac("4C:BD:8F:00:00:01")), 0);
	assert_int_equal(mac_is_group(mac("01:00:5E:00:00:01")), 1);
	assert_int_equal(mac_is_group(mac("FF:FF:FF:FF:FF:FF")), 1);
	assert_int_equal(mac_is_group(mac("4C:BD:8F:00:00:01")), 0);
	assert_int_equal(mac_is_local(mac("4E:BD:8F:00:00:01")), 1);
	assert_int_equal(mac_is_group(mac("4E:BD:8F:00:00:01")), 0);
}

static void parses(const char *s, uint64_t want, unsigned wbits)
{
	uint64_t m = 0;
	unsigned bits = 0;
	if (mac_parse(s, &m, &bits) < 0)
		fail_msg("'%s' rejected", s);
	if (m != want || bits != wbits)
		fail_msg("'%s': %012llx/%u, expected %012llx/%u", s, (unsigned long long)m, bits,
		         (unsigned long long)want, wbits);
}

static void test_mac_parse(void **state)
{
	(void)state;
	const uint64_t full = 0x001122334455ull;
	parses("00:11:22:33:44:55", full, 48);
	parses("00-11-22-33-44-55", full, 48);
	parses("0011.2233.4455", full, 48);
	parses("001122334455", full, 48);
	parses("00:11:22:33:44:55/48", full, 48);
	parses("aa:bb:cc:dd:ee:ff", 0xAABBCCDDEEFFull, 48);
	parses("0:1b:c5:0:0:1", 0x001BC5000001ull, 48); /* BSD/macOS arp drop leading zeros */
	parses(" 00:11:22:33:44:55\n", full, 48);
	parses("00:11:22", 0x001122000000ull, 24);
	parses("001122", 0x001122000000ull, 24);
	parses("00-11-22", 0x001122000000ull, 24);
	parses("00:11:22:3/28", 0x001122300000ull, 28);
	parses("0011223", 0x001122300000ull, 28);
	parses("70:B3:D5:F2:F0:00/36", 0x70B3D5F2F000ull, 36);
	parses("70:B3:D5:F2:F/36", 0x70B3D5F2F000ull, 36);
	parses("70B3D5F2F", 0x70B3D5F2F000ull, 36);
	parses("70:B3:D5:F2:FF:FF/36", 0x70B3D5F2F000ull, 36); /* masked bits are wildcards */
	parses("0011.22", 0x001122000000ull, 24);

	static const char *const bad[] = {"",
	                                  "   ",
	                                  "00:11:22:33:44:55:66",
	                                  "00:11:22:33:44:5G",
	                                  "00:11-22:33:44:55",
	                                  "00::22:33:44:55",
	                                  ":00:11:22",
	                                  "00:11:22:",
	                                  "001:122:334:455",
	                                  "0",
	                                  "0011223344556",
	                                  "00:11:22/28",
	                                  "00:11:22/0",
	                                  "00:11:22:33:44:55/49",
	                                  "00:11:22:33:44:55/",
	                                  "00:11:22:33:44:55/4a",
	                                  "/24",
	                                  "0:11:22",
	                                  "0011.2233.4455.6677",
	                                  "00 11 22 33 44 55",
	                                  "00:11:22:33:44:55x",
	                                  "g0:11:22"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		uint64_t m;
		unsigned bits;
		if (mac_parse(bad[i], &m, &bits) == 0)
			fail_msg("'%s' accepted as %012llx/%u", bad[i], (unsigned long long)m,
			         bits);
	}

	char out[18];
	mac_format(0x4CBD8F00AB01ull, out);
	assert_string_equal(out, "4C:BD:8F:00:AB:01");
	mac_format(0, out);
	assert_string_equal(out, "00:00:00:00:00:00");
	mac_format(0xFFFFFFFFFFFFull, out);
	assert_string_equal(out, "FF:FF:FF:FF:FF:FF");
}

/* ---- cache ---- */

static char *tmpdir(void)
{
	char *d = xstrdup("/tmp/test_registry.XXXXXX");
	if (!mkdtemp(d))
		fail_msg("mkdtemp failed");
	return d;
}

static void rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		struct buf p;
		buf_init(&p, 0);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			rmtree(p.data);
		else
			unlink(p.data);
		buf_release(&p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* The one cache file in dir (malloc'd path), or NULL. */
static char *cache_file(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;
	int n = 0;
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "registry-", 9) != 0)
			continue;
		struct buf p;
		buf_init(&p, 0);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		free(found);
		found = p.data;
		n++;
	}
	if (d)
		closedir(d);
	assert_int_equal(n, 1); /* temporary files never stay behind */
	return found;
}

static void check_all(const struct registry *r)
{
	expect(r, "70:B3:D5:F2:F1:23", "Teleplatforms", 36, "manuf");
	expect(r, "18:D7:93:60:00:01", "Autel lntelligent Technology Corp.,Ltd", 28, "ieee-csv");
	expect(r, "00:00:00:00:00:01", "XEROX CORPORATION", 24, "arp-scan");
	expect(r, "00:55:DA:20:00:00", NULL, 0, NULL);
	assert_int_equal(registry_count(r), 23);
	struct reg_hit h;
	assert_int_equal(registry_lookup(r, mac("4C:BD:8F:00:00:01"), &h), 1);
	assert_int_equal(h.attrib.role, ROLE_MAKER);
	assert_string_equal(h.attrib.vendor->slug, "hikvision");
	assert_string_equal(registry_date(r), "2024-09-03");
	assert_string_equal(registry_source(r, 1)->date, "2022-08-27");
}

static void test_cache_reuse(void **state)
{
	(void)state;
	char *dir = tmpdir();
	struct registry *r = open_paths(all, dir);
	assert_int_equal(r->from_cache, 0);
	assert_int_equal(r->cache_written, 1);
	check_all(r);
	registry_free(r);
	char *file = cache_file(dir);
	struct stat st1, st2;
	assert_int_equal(stat(file, &st1), 0);

	r = open_paths(all, dir);
	assert_int_equal(r->from_cache, 1);
	assert_int_equal(r->cache_written, 0);
	check_all(r);
	registry_free(r);
	assert_int_equal(stat(file, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino); /* not rewritten */

	/* another list of sources has its own cache file */
	r = open_paths(manuf_only, dir);
	assert_int_equal(r->from_cache, 0);
	registry_free(r);
	free(file);
	rmtree(dir);
	free(dir);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void read_whole(const char *path, char **data, size_t *len)
{
	struct bs_err e;
	if (bs_read_file(path, 64u << 20, data, len, &e) < 0)
		fail_msg("%s", e.msg);
}

/* Damages the cache file of dir as `how` says, then checks that the next open rebuilds it and
 * the one after uses it again. */
static void damage_and_reopen(const char *dir, int how)
{
	char *file = cache_file(dir);
	char *img;
	size_t len;
	read_whole(file, &img, &len);
	switch (how) {
	case 0: /* a bit flipped in the blocks */
		img[len / 2] ^= 0x10;
		break;
	case 1: /* truncated */
		len = len / 3;
		break;
	case 2: /* foreign magic */
		memcpy(img, "NOTMAGIC", 8);
		break;
	case 3: /* another format version */
		img[8] ^= 0x7f;
		break;
	case 4: /* empty */
		len = 0;
		break;
	case 5: /* a section offset pointing far outside */
		memset(img + 48, 0x7f, 8);
		break;
	case 6: /* extended with junk: length no longer matches the header */
		img = xrealloc(img, len + 8);
		memset(img + len, 0, 8);
		len += 8;
		break;
	case 7: /* text instead of an index */
		len = 200;
		memset(img, 'x', len);
		break;
	}
	write_file(file, img, len);
	free(img);

	struct registry *r = open_paths(all, dir);
	assert_int_equal(r->from_cache, 0);
	assert_int_equal(r->cache_written, 1);
	check_all(r);
	registry_free(r);
	r = open_paths(all, dir);
	assert_int_equal(r->from_cache, 1);
	check_all(r);
	registry_free(r);
	free(file);
}

static void test_cache_corrupt(void **state)
{
	(void)state;
	char *dir = tmpdir();
	registry_free(open_paths(all, dir));
	for (int how = 0; how < 8; how++)
		damage_and_reopen(dir, how);
	rmtree(dir);
	free(dir);
}

static void test_cache_invalidated(void **state)
{
	(void)state;
	char *dir = tmpdir();
	struct buf src;
	buf_init(&src, 0);
	buf_printf(&src, "%s/manuf", dir);
	char *text;
	size_t len;
	read_whole(FIX "manuf", &text, &len);
	write_file(src.data, text, len);
	struct buf cdir;
	buf_init(&cdir, 0);
	buf_printf(&cdir, "%s/cache/sub", dir); /* created on demand */
	const char *paths[] = {src.data, NULL};

	struct registry *r = open_paths(paths, cdir.data);
	assert_int_equal(r->cache_written, 1);
	expect(r, "00:00:0D:00:00:01", NULL, 0, NULL);
	registry_free(r);

	/* a changed source invalidates the cache (size, mtime and inode are in its key) */
	static const char more[] = "00:00:0D\tFibronic\tFibronics Ltd.\n";
	char *t2 = xmalloc(len + sizeof(more));
	memcpy(t2, text, len);
	memcpy(t2 + len, more, sizeof(more) - 1);
	write_file(src.data, t2, len + sizeof(more) - 1);
	r = open_paths(paths, cdir.data);
	assert_int_equal(r->from_cache, 0);
	expect(r, "00:00:0D:00:00:01", "Fibronics Ltd.", 24, "manuf");
	registry_free(r);
	r = open_paths(paths, cdir.data);
	assert_int_equal(r->from_cache, 1);
	expect(r, "00:00:0D:00:00:01", "Fibronics Ltd.", 24, "manuf");
	registry_free(r);

	/* a cache directory that cannot be made: built in memory, and on we go */
	struct buf bad;
	buf_init(&bad, 0);
	buf_printf(&bad, "%s/manuf/cache", dir); /* under a regular file */
	r = open_paths(paths, bad.data);
	assert_int_equal(r->from_cache, 0);
	assert_int_equal(r->cache_written, 0);
	expect(r, "00:00:0D:00:00:01", "Fibronics Ltd.", 24, "manuf");
	registry_free(r);

	free(text);
	free(t2);
	buf_release(&src);
	buf_release(&cdir);
	buf_release(&bad);
	rmtree(dir);
	free(dir);
}

static void test_missing_and_bad_sources(void **state)
{
	(void)state;
	struct registry *r;
	struct bs_err e;
	/* a missing source is skipped */
	const char *some[] = {"/nonexistent/manuf", FIX "ieee-oui.txt", NULL};
	struct reg_options o = {some, ""};
	assert_int_equal(registry_open(&r, &kb, &o, &e), 0);
	assert_int_equal(registry_nsources(r), 1);
	assert_int_equal(registry_count(r), 5);
	registry_free(r);
	/* none at all is an error */
	const char *none[] = {"/nonexistent/manuf", "/nonexistent/oui.csv", NULL};
	o.paths = none;
	assert_int_equal(registry_open(&r, &kb, &o, &e), -1);
	assert_null(r);
	assert_non_null(strstr(e.msg, "no MAC address registry"));

	/* a file that is mostly malformed is not a registry: rejected, naming the first bad line */
	char *dir = tmpdir();
	struct buf p, text;
	buf_init(&p, 0);
	buf_init(&text, 0);
	buf_printf(&p, "%s/oui.csv", dir);
	buf_adds(&text, "Registry,Assignment,Organization Name,Organization Address\n");
	buf_adds(&text, "MA-L,4CBD8F,Good Org,somewhere\n");
	for (int i = 0; i < 30; i++)
		buf_adds(&text, "MA-L,4CBD8,short assignment,x\n");
	write_file(p.data, text.data, text.len);
	const char *junk[] = {p.data, NULL};
	o.paths = junk;
	assert_int_equal(registry_open(&r, &kb, &o, &e), -1);
	assert_non_null(strstr(e.msg, "oui.csv:3: assignment does not fit"));

	/* and a file of no known format */
	buf_reset(&p);
	buf_printf(&p, "%s/other", dir);
	write_file(p.data, "hello world\n", 12);
	junk[0] = p.data;
	assert_int_equal(registry_open(&r, &kb, &o, &e), -1);
	assert_non_null(strstr(e.msg, "not a MAC registry"));
	buf_release(&p);
	buf_release(&text);
	rmtree(dir);
	free(dir);
}

/* The parsers see the bytes of a file only through their length: no NUL needed at the end. */
static int count_fn(void *ctx, uint64_t prefix, unsigned bits, const char *org, struct bs_err *e)
{
	(void)prefix, (void)bits, (void)org, (void)e;
	++*(size_t *)ctx;
	return 0;
}

static void test_parse_buffer(void **state)
{
	(void)state;
	static const char csv[] = "Registry,Assignment,Organization Name,Organization Address\n"
	                          "MA-L,4CBD8F,\"Unterminated";
	size_t n = 0;
	struct reg_parse p;
	struct bs_err e;
	reg_parse_init(&p, "buf", count_fn, &n);
	/* only a broken record: rejected */
	assert_int_equal(reg_parse_buf(&p, REG_CSV, csv, sizeof(csv) - 1, &e), -1);
	assert_non_null(strstr(e.msg, "buf:2: malformed quoted field"));

	static const char arp[] = "4CBD8F\tA\n4CBD8E\tB"; /* no newline at the end */
	n = 0;
	reg_parse_init(&p, "buf", count_fn, &n);
	assert_int_equal(reg_parse_buf(&p, REG_ARPSCAN, arp, sizeof(arp) - 1, &e), 0);
	assert_int_equal(n, 2);
	n = 0;
	reg_parse_init(&p, "buf", count_fn, &n);
	assert_int_equal(reg_parse_buf(&p, REG_ARPSCAN, arp, 11, &e), 0); /* cut in "4C|BD8E" */
	assert_int_equal(n, 1);
	assert_int_equal(p.bad, 1);

	static const char ctl[] = "4C:BD:8F\tX\tBad\x1b[31mName\n4C:BD:8E\tY\tGood Name\n";
	n = 0;
	reg_parse_init(&p, "buf", count_fn, &n);
	assert_int_equal(reg_parse_buf(&p, REG_MANUF, ctl, sizeof(ctl) - 1, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(p.bad, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manuf),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_arpscan),
	    cmocka_unit_test(test_priority_merge),
	    cmocka_unit_test(test_longest_prefix),
	    cmocka_unit_test(test_attribution),
	    cmocka_unit_test(test_bits),
	    cmocka_unit_test(test_mac_parse),
	    cmocka_unit_test(test_cache_reuse),
	    cmocka_unit_test(test_cache_corrupt),
	    cmocka_unit_test(test_cache_invalidated),
	    cmocka_unit_test(test_missing_and_bad_sources),
	    cmocka_unit_test(test_parse_buffer),
	};
	return cmocka_run_group_tests(tests, load_kb, free_kb);
}
