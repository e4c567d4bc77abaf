/* Host discovery: ARP on the attached segments, ICMP echo for the other IPv4 targets (see
 * discover.h). One small poll loop, run before the probes: it is a few frames per host, paced by
 * a token bucket, with a wait for late answers after each round. */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if_arp.h>
#include <linux/if_ether.h>
#include <netpacket/packet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/discover.h"
#include "probe/discover6.h"
#include "util/banned.h"

/* Per address: not asked yet, asked, answered. */
enum { A_NEW, A_ASKED, A_FOUND };

struct list {
	uint32_t *a; /* host order, ascending */
	uint8_t *st;
	size_t n, cap;
};

struct seg {
	struct segment s;
	unsigned flags;
	int arp_ok; /* Ethernet-like, ARP on */
	int fd;
	struct list l;
};

struct discover {
	struct seg *seg;
	size_t nseg;
	struct segment *pub;
	struct list rem; /* IPv4 targets for ICMP */
	int icmp_fd, icmp_raw;
	uint16_t id;
	unsigned methods;
	char notes[512];
	uint64_t sent, found;
	struct disc6 *d6; /* the IPv6 targets */
};

static volatile sig_atomic_t stopping;

void discover_interrupt(void)
{
	stopping = 1;
}

static const uint8_t magic[8] = {'b', 'a', 'n', 's', 'w', 'e', 'e', 'p'};

static void note(struct discover *d, const char *s)
{
	size_t l = strlen(d->notes);
	snprintf(d->notes + l, sizeof(d->notes) - l, "%s%s", l ? "; " : "", s);
}

static void push(struct list *l, uint32_t a)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->a = xrealloc(l->a, l->cap * sizeof(*l->a));
	}
	l->a[l->n++] = a;
}

static long find(const struct list *l, uint32_t a)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (l->a[m] < a)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < l->n && l->a[lo] == a ? (long)lo : -1;
}

static uint32_t be32(const uint8_t b[4])
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put32(uint8_t b[4], uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/* ---- segments ---- */

static int list_segments(struct discover *d, struct bs_err *e)
{
	struct ifaddrs *ifs, *i;
	if (getifaddrs(&ifs) < 0)
		return bs_fail(e, "cannot list the network interfaces: %s", strerror(errno));
	for (i = ifs; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !i->ifa_netmask ||
		    !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		d->seg = xrealloc(d->seg, (d->nseg + 1) * sizeof(*d->seg));
		struct seg *s = &d->seg[d->nseg++];
		memset(s, 0, sizeof(*s));
		s->fd = -1;
		s->flags = i->ifa_flags;
		bs_strlcpy(s->s.name, i->ifa_name, sizeof(s->s.name));
		s->s.ifindex = if_nametoindex(i->ifa_name);
		memcpy(s->s.ip, &((const struct sockaddr_in *)i->ifa_addr)->sin_addr, 4);
		memcpy(s->s.mask, &((const struct sockaddr_in *)i->ifa_netmask)->sin_addr, 4);
	}
	/* The link-layer entries give the MAC and the hardware type. */
	for (i = ifs; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_PACKET)
			continue;
		const struct sockaddr_ll *ll = (const struct sockaddr_ll *)i->ifa_addr;
		for (size_t k = 0; k < d->nseg; k++)
			if (!strcmp(d->seg[k].s.name, i->ifa_name) && ll->sll_halen == 6) {
				memcpy(d->seg[k].s.mac, ll->sll_addr, 6);
				d->seg[k].s.has_mac = 1;
				d->seg[k].arp_ok = ll->sll_hatype == ARPHRD_ETHER &&
				                   !(d->seg[k].flags & IFF_NOARP);
			}
	}
	d->d6 = disc6_new(ifs);
	freeifaddrs(ifs);
	return 0;
}

static int classify(void *ctx, const struct addr *a)
{
	struct discover *d = ctx;
	if (a->fam == 6)
		disc6_classify(d->d6, a);
	if (a->fam != 4)
		return 0;
	uint32_t v = be32(a->b);
	for (size_t k = 0; k < d->nseg; k++) {
		struct seg *s = &d->seg[k];
		uint32_t ip = be32(s->s.ip), m = be32(s->s.mask);
		if ((v & m) != (ip & m))
			continue;
		if (v == ip)
			return 0; /* this machine */
		if (m < 0xfffffffeu && ((v & ~m) == 0 || (v & ~m) == ~m))
			return 0; /* the subnet's network and broadcast addresses */
		push(&s->l, v);
		return 0;
	}
	push(&d->rem, v);
	return 0;
}

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* ---- sockets ---- */

