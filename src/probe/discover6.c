/* IPv6 host discovery: Neighbor Solicitation on the attached prefixes, ICMPv6 echo elsewhere
 * (discover6.h). One sorted array of targets, each with the prefix it is on (or none). */
#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/rd.h"
#include "probe/discover6.h"
#include "util/banned.h"

enum { A_NEW, A_ASKED, A_FOUND };

static const uint8_t magic[8] = {'b', 'a', 'n', 's', 'w', 'e', 'e', 'p'};

struct seg6 {
	unsigned ifindex;
	uint8_t pfx[16], self[16], mac[6];
	unsigned plen;
	int has_mac;
};

struct tgt6 {
	uint8_t a[16];
	int32_t seg; /* index in segs, or -1: not on an attached prefix */
	uint8_t st;
};

struct disc6 {
	struct seg6 *segs;
	size_t nseg;
	struct tgt6 *t;
	size_t n, cap;
	int raw_fd, ping_fd;
	int ndp, echo; /* ready */
	uint16_t id;
};

static int in_prefix(const uint8_t *a, const uint8_t *pfx, unsigned plen)
{
	unsigned full = plen / 8, rest = plen % 8;
	if (memcmp(a, pfx, full))
		return 0;
	return !rest || ((a[full] ^ pfx[full]) & (0xff00u >> rest)) == 0;
}

struct disc6 *disc6_new(const struct ifaddrs *ifs)
{
	struct disc6 *d = xcalloc(1, sizeof(*d));
	d->raw_fd = d->ping_fd = -1;
	d->id = (uint16_t)(getpid() ^ (unsigned)time(NULL) ^ 0x6666);
	for (const struct ifaddrs *i = ifs; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET6 || !i->ifa_netmask ||
		    !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		const uint8_t *ip = ((const struct sockaddr_in6 *)i->ifa_addr)->sin6_addr.s6_addr;
		const uint8_t *m = ((const struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr.s6_addr;
		d->segs = xrealloc(d->segs, (d->nseg + 1) * sizeof(*d->segs));
		struct seg6 *s = &d->segs[d->nseg++];
		memset(s, 0, sizeof(*s));
		s->ifindex = if_nametoindex(i->ifa_name);
		memcpy(s->self, ip, 16);
		for (int k = 0; k < 16; k++) {
			s->pfx[k] = ip[k] & m[k];
			s->plen += (unsigned)__builtin_popcount(m[k]);
		}
		for (const struct ifaddrs *j = ifs; j; j = j->ifa_next)
			if (j->ifa_addr && j->ifa_addr->sa_family == AF_PACKET &&
			    !strcmp(j->ifa_name, i->ifa_name)) {
				const struct sockaddr_ll *ll =
				    (const struct sockaddr_ll *)j->ifa_addr;
				if (ll->sll_halen == 6) {
					memcpy(s->mac, ll->sll_addr, 6);
					s->has_mac = 1;
				}
			}
	}
	return d;
}

void disc6_free(struct disc6 *d)
{
	if (!d)
		return;
	if (d->raw_fd >= 0)
		close(d->raw_fd);
	if (d->ping_fd >= 0)
		close(d->ping_fd);
	free(d->segs);
	free(d->t);
	free(d);
}

static int32_t seg_of(const struct disc6 *d, const uint8_t *a)
{
	for (size_t k = 0; k < d->nseg; k++)
		if (in_prefix(a, d->segs[k].pfx, d->segs[k].plen))
			return (int32_t)k;
	return -1;
}

void disc6_classify(struct disc6 *d, const struct addr *a)
{
	int32_t k = seg_of(d, a->b);
	if (k >= 0) {
		const struct seg6 *s = &d->segs[k];
		if (!memcmp(a->b, s->self, 16))
			return; /* this machine */
		if (s->plen < 127 && !memcmp(a->b, s->pfx, 16))
			return; /* the Subnet-Router anycast address (RFC 4291 §2.6.1) */
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->t = xrealloc(d->t, d->cap * sizeof(*d->t));
	}
	struct tgt6 *t = &d->t[d->n++];
	memcpy(t->a, a->b, 16);
	t->seg = k;
	t->st = A_NEW;
}

static void note(char *notes, size_t cap, const char *s)
{
	size_t l = strlen(notes);
	snprintf(notes + l, cap - l, "%s%s", l ? "; " : "", s);
}

static int raw_setup(int fd)
{
	struct icmp6_filter f;
	ICMP6_FILTER_SETBLOCKALL(&f);
	ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
	ICMP6_FILTER_SETPASS(ND_NEIGHBOR_ADVERT, &f);
	/* RFC 4861 §7.1.2: a Neighbor Advertisement is valid only with hop limit 255 (it was not
	 * forwarded); solicitations must be sent with 255 too. */
	int hops = 255, one = 1;
	if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops)) < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one)) < 0)
		return -1;
	return 0;
}

