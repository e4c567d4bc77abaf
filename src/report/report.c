/* The report formats by name (formats.def), and what the writers share: UTF-8 checking, the
 * one-line escaping of the text formats, status labels and day phrases, so that every format
 * words a verdict the same way. */
#include <stdio.h>
#include <string.h>

#include "bansweep/buf.h"
#include "bansweep/report.h"
#include "report/rep_int.h"
#include "util/banned.h"

static const struct {
	const char *name;
	int (*write)(const struct report *r, FILE *out);
} formats[] = {
#define REPORT_FORMAT(name, fn, summary) {name, fn},
#include "report/formats.def"
#undef REPORT_FORMAT
};

/* ", text, json, ..." built by the preprocessor; the list starts after the first ", ". */
static const char format_list[] = ""
#define REPORT_FORMAT(name, fn, summary) ", " name
#include "report/formats.def"
#undef REPORT_FORMAT
    ;

int report_format_known(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, name))
			return 1;
	return 0;
}

const char *report_format_list(void)
{
	return format_list + 2;
}

int report_write(const struct report *r, const char *format, FILE *out)
{
	if (!format)
		return -2;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(formats[i].name, format))
			continue;
		if (!r || !out)
			return -1;
		int rc = formats[i].write(r, out);
		/* Buffered output fails late (a full disk shows at the flush): check both. */
		if (fflush(out) == EOF)
			rc = -1;
		if (ferror(out))
			rc = -1;
		return rc < 0 ? -1 : 0;
	}
	return -2;
}

unsigned rep_utf8_cp(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	unsigned cp = s[0] & lead_mask[len];
	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3Fu);
	return cp;
}

int rep_cp_tricky(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	       cp == 0x200F || cp == 0x061C;
}

void rep_esc_line(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c >= 0x20 && c < 0x7F) {
			buf_addc(b, (char)c);
			i++;
			continue;
		}
		size_t l = c >= 0x80 ? bs_utf8_seq(p + i, n - i) : 0;
		if (l) {
			unsigned cp = rep_utf8_cp(p + i, l);
			if (rep_cp_tricky(cp))
				buf_printf(b, "\\u{%04X}", cp);
			else
				buf_add(b, p + i, l);
			i += l;
			continue;
		}
		if (c == '\n') {
			buf_add(b, "\\n", 2);
		} else if (c == '\r') {
			buf_add(b, "\\r", 2);
		} else if (c == '\t') {
			buf_add(b, "\\t", 2);
		} else {
			char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 4);
		}
		i++;
	}
}

static const struct {
	const char *name, *upper, *title;
} statuses[] = {
    {"action-required", "ACTION REQUIRED", "Action required"},
    {"needs-review", "NEEDS REVIEW", "Needs review"},
    {"informational", "INFORMATIONAL", "Informational"},
    {"not-covered", "NOT COVERED", "Not covered"},
    {"open", "OPEN", "Open"},
    {"excepted", "EXCEPTED", "Excepted"},
    {"removed", "REMOVED", "Removed"},
    {"replaced", "REPLACED", "Replaced"},
};

const char *rep_status_upper(const char *status)
{
	for (size_t i = 0; status && i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (!strcmp(statuses[i].name, status))
			return statuses[i].upper;
	return NULL;
}

const char *rep_status_title(const char *status)
{
	for (size_t i = 0; status && i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (!strcmp(statuses[i].name, status))
			return statuses[i].title;
	return NULL;
}

const char *rep_event_title(const char *kind)
{
	static const struct {
		const char *kind, *title;
	} kinds[] = {
	    {"found", "Found"},
	    {"seen-absent", "Removed (seen absent)"},
	    {"reappeared", "Reappeared"},
	    {"replaced", "Replaced"},
	    {"remediated", "Remediated (claimed)"},
	    {"exception", "Exception granted"},
	    {"exception-revoked", "Exception revoked"},
	};
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].title;
	return NULL;
}

const char *rep_days_phrase(int days, int overdue, char *out, size_t n)
{
	long long d = days;
	if (d < 0)
		snprintf(out, n, "overdue by %lld day%s", -d, d == -1 ? "" : "s");
	else if (overdue)
		snprintf(out, n, "overdue");
	else if (d == 0)
		snprintf(out, n, "due today");
	else
		snprintf(out, n, "%lld day%s left", d, d == 1 ? "" : "s");
	return out;
}

const char *rep_or(const char *s, const char *dflt)
{
	return s && *s ? s : dflt;
}

int rep_is(const char *s, const char *t)
{
	return s && t && !strcmp(s, t);
}

const char rep_attestation_text[] =
    "I have reviewed this report, including the scope and methods of the inquiry, the "
    "findings, the deadlines and the remediation history it sets out, and attest that, to the "
    "best of my knowledge, it is a complete and accurate account of the results of the inquiry "
    "as of the date stated in it.";
