/* Host discovery beneath the probes of `bansweep scan`:
 *   ARP   on a segment the machine is attached to: every host there must answer ARP to talk at
 *         all, so an answer says who is there with its MAC (even a host that drops every IP
 *         packet) and silence says nobody is;
 *   ICMP  echo for the other IPv4 targets, where the network lets it through;
 *   NDP   the same as ARP for IPv6 targets on an attached prefix (Neighbor Solicitation), and
 *         ICMPv6 echo for the other IPv6 targets (src/probe/discover6.c).
 * They need sockets that only root (or CAP_NET_RAW) may open, except the ICMP "ping socket" some
 * systems allow to everybody (net.ipv4.ping_group_range). So the caller opens them first
 * (discover_open), drops its privileges, then sweeps (discover_run). What could not be opened is
 * said in discover_notes(); the scan then relies on its TCP probes for those targets.
 * Requests go only to target addresses: ARP requests are broadcast frames asking for one target
 * each, Neighbor Solicitations go to one target's solicited-node group, echo requests are sent
 * to the target. */
#ifndef BANSWEEP_DISCOVER_H
#define BANSWEEP_DISCOVER_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "bansweep/err.h"
#include "bansweep/proto.h"
#include "bansweep/targets.h"

enum { DISC_ARP = 1, DISC_ICMP = 2, DISC_NDP = 4 };

/* An IPv4 segment this machine is on, holding at least one target. */
struct segment {
	unsigned ifindex;
	char name[IF_NAMESIZE];
	uint8_t ip[4], mask[4], mac[6];
	int has_mac;
	size_t ntargets; /* targets on it (the machine's own address and the subnet's network and
	                    broadcast addresses left out) */
};

struct discover;

/* Finds the segments, sorts the targets between them and the rest, and opens the sockets of the
 * methods asked for (DISC_ARP | DISC_ICMP | DISC_NDP) that this process may open. Returns NULL with
 * e set only when the interfaces cannot be listed or memory runs out. */
struct discover *discover_open(struct targets *t, unsigned methods, struct bs_err *e);
void discover_free(struct discover *d);

/* The methods that are ready, and why the others are not ("" when nothing is missing). */
unsigned discover_methods(const struct discover *d);
const char *discover_notes(const struct discover *d);
size_t discover_segments(const struct discover *d, const struct segment **out);

typedef void (*discover_found_fn)(void *ctx, const struct addr *a, const uint8_t *mac,
                                  unsigned method); /* mac: NULL unless found by ARP or NDP */
typedef void (*discover_tick_fn)(void *ctx, uint64_t sent, uint64_t found);

/* Sweeps: each target asked once, then the silent ones again `retries` times, wait_ms after
 * each round for late answers; at most `rate` requests per second. found is called once per
 * host, as its first answer comes; tick about once a second. Returns 0, 1 when
 * discover_interrupt() ended it early, or -1 with e set. */
int discover_run(struct discover *d, double rate, unsigned wait_ms, unsigned retries,
                 discover_found_fn found, discover_tick_fn tick, void *ctx, struct bs_err *e);
/* Whether the ARP or NDP sweep covered this address (so that no answer means no host). */
int discover_arp_covers(const struct discover *d, const struct addr *a);
/* Async-signal-safe. */
void discover_interrupt(void);

/* The kernel's neighbour tables (IPv4 and IPv6) through rtnetlink: fn is called for every
 * entry with a MAC. Needs no privilege. Returns the number of entries, or -1 with errno. */
typedef void (*discover_neigh_fn)(void *ctx, const struct addr *a, const uint8_t mac[6]);
int discover_neighbours(discover_neigh_fn fn, void *ctx);

/* The parsers of what comes back (pure functions, fuzzed):
 * an ARP packet (without its link header) sent by a host: its IPv4 address and MAC. Requests
 * count as well as replies (a host that asks is there); probes with sender 0.0.0.0 do not. */
int discover_parse_arp(const uint8_t *p, size_t n, uint8_t spa[4], uint8_t sha[6]);
/* An ICMP echo reply with our identifier and payload; with_ip: p starts with the IPv4 header (raw
 * socket). Returns 1 when it is one of ours, else 0. */
int discover_parse_echo(const uint8_t *p, size_t n, int with_ip, uint16_t id, int check_id);
/* An ICMPv6 Neighbor Advertisement (from the ICMPv6 header on): the target it is about, and its
 * Target Link-Layer Address option when present (*has_mac). Returns 1 when well formed. */
int discover_parse_na(const uint8_t *p, size_t n, uint8_t target[16], uint8_t mac[6], int *has_mac);
/* The messages of one datagram of a neighbour table dump (RTM_NEWNEIGH, host byte order as the
 * kernel sends them): fn per entry with a MAC; *done at NLMSG_DONE. Returns the entries, or -1
 * when malformed or NLMSG_ERROR. */
int discover_parse_neigh(const uint8_t *p, size_t n, discover_neigh_fn fn, void *ctx, int *done);
/* An ICMPv6 echo reply with our payload (and identifier, when check_id). */
int discover_parse_echo6(const uint8_t *p, size_t n, uint16_t id, int check_id);

#endif