static void open_arp(struct discover *d)
{
	int denied = 0, moved = 0;
	for (size_t k = 0; k < d->nseg; k++) {
		struct seg *s = &d->seg[k];
		if (!s->l.n)
			continue;
		if (s->arp_ok) {
			s->fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			               htons(ETH_P_ARP));
			struct sockaddr_ll ll;
			memset(&ll, 0, sizeof(ll));
			ll.sll_family = AF_PACKET;
			ll.sll_protocol = htons(ETH_P_ARP);
			ll.sll_ifindex = (int)s->s.ifindex;
			if (s->fd >= 0 && bind(s->fd, (struct sockaddr *)&ll, sizeof(ll)) < 0) {
				close(s->fd);
				s->fd = -1;
			}
			if (s->fd < 0)
				denied |= errno == EPERM || errno == EACCES;
		}
		if (s->fd >= 0)
			continue;
		/* No ARP here: its targets are asked by ICMP (and the TCP probes) instead. */
		for (size_t i = 0; i < s->l.n; i++)
			push(&d->rem, s->l.a[i]);
		moved = 1;
	}
	if (denied)
		note(d, "ARP discovery needs root or CAP_NET_RAW");
	if (moved)
		qsort(d->rem.a, d->rem.n, sizeof(*d->rem.a), u32_cmp);
}

static void open_icmp(struct discover *d)
{
	/* A ping socket first: the kernel keeps other processes' echo replies away from it. */
	d->icmp_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (d->icmp_fd < 0) {
		d->icmp_fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
		d->icmp_raw = d->icmp_fd >= 0;
	}
	if (d->icmp_fd < 0)
		note(d, "ICMP echo needs root, CAP_NET_RAW or net.ipv4.ping_group_range");
}

struct discover *discover_open(struct targets *t, unsigned methods, struct bs_err *e)
{
	struct discover *d = xcalloc(1, sizeof(*d));
	d->icmp_fd = -1;
	if (list_segments(d, e) < 0) {
		free(d);
		return NULL;
	}
	targets_each(t, classify, d);
	if (methods & DISC_ARP)
		open_arp(d);
	else
		for (size_t k = 0; k < d->nseg; k++)
			for (size_t i = 0; i < d->seg[k].l.n; i++)
				push(&d->rem, d->seg[k].l.a[i]);
	if (!(methods & DISC_ARP) && d->rem.n) /* qsort's array may not be NULL, even empty */
		qsort(d->rem.a, d->rem.n, sizeof(*d->rem.a), u32_cmp);
	if ((methods & DISC_ICMP) && d->rem.n)
		open_icmp(d);
	d->id = (uint16_t)(getpid() ^ (unsigned)time(NULL));
	for (size_t k = 0; k < d->nseg; k++) {
		struct seg *s = &d->seg[k];
		s->s.ntargets = s->l.n;
		if (s->fd >= 0) {
			d->methods |= DISC_ARP;
			s->l.st = xcalloc(s->l.n, 1);
		}
	}
	if (d->icmp_fd >= 0) {
		d->methods |= DISC_ICMP;
		d->rem.st = xcalloc(d->rem.n, 1);
	}
	d->methods |= disc6_open(d->d6, methods, d->notes, sizeof(d->notes));
	d->pub = xcalloc(d->nseg + 1, sizeof(*d->pub));
	size_t np = 0;
	for (size_t k = 0; k < d->nseg; k++)
		if (d->seg[k].l.n)
			d->pub[np++] = d->seg[k].s;
	d->pub[np].ifindex = 0;
	d->pub[np].name[0] = 0;
	stopping = 0;
	return d;
}

void discover_free(struct discover *d)
{
	if (!d)
		return;
	for (size_t k = 0; k < d->nseg; k++) {
		if (d->seg[k].fd >= 0)
			close(d->seg[k].fd);
		free(d->seg[k].l.a);
		free(d->seg[k].l.st);
	}
	if (d->icmp_fd >= 0)
		close(d->icmp_fd);
	disc6_free(d->d6);
	free(d->rem.a);
	free(d->rem.st);
	free(d->seg);
	free(d->pub);
	free(d);
}

unsigned discover_methods(const struct discover *d)
{
	return d->methods;
}

const char *discover_notes(const struct discover *d)
{
	return d->notes;
}

size_t discover_segments(const struct discover *d, const struct segment **out)
{
	size_t n = 0;
	while (d->pub[n].ifindex)
		n++;
	*out = d->pub;
	return n;
}

