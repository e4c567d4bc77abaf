/* DNS (RFC 1035) on UDP 53 and multicast DNS (RFC 6762) with DNS-SD (RFC 6763) on UDP 5353.
 *
 * Unicast DNS: a query names what its sender looks up (dns.qname, the call-home channel); a
 * response gives name -> address mappings (em->answer) that let the capture layer name the
 * addresses an asset talks to, for the owner of each A/AAAA record and for the question when the
 * record was reached through a CNAME chain (RFC 1034 §3.6.2).
 *
 * mDNS: queries are treated as DNS queries. Responses and announcements describe their sender
 * (RFC 6762 §6: a responder answers only for records it is authoritative for): host names (A/AAAA
 * owners, SRV targets), service instance names (PTR targets, SRV/TXT owners) and the model keys of
 * TXT records (RFC 6763 §6). The authority section of a query carries the records the sender is
 * probing for (RFC 6762 §8.2), which are its own as well; the answer section of a query holds
 * known answers about other hosts (§7.1) and is ignored.
 *
 * Work is bounded per datagram: at most DNS_MAX_RR questions and records, names decoded once
 * into a fixed pool, compression pointers that must point before the label run they interrupt. */
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/proto.h"
#include "bansweep/rd.h"
#include "util/banned.h"

#define DNS_HDR       12
#define DNS_MAX_RR    64   /* questions plus records examined per datagram */
#define DNS_MAX_JUMPS 64   /* compression pointers followed per name */
#define DNS_NAME_WIRE 255  /* RFC 1035 §2.3.4: octets of a name, length bytes included */
#define DNS_LABEL     63   /* RFC 1035 §2.3.4 */
#define DNS_NAME_TEXT 1024 /* 255 wire octets, at most 4 characters each ("\DDD") */
#define DNS_POOL      16384
#define DNS_CHAIN     16  /* CNAME hops followed from a question */
#define DNS_MAX_EMIT  256 /* distinct values emitted per datagram */

/* RFC 1035 §3.2.2, RFC 3596, RFC 2782 */
enum { T_A = 1, T_CNAME = 5, T_PTR = 12, T_TXT = 16, T_AAAA = 28, T_SRV = 33 };
enum { C_IN = 1 };
enum { S_QUESTION, S_ANSWER, S_AUTHORITY, S_ADDITIONAL };

/* A decoded name in the pool. */
struct name {
	uint16_t off, len;
	uint64_t hash; /* case-folded (RFC 4343: names compare case-insensitively) */
};

struct rr {
	uint16_t type;
	uint8_t sect;
	struct name owner;
	struct name target; /* CNAME, PTR and SRV */
	size_t rdata, rdlen;
	struct addr a; /* A and AAAA */
};

struct emitted {
	enum key_id key;
	uint64_t hash;
	size_t len;
};

struct dns {
	const uint8_t *p;
	size_t n;
	uint16_t flags;
	int mdns;
	size_t nq, nrr, nemit;
	struct name q[DNS_MAX_RR];
	struct rr rr[DNS_MAX_RR];
	struct emitted emitted[DNS_MAX_EMIT];
	size_t used;
	char pool[DNS_POOL];
};

/* A reader over the first end bytes of the message, positioned at off. */
static struct rd rd_at(const struct dns *d, size_t off, size_t end)
{
	struct rd r = rd_make(d->p, end);
	rd_skip(&r, off);
	return r;
}

static void put_char(char *out, size_t *len, uint8_t c)
{
	/* Presentation form (RFC 1035 §5.1, RFC 4343 §2.1): a dot or backslash inside a label and
	 * bytes that are not printable are escaped, so that the dotted text is unambiguous. UTF-8
	 * (mDNS instance names, RFC 6763 §4.1.1) and spaces are kept as they are. */
	if (c == '.' || c == '\\') {
		out[(*len)++] = '\\';
		out[(*len)++] = (char)c;
	} else if (c < 0x20 || c == 0x7f) {
		out[(*len)++] = '\\';
		out[(*len)++] = (char)('0' + c / 100);
		out[(*len)++] = (char)('0' + c / 10 % 10);
		out[(*len)++] = (char)('0' + c % 10);
	} else {
		out[(*len)++] = (char)c;
	}
}

