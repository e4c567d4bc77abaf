/* Records of the Zeek and Suricata importers, and their JSON Lines reader. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "netlog.h"
#include "util/banned.h"

void nl_rec_clear(struct nl_rec *r)
{
	r->n = 0;
	r->path = NULL;
}

void nl_rec_release(struct nl_rec *r)
{
	free(r->f);
	memset(r, 0, sizeof(*r));
}

void nl_rec_add(struct nl_rec *r, const char *name, const char *v, size_t vlen)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->f = xrealloc(r->f, r->cap * sizeof(*r->f));
	}
	r->f[r->n++] = (struct nl_field){name, v, vlen};
}

const char *nl_get(const struct nl_rec *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].name, name))
			return r->f[i].vlen ? r->f[i].v : NULL;
	return NULL;
}

int nl_has(const struct nl_rec *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].name, name))
			return 1;
	return 0;
}

int nl_is_addr(const char *s)
{
	unsigned char a[16];
	return s && (inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1);
}

int nl_is_unicast(const char *s)
{
	unsigned char a[16];
	if (!s)
		return 0;
	if (inet_pton(AF_INET, s, a) == 1)
		return (a[0] | a[1] | a[2] | a[3]) && (a[0] & 0xf0) != 0xe0 &&
		       !(a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255);
	if (inet_pton(AF_INET6, s, a) == 1) {
		static const unsigned char zero[16];
		return a[0] != 0xff && memcmp(a, zero, 16);
	}
	return 0;
}

const char *nl_mac_key(const char *mac)
{
	return mac && bs_hexdigit(mac[0]) >= 0 && bs_hexdigit(mac[1]) >= 0 &&
	               !(bs_hexdigit(mac[1]) & 1)
	           ? "mac"
	           : NULL;
}

const char *nl_link_mac_key(const char *ip, const char *mac)
{
	unsigned char a[16];
	if (!ip)
		return NULL;
	int local = 0;
	if (inet_pton(AF_INET, ip, a) == 1)
		local = a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		        (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254);
	else if (inet_pton(AF_INET6, ip, a) == 1)
		local = (a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
	return local ? nl_mac_key(mac) : NULL;
}

/* Offsets, not pointers, while the line is parsed: the arena may move as it grows. */
static int push(struct nl_json *jc, const char *s, size_t n)
{
	return buf_add(&jc->arena, s, n) < 0 || buf_addc(&jc->arena, 0) < 0 ? -1 : 0;
}

static int json_cb(void *ctx, enum jwhat what, const struct jev *e)
{
	struct nl_json *jc = ctx;
	if (e->depth == 0) {
		if (what == J_LEAF || e->type != J_MAP)
			jc->notobj = 1;
		return jc->notobj;
	}
	if (what != J_LEAF || e->type == J_NULL)
		return 0;
	if (jc->n + 3 > jc->cap) {
		jc->cap = jc->cap ? jc->cap * 2 : 192;
		jc->offs = xrealloc(jc->offs, jc->cap * sizeof(*jc->offs));
	}
	size_t name = jc->arena.len;
	if (push(jc, e->path, e->plen) < 0)
		return 1;
	size_t v = jc->arena.len;
	if (push(jc, e->v, e->vlen) < 0)
		return 1;
	jc->offs[jc->n++] = name;
	jc->offs[jc->n++] = v;
	jc->offs[jc->n++] = e->vlen;
	return 0;
}

void nl_json_init(struct nl_json *jc)
{
	memset(jc, 0, sizeof(*jc));
	buf_init(&jc->arena, 2 * (size_t)IMP_MAX_RECORD + 64);
	jc->j = jpath_new(json_cb, jc);
}

void nl_json_release(struct nl_json *jc)
{
	jpath_free(jc->j);
	buf_release(&jc->arena);
	free(jc->offs);
}

int nl_json_line(struct nl_json *jc, struct nl_rec *r, const char *p, size_t n, char *err,
                 size_t errlen)
{
	nl_rec_clear(r);
	buf_reset(&jc->arena);
	jc->n = 0;
	jc->notobj = 0;
	if (jpath_line(jc->j, p, n, err, errlen) < 0) {
		if (jc->notobj)
			snprintf(err, errlen, "not a JSON object");
		return -1;
	}
	for (size_t i = 0; i < jc->n; i += 3)
		nl_rec_add(r, jc->arena.data + jc->offs[i], jc->arena.data + jc->offs[i + 1],
		           jc->offs[i + 2]);
	return 0;
}
