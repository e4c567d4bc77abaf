/* The protocol table of protos.def: which decoder a datagram or a stream goes to. Port look-ups
 * are two 64 KiB tables built once; streams on other ports are recognised by their first bytes. */
#include <pthread.h>
#include <string.h>

#include "capture/capture_int.h"
#include "util/banned.h"

struct proto_entry {
	const char *name;
	int stream;
	dgram_fn dgram;
	stream_fn stream_fn;
	sniff_fn sniff;
	uint16_t ports[8];
};

static const struct proto_entry table[] = {
#define DGRAM(name, fn, ...)         {name, 0, fn, NULL, NULL, {__VA_ARGS__}},
#define STREAM(name, fn, sniff, ...) {name, 1, NULL, fn, sniff, {__VA_ARGS__}},
#include "capture/protos.def"
#undef DGRAM
#undef STREAM
};
#define NTABLE (sizeof(table) / sizeof(*table))

const unsigned PROTO_IDX_ARP = NTABLE, PROTO_IDX_WIFI = NTABLE + 1;

const char *const capture_proto_names[] = {
#define DGRAM(name, fn, ...)         name,
#define STREAM(name, fn, sniff, ...) name,
#include "capture/protos.def"
#undef DGRAM
#undef STREAM
    "arp", "wifi", NULL};

_Static_assert(sizeof(table) / sizeof(*table) + 2 <= 32, "capture_stats counters hold 32");

static uint8_t by_udp[65536], by_tcp[65536];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	memset(by_udp, PROTO_IDX_NONE, sizeof(by_udp));
	memset(by_tcp, PROTO_IDX_NONE, sizeof(by_tcp));
	for (size_t i = 0; i < NTABLE; i++)
		for (size_t k = 0; k < 8 && table[i].ports[k]; k++)
			(table[i].stream ? by_tcp : by_udp)[table[i].ports[k]] = (uint8_t)i;
}

size_t dispatch_count(void)
{
	return NTABLE + 2;
}

int dispatch_is_stream(size_t idx)
{
	return idx < NTABLE && table[idx].stream;
}

unsigned dispatch_dgram(uint16_t sport, uint16_t dport)
{
	pthread_once(&once, build);
	/* The well-known side decides; a reply comes from it, a request goes to it. */
	unsigned d = by_udp[dport];
	return d != PROTO_IDX_NONE ? d : by_udp[sport];
}

unsigned dispatch_stream_port(uint16_t port)
{
	pthread_once(&once, build);
	return by_tcp[port];
}

unsigned dispatch_sniff(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].stream && table[i].sniff(p, n))
			return (unsigned)i;
	return PROTO_IDX_NONE;
}

int dispatch_run_dgram(unsigned idx, const uint8_t *p, size_t n, const struct pkt *pk,
                       const struct emit *em)
{
	return table[idx].dgram(p, n, pk, em);
}

int dispatch_run_stream(unsigned idx, const uint8_t *p, size_t n, int from_client,
                        const struct pkt *pk, const struct emit *em)
{
	return table[idx].stream_fn(p, n, from_client, pk, em);
}