int discover_arp_covers(const struct discover *d, const struct addr *a)
{
	if (a->fam == 6)
		return disc6_covers(d->d6, a);
	if (a->fam != 4)
		return 0;
	uint32_t v = be32(a->b);
	for (size_t k = 0; k < d->nseg; k++) {
		const struct seg *s = &d->seg[k];
		uint32_t ip = be32(s->s.ip), m = be32(s->s.mask);
		if (s->fd < 0 || (v & m) != (ip & m))
			continue;
		if (v == ip)
			return 0; /* this machine: the probes may ask it like any other */
		long i = find(&s->l, v);
		/* The subnet's network and broadcast addresses are not hosts. */
		return i >= 0 ? s->l.st[i] != A_NEW : 1;
	}
	return 0;
}

/* ---- parsing what comes back ---- */

int discover_parse_arp(const uint8_t *p, size_t n, uint8_t spa[4], uint8_t sha[6])
{
	/* RFC 826 for Ethernet and IPv4: htype 1, ptype 0x0800, hlen 6, plen 4, op 1 or 2. */
	if (n < 28 || p[0] != 0 || p[1] != 1 || p[2] != 8 || p[3] != 0 || p[4] != 6 || p[5] != 4 ||
	    p[6] != 0 || (p[7] != 1 && p[7] != 2))
		return 0;
	if (!p[14] && !p[15] && !p[16] && !p[17])
		return 0;
	memcpy(sha, p + 8, 6);
	memcpy(spa, p + 14, 4);
	return 1;
}

int discover_parse_echo(const uint8_t *p, size_t n, int with_ip, uint16_t id, int check_id)
{
	if (with_ip) {
		if (n < 20 || p[0] >> 4 != 4)
			return 0;
		size_t hl = (size_t)(p[0] & 15) * 4;
		if (hl < 20 || hl > n)
			return 0;
		p += hl;
		n -= hl;
	}
	if (n < 8 + sizeof(magic) || p[0] != 0 || p[1] != 0)
		return 0;
	if (check_id && ((uint16_t)(p[4] << 8 | p[5])) != id)
		return 0;
	return memcmp(p + 8, magic, sizeof(magic)) == 0;
}

/* ---- the sweep ---- */

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct run {
	struct discover *d;
	discover_found_fn found;
	discover_tick_fn tick;
	void *ctx;
	uint64_t last_tick;
	struct disc6_cb cb6;
};

static void mark(struct run *r, struct list *l, long i, const uint8_t *mac, unsigned how)
{
	if (i < 0 || l->st[i] == A_FOUND)
		return;
	l->st[i] = A_FOUND;
	r->d->found++;
	struct addr a;
	memset(&a, 0, sizeof(a));
	a.fam = 4;
	put32(a.b, l->a[i]);
	r->found(r->ctx, &a, mac, how);
}

static void read_arp(struct run *r, struct seg *s)
{
	uint8_t b[256], spa[4], sha[6];
	ssize_t n;
	while ((n = recv(s->fd, b, sizeof(b), 0)) > 0)
		if (discover_parse_arp(b, (size_t)n, spa, sha))
			mark(r, &s->l, find(&s->l, be32(spa)), sha, DISC_ARP);
}

static void read_icmp(struct run *r)
{
	struct discover *d = r->d;
	uint8_t b[1500];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	ssize_t n;
	while ((n = recvfrom(d->icmp_fd, b, sizeof(b), 0, (struct sockaddr *)&from, &fl)) > 0) {
		fl = sizeof(from);
		if (from.sin_family != AF_INET ||
		    !discover_parse_echo(b, (size_t)n, d->icmp_raw, d->id, d->icmp_raw))
			continue;
		mark(r, &d->rem, find(&d->rem, ntohl(from.sin_addr.s_addr)), NULL, DISC_ICMP);
	}
}

/* Waits for answers until the monotonic time `until` (ns), reading whatever comes. */
static void pump(struct run *r, uint64_t until)
{
	struct discover *d = r->d;
	struct pollfd pf[64];
	struct seg *ps[64];
	for (;;) {
		uint64_t t = now_ns();
		if (r->tick && t - r->last_tick >= 1000000000u) {
			r->last_tick = t;
			r->tick(r->ctx, d->sent, d->found);
		}
		if (t >= until || stopping)
			return;
		nfds_t nf = 0;
		for (size_t k = 0; k < d->nseg && nf < 63; k++)
			if (d->seg[k].fd >= 0) {
				ps[nf] = &d->seg[k];
				pf[nf].fd = d->seg[k].fd;
				pf[nf++].events = POLLIN;
			}
		if (d->icmp_fd >= 0) {
			ps[nf] = NULL;
			pf[nf].fd = d->icmp_fd;
			pf[nf++].events = POLLIN;
		}
		nfds_t n4 = nf;
		nf += disc6_pollfds(d->d6, pf + nf, 64 - nf);
		uint64_t w = until - t;
		struct timespec ts = {(time_t)(w / 1000000000u), (long)(w % 1000000000u)};
		if (ppoll(pf, nf, &ts, NULL) <= 0)
			continue;
		for (nfds_t i = 0; i < nf; i++) {
			if (!pf[i].revents)
				continue;
			if (i >= n4)
				d->found += disc6_read(d->d6, pf[i].fd, &r->cb6);
			else if (ps[i])
				read_arp(r, ps[i]);
			else
				read_icmp(r);
		}
	}
}

