/* The LOCATION of an SSDP answer, when it points to the host that answered (see location.h). */
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/capture.h"
#include "bansweep/rd.h"
#include "probe/location.h"
#include "proto/text.h"
#include "util/banned.h"

int ssdp_location(const uint8_t *p, size_t n, const struct addr *a, uint16_t *port, char *path,
                  size_t cap)
{
	struct rd rd = rd_make(p, n);
	struct span line, name, val;
	char host[64], url[320];
	if (a->fam != 4)
		return 0; /* an IPv6 URL host is bracketed: not followed */
	addr_format(a, host, sizeof(host));
	size_t hl = strlen(host);
	while (text_next_line(&rd, &line)) {
		if (!text_header(line, &name, &val) || !span_eq_ci(name, "location"))
			continue;
		val = span_trim(val);
		if (val.n >= sizeof(url))
			return 0;
		memcpy(url, val.p, val.n);
		url[val.n] = 0;
		if (strncmp(url, "http://", 7) || strncmp(url + 7, host, hl))
			return 0;
		const char *q = url + 7 + hl;
		unsigned long pt = 80;
		if (*q == ':') {
			char *end;
			pt = strtoul(q + 1, &end, 10);
			if (end == q + 1)
				return 0;
			q = end;
		}
		if (*q != '/' || pt == 0 || pt > 65535 || strlen(q) >= cap)
			return 0;
		for (const char *c = q; *c; c++)
			if (*c <= ' ' || *c > '~')
				return 0;
		*port = (uint16_t)pt;
		bs_strlcpy(path, q, cap);
		return 1;
	}
	return 0;
}
