/* Whether an answer read so far is whole (complete.c): the exchange's `enough` callbacks. */
#ifndef BS_PROBE_COMPLETE_H
#define BS_PROBE_COMPLETE_H

#include <stddef.h>
#include <stdint.h>

/* A line ends (banners: SSH, Telnet, FTP). */
int complete_line(const uint8_t *p, size_t n);
/* An HTTP or RTSP response: headers ended and the body the headers announce has come (chunked:
 * the last chunk). Without a length, HTTP reads to the close (body_without_length 1) and RTSP
 * has no body (0). */
int complete_http(const uint8_t *p, size_t n, int body_without_length);
/* A TLS server's first flight: ServerHelloDone, an alert, or ChangeCipherSpec. */
int complete_tls(const uint8_t *p, size_t n);

/* The same, shaped as exchange_spec.enough. */
int complete_line_answer(void *ctx, const uint8_t *p, size_t n);
int complete_http_answer(void *ctx, const uint8_t *p, size_t n);
int complete_rtsp_answer(void *ctx, const uint8_t *p, size_t n);
int complete_tls_answer(void *ctx, const uint8_t *p, size_t n);

#endif
