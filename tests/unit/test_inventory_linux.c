/* The Linux host inventory's parsers (dpkg status, apk database, usb.ids/pci.ids, PEM trust
 * bundles) and the runner over a small root made here: paths resolved inside the root, errors
 * that name the file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit/cm.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bansweep/inventory.h"
#include "inventory/inv_parse.h"

struct got {
	char text[32][600];
	int n;
};

static void add(struct got *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct got *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (g->n < 32)
		vsnprintf(g->text[g->n++], sizeof(g->text[0]), fmt, ap);
	va_end(ap);
}

static void dpkg_rec(void *ctx, const struct dpkg_pkg *p)
{
	static const char *const st[] = {"installed", "residue", "absent"};
	add(ctx, "%s=%s|%s|%s@%llu", p->name, st[p->state], p->version, p->maintainer,
	    (unsigned long long)p->line);
}

static void bad(void *ctx, uint64_t line, const char *msg)
{
	add(ctx, "bad@%llu: %s", (unsigned long long)line, msg);
}

static void t_dpkg(void **state)
{
	(void)state;
	static const char text[] = "Package: kesl\n"
	                           "Status: install ok installed\n"
	                           "Maintainer: AO Kaspersky Lab <support@kaspersky.com>\n"
	                           "Version: 12.1.0-1297\n"
	                           "Description: Kaspersky Endpoint Security for Linux\n"
	                           " a continuation line: Status: deinstall ok config-files\n"
	                           "\n"
	                           "Package: kav4fs\r\n"
	                           "Status: deinstall ok config-files\r\n"
	                           "\r\n"
	                           "Package: gone\n"
	                           "Status: purge ok not-installed\n"
	                           "\n"
	                           "Package: half\n"
	                           "Status: install reinstreq half-installed\n"
	                           "\n"
	                           "garbage without a colon\n"
	                           "\n"
	                           "Status: install ok installed\n"
	                           "\n"
	                           "Package: nostatus\n"
	                           "Version: 1\n"
	                           "\n"
	                           "Package: weird\n"
	                           "Status: install ok exploded\n"
	                           "\n"
	                           "Package: cut\n"
	                           "Status: install ok inst";
	struct got g = {0};
	dpkg_parse(text, sizeof(text) - 1, dpkg_rec, bad, &g);
	assert_int_equal(g.n, 9);
	assert_string_equal(g.text[0], "kesl=installed|12.1.0-1297|AO Kaspersky Lab "
	                               "<support@kaspersky.com>@1");
	assert_string_equal(g.text[1], "kav4fs=residue||@8");
	assert_string_equal(g.text[2], "gone=absent||@11");
	assert_string_equal(g.text[3], "half=installed||@14");
	assert_string_equal(g.text[4], "bad@17: line is not 'Field: value'");
	assert_string_equal(g.text[5], "bad@19: record without a Package field");
	assert_string_equal(g.text[6],
	                    "bad@21: package nostatus: record without a Status field (cut short?)");
	assert_string_equal(g.text[7], "bad@24: package weird: Status 'install ok exploded' is not "
	                               "valid");
	assert_string_equal(g.text[8],
	                    "bad@27: package cut: Status 'install ok inst' is not valid");
	/* A NUL in a line, a continuation first. */
	static const char nul[] =
	    " lost\nPackage: a\0b\nPackage: ok\nStatus: install ok unpacked\n";
	memset(&g, 0, sizeof(g));
	dpkg_parse(nul, sizeof(nul) - 1, dpkg_rec, bad, &g);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.text[0], "bad@1: continuation line outside a record");
	assert_string_equal(g.text[1], "bad@2: NUL byte in the line");
	assert_string_equal(g.text[2], "ok=installed||@3");
	assert_int_equal(dpkg_state("install ok installed"), DPKG_INSTALLED);
	assert_int_equal(dpkg_state("install ok installed extra"), -1);
	assert_int_equal(dpkg_state(""), -1);
}

static void apk_rec(void *ctx, const struct apk_pkg *p)
{
	add(ctx, "%s=%s|%s|%s@%llu", p->name, p->version, p->maintainer, p->origin,
	    (unsigned long long)p->line);
}

