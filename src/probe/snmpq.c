/* The SNMP conversation of `bansweep scan` with one agent, a request at a time, with the user's
 * community only and never a Set:
 *   1. v2c GetRequest of sysDescr.0, sysObjectID.0, sysName.0 (RFC 3418), the phase-1 probe;
 *   2. when that gets no answer at all (a timeout, not an ICMP port unreachable), the same in v1
 *      (RFC 1157): an agent configured for v1 only drops a v2c message without a word (RFC 3584
 *      §4.1: it is an unknown version to it, counted in snmpInBadVersions and discarded);
 *   3. once the agent answered, in the version it answered: one GetNextRequest of the
 *      ENTITY-MIB columns entPhysicalDescr, entPhysicalSerialNum, entPhysicalMfgName and
 *      entPhysicalModelName (RFC 6933 §4), whose answer is each column's first row (the chassis
 *      index differs by vendor, so it cannot be asked by name), and of the vendor objects that
 *      src/proto/snmp_vendor.def lists for the enterprise of its sysObjectID.
 * The decoder (src/proto/snmp.c) keeps each value by the name it comes back with, so a GetNext
 * that runs past an empty column into some other object yields nothing.
 * In v1 a request fails as a whole when one name is missing, or for GetNext has nothing after it
 * (noSuchName with its error-index, RFC 1157 §4.1.2, §4.1.3): that name is dropped and the rest
 * asked again, at most once per name. v2c reports these per varbind (noSuchObject, endOfMibView,
 * RFC 3416 §4.2.1, §4.2.2) and needs no second request. */
#include <string.h>

#include "bansweep/requests.h"
#include "bansweep/snmp.h"
#include "probe/snmpq.h"
#include "util/banned.h"

enum { SQ_SYSTEM, SQ_TABLES };

/* The names asked: the system group, the ENTITY-MIB columns, then the vendor objects. */
enum { N_SYSTEM = 3, N_ENTITY = 4 };
static const char *const names[] = {
    "1.3.6.1.2.1.1.1.0",         /* sysDescr.0 */
    "1.3.6.1.2.1.1.2.0",         /* sysObjectID.0 */
    "1.3.6.1.2.1.1.5.0",         /* sysName.0 */
    "1.3.6.1.2.1.47.1.1.1.1.2",  /* entPhysicalDescr */
    "1.3.6.1.2.1.47.1.1.1.1.11", /* entPhysicalSerialNum */
    "1.3.6.1.2.1.47.1.1.1.1.12", /* entPhysicalMfgName */
    "1.3.6.1.2.1.47.1.1.1.1.13", /* entPhysicalModelName */
#define SNMPVENDOR(ent, oid, key) oid,
#include "proto/snmp_vendor.def"
#undef SNMPVENDOR
};
static const uint32_t vendor_enterprise[] = {
#define SNMPVENDOR(ent, oid, key) ent,
#include "proto/snmp_vendor.def"
#undef SNMPVENDOR
};
#define NNAMES (sizeof(names) / sizeof(*names))
_Static_assert(NNAMES == N_SYSTEM + N_ENTITY + sizeof(vendor_enterprise) / sizeof(uint32_t),
               "one enterprise per vendor object");
_Static_assert(NNAMES <= 255, "struct snmpq holds a name's index in a byte");
_Static_assert(N_ENTITY < SNMPQ_MAX, "room for vendor objects");

void snmpq_start(struct snmpq *q, uint32_t rid)
{
	memset(q, 0, sizeof(*q));
	q->version = 1;
	q->stage = SQ_SYSTEM;
	for (uint8_t i = 0; i < N_SYSTEM; i++)
		q->item[q->n++] = i;
	q->rid = rid & 0x7fffffff; /* as req_snmp sends it */
}

size_t snmpq_request(const struct snmpq *q, const char *community, uint8_t *out, size_t cap)
{
	const char *oids[SNMPQ_MAX];
	for (size_t i = 0; i < q->n; i++)
		oids[i] = names[q->item[i]];
	return req_snmp(out, cap, q->version, q->getnext, community, q->rid, oids, q->n);
}

unsigned snmpq_retries(const struct snmpq *q)
{
	return q->version == 0 && q->stage == SQ_SYSTEM ? 0 : 1;
}

int snmpq_next(struct snmpq *q, const uint8_t *p, size_t n, int silent, uint32_t next_rid)
{
	struct snmp_answer a;
	if (!p) {
		if (!silent || q->stage != SQ_SYSTEM || q->version != 1)
			return 0;
		q->version = 0; /* the same names, in v1 */
	} else if (snmp_answer(p, n, &a) < 0 || a.version != q->version || a.request_id != q->rid) {
		return 0; /* not an answer to this request */
	} else if (a.error_status == SNMP_NO_SUCH_NAME && q->version == 0 && a.error_index >= 1 &&
	           a.error_index <= q->n) {
		size_t k = (size_t)a.error_index - 1;
		memmove(q->item + k, q->item + k + 1, q->n - k - 1);
		if (--q->n == 0)
			return 0;
	} else if (a.error_status != SNMP_NO_ERROR || q->stage != SQ_SYSTEM) {
		return 0;
	} else {
		q->stage = SQ_TABLES;
		q->getnext = 1;
		q->n = 0;
		for (uint8_t i = N_SYSTEM; i < N_SYSTEM + N_ENTITY; i++)
			q->item[q->n++] = i;
		for (size_t i = 0; i < NNAMES - N_SYSTEM - N_ENTITY && q->n < SNMPQ_MAX; i++)
			if (a.enterprise && vendor_enterprise[i] == a.enterprise)
				q->item[q->n++] = (uint8_t)(N_SYSTEM + N_ENTITY + i);
	}
	q->rid = next_rid & 0x7fffffff;
	return 1;
}