unsigned disc6_open(struct disc6 *d, unsigned methods, char *notes, size_t notes_cap)
{
	if (!d->n || !(methods & (DISC_NDP | DISC_ICMP)))
		return 0;
	size_t onlink = 0;
	for (size_t i = 0; i < d->n; i++)
		onlink += d->t[i].seg >= 0;
	d->raw_fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (d->raw_fd >= 0 && raw_setup(d->raw_fd) < 0) {
		close(d->raw_fd);
		d->raw_fd = -1;
	}
	if (d->raw_fd >= 0) {
		d->ndp = (methods & DISC_NDP) && onlink;
		d->echo = (methods & DISC_ICMP) != 0;
	} else {
		if ((methods & DISC_NDP) && onlink)
			note(notes, notes_cap, "NDP discovery needs root or CAP_NET_RAW");
		if (methods & DISC_ICMP) {
			d->ping_fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			                    IPPROTO_ICMPV6);
			d->echo = d->ping_fd >= 0;
			if (!d->echo)
				note(notes, notes_cap,
				     "ICMPv6 echo needs root, CAP_NET_RAW or "
				     "net.ipv4.ping_group_range");
		}
	}
	return (d->ndp ? DISC_NDP : 0u) | (d->echo ? DISC_ICMP : 0u);
}

size_t disc6_count(const struct disc6 *d)
{
	return d->n;
}

size_t disc6_pollfds(const struct disc6 *d, struct pollfd *pf, size_t max)
{
	size_t n = 0;
	int fds[2] = {d->raw_fd, d->ping_fd};
	for (int k = 0; k < 2 && n < max; k++)
		if (fds[k] >= 0) {
			pf[n].fd = fds[k];
			pf[n].events = POLLIN;
			pf[n++].revents = 0;
		}
	return n;
}

static long find6(const struct disc6 *d, const uint8_t *a)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (memcmp(d->t[m].a, a, 16) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < d->n && !memcmp(d->t[lo].a, a, 16) ? (long)lo : -1;
}

static int found(struct disc6 *d, long i, const uint8_t *mac, unsigned how,
                 const struct disc6_cb *cb)
{
	if (i < 0 || d->t[i].st == A_FOUND)
		return 0;
	d->t[i].st = A_FOUND;
	struct addr a;
	a.fam = 6;
	memcpy(a.b, d->t[i].a, 16);
	cb->found(cb->ctx, &a, mac, how);
	return 1;
}

uint64_t disc6_read(struct disc6 *d, int fd, const struct disc6_cb *cb)
{
	uint64_t n_found = 0;
	for (;;) {
		uint8_t b[1500], target[16], mac[6];
		union {
			struct cmsghdr h;
			uint8_t b[CMSG_SPACE(sizeof(int))];
		} ctl;
		struct sockaddr_in6 from;
		struct iovec iov = {b, sizeof(b)};
		struct msghdr mh = {&from, sizeof(from), &iov, 1, &ctl, sizeof(ctl), 0};
		ssize_t n = recvmsg(fd, &mh, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n_found;
		int hops = -1;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT &&
			    c->cmsg_len >= CMSG_LEN(sizeof(int)))
				memcpy(&hops, CMSG_DATA(c), sizeof(int));
		int raw = fd == d->raw_fd, has_mac = 0;
		if (raw && hops == 255 && discover_parse_na(b, (size_t)n, target, mac, &has_mac)) {
			long i = find6(d, target);
			if (i >= 0 && d->t[i].seg >= 0)
				n_found +=
				    (uint64_t)found(d, i, has_mac ? mac : NULL, DISC_NDP, cb);
		} else if (discover_parse_echo6(b, (size_t)n, d->id, raw)) {
			n_found += (uint64_t)found(d, find6(d, from.sin6_addr.s6_addr), NULL,
			                           DISC_ICMP, cb);
		}
	}
}

