/* pcapgen: writes bansweep's packet-capture fixtures (tests/fixtures/pcap/README.md lists them).
 *
 *   pcapgen OUTDIR
 *
 * Every packet is built here, byte by byte, by an explicit builder: link framing (Ethernet,
 * 802.1Q, 802.1ad QinQ, Linux cooked SLL and SLL2, raw IP, radiotap + 802.11), IPv4 (RFC 791)
 * and IPv6 (RFC 8200) with correct checksums, UDP (RFC 768) and TCP (RFC 9293) streams with
 * handshakes, segmentation, out-of-order and retransmitted segments and FIN. Application payloads
 * follow the vendors' documented behaviour (shared/KNOWLEDGE.md section 3) and use values that the
 * rules in data/rules/ match. Classic pcap files are written by libpcap (pcap_open_dead +
 * pcap_dump); pcapng (draft-ietf-opsawg-pcapng) and the hostile files are written here.
 *
 * The output is deterministic: fixed timestamps (2024-01-01 10:00:00 UTC on), a fixed PRNG seed,
 * and Ed25519 keys from fixed seeds for the TLS certificates (Ed25519 signatures are
 * deterministic, RFC 8032, so the certificate bytes are the same on every run).
 *
 * This program must not depend on bansweep's own capture or protocol code: it is what checks it.
 * It is a test tool: it exits on the first error. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pcap/pcap.h>

/* ------------------------------------------------------------------------------------------ */
/* Errors, memory, PRNG */

static const char *g_outdir;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("pcapgen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* xorshift64* with a fixed seed: deterministic "random" bytes (ISNs, TLS randoms, garbage). */
static uint64_t g_rng = 0x62616e7377656570ULL; /* "bansweep" */

static uint64_t rnd64(void)
{
	g_rng ^= g_rng >> 12;
	g_rng ^= g_rng << 25;
	g_rng ^= g_rng >> 27;
	return g_rng * 0x2545F4914F6CDD1DULL;
}

static uint32_t rnd32(void)
{
	return (uint32_t)(rnd64() >> 32);
}

static void rnd_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(rnd64() >> 56);
}

/* ------------------------------------------------------------------------------------------ */
/* Byte buffers */

#define BUF_CAP 16384

struct buf {
	size_t n;
	uint8_t b[BUF_CAP];
};

static void need(struct buf *b, size_t n)
{
	if (n > BUF_CAP - b->n)
		die("buffer full (%zu + %zu bytes)", b->n, n);
}

static void put8(struct buf *b, unsigned v)
{
	need(b, 1);
	b->b[b->n++] = (uint8_t)(v & 0xff);
}

static void put16(struct buf *b, unsigned v)
{
	put8(b, v >> 8);
	put8(b, v);
}

static void put24(struct buf *b, uint32_t v)
{
	put8(b, (unsigned)(v >> 16));
	put16(b, (unsigned)(v & 0xffff));
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, (unsigned)(v >> 16));
	put16(b, (unsigned)(v & 0xffff));
}

static void putle16(struct buf *b, unsigned v)
{
	put8(b, v);
	put8(b, v >> 8);
}

static void putle32(struct buf *b, uint32_t v)
{
	putle16(b, (unsigned)(v & 0xffff));
	putle16(b, (unsigned)(v >> 16));
}

static void putmem(struct buf *b, const void *p, size_t n)
{
	need(b, n);
	if (n)
		memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void putstr(struct buf *b, const char *s)
{
	putmem(b, s, strlen(s));
}

static void putzero(struct buf *b, size_t n)
{
	need(b, n);
	memset(b->b + b->n, 0, n);
	b->n += n;
}

static void set16(struct buf *b, size_t off, unsigned v)
{
	b->b[off] = (uint8_t)((v >> 8) & 0xff);
	b->b[off + 1] = (uint8_t)(v & 0xff);
}

static void set24(struct buf *b, size_t off, size_t v)
{
	if (v > 0xffffff)
		die("24-bit length overflow");
	b->b[off] = (uint8_t)((v >> 16) & 0xff);
	set16(b, off + 1, (unsigned)(v & 0xffff));
}

static void setle32(struct buf *b, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b->b[off + (size_t)i] = (uint8_t)((v >> (8 * i)) & 0xff);
}

/* Internet checksum (RFC 1071): one's complement sum of 16-bit words. */
static uint32_t csum_add(uint32_t s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t csum_fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)(~s & 0xffff);
}

/* ------------------------------------------------------------------------------------------ */
/* Hosts */

struct host {
	uint8_t mac[6];
	uint8_t ip4[4];
	uint8_t ip6[16];
};

