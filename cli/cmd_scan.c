/* bansweep scan: active discovery. Asks every target address, politely and without
 * credentials, who made it, and reports the covered devices found. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/capture.h"
#include "bansweep/discover.h"
#include "bansweep/scan.h"
#include "bansweep/targets.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep scan [options] TARGET...\n\n"
    "Sweeps the targets and asks each device, without credentials, who made it: HTTP (with the\n"
    "informational Hikvision ISAPI and Dahua magicBox pages and ONVIF GetDeviceInformation),\n"
    "RTSP, TLS certificates, HTTPS (the same pages over TLS where port 443 speaks it), SNMP\n"
    "(sysDescr, sysObjectID, sysName, then the ENTITY-MIB model, maker and serial; in v1 when\n"
    "v2c goes unanswered), SSH, Telnet and FTP banners, Hikvision SDK and Dahua DVRIP ports,\n"
    "and SADP, DHIP, WS-Discovery and SSDP discovery.\n"
    "Discovery finds the hosts: ARP on the segments this machine is on and NDP (Neighbor\n"
    "Solicitation) on its IPv6 prefixes (both root or CAP_NET_RAW), ICMP and ICMPv6 echo\n"
    "elsewhere, the WS-Discovery, SSDP, mDNS, SADP and DHIP groups on attached\n"
    "segments, and a TCP connection to port 80 for the targets none of those settled. Each host\n"
    "found is asked for SSH, Telnet, RTSP and SNMP; a host that answers is asked the rest.\n"
    "No login is tried, nothing is written to a device; the only credential sent is the SNMP\n"
    "community. Started as root, the scan opens its raw sockets and then runs as nobody.\n\n"
    "TARGET: an address, a CIDR block (10.0.0.0/24), a range (10.0.0.1-40 or\n"
    "10.0.0.1-10.0.1.9), or a host name. Targets outside private and local ranges are refused\n"
    "unless --allow-public is given.\n\n"
    "Options:\n"
    "  --targets-file FILE        read targets from FILE (one or more a line, # comments)\n"
    "  --exclude SPEC             leave these addresses out (repeatable)\n"
    "  --rate N                   new exchanges per second (default 300)\n"
    "  --per-host N               exchanges at once per host (default 2)\n"
    "  --timeout MS               an exchange without progress this long ends (default 1500)\n"
    "  --community STR            SNMP community (default public)\n"
    "  --allow-public             allow targets outside private ranges\n"
    "  --discover LIST            discovery methods, comma-separated, of arp, ndp, icmp, group,\n"
    "                             tcp (default all; 'icmp' is ICMP and ICMPv6 echo; 'tcp'\n"
    "                             probes TCP 80 on targets the others did not find, except\n"
    "                             where ARP or NDP said nobody is there)\n"
    "  --assume-up                probe every target as if it had answered (like nmap -Pn)\n"
    "  -Z, --user USER            drop root privileges to USER after opening the raw sockets\n"
    "                             (default nobody; 'root' keeps them)\n"
    "  --policy, --as-of, --fail-on-findings, --json, --csv, -v, -q: see 'bansweep --help'.\n";

enum {
	OPT_FILE = 1,
	OPT_EXCLUDE,
	OPT_RATE,
	OPT_PERHOST,
	OPT_TIMEOUT,
	OPT_COMMUNITY,
	OPT_PUBLIC,
	OPT_DISCOVER,
	OPT_ASSUME_UP,
};

struct opts {
	struct targets t;
	struct scan_config cfg;
	int allow_public, bad;
	unsigned methods; /* DISC_* */
	const char *user;
};

