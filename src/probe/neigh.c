/* The kernel's neighbour tables (ARP for IPv4, NDP for IPv6) through rtnetlink (RFC 3549,
 * rtnetlink(7)): after the probes, they hold the MAC of every host on an attached segment that
 * answered, which an unprivileged scan cannot learn by itself. /proc/net/arp has only the IPv4
 * table; a netlink dump gives both, to any user. */
#include <errno.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bansweep/discover.h"
#include "bansweep/rd.h"
#include "util/banned.h"

/* States with a MAC worth reporting (NUD_INCOMPLETE and NUD_FAILED have none). */
#define NUD_USABLE (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT)

/* A 16-bit field in host byte order, as netlink carries it. */
static uint16_t host16(struct rd *r)
{
	const uint8_t *p = rd_bytes(r, 2);
	uint16_t v = 0;
	if (p)
		memcpy(&v, p, 2);
	return v;
}

/* One RTM_NEWNEIGH message's body: struct ndmsg, then attributes. */
static int one(struct rd body, discover_neigh_fn fn, void *ctx)
{
	uint8_t fam = rd_u8(&body);
	rd_skip(&body, 7); /* pad1, pad2, ifindex */
	uint16_t state = host16(&body);
	rd_skip(&body, 2); /* flags, type */
	if (body.err)
		return -1;
	const uint8_t *dst = NULL, *lladdr = NULL;
	size_t dlen = 0;
	while (rd_left(&body) >= 4) {
		uint16_t len = host16(&body);
		uint16_t type = host16(&body);
		if (len < 4)
			return -1;
		size_t plen = len - 4u, pad = (RTA_ALIGN(len) - len);
		struct rd v = rd_sub(&body, plen);
		if (body.err)
			return -1;
		if (type == NDA_DST && (plen == 4 || plen == 16)) {
			dst = rd_bytes(&v, plen);
			dlen = plen;
		} else if (type == NDA_LLADDR && plen == 6) {
			lladdr = rd_bytes(&v, 6);
		}
		rd_skip(&body, pad < rd_left(&body) ? pad : rd_left(&body));
	}
	if (!dst || !lladdr || !(state & NUD_USABLE) ||
	    (fam == AF_INET    ? dlen != 4
	     : fam == AF_INET6 ? dlen != 16
	                       : 1))
		return 0;
	struct addr a;
	memset(&a, 0, sizeof(a));
	a.fam = dlen == 4 ? 4 : 6;
	memcpy(a.b, dst, dlen);
	fn(ctx, &a, lladdr);
	return 1;
}

int discover_parse_neigh(const uint8_t *p, size_t n, discover_neigh_fn fn, void *ctx, int *done)
{
	struct rd r = rd_make(p, n);
	int count = 0;
	*done = 0;
	while (rd_left(&r) >= 16) {
		/* struct nlmsghdr in host order: len, type, flags, seq, pid. */
		const uint8_t *h = rd_bytes(&r, 16);
		uint32_t len;
		uint16_t type;
		memcpy(&len, h, 4);
		memcpy(&type, h + 4, 2);
		if (len < 16)
			return -1;
		struct rd body = rd_sub(&r, len - 16u);
		if (r.err)
			return -1;
		size_t pad = NLMSG_ALIGN(len) - len;
		rd_skip(&r, pad < rd_left(&r) ? pad : rd_left(&r));
		if (type == NLMSG_DONE) {
			*done = 1;
			return count;
		}
		if (type == NLMSG_ERROR)
			return -1;
		if (type != RTM_NEWNEIGH)
			continue;
		int k = one(body, fn, ctx);
		if (k < 0)
			return -1;
		count += k;
	}
	return count;
}

int discover_neighbours(discover_neigh_fn fn, void *ctx)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -1;
	struct {
		struct nlmsghdr h;
		struct ndmsg nd;
	} req;
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_GETNEIGH;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.nd.ndm_family = AF_UNSPEC; /* both tables */
	if (send(fd, &req, sizeof(req), 0) < 0) {
		close(fd);
		return -1;
	}
	/* The dump comes in datagrams of many messages until NLMSG_DONE. */
	size_t cap = 65536;
	uint8_t *buf = malloc(cap);
	int total = 0, rc = -1;
	while (buf) {
		ssize_t n = recv(fd, buf, cap, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		int done, k = discover_parse_neigh(buf, (size_t)n, fn, ctx, &done);
		if (k < 0)
			break;
		total += k;
		if (done) {
			rc = total;
			break;
		}
	}
	free(buf);
	close(fd);
	return rc;
}
