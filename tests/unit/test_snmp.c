/* SNMP in `bansweep scan`: the requests byte for byte against what net-snmp's snmpget and
 * snmpgetnext send (their -d dumps, same request-id), the decoder on answers of a real agent
 * (Debian 12 snmpd, ENTITY-MIB rows served by its override directive) and on hand-made edge
 * cases, and the conversation of src/probe/snmpq.c: v1 fallback, GetNext of the model tables,
 * a v1 noSuchName retried without the failing name. */
#include <stdio.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/proto.h"
#include "bansweep/requests.h"
#include "bansweep/snmp.h"
#include "probe/snmpq.h"

#define PKT(s) (const uint8_t *)(s), sizeof(s) - 1

/* ---- requests, from `snmpget`/`snmpgetnext -d` (net-snmp 5.9.3) ---- */

static const char *const sys_oids[] = {"1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0",
                                       "1.3.6.1.2.1.1.5.0"};
static const char *const ent_oids[] = {"1.3.6.1.2.1.47.1.1.1.1.2", "1.3.6.1.2.1.47.1.1.1.1.11",
                                       "1.3.6.1.2.1.47.1.1.1.1.12", "1.3.6.1.2.1.47.1.1.1.1.13"};

/* snmpget -v2c -c public sysDescr.0 sysObjectID.0 sysName.0 */
static const char get_sys_v2c[] =
    "\x30\x45"                                                  /* Message */
    "\x02\x01\x01"                                              /* version 1: v2c */
    "\x04\x06public"                                            /* community */
    "\xa0\x38"                                                  /* GetRequest-PDU */
    "\x02\x04\x6f\xb8\x17\xf9"                                  /* request-id */
    "\x02\x01\x00\x02\x01\x00"                                  /* error-status, error-index */
    "\x30\x2a"                                                  /* VarBindList */
    "\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x05\x00"  /* sysDescr.0, NULL */
    "\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00\x05\x00"  /* sysObjectID.0 */
    "\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x05\x00\x05\x00"; /* sysName.0 */
/* snmpget -v1: the same with version 0 */
static const char get_sys_v1[] =
    "\x30\x45\x02\x01\x00\x04\x06public\xa0\x38\x02\x04\x4f\xd2\x2f\x50\x02\x01\x00\x02\x01\x00"
    "\x30\x2a\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x05\x00"
    "\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00\x05\x00"
    "\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x05\x00\x05\x00";
/* snmpgetnext -v1 of entPhysicalDescr, -SerialNum, -MfgName, -ModelName:
 * 1.3.6.1.2.1.47.1.1.1.1.{2,11,12,13}, 2B 06 01 02 01 2F 01 01 01 01 N */
static const char getnext_ent_v1[] =
    "\x30\x5f"
    "\x02\x01\x00" /* version 0: v1 */
    "\x04\x06public"
    "\xa1\x52" /* GetNextRequest-PDU */
    "\x02\x04\x48\xcf\xe5\x46\x02\x01\x00\x02\x01\x00"
    "\x30\x44"
    "\x30\x0f\x06\x0b\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x02\x05\x00"  /* ...1.2 */
    "\x30\x0f\x06\x0b\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0b\x05\x00"  /* ...1.11 */
    "\x30\x0f\x06\x0b\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0c\x05\x00"  /* ...1.12 */
    "\x30\x0f\x06\x0b\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0d\x05\x00"; /* ...1.13 */
/* snmpgetnext -v2c 1.3.6.1.4.1.39165.1.1: 39165 is three base-128 groups, 0x82 0xb1 0x7d */
static const char getnext_hik_v2c[] =
    "\x30\x2b\x02\x01\x01\x04\x06public\xa1\x1e\x02\x04\x70\x85\xa4\x51\x02\x01\x00\x02\x01\x00"
    "\x30\x10\x30\x0e\x06\x0a\x2b\x06\x01\x04\x01\x82\xb1\x7d\x01\x01\x05\x00";

