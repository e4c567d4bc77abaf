/* bansweep capture: live passive analysis of an interface. The device is opened with the
 * privileges it needs, then they are dropped (as tcpdump -Z does) before any packet is decoded;
 * SIGINT or SIGTERM ends the capture cleanly and the findings so far are reported. */
#include <errno.h>
#include <grp.h>
#include <pcap/pcap.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/capture.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep capture -i IFACE [--duration SECONDS] [--filter BPF] [-Z USER] [options]\n\n"
    "Listens on an interface without sending anything and reports the covered devices and\n"
    "software seen, as 'bansweep pcap' does for files. Runs until --duration passes or until\n"
    "interrupted (Ctrl-C); what was seen until then is reported.\n\n"
    "Options:\n"
    "  -i, --interface IFACE  the interface to listen on (required)\n"
    "  --duration SECONDS     stop after this long\n"
    "  --filter EXPR          a BPF capture filter (as tcpdump takes)\n"
    "  -Z, --user USER        drop privileges to USER after opening the interface (default,\n"
    "                         when started as root: nobody; 'root' keeps them)\n"
    "  --no-promisc           do not put the interface into promiscuous mode\n"
    "  --policy, --as-of, --fail-on-findings, --json, --csv, -v, -q: see 'bansweep --help'.\n";

enum { OPT_DURATION = 1, OPT_FILTER, OPT_NOPROMISC };

struct opts {
	const char *iface, *filter, *user;
	double duration;
	int nopromisc;
};

static volatile sig_atomic_t stop;
static pcap_t *live; /* for the signal handler: pcap_breakloop is safe to call from one */

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
	if (live)
		pcap_breakloop(live);
}

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	char *end;
	switch (opt) {
	case 'i':
		o->iface = arg;
		return 0;
	case 'Z':
		o->user = arg;
		return 0;
	case OPT_FILTER:
		o->filter = arg;
		return 0;
	case OPT_NOPROMISC:
		o->nopromisc = 1;
		return 0;
	case OPT_DURATION:
		o->duration = strtod(arg, &end);
		if (*end || o->duration <= 0) {
			cli_error("%s: --duration takes a positive number of seconds", c->cmd);
			return -1;
		}
		return 0;
	}
	return -1;
}

struct live_ctx {
	struct capture *cap;
	int lt;
};

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct live_ctx *l = (struct live_ctx *)user;
	uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
	capture_packet(l->cap, l->lt, data, h->caplen, ts);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_capture(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{"interface", required_argument, NULL, 'i'},
	                                    {"user", required_argument, NULL, 'Z'},
	                                    {"duration", required_argument, NULL, OPT_DURATION},
	                                    {"filter", required_argument, NULL, OPT_FILTER},
	                                    {"no-promisc", no_argument, NULL, OPT_NOPROMISC},
	                                    {0}};
	struct opts o = {0};
	int first = cli_getopt(c, argc, argv, "i:Z:", own, handler, &o, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (!o.iface || first < argc) {
		cli_error("capture: give the interface with -i (try 'bansweep capture --help')");
		return EXIT_USAGE;
	}
	/* Everything read from disk is loaded before the privileges go. */
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	/* Opened before the privileges go; passive, so its scope covers no asset. */
	if (cli_store_begin(c, "capture") < 0)
		return EXIT_USAGE;
	cli_store_scope(c, "iface", o.iface);
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(o.iface, errbuf);
	if (!p) {
		cli_error("capture: %s: %s", o.iface, errbuf);
		return EXIT_USAGE;
	}
	pcap_set_snaplen(p, 65535);
	pcap_set_promisc(p, !o.nopromisc);
	pcap_set_timeout(p, 200);
	pcap_set_immediate_mode(p, 1);
	int ar = pcap_activate(p);
	if (ar < 0) {
		cli_error("capture: %s: %s", o.iface, pcap_geterr(p));
		pcap_close(p);
		return EXIT_USAGE;
	}
	if (o.filter) {
		struct bpf_program prog;
		if (pcap_compile(p, &prog, o.filter, 1, PCAP_NETMASK_UNKNOWN) < 0 ||
		    pcap_setfilter(p, &prog) < 0) {
			cli_error("capture: filter '%s': %s", o.filter, pcap_geterr(p));
			pcap_close(p);
			return EXIT_USAGE;
		}
		pcap_freecode(&prog);
	}
	struct live_ctx l = {capture_new(NULL), pcap_datalink(p)};
	if (!capture_linktype_ok(l.lt)) {
		cli_error("capture: %s: link type %d is not supported", o.iface, l.lt);
		pcap_close(p);
		capture_free(l.cap);
		return EXIT_USAGE;
	}
	if (cli_drop_privileges(c, o.user) < 0) {
		pcap_close(p);
		capture_free(l.cap);
		return EXIT_USAGE;
	}
	live = p;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!c->quiet)
		fprintf(stderr, "capture: listening on %s%s%s\n", o.iface,
		        o.filter ? ", filter " : "", o.filter ? o.filter : "");
	double t0 = now();
	int failed = 0;
	while (!stop) {
		if (o.duration > 0 && now() - t0 >= o.duration)
			break;
		int r = pcap_dispatch(p, -1, on_packet, (u_char *)&l);
		if (r == PCAP_ERROR) {
			cli_error("capture: %s: %s", o.iface, pcap_geterr(p));
			failed = 1;
			break;
		}
	}
	live = NULL;
	struct pcap_stat ps;
	if (pcap_stats(p, &ps) == 0 && !c->quiet && ps.ps_drop)
		fprintf(stderr, "capture: the kernel dropped %u packets\n", ps.ps_drop);
	pcap_close(p);
	capture_finish(l.cap);
	int rc = cli_passive_report(c, l.cap, "capture", now() - t0, failed, NULL);
	capture_free(l.cap);
	return rc;
}
