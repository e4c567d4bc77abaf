/* Writes a large classic pcap of mixed traffic for the passive benchmark:
 *   bench_pcapgen FILE MEGABYTES [HOSTS]
 * Thousands of hosts on one Ethernet segment (MACs from covered vendors' blocks and others)
 * doing what hosts do: ARP, DHCP, DNS look-ups and answers, TLS ClientHellos with server names,
 * HTTP requests and responses, SSDP announcements, and bulk TCP transfers (most of the bytes).
 * Sessions repeat over the same host population, each host talking to its own few names, so a
 * larger file has more of the same traffic, not more hosts or facts: memory should not grow with
 * the file. Deterministic (fixed seed). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

static FILE *out;
static uint64_t written, ts_us = 1763800000ULL * 1000000ULL;
static uint8_t frame[1600];

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* pcap headers are in the writer's byte order */
}

static void emit(size_t len)
{
	uint8_t h[16];
	ts_us += 50 + rnd() % 200;
	put32(h, (uint32_t)(ts_us / 1000000));
	put32(h + 4, (uint32_t)(ts_us % 1000000));
	put32(h + 8, (uint32_t)len);
	put32(h + 12, (uint32_t)len);
	fwrite(h, 1, 16, out);
	fwrite(frame, 1, len, out);
	written += 16 + len;
}

static const uint8_t ouis[][3] = {
    {0x4C, 0xBD, 0x8F}, {0xBC, 0xAD, 0x28}, {0xE0, 0x50, 0x8B}, {0x00, 0xE0, 0xFC},
    {0x00, 0x19, 0xC6}, {0x60, 0x60, 0x1F}, {0x00, 0x00, 0x0C}, {0x00, 0x40, 0x8C},
    {0x3C, 0x5A, 0xB4}, {0xF0, 0x9F, 0xC2}, {0x00, 0x50, 0x56}, {0xDC, 0xA6, 0x32},
    {0xB8, 0x27, 0xEB}, {0x00, 0x1B, 0x21}, {0xA4, 0x83, 0xE7}, {0x28, 0x6F, 0xB9},
};
#define NOUI (sizeof(ouis) / sizeof(*ouis))
static const uint8_t router_mac[6] = {0x00, 0x00, 0x0C, 0x9F, 0xF0, 0x01};
static const uint8_t server_mac[6] = {0x00, 0x50, 0x56, 0x01, 0x02, 0x03};

static void host_mac(uint32_t h, uint8_t *m)
{
	memcpy(m, ouis[h % NOUI], 3);
	m[3] = (uint8_t)(h >> 16);
	m[4] = (uint8_t)(h >> 8);
	m[5] = (uint8_t)h;
}

static uint32_t host_ip(uint32_t h)
{
	return 0x0A000000u | (h & 0xFFFFFF);
}

static uint16_t csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Ethernet + IPv4 headers; returns the offset of the transport header. */
static size_t eth_ip(const uint8_t *smac, const uint8_t *dmac, uint32_t sip, uint32_t dip,
                     uint8_t proto, size_t l4len)
{
	memcpy(frame, dmac, 6);
	memcpy(frame + 6, smac, 6);
	frame[12] = 0x08;
	frame[13] = 0x00;
	uint8_t *ip = frame + 14;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	uint16_t tot = (uint16_t)(20 + l4len);
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[8] = 64;
	ip[9] = proto;
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = (uint8_t)(sip >> (24 - 8 * i));
		ip[16 + i] = (uint8_t)(dip >> (24 - 8 * i));
	}
	uint16_t c = csum(ip, 20);
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	return 34;
}

