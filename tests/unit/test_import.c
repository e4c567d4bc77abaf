/* The importers' shared parts: the line reader (numbers, offsets, CR LF, a last line without
 * its end, an over-long line skipped), JSON values with their paths (nesting, arrays, errors
 * with their column, the handle kept across lines), and the two-thread pipeline (the same
 * events, in the same order, as a direct read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cm.h"

#include "bansweep/buf.h"
#include "import/imp.h"

struct rec {
	struct buf log;
	int bad;
};

static int rec_obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
                   const char *time)
{
	struct rec *r = ctx;
	buf_printf(&r->log, "obs %s %s=%.*s @%s\n", asset, key, (int)vlen, value,
	           time ? time : "-");
	return 0;
}

static void rec_end(void *ctx)
{
	buf_adds(&((struct rec *)ctx)->log, "end\n");
}

static void rec_bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	struct rec *r = ctx;
	r->bad++;
	buf_printf(&r->log, "bad %lu @%llu %s\n", line, (unsigned long long)off, msg);
}

static FILE *mem(const char *s, size_t n)
{
	FILE *f = fmemopen((void *)s, n, "rb");
	assert_non_null(f);
	return f;
}

/* A format for the tests: each line "ASSET VALUE" is one record; a line "!" is malformed. */
static int toy_read(FILE *f, const struct imp_sink *s, struct imp_stats *st)
{
	struct imp_lines l;
	imp_lines_init(&l, f, s, st);
	char *p;
	size_t n;
	int rc;
	while ((rc = imp_lines_next(&l, &p, &n)) > 0) {
		st->records++;
		char *sp = memchr(p, ' ', n);
		if (!sp) {
			imp_bad(s, st, l.line, l.off, "no space");
			continue;
		}
		*sp = 0;
		imp_obs(s, st, p, "hostname", sp + 1, n - (size_t)(sp + 1 - p), "t1");
		s->record_end(s->ctx);
	}
	imp_lines_release(&l);
	return rc;
}

static const struct importer toy = {
    .name = "toy", .summary = "test lines", .read = toy_read, .whole_records = 1};

static void t_lines(void **state)
{
	(void)state;
	static const char in[] = "a x\r\nbad\n\nb yy\nc zzz";
	struct rec r = {0};
	buf_init(&r.log, 0);
	struct imp_sink s = {rec_obs, rec_end, rec_bad, &r, "in"};
	struct imp_stats st = {0};
	FILE *f = mem(in, sizeof(in) - 1);
	assert_int_equal(toy_read(f, &s, &st), 0);
	fclose(f);
	assert_string_equal(r.log.data, "obs a hostname=x @t1\nend\n"
	                                "bad 2 @5 no space\n"
	                                "bad 3 @9 no space\n"
	                                "obs b hostname=yy @t1\nend\n"
	                                "obs c hostname=zzz @t1\nend\n");
	assert_int_equal(st.records, 5);
	assert_int_equal(st.bad, 2);
	assert_int_equal(st.obs, 3);
	assert_int_equal(st.bytes, sizeof(in) - 1);
	buf_release(&r.log);
}

static void t_long_line(void **state)
{
	(void)state;
	size_t big = IMP_MAX_RECORD + 100;
	char *in = malloc(big + 32);
	memset(in, 'x', big);
	memcpy(in + big, "\nh v\n", 5);
	struct rec r = {0};
	buf_init(&r.log, 0);
	struct imp_sink s = {rec_obs, rec_end, rec_bad, &r, "in"};
	struct imp_stats st = {0};
	FILE *f = mem(in, big + 5);
	assert_int_equal(toy_read(f, &s, &st), 0);
	fclose(f);
	assert_string_equal(r.log.data, "bad 1 @0 line longer than 16 MiB\n"
	                                "obs h hostname=v @t1\nend\n");
	free(in);
	buf_release(&r.log);
}

