/* The SNMP conversation of `bansweep scan` with one agent (snmpq.c). */
#ifndef BANSWEEP_PROBE_SNMPQ_H
#define BANSWEEP_PROBE_SNMPQ_H

#include <stddef.h>
#include <stdint.h>

#define SNMPQ_MAX 8 /* names in one request */

/* One request of the conversation, and what it takes to build the next one. Plain data: the scan
 * keeps it in its exchange context. */
struct snmpq {
	uint8_t version; /* 1: v2c, 0: v1 */
	uint8_t stage;   /* the system group, then the model tables */
	uint8_t getnext;
	uint8_t n;               /* names asked */
	uint8_t item[SNMPQ_MAX]; /* indexes into snmpq.c's table of names */
	uint32_t rid;            /* request-id sent */
};

/* The first request: v2c GetRequest of sysDescr.0, sysObjectID.0, sysName.0. */
void snmpq_start(struct snmpq *q, uint32_t rid);
/* The request's bytes with the user's community; 0 when it does not fit. */
size_t snmpq_request(const struct snmpq *q, const char *community, uint8_t *out, size_t cap);
/* How many times the request is resent when unanswered: the v1 fallback once sent only, so that
 * a host that answers nothing gets one datagram more than the v2c request's two. */
unsigned snmpq_retries(const struct snmpq *q);
/* After an exchange: p/n the first datagram that came back (NULL/0: none), silent when the
 * exchange simply timed out (no answer, no ICMP error). Returns 1 with q made the next request
 * (request-id next_rid), 0 when the conversation is over. */
int snmpq_next(struct snmpq *q, const uint8_t *p, size_t n, int silent, uint32_t next_rid);

#endif
