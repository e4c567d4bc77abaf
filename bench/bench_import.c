/* An importer alone, without identify: records per second of `read` on one core (or, with -t,
 * through import_read_mt's second thread), to tell the importer's cost from the command's.
 * With -p it prints what the importer emits (a driver for looking at an importer's output).
 * Usage: bench_import [-p] [-t] FORMAT FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/import.h"

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

int main(int argc, char **argv)
{
	int mt = 0, c;
	while ((c = getopt(argc, argv, "pt")) != -1) {
		if (c == 'p')
			print = 1;
		else if (c == 't')
			mt = 1;
		else
			return 2;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: bench_import [-p] [-t] FORMAT FILE\n");
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
	int rc = mt ? import_read_mt(imp, f, &s, &st) : imp->read(f, &s, &st);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fclose(f);
	double sec = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	fprintf(stderr,
	        "%s%s: %llu records (%llu malformed), %llu observations, %.1f MB in %.2f s: "
	        "%.2f M records/s, %.0f MB/s\n",
	        imp->name, mt ? " (2 threads)" : "", (unsigned long long)st.records,
	        (unsigned long long)st.bad, (unsigned long long)st.obs, (double)st.bytes / 1e6, sec,
	        (double)st.records / sec / 1e6, (double)st.bytes / 1e6 / sec);
	return rc < 0 ? 1 : 0;
}
