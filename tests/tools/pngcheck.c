/* pngcheck PNG [--min-nonwhite FRACTION] [--ignore RRGGBB]... [--colour RRGGBB:MIN]...: checks a
 * screenshot (of the HTML report, taken by tests/report/html-render.sh) for what a broken page
 * would lack: enough pixels that are neither white nor an ignored colour (a page background: the
 * page is not blank), and at least MIN pixels of each exact colour given (the charts' fills were
 * painted). Prints what it measured. Exit 0 when every check passes, 1 when one fails, 2 on
 * usage or read errors. Reads with libpng's simplified API, composing any alpha over white. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLOURS 32

struct want {
	unsigned rgb;
	unsigned long min, seen;
	const char *arg;
};

static int parse_colour(const char *s, struct want *w)
{
	char *end;
	const char *colon = strchr(s, ':');
	if (!colon || colon - s != 6)
		return -1;
	char hex[7];
	memcpy(hex, s, 6);
	hex[6] = 0;
	unsigned long v = strtoul(hex, &end, 16);
	if (*end)
		return -1;
	unsigned long min = strtoul(colon + 1, &end, 10);
	if (*end || colon[1] == 0)
		return -1;
	w->rgb = (unsigned)v;
	w->min = min;
	w->seen = 0;
	w->arg = s;
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: pngcheck PNG [--min-nonwhite FRACTION] [--ignore RRGGBB]... "
	                "[--colour RRGGBB:MIN]...\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *path = argv[1];
	double min_nonwhite = 0.0;
	struct want want[MAX_COLOURS];
	size_t nwant = 0;
	unsigned ignore[MAX_COLOURS];
	size_t nignore = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--min-nonwhite") && i + 1 < argc) {
			char *end;
			min_nonwhite = strtod(argv[++i], &end);
			if (*end || min_nonwhite < 0 || min_nonwhite > 1)
				return usage();
		} else if (!strcmp(argv[i], "--ignore") && i + 1 < argc && nignore < MAX_COLOURS) {
			struct want w;
			char spec[16];
			snprintf(spec, sizeof(spec), "%.6s:0", argv[++i]);
			if (strlen(argv[i]) != 6 || parse_colour(spec, &w) < 0)
				return usage();
			ignore[nignore++] = w.rgb;
		} else if ((!strcmp(argv[i], "--colour") || !strcmp(argv[i], "--color")) &&
		           i + 1 < argc && nwant < MAX_COLOURS) {
			if (parse_colour(argv[++i], &want[nwant]) < 0)
				return usage();
			nwant++;
		} else {
			return usage();
		}
	}

	png_image img;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path)) {
		fprintf(stderr, "pngcheck: %s: %s\n", path, img.message);
		return 2;
	}
	img.format = PNG_FORMAT_RGB;
	size_t size = PNG_IMAGE_SIZE(img);
	unsigned char *px = malloc(size);
	png_color white = {255, 255, 255};
	if (!px || !png_image_finish_read(&img, &white, px, 0, NULL)) {
		fprintf(stderr, "pngcheck: %s: %s\n", path, px ? img.message : "out of memory");
		free(px);
		png_image_free(&img);
		return 2;
	}

	unsigned long total = (unsigned long)img.width * img.height, nonwhite = 0;
	for (unsigned long i = 0; i < total; i++) {
		const unsigned char *p = px + i * 3;
		unsigned rgb = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
		int blank = rgb == 0xFFFFFF;
		for (size_t k = 0; k < nignore && !blank; k++)
			blank = rgb == ignore[k];
		nonwhite += !blank;
		for (size_t k = 0; k < nwant; k++)
			if (want[k].rgb == rgb)
				want[k].seen++;
	}
	free(px);

	int fail = 0;
	double share = total ? (double)nonwhite / (double)total : 0.0;
	printf("pngcheck: %s: %ux%u, %lu of %lu pixels neither white nor ignored (%.2f%%, need "
	       "%.2f%%): %s\n",
	       path, img.width, img.height, nonwhite, total, share * 100, min_nonwhite * 100,
	       share >= min_nonwhite && total ? "ok" : "FAIL");
	if (share < min_nonwhite || !total)
		fail = 1;
	for (size_t k = 0; k < nwant; k++) {
		int ok = want[k].seen >= want[k].min;
		printf("pngcheck: colour #%06x: %lu pixels (need %lu): %s\n", want[k].rgb,
		       want[k].seen, want[k].min, ok ? "ok" : "FAIL");
		fail |= !ok;
	}
	png_image_free(&img);
	return fail;
}
