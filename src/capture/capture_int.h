/* Private parts of the capture engine, shared by its files:
 *   engine.c    struct capture, emit callbacks, link types
 *   ip.c        IPv4, IPv6 and their extension headers, UDP, TCP segment hand-off
 *   flow.c      TCP flow table with bounded reassembly and LRU eviction
 *   dispatch.c  protocol tables from protos.def: ports and sniffers
 *   obsstore.c  observations per endpoint, MAC/IP bindings, DNS answers, asset ids
 *   pcapfile.c  capture files through libpcap */
#ifndef BS_CAPTURE_INT_H
#define BS_CAPTURE_INT_H

#include "bansweep/arena.h"
#include "bansweep/capture.h"

/* Protocol table (dispatch.c). Index order: protos.def, then "arp", "wifi". */
enum { PROTO_IDX_NONE = 255 };
size_t dispatch_count(void);
int dispatch_is_stream(size_t idx);
/* Index of the datagram protocol for this port pair, or PROTO_IDX_NONE. */
unsigned dispatch_dgram(uint16_t sport, uint16_t dport);
/* Index of the stream protocol for this server port, or PROTO_IDX_NONE. */
unsigned dispatch_stream_port(uint16_t port);
/* Index of the stream protocol whose sniffer recognises the data, or PROTO_IDX_NONE. */
unsigned dispatch_sniff(const uint8_t *p, size_t n);
int dispatch_run_dgram(unsigned idx, const uint8_t *p, size_t n, const struct pkt *pk,
                       const struct emit *em);
int dispatch_run_stream(unsigned idx, const uint8_t *p, size_t n, int from_client,
                        const struct pkt *pk, const struct emit *em);
extern const unsigned PROTO_IDX_ARP, PROTO_IDX_WIFI;

struct obsstore;
struct obsstore *obsstore_new(size_t max_obs);
void obsstore_free(struct obsstore *s);
/* Returns 1 if new, 0 if known, -1 if refused (limit). */
int obsstore_add(struct obsstore *s, const uint8_t *mac, const struct addr *ip, enum key_id key,
                 const char *v, size_t n, uint64_t ts_us);
/* A MAC seen with an IP address as source or destination of an IP packet. */
void obsstore_seen(struct obsstore *s, const uint8_t *mac, const struct addr *ip);
/* A MAC bound to an IP address by ARP or DHCP: on the segment for certain. */
void obsstore_bind(struct obsstore *s, const uint8_t *mac, const struct addr *ip);
void obsstore_answer(struct obsstore *s, const char *name, size_t n, const struct addr *a);
/* The name a DNS answer gave this address, or NULL. */
const char *obsstore_name_of(struct obsstore *s, const struct addr *a, size_t *n);
int obsstore_each(struct obsstore *s, capture_obs_fn fn, void *ctx);

struct flowtab;
struct flowtab *flowtab_new(struct capture *c, size_t max_flows, uint64_t idle_us);
void flowtab_free(struct flowtab *t);
/* One TCP segment: flags, seq, payload. pk describes the packet as captured. */
void flowtab_segment(struct flowtab *t, const struct pkt *pk, uint8_t flags, uint32_t seq,
                     const uint8_t *data, size_t len);
/* Decodes and drops every flow (end of input). */
void flowtab_flush(struct flowtab *t);

struct capture {
	struct capture_limits lim;
	struct capture_stats st;
	struct obsstore *obs;
	struct flowtab *flows;
	struct emit em;
	int finished;
};

/* Runs a stream decoder on a flow direction's bytes (flow.c calls it). */
void capture_stream(struct capture *c, const uint8_t *p, size_t n, int from_client,
                    const struct pkt *pk, uint16_t server_port);
/* Network layer (ip.c). */
void capture_ipv4(struct capture *c, struct pkt *pk, const uint8_t *p, size_t n);
void capture_ipv6(struct capture *c, struct pkt *pk, const uint8_t *p, size_t n);
/* Counts a decoder's result. */
void capture_count(struct capture *c, unsigned idx, int rc);

#endif
