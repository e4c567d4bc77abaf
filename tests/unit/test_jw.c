/* The JSON Lines writer: every line it writes must parse (with yajl) back to what was written,
 * with bytes that are not UTF-8 replaced, and control characters escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit/cm.h"

#include "bansweep/jw.h"

/* Runs fn on a writer into memory; returns a malloc'd copy of what it wrote. */
static char *write_one(void (*fn)(struct jw *))
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	struct jw *w = jw_new(f);
	fn(w);
	jw_free(w);
	fclose(f);
	char *copy = strndup(mem, len);
	free(mem);
	return copy;
}

static void doc(struct jw *w)
{
	jw_obj(w);
	jw_kstr(w, "plain", "DS-2CD2143G0-I ~ {x}");
	jw_kstr(w, "quote", "say \"hi\" \\ back");
	jw_kstr(w, "ctl", "a\r\nb\tc\001d\177");
	jw_key(w, "bad");
	jw_strn(w, "x\xff\xc3(y\xe2\x82", 7); /* invalid bytes and a cut sequence */
	jw_kstr(w, "utf8", "Zhejiang \xe5\xa4\xa7\xe5\x8d\x8e"); /* valid CJK stays */
	jw_kstr(w, "null", NULL);
	jw_kint(w, "neg", -2658);
	jw_kint(w, "min", -9223372036854775807LL - 1);
	jw_kbool(w, "t", 1);
	jw_key(w, "list");
	jw_arr(w);
	jw_int(w, 1);
	jw_obj(w);
	jw_end(w);
	jw_arr(w);
	jw_aend(w);
	jw_str(w, "");
	jw_aend(w);
	jw_end(w);
	jw_line(w);
	/* a second line starts fresh: no comma carried over */
	jw_obj(w);
	jw_kint(w, "n", 2);
	jw_end(w);
	jw_line(w);
}

static void t_roundtrip(void **state)
{
	(void)state;
	char *out = write_one(doc);
	char *nl = strchr(out, '\n');
	assert_non_null(nl);
	*nl = 0;
	char err[256];
	yajl_val v = yajl_tree_parse(out, err, sizeof(err));
	if (!v)
		fail_msg("not valid JSON: %s: %s", err, out);
	const char *p_plain[] = {"plain", NULL}, *p_quote[] = {"quote", NULL},
	           *p_ctl[] = {"ctl", NULL}, *p_bad[] = {"bad", NULL}, *p_utf8[] = {"utf8", NULL},
	           *p_neg[] = {"neg", NULL}, *p_min[] = {"min", NULL}, *p_list[] = {"list", NULL};
	assert_string_equal(YAJL_GET_STRING(yajl_tree_get(v, p_plain, yajl_t_string)),
	                    "DS-2CD2143G0-I ~ {x}");
	assert_string_equal(YAJL_GET_STRING(yajl_tree_get(v, p_quote, yajl_t_string)),
	                    "say \"hi\" \\ back");
	assert_string_equal(YAJL_GET_STRING(yajl_tree_get(v, p_ctl, yajl_t_string)),
	                    "a\r\nb\tc\001d\177");
	assert_string_equal(YAJL_GET_STRING(yajl_tree_get(v, p_bad, yajl_t_string)),
	                    "x\xEF\xBF\xBD\xEF\xBF\xBD(y\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_string_equal(YAJL_GET_STRING(yajl_tree_get(v, p_utf8, yajl_t_string)),
	                    "Zhejiang \xe5\xa4\xa7\xe5\x8d\x8e");
	assert_int_equal(YAJL_GET_INTEGER(yajl_tree_get(v, p_neg, yajl_t_number)), -2658);
	assert_true(YAJL_GET_INTEGER(yajl_tree_get(v, p_min, yajl_t_number)) ==
	            -9223372036854775807LL - 1);
	yajl_val list = yajl_tree_get(v, p_list, yajl_t_array);
	assert_non_null(list);
	assert_int_equal(YAJL_GET_ARRAY(list)->len, 4);
	yajl_tree_free(v);
	assert_string_equal(nl + 1, "{\"n\":2}\n");
	/* Printable ASCII is copied as it is, not escaped. */
	assert_non_null(strstr(out, "\"plain\":\"DS-2CD2143G0-I ~ {x}\""));
	assert_non_null(strstr(out, "\"ctl\":\"a\\r\\nb\\tc\\u0001d\\u007f\""));
	free(out);
}

static void t_utf8(void **state)
{
	(void)state;
	assert_true(bs_utf8_valid("abc", 3));
	assert_true(bs_utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_false(bs_utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(bs_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(bs_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_false(bs_utf8_valid("\xe2\x82", 2));         /* cut */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_roundtrip),
	    cmocka_unit_test(t_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
