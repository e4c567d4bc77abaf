/* SNMP v1 and v2c (RFC 1157, RFC 3416, community-based message RFC 1901) on UDP 161/162, in BER
 * (X.690) read through the bounded reader: definite lengths only, at most four length bytes.
 *
 * What an agent sends describes it: a Response (0xA2) to anyone's GetRequest or GetNextRequest,
 * and the notifications it originates, v1 Trap (0xA4), SNMPv2-Trap (0xA7) and InformRequest
 * (0xA6). The varbinds read are sysDescr.0, sysObjectID.0 and sysName.0 (RFC 3418),
 * snmpTrapEnterprise.0 (RFC 3584 §3.1: a v1 trap's enterprise carried in v2 form), the
 * ENTITY-MIB columns entPhysicalDescr, entPhysicalSerialNum, entPhysicalMfgName and
 * entPhysicalModelName of any entity (RFC 6933 §4; a GetNext answers with the first row's
 * instance) and the vendor objects of snmp_vendor.def at their .0 instance. Each value is labelled
 * by the name it comes back with, never by what was asked: a GetNext past an empty column returns
 * some later object, which is read for what it is or passed over. A v1 Trap's enterprise field is
 * the agent's sysObjectID (RFC 1157 §4.1.6). A Response with a nonzero error-status carries the
 * request's varbinds, not values (RFC 1157 §4.1.2; RFC 3416 §4.2.1): nothing is read from it.
 * Requests (Get, GetNext, Set, GetBulk) and Reports say nothing about the sender. SNMPv3
 * (RFC 3412) has another layout and is left alone.
 *
 * The whole message is checked before anything is emitted. */
#include <string.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "bansweep/snmp.h"
#include "util/banned.h"

#define OID_MAX      128 /* sub-identifiers in an OID (RFC 2578 §3.5) */
#define OID_TEXT     (OID_MAX * 11 + 1)
#define SNMP_MAX_VB  64 /* varbinds examined per message */
#define SNMP_MAX_OUT 12

/* X.690 and RFC 2578 tags */
enum {
	T_INTEGER = 0x02,
	T_OCTETS = 0x04,
	T_OID = 0x06,
	T_SEQUENCE = 0x30,
	T_IPADDRESS = 0x40,
	T_TIMETICKS = 0x43,
};
/* RFC 3416 §3 PDU tags (context-specific, constructed) */
enum {
	PDU_GET = 0xa0,
	PDU_GETNEXT = 0xa1,
	PDU_RESPONSE = 0xa2,
	PDU_SET = 0xa3,
	PDU_TRAP_V1 = 0xa4,
	PDU_GETBULK = 0xa5,
	PDU_INFORM = 0xa6,
	PDU_TRAP_V2 = 0xa7,
	PDU_REPORT = 0xa8
};

static const uint32_t oid_sysdescr[] = {1, 3, 6, 1, 2, 1, 1, 1, 0};
static const uint32_t oid_sysobjectid[] = {1, 3, 6, 1, 2, 1, 1, 2, 0};
static const uint32_t oid_sysname[] = {1, 3, 6, 1, 2, 1, 1, 5, 0};
static const uint32_t oid_trap_enterprise[] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0};
/* entPhysicalEntry (RFC 6933 §4): column, then the entPhysicalIndex, 1..2147483647. */
static const uint32_t oid_ent_entry[] = {1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1};
static const struct {
	uint32_t column;
	enum key_id key;
} ent_columns[] = {
    {2, K_SNMP_ENT_DESCR},   /* entPhysicalDescr */
    {11, K_SNMP_ENT_SERIAL}, /* entPhysicalSerialNum */
    {12, K_SNMP_ENT_MFG},    /* entPhysicalMfgName */
    {13, K_SNMP_ENT_MODEL},  /* entPhysicalModelName */
};
static const uint32_t oid_enterprises[] = {1, 3, 6, 1, 4, 1};
static const struct {
	const char *oid;
	enum key_id key;
} vendor_objects[] = {
#define SNMPVENDOR(ent, oid, key) {oid ".0", key},
#include "proto/snmp_vendor.def"
#undef SNMPVENDOR
};

