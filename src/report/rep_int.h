/* What the report writers share: their prototypes (from formats.def), UTF-8 checking and the
 * labels and phrases every format prints the same way. */
#ifndef BS_REPORT_INT_H
#define BS_REPORT_INT_H

#include <stddef.h>
#include <stdio.h>

#include "bansweep/report.h"
#include "bansweep/jw.h"

struct buf;

/* Each writer returns 0, or -1 when it could not write; report_write also checks the stream's
 * error flag after flushing, so a writer need not check every call. */
#define REPORT_FORMAT(name, fn, summary) int fn(const struct report *r, FILE *out);
#include "report/formats.def"
#undef REPORT_FORMAT

/* The code point of the valid sequence of length len at s. */
unsigned rep_utf8_cp(const unsigned char *s, size_t len);
/* Code points that would let a value change how the text around it reads: C1 controls, the line
 * and paragraph separators, bidirectional overrides and isolates. Escaped in text and Markdown. */
int rep_cp_tricky(unsigned cp);

/* Appends s to b so that it stays on one line: \n \r \t as such, other control bytes and bytes
 * that are not UTF-8 as \xNN, tricky code points as \u{XXXX}. NULL appends nothing. */
void rep_esc_line(struct buf *b, const char *s);

/* "ACTION REQUIRED", ... for a status or state, or NULL for one this version does not know. */
const char *rep_status_upper(const char *status);
/* "Action required", ... likewise. */
const char *rep_status_title(const char *status);
/* "Found", "Removed (seen absent)", ... for an event kind, or NULL. */
const char *rep_event_title(const char *kind);
/* "overdue by 3 days", "due today", "12 days left" into out. */
const char *rep_days_phrase(int days, int overdue, char *out, size_t n);
/* s, or dflt when s is NULL or empty. */
const char *rep_or(const char *s, const char *dflt);
/* Is s equal to t (NULL equals nothing)? */
int rep_is(const char *s, const char *t);

/* The attestation every format closes with (one paragraph, no markup). */
extern const char rep_attestation_text[];

#endif
