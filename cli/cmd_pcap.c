/* bansweep pcap: passive analysis of capture files. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/capture.h"
#include "cli.h"
#include "util/banned.h"

static const char usage[] =
    "usage: bansweep pcap [options] FILE...\n\n"
    "Reads packet captures (pcap or pcapng; Ethernet with 802.1Q/QinQ tags, Linux cooked SLL\n"
    "and SLL2, raw IP, BSD loopback, 802.11 with or without radiotap) without sending a packet,\n"
    "decodes ARP, DHCP, DHCPv6, DNS, mDNS, SSDP, WS-Discovery, SADP, DHIP, SNMP, HTTP, RTSP, TLS,\n"
    "SSH, Telnet, FTP and 802.11 management frames, and reports the covered devices and software\n"
    "it found, with evidence and the instruments that apply. Hosts on the captured segment are\n"
    "keyed by MAC address, hosts behind a router by IP address; a host that only talks to a\n"
    "vendor's cloud is reported as running that vendor's software or device.\n"
    "A truncated or corrupt file stops at the bad record: the error gives its byte offset, the\n"
    "findings up to there are reported, and the exit status is 2.\n\n"
    "Options: --policy PROFILE, --as-of DATE, --fail-on-findings, --json, --csv, -v, -q;\n"
    "see 'bansweep --help'. A summary of what was decoded goes to standard error.\n";

struct progress {
	const char *name;
	uint64_t size;
	struct timespec t0;
	time_t last;
};

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void on_progress(void *ctx, uint64_t bytes, uint64_t packets)
{
	struct progress *p = ctx;
	time_t now = time(NULL);
	if (now == p->last)
		return;
	p->last = now;
	double s = since(&p->t0);
	fprintf(stderr,
	        "\rpcap: %s: %.0f%% (%.1f of %.1f MB), %llu packets, %.0f MB/s, %.0f k packets/s  ",
	        p->name, p->size ? 100.0 * (double)bytes / (double)p->size : 0.0,
	        (double)bytes / 1e6, (double)p->size / 1e6, (unsigned long long)packets,
	        (double)bytes / 1e6 / s, (double)packets / 1e3 / s);
}

static int handler(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)c, (void)opt, (void)arg, (void)ctx;
	return -1;
}

int cmd_pcap(struct cli *c, int argc, char **argv)
{
	static const struct option own[] = {{0}};
	int first = cli_getopt(c, argc, argv, "", own, handler, NULL, usage);
	if (first < 0)
		return first == -2 ? EXIT_OK : EXIT_USAGE;
	if (first >= argc) {
		cli_error("pcap: no capture file given (try 'bansweep pcap --help')");
		return EXIT_USAGE;
	}
	if (cli_load_profile(c) < 0 || cli_load_rules(c) < 0)
		return EXIT_USAGE;
	if (cli_load_registry(c) < 0)
		cli_warn(c, "no MAC registry: MAC addresses will not be attributed");
	if (cli_store_begin(c, "pcap") < 0)
		return EXIT_USAGE;
	/* A capture proves presence, never absence: its scope covers no asset. */
	for (int i = first; i < argc; i++)
		cli_store_scope(c, "file", argv[i]);
	struct capture *cap = capture_new(NULL);
	int failed = 0, tty = !c->quiet && isatty(STDERR_FILENO);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = first; i < argc; i++) {
		struct progress p = {argv[i], 0, t0, 0};
		struct stat st;
		if (stat(argv[i], &st) == 0)
			p.size = (uint64_t)st.st_size;
		clock_gettime(CLOCK_MONOTONIC, &p.t0);
		struct bs_err e;
		int rc = capture_read_file(cap, argv[i], tty ? on_progress : NULL, &p, &e);
		if (tty && p.last)
			fputc('\n', stderr);
		if (rc < 0) {
			cli_error("%s", e.msg);
			failed = 1;
		}
	}
	capture_finish(cap);
	int rc = cli_passive_report(c, cap, "pcap", since(&t0), failed, NULL);
	capture_free(cap);
	return rc;
}
