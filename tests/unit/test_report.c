/* The report writers (src/report/): the sample model of tests/tools/report_sample.h in every
 * format, checked line by line (text), parsed back (JSON with yajl, CSV with a small RFC 4180
 * reader), for escaping (Markdown cells, HTML: no markup from values), and the charts for
 * numbers that are numbers; an empty model, odd models (one point, many vendors, dates that do
 * not parse, everything unknown) in every format; unknown formats and write errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit/cm.h"

#include "bansweep/jw.h"
#include "bansweep/report.h"
#include "tools/report_sample.h"

static const char *const formats[] = {"text", "json", "csv", "md", "html"};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* r written in fmt into memory; a malloc'd string. */
static char *render(const struct report *r, const char *fmt)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	assert_non_null(f);
	int rc = report_write(r, fmt, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(mem), len); /* no NUL byte in the output */
	return mem;
}

#define has(s, sub) has_(s, sub, __LINE__)
static void has_(const char *s, const char *sub, int line)
{
	if (!strstr(s, sub))
		fail_msg("line %d: output lacks: %s", line, sub);
}

#define hasnt(s, sub) hasnt_(s, sub, __LINE__)
static void hasnt_(const char *s, const char *sub, int line)
{
	if (strstr(s, sub))
		fail_msg("line %d: output has: %s", line, sub);
}

/* The whole line, from its start to its newline. */
#define has_line(s, l) has_line_(s, l, __LINE__)
static void has_line_(const char *s, const char *l, int line)
{
	size_t n = strlen(l);
	for (const char *p = s; (p = strstr(p, l)); p++)
		if ((p == s || p[-1] == '\n') &&
		    (p[n] == '\n' || (p[n] == '\r' && p[n + 1] == '\n')))
			return;
	fail_msg("line %d: output lacks the line: %s", line, l);
}

static size_t count(const char *s, const char *sub)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, sub)); p += strlen(sub))
		n++;
	return n;
}

/* No control character but those allowed, and valid UTF-8. */
static void clean_bytes(const char *s, const char *allowed)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 && !strchr(allowed, *p))
			fail_msg("control byte 0x%02x at offset %zu", (unsigned char)*p,
			         (size_t)(p - s));
	assert_true(bs_utf8_valid(s, strlen(s)));
}

/* ---- formats by name -------------------------------------------------------------------- */

static void t_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFORMATS; i++)
		assert_true(report_format_known(formats[i]));
	assert_false(report_format_known("pdf"));
	assert_false(report_format_known("HTML"));
	assert_false(report_format_known(""));
	assert_false(report_format_known(NULL));
	assert_string_equal(report_format_list(), "text, json, csv, md, html");

	struct report r = report_sample();
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	assert_int_equal(report_write(&r, "pdf", f), -2);
	assert_int_equal(report_write(&r, "", f), -2);
	assert_int_equal(report_write(&r, NULL, f), -2);
	fclose(f);
	assert_int_equal(len, 0); /* nothing written for an unknown format */
	free(mem);
}

/* A full disk: every format says so. */
static void t_write_error(void **state)
{
	(void)state;
	struct report r = report_sample();
	for (size_t i = 0; i < NFORMATS; i++) {
		FILE *f = fopen("/dev/full", "w");
		if (!f)
			skip();
		assert_int_equal(report_write(&r, formats[i], f), -1);
		fclose(f);
	}
	/* The empty model is small enough to sit in the buffer: still found at the flush. */
	struct report e = report_sample_empty();
	for (size_t i = 0; i < NFORMATS; i++) {
		FILE *f = fopen("/dev/full", "w");
		assert_int_equal(report_write(&e, formats[i], f), -1);
		fclose(f);
	}
}

/* ---- text ------------------------------------------------------------------------------- */

