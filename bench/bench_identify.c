/* identify throughput: JSON Lines observations -> findings, on one core.
 * Generates a mixed set of observations (MACs in covered and other blocks, call-home names,
 * server strings, SNMP, discovery replies, packages) over many assets, then times
 *   1. reading the JSON Lines and matching each observation (jsonl + rules + registry), and
 *   2. scoring and policy for every finding,
 * and prints observations per second for the whole. Usage: bench_identify [N_OBS] [FILE]
 * (FILE: also write the generated JSON Lines there, for timing the command itself). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bansweep/buf.h"
#include "bansweep/identify.h"
#include "bansweep/jsonl.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *const ouis[] = {"4c:bd:8f", "bc:ad:28", "60:60:1f", "00:19:c6",
                                   "00:e0:fc", "00:00:0c", "00:40:8c", "3c:5a:b4",
                                   "f0:9f:c2", "00:50:56", "dc:a6:32", "b8:27:eb"};
/* Observation templates: %u takes a number below the template's cardinality, so that values
 * vary as in real traffic: host names nearly unique, package and model names by the thousand,
 * server strings and sysDescrs by the dozen, update servers by the handful. About one in three
 * is from a covered vendor. */
static const struct {
	const char *key, *fmt;
	unsigned card;
} kv[] = {
    {"dns.qname", "host%u.corp.example.com", 50000},
    {"dns.qname", "dnl-%u.geo.kaspersky.com", 20},
    {"dns.qname", "api%u.github.com", 2},
    {"dns.qname", "ocsp%u.digicert.com", 5},
    {"dns.qname", "cdn%u.ys7.com", 10},
    {"tls.sni", "mydjiflight%u.dji.com", 3},
    {"tls.sni", "login%u.microsoftonline.com", 5},
    {"tls.sni", "www%u.google.com", 3},
    {"http.server", "nginx/1.%u.1", 25},
    {"http.server", "App-webs/%u", 5},
    {"http.server", "Apache/2.4.%u (Debian)", 60},
    {"http.server", "Microsoft-IIS/10.%u", 3},
    {"http.user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/1%u.0",
     50},
    {"sadp.device", "DS-2CD2%u43G0-I", 1000},
    {"device.model", "DS-2CD2%uG0-I", 1000},
    {"device.model", "AXIS P32%u-LVE", 1000},
    {"snmp.sysdescr",
     "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.%u(7)E3", 100},
    {"snmp.sysdescr", "Linux fw%u 5.10.0-28-amd64 #1 SMP Debian 5.10.209-2 x86_64", 10000},
    {"snmp.sysdescr", "Huawei Versatile Routing Platform Software VRP (R) software, Version 8.%u",
     100},
    {"snmp.sysobjectid", "1.3.6.1.4.1.9.1.%u", 2000},
    {"snmp.sysobjectid", "1.3.6.1.4.1.2011.2.62.2.%u", 1000},
    {"ssh.banner", "SSH-2.0-OpenSSH_9.%up1 Debian-2+deb12u3", 10},
    {"pkg.name", "libpkg%u", 5000},
    {"pkg.name", "kesl", 1},
    {"http.body.kv", "deviceType=NVR41%uHS-4KS2", 1000},
    {"onvif.manufacturer", "AXIS", 1},
    {"hostname", "ws-%u", 100000},
};

/* window 0: every observation picks any asset (worst case for caches); otherwise it picks one of
 * `window` assets active at that point of the stream, as in a capture or a scan, where a host's
 * observations come close together. */
