/* Error reporting: the library never prints or exits; it fills a struct bs_err that the caller
 * shows. Messages name the file and line (or byte offset) where the input was wrong. */
#ifndef BANSWEEP_ERR_H
#define BANSWEEP_ERR_H

#include <stddef.h>

struct bs_err {
	char msg[1024];
};

/* Sets e->msg (if e is not NULL) and returns -1, so that callers can `return bs_fail(...)`. */
int bs_fail(struct bs_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
