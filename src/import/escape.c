/* Scanner banner text back to the device's bytes (escape.h). */
#include "escape.h"

#include "bansweep/buf.h"
#include "util/banned.h"

size_t imp_unescape_banner(char *p, size_t n, int wrapped)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\n' && wrapped)
			continue;
		if (c == '\\' && i + 3 < n && p[i + 1] == 'x' && bs_hexdigit(p[i + 2]) >= 0 &&
		    bs_hexdigit(p[i + 3]) >= 0) {
			c = (unsigned char)(bs_hexdigit(p[i + 2]) << 4 | bs_hexdigit(p[i + 3]));
			i += 3;
		} else if (c == '\\' && i + 1 < n && p[i + 1] == '\\') {
			i++;
		}
		p[w++] = (char)c; /* w <= i: the text only shrinks */
	}
	size_t out = 0;
	for (size_t i = 0; i < w; i++) {
		unsigned char c = (unsigned char)p[i];
		unsigned char d = i + 1 < w ? (unsigned char)p[i + 1] : 0;
		if (c == 0xff && d == 0xfa) { /* IAC SB ... IAC SE */
			for (i += 2; i + 1 < w && !((unsigned char)p[i] == 0xff &&
			                            (unsigned char)p[i + 1] == 0xf0);)
				i++;
			i++;
		} else if (c == 0xff && d >= 0xfb) { /* IAC WILL/WONT/DO/DONT option */
			i += 2;
		} else if (c == 0xff && i + 1 < w) { /* IAC and a one-byte command */
			i++;
		} else if (c) {
			p[out++] = (char)c;
		}
	}
	return out;
}
