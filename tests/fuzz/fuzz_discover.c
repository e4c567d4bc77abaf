/* Discovery's parsers, the answer-is-whole checks and the SSDP LOCATION reader on arbitrary
 * bytes. */
#include <stddef.h>
#include <stdint.h>

#include "bansweep/discover.h"
#include "probe/complete.h"
#include "probe/location.h"

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n);

static void neigh(void *ctx, const struct addr *a, const uint8_t mac[6])
{
	(void)ctx, (void)a, (void)mac;
}

int LLVMFuzzerTestOneInput(const uint8_t *p, size_t n)
{
	uint8_t spa[4], sha[6];
	(void)discover_parse_arp(p, n, spa, sha);
	(void)discover_parse_echo(p, n, 0, 0x1234, 1);
	(void)discover_parse_echo(p, n, 1, 0x1234, 1);
	uint8_t tg[16], mac[6];
	int has_mac;
	(void)discover_parse_na(p, n, tg, mac, &has_mac);
	(void)discover_parse_echo6(p, n, 0x1234, 1);
	int done;
	(void)discover_parse_neigh(p, n, neigh, NULL, &done);
	(void)complete_http(p, n, 0);
	(void)complete_http(p, n, 1);
	(void)complete_tls(p, n);
	struct addr a = {4, {10, 78, 0, 15}};
	uint16_t port;
	char path[200];
	(void)ssdp_location(p, n, &a, &port, path, sizeof(path));
	return 0;
}