struct oid {
	size_t n;
	uint32_t arc[OID_MAX];
};

struct out {
	enum key_id key;
	const uint8_t *v; /* into the message, or NULL: text holds the value */
	size_t n;
	char text[OID_TEXT];
};

struct snmp {
	size_t nout;
	struct out out[SNMP_MAX_OUT];
	struct snmp_answer a;
};

/* One TLV: its tag and a reader over its contents. -1 on a bad header or a length past the
 * enclosing value. */
static int tlv(struct rd *r, uint8_t *tag, struct rd *val)
{
	*tag = rd_u8(r);
	uint8_t b = rd_u8(r);
	if (r->err)
		return -1;
	/* High tag numbers (X.690 §8.1.2.4) are never used by SNMP. */
	if ((*tag & 0x1f) == 0x1f)
		return -1;
	size_t len = b;
	if (b & 0x80) {
		/* 0x80 is the indefinite form, which SNMP forbids (RFC 3417 §8); more than four
		 * length bytes would be a message no UDP datagram holds. */
		unsigned k = b & 0x7f;
		if (k == 0 || k > 4)
			return -1;
		len = 0;
		for (unsigned i = 0; i < k; i++)
			len = (len << 8) | rd_u8(r);
	}
	*val = rd_sub(r, len);
	return r->err ? -1 : 0;
}

/* A TLV that must have the given tag. */
static int expect(struct rd *r, uint8_t want, struct rd *val)
{
	uint8_t tag;
	return tlv(r, &tag, val) < 0 || tag != want ? -1 : 0;
}

/* An INTEGER of at most four bytes, sign-extended. */
static int get_int(struct rd *r, long *out)
{
	struct rd v;
	if (expect(r, T_INTEGER, &v) < 0)
		return -1;
	size_t n = rd_left(&v);
	if (n == 0 || n > 4)
		return -1;
	uint8_t b = rd_u8(&v);
	long x = (b & 0x80) ? (long)b - 256 : (long)b;
	while (rd_left(&v) > 0)
		x = x * 256 + rd_u8(&v);
	*out = x;
	return 0;
}

/* OID contents (X.690 §8.19): base-128 sub-identifiers, the first one holding 40 * X + Y. */
static int oid_decode(struct rd v, struct oid *o)
{
	o->n = 0;
	if (rd_left(&v) == 0)
		return -1;
	while (rd_left(&v) > 0) {
		uint32_t x = 0;
		uint8_t b;
		do {
			b = rd_u8(&v);
			if (v.err || x > (UINT32_MAX >> 7))
				return -1;
			x = (x << 7) | (b & 0x7f);
		} while (b & 0x80);
		if (o->n == 0) {
			uint32_t top = x < 40 ? 0 : x < 80 ? 1 : 2;
			o->arc[0] = top;
			o->arc[1] = x - 40 * top;
			o->n = 2;
		} else {
			if (o->n == OID_MAX)
				return -1;
			o->arc[o->n++] = x;
		}
	}
	return 0;
}

static int oid_is(const struct oid *o, const uint32_t *want, size_t n)
{
	return o->n == n && !memcmp(o->arc, want, n * sizeof(*want));
}
#define OID_IS(o, want) oid_is(o, want, sizeof(want) / sizeof(*(want)))

static int oid_under(const struct oid *o, const uint32_t *want, size_t n)
{
	return o->n > n && !memcmp(o->arc, want, n * sizeof(*want));
}
#define OID_UNDER(o, want) oid_under(o, want, sizeof(want) / sizeof(*(want)))

static size_t oid_format(const struct oid *o, char *s)
{
	size_t n = 0;
	for (size_t i = 0; i < o->n; i++) {
		char d[10];
		size_t k = 0;
		uint32_t x = o->arc[i];
		do {
			d[k++] = (char)('0' + x % 10);
			x /= 10;
		} while (x);
		if (i)
			s[n++] = '.';
		while (k > 0)
			s[n++] = d[--k];
	}
	s[n] = 0;
	return n;
}

