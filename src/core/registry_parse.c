/* Parsers of the three MAC registry formats Debian ships:
 *
 *   manuf (libwireshark-data)   "00:1B:C5:00:00:00/36<TAB>Short<TAB>Long name"; the long name may
 *                               be absent (then the short one), '#' starts a comment; the header
 *                               comments carry the IEEE files' "Last-Modified:" dates
 *   ieee-data CSVs              "Registry,Assignment,Organization Name,Organization Address",
 *                               RFC 4180 quoting (quoted addresses span lines)
 *   arp-scan ieee-oui.txt       "PREFIXHEX<TAB>Vendor", with 6, 7 or 9 hex digits for MA-L, MA-M
 *                               and MA-S; the header says when it was generated
 *
 * The input is any bytes and not NUL-terminated: every read is bounded by the length. */
#include <string.h>

#include "bansweep/buf.h"
#include "core/registry_int.h"
#include "util/banned.h"

const char *reg_kind_name(enum reg_kind k)
{
	static const char *const names[] = {"manuf", "ieee-csv", "arp-scan"};
	return k < REG_NKINDS ? names[k] : "?";
}

void reg_parse_init(struct reg_parse *p, const char *file, reg_entry_fn fn, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->file = file;
	p->fn = fn;
	p->ctx = ctx;
	p->date = BS_DAY_NONE;
}

struct line {
	const char *s;
	size_t n;
	unsigned no;
};

/* The next line without its end (LF or CRLF); 0 at the end of the input. */
static int next_line(const char *data, size_t len, size_t *off, struct line *l)
{
	if (*off >= len)
		return 0;
	const char *s = data + *off;
	const char *nl = memchr(s, '\n', len - *off);
	size_t n = nl ? (size_t)(nl - s) : len - *off;
	*off += n + (nl != NULL);
	if (n && s[n - 1] == '\r')
		n--;
	l->s = s;
	l->n = n;
	l->no++;
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void bad(struct reg_parse *p, unsigned line, const char *why)
{
	if (p->bad++ == 0)
		bs_fail(&p->first_bad, "%s:%u: %s", p->file, line, why);
}

/* Checks the block and its name and hands it on. Returns 0, or the callback's failure. */
static int emit(struct reg_parse *p, unsigned line, uint64_t prefix, unsigned bits, const char *org,
                size_t n, struct bs_err *e)
{
	while (n && is_blank(*org)) {
		org++;
		n--;
	}
	while (n && is_blank(org[n - 1]))
		n--;
	if (bits != 24 && bits != 28 && bits != 36) {
		/* manuf also lists well-known addresses and multicast ranges: not assignments */
		p->ignored++;
		return 0;
	}
	if (prefix & ((1ull << (48 - bits)) - 1)) {
		bad(p, line, "address bits set beyond the prefix length");
		return 0;
	}
	if ((prefix >> 40) & 1) {
		/* a group address (e.g. 01:0E:CF PROFINET multicast): no unicast MAC starts so */
		p->ignored++;
		return 0;
	}
	if (n == 0) {
		bad(p, line, "empty organisation name");
		return 0;
	}
	if (n >= REG_ORG_MAX) {
		bad(p, line, "organisation name too long");
		return 0;
	}
	char name[REG_ORG_MAX];
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)org[i];
		if (c < 0x20 || c == 0x7f) {
			/* names are printed to terminals: a control byte is damage, not a name */
			bad(p, line, "control character in organisation name");
			return 0;
		}
		name[i] = (char)c;
	}
	name[n] = 0;
	p->entries++;
	return p->fn(p->ctx, prefix, bits, name, e);
}

/* Finds a "YYYY-MM-DD" in s and keeps the newest in p->date. */
static void scan_iso_date(struct reg_parse *p, const char *s, size_t n)
{
	for (size_t i = 0; i + 10 <= n; i++) {
		char d[11];
		memcpy(d, s + i, 10);
		d[10] = 0;
		bs_day day;
		if (bs_day_parse(d, &day) == 0 && (p->date == BS_DAY_NONE || day > p->date))
			p->date = day;
	}
}