/* --discover arp,ndp,icmp,group,tcp */
static int discover_list(struct opts *o, const char *arg)
{
	o->methods = 0;
	o->cfg.no_groups = 1;
	o->cfg.no_tcp_gate = 1;
	const char *p = arg;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 3 && !strncmp(p, "arp", 3))
			o->methods |= DISC_ARP;
		else if (n == 3 && !strncmp(p, "ndp", 3))
			o->methods |= DISC_NDP;
		else if (n == 4 && !strncmp(p, "icmp", 4))
			o->methods |= DISC_ICMP;
		else if (n == 5 && !strncmp(p, "group", 5))
			o->cfg.no_groups = 0;
		else if (n == 3 && !strncmp(p, "tcp", 3))
			o->cfg.no_tcp_gate = 0;
		else {
			cli_error(
			    "scan: --discover: unknown method '%.*s' (arp, ndp, icmp, group, tcp)",
			    (int)n, p);
			return -1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

static int number(struct cli *c, const char *what, const char *arg, double max, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (*end || v <= 0 || v > max) {
		cli_error("%s: %s takes a number from 1 to %.0f", c->cmd, what, max);
		return -1;
	}
	*out = v;
	return 0;
}

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	struct bs_err e;
	double v;
	switch (opt) {
	case OPT_FILE:
		if (targets_add_file(&o->t, arg, &e) < 0) {
			cli_error("%s", e.msg);
			return -1;
		}
		return 0;
	case OPT_EXCLUDE:
		if (targets_exclude(&o->t, arg, &e) < 0) {
			cli_error("scan: --exclude %s", e.msg);
			return -1;
		}
		return 0;
	case OPT_RATE:
		if (number(c, "--rate", arg, 100000, &v) < 0)
			return -1;
		o->cfg.rate = v;
		return 0;
	case OPT_PERHOST:
		if (number(c, "--per-host", arg, 64, &v) < 0)
			return -1;
		o->cfg.per_host = (unsigned)v;
		return 0;
	case OPT_TIMEOUT:
		if (number(c, "--timeout", arg, 60000, &v) < 0)
			return -1;
		o->cfg.timeout_ms = (unsigned)v;
		return 0;
	case OPT_COMMUNITY:
		o->cfg.community = arg;
		return 0;
	case OPT_PUBLIC:
		o->allow_public = 1;
		return 0;
	case OPT_DISCOVER:
		return discover_list(o, arg);
	case OPT_ASSUME_UP:
		o->cfg.assume_up = 1;
		return 0;
	case 'Z':
		o->user = arg;
		return 0;
	}
	return -1;
}

static void on_signal(int sig)
{
	(void)sig;
	scan_interrupt();
}

static void on_progress(void *ctx, const struct scan_stats *st)
{
	(void)ctx;
	if (st->phase == 0) {
		fprintf(stderr, "\rscan: discovery: %llu requests, %llu hosts   ",
		        (unsigned long long)st->disc_sent, (unsigned long long)st->disc_found);
		return;
	}
	fprintf(stderr, "\rscan: %llu targets, %llu hosts up, %llu exchanges, %llu answers   ",
	        (unsigned long long)st->targets, (unsigned long long)st->alive,
	        (unsigned long long)st->exchanges, (unsigned long long)st->answers);
}

/* The kernel's neighbour tables know the MAC of every host on the segment that answered:
 * reading them needs no privilege and sends nothing. Only the targets' entries count: the
 * table also holds the gateway and whoever else this machine talked to. */
struct neigh_ctx {
	const struct emit *em;
	struct targets *t;
};

static void one_neighbour(void *ctx, const struct addr *a, const uint8_t mac[6])
{
	const struct neigh_ctx *nc = ctx;
	const struct emit *em = nc->em;
	if (!targets_contains(nc->t, a))
		return;
	struct pkt pk;
	memset(&pk, 0, sizeof(pk));
	pk.src = *a;
	pk.ts_us = (uint64_t)time(NULL) * 1000000u;
	char m[18];
	snprintf(m, sizeof(m), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
	         mac[4], mac[5]);
	em->obs(em->ctx, &pk, SIDE_SRC, K_MAC, m, 17);
}

static void net_scope(void *ctx, const char *spec)
{
	cli_store_scope(ctx, "net", spec);
}