static void udp(const uint8_t *smac, const uint8_t *dmac, uint32_t sip, uint32_t dip, uint16_t sp,
                uint16_t dp, const uint8_t *data, size_t n)
{
	size_t o = eth_ip(smac, dmac, sip, dip, 17, 8 + n);
	uint8_t *u = frame + o;
	u[0] = (uint8_t)(sp >> 8), u[1] = (uint8_t)sp, u[2] = (uint8_t)(dp >> 8),
	u[3] = (uint8_t)dp;
	u[4] = (uint8_t)((8 + n) >> 8), u[5] = (uint8_t)(8 + n), u[6] = u[7] = 0;
	memcpy(u + 8, data, n);
	emit(o + 8 + n);
}

static void tcp(const uint8_t *smac, const uint8_t *dmac, uint32_t sip, uint32_t dip, uint16_t sp,
                uint16_t dp, uint32_t seq, uint8_t flags, const uint8_t *data, size_t n)
{
	size_t o = eth_ip(smac, dmac, sip, dip, 6, 20 + n);
	uint8_t *t = frame + o;
	memset(t, 0, 20);
	t[0] = (uint8_t)(sp >> 8), t[1] = (uint8_t)sp, t[2] = (uint8_t)(dp >> 8),
	t[3] = (uint8_t)dp;
	t[4] = (uint8_t)(seq >> 24), t[5] = (uint8_t)(seq >> 16), t[6] = (uint8_t)(seq >> 8);
	t[7] = (uint8_t)seq;
	t[12] = 0x50;
	t[13] = flags;
	t[14] = 0xff, t[15] = 0xff;
	if (n)
		memcpy(t + 20, data, n);
	emit(o + 20 + n);
}

static size_t dns_name(uint8_t *p, const char *name)
{
	size_t o = 0;
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t l = dot ? (size_t)(dot - name) : strlen(name);
		p[o++] = (uint8_t)l;
		memcpy(p + o, name, l);
		o += l;
		name += l + (dot ? 1 : 0);
	}
	p[o++] = 0;
	return o;
}

static const char *const names[] = {
    "www.example.com",           "dnl-05.geo.kaspersky.com", "api.github.com",
    "ocsp.digicert.com",         "hik-connect.com",          "mydjiflight.dji.com",
    "login.microsoftonline.com", "update.corp.local",        "cdn.jsdelivr.net",
    "easy4ipcloud.com",
};
#define NNAMES (sizeof(names) / sizeof(*names))

/* A host talks to a stable set of names, two of them; a name has one address. */
static unsigned host_name(uint32_t h)
{
	return (h + rnd() % 2) % NNAMES;
}

static uint32_t name_addr(unsigned i)
{
	return 0xC0000200u + i;
}

static void dns(uint32_t h, const char *name, uint32_t answer)
{
	uint8_t m[6], q[300];
	host_mac(h, m);
	memset(q, 0, 12);
	q[0] = (uint8_t)h, q[1] = (uint8_t)(h >> 8), q[2] = 0x01, q[5] = 1;
	size_t o = 12 + dns_name(q + 12, name);
	q[o++] = 0, q[o++] = 1, q[o++] = 0, q[o++] = 1;
	udp(m, router_mac, host_ip(h), 0x0A0000FE, (uint16_t)(40000 + h % 20000), 53, q, o);
	q[2] = 0x81, q[3] = 0x80, q[7] = 1;
	uint8_t a[] = {0xC0,
	               0x0C,
	               0,
	               1,
	               0,
	               1,
	               0,
	               0,
	               0,
	               60,
	               0,
	               4,
	               (uint8_t)(answer >> 24),
	               (uint8_t)(answer >> 16),
	               (uint8_t)(answer >> 8),
	               (uint8_t)answer};
	memcpy(q + o, a, sizeof(a));
	udp(router_mac, m, 0x0A0000FE, host_ip(h), 53, (uint16_t)(40000 + h % 20000), q,
	    o + sizeof(a));
}

static uint8_t bulk[1448];
/* The same bytes as TLS application-data records (RFC 8446 5.1), for port 443 sessions. */
static uint8_t tls_bulk[1448];