static void t_text(void **state)
{
	(void)state;
	struct report r = report_sample();
	char *s = render(&r, "text");
	clean_bytes(s, "\n");

	has_line(s,
	         "BANSWEEP COMPLIANCE REPORT: Quarterly inquiry: Example Agency & Partners <HQ>");
	has_line(s, "Tool version:       bansweep 0.1.0");
	has_line(s, "Generated:          2025-06-30T16:00:00Z");
	has_line(s, "As of:              2025-06-30");
	has_line(s, "Policy:             us-federal-agency (US federal executive agency)");
	has_line(s, "Catalogue version:  2025-06-01");
	has_line(s, "MAC registry date:  2025-05-28");
	has_line(s, "Operator:           Alice O'Neil");
	has_line(s, "Store:              /var/lib/bansweep/store.db");

	has(s, "\nSUMMARY\n-------\nAction required:    3\nNeeds review:       1\n"
	       "Informational:      0\nExcepted:           1\nRemoved:            1\n"
	       "Replaced:           1\nOverdue:            1\nAssets in store:    214\n");

	/* Scope: every scan with its state, even the one that never finished. */
	has(s, "\nSCOPE AND METHODS OF THE INQUIRY\n");
	has(s, "Scan 3\n  Started:          2025-06-20T13:00:00Z\n  Finished:         -\n"
	       "  State:            interrupted\n  Run by:           alice & bob <ops>\n"
	       "  Method:           active scan\n  Scope:            10.20.0.0/16\n"
	       "  Command:          bansweep scan 10.20.0.0/16\n");
	has_line(s, "  Counts:           180 assets, 2954 observations, 4 findings");

	/* A whole finding block. */
	has(s, "\nFinding 1: ACTION REQUIRED\n"
	       "  Asset:            host:web01.example.org\n"
	       "  IP address:       10.20.0.15\n"
	       "  Host name:        web01.example.org\n"
	       "  Root:             /\n"
	       "  Vendor:           Kaspersky (kaspersky)\n"
	       "  Brand shown:      Kaspersky; made by: AO Kaspersky Lab\n"
	       "  Product:          Kaspersky Endpoint Security for Linux 11.4\n"
	       "  Class:            security-software\n"
	       "  Confidence:       confirmed\n"
	       "  State:            open; status: action-required\n"
	       "  First seen:       2025-03-02T09:15:00Z (scan 2)\n"
	       "  Last seen:        2025-06-20T14:05:00Z (scan 3)\n"
	       "  Evidence:\n"
	       "    - pkg.name=kesl [rule kaspersky.pkg.kesl, strong, source "
	       "dpkg:/var/lib/dpkg/status]\n"
	       "    - file.path=/opt/kaspersky/kesl/bin/kesl [rule kaspersky.path.opt, strong, "
	       "source walk:/]\n"
	       "  Instruments:\n"
	       "    - us-dhs-bod-17-01: ACTION REQUIRED\n"
	       "        Title:      BOD 17-01: Removal of Kaspersky-branded products\n"
	       "        Authority:  US DHS (us)\n"
	       "        In force:   yes\n"
	       "        Effect:     remove\n"
	       "        Action:     Identify, plan and remove Kaspersky-branded products\n"
	       "        Deadline:   2017-12-12 (begin removal): overdue by 2757 days\n");
	has_line(s, "        Deadline:   2025-12-22 (no federal operation): 175 days left");
	has_line(s, "        Deadline:   none");
	has_line(s, "        Why:        qualifier-dependent");
	has_line(s, "Finding 4: NEEDS REVIEW");
	has_line(s, "Finding 5: EXCEPTED");
	has_line(s, "Finding 6: REMOVED");
	has_line(s, "Finding 7: REPLACED");
	has_line(s, "Finding 8: NOT COVERED");
	has_line(s, "  Closed:           2025-06-20T14:05:00Z (scan 3)");
	has_line(s, "  Instruments: none binds this finding");
	/* Values stay on their line: escapes, not control characters. */
	has_line(s, "  Host name:        rtr-\\xff01 core");
	has_line(s, "  Product:          NetEngine <AR6120> \"edge\" | core & more");
	has_line(s, "  Note:             line one\\nline two\\tindented");
	has_line(s, "    - snmp.sysdescr=Huawei Versatile Routing Platform Software\\r\\nVRP (R) "
	            "software [rule huawei.vrp.sysdescr, strong, source scan:10.20.0.1:161]");
	has(s, "ssh.banner=SSH-2.0-HUAWEI-1.5\\x1b[31m [rule huawei.ssh");
	has_line(s, "  Serial number:    SN\\u{202E}4321");

	has(s, "\nEXCEPTIONS IN FORCE\n-------------------\n"
	       "Finding 5 (mac:3c:ef:8c:01:02:03, Dahua)\n"
	       "  Exception:        until 2025-12-31; reason: Evidence retention: court order & "
	       "legal hold <case 24-118>; approved by: CISO J. Doe\n");

	/* Deadlines, soonest first, with days. */
	has(s,
	    "\nDEADLINES\n---------\n"
	    "Date        Days                  Instrument             Milestone             "
	    "Open findings\n"
	    "2017-12-12  overdue by 2757 days  us-dhs-bod-17-01       begin removal         1\n"
	    "2018-10-01  overdue by 2464 days  us-ndaa18-1634         in force              1\n"
	    "2025-12-22  175 days left         us-asda-2023           no federal operation  1\n");

	/* History, oldest first: 12 events. */
	has(s, "\nREMEDIATION HISTORY\n");
	has_line(s,
	         "2025-04-15T10:00:00Z  exception    5        mac:3c:ef:8c:01:02:03   dahua      "
	         "-     carol  Evidence retention: court order & legal hold <case 24-118>; until "
	         "2025-12-31; approved by CISO J. Doe");
	has_line(s,
	         "2025-06-20T14:05:00Z  seen-absent  6        host:tablet-07          dji        "
	         "3     alice  -");
	assert_int_equal(count(s, "\n2025-0"), 12);

	/* The attestation is left to a person. */
	has(s, "\nATTESTATION\n-----------\nI have reviewed this report,");
	has_line(s, "Reviewed by: ________________________________  Date: ______________");
	has_line(s, "Signature:   ________________________________  Role: ______________");
	/* and it comes last */
	assert_true(strstr(s, "ATTESTATION") > strstr(s, "REMEDIATION HISTORY"));
	free(s);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static yajl_val path(yajl_val v, const char *a, const char *b, const char *c)
{
	const char *p[] = {a, b, c, NULL};
	return yajl_tree_get(v, p, yajl_t_any);
}

static const char *str_at(yajl_val v, const char *a, const char *b, const char *c)
{
	yajl_val x = path(v, a, b, c);
	assert_non_null(x);
	assert_true(YAJL_IS_STRING(x));
	return YAJL_GET_STRING(x);
}

static long long int_at(yajl_val v, const char *a, const char *b, const char *c)
{
	yajl_val x = path(v, a, b, c);
	assert_non_null(x);
	assert_true(YAJL_IS_INTEGER(x));
	return YAJL_GET_INTEGER(x);
}

static yajl_val arr_at(yajl_val v, const char *k, size_t len)
{
	yajl_val x = path(v, k, NULL, NULL);
	assert_non_null(x);
	assert_true(YAJL_IS_ARRAY(x));
	assert_int_equal(YAJL_GET_ARRAY(x)->len, len);
	return x;
}

static yajl_val item(yajl_val arr, size_t i)
{
	return YAJL_GET_ARRAY(arr)->values[i];
}

static yajl_val parse(const char *s)
{
	char err[256];
	yajl_val v = yajl_tree_parse(s, err, sizeof(err));
	if (!v)
		fail_msg("JSON does not parse: %s", err);
	assert_true(YAJL_IS_OBJECT(v));
	return v;
}

static void t_json(void **state)
{
	(void)state;
	struct report r = report_sample();
	char *s = render(&r, "json");
	/* One document: one line, parsed whole (a second value would be trailing garbage). */
	assert_int_equal(count(s, "\n"), 1);
	assert_int_equal(s[strlen(s) - 1], '\n');
	yajl_val v = parse(s);

	assert_string_equal(str_at(v, "report", NULL, NULL), "bansweep-compliance");
	assert_int_equal(int_at(v, "format_version", NULL, NULL), 1);
	assert_string_equal(str_at(v, "meta", "title", NULL),
	                    "Quarterly inquiry: Example Agency & Partners <HQ>");
	assert_string_equal(str_at(v, "meta", "tool_version", NULL), "0.1.0");
	assert_string_equal(str_at(v, "meta", "generated", NULL), "2025-06-30T16:00:00Z");
	assert_string_equal(str_at(v, "meta", "as_of", NULL), "2025-06-30");
	assert_string_equal(str_at(v, "meta", "policy", NULL), "us-federal-agency");
	assert_string_equal(str_at(v, "meta", "policy_title", NULL), "US federal executive agency");
	assert_string_equal(str_at(v, "meta", "catalogue", NULL), "2025-06-01");
	assert_string_equal(str_at(v, "meta", "registry", NULL), "2025-05-28");
	assert_string_equal(str_at(v, "meta", "operator", NULL), "Alice O'Neil");
	assert_string_equal(str_at(v, "meta", "store", NULL), "/var/lib/bansweep/store.db");

	assert_int_equal(int_at(v, "counts", "action_required", NULL), 3);
	assert_int_equal(int_at(v, "counts", "needs_review", NULL), 1);
	assert_int_equal(int_at(v, "counts", "informational", NULL), 0);
	assert_int_equal(int_at(v, "counts", "excepted", NULL), 1);
	assert_int_equal(int_at(v, "counts", "removed", NULL), 1);
	assert_int_equal(int_at(v, "counts", "replaced", NULL), 1);
	assert_int_equal(int_at(v, "counts", "overdue", NULL), 1);
	assert_int_equal(int_at(v, "counts", "assets", NULL), 214);
	assert_int_equal(int_at(v, "counts", "findings", NULL), 8);
	assert_int_equal(int_at(v, "counts", "scans", NULL), 3);

	yajl_val scans = arr_at(v, "scans", 3);
	yajl_val s3 = item(scans, 2);
	assert_int_equal(int_at(s3, "id", NULL, NULL), 3);
	assert_true(YAJL_IS_NULL(path(s3, "finished", NULL, NULL)));
	assert_string_equal(str_at(s3, "state", NULL, NULL), "interrupted");
	assert_string_equal(str_at(s3, "who", NULL, NULL), "alice & bob <ops>");
	assert_string_equal(str_at(s3, "command", NULL, NULL), "bansweep scan 10.20.0.0/16");
	assert_int_equal(int_at(s3, "observations", NULL, NULL), 2954);

	yajl_val fs = arr_at(v, "findings", 8);
	yajl_val f1 = item(fs, 0);
	assert_int_equal(int_at(f1, "id", NULL, NULL), 1);
	assert_string_equal(str_at(f1, "asset", "id", NULL), "host:web01.example.org");
	assert_string_equal(str_at(f1, "asset", "hostname", NULL), "web01.example.org");
	assert_true(YAJL_IS_NULL(path(f1, "asset", "mac", NULL)));
	assert_string_equal(str_at(f1, "vendor", NULL, NULL), "kaspersky");
	assert_string_equal(str_at(f1, "maker", NULL, NULL), "AO Kaspersky Lab");
	assert_string_equal(str_at(f1, "class", NULL, NULL), "security-software");
	assert_string_equal(str_at(f1, "confidence", NULL, NULL), "confirmed");
	assert_string_equal(str_at(f1, "state", NULL, NULL), "open");
	assert_int_equal(int_at(f1, "first_scan", NULL, NULL), 2);
	assert_true(YAJL_IS_NULL(path(f1, "closed_scan", NULL, NULL)));
	assert_true(YAJL_IS_NULL(path(f1, "exception", NULL, NULL)));
	yajl_val ev = path(f1, "evidence", NULL, NULL);
	assert_int_equal(YAJL_GET_ARRAY(ev)->len, 2);
	assert_string_equal(str_at(item(ev, 0), "key", NULL, NULL), "pkg.name");
	assert_string_equal(str_at(item(ev, 0), "value", NULL, NULL), "kesl");
	assert_string_equal(str_at(item(ev, 0), "rule", NULL, NULL), "kaspersky.pkg.kesl");
	assert_string_equal(str_at(item(ev, 0), "source", NULL, NULL), "dpkg:/var/lib/dpkg/status");
	assert_string_equal(str_at(item(ev, 0), "strength", NULL, NULL), "strong");
	yajl_val bans = path(f1, "bans", NULL, NULL);
	assert_int_equal(YAJL_GET_ARRAY(bans)->len, 2);
	yajl_val b = item(bans, 0);
	assert_string_equal(str_at(b, "id", NULL, NULL), "us-dhs-bod-17-01");
	assert_string_equal(str_at(b, "status", NULL, NULL), "action-required");
	assert_string_equal(str_at(b, "deadline", NULL, NULL), "2017-12-12");
	assert_string_equal(str_at(b, "milestone", NULL, NULL), "begin removal");
	assert_int_equal(int_at(b, "days", NULL, NULL), -2757);
	assert_true(YAJL_IS_TRUE(path(b, "overdue", NULL, NULL)));
	assert_true(YAJL_IS_TRUE(path(b, "in_force", NULL, NULL)));
	assert_true(YAJL_IS_NULL(path(b, "why", NULL, NULL)));

	/* Strings as they were, bad bytes replaced. */
	yajl_val f3 = item(fs, 2);
	assert_string_equal(str_at(f3, "product", NULL, NULL),
	                    "NetEngine <AR6120> \"edge\" | core & more");
	assert_string_equal(str_at(f3, "note", NULL, NULL), "line one\nline two\tindented");
	assert_string_equal(str_at(f3, "asset", "hostname", NULL), "rtr-\xEF\xBF\xBD"
	                                                           "01 core");
	/* A ban without a deadline has no days. */
	yajl_val f4 = item(fs, 3);
	yajl_val b4 = item(path(f4, "bans", NULL, NULL), 0);
	assert_true(YAJL_IS_NULL(path(b4, "deadline", NULL, NULL)));
	assert_true(YAJL_IS_NULL(path(b4, "days", NULL, NULL)));
	assert_true(YAJL_IS_FALSE(path(b4, "overdue", NULL, NULL)));
	assert_string_equal(str_at(b4, "status", NULL, NULL), "needs-review");
	/* No instrument: an empty list. */
	yajl_val f8 = item(fs, 4);
	assert_int_equal(int_at(f8, "id", NULL, NULL), 8);
	assert_int_equal(YAJL_GET_ARRAY(path(f8, "bans", NULL, NULL))->len, 0);
	/* Exception. */
	yajl_val f5 = item(fs, 5);
	assert_string_equal(str_at(f5, "state", NULL, NULL), "excepted");
	assert_string_equal(str_at(f5, "exception", "until", NULL), "2025-12-31");
	assert_string_equal(str_at(f5, "exception", "approver", NULL), "CISO J. Doe");
	/* Closed. */
	yajl_val f6 = item(fs, 6);
	assert_string_equal(str_at(f6, "closed_at", NULL, NULL), "2025-06-20T14:05:00Z");
	assert_int_equal(int_at(f6, "closed_scan", NULL, NULL), 3);

	yajl_val evs = arr_at(v, "events", 12);
	assert_string_equal(str_at(item(evs, 0), "kind", NULL, NULL), "found");
	assert_int_equal(int_at(item(evs, 0), "scan", NULL, NULL), 1);
	yajl_val e8 = item(evs, 7);
	assert_string_equal(str_at(e8, "kind", NULL, NULL), "exception");
	assert_true(YAJL_IS_NULL(path(e8, "scan", NULL, NULL)));
	assert_string_equal(str_at(e8, "until", NULL, NULL), "2025-12-31");
	assert_string_equal(str_at(e8, "approver", NULL, NULL), "CISO J. Doe");
	assert_string_equal(str_at(e8, "asset", NULL, NULL), "mac:3c:ef:8c:01:02:03");

	yajl_val dl = arr_at(v, "deadlines", 5);
	assert_string_equal(str_at(item(dl, 0), "date", NULL, NULL), "2017-12-12");
	assert_string_equal(str_at(item(dl, 0), "instrument", NULL, NULL), "us-dhs-bod-17-01");
	assert_int_equal(int_at(item(dl, 0), "days", NULL, NULL), -2757);
	assert_int_equal(int_at(item(dl, 4), "findings", NULL, NULL), 1);

	yajl_val bd = arr_at(v, "burndown", 5);
	assert_string_equal(str_at(item(bd, 1), "date", NULL, NULL), "2025-03-02");
	assert_int_equal(int_at(item(bd, 1), "open", NULL, NULL), 7);
	assert_int_equal(int_at(item(bd, 4), "open", NULL, NULL), 4);
	yajl_tree_free(v);
	free(s);
}

/* ---- CSV -------------------------------------------------------------------------------- */

/* RFC 4180 records: fields[rec][field], malloc'd; every record must end with CRLF. */
struct csv {
	char ***rec;
	size_t *nf;
	size_t n;
};

static void csv_parse(const char *s, struct csv *c)
{
	memset(c, 0, sizeof(*c));
	const char *p = s;
	while (*p) {
		c->rec = realloc(c->rec, (c->n + 1) * sizeof(*c->rec));
		c->nf = realloc(c->nf, (c->n + 1) * sizeof(*c->nf));
		char **fields = NULL;
		size_t nf = 0;
		for (;;) {
#define PUT(ch)                                                                                    \
	do {                                                                                       \
		if (len + 2 > cap)                                                                 \
			fld = realloc(fld, cap *= 2);                                              \
		fld[len++] = (ch);                                                                 \
	} while (0)
			size_t cap = 16, len = 0;
			char *fld = malloc(cap);
			if (*p == '"') {
				p++;
				for (;;) {
					if (!*p)
						fail_msg("unterminated quoted field");
					if (*p == '"' && p[1] == '"') {
						PUT('"');
						p += 2;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						PUT(*p);
						p++;
					}
				}
			} else {
				while (*p && *p != ',' && *p != '\r' && *p != '\n' && *p != '"') {
					PUT(*p);
					p++;
				}
			}
			fld[len] = 0;
			fields = realloc(fields, (nf + 1) * sizeof(*fields));
			fields[nf++] = fld;
			if (*p == ',') {
				p++;
				continue;
			}
			if (p[0] != '\r' || p[1] != '\n')
				fail_msg("record %zu does not end with CRLF", c->n + 1);
			p += 2;
			break;
		}
		c->rec[c->n] = fields;
		c->nf[c->n] = nf;
		c->n++;
	}
}

static void csv_free(struct csv *c)
{
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = 0; j < c->nf[i]; j++)
			free(c->rec[i][j]);
		free(c->rec[i]);
	}
	free(c->rec);
	free(c->nf);
}

