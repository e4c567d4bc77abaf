/* What a capture learned, until the end of the run: observations per endpoint (a MAC, an IP
 * address, or both), deduplicated; which IP addresses each MAC was seen with; which addresses
 * ARP or DHCP bound to a MAC; the names DNS answers gave addresses. At the end each endpoint
 * becomes an asset: a host on the captured segment is keyed by its MAC, one behind a router
 * (whose MAC carries many addresses) by its IP address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "capture/capture_int.h"
#include "util/banned.h"

/* A MAC that sends or receives for more addresses than a host has is a router's. */
#define HOST_V4_MAX 2
#define HOST_V6_MAX 6
#define MAC_ADDRS   8

struct endpoint {
	uint8_t mac[6], has_mac;
	struct addr ip;
	char *asset; /* decided at the end */
};

struct macinfo {
	uint8_t mac[6], used;
	uint8_t nv4, nv6, nbound;
	struct addr seen[MAC_ADDRS];
	struct addr bound[4];
	uint8_t nseen;
};

struct entry {
	uint64_t h;
	uint32_t ep;
	uint16_t key;
	uint32_t len;
	const char *value;
	uint64_t first_us;
};

struct answer {
	struct addr a;
	const char *name;
	uint32_t len;
	uint8_t used;
};

struct obsstore {
	struct arena strings;
	struct endpoint *eps;
	size_t neps, capeps;
	uint32_t *epslots; /* index + 1 */
	size_t epmask;
	struct entry *ents; /* in insertion order */
	size_t nents, capents, max;
	uint32_t *slots; /* index + 1 */
	size_t mask;
	struct macinfo *macs;
	size_t macmask, nmacs;
	struct answer *answers;
	size_t ansmask, nans;
	/* the last (mac, address) pair recorded: bulk traffic repeats it packet after packet */
	uint8_t last_mac[6];
	struct addr last_ip;
};

struct obsstore *obsstore_new(size_t max)
{
	struct obsstore *s = xcalloc(1, sizeof(*s));
	arena_init(&s->strings);
	s->max = max;
	s->epmask = 1023;
	s->epslots = xcalloc(s->epmask + 1, sizeof(*s->epslots));
	s->mask = 4095;
	s->slots = xcalloc(s->mask + 1, sizeof(*s->slots));
	s->macmask = 4095;
	s->macs = xcalloc(s->macmask + 1, sizeof(*s->macs));
	s->ansmask = 4095;
	s->answers = xcalloc(s->ansmask + 1, sizeof(*s->answers));
	return s;
}

void obsstore_free(struct obsstore *s)
{
	if (!s)
		return;
	arena_release(&s->strings);
	free(s->eps), free(s->epslots), free(s->ents), free(s->slots), free(s->macs);
	free(s->answers);
	free(s);
}

static size_t alen(const struct addr *a)
{
	return a->fam == 6 ? 16 : a->fam == 4 ? 4 : 0;
}

static int addr_eq(const struct addr *a, const struct addr *b)
{
	return a->fam == b->fam && !memcmp(a->b, b->b, alen(a));
}

static uint64_t addr_hash(const struct addr *a)
{
	return bs_hash(a->b, alen(a)) ^ a->fam;
}

/* Grows an open-addressing table of uint32 indexes when half full. */
static void grow(uint32_t **slots, size_t *mask, size_t used, uint64_t (*hash_of)(void *, uint32_t),
                 void *ctx)
{
	if (used * 2 < *mask)
		return;
	size_t m = *mask * 2 + 1;
	uint32_t *n = xcalloc(m + 1, sizeof(*n));
	for (size_t i = 0; i <= *mask; i++) {
		uint32_t v = (*slots)[i];
		if (!v)
			continue;
		size_t j = hash_of(ctx, v - 1) & m;
		while (n[j])
			j = (j + 1) & m;
		n[j] = v;
	}
	free(*slots);
	*slots = n;
	*mask = m;
}

static uint64_t ep_hash(const uint8_t *mac, const struct addr *ip)
{
	uint64_t h = addr_hash(ip);
	if (mac)
		h ^= bs_hash(mac, 6) * 0x9E3779B97F4A7C15ULL;
	return h;
}

static uint64_t ep_hash_i(void *ctx, uint32_t i)
{
	struct obsstore *s = ctx;
	return ep_hash(s->eps[i].has_mac ? s->eps[i].mac : NULL, &s->eps[i].ip);
}