/* manuf header: "#   Last-Modified: Sun, 25 Aug 2024 08:01:19 GMT" (RFC 7231 IMF-fixdate). */
static void scan_http_date(struct reg_parse *p, const char *s, size_t n)
{
	static const char key[] = "Last-Modified:";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t k = sizeof(key) - 1, i = 0;
	while (i + k <= n && memcmp(s + i, key, k) != 0)
		i++;
	if (i + k > n)
		return;
	for (i += k; i < n && (s[i] < '0' || s[i] > '9'); i++)
		;
	int day = 0, year = 0, mon = 0, nd = 0, ny = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9' && nd < 2; i++, nd++)
		day = day * 10 + (s[i] - '0');
	if (nd == 0 || i + 5 > n || s[i] != ' ' || s[i + 4] != ' ')
		return;
	for (int m = 0; m < 12; m++)
		if (memcmp(s + i + 1, months + 3 * m, 3) == 0)
			mon = m + 1;
	for (i += 5; i < n && s[i] >= '0' && s[i] <= '9' && ny < 4; i++, ny++)
		year = year * 10 + (s[i] - '0');
	if (mon == 0 || ny != 4 || day < 1)
		return;
	char d[11];
	d[0] = (char)('0' + year / 1000);
	d[1] = (char)('0' + year / 100 % 10);
	d[2] = (char)('0' + year / 10 % 10);
	d[3] = (char)('0' + year % 10);
	d[4] = '-';
	d[5] = (char)('0' + mon / 10);
	d[6] = (char)('0' + mon % 10);
	d[7] = '-';
	d[8] = (char)('0' + day / 10);
	d[9] = (char)('0' + day % 10);
	d[10] = 0;
	scan_iso_date(p, d, 10);
}

/* manuf address: 1 to 6 octets of 1 or 2 hex digits separated by ':', '-' or '.', then an
 * optional "/BITS" (Wireshark's parse_ether_address; the unmasked bits are wildcards). */
static int manuf_addr(const char *s, size_t n, uint64_t *prefix, unsigned *bits)
{
	uint64_t v = 0;
	unsigned octets = 0;
	size_t i = 0;
	char sep = 0;
	for (;;) {
		int h1 = i < n ? hexval(s[i]) : -1;
		if (h1 < 0 || octets == 6)
			return -1;
		int h2 = i + 1 < n ? hexval(s[i + 1]) : -1;
		unsigned o = h2 < 0 ? (unsigned)h1 : (unsigned)(h1 * 16 + h2);
		i += h2 < 0 ? 1 : 2;
		v = v << 8 | o;
		octets++;
		if (i >= n || s[i] == '/')
			break;
		if (s[i] != ':' && s[i] != '-' && s[i] != '.')
			return -1;
		if (sep && s[i] != sep)
			return -1;
		sep = s[i++];
	}
	*prefix = v << (8 * (6 - octets));
	*bits = 8 * octets;
	if (i < n) {
		unsigned m = 0;
		size_t nd = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && nd < 3; i++, nd++)
			m = m * 10 + (unsigned)(s[i] - '0');
		if (i != n || nd == 0 || m == 0 || m > 48)
			return -1;
		*bits = m;
	}
	return 0;
}

static int parse_manuf(struct reg_parse *p, const char *data, size_t len, struct bs_err *e)
{
	struct line l = {0};
	size_t off = 0;
	while (next_line(data, len, &off, &l)) {
		const char *hash = memchr(l.s, '#', l.n);
		if (hash) {
			scan_http_date(p, hash, l.n - (size_t)(hash - l.s));
			l.n = (size_t)(hash - l.s); /* Wireshark cuts the line at '#' too */
		}
		size_t i = 0;
		while (i < l.n && is_blank(l.s[i]))
			i++;
		if (i == l.n)
			continue;
		size_t a = i;
		while (i < l.n && !is_blank(l.s[i]))
			i++;
		uint64_t prefix;
		unsigned bits;
		if (manuf_addr(l.s + a, i - a, &prefix, &bits) < 0) {
			bad(p, l.no, "bad address");
			continue;
		}
		/* then tab-separated names, empty fields skipped (Wireshark's strtok) */
		const char *f[2] = {NULL, NULL};
		size_t fn[2] = {0, 0}, nf = 0;
		while (i < l.n && nf < 2) {
			while (i < l.n && (l.s[i] == '\t' || (nf == 0 && l.s[i] == ' ')))
				i++;
			size_t b = i;
			while (i < l.n && l.s[i] != '\t')
				i++;
			size_t k = i;
			while (k > b && is_blank(l.s[k - 1]))
				k--;
			if (k > b) {
				f[nf] = l.s + b;
				fn[nf++] = k - b;
			}
		}
		if (nf == 0) {
			bad(p, l.no, "no organisation name");
			continue;
		}
		if (emit(p, l.no, prefix, bits, f[nf - 1], fn[nf - 1], e) < 0)
			return -1;
	}
	return 0;
}

