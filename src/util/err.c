#include <stdarg.h>
#include <stdio.h>

#include "bansweep/err.h"
#include "util/banned.h"

int bs_fail(struct bs_err *e, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}
