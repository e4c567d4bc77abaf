/* Scan targets: every spec form, merging, exclusions, counting, the private-range rule, and
 * errors that name the file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit/cm.h"

#include "bansweep/capture.h"
#include "bansweep/buf.h"
#include "bansweep/targets.h"

struct list {
	char a[64][48];
	int n;
};

static int collect(void *ctx, const struct addr *a)
{
	struct list *l = ctx;
	if (l->n < 64)
		addr_format(a, l->a[l->n++], 48);
	return 0;
}

static uint64_t count(struct targets *t)
{
	uint64_t n;
	struct bs_err e;
	assert_int_equal(targets_count(t, &n, &e), 0);
	return n;
}

static void t_forms(void **state)
{
	(void)state;
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	assert_int_equal(targets_add(&t, "10.0.0.0/30", &e), 0);
	assert_int_equal(targets_add(&t, "10.0.0.2", &e), 0);          /* overlaps: scanned once */
	assert_int_equal(targets_add(&t, "192.168.1.250-252", &e), 0); /* short range */
	assert_int_equal(targets_add(&t, "172.16.0.9-172.16.0.10", &e), 0);
	assert_int_equal(targets_add(&t, "fd00::1-3", &e), 0);
	struct list l = {0};
	targets_each(&t, collect, &l);
	assert_string_equal(l.a[0], "10.0.0.0");
	assert_string_equal(l.a[3], "10.0.0.3");
	assert_string_equal(l.a[4], "172.16.0.9");
	assert_string_equal(l.a[6], "192.168.1.250");
	assert_string_equal(l.a[8], "192.168.1.252");
	assert_string_equal(l.a[9], "fd00::1");
	assert_string_equal(l.a[11], "fd00::3");
	assert_int_equal(l.n, 12);
	assert_int_equal(count(&t), 12);
	assert_int_equal(targets_check_private(&t, &e), 0);
	targets_release(&t);
	/* A host name stands for every address it resolves to. */
	targets_init(&t);
	assert_int_equal(targets_add(&t, "localhost", &e), 0);
	struct list h = {0};
	targets_each(&t, collect, &h);
	int found = 0;
	for (int i = 0; i < h.n; i++)
		found |= !strcmp(h.a[i], "127.0.0.1");
	assert_true(found);
	targets_release(&t);
}

static void add_spec(void *ctx, const char *spec)
{
	buf_printf(ctx, "%s ", spec);
}

static void t_exclude(void **state)
{
	(void)state;
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	assert_int_equal(targets_add(&t, "10.1.0.0/24", &e), 0);
	assert_int_equal(targets_exclude(&t, "10.1.0.0/26", &e), 0);
	assert_int_equal(targets_exclude(&t, "10.1.0.100-110", &e), 0);
	assert_int_equal(targets_exclude(&t, "10.1.0.255", &e), 0);
	assert_int_equal(count(&t), 256 - 64 - 11 - 1);
	struct list l = {0};
	targets_each(&t, collect, &l);
	assert_string_equal(l.a[0], "10.1.0.64");
	/* The cursor gives the same addresses in the same order. */
	struct tcursor cur;
	struct addr a;
	int n = 0;
	targets_cursor(&t, &cur);
	while (targets_next(&t, &cur, &a)) {
		char b[48];
		addr_format(&a, b, sizeof(b));
		if (n < 64)
			assert_string_equal(b, l.a[n]);
		n++;
	}
	assert_int_equal(n, 256 - 64 - 11 - 1);
	assert_int_equal(targets_next(&t, &cur, &a), 0);
	/* Membership (multicast discovery keeps only replies from targets) honours exclusions. */
	static const struct {
		const char *a;
		int in;
	} m[] = {{"10.1.0.64", 1},  {"10.1.0.63", 0},    {"10.1.0.99", 1},  {"10.1.0.100", 0},
	         {"10.1.0.110", 0}, {"10.1.0.111", 1},   {"10.1.0.254", 1}, {"10.1.0.255", 0},
	         {"10.1.1.1", 0},   {"10.0.255.255", 0}, {"fd00::1", 0}};
	for (size_t i = 0; i < sizeof(m) / sizeof(*m); i++) {
		assert_int_equal(addr_parse(m[i].a, &a), 0);
		assert_int_equal(targets_contains(&t, &a), m[i].in);
	}
	/* The ranges as specs (a scan's scope in the store), exclusions taken out; each parses
	 * back into the same addresses. */
	struct buf specs;
	buf_init(&specs, 0);
	targets_each_range(&t, add_spec, &specs);
	assert_string_equal(specs.data, "10.1.0.64-10.1.0.99 10.1.0.111-10.1.0.254 ");
	struct targets back;
	targets_init(&back);
	assert_int_equal(targets_add_text(&back, "specs", specs.data, specs.len, 0, &e), 0);
	assert_int_equal(count(&back), 256 - 64 - 11 - 1);
	targets_release(&back);
	buf_release(&specs);
	targets_release(&t);
}

static void t_public_and_limits(void **state)
{
	(void)state;
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	assert_int_equal(targets_add(&t, "8.8.8.8", &e), 0);
	assert_int_equal(targets_check_private(&t, &e), -1);
	assert_string_equal(e.msg,
	                    "8.8.8.8 is outside private and local ranges: give --allow-public to "
	                    "scan it");
	targets_release(&t);
	/* A range that leaves a private block is caught though both ends look private. */
	targets_init(&t);
	assert_int_equal(targets_add(&t, "172.31.255.250-172.32.0.5", &e), 0);
	assert_int_equal(targets_check_private(&t, &e), -1);
	targets_release(&t);
	targets_init(&t);
	assert_int_equal(targets_add(&t, "10.0.0.0/8", &e), 0);
	assert_int_equal(targets_add(&t, "11.0.0.0/8", &e), 0);
	uint64_t n;
	assert_int_equal(targets_count(&t, &n, &e), -1); /* 2^25: more than a scan may take */
	targets_release(&t);
}

static void t_errors(void **state)
{
	(void)state;
	struct targets t;
	struct bs_err e;
	targets_init(&t);
	assert_int_equal(targets_add(&t, "10.0.0.0/33", &e), -1);
	assert_string_equal(e.msg, "'10.0.0.0/33': prefix length must be 0 to 32");
	assert_int_equal(targets_add(&t, "10.0.0.9-3", &e), -1);
	assert_string_equal(e.msg, "'10.0.0.9-3': the range ends before it starts");
	assert_int_equal(targets_add(&t, "10.0.0.1-fd00::1", &e), -1);
	assert_int_equal(targets_add(&t, "no-such-host.invalid", &e), -1);
	char path[] = "/tmp/bansweep-targets-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char text[] = "# lab\n10.9.0.1 10.9.0.2\n\n10.9.0.0/33\n";
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	char want[256];
	snprintf(want, sizeof(want), "%s:4: '10.9.0.0/33': prefix length must be 0 to 32", path);
	assert_int_equal(targets_add_file(&t, path, &e), -1);
	assert_string_equal(e.msg, want);
	unlink(path);
	targets_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(t_forms),
	    cmocka_unit_test(t_exclude),
	    cmocka_unit_test(t_public_and_limits),
	    cmocka_unit_test(t_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
