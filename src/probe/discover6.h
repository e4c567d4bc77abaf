/* IPv6 host discovery, the counterpart of discover.c's ARP and ICMP echo (see discover.h):
 *   NDP   Neighbor Solicitation (RFC 4861 §4.3) for the targets on a prefix this machine is on:
 *         every IPv6 host must answer it to talk at all, with its MAC, and silence means nobody;
 *   ICMPv6 echo (RFC 4443 §4.1) for the other IPv6 targets.
 * Both go through one raw ICMPv6 socket (root or CAP_NET_RAW); unprivileged, echo goes through
 * an ICMPv6 ping socket where net.ipv4.ping_group_range allows it. discover.c runs the sweep and
 * calls these. */
#ifndef BS_DISCOVER6_H
#define BS_DISCOVER6_H

#include <ifaddrs.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "bansweep/discover.h"

struct disc6;

/* Reports a host found: its address, MAC (NDP only, else NULL) and method. */
struct disc6_cb {
	void (*found)(void *ctx, const struct addr *a, const uint8_t *mac, unsigned method);
	void *ctx;
};

/* The IPv6 prefixes of the interfaces in ifs (up, not loopback), with their MAC. */
struct disc6 *disc6_new(const struct ifaddrs *ifs);
void disc6_free(struct disc6 *d);
/* Files one IPv6 target: on an attached prefix (for NDP) or not (for echo). */
void disc6_classify(struct disc6 *d, const struct addr *a);
/* Opens the sockets of the methods asked (DISC_NDP, DISC_ICMP) that apply; appends the reason
 * for any that cannot be opened to notes. Returns the methods ready. */
unsigned disc6_open(struct disc6 *d, unsigned methods, char *notes, size_t notes_cap);
/* Targets that would be asked (for discover.c's bookkeeping). */
size_t disc6_count(const struct disc6 *d);
/* Fills pf with the descriptors to poll (at most max); returns how many. */
size_t disc6_pollfds(const struct disc6 *d, struct pollfd *pf, size_t max);
/* Reads what arrived on fd; calls cb->found for each target answering the first time. Returns
 * how many were found. */
uint64_t disc6_read(struct disc6 *d, int fd, const struct disc6_cb *cb);
/* Whether target i (0 <= i < disc6_count) is still to be asked: not found, and a method ready
 * for it. */
int disc6_pending(const struct disc6 *d, size_t i);
/* Asks target i (pending): 1 when the request went out. */
int disc6_ask(struct disc6 *d, size_t i, uint16_t seq);
/* Whether NDP asked this address (so that no answer means no host). */
int disc6_covers(const struct disc6 *d, const struct addr *a);

#endif