static void send_arp(struct discover *d, struct seg *s, uint32_t target)
{
	uint8_t f[28] = {0, 1, 8, 0, 6, 4, 0, 1};
	memcpy(f + 8, s->s.mac, 6);
	memcpy(f + 14, s->s.ip, 4);
	put32(f + 24, target);
	struct sockaddr_ll ll;
	memset(&ll, 0, sizeof(ll));
	ll.sll_family = AF_PACKET;
	ll.sll_protocol = htons(ETH_P_ARP);
	ll.sll_ifindex = (int)s->s.ifindex;
	ll.sll_halen = 6;
	memset(ll.sll_addr, 0xff, 6);
	if (sendto(s->fd, f, sizeof(f), 0, (struct sockaddr *)&ll, sizeof(ll)) > 0)
		d->sent++;
}

static void send_echo(struct discover *d, uint32_t target, uint16_t seq)
{
	uint8_t m[8 + sizeof(magic)] = {8, 0, 0, 0};
	m[4] = (uint8_t)(d->id >> 8);
	m[5] = (uint8_t)d->id;
	m[6] = (uint8_t)(seq >> 8);
	m[7] = (uint8_t)seq;
	memcpy(m + 8, magic, sizeof(magic));
	uint32_t sum = 0;
	for (size_t i = 0; i < sizeof(m); i += 2)
		sum += (uint32_t)m[i] << 8 | m[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	m[2] = (uint8_t)(~sum >> 8);
	m[3] = (uint8_t)~sum;
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(target);
	if (sendto(d->icmp_fd, m, sizeof(m), 0, (struct sockaddr *)&sin, sizeof(sin)) > 0)
		d->sent++;
}

struct pace {
	uint64_t t0, gap_ns, burst, n;
};

/* Waits (reading answers) until the next request may go. */
static void pace(struct run *r, struct pace *p)
{
	if (p->n >= p->burst)
		pump(r, p->t0 + (p->n - p->burst + 1) * p->gap_ns);
	p->n++;
}

int discover_run(struct discover *d, double rate, unsigned wait_ms, unsigned retries,
                 discover_found_fn found, discover_tick_fn tick, void *ctx, struct bs_err *e)
{
	(void)e;
	struct run r = {d, found, tick, ctx, now_ns(), {found, ctx}};
	if (rate <= 0)
		rate = 1000;
	for (unsigned round = 0; round <= retries && !stopping; round++) {
		struct pace p = {now_ns(), (uint64_t)(1e9 / rate), (uint64_t)(rate / 100) + 1, 0};
		size_t asked = 0;
		for (size_t k = 0; k < d->nseg && !stopping; k++) {
			struct seg *s = &d->seg[k];
			for (size_t i = 0; s->fd >= 0 && i < s->l.n && !stopping; i++)
				if (s->l.st[i] != A_FOUND) {
					pace(&r, &p);
					s->l.st[i] = A_ASKED;
					send_arp(d, s, s->l.a[i]);
					asked++;
				}
		}
		for (size_t i = 0; d->icmp_fd >= 0 && i < d->rem.n && !stopping; i++)
			if (d->rem.st[i] != A_FOUND) {
				pace(&r, &p);
				d->rem.st[i] = A_ASKED;
				send_echo(d, d->rem.a[i], (uint16_t)round);
				asked++;
			}
		for (size_t i = 0; i < disc6_count(d->d6) && !stopping; i++)
			if (disc6_pending(d->d6, i)) {
				pace(&r, &p);
				d->sent += (uint64_t)disc6_ask(d->d6, i, (uint16_t)round);
				asked++;
			}
		if (!asked)
			break;
		pump(&r, now_ns() + (uint64_t)wait_ms * 1000000u);
	}
	if (tick)
		tick(ctx, d->sent, d->found);
	return stopping ? 1 : 0;
}