/* One CSV field (RFC 4180) starting at *off; its content is copied into out (cap bytes with the
 * NUL; longer content sets *overlong). *end is set at the end of the record. Returns 0, or -1 on
 * a malformed field (the rest of its line is skipped). */
static int csv_field(const char *d, size_t len, size_t *off, unsigned *lineno, char *out,
                     size_t cap, size_t *olen, int *overlong, int *end)
{
	size_t i = *off, o = 0;
	*end = 0;
	if (i < len && d[i] == '"') {
		for (i++;; i++) {
			if (i >= len) {
				*off = len;
				*end = 1;
				return -1; /* unterminated quote */
			}
			char c = d[i];
			if (c == '"') {
				if (i + 1 < len && d[i + 1] == '"') {
					i++;
				} else {
					i++;
					break;
				}
			} else if (c == '\n') {
				++*lineno;
			}
			if (o + 1 < cap)
				out[o++] = c;
			else
				*overlong = 1;
		}
	} else {
		for (; i < len && d[i] != ',' && d[i] != '\n'; i++) {
			if (d[i] == '"')
				goto junk;
			if (o + 1 < cap)
				out[o++] = d[i];
			else
				*overlong = 1;
		}
	}
	if (i < len && d[i] == '\r')
		i++;
	if (i >= len || d[i] == '\n') {
		*end = 1;
		*off = i + (i < len);
		if (i < len)
			++*lineno;
	} else if (d[i] == ',') {
		*off = i + 1;
	} else {
		goto junk;
	}
	/* an unquoted field may end in CR before LF */
	if (o && out[o - 1] == '\r')
		o--;
	if (cap)
		out[o] = 0;
	*olen = o;
	return 0;
junk:
	while (i < len && d[i] != '\n')
		i++;
	*off = i + (i < len);
	if (i < len)
		++*lineno;
	*end = 1;
	return -1;
}

static int csv_digits(const char *reg, size_t n)
{
	static const struct {
		const char *name;
		int digits;
	} regs[] = {{"MA-L", 6}, {"MA-M", 7}, {"MA-S", 9}, {"IAB", 9}, {"CID", 6}};
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (n == strlen(regs[i].name) && memcmp(reg, regs[i].name, n) == 0)
			return regs[i].digits;
	return -1;
}

static int parse_csv(struct reg_parse *p, const char *data, size_t len, struct bs_err *e)
{
	size_t off = 0;
	unsigned lineno = 1;
	int first = 1;
	while (off < len) {
		unsigned start = lineno;
		char f[3][REG_ORG_MAX];
		size_t fl[3] = {0, 0, 0};
		int overlong = 0, end = 0, broken = 0;
		size_t nf = 0;
		while (!end) {
			char skip[1];
			char *out = nf < 3 ? f[nf] : skip;
			size_t cap = nf < 3 ? sizeof(f[0]) : 0, olen = 0;
			int over = 0;
			if (csv_field(data, len, &off, &lineno, out, cap, &olen, &over, &end) < 0)
				broken = 1;
			if (nf < 3) {
				overlong |= over;
				fl[nf] = olen;
			}
			nf++;
		}
		if (nf == 1 && fl[0] == 0 && !broken)
			continue; /* blank line */
		int header = first && nf >= 3 && fl[0] == 8 && memcmp(f[0], "Registry", 8) == 0;
		first = 0;
		if (header)
			continue;
		if (broken) {
			bad(p, start, "malformed quoted field");
			continue;
		}
		if (nf < 3) {
			bad(p, start, "fewer than 3 fields");
			continue;
		}
		if (overlong) {
			bad(p, start, "field too long");
			continue;
		}
		int digits = csv_digits(f[0], fl[0]);
		if (digits < 0) {
			bad(p, start, "unknown registry");
			continue;
		}
		uint64_t v = 0;
		int i = 0, h = 0;
		for (; fl[1] == (size_t)digits && i < digits && (h = hexval(f[1][i])) >= 0; i++)
			v = v << 4 | (unsigned)h;
		if (i != digits) {
			bad(p, start, "assignment does not fit its registry");
			continue;
		}
		unsigned bits = 4u * (unsigned)digits;
		if (emit(p, start, v << (48 - bits), bits, f[2], fl[2], e) < 0)
			return -1;
	}
	return 0;
}