static struct out *add_out(struct snmp *m, enum key_id key)
{
	if (m->nout == SNMP_MAX_OUT)
		return NULL;
	struct out *o = &m->out[m->nout++];
	o->key = key;
	o->v = NULL;
	o->n = 0;
	return o;
}

/* An OID value as dotted text, the agent's enterprise kept aside. -1 when malformed. */
static int add_oid(struct snmp *m, enum key_id key, struct rd v)
{
	struct oid o;
	if (oid_decode(v, &o) < 0)
		return -1;
	if (OID_UNDER(&o, oid_enterprises))
		m->a.enterprise = o.arc[6];
	struct out *x = add_out(m, key);
	if (x)
		x->n = oid_format(&o, x->text);
	return 0;
}

/* An OCTET STRING value, without the trailing NULs some agents add; once per key and value (two
 * GetNexts past empty columns may both land on the same object). */
static void add_octets(struct snmp *m, enum key_id key, struct rd v)
{
	struct rd t = v;
	size_t n = 0;
	for (size_t i = 0; rd_left(&t) > 0; i++)
		if (rd_u8(&t) != 0)
			n = i + 1;
	struct rd d = v;
	const uint8_t *b = rd_bytes(&d, n);
	for (size_t i = 0; i < m->nout && b; i++)
		if (m->out[i].key == key && m->out[i].v && m->out[i].n == n &&
		    !memcmp(m->out[i].v, b, n))
			return;
	struct out *x = n > 0 ? add_out(m, key) : NULL;
	if (x) {
		x->v = rd_bytes(&v, n);
		x->n = n;
	}
}

/* The key of an OCTET STRING at name o beyond the system group: an ENTITY-MIB column of a valid
 * entPhysicalIndex, or a vendor object's .0 instance. K_COUNT when none. */
static enum key_id table_key(const struct oid *o)
{
	if (o->n == sizeof(oid_ent_entry) / sizeof(*oid_ent_entry) + 2 &&
	    OID_UNDER(o, oid_ent_entry) && o->arc[12] >= 1 && o->arc[12] <= 0x7fffffff)
		for (size_t i = 0; i < sizeof(ent_columns) / sizeof(*ent_columns); i++)
			if (o->arc[11] == ent_columns[i].column)
				return ent_columns[i].key;
	if (OID_UNDER(o, oid_enterprises)) {
		char text[OID_TEXT];
		oid_format(o, text);
		for (size_t i = 0; i < sizeof(vendor_objects) / sizeof(*vendor_objects); i++)
			if (!strcmp(text, vendor_objects[i].oid))
				return vendor_objects[i].key;
	}
	return K_COUNT;
}

/* VarBindList (RFC 3416 §3). Values of another type than expected (noSuchObject, endOfMibView,
 * NULL in a request echoed back) are passed over. */
static int varbinds(struct snmp *m, struct rd *r)
{
	struct rd list;
	if (expect(r, T_SEQUENCE, &list) < 0)
		return -1;
	for (int i = 0; i < SNMP_MAX_VB && rd_left(&list) > 0; i++) {
		struct rd vb, name, val;
		uint8_t vtag;
		struct oid o;
		if (expect(&list, T_SEQUENCE, &vb) < 0 || expect(&vb, T_OID, &name) < 0 ||
		    tlv(&vb, &vtag, &val) < 0 || oid_decode(name, &o) < 0)
			return -1;
		if (OID_IS(&o, oid_sysdescr) && vtag == T_OCTETS)
			add_octets(m, K_SNMP_SYSDESCR, val);
		else if (OID_IS(&o, oid_sysname) && vtag == T_OCTETS)
			add_octets(m, K_SNMP_SYSNAME, val);
		else if ((OID_IS(&o, oid_sysobjectid) || OID_IS(&o, oid_trap_enterprise)) &&
		         vtag == T_OID && add_oid(m, K_SNMP_SYSOBJECTID, val) < 0)
			return -1;
		else if (vtag == T_OCTETS && o.n > 9) {
			enum key_id k = table_key(&o);
			if (k != K_COUNT)
				add_octets(m, k, val);
		}
	}
	return 0;
}