static int send_ns(struct disc6 *d, const struct tgt6 *t)
{
	const struct seg6 *s = &d->segs[t->seg];
	/* RFC 4861 §4.3 with the Source Link-Layer Address option (§4.6.1), so that the answer
	 * needs no solicitation of its own; the kernel fills the checksum of a raw ICMPv6 socket
	 * (RFC 3542 §3.1). */
	uint8_t m[32] = {ND_NEIGHBOR_SOLICIT, 0};
	memcpy(m + 8, t->a, 16);
	size_t len = 24;
	if (s->has_mac) {
		m[24] = ND_OPT_SOURCE_LINKADDR;
		m[25] = 1;
		memcpy(m + 26, s->mac, 6);
		len = 32;
	}
	/* To the target's solicited-node multicast address, ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
	struct sockaddr_in6 to;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	static const uint8_t sn[13] = {0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff};
	memcpy(to.sin6_addr.s6_addr, sn, 13);
	memcpy(to.sin6_addr.s6_addr + 13, t->a + 13, 3);
	to.sin6_scope_id = s->ifindex;
	return sendto(d->raw_fd, m, len, 0, (struct sockaddr *)&to, sizeof(to)) > 0;
}

static int send_echo6(struct disc6 *d, const struct tgt6 *t, uint16_t seq)
{
	uint8_t m[8 + sizeof(magic)] = {ICMP6_ECHO_REQUEST, 0};
	m[4] = (uint8_t)(d->id >> 8);
	m[5] = (uint8_t)d->id;
	m[6] = (uint8_t)(seq >> 8);
	m[7] = (uint8_t)seq;
	memcpy(m + 8, magic, sizeof(magic));
	struct sockaddr_in6 to;
	memset(&to, 0, sizeof(to));
	to.sin6_family = AF_INET6;
	memcpy(to.sin6_addr.s6_addr, t->a, 16);
	if (t->seg >= 0)
		to.sin6_scope_id = d->segs[t->seg].ifindex; /* needed for link-local targets */
	int fd = d->raw_fd >= 0 ? d->raw_fd : d->ping_fd;
	return sendto(fd, m, sizeof(m), 0, (struct sockaddr *)&to, sizeof(to)) > 0;
}

int disc6_pending(const struct disc6 *d, size_t i)
{
	const struct tgt6 *t = &d->t[i];
	return t->st != A_FOUND && ((t->seg >= 0 && d->ndp) || d->echo);
}

int disc6_ask(struct disc6 *d, size_t i, uint16_t seq)
{
	struct tgt6 *t = &d->t[i];
	t->st = A_ASKED;
	return t->seg >= 0 && d->ndp ? send_ns(d, t) : send_echo6(d, t, seq);
}

int disc6_covers(const struct disc6 *d, const struct addr *a)
{
	if (a->fam != 6 || !d->ndp)
		return 0;
	int32_t k = seg_of(d, a->b);
	if (k < 0 || !memcmp(a->b, d->segs[k].self, 16))
		return 0;
	long i = find6(d, a->b);
	return i >= 0 ? d->t[i].st != A_NEW : 1;
}

/* ---- the parsers (discover.h) ---- */

int discover_parse_na(const uint8_t *p, size_t n, uint8_t target[16], uint8_t mac[6], int *has_mac)
{
	/* RFC 4861 §4.4: type 136, code 0, flags and reserved (4 bytes), target, options. */
	struct rd r = rd_make(p, n);
	uint8_t type = rd_u8(&r), code = rd_u8(&r);
	rd_skip(&r, 6);
	const uint8_t *tg = rd_bytes(&r, 16);
	if (r.err || type != ND_NEIGHBOR_ADVERT || code != 0)
		return 0;
	*has_mac = 0;
	while (rd_left(&r) >= 2) {
		uint8_t ot = rd_u8(&r), ol = rd_u8(&r);
		if (ol == 0) /* §4.6: a zero length is invalid, and the whole message with it */
			return 0;
		struct rd o = rd_sub(&r, (size_t)ol * 8 - 2);
		if (r.err)
			return 0;
		if (ot == ND_OPT_TARGET_LINKADDR && rd_left(&o) >= 6) {
			memcpy(mac, rd_bytes(&o, 6), 6);
			*has_mac = 1;
		}
	}
	if (r.err || rd_left(&r))
		return 0;
	memcpy(target, tg, 16);
	return 1;
}

int discover_parse_echo6(const uint8_t *p, size_t n, uint16_t id, int check_id)
{
	struct rd r = rd_make(p, n);
	uint8_t type = rd_u8(&r), code = rd_u8(&r);
	rd_skip(&r, 2);
	uint16_t got = rd_be16(&r);
	rd_skip(&r, 2);
	const uint8_t *m = rd_bytes(&r, sizeof(magic));
	if (r.err || type != ICMP6_ECHO_REPLY || code != 0 || (check_id && got != id))
		return 0;
	return memcmp(m, magic, sizeof(magic)) == 0;
}
