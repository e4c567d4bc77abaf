/* What the scan needs to know of an SNMP answer to go on with the conversation
 * (src/probe/snmpq.c); the observations themselves come from proto_snmp (proto.h). */
#ifndef BANSWEEP_SNMP_H
#define BANSWEEP_SNMP_H

#include <stddef.h>
#include <stdint.h>

/* RFC 3416 §3 error-status values the scan acts upon (RFC 1157 §4.1.1 for v1). */
enum { SNMP_NO_ERROR = 0, SNMP_NO_SUCH_NAME = 2 };

struct snmp_answer {
	int version;         /* 0: v1, 1: v2c */
	uint32_t request_id; /* as sent back (the scan sends positive 31-bit ids) */
	long error_status;   /* RFC 3416 §3 */
	long error_index;    /* 1-based varbind index, 0: none */
	uint32_t enterprise; /* sysObjectID.0's arc after 1.3.6.1.4.1; 0 when absent */
};

/* Reads one datagram; 0 when it is a whole, well-formed v1 or v2c Response-PDU (RFC 3416 §4.2.4)
 * and *a is set, -1 otherwise (another PDU, another version, or malformed). */
int snmp_answer(const uint8_t *p, size_t n, struct snmp_answer *a);

#endif
