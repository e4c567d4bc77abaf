/* JSON values with their paths, on yajl's SAX parser: no tree is built, so a record costs one
 * pass over its bytes and memory is bounded by the path's length, whatever the document size
 * (a Kismet export is one array of every device). */
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "imp.h"
#include "util/banned.h"

#define MAX_DEPTH 256

struct jpath {
	yajl_handle h;
	jpath_fn fn;
	void *ctx;
	struct buf path;
	size_t mark[MAX_DEPTH]; /* path length before each open container's members */
	int is_arr[MAX_DEPTH];
	size_t depth;   /* open containers */
	size_t key_len; /* path length before the current member name (maps) */
	int stopped, too_deep, multi, values;
	char err[200];
	uint64_t base; /* bytes fed before the current feed */
};

/* A member's name is appended to the path when its value starts and cut at the next member. */
static int emit(struct jpath *j, enum jwhat what, enum jtype t, const char *v, size_t n)
{
	struct jev e = {j->path.data ? j->path.data : "", j->path.len, j->depth, t, v, n};
	if (j->fn(j->ctx, what, &e)) {
		j->stopped = 1;
		return 0;
	}
	return 1;
}

static int leaf(struct jpath *j, enum jtype t, const char *v, size_t n)
{
	if (j->depth == 0)
		j->values++;
	return emit(j, J_LEAF, t, v, n);
}

static int cb_null(void *ctx)
{
	return leaf(ctx, J_NULL, "", 0);
}

static int cb_bool(void *ctx, int b)
{
	return leaf(ctx, J_BOOL, b ? "true" : "false", b ? 4 : 5);
}

static int cb_number(void *ctx, const char *p, size_t n)
{
	return leaf(ctx, J_NUM, p, n);
}

static int cb_string(void *ctx, const unsigned char *p, size_t n)
{
	return leaf(ctx, J_STR, (const char *)p, n);
}

static int open_(struct jpath *j, int arr)
{
	if (j->depth == 0)
		j->values++;
	if (!emit(j, J_OPEN, arr ? J_ARR : J_MAP, "", 0))
		return 0;
	if (j->depth == MAX_DEPTH) {
		j->too_deep = 1;
		return 0;
	}
	j->mark[j->depth] = j->path.len;
	j->is_arr[j->depth] = arr;
	j->depth++;
	return 1;
}

static int close_(struct jpath *j)
{
	j->depth--;
	j->path.len = j->mark[j->depth];
	if (j->path.data)
		j->path.data[j->path.len] = 0;
	return emit(j, J_CLOSE, j->is_arr[j->depth] ? J_ARR : J_MAP, "", 0);
}

static int cb_start_map(void *ctx)
{
	return open_(ctx, 0);
}

static int cb_start_array(void *ctx)
{
	return open_(ctx, 1);
}

static int cb_end(void *ctx)
{
	return close_(ctx);
}

static int cb_map_key(void *ctx, const unsigned char *p, size_t n)
{
	struct jpath *j = ctx;
	size_t base = j->mark[j->depth - 1];
	j->path.len = base;
	if (base && buf_addc(&j->path, '.') < 0)
		return 0;
	if (buf_add(&j->path, p, n) < 0)
		return 0;
	return 1;
}

static const yajl_callbacks callbacks = {
    cb_null,      cb_bool,    NULL,   NULL,           cb_number, cb_string,
    cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end,
};

void jpath_reset(struct jpath *j)
{
	if (j->h)
		yajl_free(j->h);
	j->h = yajl_alloc(&callbacks, NULL, j);
	if (!j->h)
		abort();
	/* A document with a second value is refused below (unless multi), not by yajl, so that
	 * the handle can be kept from line to line. */
	yajl_config(j->h, yajl_allow_multiple_values, 1);
	buf_reset(&j->path);
	j->depth = 0;
	j->stopped = j->too_deep = 0;
	j->values = 0;
	j->err[0] = 0;
	j->base = 0;
}

struct jpath *jpath_new(jpath_fn fn, void *ctx)
{
	struct jpath *j = xcalloc(1, sizeof(*j));
	j->fn = fn;
	j->ctx = ctx;
	buf_init(&j->path, 1u << 16);
	jpath_reset(j);
	return j;
}

void jpath_free(struct jpath *j)
{
	if (!j)
		return;
	yajl_free(j->h);
	buf_release(&j->path);
	free(j);
}

void jpath_set_multi(struct jpath *j, int multi)
{
	j->multi = multi;
}

static int fail(struct jpath *j, const char *p, size_t n)
{
	if (j->stopped)
		bs_strlcpy(j->err, "stopped", sizeof(j->err));
	else if (j->too_deep)
		bs_strlcpy(j->err, "nested deeper than 256 levels", sizeof(j->err));
	else if (j->path.len >= (1u << 16) - 1)
		bs_strlcpy(j->err, "member names nested longer than 64 KiB", sizeof(j->err));
	else {
		unsigned char *m = yajl_get_error(j->h, 0, (const unsigned char *)p, n);
		bs_strlcpy(j->err, m ? (const char *)m : "invalid JSON", sizeof(j->err));
		j->err[strcspn(j->err, "\r\n")] = 0;
		if (m)
			yajl_free_error(j->h, m);
	}
	return -1;
}

int jpath_feed(struct jpath *j, const char *p, size_t n)
{
	yajl_status s = yajl_parse(j->h, (const unsigned char *)p, n);
	size_t used = yajl_get_bytes_consumed(j->h);
	if (s != yajl_status_ok) {
		/* yajl counts the offending byte as consumed: the offset names that byte. */
		j->base += used ? used - 1 : 0;
		return fail(j, p, n);
	}
	j->base += n;
	if (j->values > 1 && !j->multi) {
		bs_strlcpy(j->err, "more than one JSON value", sizeof(j->err));
		return -1;
	}
	return 0;
}

int jpath_end(struct jpath *j)
{
	yajl_status s = yajl_complete_parse(j->h);
	if (s != yajl_status_ok)
		return fail(j, NULL, 0);
	if (j->values == 0 || j->depth) {
		bs_strlcpy(j->err, "incomplete JSON value", sizeof(j->err));
		return -1;
	}
	return 0;
}

const char *jpath_error(struct jpath *j)
{
	return j->err[0] ? j->err : "invalid JSON";
}

uint64_t jpath_offset(const struct jpath *j)
{
	return j->base;
}

int jpath_line(struct jpath *j, const char *p, size_t n, char *err, size_t errlen)
{
	/* The handle is kept from line to line while lines parse; after an error it is made anew
	 * (yajl cannot resume after one). */
	j->values = 0;
	j->depth = 0;
	j->path.len = 0;
	j->base = 0;
	int rc = jpath_feed(j, p, n);
	if (rc == 0 && j->values == 1 && !j->depth)
		return 0;
	if (j->values > 1)
		snprintf(err, errlen, "more than one JSON value on the line");
	else if (rc == 0)
		snprintf(err, errlen, "incomplete JSON value");
	else
		snprintf(err, errlen, "invalid JSON at column %llu: %s",
		         (unsigned long long)jpath_offset(j) + 1, jpath_error(j));
	jpath_reset(j);
	return -1;
}
