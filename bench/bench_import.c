/* An importer alone, without identify: records per second of `read` on one core (or, with -t,
 * through import_read_mt's second thread), to tell the importer's cost from the command's.
 * With -p it prints what the importer emits (a driver for looking at an importer's output).
 * The floors under a JSON Lines importer: -y parses each line with yajl and no callbacks (the
 * parser alone), -j through jpath with a callback that does nothing (the parser, the line
 * reader and the paths). Usage: bench_import [-p] [-t] [-y|-j] FORMAT FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

#include "bansweep/import.h"
#include "import/imp.h"

static int print;

static int obs(void *ctx, const char *asset, const char *key, const char *value, size_t vlen,
               const char *time)
{
	(void)ctx;
	if (print)
		printf("%s\t%s\t%.*s\t%s\n", asset, key, (int)vlen, value, time ? time : "-");
	return 0;
}

static void end(void *ctx)
{
	(void)ctx;
	if (print)
		printf("--\n");
}

static void bad(void *ctx, unsigned long line, uint64_t off, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "bad: line %lu, byte %llu: %s\n", line, (unsigned long long)off, msg);
}

static int noop(void *ctx, enum jwhat what, const struct jev *e)
{
	(void)ctx, (void)what, (void)e;
	return 0;
}

/* -y and -j: the lines parsed and nothing done with them. */
static int floor_read(int raw, FILE *f, const struct imp_sink *s, struct imp_stats *st)
{
	struct imp_lines l;
	imp_lines_init(&l, f, s, st);
	struct jpath *j = jpath_new(noop, NULL);
	yajl_handle h = yajl_alloc(NULL, NULL, NULL);
	yajl_config(h, yajl_allow_multiple_values, 1);
	char *p, err[200];
	size_t n;
	while (imp_lines_next(&l, &p, &n) > 0) {
		st->records++;
		if (raw ? yajl_parse(h, (const unsigned char *)p, n) != yajl_status_ok
		        : jpath_line(j, p, n, err, sizeof(err)) < 0)
			st->bad++;
	}
	yajl_free(h);
	jpath_free(j);
	imp_lines_release(&l);
	return 0;
}

int main(int argc, char **argv)
{
	int mt = 0, fl = 0, c;
	while ((c = getopt(argc, argv, "ptyj")) != -1) {
		if (c == 'p')
			print = 1;
		else if (c == 'y' || c == 'j')
			fl = c;
		else if (c == 't')
			mt = 1;
		else
			return 2;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: bench_import [-p] [-t] [-y|-j] FORMAT FILE\n");
		return 2;
	}
	const struct importer *imp = import_find(argv[optind]);
	FILE *f = fopen(argv[optind + 1], "rb");
	if (!imp || !f) {
		fprintf(stderr, "bench_import: no such format or file\n");
		return 2;
	}
	struct imp_sink s = {obs, end, bad, NULL, argv[optind + 1]};
	struct imp_stats st = {0};
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	int rc = fl   ? floor_read(fl == 'y', f, &s, &st)
	         : mt ? import_read_mt(imp, f, &s, &st)
	              : imp->read(f, &s, &st);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fclose(f);
	double sec = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	fprintf(stderr,
	        "%s%s: %llu records (%llu malformed), %llu observations, %.1f MB in %.2f s: "
	        "%.2f M records/s, %.0f MB/s\n",
	        fl == 'y'   ? "yajl alone"
	        : fl == 'j' ? "jpath alone"
	                    : imp->name,
	        mt ? " (2 threads)" : "", (unsigned long long)st.records,
	        (unsigned long long)st.bad, (unsigned long long)st.obs, (double)st.bytes / 1e6, sec,
	        (double)st.records / sec / 1e6, (double)st.bytes / 1e6 / sec);
	return rc < 0 ? 1 : 0;
}