/* Reads the name at r's position into out (DNS_NAME_TEXT bytes), dotted, without the trailing
 * dot; the root is the empty string. r advances past the name as written there, that is up to
 * and including its first compression pointer. Pointers are followed through the whole message
 * but each must point before the start of the label run that contains it (RFC 1035 §4.1.4 only
 * allows pointers to a prior occurrence), which rules out loops; the jump count is capped too.
 * Returns 0, or -1 when the name is malformed. */
static int read_name(const struct dns *d, struct rd *r, char *out, size_t *outlen)
{
	struct rd c = *r;
	size_t low = c.off, wire = 0, len = 0;
	int jumps = 0;
	for (;;) {
		uint8_t b = rd_u8(&c);
		if (c.err)
			return -1;
		if ((b & 0xc0) == 0xc0) {
			size_t to = ((size_t)(b & 0x3f) << 8) | rd_u8(&c);
			if (c.err || to >= low || ++jumps > DNS_MAX_JUMPS)
				return -1;
			if (jumps == 1)
				*r = c;
			c = rd_at(d, to, d->n);
			low = to;
			continue;
		}
		/* 0x40 and 0x80: extended and reserved label types (RFC 6891 §5), never used */
		if (b & 0xc0)
			return -1;
		wire += (size_t)b + 1;
		if (wire > DNS_NAME_WIRE)
			return -1;
		if (b == 0)
			break;
		if (len)
			out[len++] = '.';
		for (uint8_t i = 0; i < b; i++)
			put_char(out, &len, rd_u8(&c));
		if (c.err)
			return -1;
	}
	if (jumps == 0)
		*r = c;
	out[len] = 0;
	*outlen = len;
	return 0;
}

/* Reads a name and stores it in the pool. 0, -1 malformed, 1 pool full. */
static int take_name(struct dns *d, struct rd *r, struct name *nm)
{
	char txt[DNS_NAME_TEXT];
	size_t len;
	if (read_name(d, r, txt, &len) < 0)
		return -1;
	if (len + 1 > DNS_POOL - d->used)
		return 1;
	memcpy(d->pool + d->used, txt, len + 1);
	nm->off = (uint16_t)d->used;
	nm->len = (uint16_t)len;
	nm->hash = bs_hash_ci(txt, len);
	d->used += len + 1;
	return 0;
}

static const char *name_str(const struct dns *d, const struct name *nm)
{
	return d->pool + nm->off;
}

static int name_eq(const struct dns *d, const struct name *a, const struct name *b)
{
	return a->hash == b->hash && a->len == b->len &&
	       bs_strncaseeq(name_str(d, a), name_str(d, b), a->len);
}

/* The type-specific part of a record. 0, -1 malformed, 1 pool full. */
static int take_rdata(struct dns *d, struct rr *x)
{
	size_t end = x->rdata + x->rdlen;
	struct rd r = rd_at(d, x->rdata, end);
	switch (x->type) {
	case T_A:
	case T_AAAA: {
		size_t alen = x->type == T_A ? 4 : 16;
		if (x->rdlen != alen)
			return -1;
		const uint8_t *b = rd_bytes(&r, alen);
		if (!b)
			return -1;
		x->a.fam = x->type == T_A ? 4 : 6;
		memcpy(x->a.b, b, alen);
		return 0;
	}
	case T_SRV:
		rd_skip(&r, 6); /* priority, weight, port (RFC 2782) */
		                /* fall through */
	case T_CNAME:
	case T_PTR: {
		int rc = take_name(d, &r, &x->target);
		if (rc != 0)
			return rc;
		/* The name must fill the rdata exactly (RFC 1035 §3.3). */
		return r.err || rd_left(&r) != 0 ? -1 : 0;
	}
	default:
		return 0;
	}
}