static struct host H(const char *mac, const char *ip4, const char *ip6) {
	struct host h;
	unsigned m[6];
	memset(&h, 0, sizeof h);
	if (sscanf(mac, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
		die("bad MAC %s", mac);
	for (int i = 0; i < 6; i++)
		h.mac[i] = (uint8_t)m[i];
	if (ip4 && inet_pton(AF_INET, ip4, h.ip4) != 1)
		die("bad IPv4 %s", ip4);
	if (ip6 && inet_pton(AF_INET6, ip6, h.ip6) != 1)
		die("bad IPv6 %s", ip6);
	return h;
}

static int
mac_eq(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 6) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* A capture being built: its records, link type, clock */

enum link { L_ETH, L_VLAN, L_QINQ, L_SLL, L_SLL2, L_RAW, L_RADIOTAP, L_WIFI };

struct rec {
	uint64_t ts; /* microseconds since 1970 */
	size_t n;
	uint8_t *d;
	const char *comment; /* pcapng only */
};

struct cap {
	const char *name;
	enum link link;
	struct rec *r;
	size_t nr, cr;
	uint64_t ts;
	uint16_t ipid;
	int v6ext;         /* put hop-by-hop + destination options before the next IPv6 payload */
	const uint8_t *me; /* MAC of the capturing host (SLL/SLL2 packet type) */
};

#define T0 1704103200ULL /* 2024-01-01 10:00:00 UTC */

static void cap_init(struct cap *c, const char *name, enum link l)
{
	memset(c, 0, sizeof *c);
	c->name = name;
	c->link = l;
	c->ts = T0 * 1000000ULL;
	c->ipid = 0x1c46;
}

static void cap_free(struct cap *c)
{
	for (size_t i = 0; i < c->nr; i++)
		free(c->r[i].d);
	free(c->r);
	c->r = NULL;
	c->nr = c->cr = 0;
}

static void cap_wait(struct cap *c, uint64_t us)
{
	c->ts += us;
}

static void cap_add(struct cap *c, const uint8_t *d, size_t n)
{
	if (c->nr == c->cr) {
		size_t cr = c->cr ? 2 * c->cr : 32;
		struct rec *r = realloc(c->r, cr * sizeof *r);
		if (!r)
			die("out of memory");
		c->r = r;
		c->cr = cr;
	}
	struct rec *r = &c->r[c->nr++];
	r->ts = c->ts;
	r->n = n;
	r->d = xmalloc(n);
	r->comment = NULL;
	memcpy(r->d, d, n);
	c->ts += 250; /* a quarter millisecond between packets unless cap_wait says otherwise */
}

static int link_dlt(enum link l)
{
	switch (l) {
	case L_ETH:
	case L_VLAN:
	case L_QINQ:
		return DLT_EN10MB;
	case L_SLL:
		return DLT_LINUX_SLL;
	case L_SLL2:
		return DLT_LINUX_SLL2;
	case L_RAW:
		return DLT_RAW; /* libpcap writes LINKTYPE_RAW (101) into the file */
	case L_RADIOTAP:
		return DLT_IEEE802_11_RADIO;
	case L_WIFI:
		return DLT_IEEE802_11;
	}
	return DLT_EN10MB;
}

/* LINKTYPE_ values as written in files (tcpdump.org/linktypes.html). */
static uint16_t link_linktype(enum link l)
{
	switch (l) {
	case L_ETH:
	case L_VLAN:
	case L_QINQ:
		return 1;
	case L_SLL:
		return 113;
	case L_SLL2:
		return 276;
	case L_RAW:
		return 101;
	case L_RADIOTAP:
		return 127;
	case L_WIFI:
		return 105;
	}
	return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Output files and the manifest printed on stdout */

static void path_of(char *p, size_t n, const char *name)
{
	int k = snprintf(p, n, "%s/%s", g_outdir, name);
	if (k < 0 || (size_t)k >= n)
		die("path too long: %s/%s", g_outdir, name);
}

static long file_size(const char *name)
{
	char p[4096];
	struct stat st;
	path_of(p, sizeof p, name);
	if (stat(p, &st) != 0)
		die("stat %s: %s", p, strerror(errno));
	return (long)st.st_size;
}

static void manifest(const char *name, size_t npkt, const char *note)
{
	long sz = file_size(name);
	printf("%-22s %6ld bytes %3zu records  %s\n", name, sz, npkt, note);
	if (sz > 65536)
		die("%s is larger than 64 KB", name);
}

static void write_file(const char *name, const struct buf *b)
{
	char p[4096];
	path_of(p, sizeof p, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		die("%s: %s", p, strerror(errno));
	if (b->n && fwrite(b->b, 1, b->n, f) != b->n)
		die("%s: write failed", p);
	if (fclose(f) != 0)
		die("%s: %s", p, strerror(errno));
}

/* Classic pcap through libpcap. */
static void cap_write_pcap(const struct cap *c)
{
	char p[4096];
	path_of(p, sizeof p, c->name);
	pcap_t *pd = pcap_open_dead(link_dlt(c->link), 65535);
	if (!pd)
		die("pcap_open_dead failed");
	pcap_dumper_t *dp = pcap_dump_open(pd, p);
	if (!dp)
		die("%s: %s", p, pcap_geterr(pd));
	for (size_t i = 0; i < c->nr; i++) {
		struct pcap_pkthdr h;
		memset(&h, 0, sizeof h);
		h.ts.tv_sec = (time_t)(c->r[i].ts / 1000000);
		h.ts.tv_usec = (suseconds_t)(c->r[i].ts % 1000000);
		h.caplen = (bpf_u_int32)c->r[i].n;
		h.len = (bpf_u_int32)c->r[i].n;
		pcap_dump((u_char *)dp, &h, c->r[i].d);
	}
	if (pcap_dump_flush(dp) != 0)
		die("%s: flush failed", p);
	pcap_dump_close(dp);
	pcap_close(pd);
}

/* Classic pcap written by hand, little-endian, for the hostile files. */
static void pcap_ghdr(struct buf *b, uint32_t magic, uint32_t snaplen, uint32_t linktype)
{
	putle32(b, magic);
	putle16(b, 2);
	putle16(b, 4);
	putle32(b, 0); /* thiszone */
	putle32(b, 0); /* sigfigs */
	putle32(b, snaplen);
	putle32(b, linktype);
}

static void pcap_rhdr(struct buf *b, uint64_t ts, uint32_t caplen, uint32_t len)
{
	putle32(b, (uint32_t)(ts / 1000000));
	putle32(b, (uint32_t)(ts % 1000000));
	putle32(b, caplen);
	putle32(b, len);
}

static void pcap_rec(struct buf *b, const struct rec *r)
{
	pcap_rhdr(b, r->ts, (uint32_t)r->n, (uint32_t)r->n);
	putmem(b, r->d, r->n);
}

/* pcapng (draft-ietf-opsawg-pcapng): options are code, length, value padded to 32 bits. */
static void ng_opt(struct buf *b, unsigned code, const void *v, size_t n)
{
	putle16(b, code);
	putle16(b, (unsigned)n);
	putmem(b, v, n);
	putzero(b, (4 - n % 4) % 4);
}

static size_t ng_begin(struct buf *b, uint32_t type)
{
	size_t start = b->n;
	putle32(b, type);
	putle32(b, 0); /* Block Total Length, set by ng_end */
	return start;
}

static void ng_end(struct buf *b, size_t start)
{
	uint32_t len = (uint32_t)(b->n - start + 4);
	putle32(b, len);
	setle32(b, start + 4, len);
}

/* Section Header Block, one Interface Description Block, one Enhanced Packet Block a record;
 * timestamps in microseconds (if_tsresol 6, the default, written out explicitly). Returns the
 * offset of each EPB in offs (when not NULL). */
static void cap_to_pcapng(const struct cap *c, struct buf *b, size_t *offs)
{
	size_t s = ng_begin(b, 0x0A0D0D0A);
	putle32(b, 0x1A2B3C4D); /* byte-order magic */
	putle16(b, 1);
	putle16(b, 0);
	putle32(b, 0xffffffff); /* section length: not given */
	putle32(b, 0xffffffff);
	ng_opt(b, 4, "bansweep tests/tools/pcapgen", 28); /* shb_userappl */
	ng_opt(b, 0, NULL, 0);
	ng_end(b, s);

	s = ng_begin(b, 1);
	putle16(b, link_linktype(c->link));
	putle16(b, 0);
	putle32(b, 65535);
	ng_opt(b, 2, "eth0", 4); /* if_name */
	uint8_t res = 6;
	ng_opt(b, 9, &res, 1); /* if_tsresol: 10^-6 s */
	ng_opt(b, 0, NULL, 0);
	ng_end(b, s);

	for (size_t i = 0; i < c->nr; i++) {
		const struct rec *r = &c->r[i];
		if (offs)
			offs[i] = b->n;
		s = ng_begin(b, 6);
		putle32(b, 0); /* interface 0 */
		putle32(b, (uint32_t)(r->ts >> 32));
		putle32(b, (uint32_t)(r->ts & 0xffffffff));
		putle32(b, (uint32_t)r->n);
		putle32(b, (uint32_t)r->n);
		putmem(b, r->d, r->n);
		putzero(b, (4 - r->n % 4) % 4);
		if (r->comment) {
			ng_opt(b, 1, r->comment, strlen(r->comment)); /* opt_comment */
			ng_opt(b, 0, NULL, 0);
		}
		ng_end(b, s);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Link layer */

static unsigned sll_pkttype(const struct cap *c, const uint8_t *smac, const uint8_t *dmac)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	if (c->me && mac_eq(smac, c->me))
		return 4; /* PACKET_OUTGOING */
	if (c->me && mac_eq(dmac, c->me))
		return 0; /* PACKET_HOST */
	if (mac_eq(dmac, bcast))
		return 1; /* PACKET_BROADCAST */
	if (dmac[0] & 1)
		return 2; /* PACKET_MULTICAST */
	return 3;         /* PACKET_OTHERHOST */
}

/* Frame an L3 packet for the capture's link type and record it. */
static void link_send(struct cap *c, const uint8_t *smac, const uint8_t *dmac, unsigned etype,
                      const struct buf *l3)
{
	struct buf f;
	size_t minlen = 60; /* Ethernet frames are padded to 60 bytes (no FCS) on the wire */
	f.n = 0;
	switch (c->link) {
	case L_ETH:
		putmem(&f, dmac, 6);
		putmem(&f, smac, 6);
		put16(&f, etype);
		break;
	case L_VLAN: /* IEEE 802.1Q: TPID 0x8100, TCI priority 0, VLAN 100 */
		putmem(&f, dmac, 6);
		putmem(&f, smac, 6);
		put16(&f, 0x8100);
		put16(&f, 100);
		put16(&f, etype);
		minlen = 64;
		break;
	case L_QINQ: /* IEEE 802.1ad: S-tag 0x88a8 VLAN 200, then C-tag 0x8100 VLAN 100 */
		putmem(&f, dmac, 6);
		putmem(&f, smac, 6);
		put16(&f, 0x88a8);
		put16(&f, 200);
		put16(&f, 0x8100);
		put16(&f, 100);
		put16(&f, etype);
		minlen = 68;
		break;
	case L_SLL: /* LINKTYPE_LINUX_SLL: 16-byte header, sender's address */
		put16(&f, sll_pkttype(c, smac, dmac));
		put16(&f, 1); /* ARPHRD_ETHER */
		put16(&f, 6);
		putmem(&f, smac, 6);
		putzero(&f, 2);
		put16(&f, etype);
		minlen = 0;
		break;
	case L_SLL2: /* LINKTYPE_LINUX_SLL2: 20-byte header with interface index */
		put16(&f, etype);
		put16(&f, 0);
		put32(&f, 2); /* if_index */
		put16(&f, 1); /* ARPHRD_ETHER */
		put8(&f, sll_pkttype(c, smac, dmac));
		put8(&f, 6);
		putmem(&f, smac, 6);
		putzero(&f, 2);
		minlen = 0;
		break;
	case L_RAW:
		minlen = 0;
		break;
	case L_RADIOTAP:
	case L_WIFI:
		die("%s: IP over 802.11 is not built", c->name);
	}
	putmem(&f, l3->b, l3->n);
	if (f.n < minlen)
		putzero(&f, minlen - f.n);
	cap_add(c, f.b, f.n);
}

/* ARP (RFC 826) over Ethernet. op 1 request, 2 reply. */
static void arp(struct cap *c, unsigned op, const struct host *s, const struct host *t,
                const uint8_t *dmac)
{
	struct buf a;
	static const uint8_t zero[6];
	a.n = 0;
	put16(&a, 1);
	put16(&a, 0x0800);
	put8(&a, 6);
	put8(&a, 4);
	put16(&a, op);
	putmem(&a, s->mac, 6);
	putmem(&a, s->ip4, 4);
	putmem(&a, op == 1 ? zero : t->mac, 6);
	putmem(&a, t->ip4, 4);
	link_send(c, s->mac, dmac, 0x0806, &a);
}

/* ------------------------------------------------------------------------------------------ */
/* IP, UDP, TCP */

static uint8_t ttl_for(int fam, const struct host *d)
{
	if (fam == 4 && d->ip4[0] == 224 && d->ip4[1] == 0 && d->ip4[2] == 0 && d->ip4[3] == 251)
		return 255; /* mDNS, RFC 6762 section 11 */
	if (fam == 6 && d->ip6[0] == 0xff && d->ip6[15] == 0xfb)
		return 255;
	if (fam == 4 && d->ip4[0] >= 224 && d->ip4[0] <= 239)
		return 4;
	if (fam == 6 && d->ip6[0] == 0xff)
		return 1;
	return 64;
}

/* l4 carries a complete UDP or TCP segment whose checksum is already set. */
static void ip_send(struct cap *c, int fam, const struct host *s, const struct host *d,
                    unsigned proto, const struct buf *l4)
{
	struct buf p;
	p.n = 0;
	if (fam == 4) {
		put8(&p, 0x45);
		put8(&p, 0);
		put16(&p, (unsigned)(20 + l4->n));
		put16(&p, c->ipid++);
		put16(&p, 0x4000); /* DF */
		put8(&p, ttl_for(4, d));
		put8(&p, proto);
		put16(&p, 0);
		putmem(&p, s->ip4, 4);
		putmem(&p, d->ip4, 4);
		set16(&p, 10, csum_fold(csum_add(0, p.b, 20)));
		putmem(&p, l4->b, l4->n);
		link_send(c, s->mac, d->mac, 0x0800, &p);
		return;
	}
	size_t ext = c->v6ext ? 16 : 0;
	put32(&p, 0x60000000);
	put16(&p, (unsigned)(ext + l4->n));
	put8(&p, c->v6ext ? 0 : proto); /* 0: hop-by-hop options follow */
	put8(&p, ttl_for(6, d));
	putmem(&p, s->ip6, 16);
	putmem(&p, d->ip6, 16);
	if (c->v6ext) {
		/* Hop-by-hop options (RFC 8200 4.3): Router Alert (RFC 2711) + PadN, 8 bytes. */
		static const uint8_t hbh[8] = {60, 0, 5, 2, 0, 0, 1, 0};
		putmem(&p, hbh, 8);
		/* Destination options (RFC 8200 4.6): PadN only, 8 bytes, then the payload. */
		const uint8_t dst[8] = {(uint8_t)proto, 0, 1, 4, 0, 0, 0, 0};
		putmem(&p, dst, 8);
	}
	putmem(&p, l4->b, l4->n);
	link_send(c, s->mac, d->mac, 0x86dd, &p);
}

/* Pseudo-header sum (RFC 768, RFC 9293 3.1, RFC 8200 8.1). */
static uint32_t pseudo_sum(int fam, const struct host *s, const struct host *d, unsigned proto,
                           size_t len)
{
	uint32_t sum = 0;
	if (fam == 4) {
		sum = csum_add(sum, s->ip4, 4);
		sum = csum_add(sum, d->ip4, 4);
		sum += proto;
		sum += (uint32_t)len;
	} else {
		sum = csum_add(sum, s->ip6, 16);
		sum = csum_add(sum, d->ip6, 16);
		sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
		sum += proto;
	}
	return sum;
}

static void udp_send(struct cap *c, int fam, const struct host *s, unsigned sp,
                     const struct host *d, unsigned dp, const void *data, size_t n)
{
	struct buf u;
	u.n = 0;
	put16(&u, sp);
	put16(&u, dp);
	put16(&u, (unsigned)(8 + n));
	put16(&u, 0);
	putmem(&u, data, n);
	uint16_t ck = csum_fold(csum_add(pseudo_sum(fam, s, d, 17, u.n), u.b, u.n));
	set16(&u, 6, ck ? ck : 0xffff);
	ip_send(c, fam, s, d, 17, &u);
}

static void udp_buf(struct cap *c, int fam, const struct host *s, unsigned sp, const struct host *d,
                    unsigned dp, const struct buf *b)
{
	udp_send(c, fam, s, sp, d, dp, b->b, b->n);
}

enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_PSH = 0x08, TH_ACK = 0x10 };

struct tcp {
	struct cap *c;
	int fam;
	const struct host *cli, *srv;
	unsigned cport, sport;
	uint32_t cseq, sseq; /* next sequence number each side sends */
};

static void tcp_raw(struct tcp *t, int from_cli, uint32_t seq, unsigned flags, const uint8_t *d,
                    size_t n)
{
	const struct host *s = from_cli ? t->cli : t->srv, *r = from_cli ? t->srv : t->cli;
	uint32_t ack = from_cli ? t->sseq : t->cseq;
	struct buf g;
	g.n = 0;
	/* SYN options: MSS 1460, SACK permitted, window scale 7 (RFC 9293, RFC 2018, RFC 7323). */
	static const uint8_t synopt[12] = {2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7};
	size_t optn = (flags & TH_SYN) ? sizeof synopt : 0;
	put16(&g, from_cli ? t->cport : t->sport);
	put16(&g, from_cli ? t->sport : t->cport);
	put32(&g, seq);
	put32(&g, (flags & TH_ACK) ? ack : 0);
	put8(&g, (unsigned)((20 + optn) / 4) << 4);
	put8(&g, flags);
	put16(&g, (flags & TH_SYN) ? 64240 : 502); /* scaled by 2^7 after the handshake */
	put16(&g, 0);
	put16(&g, 0);
	if (optn)
		putmem(&g, synopt, optn);
	putmem(&g, d, n);
	set16(&g, 16, csum_fold(csum_add(pseudo_sum(t->fam, s, r, 6, g.n), g.b, g.n)));
	ip_send(t->c, t->fam, s, r, 6, &g);
}

static void tcp_open(struct tcp *t, struct cap *c, int fam, const struct host *cli, unsigned cport,
                     const struct host *srv, unsigned sport)
{
	t->c = c;
	t->fam = fam;
	t->cli = cli;
	t->srv = srv;
	t->cport = cport;
	t->sport = sport;
	t->cseq = rnd32();
	t->sseq = rnd32();
	tcp_raw(t, 1, t->cseq++, TH_SYN, NULL, 0);
	cap_wait(c, 300);
	tcp_raw(t, 0, t->sseq++, TH_SYN | TH_ACK, NULL, 0);
	tcp_raw(t, 1, t->cseq, TH_ACK, NULL, 0);
}

/* Data from one side in segments of at most mss bytes, then the other side's ACK. */
static void tcp_send(struct tcp *t, int from_cli, const void *data, size_t n, size_t mss)
{
	const uint8_t *d = data;
	uint32_t *seq = from_cli ? &t->cseq : &t->sseq;
	for (size_t off = 0; off < n;) {
		size_t k = n - off < mss ? n - off : mss;
		tcp_raw(t, from_cli, *seq, TH_ACK | (off + k == n ? TH_PSH : 0), d + off, k);
		*seq += (uint32_t)k;
		off += k;
	}
	cap_wait(t->c, 200);
	tcp_raw(t, !from_cli, from_cli ? t->sseq : t->cseq, TH_ACK, NULL, 0);
	cap_wait(t->c, 1000);
}

/* Data from one side cut at cuts[] into segments sent in the given order: an index sent before
 * a lower one is out of order, an index sent twice is a retransmission. */
static void tcp_send_order(struct tcp *t, int from_cli, const void *data, size_t n,
                           const size_t *cuts, size_t ncuts, const int *order, size_t norder)
{
	const uint8_t *d = data;
	uint32_t *seq = from_cli ? &t->cseq : &t->sseq;
	uint32_t base = *seq;
	for (size_t i = 0; i < norder; i++) {
		size_t k = (size_t)order[i];
		size_t a = k == 0 ? 0 : cuts[k - 1], z = k == ncuts ? n : cuts[k];
		if (k > ncuts || a >= z || z > n)
			die("bad segment order");
		tcp_raw(t, from_cli, base + (uint32_t)a, TH_ACK | (z == n ? TH_PSH : 0), d + a,
		        z - a);
		cap_wait(t->c, 400);
	}
	*seq = base + (uint32_t)n;
	tcp_raw(t, !from_cli, from_cli ? t->sseq : t->cseq, TH_ACK, NULL, 0);
	cap_wait(t->c, 1000);
}

static void tcp_close(struct tcp *t, int cli_first)
{
	int a = cli_first ? 1 : 0;
	uint32_t *sa = a ? &t->cseq : &t->sseq, *sb = a ? &t->sseq : &t->cseq;
	tcp_raw(t, a, (*sa)++, TH_FIN | TH_ACK, NULL, 0);
	tcp_raw(t, !a, (*sb)++, TH_FIN | TH_ACK, NULL, 0);
	tcp_raw(t, a, *sa, TH_ACK, NULL, 0);
	cap_wait(t->c, 5000);
}

/* ------------------------------------------------------------------------------------------ */
/* DNS and mDNS (RFC 1035, RFC 3596, RFC 6762) */

static void dns_name(struct buf *b, const char *name)
{
	const char *p = name;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t k = dot ? (size_t)(dot - p) : strlen(p);
		if (k == 0 || k > 63)
			die("bad DNS name %s", name);
		put8(b, (unsigned)k);
		putmem(b, p, k);
		p += k;
		if (*p == '.')
			p++;
	}
	put8(b, 0);
}

static void dns_hdr(struct buf *b, unsigned id, unsigned flags, unsigned qd, unsigned an)
{
	put16(b, id);
	put16(b, flags);
	put16(b, qd);
	put16(b, an);
	put16(b, 0);
	put16(b, 0);
}

enum { T_A = 1, T_PTR = 12, T_CNAME = 5, T_TXT = 16, T_AAAA = 28, T_SRV = 33 };

/* One resource record. owner NULL: a compression pointer to the question name (offset 12). */
struct rr {
	const char *owner;
	unsigned type;
	unsigned cls; /* 1, or 0x8001 with the mDNS cache-flush bit */
	uint32_t ttl;
	const char *target; /* CNAME, PTR, SRV target */
	const char *ip;     /* A, AAAA */
	const char *txt;    /* TXT: one string */
	unsigned port;      /* SRV */
};

static void dns_rr(struct buf *b, const struct rr *r)
{
	if (r->owner)
		dns_name(b, r->owner);
	else
		put16(b, 0xc00c);
	put16(b, r->type);
	put16(b, r->cls ? r->cls : 1);
	put32(b, r->ttl);
	size_t lenoff = b->n;
	put16(b, 0);
	size_t start = b->n;
	uint8_t a[16];
	switch (r->type) {
	case T_A:
		if (inet_pton(AF_INET, r->ip, a) != 1)
			die("bad A %s", r->ip);
		putmem(b, a, 4);
		break;
	case T_AAAA:
		if (inet_pton(AF_INET6, r->ip, a) != 1)
			die("bad AAAA %s", r->ip);
		putmem(b, a, 16);
		break;
	case T_CNAME:
	case T_PTR:
		dns_name(b, r->target);
		break;
	case T_SRV:
		put16(b, 0);
		put16(b, 0);
		put16(b, r->port);
		dns_name(b, r->target);
		break;
	case T_TXT:
		put8(b, (unsigned)strlen(r->txt));
		putstr(b, r->txt);
		break;
	default:
		die("rr type %u not built", r->type);
	}
	set16(b, lenoff, (unsigned)(b->n - start));
}

static void dns_query(struct buf *b, unsigned id, const char *q, unsigned qtype)
{
	b->n = 0;
	dns_hdr(b, id, 0x0100, 1, 0); /* RD */
	dns_name(b, q);
	put16(b, qtype);
	put16(b, 1);
}

static void dns_reply(struct buf *b, unsigned id, const char *q, unsigned qtype, unsigned rcode,
                      const struct rr *an, size_t nan)
{
	b->n = 0;
	dns_hdr(b, id, 0x8180 | rcode, 1, (unsigned)nan); /* QR RD RA */
	dns_name(b, q);
	put16(b, qtype);
	put16(b, 1);
	for (size_t i = 0; i < nan; i++)
		dns_rr(b, &an[i]);
}

/* A stub resolver's query and the server's answer. */
static void dns_exchange(struct cap *c, const struct host *cli, unsigned cport,
                         const struct host *srv, unsigned id, const char *q, unsigned qtype,
                         unsigned rcode, const struct rr *an, size_t nan)
{
	struct buf b;
	dns_query(&b, id, q, qtype);
	udp_buf(c, 4, cli, cport, srv, 53, &b);
	cap_wait(c, 9000);
	dns_reply(&b, id, q, qtype, rcode, an, nan);
	udp_buf(c, 4, srv, 53, cli, cport, &b);
	cap_wait(c, 2000);
}

/* ------------------------------------------------------------------------------------------ */
/* SNMP (RFC 3416 PDUs in BER, RFC 1157/1901 message) */

static void ber_len(struct buf *b, size_t n)
{
	if (n < 0x80) {
		put8(b, (unsigned)n);
	} else if (n < 0x100) {
		put8(b, 0x81);
		put8(b, (unsigned)n);
	} else {
		put8(b, 0x82);
		put16(b, (unsigned)n);
	}
}

static void ber_tlv(struct buf *b, unsigned tag, const void *v, size_t n)
{
	put8(b, tag);
	ber_len(b, n);
	putmem(b, v, n);
}

static void ber_uint(struct buf *b, unsigned tag, uint32_t v)
{
	uint8_t t[5];
	size_t n = 0;
	int started = 0;
	for (int i = 3; i >= 0; i--) {
		uint8_t byte = (uint8_t)((v >> (8 * i)) & 0xff);
		if (!started && byte == 0 && i > 0)
			continue;
		if (!started && (byte & 0x80))
			t[n++] = 0; /* keep it positive */
		started = 1;
		t[n++] = byte;
	}
	ber_tlv(b, tag, t, n);
}

static void ber_oid(struct buf *b, const char *dotted)
{
	unsigned long arc[32];
	size_t na = 0;
	const char *p = dotted;
	while (*p && na < 32) {
		char *end;
		arc[na++] = strtoul(p, &end, 10);
		if (end == p)
			die("bad OID %s", dotted);
		p = *end == '.' ? end + 1 : end;
	}
	if (na < 2)
		die("bad OID %s", dotted);
	uint8_t v[64];
	size_t n = 0;
	unsigned long first = arc[0] * 40 + arc[1];
	for (size_t i = 1; i < na; i++) {
		unsigned long a = i == 1 ? first : arc[i];
		uint8_t tmp[8];
		size_t k = 0;
		do {
			tmp[k++] = (uint8_t)(a & 0x7f);
			a >>= 7;
		} while (a);
		while (k) {
			k--;
			if (n >= sizeof v)
				die("OID too long");
			v[n++] = (uint8_t)(tmp[k] | (k ? 0x80 : 0));
		}
	}
	ber_tlv(b, 0x06, v, n);
}

enum { V_NULL, V_STR, V_OID, V_TICKS };

struct vb {
	const char *oid;
	int type;
	const char *s; /* V_STR, V_OID */
	uint32_t u;    /* V_TICKS */
};

/* pdu: 0xa0 GetRequest, 0xa2 Response. */
static void snmp_msg(struct buf *out, unsigned pdu, uint32_t reqid, const char *community,
                     const struct vb *v, size_t nv)
{
	struct buf list, one, p;
	list.n = 0;
	for (size_t i = 0; i < nv; i++) {
		one.n = 0;
		ber_oid(&one, v[i].oid);
		switch (v[i].type) {
		case V_NULL:
			ber_tlv(&one, 0x05, NULL, 0);
			break;
		case V_STR:
			ber_tlv(&one, 0x04, v[i].s, strlen(v[i].s));
			break;
		case V_OID:
			ber_oid(&one, v[i].s);
			break;
		case V_TICKS:
			ber_uint(&one, 0x43, v[i].u);
			break;
		}
		ber_tlv(&list, 0x30, one.b, one.n);
	}
	p.n = 0;
	ber_uint(&p, 0x02, reqid);
	ber_uint(&p, 0x02, 0); /* error-status */
	ber_uint(&p, 0x02, 0); /* error-index */
	ber_tlv(&p, 0x30, list.b, list.n);
	one.n = 0;
	ber_uint(&one, 0x02, 1); /* version: 1 = SNMPv2c (RFC 1901) */
	ber_tlv(&one, 0x04, community, strlen(community));
	ber_tlv(&one, pdu, p.b, p.n);
	out->n = 0;
	ber_tlv(out, 0x30, one.b, one.n);
}

#define OID_SYSDESCR    "1.3.6.1.2.1.1.1.0"
#define OID_SYSOBJECTID "1.3.6.1.2.1.1.2.0"
#define OID_SYSUPTIME   "1.3.6.1.2.1.1.3.0"
#define OID_SYSNAME     "1.3.6.1.2.1.1.5.0"

/* A manager's GetRequest for the system group and the agent's Response. */
static void snmp_exchange(struct cap *c, const struct host *mgr, unsigned mport,
                          const struct host *agent, uint32_t reqid, const char *descr,
                          const char *objid, uint32_t uptime, const char *name)
{
	struct buf b;
	const struct vb q[] = {{OID_SYSDESCR, V_NULL, NULL, 0},
	                       {OID_SYSOBJECTID, V_NULL, NULL, 0},
	                       {OID_SYSUPTIME, V_NULL, NULL, 0},
	                       {OID_SYSNAME, V_NULL, NULL, 0}};
	snmp_msg(&b, 0xa0, reqid, "public", q, 4);
	udp_buf(c, 4, mgr, mport, agent, 161, &b);
	cap_wait(c, 3000);
	const struct vb r[] = {{OID_SYSDESCR, V_STR, descr, 0},
	                       {OID_SYSOBJECTID, V_OID, objid, 0},
	                       {OID_SYSUPTIME, V_TICKS, NULL, uptime},
	                       {OID_SYSNAME, V_STR, name, 0}};
	snmp_msg(&b, 0xa2, reqid, "public", r, 4);
	udp_buf(c, 4, agent, 161, mgr, mport, &b);
	cap_wait(c, 5000);
}

/* ------------------------------------------------------------------------------------------ */
/* DHCP (RFC 2131, RFC 2132) and DHCPv6 (RFC 8415) */

static void dhcp_opt(struct buf *b, unsigned code, const void *v, size_t n)
{
	put8(b, code);
	put8(b, (unsigned)n);
	putmem(b, v, n);
}

static void dhcp_opt_str(struct buf *b, unsigned code, const char *s)
{
	dhcp_opt(b, code, s, strlen(s));
}

/* op 1 request, 2 reply; type: option 53 message type. */
static void dhcp_msg(struct buf *b, unsigned op, uint32_t xid, const uint8_t *chaddr,
                     const uint8_t *yiaddr, const uint8_t *siaddr, unsigned type)
{
	static const uint8_t zero4[4];
	b->n = 0;
	put8(b, op);
	put8(b, 1); /* htype Ethernet */
	put8(b, 6);
	put8(b, 0);
	put32(b, xid);
	put16(b, 0);
	put16(b, 0x8000); /* broadcast flag */
	putmem(b, zero4, 4);
	putmem(b, yiaddr ? yiaddr : zero4, 4);
	putmem(b, siaddr ? siaddr : zero4, 4);
	putmem(b, zero4, 4);
	putmem(b, chaddr, 6);
	putzero(b, 10 + 64 + 128); /* chaddr padding, sname, file */
	put32(b, 0x63825363);      /* magic cookie */
	uint8_t t = (uint8_t)type;
	dhcp_opt(b, 53, &t, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* TLS (RFC 5246, RFC 8446) */

/* A ClientHello as a current browser or library sends it; sni NULL leaves server_name out. */
static void tls_client_hello(struct buf *b, const char *sni, uint8_t random[32])
{
	struct buf h, e;
	static const unsigned suites[] = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f,
	                                  0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
	                                  0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
	static const unsigned sigalgs[] = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805,
	                                   0x0501, 0x0806, 0x0601, 0x0807};
	h.n = 0;
	put16(&h, 0x0303);
	rnd_bytes(random, 32);
	putmem(&h, random, 32);
	put8(&h, 32);
	uint8_t sid[32];
	rnd_bytes(sid, 32);
	putmem(&h, sid, 32);
	put16(&h, (unsigned)(2 * (sizeof suites / sizeof suites[0])));
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		put16(&h, suites[i]);
	put8(&h, 1);
	put8(&h, 0);
	e.n = 0;
	if (sni) { /* server_name (RFC 6066 section 3) */
		size_t k = strlen(sni);
		put16(&e, 0);
		put16(&e, (unsigned)(k + 5));
		put16(&e, (unsigned)(k + 3));
		put8(&e, 0); /* host_name */
		put16(&e, (unsigned)k);
		putstr(&e, sni);
	}
	put16(&e, 23); /* extended_master_secret */
	put16(&e, 0);
	put16(&e, 0xff01); /* renegotiation_info */
	put16(&e, 1);
	put8(&e, 0);
	put16(&e, 10); /* supported_groups: x25519, secp256r1, secp384r1 */
	put16(&e, 8);
	put16(&e, 6);
	put16(&e, 0x001d);
	put16(&e, 0x0017);
	put16(&e, 0x0018);
	put16(&e, 11); /* ec_point_formats: uncompressed */
	put16(&e, 2);
	put8(&e, 1);
	put8(&e, 0);
	put16(&e, 35); /* session_ticket */
	put16(&e, 0);
	put16(&e, 16); /* ALPN: h2, http/1.1 */
	put16(&e, 14);
	put16(&e, 12);
	put8(&e, 2);
	putstr(&e, "h2");
	put8(&e, 8);
	putstr(&e, "http/1.1");
	put16(&e, 13); /* signature_algorithms */
	put16(&e, (unsigned)(2 + 2 * (sizeof sigalgs / sizeof sigalgs[0])));
	put16(&e, (unsigned)(2 * (sizeof sigalgs / sizeof sigalgs[0])));
	for (size_t i = 0; i < sizeof sigalgs / sizeof sigalgs[0]; i++)
		put16(&e, sigalgs[i]);
	put16(&e, 43); /* supported_versions: TLS 1.3, 1.2 */
	put16(&e, 5);
	put8(&e, 4);
	put16(&e, 0x0304);
	put16(&e, 0x0303);
	put16(&e, 45); /* psk_key_exchange_modes: psk_dhe_ke */
	put16(&e, 2);
	put8(&e, 1);
	put8(&e, 1);
	put16(&e, 51); /* key_share: x25519 */
	put16(&e, 38);
	put16(&e, 36);
	put16(&e, 0x001d);
	put16(&e, 32);
	uint8_t ks[32];
	rnd_bytes(ks, 32);
	putmem(&e, ks, 32);
	put16(&h, (unsigned)e.n);
	putmem(&h, e.b, e.n);

	b->n = 0;
	put8(b, 22); /* handshake record */
	put16(b, 0x0301);
	put16(b, (unsigned)(h.n + 4));
	put8(b, 1); /* client_hello */
	put24(b, (uint32_t)h.n);
	putmem(b, h.b, h.n);
}

/* A deterministic Ed25519 key from a fixed seed. */
static EVP_PKEY *ed25519_key(uint8_t fill)
{
	uint8_t seed[32];
	for (int i = 0; i < 32; i++)
		seed[i] = (uint8_t)(fill + i);
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, sizeof seed);
	if (!k)
		die("EVP_PKEY_new_raw_private_key failed");
	return k;
}

static X509_NAME *x509_name(const char *cn)
{
	/* The field order of Dahua's default certificates: C, ST, L, O, OU, CN. */
	static const char *const f[][2] = {{"C", "CN"},
	                                   {"ST", "ZheJiang"},
	                                   {"L", "HangZhou"},
	                                   {"O", "ZheJiang Dahua Technology Co., Ltd."},
	                                   {"OU", "Product"}};
	X509_NAME *n = X509_NAME_new();
	if (!n)
		die("X509_NAME_new failed");
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (!X509_NAME_add_entry_by_txt(n, f[i][0], MBSTRING_ASC,
		                                (const unsigned char *)f[i][1], -1, -1, 0))
			die("X509_NAME_add_entry_by_txt failed");
	if (!X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1,
	                                0))
		die("X509_NAME_add_entry_by_txt failed");
	return n;
}

/* A DER certificate: subject CN=scn, issuer CN=icn (both under Dahua's O/OU), key pub, signed by
 * sign. Validity 2024-01-01 to 2034-01-01, fixed serial: the bytes are the same on every run. */
static void make_cert(struct buf *der, const char *scn, const char *icn, EVP_PKEY *pub,
                      EVP_PKEY *sign, long serial, int ca)
{
	X509 *x = X509_new();
	if (!x)
		die("X509_new failed");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	if (!ASN1_TIME_set(X509_getm_notBefore(x), (time_t)1704067200) ||
	    !ASN1_TIME_set(X509_getm_notAfter(x), (time_t)2019686400))
		die("ASN1_TIME_set failed");
	X509_NAME *s = x509_name(scn), *i = x509_name(icn);
	X509_set_subject_name(x, s);
	X509_set_issuer_name(x, i);
	X509_NAME_free(s);
	X509_NAME_free(i);
	X509_set_pubkey(x, pub);
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, NID_basic_constraints,
	                                          ca ? "critical,CA:TRUE" : "CA:FALSE");
	if (!ext || !X509_add_ext(x, ext, -1))
		die("basicConstraints failed");
	X509_EXTENSION_free(ext);
	if (!X509_sign(x, sign, NULL)) /* Ed25519 takes no digest */
		die("X509_sign failed");
	int n = i2d_X509(x, NULL);
	if (n <= 0)
		die("i2d_X509 failed");
	need(der, (size_t)n);
	unsigned char *p = der->b + der->n;
	if (i2d_X509(x, &p) != n)
		die("i2d_X509 failed");
	der->n += (size_t)n;
	X509_free(x);
}

/* The server's first flight of a TLS 1.2 handshake (RFC 5246 7.3) with ECDHE and an Ed25519
 * certificate (RFC 8422): ServerHello in one record; Certificate (device certificate issued by
 * "Product Root CA", then the self-signed root), ServerKeyExchange (signed for real) and
 * ServerHelloDone in a second record. */
static void tls_server_flight(struct buf *b, const uint8_t crandom[32])
{
	struct buf m, certs, one;
	uint8_t srandom[32], sid[32];
	rnd_bytes(srandom, 32);
	rnd_bytes(sid, 32);

	m.n = 0;
	put8(&m, 2); /* server_hello */
	put24(&m, 0);
	put16(&m, 0x0303);
	putmem(&m, srandom, 32);
	put8(&m, 32);
	putmem(&m, sid, 32);
	put16(&m, 0xc02b); /* TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 */
	put8(&m, 0);
	put16(&m, 15);     /* extensions length */
	put16(&m, 0xff01); /* renegotiation_info */
	put16(&m, 1);
	put8(&m, 0);
	put16(&m, 11); /* ec_point_formats */
	put16(&m, 2);
	put8(&m, 1);
	put8(&m, 0);
	put16(&m, 23); /* extended_master_secret */
	put16(&m, 0);
	set24(&m, 1, m.n - 4);
	b->n = 0;
	put8(b, 22);
	put16(b, 0x0303);
	put16(b, (unsigned)m.n);
	putmem(b, m.b, m.n);

	EVP_PKEY *ca = ed25519_key(0x40), *dev = ed25519_key(0x80);
	certs.n = 0;
	one.n = 0;
	make_cert(&one, "6G0B1234567ABCD", "Product Root CA", dev, ca, 0x1804289383L, 0);
	put24(&certs, (uint32_t)one.n);
	putmem(&certs, one.b, one.n);
	one.n = 0;
	make_cert(&one, "Product Root CA", "Product Root CA", ca, ca, 1, 1);
	put24(&certs, (uint32_t)one.n);
	putmem(&certs, one.b, one.n);

	m.n = 0;
	put8(&m, 11); /* certificate */
	put24(&m, (uint32_t)(certs.n + 3));
	put24(&m, (uint32_t)certs.n);
	putmem(&m, certs.b, certs.n);

	/* server_key_exchange: ECParameters (named_curve x25519) and a public key, signed over
	 * client_random + server_random + params with the device key (RFC 8422 5.4). */
	struct buf params, tbs;
	params.n = 0;
	put8(&params, 3);
	put16(&params, 0x001d);
	put8(&params, 32);
	uint8_t pk[32];
	rnd_bytes(pk, 32);
	putmem(&params, pk, 32);
	tbs.n = 0;
	putmem(&tbs, crandom, 32);
	putmem(&tbs, srandom, 32);
	putmem(&tbs, params.b, params.n);
	uint8_t sig[64];
	size_t siglen = sizeof sig;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md || EVP_DigestSignInit(md, NULL, NULL, NULL, dev) != 1 ||
	    EVP_DigestSign(md, sig, &siglen, tbs.b, tbs.n) != 1)
		die("Ed25519 signature failed");
	EVP_MD_CTX_free(md);
	put8(&m, 12);
	put24(&m, (uint32_t)(params.n + 4 + siglen));
	putmem(&m, params.b, params.n);
	put16(&m, 0x0807); /* ed25519 */
	put16(&m, (unsigned)siglen);
	putmem(&m, sig, siglen);
	put8(&m, 14); /* server_hello_done */
	put24(&m, 0);
	put8(b, 22);
	put16(b, 0x0303);
	put16(b, (unsigned)m.n);
	putmem(b, m.b, m.n);
	EVP_PKEY_free(ca);
	EVP_PKEY_free(dev);
}

