/* What the active probes send: polite, credential-free requests for the information devices
 * give anyone who asks (the probe table will pair each with the decoder of src/proto/ that reads
 * the answer). Each builder writes into out (cap bytes) and returns the length, or 0 when the
 * request does not fit. Only the SNMP community the user gives is ever sent; no other
 * credential, no write, no login. */
#ifndef BANSWEEP_REQUESTS_H
#define BANSWEEP_REQUESTS_H

#include <stddef.h>
#include <stdint.h>

#define BANSWEEP_USER_AGENT "bansweep/0.1 (inventory of equipment under government bans)"

/* HTTP/1.1 GET of path on host (a name or an address; IPv6 in brackets is the caller's). */
size_t req_http_get(char *out, size_t cap, const char *host, const char *path);
/* ONVIF GetDeviceInformation (SOAP 1.2 over HTTP POST to /onvif/device_service), unauthenticated.
 */
size_t req_onvif_devinfo(char *out, size_t cap, const char *host);
/* RTSP OPTIONS (RFC 2326 10.1) and DESCRIBE (10.2) of rtsp://host:port/path. */
size_t req_rtsp(char *out, size_t cap, const char *method, const char *host, uint16_t port,
                const char *path, unsigned cseq);
/* A TLS ClientHello that offers TLS 1.2 at most (RFC 5246), so that the server's certificate
 * comes back in the clear: what the certificate probe reads. */
size_t req_tls_hello(uint8_t *out, size_t cap);
/* SNMP v2c GetRequest (RFC 3416) of sysDescr.0, sysObjectID.0 and sysName.0. */
size_t req_snmp_get(uint8_t *out, size_t cap, const char *community, uint32_t request_id);
/* SNMP GetRequest, or GetNextRequest with getnext, of the OIDs given as dotted text (no leading
 * dot), values NULL; version 0 is v1 (RFC 1157), 1 is v2c (RFC 1901, RFC 3416). Never a Set.
 * request_id is sent as a positive four-byte INTEGER (its top bit cleared). 0 also when an OID
 * is malformed or there are more than SNMP_REQ_MAX_OIDS. */
#define SNMP_REQ_MAX_OIDS 16
size_t req_snmp(uint8_t *out, size_t cap, int version, int getnext, const char *community,
                uint32_t request_id, const char *const *oids, size_t noids);
/* Hikvision SADP inquiry (UDP 37020, multicast 239.255.255.250). */
size_t req_sadp_inquiry(char *out, size_t cap, const char *uuid);
/* Dahua DHIP discovery search (UDP 37810, multicast 239.255.255.251). */
size_t req_dhip_search(uint8_t *out, size_t cap, uint32_t id);
/* WS-Discovery Probe for ONVIF devices (UDP 3702, multicast 239.255.255.250). */
size_t req_wsd_probe(char *out, size_t cap, const char *uuid);
/* SSDP M-SEARCH (UDP 1900, multicast 239.255.255.250). */
size_t req_ssdp_msearch(char *out, size_t cap);
/* mDNS query (RFC 6762) for the service list, _services._dns-sd._udp.local PTR. */
size_t req_mdns_services(uint8_t *out, size_t cap);

#endif