static void t_mt_same(void **state)
{
	(void)state;
	/* Enough records to fill several batches of the ring. */
	struct buf in;
	buf_init(&in, 0);
	for (int i = 0; i < 100000; i++)
		buf_printf(&in, i % 997 ? "host%d value-%d\n" : "broken%d\n", i, i * 7);
	struct rec a = {0}, b = {0};
	buf_init(&a.log, 0);
	buf_init(&b.log, 0);
	struct imp_sink sa = {rec_obs, rec_end, rec_bad, &a, "in"};
	struct imp_sink sb = {rec_obs, rec_end, rec_bad, &b, "in"};
	struct imp_stats sta = {0}, stb = {0};
	FILE *f = mem(in.data, in.len);
	assert_int_equal(toy.read(f, &sa, &sta), 0);
	fclose(f);
	f = mem(in.data, in.len);
	assert_int_equal(import_read_mt(&toy, f, &sb, &stb), 0);
	fclose(f);
	assert_int_equal(a.log.len, b.log.len);
	assert_memory_equal(a.log.data, b.log.data, a.log.len);
	assert_int_equal(sta.records, stb.records);
	assert_int_equal(sta.bad, stb.bad);
	assert_int_equal(sta.obs, stb.obs);
	assert_int_equal(sta.bytes, stb.bytes);
	assert_int_equal(stb.bad, 101);
	buf_release(&a.log);
	buf_release(&b.log);
	buf_release(&in);
}

static int jrec(void *ctx, enum jwhat what, const struct jev *e)
{
	struct buf *b = ctx;
	static const char *const w[] = {"leaf", "open", "close"};
	buf_printf(b, "%s %zu %s", w[what], e->depth, e->path);
	if (what == J_LEAF)
		buf_printf(b, " = %.*s", (int)e->vlen, e->v);
	buf_addc(b, '\n');
	return 0;
}

static void t_jpath(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	struct jpath *j = jpath_new(jrec, &b);
	char err[256];
	static const char l1[] =
	    "{\"ip\":\"1.2.3.4\",\"data\":{\"http\":{\"h\":{\"server\":[\"a\",\"b\"]},\"n\":12}},"
	    "\"id.orig_h\":true}";
	assert_int_equal(jpath_line(j, l1, sizeof(l1) - 1, err, sizeof(err)), 0);
	assert_string_equal(b.data, "open 0 \n"
	                            "leaf 1 ip = 1.2.3.4\n"
	                            "open 1 data\n"
	                            "open 2 data.http\n"
	                            "open 3 data.http.h\n"
	                            "open 4 data.http.h.server\n"
	                            "leaf 5 data.http.h.server = a\n"
	                            "leaf 5 data.http.h.server = b\n"
	                            "close 4 data.http.h.server\n"
	                            "close 3 data.http.h\n"
	                            "leaf 3 data.http.n = 12\n"
	                            "close 2 data.http\n"
	                            "close 1 data\n"
	                            "leaf 1 id.orig_h = true\n"
	                            "close 0 \n");
	buf_reset(&b);
	/* Errors name the column; the next line parses on a fresh handle. */
	static const char bad[] = "{\"a\": [1, }";
	assert_int_equal(jpath_line(j, bad, sizeof(bad) - 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "invalid JSON at column 11"));
	static const char two[] = "{} {}";
	assert_int_equal(jpath_line(j, two, sizeof(two) - 1, err, sizeof(err)), -1);
	assert_string_equal(err, "more than one JSON value on the line");
	static const char cut[] = "{\"a\": {";
	assert_int_equal(jpath_line(j, cut, sizeof(cut) - 1, err, sizeof(err)), -1);
	assert_string_equal(err, "incomplete JSON value");
	buf_reset(&b);
	static const char ok[] = "{\"k\":\"v\\u00e9\"}";
	assert_int_equal(jpath_line(j, ok, sizeof(ok) - 1, err, sizeof(err)), 0);
	assert_string_equal(b.data, "open 0 \nleaf 1 k = v\xc3\xa9\nclose 0 \n");
	/* A stream of several documents, fed in pieces (a Kismet or osqueryi array). */
	jpath_reset(j);
	buf_reset(&b);
	static const char arr[] = "[{\"x\":1},{\"x\":2}]";
	for (size_t i = 0; i < sizeof(arr) - 1; i++)
		assert_int_equal(jpath_feed(j, arr + i, 1), 0);
	assert_int_equal(jpath_end(j), 0);
	assert_non_null(strstr(b.data, "leaf 2 x = 2\n"));
	jpath_free(j);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_lines),
	    cmocka_unit_test(t_long_line),
	    cmocka_unit_test(t_mt_same),
	    cmocka_unit_test(t_jpath),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
