/* The Zeek importer's parts: zeek.c reads lines (TSV headers and rows, or JSON objects) into
 * records, zeek_map.c turns a record of a known log into observations. */
#ifndef BS_IMPORT_ZEEK_H
#define BS_IMPORT_ZEEK_H

#include "netlog.h"

struct zeek_map {
	const struct imp_sink *sink;
	struct imp_stats *st;
	struct nl_join *certs;     /* x509 fingerprint -> subject, issuer */
	struct nl_join *ssl_wait;  /* leaf certificate fingerprint -> server address, time */
	struct nl_join *names;     /* address -> a name a DNS answer gave it */
	struct nl_join *conn_wait; /* address -> a client that connected to it, time */
	const char *time;
};

/* Init takes the join tables, shared by the reads of one process (release gives them back). */
void zeek_map_init(struct zeek_map *m, const struct imp_sink *sink, struct imp_stats *st);
void zeek_map_release(struct zeek_map *m);
/* The log a record belongs to: its path, else guessed from its field names (Zeek's JSON
 * writer leaves _path out by default); NULL when unknown. */
const char *zeek_log_of(const struct nl_rec *r);
/* One record of a known log -> observations; a record of another log gives none. */
void zeek_map_rec(struct zeek_map *m, const struct nl_rec *r);

#endif