static uint32_t endpoint(struct obsstore *s, const uint8_t *mac, const struct addr *ip)
{
	uint64_t h = ep_hash(mac, ip);
	size_t j = h & s->epmask;
	for (; s->epslots[j]; j = (j + 1) & s->epmask) {
		struct endpoint *e = &s->eps[s->epslots[j] - 1];
		if (e->has_mac == (mac != NULL) && (!mac || !memcmp(e->mac, mac, 6)) &&
		    addr_eq(&e->ip, ip))
			return s->epslots[j] - 1;
	}
	if (s->neps == s->capeps) {
		s->capeps = s->capeps ? s->capeps * 2 : 256;
		s->eps = xrealloc(s->eps, s->capeps * sizeof(*s->eps));
	}
	struct endpoint *e = &s->eps[s->neps];
	memset(e, 0, sizeof(*e));
	if (mac) {
		memcpy(e->mac, mac, 6);
		e->has_mac = 1;
	}
	e->ip = *ip;
	s->epslots[j] = (uint32_t)++s->neps;
	grow(&s->epslots, &s->epmask, s->neps, ep_hash_i, s);
	return (uint32_t)(s->neps - 1);
}

static uint64_t ent_hash_i(void *ctx, uint32_t i)
{
	return ((struct obsstore *)ctx)->ents[i].h;
}

int obsstore_add(struct obsstore *s, const uint8_t *mac, const struct addr *ip, enum key_id key,
                 const char *v, size_t n, uint64_t ts_us)
{
	if (n > 4096)
		n = 4096; /* a value longer than any rule reads */
	uint32_t ep = endpoint(s, mac, ip);
	uint64_t h = bs_hash(v, n) ^ ((uint64_t)ep << 20) ^ ((uint64_t)key << 52);
	size_t j = h & s->mask;
	for (; s->slots[j]; j = (j + 1) & s->mask) {
		struct entry *e = &s->ents[s->slots[j] - 1];
		if (e->h == h && e->ep == ep && e->key == key && e->len == n &&
		    !memcmp(e->value, v, n)) {
			if (ts_us < e->first_us)
				e->first_us = ts_us;
			return 0;
		}
	}
	if (s->nents >= s->max)
		return -1;
	if (s->nents == s->capents) {
		s->capents = s->capents ? s->capents * 2 : 1024;
		s->ents = xrealloc(s->ents, s->capents * sizeof(*s->ents));
	}
	struct entry *e = &s->ents[s->nents];
	e->h = h;
	e->ep = ep;
	e->key = (uint16_t)key;
	e->len = (uint32_t)n;
	e->value = arena_strndup(&s->strings, v, n);
	e->first_us = ts_us;
	s->slots[j] = (uint32_t)++s->nents;
	grow(&s->slots, &s->mask, s->nents, ent_hash_i, s);
	return 1;
}

static struct macinfo *mac_get(struct obsstore *s, const uint8_t *mac)
{
	size_t j = bs_hash(mac, 6) & s->macmask;
	for (; s->macs[j].used; j = (j + 1) & s->macmask)
		if (!memcmp(s->macs[j].mac, mac, 6))
			return &s->macs[j];
	if ((s->nmacs + 1) * 2 > s->macmask) {
		/* Rehash: MAC tables stay small (one entry per station on the segment). */
		size_t m = s->macmask * 2 + 1;
		struct macinfo *n = xcalloc(m + 1, sizeof(*n));
		for (size_t i = 0; i <= s->macmask; i++) {
			if (!s->macs[i].used)
				continue;
			size_t k = bs_hash(s->macs[i].mac, 6) & m;
			while (n[k].used)
				k = (k + 1) & m;
			n[k] = s->macs[i];
		}
		free(s->macs);
		s->macs = n;
		s->macmask = m;
		return mac_get(s, mac);
	}
	struct macinfo *mi = &s->macs[j];
	memcpy(mi->mac, mac, 6);
	mi->used = 1;
	s->nmacs++;
	return mi;
}

void obsstore_seen(struct obsstore *s, const uint8_t *mac, const struct addr *ip)
{
	if (ip->fam == 0 || (!memcmp(s->last_mac, mac, 6) && addr_eq(&s->last_ip, ip)))
		return;
	memcpy(s->last_mac, mac, 6);
	s->last_ip = *ip;
	struct macinfo *mi = mac_get(s, mac);
	for (int i = 0; i < mi->nseen; i++)
		if (addr_eq(&mi->seen[i], ip))
			return;
	if (ip->fam == 4 && mi->nv4 < 255)
		mi->nv4++;
	if (ip->fam == 6 && mi->nv6 < 255)
		mi->nv6++;
	if (mi->nseen < MAC_ADDRS)
		mi->seen[mi->nseen++] = *ip;
	else
		mi->seen[(mi->nv4 + mi->nv6) % MAC_ADDRS] = *ip; /* keep counting, forget old */
}

void obsstore_bind(struct obsstore *s, const uint8_t *mac, const struct addr *ip)
{
	if (ip->fam == 0)
		return;
	struct macinfo *mi = mac_get(s, mac);
	for (int i = 0; i < mi->nbound; i++)
		if (addr_eq(&mi->bound[i], ip))
			return;
	if (mi->nbound < 4)
		mi->bound[mi->nbound++] = *ip;
}

