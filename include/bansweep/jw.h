/* JSON Lines writer: values are written as they are given, no tree is built. Strings that are not
 * valid UTF-8 (bytes from the wire) have each bad byte replaced by U+FFFD, so that every line is
 * valid JSON. */
#ifndef BANSWEEP_JW_H
#define BANSWEEP_JW_H

#include <stddef.h>
#include <stdio.h>

struct jw;

struct jw *jw_new(FILE *out);
void jw_free(struct jw *w);

void jw_obj(struct jw *w);  /* { */
void jw_end(struct jw *w);  /* } */
void jw_arr(struct jw *w);  /* [ */
void jw_aend(struct jw *w); /* ] */
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s); /* NULL writes null */
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* key + value in one call */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, long long v);
void jw_kbool(struct jw *w, const char *k, int v);
/* Ends the current top-level value: writes it and a newline to the output. */
void jw_line(struct jw *w);

/* Is s (n bytes) valid UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF)? */
int bs_utf8_valid(const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when s[0] starts none. */
size_t bs_utf8_seq(const unsigned char *s, size_t n);
/* Appends the n bytes of s to b with each byte that is not part of a valid sequence replaced by
 * U+FFFD (what the JSON writer does; the store's back ends and the CSV report too). -1 when b's
 * limit is reached. */
struct buf;
int bs_utf8_fix(struct buf *b, const char *s, size_t n);

#endif