/* A TCP session: handshake, the client's first bytes, the server's, then bulk both ways. */
static void session(uint32_t h, uint32_t server, uint16_t port, const uint8_t *req, size_t rn,
                    const uint8_t *resp, size_t sn, int bulk_pkts)
{
	uint8_t m[6];
	host_mac(h, m);
	uint32_t cip = host_ip(h);
	uint16_t cp = (uint16_t)(1024 + rnd() % 60000);
	uint32_t cs = rnd(), ss = rnd();
	tcp(m, router_mac, cip, server, cp, port, cs, 0x02, NULL, 0);
	tcp(router_mac, m, server, cip, port, cp, ss, 0x12, NULL, 0);
	cs++, ss++;
	tcp(m, router_mac, cip, server, cp, port, cs, 0x18, req, rn);
	cs += (uint32_t)rn;
	tcp(router_mac, m, server, cip, port, cp, ss, 0x18, resp, sn);
	ss += (uint32_t)sn;
	for (int i = 0; i < bulk_pkts; i++) {
		tcp(router_mac, m, server, cip, port, cp, ss, 0x10, port == 443 ? tls_bulk : bulk,
		    sizeof(bulk));
		ss += sizeof(bulk);
		if (i % 8 == 7)
			tcp(m, router_mac, cip, server, cp, port, cs, 0x10, NULL, 0);
	}
	tcp(m, router_mac, cip, server, cp, port, cs, 0x11, NULL, 0);
	tcp(router_mac, m, server, cip, port, cp, ss, 0x11, NULL, 0);
}

