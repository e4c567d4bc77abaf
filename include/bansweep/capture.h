/* Passive analysis: packets in (from files or a live interface), observations out. The engine
 * decodes link, network and transport layers, keeps a bounded table of TCP flows whose first
 * bytes each way go to the stream decoders, hands UDP datagrams to the datagram decoders, and
 * collects the observations per endpoint. At the end it decides which endpoints are hosts on the
 * captured segment (keyed by MAC) and which are behind a router (keyed by IP), and hands the
 * observations on with those asset ids. */
#ifndef BANSWEEP_CAPTURE_H
#define BANSWEEP_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/proto.h"

struct capture;

struct capture_limits {
	size_t max_flows;      /* TCP flows tracked at once (default 65536) */
	size_t max_obs;        /* distinct observations kept (default 4 M) */
	uint64_t flow_idle_us; /* a flow idle this long is decoded and dropped (default 120 s) */
};

/* Counters of one run. */
struct capture_stats {
	uint64_t packets, bytes; /* bytes as captured */
	uint64_t link_errors;    /* frames too short or of an unknown ethertype layout */
	uint64_t ip_errors;      /* bad IP/TCP/UDP headers */
	uint64_t fragments;      /* non-first IP fragments skipped */
	uint64_t flows, flows_evicted, segments_dropped;
	uint64_t obs, obs_dropped; /* distinct observations kept / refused over the limit */
	uint64_t decoded[32], malformed[32]; /* per protocol of protos.def, then arp, wifi */
};

/* Names of the protocol counters, in the order of decoded[] / malformed[]; NULL-terminated. */
extern const char *const capture_proto_names[];

struct capture *capture_new(const struct capture_limits *lim /* NULL: defaults */);
void capture_free(struct capture *c);

/* One captured frame of libpcap link type `linktype`. Returns 0, or -1 when the link type is
 * not supported (the caller reports it once and stops). */
int capture_packet(struct capture *c, int linktype, const uint8_t *data, size_t caplen,
                   uint64_t ts_us);
/* Is the link type one capture_packet decodes? */
int capture_linktype_ok(int linktype);

/* Decodes what the flows still hold (end of input). Call once, before capture_each. */
void capture_finish(struct capture *c);

/* Every observation, with the asset id the engine decided (a MAC "4C:BD:8F:12:34:56" for hosts
 * on the captured segment, else the IP address), first time seen, in a stable order. */
typedef int (*capture_obs_fn)(void *ctx, const char *asset, enum key_id key, const char *value,
                              size_t len, uint64_t first_us);
int capture_each(struct capture *c, capture_obs_fn fn, void *ctx);

const struct capture_stats *capture_stats(const struct capture *c);
/* The engine's emit: other sources of observations (the active probes) feed the same store. */
const struct emit *capture_emit(struct capture *c);

/* Reading a capture file (pcap or pcapng, through libpcap). progress, if not NULL, is called
 * now and then with bytes read so far. On a read error (truncated or corrupt file) the packets
 * before it stay processed and the error names the byte offset; returns -1. */
typedef void (*capture_progress_fn)(void *ctx, uint64_t bytes_done, uint64_t packets);
int capture_read_file(struct capture *c, const char *path, capture_progress_fn progress, void *pctx,
                      struct bs_err *e);

/* Formats an address: "10.0.0.1", "fe80::1". */
void addr_format(const struct addr *a, char *out, size_t n);

#endif
