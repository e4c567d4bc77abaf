/* Protocol decoders (src/proto/, one file per protocol): bytes in, observations out; no sockets,
 * no globals, every input byte read through the bounded reader (rd.h). The capture layer (and
 * later the active probes) hands a decoder one UDP datagram, or the first bytes of one direction
 * of a TCP stream, with what the lower layers learned in struct pkt; the decoder reports through
 * struct emit. A decoder is one file plus one line in src/capture/protos.def. */
#ifndef BANSWEEP_PROTO_H
#define BANSWEEP_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/keys.h"

/* An IPv4 or IPv6 address. */
struct addr {
	uint8_t fam; /* 0 none, 4, 6 */
	uint8_t b[16];
};

/* What the link, network and transport layers learned about the packet at hand. */
struct pkt {
	uint64_t ts_us;                   /* capture time, microseconds since 1970 */
	const uint8_t *src_mac, *dst_mac; /* 6 bytes each, NULL when the link layer has none */
	struct addr src, dst;             /* fam 0 when not IP (802.11 management frames) */
	uint16_t sport, dport;
	uint8_t l4; /* 6 TCP, 17 UDP, 0 none */
};

/* Whom an observation is about: the packet's (or the stream data's) sender or its receiver. */
enum side { SIDE_SRC = 0, SIDE_DST = 1 };

struct emit {
	/* An observation. v need not be NUL-terminated; it is copied. Decoders emit values as they
	 * are on the wire (the rules normalise), after dropping framing such as quotes or CRLF. */
	void (*obs)(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
	            size_t n);
	/* A DNS or mDNS answer: name (n bytes, dotted, no trailing dot) has address a. */
	void (*answer)(void *ctx, const struct pkt *p, const char *name, size_t n,
	               const struct addr *a);
	/* mac was seen using address a on this segment (ARP, DHCP). */
	void (*bind)(void *ctx, const uint8_t mac[6], const struct addr *a);
	void *ctx;
};

/* What a decoder returns. */
enum { PROTO_OK = 0, PROTO_NOT_MINE = 1, PROTO_MALFORMED = -1 };

/* One UDP datagram's payload. */
typedef int (*dgram_fn)(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em);
/* The first bytes of one direction of a TCP stream (at most PROTO_STREAM_MAX, in order, possibly
 * cut short). from_client: the data goes from the side that opened the connection. The sender
 * of the data is SIDE_SRC of pk. */
typedef int (*stream_fn)(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,
                         const struct emit *em);
/* Does the start of a stream look like this protocol (for servers on other ports)? */
typedef int (*sniff_fn)(const uint8_t *p, size_t n);

/* How many bytes of each stream direction are kept for the stream decoders. */
#define PROTO_STREAM_MAX 16384

/* The decoders (src/capture/protos.def lists them with their ports). */
#define DGRAM(name, fn, ...)                                                                       \
	int fn(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em);
#define STREAM(name, fn, sniff, ...)                                                               \
	int fn(const uint8_t *p, size_t n, int from_client, const struct pkt *pk,                  \
	       const struct emit *em);                                                             \
	int sniff(const uint8_t *p, size_t n);
#include "../../src/capture/protos.def"
#undef DGRAM
#undef STREAM

/* Link-layer decoders called by the capture layer directly. */
/* ARP (RFC 826): binds sender MAC and IP. */
int proto_arp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em);
/* A radiotap header and the 802.11 frame after it: management frames (beacons, probe
 * responses) give the transmitter's BSSID as src_mac, its SSID and vendor element OUIs. */
int proto_radiotap(const uint8_t *p, size_t n, uint64_t ts_us, const struct emit *em);
/* A bare 802.11 frame (link type IEEE802_11). */
int proto_wifi(const uint8_t *p, size_t n, uint64_t ts_us, const struct emit *em);

#endif