static struct buf gen(size_t n, size_t assets, size_t window)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		size_t a = window ? (i * assets / n + next() % window) % assets : next() % assets;
		if (i % 8 == 0) {
			const char *o = ouis[a % (sizeof(ouis) / sizeof(*ouis))];
			buf_printf(&b,
			           "{\"asset\":\"h%zu\",\"key\":\"mac\",\"value\":\"%s:%02x:%02x:%"
			           "02x\"}\n",
			           a, o, (unsigned)(a >> 16) & 255, (unsigned)(a >> 8) & 255,
			           (unsigned)a & 255);
			continue;
		}
		size_t k = next() % (sizeof(kv) / sizeof(*kv));
		char value[160];
		/* The templates are this file's own constants. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(value, sizeof(value), kv[k].fmt, (unsigned)(next() % kv[k].card));
#pragma GCC diagnostic pop
		buf_printf(
		    &b,
		    "{\"asset\":\"h%zu\",\"key\":\"%s\",\"value\":\"%s\",\"source\":\"bench\"}\n",
		    a, kv[k].key, value);
	}
	return b;
}

static int on_obs(const struct jsonl_obs *o, void *ctx, char *msg, size_t n)
{
	(void)msg, (void)n;
	return identify_add(ctx, o->asset, o->key, o->value, o->vlen, o->source, o->time);
}

static int on_finding(const struct finding *f, void *ctx)
{
	size_t *n = ctx;
	*n += 1 + (f->nbans > 0);
	return 0;
}

static int run(struct kb *kb, struct ruleset *rs, struct registry *reg, size_t n, size_t window,
               const char *file)
{
	struct buf in = gen(n, n / 20, window);
	if (file) {
		FILE *f = fopen(file, "w");
		if (!f || fwrite(in.data, 1, in.len, f) != in.len || fclose(f) != 0) {
			perror(file);
			return 1;
		}
	}
	/* Once on one core (parse and match in turn), once with parsing in a second thread. */
	struct identify *id1 = identify_new(kb, rs, reg);
	struct jsonl_stats st1 = {0};
	double s0 = now();
	jsonl_read_buf(in.data, in.len, "bench", on_obs, id1, NULL, NULL, &st1);
	double s1 = now();
	identify_free(id1);
	struct identify *id = identify_new(kb, rs, reg);
	struct jsonl_stats st = {0};
	FILE *mf = fmemopen(in.data, in.len, "r");
	double t0 = now();
	jsonl_read_mt(mf, "bench", on_obs, id, NULL, NULL, &st);
	double t1 = now();
	fclose(mf);
	size_t findings = 0;
	identify_each(id, kb_profile_find(kb, "all"), 20000, on_finding, &findings);
	double t2 = now();
	printf("identify, %s: %zu observations (%.1f MB JSON Lines), %zu assets, %zu findings\n",
	       window ? "assets active in a window of 1000" : "assets in random order",
	       (size_t)st.ok, (double)in.len / 1e6, identify_nassets(id), findings / 2);
	printf("  read + match, one core          %.3f s  %.2f M obs/s\n", s1 - s0,
	       (double)st1.ok / (s1 - s0) / 1e6);
	printf("  read + match, parser thread     %.3f s  %.2f M obs/s\n", t1 - t0,
	       (double)st.ok / (t1 - t0) / 1e6);
	printf("  score + policy                  %.3f s\n", t2 - t1);
	printf("  total to findings, one core     %.3f s  %.2f M obs/s (target >= 1 M obs/s)\n",
	       s1 - s0 + t2 - t1, (double)st.ok / (s1 - s0 + t2 - t1) / 1e6);
	printf("  total to findings, two threads  %.3f s  %.2f M obs/s\n", t2 - t0,
	       (double)st.ok / (t2 - t0) / 1e6);
	identify_free(id);
	buf_release(&in);
	return 0;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000000;
	struct kb kb;
	struct ruleset rs;
	struct registry *reg;
	struct bs_err e;
	char dir[4096];
	if (kb_load(&kb, kb_default_dir(), &e) < 0)
		goto fail;
	snprintf(dir, sizeof(dir), "%s/rules", kb.dir);
	if (rules_load_dir(&rs, &kb, dir, &e) < 0 || registry_open(&reg, &kb, NULL, &e) < 0)
		goto fail;
	int rc = run(&kb, &rs, reg, n, 1000, argc > 2 ? argv[2] : NULL);
	rc |= run(&kb, &rs, reg, n, 0, NULL);
	registry_free(reg);
	rules_release(&rs);
	kb_release(&kb);
	return rc;
fail:
	fprintf(stderr, "bench_identify: %s\n", e.msg);
	return 1;
}
