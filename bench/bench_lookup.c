/* MAC registry benchmark: lookups per second on one core (random addresses, which mostly miss,
 * and realistic ones drawn from the registry's own blocks), and the time registry_open takes cold
 * (no cache: parse every source) and warm (map the cache).
 *
 *   bench_lookup [N_LOOKUPS]        default 100 million; uses the installed Debian registries
 *
 * Figures are printed, not checked: targets are >= 20 M lookups/s and a warm open well inside the
 * 20 ms start-up budget of `bansweep lookup`. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bansweep/kb.h"
#include "bansweep/registry.h"
#include "util/banned.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
	/* xorshift64*: cheap, so that the generator does not dominate the loop */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

/* Keeps the compiler from dropping lookups whose results are not otherwise used. */
static volatile uint64_t sink;

static double run(const struct registry *r, const uint64_t *macs, size_t nmacs, size_t n,
                  size_t *hits)
{
	struct reg_hit h;
	uint64_t acc = 0;
	size_t found = 0;
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		if (registry_lookup(r, macs[i & (nmacs - 1)], &h)) {
			found++;
			acc += h.bits + (uintptr_t)h.org;
		}
	}
	double t = now() - t0;
	sink = acc;
	*hits = found;
	return (double)n / t;
}

static double open_ms(const struct kb *kb, const char *cache, int repeat)
{
	double best = 1e9;
	for (int i = 0; i < repeat; i++) {
		struct registry *r;
		struct bs_err e;
		struct reg_options o = {NULL, cache};
		double t0 = now();
		if (registry_open(&r, kb, &o, &e) < 0) {
			fprintf(stderr, "bench_lookup: %s\n", e.msg);
			exit(1);
		}
		double t = (now() - t0) * 1e3;
		registry_free(r);
		if (t < best)
			best = t;
	}
	return best;
}

static void rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[4096];
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 100000000u;
	struct kb kb;
	struct bs_err e;
	const struct kb *kbp = &kb;
	if (kb_load(&kb, kb_default_dir(), &e) < 0) {
		fprintf(stderr, "bench_lookup: kb not loaded (%s); no attribution\n", e.msg);
		kbp = NULL;
	}
	char dir[] = "/tmp/bench_lookup.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	double cold = open_ms(kbp, "", 5);
	double first = open_ms(kbp, dir, 1); /* builds and writes the cache */
	double warm = open_ms(kbp, dir, 50);

	struct registry *r;
	struct reg_options o = {NULL, dir};
	if (registry_open(&r, kbp, &o, &e) < 0) {
		fprintf(stderr, "bench_lookup: %s\n", e.msg);
		return 1;
	}
	size_t nb = registry_count(r), nmacs = 1 << 20;
	uint64_t *rnd = malloc(nmacs * sizeof(*rnd)), *real = malloc(nmacs * sizeof(*real));
	for (size_t i = 0; i < nmacs; i++) {
		/* random unicast, universally administered: what a capture could hold */
		rnd[i] = next() & 0xFCFFFFFFFFFFull;
		struct reg_hit h;
		registry_entry(r, (size_t)(next() % nb), &h);
		real[i] = h.prefix | (next() & ((1ull << (48 - h.bits)) - 1));
	}
	size_t hr, hl;
	double lr = run(r, rnd, nmacs, n, &hr);
	double ll = run(r, real, nmacs, n, &hl);
	printf("registry: %zu blocks from %zu sources, dated %s\n", nb, registry_nsources(r),
	       registry_date(r));
	for (size_t i = 0; i < registry_nsources(r); i++) {
		const struct reg_source *s = registry_source(r, i);
		printf("  %-34s %-8s %s %6zu blocks\n", s->path, s->kind, s->date, s->blocks);
	}
	printf("lookups, random addresses:    %6.1f M/s (%zu of %zu found)\n", lr / 1e6, hr, n);
	printf("lookups, registry addresses:  %6.1f M/s (%zu of %zu found)\n", ll / 1e6, hl, n);
	printf("registry_open cold (no cache): %7.2f ms (best of 5)\n", cold);
	printf("registry_open cold + write:    %7.2f ms\n", first);
	printf("registry_open warm (cache):    %7.2f ms (best of 50)\n", warm);
	registry_free(r);
	free(rnd);
	free(real);
	rmtree(dir);
	if (kbp)
		kb_release(&kb);
	return 0;
}
