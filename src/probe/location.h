/* SSDP LOCATION (UPnP Device Architecture 2.0 §1.3.3) for the scan's follow-up fetch. */
#ifndef BS_PROBE_LOCATION_H
#define BS_PROBE_LOCATION_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/proto.h"

/* Returns 1 with *port and path (at most cap bytes with its NUL) when the answer's LOCATION is
 * an http:// URL on address a itself (plain printable path); 0 otherwise. The scan talks only to
 * the targets it was given: a location on another host is not followed. */
int ssdp_location(const uint8_t *p, size_t n, const struct addr *a, uint16_t *port, char *path,
                  size_t cap);

#endif