static const char csv_header[] =
    "finding,asset,mac,ip,hostname,serial,root,vendor,vendor_name,maker,brand,product,class,"
    "confidence,note,state,status,first_seen,last_seen,closed_at,exception_until,"
    "exception_reason,exception_approver,evidence,instrument,instrument_title,authority,"
    "jurisdiction,instrument_status,effect,action,deadline,milestone,days,overdue,in_force,why"
    "\r\n";
#define CSV_NCOLS 37

static void t_csv(void **state)
{
	(void)state;
	struct report r = report_sample();
	char *s = render(&r, "csv");
	assert_true(bs_utf8_valid(s, strlen(s)));
	assert_memory_equal(s, csv_header, strlen(csv_header));

	struct csv c;
	csv_parse(s, &c);
	/* header + one record per finding and instrument (1 for a finding without one) */
	assert_int_equal(c.n, 1 + 2 + 1 + 2 + 2 + 1 + 1 + 1 + 1);
	for (size_t i = 0; i < c.n; i++)
		assert_int_equal(c.nf[i], CSV_NCOLS);

	/* A whole record, as bytes. */
	has(s, "\r\n2,mac:60:60:1f:12:34:56,60:60:1f:12:34:56,,,1581F5FKD23A,,dji,DJI,"
	       "\"SZ DJI Technology Co., Ltd.\",DJI,DJI Mini 4 Pro,drone,likely,,open,"
	       "action-required,2025-03-01T08:41:00Z,2025-06-20T13:12:00Z,,,,,"
	       "\"wifi.ie.oui=26:37:12 (dji.droneid, strong, "
	       "pcap:/srv/captures/core-2025-03-01.pcapng)\n"
	       "mac=60:60:1f:12:34:56 (ieee:60:60:1F, weak, "
	       "pcap:/srv/captures/core-2025-03-01.pcapng)\",us-asda-2023,"
	       "American Security Drone Act,US Congress,us,action-required,stop-use,"
	       "Cease federal operation of the drone,2025-12-22,no federal operation,175,no,yes,"
	       "\r\n");

	/* Records of finding 1, one per instrument, most urgent first. */
	assert_string_equal(c.rec[1][0], "1");
	assert_string_equal(c.rec[1][24], "us-dhs-bod-17-01");
	assert_string_equal(c.rec[1][33], "-2757"); /* a number: not guarded as text */
	assert_string_equal(c.rec[1][34], "yes");
	assert_string_equal(c.rec[2][24], "us-ndaa18-1634");
	/* Finding 3's values, through the quoting. */
	assert_string_equal(c.rec[4][0], "3");
	assert_string_equal(c.rec[4][11], "NetEngine <AR6120> \"edge\" | core & more");
	assert_string_equal(c.rec[4][14], "line one\nline two\tindented");
	assert_string_equal(c.rec[4][4], "rtr-\xEF\xBF\xBD"
	                                 "01 core");
	has(s, ",\"NetEngine <AR6120> \"\"edge\"\" | core & more\",");
	/* Finding 8: no instrument, one record with the instrument columns empty; a value that
	 * would be a formula is shown as text. */
	size_t k = 0;
	while (k < c.n && strcmp(c.rec[k][0], "8"))
		k++;
	assert_true(k < c.n);
	assert_string_equal(c.rec[k][14], "'=HYPERLINK(\"http://example.invalid\")");
	for (size_t i = 24; i < CSV_NCOLS; i++)
		assert_string_equal(c.rec[k][i], "");
	assert_true(k + 1 < c.n && strcmp(c.rec[k + 1][0], "8"));
	/* Exception columns. */
	assert_string_equal(c.rec[k + 1][0], "5");
	assert_string_equal(c.rec[k + 1][20], "2025-12-31");
	assert_string_equal(c.rec[k + 1][21],
	                    "Evidence retention: court order & legal hold <case 24-118>");
	assert_string_equal(c.rec[k + 1][22], "CISO J. Doe");
	csv_free(&c);
	free(s);
}