void obsstore_answer(struct obsstore *s, const char *name, size_t n, const struct addr *a)
{
	if (a->fam == 0 || n == 0 || n > 255)
		return;
	if ((s->nans + 1) * 2 > s->ansmask) {
		/* Bounded: a capture with more answered addresses than this keeps the first ones.
		 */
		if (s->ansmask >= (1u << 20))
			return;
		size_t m = s->ansmask * 2 + 1;
		struct answer *na = xcalloc(m + 1, sizeof(*na));
		for (size_t i = 0; i <= s->ansmask; i++) {
			if (!s->answers[i].used)
				continue;
			size_t k = addr_hash(&s->answers[i].a) & m;
			while (na[k].used)
				k = (k + 1) & m;
			na[k] = s->answers[i];
		}
		free(s->answers);
		s->answers = na;
		s->ansmask = m;
	}
	size_t j = addr_hash(a) & s->ansmask;
	for (; s->answers[j].used; j = (j + 1) & s->ansmask)
		if (addr_eq(&s->answers[j].a, a))
			break;
	struct answer *an = &s->answers[j];
	if (an->used && an->len == n && !memcmp(an->name, name, n))
		return;
	if (!an->used)
		s->nans++;
	an->used = 1;
	an->a = *a;
	an->name = arena_strndup(&s->strings, name, n);
	an->len = (uint32_t)n;
}

const char *obsstore_name_of(struct obsstore *s, const struct addr *a, size_t *n)
{
	if (s->nans == 0)
		return NULL;
	size_t j = addr_hash(a) & s->ansmask;
	for (; s->answers[j].used; j = (j + 1) & s->ansmask)
		if (addr_eq(&s->answers[j].a, a)) {
			*n = s->answers[j].len;
			return s->answers[j].name;
		}
	return NULL;
}

static const struct macinfo *mac_find(const struct obsstore *s, const uint8_t *mac)
{
	size_t j = bs_hash(mac, 6) & s->macmask;
	for (; s->macs[j].used; j = (j + 1) & s->macmask)
		if (!memcmp(s->macs[j].mac, mac, 6))
			return &s->macs[j];
	return NULL;
}

static void mac_text(const uint8_t *m, char out[18])
{
	static const char hex[] = "0123456789ABCDEF";
	for (int i = 0; i < 6; i++) {
		out[i * 3] = hex[m[i] >> 4];
		out[i * 3 + 1] = hex[m[i] & 15];
		out[i * 3 + 2] = i < 5 ? ':' : 0;
	}
}

/* Is this endpoint's MAC its own (a host on the segment), or a router's it sits behind? */
static int mac_is_hosts(const struct obsstore *s, const struct endpoint *e)
{
	const struct macinfo *mi = mac_find(s, e->mac);
	if (!mi)
		return 1;
	for (int i = 0; i < mi->nbound; i++)
		if (addr_eq(&mi->bound[i], &e->ip))
			return 1;
	return mi->nv4 <= HOST_V4_MAX && mi->nv6 <= HOST_V6_MAX;
}

static void decide(struct obsstore *s, struct endpoint *e, int *mac_asset)
{
	char mac[18], ip[64];
	addr_format(&e->ip, ip, sizeof(ip));
	if (e->has_mac)
		mac_text(e->mac, mac);
	*mac_asset = e->has_mac && (e->ip.fam == 0 || mac_is_hosts(s, e));
	e->asset = arena_strdup(&s->strings, *mac_asset ? mac : ip);
}

int obsstore_each(struct obsstore *s, capture_obs_fn fn, void *ctx)
{
	/* Identity first, per asset: its MAC (when keyed by it) and its addresses. */
	uint8_t *told = xcalloc(s->neps ? s->neps : 1, 1);
	int rc = 0;
	for (size_t i = 0; i < s->nents && rc == 0; i++) {
		const struct entry *en = &s->ents[i];
		struct endpoint *e = &s->eps[en->ep];
		if (!told[en->ep]) {
			int mac_asset;
			told[en->ep] = 1;
			decide(s, e, &mac_asset);
			if (mac_asset)
				rc = fn(ctx, e->asset, K_MAC, e->asset, strlen(e->asset),
				        en->first_us);
			if (rc == 0 && e->ip.fam) {
				char ip[64];
				addr_format(&e->ip, ip, sizeof(ip));
				rc = fn(ctx, e->asset, K_IP, ip, strlen(ip), en->first_us);
			}
		}
		if (rc == 0)
			rc = fn(ctx, e->asset, (enum key_id)en->key, en->value, en->len,
			        en->first_us);
	}
	free(told);
	return rc;
}
