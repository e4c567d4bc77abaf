/* What the Zeek and Suricata importers share: a record as a flat list of (field, value) pairs
 * (a Zeek set or vector, or a JSON array, gives one pair per element under the same name), and
 * bounded tables that join records of different logs (ssl.log with x509.log, a DNS answer with
 * a later connection to the address it named). */
#ifndef BS_IMPORT_NETLOG_H
#define BS_IMPORT_NETLOG_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/buf.h"
#include "imp.h"

struct nl_field {
	const char *name; /* NUL-terminated */
	const char *v;    /* vlen bytes, NUL-terminated */
	size_t vlen;
};

/* One record. Names and values point into memory the reader keeps until the next record. */
struct nl_rec {
	struct nl_field *f;
	size_t n, cap;
	const char *path; /* Zeek's log name (#path, _path) or NULL when not given */
	unsigned long line;
	uint64_t off;
};

void nl_rec_clear(struct nl_rec *r);
void nl_rec_release(struct nl_rec *r);
void nl_rec_add(struct nl_rec *r, const char *name, const char *v, size_t vlen);
/* The first value of name (NUL-terminated), or NULL when the record has none or it is empty. */
const char *nl_get(const struct nl_rec *r, const char *name);
int nl_has(const struct nl_rec *r, const char *name);

/* JSON Lines into records: scalar members by dotted path (nulls left out), array elements
 * under their array's path. Zeek's flat names ("id.orig_h") and nested objects read the same. */
struct nl_json {
	struct jpath *j;
	struct buf arena; /* names and values of the current line */
	size_t *offs;     /* (name, value, length) triples into arena */
	size_t n, cap;
	int notobj;
};
void nl_json_init(struct nl_json *jc);
void nl_json_release(struct nl_json *jc);
/* One line into r (cleared first; valid until the next call). Returns 0, or -1 with a message
 * in err when the line is not one JSON object. */
int nl_json_line(struct nl_json *jc, struct nl_rec *r, const char *p, size_t n, char *err,
                 size_t errlen);

/* A bounded multimap key -> (a, b): the oldest entry goes when it is full, so memory stays
 * fixed whatever the log's size. */
struct nl_join;
struct nl_join *nl_join_new(void);
void nl_join_free(struct nl_join *j);
/* Adds (key, a, b) unless the same triple is there; b may be NULL. */
void nl_join_add(struct nl_join *j, const char *key, const char *a, const char *b);
/* Calls fn for each entry of key, newest first. */
void nl_join_each(struct nl_join *j, const char *key,
                  void (*fn)(void *ctx, const char *a, const char *b), void *ctx);

/* Is s an IPv4 or IPv6 address? A unicast one (not unspecified, broadcast or multicast)? */
int nl_is_addr(const char *s);
int nl_is_unicast(const char *s);
/* "mac" for a unicast MAC address, NULL (nothing emitted) for a group one (RFC 7042 §2.1). */
const char *nl_mac_key(const char *mac);
/* The same for the link-layer address logged beside an IP address (conn.log's l2 fields, EVE's
 * ether): a host beyond a router shows the router's MAC, so the MAC is the host's own only for
 * an address that is not routed across the internet (RFC 1918, link-local, unique local). */
const char *nl_link_mac_key(const char *ip, const char *mac);

#endif