int cmd_scan(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"targets-file", required_argument, NULL, OPT_FILE},
	                                    {"iL", required_argument, NULL, OPT_FILE},
	                                    {"exclude", required_argument, NULL, OPT_EXCLUDE},
	                                    {"rate", required_argument, NULL, OPT_RATE},
	                                    {"per-host", required_argument, NULL, OPT_PERHOST},
	                                    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	                                    {"community", required_argument, NULL, OPT_COMMUNITY},
	                                    {"allow-public", no_argument, NULL, OPT_PUBLIC},
	                                    {"discover", required_argument, NULL, OPT_DISCOVER},
	                                    {"assume-up", no_argument, NULL, OPT_ASSUME_UP},
	                                    {"Pn", no_argument, NULL, OPT_ASSUME_UP},
	                                    {"user", required_argument, NULL, 'Z'},
	                                    {0}};
	struct opts o;
	memset(&o, 0, sizeof(o));
	o.methods = DISC_ARP | DISC_NDP | DISC_ICMP;
	targets_init(&o.t);
	int rc = EXIT_USAGE;
	int first = cli_getopt(c, argc, argv, "Z:", own, handler, &o, usage);
	if (first < 0) {
		targets_release(&o.t);
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	}
	struct bs_err e;
	for (int i = first; i < argc; i++)
		if (targets_add(&o.t, argv[i], &e) < 0) {
			cli_error("scan: %s", e.msg);
			goto out;
		}
	uint64_t n;
	if (targets_count(&o.t, &n, &e) < 0) {
		cli_error("scan: %s", e.msg);
		goto out;
	}
	if (n == 0) {
		cli_error("scan: no targets (try 'bansweep scan --help')");
		goto out;
	}
	if (!o.allow_public && targets_check_private(&o.t, &e) < 0) {
		cli_error("scan: %s", e.msg);
		goto out;
	}
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		goto out;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	/* The store is opened before the privileges go, as the user who runs the scan. */
	if (cli_store_begin(c, "scan") < 0)
		goto out;
	/* The scope is what was probed: the targets as merged, exclusions taken out, names
	 * resolved, files read. */
	targets_each_range(&o.t, net_scope, c);
	/* The raw sockets of discovery are opened now, before the privileges go. */
	if (!o.cfg.assume_up && (o.methods || !o.cfg.no_groups)) {
		o.cfg.disc = discover_open(&o.t, o.methods, &e);
		if (!o.cfg.disc)
			cli_warn(c, "no discovery: %s", e.msg);
		else if (*discover_notes(o.cfg.disc))
			cli_warn(c, "%s: the TCP probes look for those hosts instead",
			         discover_notes(o.cfg.disc));
	}
	if (cli_drop_privileges(c, o.user) < 0)
		goto out;
	struct capture *cap = capture_new(NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct scan_stats st;
	int tty = !c->quiet && isatty(STDERR_FILENO);
	int sr = scan_run(&o.t, &o.cfg, capture_emit(cap), &st, tty ? on_progress : NULL, NULL, &e);
	if (tty)
		fputc('\n', stderr);
	if (sr < 0)
		cli_error("scan: %s", e.msg);
	else if (sr == 1)
		cli_warn(c, "scan interrupted: reporting what was learned");
	struct neigh_ctx nc = {capture_emit(cap), &o.t};
	discover_neighbours(one_neighbour, &nc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	char line[256];
	snprintf(
	    line, sizeof(line),
	    "scan: %llu targets, %llu hosts up (%llu by ARP, NDP or ICMP), %llu exchanges, %llu "
	    "answers in %.2f s",
	    (unsigned long long)st.targets, (unsigned long long)st.alive,
	    (unsigned long long)st.disc_found, (unsigned long long)st.exchanges,
	    (unsigned long long)st.answers, secs);
	capture_finish(cap);
	rc = cli_passive_report(c, cap, "scan", secs, sr < 0, line);
	capture_free(cap);
out:
	discover_free(o.cfg.disc);
	targets_release(&o.t);
	return rc;
}
