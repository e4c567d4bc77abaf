/* Helpers of the line-oriented text protocols (HTTP, RTSP): spans of the input with explicit
 * bounds, whole lines through the bounded reader, trimmed values handed to emit. */
#ifndef BS_PROTO_TEXT_H
#define BS_PROTO_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "bansweep/proto.h"
#include "bansweep/rd.h"

/* A slice of the input, bounds explicit. */
struct span {
	const uint8_t *p;
	size_t n;
};

struct span span_trim(struct span s);
int span_eq_ci(struct span s, const char *lit);
int span_starts_ci(struct span s, const char *lit);
/* Case-insensitive substring search. */
int span_has_ci(struct span s, const char *lit);
/* RFC 9110 5.6.2 token character (RTSP's are the same, RFC 2326 15.1). */
int text_tchar(uint8_t c);
/* The next line up to LF, a CR before it dropped. Returns 0 when no whole line is left: a line
 * cut by the buffer bound is not a value as sent. */
int text_next_line(struct rd *r, struct span *line);
/* The same, looking at most max bytes ahead for the LF. */
int text_line_within(struct rd *r, size_t max, struct span *line);
/* Splits a header line "Name: value" (RFC 9110 5.1 token, colon); 0 when it is not one. */
int text_header(struct span line, struct span *name, struct span *val);
/* Emits v trimmed, unless empty. */
void text_emit(const struct emit *em, const struct pkt *pk, enum side who, enum key_id k,
               struct span v);

#endif
