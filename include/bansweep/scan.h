/* Active discovery: every target address is asked, politely and without credentials, who made
 * it, by the probes of src/probe/probes.def over the event loop (loop.h). Discovery (ARP, ICMP:
 * discover.h) and phase 1 find the hosts that are there; phase 2 asks them the rest. Answers go to
 * the same decoders as captured traffic, and the observations to an emit (a capture engine's:
 * capture_emit()). */
#ifndef BANSWEEP_SCAN_H
#define BANSWEEP_SCAN_H

#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/proto.h"
#include "bansweep/targets.h"

struct scan_config {
	double rate;           /* new exchanges per second; 0: 300 (gentle on small networks) */
	unsigned per_host;     /* exchanges at once per host; 0: 2 */
	unsigned timeout_ms;   /* an exchange without progress this long ends; 0: 1500 */
	const char *community; /* SNMP community; NULL: "public" (the only credential ever sent) */
	struct discover
	    *disc;       /* opened sockets for ARP/ICMP discovery and the segments; NULL: none */
	int no_groups;   /* no group (multicast) discovery */
	int no_tcp_gate; /* targets discovery did not find are not probed */
	int assume_up;   /* every target gets every phase-1 probe, found or not */
};

struct scan_stats {
	uint64_t targets, alive, exchanges, answers;
	uint64_t disc_sent, disc_found; /* ARP and ICMP requests, hosts that answered them */
	uint64_t outside; /* group answers from hosts that are not targets (ignored) */
	uint64_t asked2;  /* hosts that answered and were asked the phase-2 probes */
	int phase;        /* 0 discovery, 1 probes */
};

typedef void (*scan_progress_fn)(void *ctx, const struct scan_stats *st);

/* Scans the targets (already checked by the caller against the private-range rule). Returns 0,
 * 1 when interrupted by scan_interrupt() (what was learned is kept), or -1 with e set. */
int scan_run(struct targets *t, const struct scan_config *cfg, const struct emit *em,
             struct scan_stats *st, scan_progress_fn progress, void *pctx, struct bs_err *e);
/* Async-signal-safe: ends the running scan soon. */
void scan_interrupt(void);
/* The names of the probes, NULL-terminated (for --help and the summary). */
extern const char *const scan_probe_names[];

#endif
