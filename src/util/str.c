#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bansweep/buf.h"
#include "util/banned.h"

static inline int lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int bs_strcaseeq(const char *a, const char *b)
{
	while (*a && lc((unsigned char)*a) == lc((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == 0 && *b == 0;
}

int bs_strncaseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

char *bs_trim(char *s)
{
	while (is_space((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

void bs_lower(char *s)
{
	for (; *s; s++)
		*s = (char)lc((unsigned char)*s);
}

size_t bs_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		memcpy(dst, src, c);
		dst[c] = 0;
	}
	return n;
}

uint64_t bs_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t bs_hash_ci(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned)lc(s[i]);
		h *= 1099511628211ULL;
	}
	return h;
}

int bs_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

int bs_hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
