/* repsample [--empty] FILE [FORMAT]: writes the sample report model (report_sample.h), or with
 * --empty the model of an empty store, in FORMAT (default html) to FILE ("-": standard output),
 * for tests/report/html-render.sh and for looking at the formats by eye. */
#include <stdio.h>
#include <string.h>

#include "bansweep/report.h"
#include "report_sample.h"

int main(int argc, char **argv)
{
	int empty = argc > 1 && !strcmp(argv[1], "--empty");
	argv += empty;
	argc -= empty;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: repsample [--empty] FILE [FORMAT]\n");
		return 2;
	}
	const char *format = argc == 3 ? argv[2] : "html";
	FILE *f = strcmp(argv[1], "-") ? fopen(argv[1], "w") : stdout;
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct report r = empty ? report_sample_empty() : report_sample();
	int rc = report_write(&r, format, f);
	if (f != stdout && fclose(f) != 0)
		rc = -1;
	if (rc == -2)
		fprintf(stderr, "repsample: unknown format %s (%s)\n", format,
		        report_format_list());
	else if (rc < 0)
		fprintf(stderr, "repsample: write error on %s\n", argv[1]);
	return rc ? 1 : 0;
}
