/* The nmap XML importer's pieces: one host's observations kept until </host>, and the readers
 * of what nmap keeps of a device's own words (script output, servicefp responses). */
#ifndef BS_IMPORT_NMAP_H
#define BS_IMPORT_NMAP_H

#include <stddef.h>

#include "bansweep/buf.h"
#include "bansweep/import.h"

struct nmap_host {
	struct buf obs;       /* entries: key, NUL, 4-byte length, value */
	struct buf subj, iss; /* ssl-cert subject and issuer being built */
	char ip[80], mac[80], name[256], time[32];
	int tcp; /* the port being read is TCP */
	int oom; /* the host outgrew IMP_MAX_RECORD */
};

void nmap_host_init(struct nmap_host *h);
void nmap_host_release(struct nmap_host *h);
void nmap_host_reset(struct nmap_host *h);
/* Keeps (key, value) for the host unless kept already; an empty value is dropped. */
void nmap_host_add(struct nmap_host *h, const char *key, const char *v, size_t n);
/* Emits the host's observations under its id (IP, else MAC, else host name): 0, or -1 when it
 * has none of them. */
int nmap_host_emit(struct nmap_host *h, const struct imp_sink *s, struct imp_stats *st);

/* A service's servicefp attribute: the raw responses to nmap's probes. */
void nmap_servicefp(struct nmap_host *h, const char *fp, size_t n);
/* A script's <elem key=...> inside <table key=table> (both "" when absent). */
void nmap_elem(struct nmap_host *h, const char *script, const char *table, const char *key,
               const char *v, size_t n);
/* The script's elements are all read. */
void nmap_elem_done(struct nmap_host *h, const char *script);
/* A script's output attribute; svc is the port's service name ("" for host scripts). */
void nmap_script(struct nmap_host *h, const char *script, const char *svc, const char *out,
                 size_t n);

#endif