static void t_apk(void **state)
{
	(void)state;
	static const char text[] = "C:Q1abc=\nP:musl\nV:1.2.4-r2\nm:Timo Teras <timo@iki.fi>\n"
	                           "o:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\n"
	                           "V:1.0\n\n"
	                           "P:kesl\nthis is not apk\nV:12\n";
	struct got g = {0};
	apk_parse(text, sizeof(text) - 1, apk_rec, bad, &g);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.text[0], "musl=1.2.4-r2|Timo Teras <timo@iki.fi>|musl@1");
	assert_string_equal(g.text[1], "bad@9: record without a P: (package name) line");
	assert_string_equal(g.text[2], "bad@12: line is not 'K:value'");
	assert_string_equal(g.text[3], "kesl=12||@11");
}

static void t_ids(void **state)
{
	(void)state;
	static const char text[] = "# comment\n"
	                           "12d1  Huawei Technologies Co., Ltd.\n"
	                           "\t1001  E161 HSDPA Modem\n"
	                           "\t\t1506  not a device: an interface line\n"
	                           "\t1506  Modem/Networkcard\n"
	                           "19d2  ZTE WCDMA Technologies MSM\n"
	                           "C 2ca3  a class, not DJI\n"
	                           "2ca3  after the classes\n";
	char v[64], d[64];
	size_t n = sizeof(text) - 1;
	assert_int_equal(ids_lookup(text, n, 0x12d1, 0x1506, v, sizeof(v), d, sizeof(d)), 3);
	assert_string_equal(v, "Huawei Technologies Co., Ltd.");
	assert_string_equal(d, "Modem/Networkcard");
	assert_int_equal(ids_lookup(text, n, 0x19d2, 0x1506, v, sizeof(v), d, sizeof(d)), 1);
	assert_string_equal(v, "ZTE WCDMA Technologies MSM");
	assert_string_equal(d, "");
	assert_int_equal(ids_lookup(text, n, 0x19d2, -1, v, sizeof(v), d, sizeof(d)), 1);
	assert_int_equal(ids_lookup(text, n, 0x2ca3, 0x1020, v, sizeof(v), d, sizeof(d)), 0);
	assert_string_equal(v, "");
	/* Names are cut to the buffer. */
	assert_int_equal(ids_lookup(text, n, 0x12d1, -1, v, 7, d, sizeof(d)), 1);
	assert_string_equal(v, "Huawei");
}

static char *make_pem(const char *org, const char *cn)
{
	EVP_PKEY *k = EVP_RSA_gen(1024);
	X509 *x = X509_new();
	assert_non_null(k);
	X509_NAME *nm = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_UTF8, (const unsigned char *)org, -1, -1, 0);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, nm);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, k);
	X509_sign(x, k, EVP_sha256());
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_X509(b, x);
	char *data;
	long len = BIO_get_mem_data(b, &data);
	char *out = strndup(data, (size_t)len);
	BIO_free(b);
	X509_free(x);
	EVP_PKEY_free(k);
	return out;
}

static void pem_subject(void *ctx, const char *s, size_t len, uint64_t line)
{
	add(ctx, "%.*s@%llu", (int)len, s, (unsigned long long)line);
}

static void t_pem(void **state)
{
	(void)state;
	char *kas = make_pem("AO Kaspersky Lab", "Kaspersky Anti-Virus Personal Root Certificate");
	char *utf = make_pem("Ünïcode GmbH", "Root, with a comma");
	char text[16384];
	snprintf(text, sizeof(text),
	         "# bundle\n%s-----BEGIN CERTIFICATE-----\nnot base64 !!\n"
	         "-----END CERTIFICATE-----\n%s",
	         kas, utf);
	struct got g = {0};
	size_t n = pem_subjects(text, strlen(text), pem_subject, bad, &g);
	assert_int_equal(n, 2);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.text[0], "CN=Kaspersky Anti-Virus Personal Root Certificate,"
	                               "O=AO Kaspersky Lab@2");
	assert_non_null(strstr(g.text[1], ": certificate that does not decode"));
	/* RFC 4514: the comma escaped, non-ASCII left as UTF-8. */
	assert_non_null(strstr(g.text[2], "CN=Root\\, with a comma,O=Ünïcode GmbH@"));
	free(kas);
	free(utf);
}

/* ---- the runner over a root made here ---- */

struct sink_got {
	char obs[64][300];
	int nobs;
	char err[16][300];
	int nerr;
};