/* Reads header, questions and records into d. */
static int parse(struct dns *d)
{
	struct rd r = rd_make(d->p, d->n);
	if (d->n < DNS_HDR)
		return PROTO_MALFORMED;
	rd_skip(&r, 2); /* id */
	d->flags = rd_be16(&r);
	uint16_t count[4];
	for (int s = 0; s < 4; s++)
		count[s] = rd_be16(&r);
	/* Only standard queries (opcode 0) have the layout read here; NOTIFY and UPDATE (RFC 1996,
	 * RFC 2136) say nothing about the sender's identity. */
	if (((d->flags >> 11) & 0xf) != 0)
		return PROTO_OK;
	int tc = (d->flags & 0x0200) != 0;
	size_t budget = DNS_MAX_RR;
	for (uint16_t i = 0; i < count[S_QUESTION] && budget > 0; i++, budget--) {
		struct name nm;
		int rc = take_name(d, &r, &nm);
		rd_skip(&r, 4); /* qtype, qclass */
		if (rc < 0 || r.err)
			return PROTO_MALFORMED;
		if (rc > 0)
			return PROTO_OK;
		d->q[d->nq++] = nm;
	}
	for (uint8_t s = S_ANSWER; s <= S_ADDITIONAL; s++) {
		for (uint16_t i = 0; i < count[s] && budget > 0; i++, budget--) {
			/* A truncated response (TC, RFC 2181 §9) may stop at a record boundary. */
			if (tc && rd_left(&r) == 0)
				return PROTO_OK;
			struct rr *x = &d->rr[d->nrr];
			memset(x, 0, sizeof(*x));
			x->sect = s;
			int rc = take_name(d, &r, &x->owner);
			x->type = rd_be16(&r);
			uint16_t cls = rd_be16(&r);
			rd_skip(&r, 4); /* TTL */
			x->rdlen = rd_be16(&r);
			x->rdata = r.off;
			rd_skip(&r, x->rdlen);
			if (rc < 0 || r.err)
				return PROTO_MALFORMED;
			if (rc > 0)
				return PROTO_OK;
			/* mDNS uses the top bit of the class as cache-flush (RFC 6762 §10.2). */
			if (d->mdns)
				cls &= 0x7fff;
			if (cls != C_IN)
				continue;
			rc = take_rdata(d, x);
			if (rc < 0)
				return PROTO_MALFORMED;
			if (rc > 0)
				return PROTO_OK;
			d->nrr++;
		}
	}
	return PROTO_OK;
}

/* Emits an observation once per datagram. */
static void put(struct dns *d, const struct pkt *pk, const struct emit *em, enum key_id key,
                const char *v, size_t len)
{
	if (len == 0 || !em->obs)
		return;
	uint64_t h = bs_hash_ci(v, len);
	for (size_t i = 0; i < d->nemit; i++) {
		const struct emitted *e = &d->emitted[i];
		if (e->key == key && e->hash == h && e->len == len)
			return;
	}
	if (d->nemit == DNS_MAX_EMIT)
		return;
	d->emitted[d->nemit++] = (struct emitted){key, h, len};
	em->obs(em->ctx, pk, SIDE_SRC, key, v, len);
}

static void put_name(struct dns *d, const struct pkt *pk, const struct emit *em, enum key_id key,
                     const struct name *nm)
{
	put(d, pk, em, key, name_str(d, nm), nm->len);
}

static void answer(const struct dns *d, const struct emit *em, const struct pkt *pk,
                   const struct name *nm, const struct addr *a)
{
	if (em->answer && nm->len > 0)
		em->answer(em->ctx, pk, name_str(d, nm), nm->len, a);
}

static void emit_questions(struct dns *d, const struct pkt *pk, const struct emit *em)
{
	for (size_t i = 0; i < d->nq; i++)
		put_name(d, pk, em, K_DNS_QNAME, &d->q[i]);
}

/* Unicast response: the answer section's addresses, under their owner names and under each
 * question whose CNAME chain leads to the owner. */