/* ---- Markdown --------------------------------------------------------------------------- */

/* Cells of a table row: the | that are not escaped, plus one. */
static size_t md_cells(const char *line)
{
	size_t n = 0;
	for (const char *p = line; *p && *p != '\n'; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		n += *p == '|';
	}
	return n ? n - 1 : 0;
}

static void t_md(void **state)
{
	(void)state;
	struct report r = report_sample();
	char *s = render(&r, "md");
	clean_bytes(s, "\n");

	has_line(s, "# Compliance report: Quarterly inquiry: Example Agency \\& Partners \\<HQ\\>");
	has_line(s, "| Tool version | bansweep 0.1.0 |");
	has_line(s, "| Operator | Alice O'Neil |");
	has_line(s, "## Summary");
	has_line(s, "| 3 | 1 | 0 | 1 | 1 | 1 | 1 | 214 |");
	has_line(s, "## Scope and methods of the inquiry");
	has_line(s,
	         "| 3 | 2025-06-20T13:00:00Z | - | interrupted | alice \\& bob \\<ops\\> | active "
	         "scan | 10.20.0.0/16 | bansweep scan 10.20.0.0/16 | 2025-06-01 | 2025-05-28 | 180 "
	         "| 2954 | 4 |");
	has_line(s, "## Findings");
	/* The findings summary row with | < & escaped, and a bad byte replaced. */
	has_line(
	    s, "| 3 | Action required | ip:10.20.0.1 | Huawei | Huawei | Huawei Technologies Co., "
	       "Ltd. | NetEngine \\<AR6120\\> \"edge\" \\| core \\& more | router | confirmed | "
	       "2026-12-31 (549 days left) |");
	has_line(s,
	         "| 1 | Action required | host:web01.example.org | Kaspersky | Kaspersky | AO "
	         "Kaspersky Lab | Kaspersky Endpoint Security for Linux 11.4 | security-software | "
	         "confirmed | 2017-12-12 (overdue by 2757 days) |");
	has_line(
	    s, "### Finding 3: **ACTION REQUIRED** — NetEngine \\<AR6120\\> \"edge\" \\| core \\& "
	       "more");
	has_line(s, "- **Host name:** rtr-\xEF\xBF\xBD"
	            "01 core");
	has_line(s, "- **Note:** line one<br>line two indented");
	has_line(s, "- **Serial number:** SN\\\\u{202E}4321");
	/* An evidence cell: CR LF is one break, the escape byte shown. */
	has_line(s,
	         "| snmp.sysdescr | Huawei Versatile Routing Platform Software<br>VRP (R) software "
	         "| huawei.vrp.sysdescr | strong | scan:10.20.0.1:161 |");
	has_line(s, "| ssh.banner | SSH-2.0-HUAWEI-1.5\\\\x1b\\[31m | huawei.ssh | strong | "
	            "scan:10.20.0.1:22 |");
	has_line(s, "| de-5g-huawei-zte-2024 | Action required | yes | Remove from the 5G core | "
	            "2026-12-31 | 5G core | 549 days left | - |");
	has_line(s, "## Exceptions in force");
	has_line(s, "| 5 | mac:3c:ef:8c:01:02:03 | Dahua | 2025-12-31 | Evidence retention: court "
	            "order \\& legal hold \\<case 24-118\\> | CISO J. Doe |");
	has_line(s, "## Deadlines");
	has_line(s, "| 2017-12-12 | overdue by 2757 days | us-dhs-bod-17-01 | begin removal | 1 |");
	has_line(s, "## Remediation history");
	has_line(s,
	         "| 2025-06-10T12:00:00Z | Replaced | 7 | mac:00:1e:73:aa:00:01 | zte | - | dave | "
	         "replaced by Netgear CAX30 \\| ticket \\#4411 |");
	has_line(s,
	         "| 2025-06-20T14:05:00Z | Removed (seen absent) | 6 | host:tablet-07 | dji | 3 | "
	         "alice | - |");
	has_line(s, "## Attestation");
	has_line(s, "Reviewed by: ________________________________ Date: ______________");

	/* Every row of a table has as many cells as its header. */
	size_t cols = 0;
	for (const char *p = s; *p; p = strchr(p, '\n') + 1) {
		if (*p != '|') {
			cols = 0;
		} else if (!cols) {
			cols = md_cells(p);
		} else if (md_cells(p) != cols) {
			const char *e = strchr(p, '\n');
			fail_msg("row with %zu cells, not %zu: %.*s", md_cells(p), cols,
			         (int)(e - p), p);
		}
		if (!strchr(p, '\n'))
			break;
	}
	free(s);
}

