/* What the passive commands (pcap, capture) share: the engine's observations into
 * identification, the findings, and the summary of what was decoded and what was malformed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bansweep/capture.h"
#include "bansweep/identify.h"
#include "bansweep/keys.h"
#include "cli.h"
#include "util/banned.h"

struct feed {
	struct identify *id;
	const char *source;
};

static int feed_obs(void *ctx, const char *asset, enum key_id key, const char *value, size_t len,
                    uint64_t first_us)
{
	struct feed *f = ctx;
	char when[32] = "";
	time_t t = (time_t)(first_us / 1000000);
	struct tm tm;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	identify_add(f->id, asset, key_get((int)key)->name, value, len, f->source, when);
	return 0;
}

static void summary(struct cli *c, const char *what, const struct capture_stats *st, double secs,
                    const struct findings_count *n, size_t assets, const char *line)
{
	if (line) {
		/* Another source fed the engine (the active probes): its own first line, and the
		 * observations and findings below. */
		fprintf(stderr, "%s\n", line);
		fprintf(stderr,
		        "  %llu observations, %zu assets, %zu findings (%zu action required, "
		        "%zu needs review)\n",
		        (unsigned long long)st->obs, assets, n->findings, n->action, n->review);
		return;
	}
	fprintf(stderr, "%s: %llu packets, ", what, (unsigned long long)st->packets);
	if (st->bytes < 10000000)
		fprintf(stderr, "%llu bytes", (unsigned long long)st->bytes);
	else
		fprintf(stderr, "%.1f MB", (double)st->bytes / 1e6);
	if (secs > 0)
		fprintf(stderr, " in %.2f s (%.0f MB/s)", secs, (double)st->bytes / 1e6 / secs);
	fprintf(stderr, "; %llu TCP flows (%llu evicted)\n", (unsigned long long)st->flows,
	        (unsigned long long)st->flows_evicted);
	fprintf(stderr, "  decoded:");
	int any = 0;
	for (size_t i = 0; capture_proto_names[i]; i++)
		if (st->decoded[i]) {
			fprintf(stderr, " %s %llu", capture_proto_names[i],
			        (unsigned long long)st->decoded[i]);
			any = 1;
		}
	fprintf(stderr, "%s\n  malformed:", any ? "" : " nothing");
	any = 0;
	for (size_t i = 0; capture_proto_names[i]; i++)
		if (st->malformed[i]) {
			fprintf(stderr, " %s %llu", capture_proto_names[i],
			        (unsigned long long)st->malformed[i]);
			any = 1;
		}
	fprintf(stderr, "%s; link errors %llu, IP errors %llu, fragments skipped %llu\n",
	        any ? "" : " none", (unsigned long long)st->link_errors,
	        (unsigned long long)st->ip_errors, (unsigned long long)st->fragments);
	fprintf(stderr, "  %llu observations", (unsigned long long)st->obs);
	if (st->obs_dropped)
		fprintf(stderr, " (%llu over the limit, dropped)",
		        (unsigned long long)st->obs_dropped);
	fprintf(stderr, ", %zu assets, %zu findings (%zu action required, %zu needs review)\n",
	        assets, n->findings, n->action, n->review);
	(void)c;
}

int cli_passive_report(struct cli *c, struct capture *cap, const char *what, double secs,
                       int failed, const char *line)
{
	struct feed f = {cli_identify_new(c), what};
	capture_each(cap, feed_obs, &f);
	struct findings_count n;
	cli_report_findings(c, f.id, &n);
	if (!c->quiet)
		summary(c, what, capture_stats(cap), secs, &n, identify_nassets(f.id), line);
	identify_free(f.id);
	if (failed)
		return EXIT_USAGE;
	return c->fail_on_findings && n.action ? EXIT_FINDINGS : EXIT_OK;
}
