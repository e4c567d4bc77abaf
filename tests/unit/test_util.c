/* Dates, the record-file parser and the text/CSV writers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/arena.h"
#include "bansweep/buf.h"
#include "bansweep/date.h"
#include "bansweep/out.h"
#include "bansweep/recfile.h"

static void t_dates(void **state)
{
	(void)state;
	bs_day d;
	assert_int_equal(bs_day_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(bs_day_parse("2017-09-13", &d), 0);
	assert_int_equal(d + 30, bs_day_from_ymd(2017, 10, 13));
	assert_int_equal(d + 60, bs_day_from_ymd(2017, 11, 12));
	assert_int_equal(d + 90, bs_day_from_ymd(2017, 12, 12));
	char out[11];
	bs_day_format(bs_day_from_ymd(2024, 2, 29), out);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(bs_day_parse("2023-02-29", &d), -1); /* not a leap year */
	assert_int_equal(bs_day_parse("2024-13-01", &d), -1);
	assert_int_equal(bs_day_parse("2024-1-01", &d), -1);
	assert_int_equal(bs_day_parse("2024-01-01x", &d), -1);
	assert_int_equal(bs_day_parse("", &d), -1);
	enum bs_date_prec p;
	assert_int_equal(bs_day_parse_partial("2020-11", &d, &p), 0);
	assert_int_equal(p, BS_PREC_MONTH);
	bs_day_format(bs_day_period_end(d, p), out);
	assert_string_equal(out, "2020-11-30");
	assert_int_equal(bs_day_parse_partial("2018", &d, &p), 0);
	bs_day_format(bs_day_period_end(d, p), out);
	assert_string_equal(out, "2018-12-31");
	/* Round trip over a long span. */
	for (bs_day x = -1000; x < 80000; x += 37) {
		int y, m, dd;
		bs_day_to_ymd(x, &y, &m, &dd);
		assert_int_equal(bs_day_from_ymd(y, m, dd), x);
	}
}

struct seen {
	int n;
	char types[8][32];
	char ids[8][32];
	size_t fields[8];
	unsigned lines[8];
};

static int on_rec(const struct rec *r, void *ctx, struct bs_err *e)
{
	(void)e;
	struct seen *s = ctx;
	if (s->n < 8) {
		bs_strlcpy(s->types[s->n], r->type, 32);
		bs_strlcpy(s->ids[s->n], r->id, 32);
		s->fields[s->n] = r->n;
		s->lines[s->n] = r->line;
	}
	s->n++;
	return 0;
}

static int parse(const char *text, struct seen *s, struct bs_err *e)
{
	memset(s, 0, sizeof(*s));
	char *copy = xstrdup(text);
	int rc = rec_parse("t.txt", copy, strlen(text), on_rec, s, e);
	free(copy);
	return rc;
}

static void t_recfile(void **state)
{
	(void)state;
	struct seen s;
	struct bs_err e;
	assert_int_equal(parse("# c\n\nvendor a\n\tname A # not a comment\n  alias x\r\n"
	                       "brand b\n name B\n",
	                       &s, &e),
	                 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.types[0], "vendor");
	assert_string_equal(s.ids[1], "b");
	assert_int_equal(s.fields[0], 2);
	assert_int_equal(s.lines[1], 6);
	/* The last line needs no newline. */
	assert_int_equal(parse("x y\n f v", &s, &e), 0);
	assert_int_equal(s.fields[0], 1);
	/* Errors name the file and line. */
	assert_int_equal(parse("x y\n\tf\n", &s, &e), -1);
	assert_string_equal(e.msg, "t.txt:2: field 'f' has no value");
	assert_int_equal(parse("\tf v\n", &s, &e), -1);
	assert_string_equal(e.msg, "t.txt:1: indented field outside a record");
	assert_int_equal(parse("x y z\n", &s, &e), -1);
	assert_string_equal(e.msg, "t.txt:1: record 'x' needs one identifier");
	assert_int_equal(parse("x y\n\tF v\n", &s, &e), -1);
	assert_string_equal(e.msg, "t.txt:2: bad field name 'F'");
	assert_int_equal(parse("x y\n\tf a\001b\n", &s, &e), -1);
	assert_string_equal(e.msg, "t.txt:2: control byte 0x01 at column 5");
}

static void t_buf_limit(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(buf_addc(&b, 'x'), 0);
	assert_int_equal(buf_addc(&b, 'y'), -1); /* the inline path honours the limit too */
	assert_int_equal(buf_add(&b, "z", 1), -1);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "xxxxxxxxxx");
	buf_reset(&b);
	assert_int_equal(buf_add(&b, "0123456789a", 11), -1);
	assert_int_equal(buf_printf(&b, "%s", "0123456789"), 0);
	assert_int_equal(buf_printf(&b, "%d", 1), -1);
	buf_release(&b);
}

static void t_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *first = arena_strdup(&a, "first");
	size_t big = (1u << 20) + 10; /* larger than a chunk: a chunk of its own */
	char *src = malloc(big);
	memset(src, 'x', big);
	char *copy = arena_strndup(&a, src, big);
	char *after = arena_strndup(&a, "ab\0cd", 5);
	assert_string_equal(first, "first");
	assert_int_equal(strlen(copy), big);
	assert_memory_equal(after, "ab\0cd", 6);
	free(src);
	arena_release(&a);
	assert_null(a.head);
}

static void t_table_csv(void **state)
{
	(void)state;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	const char *h[] = {"A", "LONGER"};
	struct table *t = table_new(2, h);
	const char *r1[] = {"xxxx", "y"};
	const char *r2[] = {NULL, "z"};
	table_add(t, r1, NULL);
	table_add(t, r2, NULL);
	assert_int_equal(table_rows(t), 2);
	table_print(t, f, 0);
	table_free(t);
	const char *cells[] = {"plain", "a,b", "say \"hi\"", ""};
	csv_row(f, cells, 4);
	fclose(f);
	assert_string_equal(mem, "A     LONGER\nxxxx  y\n-     z\n"
	                         "plain,\"a,b\",\"say \"\"hi\"\"\",\r\n");
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_dates),     cmocka_unit_test(t_recfile),
	    cmocka_unit_test(t_table_csv), cmocka_unit_test(t_buf_limit),
	    cmocka_unit_test(t_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