static void on_obs(void *ctx, enum key_id key, const char *v, size_t n, const char *where)
{
	struct sink_got *s = ctx;
	if (s->nobs < 64)
		snprintf(s->obs[s->nobs++], 300, "%s=%.*s [%s]", key_get((int)key)->name, (int)n, v,
		         where);
}

static void on_err(void *ctx, const char *source, const char *path, uint64_t pos, int off,
                   const char *msg)
{
	struct sink_got *s = ctx;
	(void)off;
	if (s->nerr < 16)
		snprintf(s->err[s->nerr++], 300, "%s %s:%llu %s", source, path ? path : "-",
		         (unsigned long long)pos, msg);
}

static void put(const char *root, const char *rel, const char *text)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void t_runner(void **state)
{
	(void)state;
	char root[] = "/tmp/bs-inv-XXXXXX", p[4200];
	assert_non_null(mkdtemp(root));
	static const char *const dirs[] = {
	    "etc",          "usr", "var",           "var/lib",
	    "var/lib/dpkg", "opt", "opt/kaspersky", "opt/kaspersky/kesl"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	/* An absolute link means the root's own file; one climbing out stays inside it. */
	put(root, "etc/real-hostname", "inroot\n");
	snprintf(p, sizeof(p), "%s/etc/hostname", root);
	assert_int_equal(symlink("/etc/real-hostname", p), 0);
	snprintf(p, sizeof(p), "%s/var/lib/dpkg/status", root);
	assert_int_equal(symlink("../../../../../../../../etc/passwd", p), 0);
	struct inv_options o = {.root = root, .only = "hostname,dpkg,opt"};
	struct sink_got s = {0};
	struct inv_sink sink = {on_obs, on_err, &s, NULL};
	struct inv_stats st;
	assert_int_equal(inv_run(&o, &sink, &st), 0);
	assert_int_equal(s.nobs, 3);
	assert_string_equal(s.obs[0], "hostname=inroot [/etc/hostname]");
	assert_string_equal(s.obs[1], "file.path=/opt/kaspersky [/opt/kaspersky]");
	assert_string_equal(s.obs[2], "file.path=/opt/kaspersky/kesl [/opt/kaspersky/kesl]");
	assert_int_equal(s.nerr, 0); /* /etc/passwd is not in the root: absent, no error */
	/* A malformed status file: counted apart, named with its line. */
	unlink(p);
	put(root, "var/lib/dpkg/status", "Package: a\nStatus: install ok installed\n\nbroken\n");
	memset(&s, 0, sizeof(s));
	o.only = "dpkg";
	assert_int_equal(inv_run(&o, &sink, &st), 0);
	assert_int_equal(st.malformed, 1);
	assert_int_equal(st.errors, 1);
	assert_int_equal(s.nerr, 1);
	assert_string_equal(s.err[0], "dpkg /var/lib/dpkg/status:4 line is not 'Field: value'");
	assert_string_equal(s.obs[0], "pkg.name=a [/var/lib/dpkg/status]");
	char cmd[4300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* Services whose programs are gone (systemd units, init scripts) are traces of removal; added
 * kernel modules are read from modules.dep, the kernel's own are not. */
static void t_residue(void **state)
{
	(void)state;
	char root[] = "/tmp/bs-inv-XXXXXX", p[4200];
	assert_non_null(mkdtemp(root));
	static const char *const dirs[] = {
	    "etc", "etc/systemd", "etc/systemd/system", "etc/init.d",      "usr",        "usr/sbin",
	    "var", "lib",         "lib/modules",        "lib/modules/6.1", "lib/systemd"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	put(root, "usr/sbin/present", "");
	snprintf(p, sizeof(p), "%s/usr/sbin/link", root); /* absolute: the root's own file */
	assert_int_equal(symlink("/usr/sbin/present", p), 0);
	put(root, "etc/systemd/system/a.service", "[Service]\nExecStart=/usr/sbin/present -d\n");
	put(root, "etc/systemd/system/b.service", "ExecStart=-/opt/gone/b --x\n");
	put(root, "etc/systemd/system/c.service",
	    "ExecStart=/opt/gone/c\nExecStart=@/usr/sbin/link link\n");
	put(root, "etc/systemd/system/d.service", "ExecStart=${BIN}/d\n");
	/* The machine's /etc/passwd is not the root's: missing there. */
	put(root, "etc/systemd/system/h.service", "ExecStart=/etc/passwd\n");
	put(root, "etc/systemd/system/g.timer", "[Timer]\n");
	/* A unit that runs only when its program is there: no trace when it is not. */
	put(root, "etc/systemd/system/i.service",
	    "[Unit]\nConditionFileIsExecutable=|!/opt/opt-in/i "
	    "\n[Service]\nExecStart=/opt/opt-in/i\n");
	snprintf(p, sizeof(p), "%s/etc/systemd/system/e.service", root);
	assert_int_equal(symlink("/lib/systemd/system/e.service", p), 0);
	snprintf(p, sizeof(p), "%s/etc/systemd/system/f.service", root);
	assert_int_equal(symlink("/dev/null", p), 0); /* masked, not gone */
	put(root, "etc/init.d/s1", "#!/bin/sh\nDAEMON=/opt/gone/s1 # the daemon\n");
	put(root, "etc/init.d/s2", "DAEMON=\"/usr/sbin/present\"\n");
	put(root, "etc/init.d/s3", "#!/bin/sh\n");
	put(root, "etc/init.d/s4", "DAEMON=$BASE/s4\n");
	put(root, "etc/init.d/s5", "  export DAEMON='/opt/gone/s5'\nDAEMON=/opt/gone/s5b\n");
	put(root, "lib/modules/6.1/modules.dep",
	    "kernel/drivers/net/usb/huawei_cdc_ncm.ko.xz: kernel/drivers/net/usb/cdc_ncm.ko.xz\n"
	    "updates/dkms/my-mod.ko.zst:\n"
	    "/lib/modules/6.1/misc/vboxdrv.ko:\n"
	    "not a module line\n");
	struct inv_options o = {.root = root, .only = "systemd,sysv,kmod"};
	struct sink_got s = {0};
	struct inv_sink sink = {on_obs, on_err, &s, NULL};
	struct inv_stats st;
	assert_int_equal(inv_run(&o, &sink, &st), 0);
	static const char *const want[] = {
	    "svc.name=a.service [/etc/systemd/system/a.service]",
	    "file.path=/usr/sbin/present [/etc/systemd/system/a.service]",
	    "svc.residue=b.service [/etc/systemd/system/b.service (program /opt/gone/b is "
	    "missing)]",
	    "svc.name=c.service [/etc/systemd/system/c.service]",
	    "file.path=/opt/gone/c [/etc/systemd/system/c.service]",
	    "file.path=/usr/sbin/link [/etc/systemd/system/c.service]",
	    "svc.name=d.service [/etc/systemd/system/d.service]",
	    "svc.residue=e.service [/etc/systemd/system/e.service (link to "
	    "/lib/systemd/system/e.service, which is missing)]",
	    "svc.name=f.service [/etc/systemd/system/f.service]",
	    "svc.name=g.timer [/etc/systemd/system/g.timer]",
	    "svc.residue=h.service [/etc/systemd/system/h.service (program /etc/passwd is "
	    "missing)]",
	    "svc.name=i.service [/etc/systemd/system/i.service]",
	    "file.path=/opt/opt-in/i [/etc/systemd/system/i.service]",
	    "svc.residue=s1 [/etc/init.d/s1 (DAEMON /opt/gone/s1 is missing)]",
	    "svc.name=s2 [/etc/init.d/s2]",
	    "svc.name=s3 [/etc/init.d/s3]",
	    "svc.name=s4 [/etc/init.d/s4]",
	    "svc.residue=s5 [/etc/init.d/s5 (DAEMON /opt/gone/s5 is missing)]",
	    "kmod.name=my_mod [/lib/modules/6.1/modules.dep]",
	    "kmod.name=vboxdrv [/lib/modules/6.1/modules.dep]",
	};
	for (int i = 0; i < s.nobs && i < (int)(sizeof(want) / sizeof(*want)); i++)
		assert_string_equal(s.obs[i], want[i]);
	assert_int_equal(s.nobs, sizeof(want) / sizeof(*want));
	assert_int_equal(s.nerr, 0);
	char cmd[4300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_dpkg), cmocka_unit_test(t_apk),    cmocka_unit_test(t_ids),
	    cmocka_unit_test(t_pem),  cmocka_unit_test(t_runner), cmocka_unit_test(t_residue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