static int parse_arpscan(struct reg_parse *p, const char *data, size_t len, struct bs_err *e)
{
	struct line l = {0};
	size_t off = 0;
	while (next_line(data, len, &off, &l)) {
		if (l.n && l.s[0] == '#') {
			/* "# ... generated by get-oui at 2022-12-10 18:06:56" */
			scan_iso_date(p, l.s, l.n);
			continue;
		}
		size_t i = 0;
		while (i < l.n && is_blank(l.s[i]))
			i++;
		if (i == l.n)
			continue;
		uint64_t v = 0;
		size_t a = i;
		int h;
		for (; i < l.n && (h = hexval(l.s[i])) >= 0 && i - a < 13; i++)
			v = v << 4 | (unsigned)h;
		size_t nd = i - a;
		if (nd < 2 || nd > 12 || i == l.n || !is_blank(l.s[i])) {
			bad(p, l.no, "bad prefix");
			continue;
		}
		unsigned bits = 4u * (unsigned)nd;
		if (emit(p, l.no, v << (48 - bits), bits, l.s + i, l.n - i, e) < 0)
			return -1;
	}
	return 0;
}

int reg_sniff(const char *path, const char *data, size_t len, enum reg_kind *kind)
{
	struct line l = {0};
	size_t off = 0;
	while (next_line(data, len, &off, &l)) {
		size_t i = 0;
		while (i < l.n && is_blank(l.s[i]))
			i++;
		if (i == l.n || l.s[i] == '#')
			continue;
		const char *s = l.s + i;
		size_t n = l.n - i;
		if (n >= 9 && memcmp(s, "Registry,", 9) == 0) {
			*kind = REG_CSV;
			return 0;
		}
		size_t h = 0;
		while (h < n && hexval(s[h]) >= 0)
			h++;
		if (h >= 1 && h <= 2 && h < n && (s[h] == ':' || s[h] == '-' || s[h] == '.')) {
			*kind = REG_MANUF;
			return 0;
		}
		if (h >= 2 && h <= 12 && h < n && is_blank(s[h])) {
			*kind = REG_ARPSCAN;
			return 0;
		}
		return -1;
	}
	/* no data line: an empty file of a known name is an empty registry */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bn = strlen(base);
	if (strcmp(base, "manuf") == 0)
		*kind = REG_MANUF;
	else if (bn > 4 && strcmp(base + bn - 4, ".csv") == 0)
		*kind = REG_CSV;
	else if (strcmp(base, "ieee-oui.txt") == 0)
		*kind = REG_ARPSCAN;
	else
		return -1;
	return 0;
}

int reg_parse_buf(struct reg_parse *p, enum reg_kind kind, const char *data, size_t len,
                  struct bs_err *e)
{
	int r;
	switch (kind) {
	case REG_MANUF:
		r = parse_manuf(p, data, len, e);
		break;
	case REG_CSV:
		r = parse_csv(p, data, len, e);
		break;
	case REG_ARPSCAN:
		r = parse_arpscan(p, data, len, e);
		break;
	default:
		return bs_fail(e, "%s: unknown registry format", p->file);
	}
	if (r < 0)
		return r;
	size_t records = p->entries + p->ignored + p->bad;
	if (p->bad && (p->entries == 0 || (p->bad > REG_BAD_MAX && p->bad * 20 > records)))
		return bs_fail(e, "%s (%zu of %zu records malformed: not a %s file?)",
		               p->first_bad.msg, p->bad, records, reg_kind_name(kind));
	return 0;
}