/* A client's TLS connection that sends a ClientHello and gets no further (the server's answer
 * does not matter to the call-home evidence): handshake, ClientHello, ACK, FIN. */
static void tls_hello_only(struct cap *c, const struct host *cli, unsigned cport,
                           const struct host *srv, const char *sni)
{
	struct tcp t;
	struct buf b;
	uint8_t cr[32];
	tcp_open(&t, c, 4, cli, cport, srv, 443);
	tls_client_hello(&b, sni, cr);
	tcp_send(&t, 1, b.b, b.n, 1460);
	tcp_close(&t, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* HTTP-like text exchanges */

static void text(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf((char *)b->b + b->n, BUF_CAP - b->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= BUF_CAP - b->n)
		die("text too long");
	b->n += (size_t)k;
}

/* One request and one response on a new TCP connection; the server closes. */
static void http_exchange(struct cap *c, int fam, const struct host *cli, unsigned cport,
                          const struct host *srv, unsigned sport, const char *req,
                          const struct buf *resp, size_t mss)
{
	struct tcp t;
	tcp_open(&t, c, fam, cli, cport, srv, sport);
	tcp_send(&t, 1, req, strlen(req), 1460);
	cap_wait(c, 4000);
	tcp_send(&t, 0, resp->b, resp->n, mss);
	tcp_close(&t, 0);
}

static void http_response(struct buf *b, const char *status, const char *headers, const char *body)
{
	b->n = 0;
	text(b,
	     "HTTP/1.1 %s\r\n"
	     "Date: Mon, 01 Jan 2024 10:00:00 GMT\r\n"
	     "%s"
	     "Content-Length: %zu\r\n"
	     "Connection: close\r\n"
	     "\r\n"
	     "%s",
	     status, headers, strlen(body), body);
}

/* ------------------------------------------------------------------------------------------ */
/* 802.11 (IEEE 802.11-2020 9.3.3) with or without radiotap (radiotap.org) */

static void wifi_mgmt(struct cap *c, unsigned subtype, const uint8_t *da, const uint8_t *sa,
                      const uint8_t *bssid, unsigned seq, const struct buf *body)
{
	struct buf f;
	f.n = 0;
	if (c->link == L_RADIOTAP) {
		/* present: Flags (1), Rate (2), Channel (3), dBm antenna signal (5) */
		put8(&f, 0);
		put8(&f, 0);
		putle16(&f, 15);
		putle32(&f, 0x0000002e);
		put8(&f, 0x00);      /* flags: no FCS */
		put8(&f, 2);         /* 1 Mb/s */
		putle16(&f, 2437);   /* channel 6 */
		putle16(&f, 0x00a0); /* 2 GHz, CCK */
		put8(&f, 0xce);      /* -50 dBm */
	} else if (c->link != L_WIFI) {
		die("%s: not an 802.11 capture", c->name);
	}
	putle16(&f, subtype << 4); /* frame control: type 0 management */
	putle16(&f, 0);
	putmem(&f, da, 6);
	putmem(&f, sa, 6);
	putmem(&f, bssid, 6);
	putle16(&f, seq << 4);
	putmem(&f, body->b, body->n);
	cap_add(c, f.b, f.n);
}

static void ie(struct buf *b, unsigned id, const void *v, size_t n)
{
	put8(b, id);
	put8(b, (unsigned)n);
	putmem(b, v, n);
}

/* DJI DroneID in a vendor-specific element (OUI 26:37:12). The layout follows public
 * reverse-engineering (flight telemetry, subcommand 0x10): only the OUI is evidence; the fields
 * after it are filled with a plausible serial number and zero coordinates. */
static void droneid_ie(struct buf *b, unsigned seq)
{
	struct buf v;
	v.n = 0;
	put8(&v, 0x26);
	put8(&v, 0x37);
	put8(&v, 0x12);
	put8(&v, 0x58);
	put8(&v, 0x62);
	put8(&v, 0x13);
	put8(&v, 0x10); /* subcommand: flight telemetry */
	put8(&v, 0x02); /* version */
	putle16(&v, seq);
	putle16(&v, 0x1f33); /* state flags */
	char serial[16] = "3NZCH5V0010001";
	putmem(&v, serial, 16);
	putzero(&v, 4 + 4 + 2 + 2 + 2 * 3 + 2 * 3 + 4 + 4); /* position, speeds, attitude, home */
	put8(&v, 0x44);                                     /* product type */
	put8(&v, 0);                                        /* uuid length */
	ie(b, 221, v.b, v.n);
}

static void beacon_body(struct buf *b, int probe_resp, const char *ssid, unsigned seq)
{
	static const uint8_t rates[8] = {0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24};
	static const uint8_t ds[1] = {6};
	static const uint8_t tim[4] = {0, 1, 0, 0};
	/* RSN: CCMP group and pairwise, PSK */
	static const uint8_t rsn[20] = {1,    0, 0x00, 0x0f, 0xac, 4,    1,    0, 0x00, 0x0f,
	                                0xac, 4, 1,    0,    0x00, 0x0f, 0xac, 2, 0x0c, 0};
	/* WMM parameter element (Microsoft OUI 00:50:F2, type 2) */
	static const uint8_t wmm[24] = {0x00, 0x50, 0xf2, 0x02, 0x01, 0x01, 0x80, 0x00,
	                                0x03, 0xa4, 0x00, 0x00, 0x27, 0xa4, 0x00, 0x00,
	                                0x42, 0x43, 0x5e, 0x00, 0x62, 0x32, 0x2f, 0x00};
	b->n = 0;
	uint64_t tsf = 0x0000000012345678ULL + seq * 102400ULL;
	for (int i = 0; i < 8; i++)
		put8(b, (unsigned)((tsf >> (8 * i)) & 0xff));
	putle16(b, 100);    /* beacon interval, TU */
	putle16(b, 0x0431); /* ESS, privacy, short preamble, short slot time */
	ie(b, 0, ssid, strlen(ssid));
	ie(b, 1, rates, sizeof rates);
	ie(b, 3, ds, sizeof ds);
	if (!probe_resp)
		ie(b, 5, tim, sizeof tim);
	ie(b, 48, rsn, sizeof rsn);
	ie(b, 221, wmm, sizeof wmm);
	droneid_ie(b, seq);
}

/* ------------------------------------------------------------------------------------------ */
/* The hosts of the generated fixtures (MACs from the vendors' IEEE blocks, host parts made up;
 * the same as data/samples/observations.jsonl where a sample exists). */

static struct host ws, cam, nvr, rtr, phone_hw, hg, ont, laptop, resolver, phone_dji, drone_rc,
    hytera_rpt, phone_autel, annke, cisco, axis, scale, linux_pc, dahua_cam, nas;
static struct host g_ssdp, g_dhip, g_mdns, bcast, g_dhcp6;
static struct host k_upd, k_geo, k_ksn, dji_api, autel_api, deb;

static void hosts_init(void)
{
	ws = H("00:1b:21:0a:0b:0c", "10.20.0.100", "2001:db8:20::100"); /* Intel NIC: the NMS/PC */
	cam = H("4c:bd:8f:12:34:56", "10.20.0.11", "2001:db8:20::11");  /* Hikvision */
	annke = H("bc:ad:28:aa:bb:cc", "10.20.0.12", NULL);             /* Hikvision block */
	axis = H("00:40:8c:11:22:33", "10.20.0.13", NULL);              /* Axis */
	nvr = H("3c:ef:8c:20:00:20", "10.20.0.20", NULL);               /* Dahua */
	dahua_cam = H("e0:50:8b:30:00:21", "10.20.0.21", NULL);         /* Dahua */
	nas = H("00:11:32:aa:bb:01", "10.20.0.40", NULL);               /* Synology */
	ont = H("00:19:c6:01:02:03", "10.20.0.30", NULL);               /* ZTE */
	laptop = H("00:14:22:5a:6b:7c", "10.20.0.50", NULL);            /* Dell */
	phone_dji = H("da:a1:19:5e:22:01", "10.20.0.60", NULL);         /* randomised */
	hytera_rpt = H("64:69:bc:70:00:01", "10.20.0.70", NULL);        /* Hytera */
	phone_autel = H("6e:2f:41:30:00:51", "10.20.0.51", NULL);       /* randomised */
	phone_hw = H("04:02:1f:2d:9d:6b", "10.20.0.80", "fe80::602:1fff:fe2d:9d6b"); /* Huawei */
	linux_pc = H("00:1b:21:0a:0b:0d", "10.20.0.101", NULL);                      /* Intel */
	scale = H("40:2c:76:10:00:01", "10.20.0.90", NULL);   /* Shanghai Dahua Scale Factory */
	cisco = H("00:00:0c:07:ac:01", "10.20.0.2", NULL);    /* Cisco */
	rtr = H("00:e0:fc:01:00:01", "10.20.0.1", NULL);      /* Huawei AR router, DHCP server */
	hg = H("00:25:68:25:42:01", "10.20.0.254", NULL);     /* Huawei EchoLife home gateway */
	resolver = H("00:0d:b9:4a:00:01", "10.20.0.1", NULL); /* PC Engines: a plain router */
	drone_rc = H("60:60:1f:aa:00:01", NULL, NULL);        /* DJI */

	g_ssdp = H("01:00:5e:7f:ff:fa", "239.255.255.250", NULL);
	g_dhip = H("01:00:5e:7f:ff:fb", "239.255.255.251", NULL);
	g_mdns = H("01:00:5e:00:00:fb", "224.0.0.251", NULL);
	bcast = H("ff:ff:ff:ff:ff:ff", "255.255.255.255", NULL);
	g_dhcp6 = H("33:33:00:01:00:02", NULL, "ff02::1:2");

	/* Off-link servers are reached through the router: their frames carry its MAC. Addresses
	 * are from the documentation ranges (RFC 5737). */
	k_geo = H("00:0d:b9:4a:00:01", "198.51.100.10", NULL);
	k_ksn = H("00:0d:b9:4a:00:01", "198.51.100.20", NULL);
	k_upd = H("00:0d:b9:4a:00:01", "198.51.100.30", NULL);
	dji_api = H("00:0d:b9:4a:00:01", "203.0.113.41", NULL);
	autel_api = H("00:0d:b9:4a:00:01", "203.0.113.50", NULL);
	deb = H("00:0d:b9:4a:00:01", "203.0.113.80", NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Payloads shared by several fixtures */

#define HIK_MODEL  "DS-2CD2143G0-I"
#define HIK_SERIAL "DS-2CD2143G0-I20200101AAWRD12345678"

/* SADP inquiry (UDP 37020, multicast 239.255.255.250). */
static void sadp_probe(struct buf *b)
{
	b->n = 0;
	text(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe>"
	        "<Uuid>7A2B3C4D-0000-4000-8000-00000000BA5E</Uuid><Types>inquiry</Types></Probe>");
}

/* SADP reply (ProbeMatch) of a camera. desc: DeviceDescription (the model); mac like
 * "4c-bd-8f-12-34-56". */
static void sadp_reply(struct buf *b, const char *desc, const char *serial, const char *mac,
                       const char *ip)
{
	b->n = 0;
	text(b,
	     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	     "<ProbeMatch>"
	     "<Uuid>7A2B3C4D-0000-4000-8000-00000000BA5E</Uuid>"
	     "<Types>inquiry</Types>"
	     "<DeviceType>138623</DeviceType>"
	     "<DeviceDescription>%s</DeviceDescription>"
	     "<DeviceSN>%s</DeviceSN>"
	     "<CommandPort>8000</CommandPort>"
	     "<HttpPort>80</HttpPort>"
	     "<MAC>%s</MAC>"
	     "<IPv4Address>%s</IPv4Address>"
	     "<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>"
	     "<IPv4Gateway>10.20.0.1</IPv4Gateway>"
	     "<IPv6Address>::</IPv6Address>"
	     "<IPv6Gateway>::</IPv6Gateway>"
	     "<IPv6MaskLen>64</IPv6MaskLen>"
	     "<DHCP>false</DHCP>"
	     "<AnalogChannelNum>0</AnalogChannelNum>"
	     "<DigitalChannelNum>1</DigitalChannelNum>"
	     "<SoftwareVersion>V5.6.3build 190923</SoftwareVersion>"
	     "<DSPVersion>V7.3 build 190923</DSPVersion>"
	     "<BootTime>2024-01-01 09:00:00</BootTime>"
	     "<Encrypt>true</Encrypt>"
	     "<ResetAbility>false</ResetAbility>"
	     "<DiskNumber>0</DiskNumber>"
	     "<Activated>true</Activated>"
	     "<PasswordResetAbility>true</PasswordResetAbility>"
	     "<PasswordResetModeSecond>true</PasswordResetModeSecond>"
	     "<SupportSecurityQuestion>true</SupportSecurityQuestion>"
	     "<SupportHCPlatform>true</SupportHCPlatform>"
	     "<HCPlatformEnable>false</HCPlatformEnable>"
	     "<IsModifyVerificationCode>false</IsModifyVerificationCode>"
	     "<DeviceLock>true</DeviceLock>"
	     "<SDKServerStatus>true</SDKServerStatus>"
	     "<SDKOverTLSPort>8443</SDKOverTLSPort>"
	     "</ProbeMatch>",
	     desc, serial, mac, ip);
}

/* ISAPI /ISAPI/System/deviceInfo response body. */
static void isapi_body(char *out, size_t n, const char *model, const char *serial, const char *mac)
{
	int k = snprintf(out, n,
	                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<DeviceInfo version=\"2.0\" "
	                 "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
	                 "<deviceName>Lobby</deviceName>\n"
	                 "<deviceID>88a1b2c3-d4e5-11b2-8bd4-4cbd8f123456</deviceID>\n"
	                 "<deviceDescription>IPCamera</deviceDescription>\n"
	                 "<deviceLocation>hangzhou</deviceLocation>\n"
	                 "<systemContact>Hikvision.China</systemContact>\n"
	                 "<model>%s</model>\n"
	                 "<serialNumber>%s</serialNumber>\n"
	                 "<macAddress>%s</macAddress>\n"
	                 "<firmwareVersion>V5.6.3</firmwareVersion>\n"
	                 "<firmwareReleasedDate>build 190923</firmwareReleasedDate>\n"
	                 "<encoderVersion>V7.3</encoderVersion>\n"
	                 "<encoderReleasedDate>build 190923</encoderReleasedDate>\n"
	                 "<bootVersion>V1.3.4</bootVersion>\n"
	                 "<bootReleasedDate>100316</bootReleasedDate>\n"
	                 "<hardwareVersion>0x0</hardwareVersion>\n"
	                 "<deviceType>IPCamera</deviceType>\n"
	                 "<telecontrolID>88</telecontrolID>\n"
	                 "<supportBeep>false</supportBeep>\n"
	                 "<supportVideoLoss>false</supportVideoLoss>\n"
	                 "</DeviceInfo>\n",
	                 model, serial, mac);
	if (k < 0 || (size_t)k >= n)
		die("ISAPI body too long");
}

#define ISAPI_REQ                                                                                  \
	"GET /ISAPI/System/deviceInfo HTTP/1.1\r\n"                                                \
	"Host: 10.20.0.11\r\n"                                                                     \
	"User-Agent: curl/7.88.1\r\n"                                                              \
	"Accept: */*\r\n"                                                                          \
	"\r\n"

/* WS-Discovery Probe (ONVIF Core 7.3, WS-Discovery 2005/04) as ONVIF Device Manager sends it. */
static void wsd_probe(struct buf *b)
{
	b->n = 0;
	text(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	        "<Envelope xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" "
	        "xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Header>"
	        "<wsa:MessageID xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
	        "uuid:5b6d2d4e-0000-4000-8000-0000000000a1</wsa:MessageID>"
	        "<wsa:To xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
	        "urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>"
	        "<wsa:Action xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
	        "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</wsa:Action>"
	        "</Header><Body><Probe xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
	        "xmlns=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
	        "<Types>dn:NetworkVideoTransmitter</Types><Scopes /></Probe></Body></Envelope>");
}

static void wsd_probe_match(struct buf *b, const char *uuid, const char *scopes, const char *xaddr)
{
	b->n = 0;
	text(b,
	     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	     "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
	     "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
	     "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
	     "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" "
	     "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	     "<env:Header>"
	     "<wsa:MessageID>urn:uuid:%s-reply</wsa:MessageID>"
	     "<wsa:RelatesTo>uuid:5b6d2d4e-0000-4000-8000-0000000000a1</wsa:RelatesTo>"
	     "<wsa:To env:mustUnderstand=\"true\">"
	     "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
	     "<wsa:Action env:mustUnderstand=\"true\">"
	     "http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
	     "<d:AppSequence InstanceId=\"1704099600\" MessageNumber=\"7\"/>"
	     "</env:Header>"
	     "<env:Body><d:ProbeMatches><d:ProbeMatch>"
	     "<wsa:EndpointReference><wsa:Address>urn:uuid:%s</wsa:Address>"
	     "</wsa:EndpointReference>"
	     "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
	     "<d:Scopes>%s</d:Scopes>"
	     "<d:XAddrs>%s</d:XAddrs>"
	     "<d:MetadataVersion>10</d:MetadataVersion>"
	     "</d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>",
	     uuid, uuid, scopes, xaddr);
}

/* ------------------------------------------------------------------------------------------ */
/* Fixtures: one per vendor */

/* The SADP probe and a camera's reply (multicast, as the cameras answer). */
static void hik_sadp(struct cap *c, int fam)
{
	struct buf b;
	sadp_probe(&b);
	udp_buf(c, fam, &ws, 37020, &g_ssdp, 37020, &b);
	cap_wait(c, 12000);
	sadp_reply(&b, HIK_MODEL, HIK_SERIAL, "4c-bd-8f-12-34-56", "10.20.0.11");
	udp_buf(c, fam, &cam, 37020, &g_ssdp, 37020, &b);
	cap_wait(c, 20000);
}

/* GET /ISAPI/System/deviceInfo, answered by "Server: App-webs/" in three segments: the cut
 * between the first two falls in the middle of the Server line; the third segment is sent
 * before the second (out of order) and the second is retransmitted. */
static void hik_isapi(struct cap *c, int fam, const struct host *cli, const struct host *srv,
                      unsigned cport)
{
	char body[2048];
	struct buf r;
	struct tcp t;
	isapi_body(body, sizeof body, HIK_MODEL, HIK_SERIAL, "4c:bd:8f:12:34:56");
	http_response(&r, "200 OK", "Server: App-webs/\r\nContent-Type: application/xml\r\n", body);
	const char *mid = strstr((const char *)r.b, "App-");
	if (!mid)
		die("no Server line");
	size_t cuts[2];
	cuts[0] = (size_t)(mid - (const char *)r.b) + 4; /* "...Server: App-" | "webs/\r\n..." */
	cuts[1] = r.n / 2 + 100;
	static const int order[] = {0, 2, 1, 1};
	tcp_open(&t, c, fam, cli, cport, srv, 80);
	tcp_send(&t, 1, ISAPI_REQ, strlen(ISAPI_REQ), 1460);
	cap_wait(c, 6000);
	tcp_send_order(&t, 0, r.b, r.n, cuts, 2, order, 4);
	tcp_close(&t, 0);
}

static void fx_hikvision(struct cap *c)
{
	struct buf b;
	cap_init(c, "hikvision.pcap", L_ETH);
	/* 1-2: ARP for the camera; 3-4: SADP; 5-6: WS-Discovery */
	arp(c, 1, &ws, &cam, bcast.mac);
	arp(c, 2, &cam, &ws, ws.mac);
	cap_wait(c, 50000);
	hik_sadp(c, 4);
	wsd_probe(&b);
	udp_buf(c, 4, &ws, 50123, &g_ssdp, 3702, &b);
	cap_wait(c, 30000);
	wsd_probe_match(&b, "4c4b4a49-4847-4645-4443-4cbd8f123456",
	                "onvif://www.onvif.org/type/video_encoder "
	                "onvif://www.onvif.org/Profile/Streaming "
	                "onvif://www.onvif.org/MAC/4c:bd:8f:12:34:56 "
	                "onvif://www.onvif.org/hardware/" HIK_MODEL " "
	                "onvif://www.onvif.org/name/HIKVISION "
	                "onvif://www.onvif.org/location/city/hangzhou",
	                "http://10.20.0.11/onvif/device_service");
	udp_buf(c, 4, &cam, 3702, &ws, 50123, &b);
	cap_wait(c, 100000);

	hik_isapi(c, 4, &ws, &cam, 49200);

	/* RTSP (RFC 2326): OPTIONS answered, DESCRIBE refused with a digest challenge. */
	struct tcp t;
	tcp_open(&t, c, 4, &ws, 49201, &cam, 554);
	const char *opt = "OPTIONS rtsp://10.20.0.11:554/Streaming/Channels/101 RTSP/1.0\r\n"
	                  "CSeq: 2\r\n"
	                  "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n"
	                  "\r\n";
	tcp_send(&t, 1, opt, strlen(opt), 1460);
	b.n = 0;
	text(&b, "RTSP/1.0 200 OK\r\n"
	         "CSeq: 2\r\n"
	         "Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, "
	         "GET_PARAMETER\r\n"
	         "Date:  Mon, Jan 01 2024 10:00:01 GMT\r\n"
	         "\r\n");
	tcp_send(&t, 0, b.b, b.n, 1460);
	const char *desc = "DESCRIBE rtsp://10.20.0.11:554/Streaming/Channels/101 RTSP/1.0\r\n"
	                   "CSeq: 3\r\n"
	                   "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n"
	                   "Accept: application/sdp\r\n"
	                   "\r\n";
	tcp_send(&t, 1, desc, strlen(desc), 1460);
	b.n = 0;
	text(&b, "RTSP/1.0 401 Unauthorized\r\n"
	         "CSeq: 3\r\n"
	         "WWW-Authenticate: Digest realm=\"Hikvision\", "
	         "nonce=\"5e1c7d3a4f0b2c8d9e6a1b3c4d5e6f70\", stale=\"FALSE\"\r\n"
	         "Date:  Mon, Jan 01 2024 10:00:01 GMT\r\n"
	         "\r\n");
	tcp_send(&t, 0, b.b, b.n, 1460);
	tcp_close(&t, 1);

	/* mDNS announcement (RFC 6762 8.3, DNS-SD RFC 6763): the camera's web service. */
	static const struct rr an[] = {
	    {"_http._tcp.local", T_PTR, 1, 4500, "HIKVISION " HIK_MODEL "._http._tcp.local", NULL,
	     NULL, 0},
	    {"HIKVISION " HIK_MODEL "._http._tcp.local", T_SRV, 0x8001, 120,
	     "HIKVISION-D12345678.local", NULL, NULL, 80},
	    {"HIKVISION " HIK_MODEL "._http._tcp.local", T_TXT, 0x8001, 4500, NULL, NULL, "path=/",
	     0},
	    {"HIKVISION-D12345678.local", T_A, 0x8001, 120, NULL, "10.20.0.11", NULL, 0},
	};
	b.n = 0;
	dns_hdr(&b, 0, 0x8400, 0, 4);
	for (size_t i = 0; i < 4; i++)
		dns_rr(&b, &an[i]);
	udp_buf(c, 4, &cam, 5353, &g_mdns, 5353, &b);
	cap_write_pcap(c);
}

static void dhip_packet(struct buf *b, const char *json)
{
	/* DHIP: a 32-byte header ("DHIP" magic, session, id, the JSON length twice), then JSON. */
	size_t n = strlen(json);
	b->n = 0;
	putle32(b, 0x20);
	putstr(b, "DHIP");
	putzero(b, 8);
	putle32(b, (uint32_t)n);
	putle32(b, 0);
	putle32(b, (uint32_t)n);
	putle32(b, 0);
	putstr(b, json);
}

static void fx_dahua(struct cap *c)
{
	struct buf b;
	cap_init(c, "dahua.pcap", L_ETH);
	/* DHIP discovery (UDP 37810): SmartPSS's search, the NVR's notify. */
	dhip_packet(&b, "{\"method\":\"DHDiscover.search\",\"params\":{\"mac\":\"\",\"uni\":1}}\n");
	udp_buf(c, 4, &ws, 37810, &g_dhip, 37810, &b);
	cap_wait(c, 15000);
	dhip_packet(&b, "{\"mac\":\"3c:ef:8c:20:00:20\",\"method\":\"client.notifyDevInfo\","
	                "\"params\":{\"deviceInfo\":{\"AlarmInputChannels\":4,"
	                "\"AlarmOutputChannels\":1,\"DeviceClass\":\"NVR\","
	                "\"DeviceType\":\"NVR4108HS-4KS2\",\"HttpPort\":80,"
	                "\"IPv4Address\":{\"DefaultGateway\":\"10.20.0.1\",\"DhcpEnable\":false,"
	                "\"IPAddress\":\"10.20.0.20\",\"SubnetMask\":\"255.255.255.0\"},"
	                "\"Mac\":\"3c:ef:8c:20:00:20\",\"MachineName\":\"6G0B1234567ABCD\","
	                "\"Manufacturer\":\"Dahua\",\"Port\":37777,\"RemoteVideoInputChannels\":8,"
	                "\"SerialNo\":\"6G0B1234567ABCD\",\"Vendor\":\"Dahua\","
	                "\"Version\":\"4.1.0.0\",\"VideoInputChannels\":0,"
	                "\"VideoOutputChannels\":2}}}\n");
	udp_buf(c, 4, &nvr, 37810, &ws, 37810, &b);
	cap_wait(c, 100000);

	/* The web UI's start page sets the session cookie. */
	http_response(&b, "200 OK",
	              "Content-Type: text/html\r\n"
	              "Set-Cookie: DhWebClientSessionID=1804289383; path=/\r\n",
	              "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	              "<title>WEB SERVICE</title></head><body></body></html>\n");
	http_exchange(c, 4, &ws, 49300, &nvr, 80,
	              "GET / HTTP/1.1\r\nHost: 10.20.0.20\r\nUser-Agent: Mozilla/5.0 (X11; Linux "
	              "x86_64; rv:115.0) Gecko/20100101 Firefox/115.0\r\nAccept: */*\r\n\r\n",
	              &b, 1460);

	/* magicBox getSystemInfo: key=value lines. */
	http_response(&b, "200 OK", "Content-Type: text/plain;charset=utf-8\r\n",
	              "deviceType=NVR4108HS-4KS2\r\n"
	              "processor=ST7108\r\n"
	              "serialNumber=6G0B1234567ABCD\r\n"
	              "updateSerial=NVR4XXX-4KS2\r\n");
	http_exchange(c, 4, &ws, 49301, &nvr, 80,
	              "GET /cgi-bin/magicBox.cgi?action=getSystemInfo HTTP/1.1\r\n"
	              "Host: 10.20.0.20\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
	              &b, 1460);

	/* HTTPS: the device's default certificate chain (issuer Product Root CA). The server's
	 * flight goes out in 536-byte segments, so the Certificate message spans segments. */
	struct tcp t;
	uint8_t cr[32];
	tcp_open(&t, c, 4, &ws, 49302, &nvr, 443);
	tls_client_hello(&b, NULL, cr);
	tcp_send(&t, 1, b.b, b.n, 1460);
	cap_wait(c, 3000);
	tls_server_flight(&b, cr);
	tcp_send(&t, 0, b.b, b.n, 536);
	tcp_close(&t, 1);
	cap_write_pcap(c);
}

static void fx_huawei(struct cap *c)
{
	struct buf b;
	cap_init(c, "huawei.pcap", L_ETH);
	/* SNMP v2c from the NMS to the core router (the sample core-rtr's values). */
	snmp_exchange(c, &ws, 40161, &rtr, 0x3e8a11,
	              "Huawei Versatile Routing Platform Software\r\n"
	              "VRP (R) software, Version 8.180 (NE40E V800R011C00SPC200)\r\n"
	              "Copyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\n"
	              "HUAWEI NE40E-X8A",
	              "1.3.6.1.4.1.2011.2.62.2.9", 123456789, "core-rtr");

	/* SSH identification exchange (RFC 4253 4.2). */
	struct tcp t;
	tcp_open(&t, c, 4, &ws, 50022, &rtr, 22);
	const char *sb = "SSH-2.0-HUAWEI-1.5\r\n";
	tcp_send(&t, 0, sb, strlen(sb), 1460);
	const char *cb = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n";
	tcp_send(&t, 1, cb, strlen(cb), 1460);
	tcp_close(&t, 1);

	/* DHCP DORA of a Huawei phone; the router is the DHCP server. */
	static const uint8_t params[] = {1, 3, 6, 15, 26, 28, 51, 58, 59, 43};
	uint8_t cid[7] = {1};
	memcpy(cid + 1, phone_hw.mac, 6);
	const uint8_t yi[4] = {10, 20, 0, 80}, si[4] = {10, 20, 0, 1};
	struct host unconf = phone_hw; /* before its lease: source 0.0.0.0 */
	memset(unconf.ip4, 0, 4);
	static const uint8_t mask[4] = {255, 255, 255, 0}, lease[4] = {0, 0, 0x0e, 0x10};
	for (unsigned type = 1; type <= 4; type++) {
		unsigned mt = type == 4 ? 5 : type; /* DISCOVER, OFFER, REQUEST, ACK */
		int reply = mt == 2 || mt == 5;
		dhcp_msg(&b, reply ? 2 : 1, 0x5e1d0c01, phone_hw.mac, reply ? yi : NULL,
		         reply ? si : NULL, mt);
		if (reply) {
			dhcp_opt(&b, 54, si, 4);
			dhcp_opt(&b, 51, lease, 4);
			dhcp_opt(&b, 1, mask, 4);
			dhcp_opt(&b, 3, si, 4);
			dhcp_opt(&b, 6, si, 4);
		} else {
			uint8_t mx[2] = {0x05, 0xdc};
			dhcp_opt(&b, 61, cid, sizeof cid);
			if (mt == 3) {
				dhcp_opt(&b, 50, yi, 4);
				dhcp_opt(&b, 54, si, 4);
			}
			dhcp_opt(&b, 57, mx, 2);
			dhcp_opt_str(&b, 60, "HUAWEI:android:VOG-L29");
			dhcp_opt_str(&b, 12, "HUAWEI_P30_Pro-2d9d6b");
			dhcp_opt(&b, 55, params, sizeof params);
		}
		put8(&b, 255);
		if (reply)
			udp_buf(c, 4, &rtr, 67, &bcast, 68, &b);
		else
			udp_buf(c, 4, &unconf, 68, &bcast, 67, &b);
		cap_wait(c, 8000);
	}

	/* DHCPv6 Solicit (RFC 8415 16.2) of the same phone, with a Vendor Class option (16). */
	b.n = 0;
	put8(&b, 1);
	put24(&b, 0x3a5b7c);
	put16(&b, 1); /* Client Identifier: DUID-LL */
	put16(&b, 10);
	put16(&b, 3);
	put16(&b, 1);
	putmem(&b, phone_hw.mac, 6);
	put16(&b, 8); /* Elapsed Time */
	put16(&b, 2);
	put16(&b, 0);
	put16(&b, 6); /* Option Request: DNS servers, domain list */
	put16(&b, 4);
	put16(&b, 23);
	put16(&b, 24);
	put16(&b, 3); /* IA_NA */
	put16(&b, 12);
	put32(&b, 0x0d9d6b01);
	put32(&b, 0);
	put32(&b, 0);
	const char *vc = "HUAWEI:android:VOG-L29";
	put16(&b, 16); /* Vendor Class: enterprise 2011 (Huawei), one opaque string */
	put16(&b, (unsigned)(4 + 2 + strlen(vc)));
	put32(&b, 2011);
	put16(&b, (unsigned)strlen(vc));
	putstr(&b, vc);
	udp_buf(c, 6, &phone_hw, 546, &g_dhcp6, 547, &b);
	cap_wait(c, 50000);

	/* SSDP NOTIFY (UPnP Device Architecture 1.0 1.1.2) of an EchoLife home gateway. */
	b.n = 0;
	text(&b, "NOTIFY * HTTP/1.1\r\n"
	         "HOST: 239.255.255.250:1900\r\n"
	         "CACHE-CONTROL: max-age=1800\r\n"
	         "LOCATION: http://10.20.0.254:49652/49652gatedesc.xml\r\n"
	         "NT: upnp:rootdevice\r\n"
	         "NTS: ssdp:alive\r\n"
	         "SERVER: Linux UPnP/1.0 Huawei-ATP-IGD\r\n"
	         "USN: uuid:00e0fc37-2525-2828-2500-0025682542010::upnp:rootdevice\r\n"
	         "\r\n");
	udp_buf(c, 4, &hg, 1900, &g_ssdp, 1900, &b);
	cap_write_pcap(c);
}

static void fx_zte(struct cap *c)
{
	struct buf b;
	struct tcp t;
	cap_init(c, "zte.pcap", L_ETH);
	/* HTTP 401 of a ZXHN home gateway (the sample ont-3). */
	http_response(&b, "401 Unauthorized",
	              "WWW-Authenticate: Basic realm=\"ZXHN H298A\"\r\n"
	              "Content-Type: text/html\r\n",
	              "<html><body>401 Unauthorized</body></html>\n");
	http_exchange(c, 4, &ws, 49400, &ont, 80,
	              "GET / HTTP/1.1\r\nHost: 10.20.0.30\r\nUser-Agent: curl/7.88.1\r\n"
	              "Accept: */*\r\n\r\n",
	              &b, 1460);

	/* Telnet (RFC 854): the server negotiates (IAC WILL ECHO, WILL SGA, DO NAWS), the client
	 * answers, then the banner and login prompt. */
	tcp_open(&t, c, 4, &ws, 49401, &ont, 23);
	static const uint8_t neg[] = {255, 251, 1, 255, 251, 3, 255, 253, 31};
	tcp_send(&t, 0, neg, sizeof neg, 1460);
	static const uint8_t ans[] = {255, 253, 1, 255, 253, 3, 255, 252, 31};
	tcp_send(&t, 1, ans, sizeof ans, 1460);
	const char *banner = "\r\nZXHN H298A\r\nLogin: ";
	tcp_send(&t, 0, banner, strlen(banner), 1460);
	tcp_close(&t, 1);

	/* FTP (RFC 959) greeting, QUIT, goodbye. */
	tcp_open(&t, c, 4, &ws, 49402, &ont, 21);
	const char *g = "220 ZXHN H298A FTP server (ZTE Corporation) ready.\r\n";
	tcp_send(&t, 0, g, strlen(g), 1460);
	tcp_send(&t, 1, "QUIT\r\n", 6, 1460);
	tcp_send(&t, 0, "221 Goodbye.\r\n", 14, 1460);
	tcp_close(&t, 0);

	snmp_exchange(c, &ws, 40162, &ont, 0x11223344, "ZXHN H298A", "1.3.6.1.4.1.3902.3.100.4",
	              8640000, "ont-3");
	cap_write_pcap(c);
}

static void fx_kaspersky(struct cap *c)
{
	struct buf b;
	cap_init(c, "kaspersky.pcap", L_ETH);
	/* The laptop's look-ups: the update server, and a KSN name answered through a CNAME. */
	static const struct rr a1[] = {{NULL, T_A, 1, 300, NULL, "198.51.100.10", NULL, 0}};
	dns_exchange(c, &laptop, 51001, &resolver, 0x4b01, "dnl-01.geo.kaspersky.com", T_A, 0, a1,
	             1);
	static const struct rr a2[] = {
	    {NULL, T_CNAME, 1, 300, "ksn-stat-a.kaspersky-labs.com", NULL, NULL, 0},
	    {"ksn-stat-a.kaspersky-labs.com", T_A, 1, 300, NULL, "198.51.100.20", NULL, 0}};
	dns_exchange(c, &laptop, 51002, &resolver, 0x4b02, "ksn-a-stat-geo.kaspersky-labs.com", T_A,
	             0, a2, 2);
	static const struct rr a3[] = {
	    {NULL, T_CNAME, 1, 300, "ksn-stat-a.kaspersky-labs.com", NULL, NULL, 0},
	    {"ksn-stat-a.kaspersky-labs.com", T_AAAA, 1, 300, NULL, "2001:db8:100::20", NULL, 0}};
	dns_exchange(c, &laptop, 51003, &resolver, 0x4b03, "ksn-a-stat-geo.kaspersky-labs.com",
	             T_AAAA, 0, a3, 2);
	cap_wait(c, 20000);

	/* TLS with SNI to the first name, then a TLS flow to the KSN address without SNI: only the
	 * DNS answer names the peer. */
	tls_hello_only(c, &laptop, 52001, &k_geo, "dnl-01.geo.kaspersky.com");
	tls_hello_only(c, &laptop, 52002, &k_ksn, NULL);

	/* Plain-HTTP update download. */
	http_response(&b, "304 Not Modified", "Server: nginx\r\n", "");
	http_exchange(c, 4, &laptop, 52003, &k_upd, 80,
	              "GET /diffs/bases/av/kdb/i386/kdb-i386-0607g.xml.dif HTTP/1.1\r\n"
	              "Host: dnl-03.upd.kaspersky.com\r\n"
	              "User-Agent: Kaspersky Endpoint Security for Linux 11.4.0.1096 "
	              "(Updater)\r\n"
	              "Accept: */*\r\n"
	              "If-Modified-Since: Sun, 31 Dec 2023 22:00:00 GMT\r\n"
	              "\r\n",
	              &b, 1460);
	cap_write_pcap(c);
}

static void dji_frames(struct cap *c)
{
	struct buf body;
	beacon_body(&body, 0, "DJI-RC-4F2A", 1);
	wifi_mgmt(c, 8, bcast.mac, drone_rc.mac, drone_rc.mac, 1, &body); /* beacon */
	cap_wait(c, 102400);
	beacon_body(&body, 1, "DJI-RC-4F2A", 2);
	wifi_mgmt(c, 5, phone_dji.mac, drone_rc.mac, drone_rc.mac, 2, &body); /* probe resp */
	cap_wait(c, 102400);
	beacon_body(&body, 0, "DJI-RC-4F2A", 3);
	wifi_mgmt(c, 8, bcast.mac, drone_rc.mac, drone_rc.mac, 3, &body);
}

static void fx_dji(struct cap *c)
{
	cap_init(c, "dji.pcap", L_RADIOTAP);
	dji_frames(c);
	cap_write_pcap(c);
}

static void fx_dji_app(struct cap *c)
{
	cap_init(c, "dji-app.pcap", L_ETH);
	static const struct rr a1[] = {{NULL, T_A, 1, 60, NULL, "203.0.113.40", NULL, 0}};
	dns_exchange(c, &phone_dji, 41001, &resolver, 0xd101, "djiservice.org", T_A, 0, a1, 1);
	static const struct rr a2[] = {{NULL, T_A, 1, 60, NULL, "203.0.113.41", NULL, 0}};
	dns_exchange(c, &phone_dji, 41002, &resolver, 0xd102, "mydjiflight.dji.com", T_A, 0, a2, 1);
	tls_hello_only(c, &phone_dji, 41003, &dji_api, "mydjiflight.dji.com");
	cap_write_pcap(c);
}

static void fx_hytera(struct cap *c)
{
	cap_init(c, "hytera.pcap", L_ETH);
	snmp_exchange(c, &ws, 40163, &hytera_rpt, 0x0a0b0c0d, "Hytera RD985 DMR Repeater",
	              "1.3.6.1.4.1.40297.1.2", 4321000, "rpt-roof");
	cap_write_pcap(c);
}

static void fx_autel(struct cap *c)
{
	cap_init(c, "autel.pcap", L_ETH);
	static const struct rr a1[] = {{NULL, T_A, 1, 300, NULL, "203.0.113.51", NULL, 0}};
	dns_exchange(c, &phone_autel, 42001, &resolver, 0xa701, "www.autelpilot.com", T_A, 0, a1,
	             1);
	static const struct rr a2[] = {{NULL, T_A, 1, 300, NULL, "203.0.113.50", NULL, 0}};
	dns_exchange(c, &phone_autel, 42002, &resolver, 0xa702, "autelrobotics.com", T_A, 0, a2, 1);
	tls_hello_only(c, &phone_autel, 42003, &autel_api, "autelrobotics.com");
	cap_write_pcap(c);
}

static void fx_carriers(struct cap *c)
{
	static const char *const names[] = {"www.cmlink.com", "www.chinatelecomglobal.com",
	                                    "www.chinaunicomamericas.com", "www.comnetusa.com"};
	static const char *const ips[] = {"203.0.113.61", "203.0.113.62", "203.0.113.63",
	                                  "203.0.113.64"};
	cap_init(c, "carriers.pcap", L_ETH);
	for (unsigned i = 0; i < 4; i++) {
		const struct rr a = {NULL, T_A, 1, 600, NULL, ips[i], NULL, 0};
		dns_exchange(c, &linux_pc, 43001 + i, &resolver, 0xc001 + i, names[i], T_A, 0, &a,
		             1);
	}
	cap_write_pcap(c);
}

static void fx_relabel(struct cap *c)
{
	struct buf b;
	char body[2048];
	cap_init(c, "relabel.pcap", L_ETH);
	/* WS-Discovery: the brand shown is ANNKE. */
	wsd_probe(&b);
	udp_buf(c, 4, &ws, 50124, &g_ssdp, 3702, &b);
	cap_wait(c, 30000);
	wsd_probe_match(&b, "4c4b4a49-4847-4645-4443-bcad28aabbcc",
	                "onvif://www.onvif.org/type/video_encoder "
	                "onvif://www.onvif.org/Profile/Streaming "
	                "onvif://www.onvif.org/hardware/C800 "
	                "onvif://www.onvif.org/name/ANNKE "
	                "onvif://www.onvif.org/location/country/china",
	                "http://10.20.0.12/onvif/device_service");
	udp_buf(c, 4, &annke, 3702, &ws, 50124, &b);
	cap_wait(c, 50000);

	/* ONVIF GetDeviceInformation (ONVIF Core 8.3.1): Manufacturer ANNKE, Model C800. */
	const char *soap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	                   "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
	                   "<s:Body xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	                   "<tds:GetDeviceInformation/></s:Body></s:Envelope>";
	char req[1024];
	int k = snprintf(req, sizeof req,
	                 "POST /onvif/device_service HTTP/1.1\r\n"
	                 "Host: 10.20.0.12\r\n"
	                 "Content-Type: application/soap+xml; charset=utf-8\r\n"
	                 "Content-Length: %zu\r\n"
	                 "\r\n%s",
	                 strlen(soap), soap);
	if (k < 0 || (size_t)k >= sizeof req)
		die("request too long");
	http_response(&b, "200 OK", "Content-Type: application/soap+xml; charset=utf-8\r\n",
	              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	              "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
	              "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	              "<env:Body><tds:GetDeviceInformationResponse>"
	              "<tds:Manufacturer>ANNKE</tds:Manufacturer>"
	              "<tds:Model>C800</tds:Model>"
	              "<tds:FirmwareVersion>V5.5.82 build 200106</tds:FirmwareVersion>"
	              "<tds:SerialNumber>C80020200106CCRRE12345678</tds:SerialNumber>"
	              "<tds:HardwareId>88</tds:HardwareId>"
	              "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>\n");
	http_exchange(c, 4, &ws, 49500, &annke, 80, req, &b, 1460);

	/* The maker shows through: a SADP reply and the ISAPI namespace. */
	sadp_probe(&b);
	udp_buf(c, 4, &ws, 37020, &g_ssdp, 37020, &b);
	cap_wait(c, 12000);
	sadp_reply(&b, "DS-2CD2083G0-I", "DS-2CD2083G0-I20200106CCRRE12345678", "bc-ad-28-aa-bb-cc",
	           "10.20.0.12");
	udp_buf(c, 4, &annke, 37020, &g_ssdp, 37020, &b);
	cap_wait(c, 20000);
	isapi_body(body, sizeof body, "C800", "C80020200106CCRRE12345678", "bc:ad:28:aa:bb:cc");
	http_response(&b, "200 OK", "Content-Type: application/xml\r\n", body);
	http_exchange(c, 4, &ws, 49501, &annke, 80,
	              "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: 10.20.0.12\r\n"
	              "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
	              &b, 1460);
	cap_write_pcap(c);
}

/* ONVIF GetDeviceInformation (ONVIF Core Specification 8.3.1) over HTTP: a request without
 * credentials answered with a SOAP Fault (NotAuthorized, ONVIF Core 5.11.2.2), the same request
 * with a WS-Security UsernameToken answered with the device information; prefixes as each maker
 * writes them. */
static void onvif_exchange(struct cap *c, const struct host *srv, unsigned cport, int auth,
                           const char *status, const char *resp_body)
{
	struct buf b;
	char soap[2048], req[3072];
	int k = snprintf(
	    soap, sizeof soap,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">%s"
	    "<s:Body xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	    "<tds:GetDeviceInformation/></s:Body></s:Envelope>",
	    auth ? "<s:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
	           "oasis-200401-wss-wssecurity-secext-1.0.xsd\" xmlns:wsu=\"http://docs.oasis-"
	           "open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
	           "<wsse:UsernameToken><wsse:Username>admin</wsse:Username>"
	           "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-"
	           "wss-username-token-profile-1.0#PasswordDigest\">"
	           "Yk5ROXBXNXFlVmJrcEdmZ0hBOUtPQT09</wsse:Password>"
	           "<wsse:Nonce>LKqI6G/AikKCQrN0zqZFlg==</wsse:Nonce>"
	           "<wsu:Created>2024-01-01T10:00:00Z</wsu:Created></wsse:UsernameToken>"
	           "</wsse:Security></s:Header>"
	         : "");
	if (k < 0 || (size_t)k >= sizeof soap)
		die("SOAP request too long");
	char ip[16];
	snprintf(ip, sizeof ip, "%u.%u.%u.%u", srv->ip4[0], srv->ip4[1], srv->ip4[2], srv->ip4[3]);
	k = snprintf(req, sizeof req,
	             "POST /onvif/device_service HTTP/1.1\r\n"
	             "Host: %s\r\n"
	             "Content-Type: application/soap+xml; charset=utf-8; "
	             "action=\"http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation\"\r\n"
	             "Content-Length: %zu\r\n"
	             "\r\n%s",
	             ip, strlen(soap), soap);
	if (k < 0 || (size_t)k >= sizeof req)
		die("request too long");
	http_response(&b, status, "Content-Type: application/soap+xml; charset=utf-8\r\n",
	              resp_body);
	http_exchange(c, 4, &ws, cport, srv, 80, req, &b, 1460);
	cap_wait(c, 20000);
}

static void fx_onvif(struct cap *c)
{
	cap_init(c, "onvif.pcap", L_ETH);
	/* The Dahua camera: a fault first, then its device information (SOAP Header present,
	 * the device namespace declared on the Envelope with its own prefixes). */
	onvif_exchange(c, &dahua_cam, 49700, 0, "400 Bad Request",
	               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
	               "xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body><env:Fault>"
	               "<env:Code><env:Value>env:Sender</env:Value><env:Subcode>"
	               "<env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>"
	               "<env:Reason><env:Text xml:lang=\"en\">Sender not Authorized</env:Text>"
	               "</env:Reason></env:Fault></env:Body></env:Envelope>\n");
	onvif_exchange(c, &dahua_cam, 49701, 1, "200 OK",
	               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	               "<s:Envelope xmlns:sc=\"http://www.w3.org/2003/05/soap-encoding\" "
	               "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
	               "xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
	               "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
	               "<s:Header/><s:Body><tds:GetDeviceInformationResponse>"
	               "<tds:Manufacturer>Dahua</tds:Manufacturer>"
	               "<tds:Model>IPC-HDW2431T-AS</tds:Model>"
	               "<tds:FirmwareVersion>2.800.0000000.16.R, Build Date 2020-07-23"
	               "</tds:FirmwareVersion>"
	               "<tds:SerialNumber>5J0123456789ABC</tds:SerialNumber>"
	               "<tds:HardwareId>1.00</tds:HardwareId>"
	               "</tds:GetDeviceInformationResponse></s:Body></s:Envelope>");
	/* The Axis camera: no prefixes (default namespaces); AXIS is no covered vendor. */
	onvif_exchange(c, &axis, 49702, 1, "200 OK",
	               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body>"
	               "<GetDeviceInformationResponse "
	               "xmlns=\"http://www.onvif.org/ver10/device/wsdl\">"
	               "<Manufacturer>AXIS</Manufacturer><Model>P3245-LV</Model>"
	               "<FirmwareVersion>9.80.3.1</FirmwareVersion>"
	               "<SerialNumber>ACCC8E000001</SerialNumber><HardwareId>7E1</HardwareId>"
	               "</GetDeviceInformationResponse></Body></Envelope>\n");
	cap_write_pcap(c);
}

/* UPnP device description (UPnP Device Architecture 1.0 2.1) fetched at the LOCATION an SSDP
 * answer gives. */
static void upnp_fetch(struct cap *c, const struct host *srv, unsigned port, unsigned cport,
                       const char *path, const char *server, const char *desc)
{
	struct buf b;
	char req[512], hdr[256];
	int k = snprintf(req, sizeof req,
	                 "GET %s HTTP/1.1\r\n"
	                 "Host: %u.%u.%u.%u:%u\r\n"
	                 "User-Agent: Linux/6.1 UPnP/1.1 bansweep-lab/1.0\r\n"
	                 "\r\n",
	                 path, srv->ip4[0], srv->ip4[1], srv->ip4[2], srv->ip4[3], port);
	if (k < 0 || (size_t)k >= sizeof req)
		die("request too long");
	k = snprintf(hdr, sizeof hdr, "Server: %s\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n",
	             server);
	if (k < 0 || (size_t)k >= sizeof hdr)
		die("header too long");
	http_response(&b, "200 OK", hdr, desc);
	http_exchange(c, 4, &ws, cport, srv, port, req, &b, 1460);
	cap_wait(c, 20000);
}

static void fx_upnp(struct cap *c)
{
	struct buf b;
	cap_init(c, "upnp.pcap", L_ETH);
	/* The home gateway answers an M-SEARCH (UDA 1.0 1.2.3) with its LOCATION... */
	b.n = 0;
	text(&b, "M-SEARCH * HTTP/1.1\r\n"
	         "HOST: 239.255.255.250:1900\r\n"
	         "MAN: \"ssdp:discover\"\r\n"
	         "MX: 2\r\n"
	         "ST: upnp:rootdevice\r\n"
	         "\r\n");
	udp_buf(c, 4, &ws, 50200, &g_ssdp, 1900, &b);
	cap_wait(c, 30000);
	b.n = 0;
	text(&b, "HTTP/1.1 200 OK\r\n"
	         "CACHE-CONTROL: max-age=1800\r\n"
	         "EXT:\r\n"
	         "LOCATION: http://10.20.0.254:49652/49652gatedesc.xml\r\n"
	         "SERVER: Linux UPnP/1.0 Huawei-ATP-IGD\r\n"
	         "ST: upnp:rootdevice\r\n"
	         "USN: uuid:00e0fc37-2525-2828-2500-0025682542010::upnp:rootdevice\r\n"
	         "\r\n");
	udp_buf(c, 4, &hg, 1900, &ws, 50200, &b);
	cap_wait(c, 30000);
	/* ...and serves its description there: the root device (an IGD), an embedded WANDevice
	 * and in it a WANConnectionDevice. Port 49652 is no HTTP port of the capture layer: the
	 * request's start line makes it HTTP. */
	upnp_fetch(c, &hg, 49652, 49800, "/49652gatedesc.xml", "Linux UPnP/1.0 Huawei-ATP-IGD",
	           "<?xml version=\"1.0\"?>\n"
	           "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\n"
	           "<specVersion><major>1</major><minor>0</minor></specVersion>\n"
	           "<device>\n"
	           "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>\n"
	           "<friendlyName>HG8245H</friendlyName>\n"
	           "<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\n"
	           "<manufacturerURL>http://www.huawei.com</manufacturerURL>\n"
	           "<modelDescription>EchoLife Home Gateway</modelDescription>\n"
	           "<modelName>EchoLife HG8245H</modelName>\n"
	           "<modelNumber>HG8245H</modelNumber>\n"
	           "<serialNumber>4857544312345678</serialNumber>\n"
	           "<UDN>uuid:00e0fc37-2525-2828-2500-0025682542010</UDN>\n"
	           "<serviceList><service>\n"
	           "<serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType>\n"
	           "<serviceId>urn:upnp-org:serviceId:L3Forwarding1</serviceId>\n"
	           "<controlURL>/ctl/L3F</controlURL><eventSubURL>/evt/L3F</eventSubURL>\n"
	           "<SCPDURL>/l3fwd.xml</SCPDURL>\n"
	           "</service></serviceList>\n"
	           "<deviceList><device>\n"
	           "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>\n"
	           "<friendlyName>WANDevice</friendlyName>\n"
	           "<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\n"
	           "<manufacturerURL>http://www.huawei.com</manufacturerURL>\n"
	           "<modelName>WANDevice</modelName>\n"
	           "<modelNumber>1</modelNumber>\n"
	           "<UDN>uuid:00e0fc37-2525-2828-2500-0025682542011</UDN>\n"
	           "<deviceList><device>\n"
	           "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>\n"
	           "<friendlyName>WANConnectionDevice</friendlyName>\n"
	           "<manufacturer>Huawei Technologies Co., Ltd.</manufacturer>\n"
	           "<modelName>WANConnectionDevice</modelName>\n"
	           "<modelNumber>1</modelNumber>\n"
	           "<UDN>uuid:00e0fc37-2525-2828-2500-0025682542012</UDN>\n"
	           "</device></deviceList>\n"
	           "</device></deviceList>\n"
	           "<presentationURL>http://10.20.0.254/</presentationURL>\n"
	           "</device>\n"
	           "</root>\n");
	/* A NAS's description: no covered vendor. */
	upnp_fetch(c, &nas, 5000, 49801, "/description.xml", "Synology/DSM/10.20.0.40",
	           "<?xml version=\"1.0\"?>\n"
	           "<root xmlns=\"urn:schemas-upnp-org:device-1-0\" "
	           "xmlns:dlna=\"urn:schemas-dlna-org:device-1-0\">"
	           "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
	           "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
	           "<friendlyName>nas-1 (DS920+)</friendlyName>"
	           "<manufacturer>Synology Inc.</manufacturer>"
	           "<manufacturerURL>http://www.synology.com</manufacturerURL>"
	           "<modelName>DS920+</modelName><modelNumber>DS920+</modelNumber>"
	           "<serialNumber>2080PCN123456</serialNumber>"
	           "<dlna:X_DLNADOC>DMS-1.50</dlna:X_DLNADOC>"
	           "<UDN>uuid:73796e6f-6c6f-6779-6473-001132aabb01</UDN></device></root>\n");
	cap_write_pcap(c);
}

static void fx_clean(struct cap *c)
{
	struct buf b;
	cap_init(c, "clean.pcap", L_ETH);
	snmp_exchange(c, &ws, 40164, &cisco, 0x77,
	              "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version "
	              "15.2(7)E3, RELEASE SOFTWARE (fc3)",
	              "1.3.6.1.4.1.9.1.1208", 99887766, "sw-cisco");
	/* A look-alike the rules must not take for Dahua. */
	snmp_exchange(c, &ws, 40165, &scale, 0x78, "Shanghai Dahua Scale Factory weighing terminal",
	              "1.3.6.1.4.1.8072.3.2.10", 5000, "scale-1");

	/* The Axis camera: WS-Discovery and its web server. */
	wsd_probe(&b);
	udp_buf(c, 4, &ws, 50125, &g_ssdp, 3702, &b);
	cap_wait(c, 30000);
	wsd_probe_match(&b, "a0b1c2d3-0000-4000-8000-00408c112233",
	                "onvif://www.onvif.org/type/video_encoder "
	                "onvif://www.onvif.org/Profile/Streaming "
	                "onvif://www.onvif.org/hardware/P3245-LV "
	                "onvif://www.onvif.org/name/AXIS",
	                "http://10.20.0.13/onvif/device_service");
	udp_buf(c, 4, &axis, 3702, &ws, 50125, &b);
	cap_wait(c, 50000);
	http_response(
	    &b, "200 OK",
	    "Server: Apache/2.4.57 (Unix) OpenSSL/3.0.11\r\nContent-Type: text/html\r\n",
	    "<!DOCTYPE html><html><head><title>AXIS</title></head><body></body></html>\n");
	http_exchange(c, 4, &ws, 49600, &axis, 80,
	              "GET / HTTP/1.1\r\nHost: 10.20.0.13\r\nUser-Agent: curl/7.88.1\r\n"
	              "Accept: */*\r\n\r\n",
	              &b, 1460);

	/* A Debian laptop: apt's look-up and TLS, and a look-alike name. */
	static const struct rr a1[] = {{NULL, T_A, 1, 300, NULL, "203.0.113.80", NULL, 0}};
	dns_exchange(c, &linux_pc, 44001, &resolver, 0xdeb1, "deb.debian.org", T_A, 0, a1, 1);
	tls_hello_only(c, &linux_pc, 44002, &deb, "deb.debian.org");
	dns_exchange(c, &linux_pc, 44003, &resolver, 0xdeb2, "kaspersky.com.evil.example", T_A, 3,
	             NULL, 0);
	cap_write_pcap(c);
}

/* ------------------------------------------------------------------------------------------ */
/* Link-layer variants: the same small payload (a SADP reply and an HTTP Server response) */

static void link_payload(struct cap *c, int fam)
{
	struct buf b;
	sadp_reply(&b, HIK_MODEL, HIK_SERIAL, "4c-bd-8f-12-34-56", "10.20.0.11");
	if (fam == 4)
		udp_buf(c, 4, &cam, 37020, &g_ssdp, 37020, &b);
	else
		udp_buf(c, 6, &cam, 37020, &ws, 37020, &b);
	cap_wait(c, 20000);
	http_response(&b, "200 OK", "Server: App-webs/\r\nContent-Type: text/html\r\n",
	              "<html><head><title>Index</title></head></html>\n");
	http_exchange(c, fam, &ws, fam == 4 ? 49700 : 49701, &cam, 80,
	              "GET / HTTP/1.1\r\nHost: 10.20.0.11\r\nUser-Agent: curl/7.88.1\r\n"
	              "Accept: */*\r\n\r\n",
	              &b, 1460);
}

static void fx_link(struct cap *c, const char *name, enum link l)
{
	cap_init(c, name, l);
	c->me = ws.mac;
	link_payload(c, 4);
	cap_write_pcap(c);
}

static void fx_link_raw(struct cap *c)
{
	struct buf b;
	cap_init(c, "link-raw.pcap", L_RAW);
	link_payload(c, 4);
	/* IPv6: the SADP reply again behind hop-by-hop and destination-options headers, then the
	 * HTTP exchange over IPv6. */
	sadp_reply(&b, HIK_MODEL, HIK_SERIAL, "4c-bd-8f-12-34-56", "10.20.0.11");
	c->v6ext = 1;
	udp_buf(c, 6, &cam, 37020, &ws, 37020, &b);
	c->v6ext = 0;
	cap_wait(c, 20000);
	http_response(&b, "200 OK", "Server: App-webs/\r\nContent-Type: text/html\r\n",
	              "<html><head><title>Index</title></head></html>\n");
	http_exchange(c, 6, &ws, 49701, &cam, 80,
	              "GET / HTTP/1.1\r\nHost: [2001:db8:20::11]\r\nUser-Agent: curl/7.88.1\r\n"
	              "Accept: */*\r\n\r\n",
	              &b, 1460);
	cap_write_pcap(c);
}

static void fx_link_80211(struct cap *c)
{
	cap_init(c, "link-80211.pcap", L_WIFI);
	dji_frames(c);
	cap_write_pcap(c);
}

/* ------------------------------------------------------------------------------------------ */
/* pcapng and the hostile files */

static void fx_pcapng(const struct cap *hik)
{
	struct buf *b = xmalloc(sizeof *b);
	size_t *offs = xmalloc(hik->nr * sizeof *offs);
	struct cap c = *hik; /* shares the records; only the first gets a comment */
	struct rec *r = xmalloc(hik->nr * sizeof *r);
	memcpy(r, hik->r, hik->nr * sizeof *r);
	r[0].comment = "bansweep fixture: the packets of hikvision.pcap";
	c.r = r;
	b->n = 0;
	cap_to_pcapng(&c, b, offs);
	write_file("link-pcapng.pcapng", b);
	manifest("link-pcapng.pcapng", hik->nr, "pcapng, hikvision.pcap's packets");

	/* Cut in the middle of the 5th EPB's packet data. */
	size_t cut = offs[4] + 28 + hik->r[4].n / 2;
	b->n = cut;
	write_file("trunc.pcapng", b);
	printf("    trunc.pcapng: EPB 5 at offset %zu (total length %zu), file ends at %zu\n",
	       offs[4], offs[5] - offs[4], cut);
	manifest("trunc.pcapng", 4, "pcapng cut inside the 5th EPB");

	/* SHB, IDB, a good EPB (the SADP reply), then an EPB whose total length (0x4d) is neither
	 * a multiple of 4 nor consistent with its trailing copy. */
	size_t epb0 = offs[0];
	size_t sadp_at = offs[3], sadp_len = offs[4] - offs[3];
	struct buf *h = xmalloc(sizeof *h);
	h->n = 0;
	putmem(h, b->b, epb0); /* SHB + IDB */
	putmem(h, b->b + sadp_at, sadp_len);
	size_t bad = h->n;
	putle32(h, 6);
	putle32(h, 0x4d);
	putle32(h, 0);
	putzero(h, 64);
	write_file("badblock.pcapng", h);
	printf(
	    "    badblock.pcapng: good EPB at %zu, bad EPB at offset %zu (length field at %zu)\n",
	    epb0, bad, bad + 4);
	manifest("badblock.pcapng", 2, "pcapng EPB with a bad block length");
	free(h);
	free(r);
	free(offs);
	free(b);
}

static void fx_hostile(const struct cap *hik)
{
	struct buf *b = xmalloc(sizeof *b);
	const struct rec *sadp = &hik->r[3]; /* the SADP reply: a finding on its own */
	char p[4096];

	/* trunc-mid.pcap: hikvision.pcap (as libpcap wrote it) cut in the 5th packet's data. */
	path_of(p, sizeof p, "hikvision.pcap");
	FILE *f = fopen(p, "rb");
	if (!f)
		die("%s: %s", p, strerror(errno));
	b->n = fread(b->b, 1, BUF_CAP, f);
	fclose(f);
	size_t off = 24;
	for (size_t i = 0; i < 4; i++)
		off += 16 + hik->r[i].n;
	size_t cut = off + 16 + hik->r[4].n / 2;
	if (cut > b->n)
		die("hikvision.pcap shorter than expected");
	b->n = cut;
	write_file("trunc-mid.pcap", b);
	printf("    trunc-mid.pcap: record 5 at offset %zu claims %zu bytes, file ends at %zu\n",
	       off, hik->r[4].n, cut);
	manifest("trunc-mid.pcap", 5, "hikvision.pcap cut inside packet 5");

	/* badlen.pcap: a good record, then caplen 70000 > snaplen 65535 and > the bytes left. */
	b->n = 0;
	pcap_ghdr(b, 0xa1b2c3d4, 65535, 1);
	pcap_rec(b, sadp);
	size_t at = b->n;
	pcap_rhdr(b, sadp->ts + 1000, 70000, 70000);
	putmem(b, sadp->d, 100);
	write_file("badlen.pcap", b);
	printf("    badlen.pcap: bad record header at offset %zu (caplen at %zu)\n", at, at + 8);
	manifest("badlen.pcap", 2, "caplen 70000 > snaplen and > bytes left");

	/* badlink.pcap: link type 0xFFFF (offset 20), then a good record. */
	b->n = 0;
	pcap_ghdr(b, 0xa1b2c3d4, 65535, 0xffff);
	pcap_rec(b, sadp);
	write_file("badlink.pcap", b);
	manifest("badlink.pcap", 1, "link type 65535 at offset 20");

	b->n = 0;
	write_file("empty.pcap", b);
	manifest("empty.pcap", 0, "zero-length file");

	pcap_ghdr(b, 0xa1b2c3d4, 65535, 1);
	write_file("header-only.pcap", b);
	manifest("header-only.pcap", 0, "global header, no records");

	/* huge.pcap: a good record, then a record claiming caplen and len 0x7FFFFFFF. */
	b->n = 0;
	pcap_ghdr(b, 0xa1b2c3d4, 65535, 1);
	pcap_rec(b, sadp);
	at = b->n;
	pcap_rhdr(b, sadp->ts + 1000, 0x7fffffff, 0x7fffffff);
	putmem(b, sadp->d, 64);
	write_file("huge.pcap", b);
	printf("    huge.pcap: record claiming 0x7FFFFFFF bytes at offset %zu\n", at);
	manifest("huge.pcap", 2, "caplen 0x7FFFFFFF");

	/* zero-caplen.pcap: two records with caplen 0 (len 60), then the good record. */
	b->n = 0;
	pcap_ghdr(b, 0xa1b2c3d4, 65535, 1);
	pcap_rhdr(b, sadp->ts - 2000, 0, 60);
	pcap_rhdr(b, sadp->ts - 1000, 0, 60);
	at = b->n;
	pcap_rec(b, sadp);
	write_file("zero-caplen.pcap", b);
	printf("    zero-caplen.pcap: records with caplen 0 at 24 and 40; good record at %zu\n",
	       at);
	manifest("zero-caplen.pcap", 3, "two caplen-0 records, then a good one");

	/* garbage.pcap: a valid header, then 512 pseudo-random bytes. */
	b->n = 0;
	pcap_ghdr(b, 0xa1b2c3d4, 65535, 1);
	need(b, 512);
	rnd_bytes(b->b + b->n, 512);
	b->n += 512;
	printf("    garbage.pcap: first \"record\" at 24 claims caplen %u\n",
	       (unsigned)b->b[32] | (unsigned)b->b[33] << 8 | (unsigned)b->b[34] << 16 |
	           (unsigned)b->b[35] << 24);
	write_file("garbage.pcap", b);
	manifest("garbage.pcap", 0, "valid header, 512 random bytes");

	/* bad-magic.pcap: magic 0xDEADBEEF, otherwise a valid file. */
	b->n = 0;
	pcap_ghdr(b, 0xdeadbeef, 65535, 1);
	pcap_rec(b, sadp);
	write_file("bad-magic.pcap", b);
	manifest("bad-magic.pcap", 1, "magic 0xDEADBEEF at offset 0");
	free(b);
}

/* ------------------------------------------------------------------------------------------ */

static void mkdirs(const char *dir)
{
	char p[4096];
	int k = snprintf(p, sizeof p, "%s", dir);
	if (k < 0 || (size_t)k >= sizeof p)
		die("path too long");
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die("mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		die("mkdir %s: %s", p, strerror(errno));
}

typedef void (*fixture_fn)(struct cap *);

int main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr,
		        "usage: pcapgen OUTDIR\n"
		        "writes bansweep's capture fixtures (tests/fixtures/pcap/README.md)\n");
		return 2;
	}
	g_outdir = argv[1];
	mkdirs(g_outdir);
	hosts_init();

	static const struct {
		fixture_fn fn;
		const char *note;
	} vendor[] = {
	    {fx_dahua, "Dahua: DHIP, HTTP cookie/magicBox, TLS certificate"},
	    {fx_huawei, "Huawei: SNMP, SSH, DHCP, DHCPv6, SSDP"},
	    {fx_zte, "ZTE: HTTP 401 realm, telnet, FTP, SNMP"},
	    {fx_kaspersky, "Kaspersky: DNS, TLS SNI, flow to answered address, HTTP Host"},
	    {fx_dji, "DJI: radiotap beacons/probe response, DroneID element"},
	    {fx_dji_app, "DJI: phone app DNS and TLS SNI"},
	    {fx_hytera, "Hytera: SNMP"},
	    {fx_autel, "Autel: DNS and TLS SNI"},
	    {fx_carriers, "carriers: DNS"},
	    {fx_relabel, "ANNKE relabel of a Hikvision camera"},
	    {fx_clean, "no finding: Cisco, Axis, Debian laptop, look-alikes"},
	    {fx_link_raw, "raw IPv4 + IPv6 (extension headers)"},
	    {fx_link_80211, "bare 802.11 (no radiotap)"},
	};

	/* hikvision.pcap first: the pcapng and hostile files reuse its packets. */
	struct cap hik;
	fx_hikvision(&hik);
	manifest(hik.name, hik.nr, "Hikvision: ARP, SADP, WS-Discovery, HTTP/ISAPI, RTSP, mDNS");
	for (size_t i = 0; i < sizeof vendor / sizeof vendor[0]; i++) {
		struct cap c;
		vendor[i].fn(&c);
		manifest(c.name, c.nr, vendor[i].note);
		cap_free(&c);
	}
	static const struct {
		const char *name;
		enum link l;
		const char *note;
	} links[] = {
	    {"link-vlan.pcap", L_VLAN, "802.1Q VLAN 100"},
	    {"link-qinq.pcap", L_QINQ, "802.1ad VLAN 200 + 802.1Q VLAN 100"},
	    {"link-sll.pcap", L_SLL, "LINKTYPE_LINUX_SLL"},
	    {"link-sll2.pcap", L_SLL2, "LINKTYPE_LINUX_SLL2"},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		struct cap c;
		fx_link(&c, links[i].name, links[i].l);
		manifest(c.name, c.nr, links[i].note);
		cap_free(&c);
	}
	fx_pcapng(&hik);
	fx_hostile(&hik);
	cap_free(&hik);
	/* Files added later come last: the PRNG stream (TCP sequence numbers, garbage.pcap) of
	 * the files above stays as their golden outputs know it. */
	static const struct {
		fixture_fn fn;
		const char *note;
	} later[] = {
	    {fx_onvif, "ONVIF GetDeviceInformation: Dahua camera (fault, answer), Axis camera"},
	    {fx_upnp, "UPnP: SSDP search, Huawei gateway and Synology NAS descriptions"},
	};
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
		struct cap c;
		later[i].fn(&c);
		manifest(c.name, c.nr, later[i].note);
		cap_free(&c);
	}
	return 0;
}