/* The PDU's fields before its varbinds. */
static int pdu(struct snmp *m, uint8_t tag, struct rd *r)
{
	if (tag == PDU_TRAP_V1) {
		/* enterprise, agent-addr, generic-trap, specific-trap, time-stamp (RFC 1157 §4.1.6)
		 */
		struct rd v;
		long x;
		if (expect(r, T_OID, &v) < 0 || add_oid(m, K_SNMP_SYSOBJECTID, v) < 0 ||
		    expect(r, T_IPADDRESS, &v) < 0 || get_int(r, &x) < 0 || get_int(r, &x) < 0 ||
		    expect(r, T_TIMETICKS, &v) < 0)
			return -1;
	} else {
		/* request-id, error-status, error-index */
		long id;
		if (get_int(r, &id) < 0 || get_int(r, &m->a.error_status) < 0 ||
		    get_int(r, &m->a.error_index) < 0)
			return -1;
		m->a.request_id = (uint32_t)id;
	}
	if (varbinds(m, r) < 0)
		return -1;
	if (m->a.error_status != SNMP_NO_ERROR) {
		m->nout = 0; /* the request's names echoed back: no values */
		m->a.enterprise = 0;
	}
	return 0;
}

/* The whole message into m; *pdu_tag is the PDU's tag. A PROTO_* code; m->nout is 0 for the
 * requests and Reports, which are well-formed but say nothing about the sender. */
static int parse(const uint8_t *p, size_t n, struct snmp *m, uint8_t *pdu_tag)
{
	memset(&m->a, 0, sizeof(m->a));
	m->nout = 0;
	struct rd r = rd_make(p, n);
	struct rd msg, community, body;
	uint8_t tag = rd_u8(&r);
	if (r.err)
		return PROTO_MALFORMED;
	if (tag != T_SEQUENCE)
		return PROTO_NOT_MINE;
	r = rd_make(p, n);
	long version;
	if (expect(&r, T_SEQUENCE, &msg) < 0 || get_int(&msg, &version) < 0)
		return PROTO_MALFORMED;
	/* 0 is v1, 1 v2c (RFC 1901); 3 is SNMPv3, whose message is not community-based. */
	if (version != 0 && version != 1)
		return PROTO_NOT_MINE;
	m->a.version = (int)version;
	if (expect(&msg, T_OCTETS, &community) < 0 || tlv(&msg, &tag, &body) < 0)
		return PROTO_MALFORMED;
	*pdu_tag = tag;
	switch (tag) {
	case PDU_RESPONSE:
	case PDU_TRAP_V1:
	case PDU_TRAP_V2:
	case PDU_INFORM:
		break;
	case PDU_GET:
	case PDU_GETNEXT:
	case PDU_SET:
	case PDU_GETBULK:
	case PDU_REPORT:
		return PROTO_OK;
	default:
		return PROTO_MALFORMED;
	}
	return pdu(m, tag, &body) < 0 ? PROTO_MALFORMED : PROTO_OK;
}

int proto_snmp(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	struct snmp m;
	uint8_t tag = 0;
	int rc = parse(p, n, &m, &tag);
	for (size_t i = 0; rc == PROTO_OK && i < m.nout && em->obs; i++) {
		const struct out *o = &m.out[i];
		em->obs(em->ctx, pk, SIDE_SRC, o->key, o->v ? (const char *)o->v : o->text, o->n);
	}
	return rc;
}

int snmp_answer(const uint8_t *p, size_t n, struct snmp_answer *a)
{
	struct snmp m;
	uint8_t tag = 0;
	if (parse(p, n, &m, &tag) != PROTO_OK || tag != PDU_RESPONSE)
		return -1;
	*a = m.a;
	return 0;
}