static void same(const uint8_t *got, size_t n, const void *want, size_t wn)
{
	assert_int_equal(n, wn);
	assert_memory_equal(got, want, wn);
}

static void t_requests(void **state)
{
	(void)state;
	uint8_t b[512];
	const char *hik[] = {"1.3.6.1.4.1.39165.1.1"};
	size_t n = req_snmp_get(b, sizeof(b), "public", 0x6fb817f9);
	same(b, n, PKT(get_sys_v2c));
	n = req_snmp(b, sizeof(b), 0, 0, "public", 0x4fd22f50, sys_oids, 3);
	same(b, n, PKT(get_sys_v1));
	n = req_snmp(b, sizeof(b), 0, 1, "public", 0x48cfe546, ent_oids, 4);
	same(b, n, PKT(getnext_ent_v1));
	n = req_snmp(b, sizeof(b), 1, 1, "public", 0x7085a451, hik, 1);
	same(b, n, PKT(getnext_hik_v2c));
	/* The request-id's top bit is cleared: a positive INTEGER in four bytes. */
	n = req_snmp(b, sizeof(b), 1, 0, "public", 0xefb817f9, sys_oids, 3);
	same(b, n, PKT(get_sys_v2c));
	/* Our own decoder reads them as requests: well-formed, nothing about the sender. */
	assert_int_equal(snmp_answer(PKT(getnext_ent_v1), &(struct snmp_answer){0}), -1);
	/* Refused: bad OIDs, too many names, a version that is not v1 or v2c, no room. */
	const char *bad[] = {"1",      "3.1.2",  "1.40",  "1.3..6",
	                     "1.3.6.", ".1.3.6", "1.3.x", "1.3.4294967296"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(req_snmp(b, sizeof(b), 1, 0, "public", 1, &bad[i], 1), 0);
	const char *ok[] = {"2.999.4294967295", "0.39"};
	for (size_t i = 0; i < 2; i++)
		assert_true(req_snmp(b, sizeof(b), 1, 0, "public", 1, &ok[i], 1) > 0);
	const char *many[SNMP_REQ_MAX_OIDS + 1];
	for (size_t i = 0; i <= SNMP_REQ_MAX_OIDS; i++)
		many[i] = "1.3.6.1.2.1.1.1.0";
	assert_int_equal(req_snmp(b, sizeof(b), 1, 0, "public", 1, many, SNMP_REQ_MAX_OIDS + 1), 0);
	assert_int_equal(req_snmp(b, sizeof(b), 1, 0, "public", 1, many, 0), 0);
	assert_int_equal(req_snmp(b, sizeof(b), 3, 0, "public", 1, many, 1), 0);
	assert_int_equal(req_snmp(b, sizeof(get_sys_v2c) - 2, 1, 0, "public", 1, sys_oids, 3), 0);
}

/* ---- answers: a real agent's (Debian 12 snmpd), then hand-made edge cases ---- */

static const char ent_v2c[] = "\x30\x81\xc3\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x81\xb5"
                              "\x02\x04\x0b\xd1\x2f\x3f\x02"
                              "\x01\x00\x02\x01\x00\x30\x81\xa6\x30\x2b\x06\x0f\x2b\x06\x01\x02\x01"
                              "\x2f\x01\x01\x01\x01\x02\x88"
                              "\x80\x80\x00\x04\x18\x48\x55\x41\x57\x45\x49\x20\x4e\x45\x34\x30\x45"
                              "\x2d\x58\x38\x41\x20\x43\x68"
                              "\x61\x73\x73\x69\x73\x30\x27\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01"
                              "\x01\x01\x0b\x88\x80\x80\x00"
                              "\x04\x14\x32\x31\x30\x32\x33\x35\x31\x39\x33\x31\x50\x30\x30\x30\x30"
                              "\x30\x30\x30\x31\x34\x30\x30"
                              "\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0c\x88\x80\x80\x00"
                              "\x04\x1d\x48\x75\x61\x77\x65"
                              "\x69\x20\x54\x65\x63\x68\x6e\x6f\x6c\x6f\x67\x69\x65\x73\x20\x43\x6f"
                              "\x2e\x2c\x20\x4c\x74\x64\x2e"
                              "\x30\x1c\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0d\x88\x80"
                              "\x80\x00\x04\x09\x4e\x45\x34"
                              "\x30\x45\x2d\x58\x38\x41";

static const char ent_v1[] = "\x30\x81\xc3\x02\x01\x00\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x81\xb5"
                             "\x02\x04\x48\xcf\xe5\x46\x02"
                             "\x01\x00\x02\x01\x00\x30\x81\xa6\x30\x2b\x06\x0f\x2b\x06\x01\x02\x01"
                             "\x2f\x01\x01\x01\x01\x02\x88"
                             "\x80\x80\x00\x04\x18\x48\x55\x41\x57\x45\x49\x20\x4e\x45\x34\x30\x45"
                             "\x2d\x58\x38\x41\x20\x43\x68"
                             "\x61\x73\x73\x69\x73\x30\x27\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01"
                             "\x01\x01\x0b\x88\x80\x80\x00"
                             "\x04\x14\x32\x31\x30\x32\x33\x35\x31\x39\x33\x31\x50\x30\x30\x30\x30"
                             "\x30\x30\x30\x31\x34\x30\x30"
                             "\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0c\x88\x80\x80\x00"
                             "\x04\x1d\x48\x75\x61\x77\x65"
                             "\x69\x20\x54\x65\x63\x68\x6e\x6f\x6c\x6f\x67\x69\x65\x73\x20\x43\x6f"
                             "\x2e\x2c\x20\x4c\x74\x64\x2e"
                             "\x30\x1c\x06\x0f\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0d\x88\x80"
                             "\x80\x00\x04\x09\x4e\x45\x34"
                             "\x30\x45\x2d\x58\x38\x41";

static const char nosuch_v1[] = "\x30\x3a\x02\x01\x00\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x2d\x02"
                                "\x04\x5a\xe5\x5e\x50\x02\x01\x02"
                                "\x02\x01\x02\x30\x1f\x30\x0c\x06\x08\x2b\x06\x01\x02\x01\x01\x01"
                                "\x00\x05\x00\x30\x0f\x06\x0b\x2b"
                                "\x06\x01\x04\x01\x82\xb1\x7d\x01\x01\x00\x05\x00";

static const char eom_v2c[] = "\x30\x22\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x15\x02\x04"
                              "\x4b\x90\x28\xec\x02\x01\x00"
                              "\x02\x01\x00\x30\x07\x30\x05\x06\x01\x51\x82\x00";

static const char eom_v1[] = "\x30\x33\x02\x01\x00\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x26\x02\x04"
                             "\x77\x16\x52\x58\x02\x01\x02"
                             "\x02\x01\x02\x30\x18\x30\x0f\x06\x0b\x2b\x06\x01\x02\x01\x2f\x01\x01"
                             "\x01\x01\x0d\x05\x00\x30\x05"
                             "\x06\x01\x51\x05\x00";

static const char outside_v2c[] =
    "\x30\x2b\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x1e\x02\x04\x1b\xf1\x51\xef\x02\x01"
    "\x00"
    "\x02\x01\x00\x30\x10\x30\x0e\x06\x09\x2b\x06\x01\x02\x01\x37\x01\x01\x00\x02\x01\x02";

static const char sys_v1[] =
    "\x30\x81\xb9\x02\x01\x00\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x81\xab\x02\x04\x4f\xd2\x2f\x50"
    "\x02"
    "\x01\x00\x02\x01\x00\x30\x81\x9c\x30\x70\x06\x08\x2b\x06\x01\x02\x01\x01\x01\x00\x04\x64\x48"
    "\x75"
    "\x61\x77\x65\x69\x20\x56\x65\x72\x73\x61\x74\x69\x6c\x65\x20\x52\x6f\x75\x74\x69\x6e\x67\x20"
    "\x50"
    "\x6c\x61\x74\x66\x6f\x72\x6d\x20\x53\x6f\x66\x74\x77\x61\x72\x65\x20\x56\x52\x50\x20\x28\x52"
    "\x29"
    "\x20\x73\x6f\x66\x74\x77\x61\x72\x65\x2c\x20\x56\x65\x72\x73\x69\x6f\x6e\x20\x38\x2e\x31\x38"
    "\x30"
    "\x20\x28\x4e\x45\x34\x30\x45\x20\x56\x38\x30\x30\x52\x30\x31\x31\x43\x30\x30\x53\x50\x43\x32"
    "\x30"
    "\x30\x29\x30\x17\x06\x08\x2b\x06\x01\x02\x01\x01\x02\x00\x06\x0b\x2b\x06\x01\x04\x01\x8f\x5b"
    "\x02"
    "\x3e\x02\x09\x30\x0f\x06\x08\x2b\x06\x01\x02\x01\x01\x05\x00\x04\x03\x72\x74\x72";

static const char hik_sys_v2c[] = "\x30\x6a\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x5d\x02"
                                  "\x04\x11\x22\x33\x44\x02\x01\x00"
                                  "\x02\x01\x00\x30\x4f\x30\x24\x06\x08\x2b\x06\x01\x02\x01\x01\x01"
                                  "\x00\x04\x18\x48\x49\x4b\x56\x49"
                                  "\x53\x49\x4f\x4e\x20\x44\x53\x2d\x32\x43\x44\x32\x31\x34\x33\x47"
                                  "\x30\x2d\x49\x30\x16\x06\x08\x2b"
                                  "\x06\x01\x02\x01\x01\x02\x00\x06\x0a\x2b\x06\x01\x04\x01\x82\xb1"
                                  "\x7d\x01\x01\x30\x0f\x06\x08\x2b"
                                  "\x06\x01\x02\x01\x01\x05\x00\x04\x03\x63\x61\x6d";

static const char hik_model_v2c[] =
    "\x30\x72\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x65\x02\x04\x11\x22\x33\x45\x02\x01"
    "\x00"
    "\x02\x01\x00\x30\x57\x30\x19\x06\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x02\x01\x04\x09"
    "\x49"
    "\x50\x20\x43\x41\x4d\x45\x52\x41\x30\x1d\x06\x0b\x2b\x06\x01\x04\x01\x82\xb1\x7d\x01\x01\x00"
    "\x04"
    "\x0e\x44\x53\x2d\x32\x43\x44\x32\x31\x34\x33\x47\x30\x2d\x49\x30\x1b\x06\x0b\x2b\x06\x01\x04"
    "\x01"
    "\x82\xb1\x7d\x01\x01\x01\x04\x0c\x6e\x6f\x74\x20\x61\x20\x73\x63\x61\x6c\x61\x72";

static const char ent_edges_v2c[] =
    "\x30\x82\x01\x03\x02\x01\x01\x04\x06\x70\x75\x62\x6c\x69\x63\xa2\x81\xf5\x02\x04\x11\x22\x33"
    "\x46"
    "\x02\x01\x00\x02\x01\x00\x30\x81\xe6\x30\x17\x06\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01"
    "\x07"
    "\x01\x04\x07\x63\x68\x61\x73\x73\x69\x73\x30\x17\x06\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01"
    "\x01"
    "\x0d\x00\x04\x07\x69\x6e\x64\x65\x78\x20\x30\x30\x1a\x06\x0d\x2b\x06\x01\x02\x01\x2f\x01\x01"
    "\x01"
    "\x01\x0d\x01\x01\x04\x09\x65\x78\x74\x72\x61\x20\x61\x72\x63\x30\x21\x06\x10\x2b\x06\x01\x02"
    "\x01"
    "\x2f\x01\x01\x01\x01\x0d\x88\x80\x80\x80\x00\x04\x0d\x69\x6e\x64\x65\x78\x20\x74\x6f\x6f\x20"
    "\x62"
    "\x69\x67\x30\x11\x06\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0c\x05\x02\x01\x07\x30\x1e"
    "\x06"
    "\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0d\x05\x04\x0e\x5a\x58\x52\x31\x30\x20\x4d\x36"
    "\x30"
    "\x30\x30\x2d\x38\x53\x30\x1f\x06\x0c\x2b\x06\x01\x02\x01\x2f\x01\x01\x01\x01\x0c\x05\x04\x0f"
    "\x5a"
    "\x54\x45\x20\x43\x6f\x72\x70\x6f\x72\x61\x74\x69\x6f\x6e\x30\x1f\x06\x0c\x2b\x06\x01\x02\x01"
    "\x2f"
    "\x01\x01\x01\x01\x0c\x05\x04\x0f\x5a\x54\x45\x20\x43\x6f\x72\x70\x6f\x72\x61\x74\x69\x6f\x6e";

struct rec {
	char obs[16][200];
	int n;
};

static void on_obs(void *ctx, const struct pkt *p, enum side who, enum key_id key, const char *v,
                   size_t n)
{
	(void)p, (void)who;
	struct rec *r = ctx;
	if (r->n < 16)
		snprintf(r->obs[r->n++], 200, "%s=%.*s", key_get((int)key)->name, (int)n, v);
}

static const struct pkt pk = {.src = {4, {10, 81, 0, 14}}, .sport = 161, .l4 = 17};

/* The decoder's observations on p, in order, NULL-terminated; the rest of the list must be
 * NULL too. */
static void decode(const uint8_t *p, size_t n, int rc, ...)
{
	struct rec r = {0};
	struct emit em = {on_obs, NULL, NULL, &r};
	assert_int_equal(proto_snmp(p, n, &pk, &em), rc);
	va_list ap;
	va_start(ap, rc);
	int i = 0;
	for (const char *w; (w = va_arg(ap, const char *)) != NULL; i++) {
		assert_true(i < r.n);
		assert_string_equal(r.obs[i], w);
	}
	va_end(ap);
	assert_int_equal(r.n, i);
}

static void t_decode(void **state)
{
	(void)state;
	/* GetNext of the four columns, v2c and v1: the first row, entPhysicalIndex 16777216. */
	decode(PKT(ent_v2c), PROTO_OK, "snmp.ent.descr=HUAWEI NE40E-X8A Chassis",
	       "snmp.ent.serial=2102351931P000000014", "snmp.ent.mfg=Huawei Technologies Co., Ltd.",
	       "snmp.ent.model=NE40E-X8A", NULL);
	decode(PKT(ent_v1), PROTO_OK, "snmp.ent.descr=HUAWEI NE40E-X8A Chassis",
	       "snmp.ent.serial=2102351931P000000014", "snmp.ent.mfg=Huawei Technologies Co., Ltd.",
	       "snmp.ent.model=NE40E-X8A", NULL);
	decode(PKT(sys_v1), PROTO_OK,
	       "snmp.sysdescr=Huawei Versatile Routing Platform Software VRP (R) software, Version "
	       "8.180 (NE40E V800R011C00SPC200)",
	       "snmp.sysobjectid=1.3.6.1.4.1.2011.2.62.2.9", "snmp.sysname=rtr", NULL);
	/* v1 noSuchName (error-status 2, error-index 2): the request's names come back, with
	 * sysDescr.0 among them, and nothing is read. */
	decode(PKT(nosuch_v1), PROTO_OK, NULL);
	/* An agent that puts values in an error answer (genErr at index 1 here): still nothing. */
	uint8_t err[sizeof(ent_v1) - 1];
	memcpy(err, ent_v1, sizeof(err));
	err[25] = 5, err[28] = 1; /* error-status, error-index */
	decode(err, sizeof(err), PROTO_OK, NULL);
	/* endOfMibView (v2c), and a GetNext past the last row into another MIB (ipv6MIB's
	 * ipv6Forwarding.0, an INTEGER): nothing. */
	decode(PKT(eom_v2c), PROTO_OK, NULL);
	decode(PKT(eom_v1), PROTO_OK, NULL);
	decode(PKT(outside_v2c), PROTO_OK, NULL);
	/* Another column (entPhysicalName), index 0, an extra arc, an index past 2^31 - 1, an
	 * INTEGER where a string belongs: passed over; the one good row, its manufacturer once. */
	decode(PKT(ent_edges_v2c), PROTO_OK, "snmp.ent.model=ZXR10 M6000-8S",
	       "snmp.ent.mfg=ZTE Corporation", NULL);
	/* The Hikvision device type object at .0 only. */
	decode(PKT(hik_model_v2c), PROTO_OK, "snmp.ent.descr=IP CAMERA",
	       "snmp.vendor.model=DS-2CD2143G0-I", NULL);
	/* Cut anywhere, the answer is refused whole: nothing half-read is emitted. */
	for (size_t k = 1; k < sizeof(ent_v2c) - 1; k++)
		decode((const uint8_t *)ent_v2c, k, PROTO_MALFORMED, NULL);

	struct snmp_answer a;
	assert_int_equal(snmp_answer(PKT(nosuch_v1), &a), 0);
	assert_int_equal(a.version, 0);
	assert_int_equal(a.request_id, 0x5ae55e50);
	assert_int_equal(a.error_status, SNMP_NO_SUCH_NAME);
	assert_int_equal(a.error_index, 2);
	assert_int_equal(a.enterprise, 0);
	assert_int_equal(snmp_answer(PKT(hik_sys_v2c), &a), 0);
	assert_int_equal(a.version, 1);
	assert_int_equal(a.error_status, 0);
	assert_int_equal(a.enterprise, 39165);
	assert_int_equal(snmp_answer(PKT(sys_v1), &a), 0);
	assert_int_equal(a.enterprise, 2011);
	assert_int_equal(snmp_answer(PKT(get_sys_v2c), &a), -1); /* a request */
}

/* ---- the conversation ---- */

static size_t request(const struct snmpq *q, uint8_t *b)
{
	return snmpq_request(q, "public", b, 512);
}

/* The offset of the request-id's four bytes in an answer: after the message header, version,
 * community and PDU header (X.690 short or long length forms). */
static size_t rid_off(const uint8_t *p)
{
	size_t i = 1;
	i += p[i] & 0x80 ? 1 + (p[i] & 0x7fu) : 1; /* message length */
	i += 3;                                    /* version */
	i += 2 + (size_t)p[i + 1];                 /* community */
	i += 1;                                    /* PDU tag */
	i += p[i] & 0x80 ? 1 + (p[i] & 0x7fu) : 1; /* PDU length */
	return i + 2;                              /* INTEGER, length 4 */
}

/* An answer with its request-id set to rid, copied into buf. */
static const uint8_t *with_rid(uint8_t *buf, const void *p, size_t n, uint32_t rid)
{
	memcpy(buf, p, n);
	size_t off = rid_off(buf);
	for (int i = 0; i < 4; i++)
		buf[off + (size_t)i] = (uint8_t)(rid >> (24 - 8 * i));
	return buf;
}
#define RID(s, rid) with_rid(ans, s, sizeof(s) - 1, rid), sizeof(s) - 1

static void t_conversation(void **state)
{
	(void)state;
	struct snmpq q;
	uint8_t b[512], c[512], ans[512];
	/* 1. v2c Get of the system group, sent twice when unanswered. */
	snmpq_start(&q, 0x6fb817f9);
	same(b, request(&q, b), PKT(get_sys_v2c));
	assert_int_equal(snmpq_retries(&q), 1);
	/* Refused (ICMP port unreachable): over, no v1. */
	struct snmpq r = q;
	assert_int_equal(snmpq_next(&r, NULL, 0, 0, 1), 0);
	/* 2. Silent: the same in v1, sent once. */
	assert_int_equal(snmpq_next(&q, NULL, 0, 1, 0x4fd22f50), 1);
	same(b, request(&q, b), PKT(get_sys_v1));
	assert_int_equal(snmpq_retries(&q), 0);
	/* Silent again: over (no v1 after v1). */
	r = q;
	assert_int_equal(snmpq_next(&r, NULL, 0, 1, 1), 0);
	/* An answer to another request (request-id) or in another version: over. */
	r = q;
	assert_int_equal(snmpq_next(&r, PKT(nosuch_v1), 0, 1), 0);
	r = q;
	assert_int_equal(snmpq_next(&r, RID(hik_sys_v2c, 0x4fd22f50), 0, 1), 0);
	/* 3. The agent answered in v1 (enterprise 2011, no vendor object listed): GetNext of the
	 * four ENTITY-MIB columns, in v1. */
	assert_int_equal(snmpq_next(&q, PKT(sys_v1), 0, 0x48cfe546), 1);
	same(b, request(&q, b), PKT(getnext_ent_v1));
	assert_int_equal(snmpq_retries(&q), 1);
	/* noSuchName at index 2 (the agent's MIB ends after entPhysicalDescr, say): the other
	 * three again, then, at index 3 of those, the other two; the answer ends it. */
	assert_int_equal(snmpq_next(&q, RID(eom_v1, 0x48cfe546), 0, 7), 1);
	const char *three[] = {ent_oids[0], ent_oids[2], ent_oids[3]};
	same(b, request(&q, b), c, req_snmp(c, sizeof(c), 0, 1, "public", 7, three, 3));
	uint8_t e3[sizeof(eom_v1) - 1];
	memcpy(e3, eom_v1, sizeof(e3));
	e3[26] = 3; /* error-index */
	assert_int_equal(snmpq_next(&q, with_rid(ans, e3, sizeof(e3), 7), sizeof(e3), 0, 8), 1);
	const char *two[] = {ent_oids[0], ent_oids[2]};
	same(b, request(&q, b), c, req_snmp(c, sizeof(c), 0, 1, "public", 8, two, 2));
	assert_int_equal(snmpq_next(&q, RID(ent_v1, 8), 0, 9), 0);
	/* An error-index outside the request: over. */
	snmpq_start(&q, 0x5ae55e50);
	q.version = 0;
	uint8_t e9[sizeof(nosuch_v1) - 1];
	memcpy(e9, nosuch_v1, sizeof(e9));
	e9[26] = 9;
	assert_int_equal(snmpq_next(&q, e9, sizeof(e9), 0, 1), 0);
	/* A v2c answer under Hikvision's enterprise: the columns and its device type object. */
	snmpq_start(&q, 0x11223344);
	assert_int_equal(snmpq_next(&q, PKT(hik_sys_v2c), 0, 0x7085a451), 1);
	const char *five[] = {ent_oids[0], ent_oids[1], ent_oids[2], ent_oids[3],
	                      "1.3.6.1.4.1.39165.1.1"};
	same(b, request(&q, b), c, req_snmp(c, sizeof(c), 1, 1, "public", 0x7085a451, five, 5));
	/* v2c needs no second request whatever the answer says. */
	assert_int_equal(snmpq_next(&q, RID(hik_model_v2c, 0x7085a451), 0, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_requests),
	    cmocka_unit_test(t_decode),
	    cmocka_unit_test(t_conversation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
