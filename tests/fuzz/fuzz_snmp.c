/* Fuzzes the SNMP decoder (src/proto/snmp.c; see fuzz_proto.h), its answer reader and the scan's
 * SNMP conversation (src/probe/snmpq.c) on the same input: whatever an agent answers, the next
 * request is a well-formed request, or there is none, and the conversation ends. */
#include "bansweep/snmp.h"
#include "fuzz/fuzz_proto.h"
#include "probe/snmpq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t sum = 0;
	const struct emit em = {fuzz_obs, fuzz_answer, fuzz_bind, &sum};
	fuzz_check(proto_snmp(data, size, &fuzz_pkt, &em), sum);
	struct snmp_answer a;
	if (snmp_answer(data, size, &a) < 0)
		return 0;
	if (a.version != 0 && a.version != 1)
		abort();
	/* The input as the answer to every request of a conversation in its version: each step
	 * either moves on to the model tables (once) or drops a name (v1 noSuchName). */
	struct snmpq q;
	snmpq_start(&q, a.request_id);
	q.version = (uint8_t)a.version;
	uint8_t out[1500];
	int steps = 0;
	while (snmpq_next(&q, data, size, 0, a.request_id)) {
		if (++steps > SNMPQ_MAX + 1 || q.n == 0 || q.n > SNMPQ_MAX)
			abort();
		size_t n = snmpq_request(&q, "public", out, sizeof(out));
		struct snmp_answer b;
		if (n == 0 || snmp_answer(out, n, &b) == 0)
			abort(); /* a request, never an answer */
	}
	return 0;
}