/* ---- HTML ------------------------------------------------------------------------------- */

/* Every tag is one the writer makes: a value's '<' would show here as an unknown tag. */
static void html_tags_ok(const char *s)
{
	static const char *const known[] = {
	    "!DOCTYPE",   "html",   "head",    "meta",   "title", "style", "body",    "div",
	    "header",     "h1",     "h2",      "h3",     "h4",    "p",     "strong",  "dl",
	    "dt",         "dd",     "nav",     "ol",     "li",    "a",     "section", "table",
	    "thead",      "tbody",  "tr",      "th",     "td",    "span",  "code",    "figure",
	    "figcaption", "svg",    "desc",    "rect",   "text",  "g",     "line",    "tspan",
	    "path",       "circle", "article", "footer", "br"};
	const char *style = strstr(s, "<style>"), *style_end = strstr(s, "</style>");
	assert_non_null(style);
	assert_non_null(style_end);
	for (const char *p = s; (p = strchr(p, '<')); p++) {
		if (p > style && p < style_end)
			fail_msg("'<' in the style sheet");
		const char *n = p + 1 + (p[1] == '/');
		size_t len = strcspn(n, " >/\n");
		size_t i = 0;
		while (i < sizeof(known) / sizeof(known[0]) &&
		       (strlen(known[i]) != len || strncmp(known[i], n, len)))
			i++;
		if (i == sizeof(known) / sizeof(known[0]))
			fail_msg("unknown tag <%.*s> at offset %zu", (int)len, n, (size_t)(p - s));
		if (p == style_end)
			style = style_end = s; /* past the style sheet */
	}
}