static size_t client_hello(uint8_t *p, const char *sni)
{
	size_t nl = strlen(sni), o = 0;
	size_t ext = 9 + nl, body = 2 + 32 + 1 + 2 + 4 + 2 + 2 + ext;
	p[o++] = 0x16, p[o++] = 3, p[o++] = 1;
	p[o++] = (uint8_t)((body + 4) >> 8), p[o++] = (uint8_t)(body + 4);
	p[o++] = 1, p[o++] = 0, p[o++] = (uint8_t)(body >> 8), p[o++] = (uint8_t)body;
	p[o++] = 3, p[o++] = 3;
	memset(p + o, 0x11, 32), o += 32;
	p[o++] = 0;
	p[o++] = 0, p[o++] = 4, p[o++] = 0x13, p[o++] = 0x01, p[o++] = 0xC0, p[o++] = 0x2F;
	p[o++] = 1, p[o++] = 0;
	p[o++] = (uint8_t)(ext >> 8), p[o++] = (uint8_t)ext;
	p[o++] = 0, p[o++] = 0, p[o++] = (uint8_t)((nl + 5) >> 8), p[o++] = (uint8_t)(nl + 5);
	p[o++] = (uint8_t)((nl + 3) >> 8), p[o++] = (uint8_t)(nl + 3), p[o++] = 0;
	p[o++] = (uint8_t)(nl >> 8), p[o++] = (uint8_t)nl;
	memcpy(p + o, sni, nl);
	return o + nl;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_pcapgen FILE MEGABYTES [HOSTS]\n");
		return 2;
	}
	uint64_t target = strtoull(argv[2], NULL, 10) * 1000000ULL;
	uint32_t hosts = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 10) : 5000;
	out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	static char obuf[1 << 20];
	setvbuf(out, obuf, _IOFBF, sizeof(obuf));
	uint8_t gh[24] = {0};
	put32(gh, 0xa1b2c3d4);
	gh[4] = 2, gh[6] = 4;
	put32(gh + 16, 65535);
	put32(gh + 20, 1);
	fwrite(gh, 1, 24, out);
	for (size_t i = 0; i < sizeof(bulk); i++)
		bulk[i] = tls_bulk[i] = (uint8_t)rnd();
	tls_bulk[0] = 0x17, tls_bulk[1] = 3, tls_bulk[2] = 3;
	tls_bulk[3] = (uint8_t)((sizeof(tls_bulk) - 5) >> 8),
	tls_bulk[4] = (uint8_t)(sizeof(tls_bulk) - 5);
	uint8_t buf[1400];
	while (written < target) {
		uint32_t h = rnd() % hosts;
		uint8_t m[6];
		host_mac(h, m);
		switch (rnd() % 8) {
		case 0: { /* ARP request and reply */
			uint8_t a[28] = {0, 1, 8, 0, 6, 4, 0, 1};
			memcpy(a + 8, m, 6);
			uint32_t ip = host_ip(h);
			a[14] = (uint8_t)(ip >> 24), a[15] = (uint8_t)(ip >> 16);
			a[16] = (uint8_t)(ip >> 8), a[17] = (uint8_t)ip;
			a[24] = 10, a[27] = 254;
			memset(frame, 0xff, 6);
			memcpy(frame + 6, m, 6);
			frame[12] = 0x08, frame[13] = 0x06;
			memcpy(frame + 14, a, 28);
			emit(42);
			break;
		}
		case 1: { /* DHCP discover */
			uint8_t d[300] = {1, 1, 6, 0};
			memcpy(d + 28, m, 6);
			d[236] = 99, d[237] = 130, d[238] = 83, d[239] = 99;
			size_t o = 240;
			const uint8_t opts[] = {53,  1,   1,   55,  4,   1,   3,   6,  15, 12,
			                        6,   'h', 'o', 's', 't', '-', '1', 60, 8,  'M',
			                        'S', 'F', 'T', ' ', '5', '.', '0', 255};
			memcpy(d + o, opts, sizeof(opts));
			static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
			udp(m, bcast, 0, 0xFFFFFFFF, 68, 67, d, o + sizeof(opts));
			break;
		}
		case 2: {
			unsigned k = host_name(h);
			dns(h, names[k], name_addr(k));
			break;
		} break;
		case 3: { /* TLS with a server name, then encrypted bulk */
			unsigned k = host_name(h);
			size_t n = client_hello(buf, names[k]);
			/* ServerHello: version, random, empty session id, cipher, null compression
			 */
			uint8_t sh[47] = {0x16, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3};
			memset(sh + 11, 0x22, 32);
			sh[43] = 0, sh[44] = 0xC0, sh[45] = 0x2F, sh[46] = 0;
			session(h, name_addr(k), 443, buf, n, sh, sizeof(sh),
			        (int)(4 + rnd() % 24));
			break;
		}
		case 4: { /* HTTP */
			unsigned nk = host_name(h);
			int k = snprintf((char *)buf, sizeof(buf),
			                 "GET /index.html HTTP/1.1\r\nHost: %s\r\nUser-Agent: "
			                 "Mozilla/5.0 (X11; Linux x86_64)\r\n\r\n",
			                 names[nk]);
			static const char resp[] =
			    "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n"
			    "Content-Type: text/html\r\nContent-Length: 30000\r\n"
			    "\r\n<html><head><title>Welcome</title></head>";
			session(h, name_addr(nk), 80, buf, (size_t)k, (const uint8_t *)resp,
			        sizeof(resp) - 1, (int)(2 + rnd() % 20));
			break;
		}
		case 5: { /* SSDP from a device */
			static const char n[] =
			    "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
			    "SERVER: Linux/3.10 UPnP/1.0 IpCam/1.0\r\nNTS: ssdp:alive\r\n\r\n";
			static const uint8_t mc[6] = {0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa};
			udp(m, mc, host_ip(h), 0xEFFFFFFA, 1900, 1900, (const uint8_t *)n,
			    sizeof(n) - 1);
			break;
		}
		default: /* bulk file transfer within the segment */
			session(h, 0x0A0000F0, 445, bulk, 200, bulk, 300, (int)(40 + rnd() % 80));
			(void)server_mac;
			break;
		}
	}
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "bench_pcapgen: %s: %.1f MB, %u hosts\n", argv[1], (double)written / 1e6,
	        hosts);
	return 0;
}