static void emit_answers(const struct dns *d, const struct pkt *pk, const struct emit *em)
{
	for (size_t i = 0; i < d->nrr; i++) {
		const struct rr *x = &d->rr[i];
		if (x->sect == S_ANSWER && (x->type == T_A || x->type == T_AAAA))
			answer(d, em, pk, &x->owner, &x->a);
	}
	for (size_t qi = 0; qi < d->nq; qi++) {
		/* The names the question is an alias of, in chain order. */
		const struct name *chain[DNS_CHAIN];
		size_t nchain = 0;
		const struct name *cur = &d->q[qi];
		while (nchain < DNS_CHAIN) {
			const struct name *next = NULL;
			for (size_t i = 0; i < d->nrr && !next; i++) {
				const struct rr *x = &d->rr[i];
				if (x->sect == S_ANSWER && x->type == T_CNAME &&
				    name_eq(d, &x->owner, cur))
					next = &x->target;
			}
			if (!next)
				break;
			chain[nchain++] = cur = next;
		}
		for (size_t i = 0; i < d->nrr; i++) {
			const struct rr *x = &d->rr[i];
			if (x->sect != S_ANSWER || (x->type != T_A && x->type != T_AAAA) ||
			    name_eq(d, &x->owner, &d->q[qi]))
				continue;
			for (size_t k = 0; k < nchain; k++) {
				if (name_eq(d, &x->owner, chain[k])) {
					answer(d, em, pk, &d->q[qi], &x->a);
					break;
				}
			}
		}
	}
}

/* DNS-SD service types (RFC 6763 §7: "_http._tcp.local", "_printer._sub._http._tcp.local") name
 * a kind of service, not the device; its instance and host names are what identify it. */
static void put_sd_name(struct dns *d, const struct pkt *pk, const struct emit *em,
                        const struct name *nm)
{
	if (nm->len > 0 && name_str(d, nm)[0] != '_')
		put_name(d, pk, em, K_MDNS_NAME, nm);
}

/* TXT record (RFC 6763 §6): strings "key=value"; keys are case-insensitive. "md" is the model of
 * AirPlay, Google Cast and HomeKit devices, "model" that of _device-info._tcp (Apple) and of
 * many embedded devices. */
static void emit_txt(struct dns *d, const struct pkt *pk, const struct emit *em, const struct rr *x)
{
	struct rd r = rd_at(d, x->rdata, x->rdata + x->rdlen);
	while (rd_left(&r) > 0) {
		uint8_t len = rd_u8(&r);
		char s[256];
		const uint8_t *b = rd_bytes(&r, len);
		if (!b)
			return;
		memcpy(s, b, len);
		s[len] = 0;
		const char *eq = memchr(s, '=', len);
		if (!eq)
			continue;
		size_t klen = (size_t)(eq - s);
		if ((klen == 2 && bs_strncaseeq(s, "md", 2)) ||
		    (klen == 5 && bs_strncaseeq(s, "model", 5)))
			put(d, pk, em, K_DEVICE_MODEL, eq + 1, len - klen - 1);
	}
}

/* mDNS records about the sender. */
static void emit_sender(struct dns *d, const struct pkt *pk, const struct emit *em,
                        const struct rr *x)
{
	switch (x->type) {
	case T_A:
	case T_AAAA:
		put_sd_name(d, pk, em, &x->owner);
		answer(d, em, pk, &x->owner, &x->a);
		break;
	case T_PTR:
		put_sd_name(d, pk, em, &x->target);
		break;
	case T_SRV:
		put_sd_name(d, pk, em, &x->owner);
		put_sd_name(d, pk, em, &x->target);
		break;
	case T_TXT:
		put_sd_name(d, pk, em, &x->owner);
		emit_txt(d, pk, em, x);
		break;
	default:
		break;
	}
}

static int decode(const uint8_t *p, size_t n, int mdns, const struct pkt *pk, const struct emit *em)
{
	struct dns d;
	d.p = p;
	d.n = n;
	d.mdns = mdns;
	d.nq = d.nrr = d.nemit = d.used = 0;
	int rc = parse(&d);
	if (rc != PROTO_OK)
		return rc;
	int response = (d.flags & 0x8000) != 0;
	if (!response)
		emit_questions(&d, pk, em);
	if (!mdns) {
		if (response)
			emit_answers(&d, pk, em);
		return PROTO_OK;
	}
	for (size_t i = 0; i < d.nrr; i++)
		if (response || d.rr[i].sect == S_AUTHORITY)
			emit_sender(&d, pk, em, &d.rr[i]);
	return PROTO_OK;
}

int proto_dns(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	return decode(p, n, 0, pk, em);
}

int proto_mdns(const uint8_t *p, size_t n, const struct pkt *pk, const struct emit *em)
{
	return decode(p, n, 1, pk, em);
}