/* Numeric attributes of the charts hold numbers (no NaN, no inf, nothing empty). */
static void svg_numbers_ok(const char *s)
{
	static const char *const attrs[] = {
	    " x=\"",  " y=\"", " x1=\"", " y1=\"",    " x2=\"",     " y2=\"",     " cx=\"",
	    " cy=\"", " r=\"", " d=\"",  " width=\"", " height=\"", " viewBox=\""};
	size_t seen = 0;
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		for (const char *p = s; (p = strstr(p, attrs[i])); p++) {
			const char *v = p + strlen(attrs[i]);
			size_t len = strcspn(v, "\"");
			if (!len)
				fail_msg("empty%s\"", attrs[i]);
			for (size_t k = 0; k < len; k++)
				if (!strchr("0123456789 .-MHVZ", v[k]))
					fail_msg("not a number:%s%.*s\"", attrs[i], (int)len, v);
			seen++;
		}
	}
	assert_true(seen > 10);
	hasnt(s, "NaN");
	hasnt(s, "nan\"");
	hasnt(s, "\"inf");
	hasnt(s, "\"-inf");
	hasnt(s, "Infinity");
}

/* What every HTML report has, whatever its model. */
static void html_common(const char *s)
{
	assert_memory_equal(s, "<!DOCTYPE html>\n", 16);
	clean_bytes(s, "\n\t");
	html_tags_ok(s);
	svg_numbers_ok(s);
	static const char *const ids[] = {"summary",   "charts",  "scope",      "findings",
	                                  "deadlines", "history", "attestation"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "<section id=\"%s\">", ids[i]);
		assert_int_equal(count(s, want), 1);
	}
	assert_int_equal(count(s, "<section "), 7);
	assert_int_equal(count(s, "</section>"), 7);
	has(s, "<svg id=\"chart-vendors\" role=\"img\" aria-labelledby=\"chart-vendors-title "
	       "chart-vendors-desc\"");
	has(s, "<title id=\"chart-vendors-title\">");
	has(s, "<svg id=\"chart-burndown\" role=\"img\" aria-labelledby=\"chart-burndown-title "
	       "chart-burndown-desc\"");
	has(s, "<title id=\"chart-burndown-title\">");
	assert_int_equal(count(s, "<svg "), 2);
	assert_int_equal(count(s, "</svg>"), 2);
	/* Self-contained: nothing to fetch, nothing to run. */
	hasnt(s, "<script");
	hasnt(s, "<link");
	hasnt(s, " src=");
	hasnt(s, "url(");
	hasnt(s, "@import");
	for (const char *p = s; (p = strstr(p, " href=\"")); p++)
		assert_int_equal(p[7], '#');
	has(s, "@media print{");
	has(s, "break-inside:avoid");
	has(s, "</html>\n");
}

static void t_html(void **state)
{
	(void)state;
	struct report r = report_sample();
	char *s = render(&r, "html");
	html_common(s);

	/* Values escaped, never markup. */
	has(s, "<h1>Quarterly inquiry: Example Agency &amp; Partners &lt;HQ&gt;</h1>");
	has(s,
	    "<title>Quarterly inquiry: Example Agency &amp; Partners &lt;HQ&gt; \xE2\x80\x94 as of "
	    "2025-06-30</title>");
	has(s, "NetEngine &lt;AR6120&gt; &quot;edge&quot; | core &amp; more");
	has(s, "Alice O&#39;Neil");
	has(s, "alice &amp; bob &lt;ops&gt;");
	has(s, "Evidence retention: court order &amp; legal hold &lt;case 24-118&gt;");
	has(s, "rtr-\xEF\xBF\xBD"
	       "01 core");
	has(s, "SSH-2.0-HUAWEI-1.5\\x1b[31m");
	has(s, "SN\\u{202E}4321");
	has(s, "line one\nline two\tindented");
	hasnt(s, "<AR6120>");
	hasnt(s, "<HQ>");

	/* Status as words and colour. */
	has(s, "<span class=\"badge s-action\">Action required</span>");
	has(s, "<span class=\"badge s-review\">Needs review</span>");
	has(s, "<span class=\"badge s-except\">Excepted</span>");
	has(s, "<span class=\"badge s-removed\">Removed</span>");
	has(s, "<span class=\"badge s-replaced\">Replaced</span>");
	has(s, "<span class=\"badge s-none\">Not covered</span>");
	has(s, "<td class=\"num over\">overdue by 2757 days</td>");
	has(s, "<td class=\"num\">175 days left</td>");
	has(s, "<div class=\"card s-action\"><div class=\"n\">3</div><div class=\"l\">Action "
	       "required</div></div>");

	assert_int_equal(count(s, "<article class=\"finding "), 8);
	assert_int_equal(count(s, "</article>"), 8);
	has(s, "<article class=\"finding s-action\" id=\"finding-1\">");
	has(s, "<tr id=\"scan-3\">");
	has(s, "<strong class=\"s-action\">interrupted</strong>");
	has(s, "<h3 id=\"exceptions\">Exceptions in force</h3>");

	/* The vendor chart: a bar per vendor and instrument, coloured by instrument in order of
	 * urgency, with its count as text. */
	const char *v = strstr(s, "<svg id=\"chart-vendors\"");
	const char *ve = strstr(v, "</svg>");
	assert_non_null(ve);
	char *vc = strndup(v, (size_t)(ve - v));
	has(vc, "fill=\"#1f77b4\"/><text x=\"");
	has(vc, "<tspan font-weight=\"bold\">1</tspan> us-dhs-bod-17-01</text>");
	has(vc, "<tspan font-weight=\"bold\">1</tspan> no instrument</text>");
	has(vc, ">Kaspersky</text>");
	has(vc, ">2 open findings</text>"); /* Huawei: findings 3 and 8 */
	hasnt(vc, ">Dahua</text>");         /* excepted */
	hasnt(vc, ">ZTE</text>");           /* replaced */
	assert_int_equal(count(vc, "<g class=\"vendor\">"), 4);
	free(vc);

	/* The burn-down: step line, the deadline near the data on the axis, the others listed. */
	const char *b = strstr(s, "<svg id=\"chart-burndown\"");
	const char *be = strstr(b, "</figure>");
	char *bc = strndup(b, (size_t)(be - b));
	has(bc, "fill=\"#f2c4c0\"");
	has(bc, "stroke=\"#b22222\" stroke-width=\"2.5\"");
	assert_int_equal(count(bc, "<circle "), 5);
	has(bc, "stroke=\"#2ca02c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
	has(bc, ">us-asda-2023 2025-12-22</text>");
	has(bc, "fill=\"#111827\">as of 2025-06-30</text>");
	has(bc, "Deadlines outside the time axis: 2017-12-12 us-dhs-bod-17-01 (begin removal); "
	        "2018-10-01 us-ndaa18-1634 (in force); 2026-12-31 de-5g-huawei-zte-2024 (5G core); "
	        "2027-12-31 uk-tsa-huawei (5G removal).");
	free(bc);

	has(s, "<section id=\"attestation\">");
	has(s, "<div>Reviewed by (name)</div><div>Date</div>");
	free(s);
}

/* ---- models at the edges ---------------------------------------------------------------- */

static void all_formats_ok(const struct report *r)
{
	char *s = render(r, "text");
	clean_bytes(s, "\n");
	has(s, "\nATTESTATION\n");
	free(s);
	s = render(r, "json");
	yajl_val v = parse(s);
	arr_at(v, "findings", r->nfindings);
	arr_at(v, "scans", r->nscans);
	arr_at(v, "burndown", r->nburndown);
	yajl_tree_free(v);
	free(s);
	s = render(r, "csv");
	struct csv c;
	csv_parse(s, &c);
	assert_true(c.n >= 1 + r->nfindings);
	for (size_t i = 0; i < c.n; i++)
		assert_int_equal(c.nf[i], CSV_NCOLS);
	csv_free(&c);
	free(s);
	s = render(r, "md");
	clean_bytes(s, "\n");
	free(s);
	s = render(r, "html");
	html_common(s);
	free(s);
}

static void t_empty(void **state)
{
	(void)state;
	struct report r = report_sample_empty();
	all_formats_ok(&r);

	char *s = render(&r, "text");
	has(s, "\nSCOPE AND METHODS OF THE INQUIRY\n--------------------------------\n"
	       "No scan is recorded in the store.\n");
	has(s, "\nFINDINGS\n--------\nNo finding.\n");
	has(s, "\nEXCEPTIONS IN FORCE\n-------------------\nNone.\n");
	has(s, "\nDEADLINES\n---------\nNo deadline binds an open finding.\n");
	has(s, "\nREMEDIATION HISTORY\n-------------------\nNo event is recorded.\n");
	has_line(s, "Action required:    0");
	has_line(s, "Catalogue version:  -");
	has_line(s, "Policy:             all");
	free(s);

	s = render(&r, "json");
	yajl_val v = parse(s);
	arr_at(v, "scans", 0);
	arr_at(v, "findings", 0);
	arr_at(v, "events", 0);
	arr_at(v, "deadlines", 0);
	arr_at(v, "burndown", 0);
	assert_int_equal(int_at(v, "counts", "action_required", NULL), 0);
	assert_true(YAJL_IS_NULL(path(v, "meta", "catalogue", NULL)));
	yajl_tree_free(v);
	free(s);

	s = render(&r, "csv");
	assert_string_equal(s, csv_header);
	free(s);

	s = render(&r, "md");
	has(s, "\n## Findings\n\nNo finding.\n");
	has(s, "\n## Scope and methods of the inquiry\n\nNo scan is recorded in the store.\n");
	free(s);

	s = render(&r, "html");
	has(s, "No open finding: nothing to chart.");
	has(s, "No count is recorded yet.");
	has(s, ">as of 2025-06-30</text>");
	has(s, "<p>No finding.</p>");
	free(s);

	/* Nothing at all, not even a date. */
	struct report z;
	memset(&z, 0, sizeof(z));
	all_formats_ok(&z);
	s = render(&z, "html");
	has(s, "No scan, event or deadline yet: nothing to chart.");
	free(s);
}

/* One point on the as-of date, a deadline that day, one vendor. */
static void t_one_point(void **state)
{
	(void)state;
	static const struct rep_ban bans[] = {{.id = "x-ban",
	                                       .status = "action-required",
	                                       .deadline = "2025-06-30",
	                                       .milestone = "remove",
	                                       .days = 0,
	                                       .in_force = 1}};
	static const struct rep_finding f[] = {{.id = 1,
	                                        .asset = "ip:192.0.2.1",
	                                        .vendor = "acme",
	                                        .state = "open",
	                                        .status = "action-required",
	                                        .bans = bans,
	                                        .nbans = 1}};
	static const struct rep_point p[] = {{"2025-06-30", 1}};
	static const struct rep_deadline d[] = {{"2025-06-30", "x-ban", "remove", 1, 0}};
	struct report r = report_sample_empty();
	r.findings = f;
	r.nfindings = 1;
	r.burndown = p;
	r.nburndown = 1;
	r.deadlines = d;
	r.ndeadlines = 1;
	all_formats_ok(&r);
	char *s = render(&r, "html");
	has(s, ">acme</text>"); /* no display name: the slug */
	has(s, ">x-ban 2025-06-30</text>");
	has(s, "<td class=\"num\">due today</td>");
	free(s);
	s = render(&r, "text");
	has_line(s, "        Deadline:   2025-06-30 (remove): due today");
	has_line(s, "  Instruments:");
	has_line(s, "  Evidence: none recorded");
	free(s);
}

/* Dates that do not parse, strings all unknown: charts give up politely, formats print "-". */
static void t_unknowns(void **state)
{
	(void)state;
	static const struct rep_ban bans[] = {{.status = "who-knows", .deadline = "2025-13-45"}};
	static const struct rep_evidence ev[] = {{0}};
	static const struct rep_finding f[] = {
	    {.id = 9, .state = "open", .bans = bans, .nbans = 1, .ev = ev, .nev = 1}, {.id = 10}};
	static const struct rep_point p[] = {{"soon", 3}, {NULL, 4}};
	static const struct rep_deadline d[] = {{"never", NULL, NULL, 1, -1}, {0}};
	static const struct rep_scan sc[] = {{0}};
	static const struct rep_event e[] = {{0}};
	struct report r;
	memset(&r, 0, sizeof(r));
	r.as_of = "someday";
	r.findings = f;
	r.nfindings = 2;
	r.burndown = p;
	r.nburndown = 2;
	r.deadlines = d;
	r.ndeadlines = 2;
	r.scans = sc;
	r.nscans = 1;
	r.events = e;
	r.nevents = 1;
	all_formats_ok(&r);
	char *s = render(&r, "html");
	has(s, "No scan, event or deadline yet: nothing to chart.");
	has(s, "<span class=\"badge s-other\">who-knows</span>");
	has(s, "<span class=\"badge s-other\">unknown</span>");
	free(s);
	s = render(&r, "text");
	has_line(s, "Finding 9: -");
	has_line(s, "    - -: who-knows");
	has_line(s, "    - -=");
	free(s);
}

/* Many vendors, instruments, points and deadlines: laid out, no number goes astray. */
static void t_many(void **state)
{
	(void)state;
	enum { NV = 40, NI = 13, NF = 200, NP = 300, ND = 30 };
	static char names[NV][24], inames[NI][24], dates[NP][32], ddates[ND][32];
	static struct rep_ban bans[NF][3];
	static struct rep_finding f[NF];
	static struct rep_point p[NP];
	static struct rep_deadline d[ND];
	for (int i = 0; i < NV; i++)
		snprintf(names[i], sizeof(names[i]), "vendor-%02d", i);
	for (int i = 0; i < NI; i++)
		snprintf(inames[i], sizeof(inames[i]), "instrument-%02d", i);
	for (int i = 0; i < NF; i++) {
		size_t nb = (size_t)(i % 4); /* 0 to 3 instruments */
		for (size_t j = 0; j < nb; j++)
			bans[i][j] = (struct rep_ban){.id = inames[(i + (int)j * 5) % NI],
			                              .status = "action-required",
			                              .deadline = "2026-01-01",
			                              .days = 185};
		f[i] = (struct rep_finding){.id = i + 1,
		                            .asset = names[i % NV],
		                            .vendor = names[(i * 7) % NV],
		                            .state = i % 7 ? "open" : "removed",
		                            .status = "action-required",
		                            .bans = bans[i],
		                            .nbans = nb};
	}
	for (int i = 0; i < NP; i++) {
		/* 2024-01-01 plus i days, by month lengths of 2024 */
		static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int m = 0, day = i;
		while (day >= dm[m])
			day -= dm[m++];
		snprintf(dates[i], sizeof(dates[i]), "2024-%02d-%02d", m + 1, day + 1);
		p[i] = (struct rep_point){dates[i], (size_t)(NF - i / 2)};
	}
	for (int i = 0; i < ND; i++) {
		snprintf(ddates[i], sizeof(ddates[i]), "%d-%02d-15", 2020 + i / 4,
		         1 + (i * 5) % 12);
		d[i] = (struct rep_deadline){ddates[i], inames[i % NI], "milestone", 3, 0};
	}
	struct report r = report_sample_empty();
	r.as_of = "2024-12-31";
	r.findings = f;
	r.nfindings = NF;
	r.burndown = p;
	r.nburndown = NP;
	r.deadlines = d;
	r.ndeadlines = ND;
	all_formats_ok(&r);
	char *s = render(&r, "html");
	assert_int_equal(count(s, "<g class=\"vendor\">"), NV);
	assert_int_equal(count(s, "<circle "), NP);
	has(s, "fill=\"#393b79\"");                 /* the palette's last colour */
	has(s, ">instrument-12</text>");            /* the 13th instrument, colours repeating */
	has(s, "Deadlines outside the time axis:"); /* 2020 is too far back */
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_names),       cmocka_unit_test(t_text),
	    cmocka_unit_test(t_json),        cmocka_unit_test(t_csv),
	    cmocka_unit_test(t_md),          cmocka_unit_test(t_html),
	    cmocka_unit_test(t_empty),       cmocka_unit_test(t_one_point),
	    cmocka_unit_test(t_unknowns),    cmocka_unit_test(t_many),
	    cmocka_unit_test(t_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
