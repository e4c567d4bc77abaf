#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bansweep/buf.h"
#include "bansweep/out.h"
#include "util/banned.h"

struct table {
	size_t ncols, nrows, cap;
	char **cells;   /* nrows * ncols, row 0 is the header */
	char **colours; /* same shape */
	size_t *width;
};

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width_of(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void add_row(struct table *t, const char *const *cells, const char *const *colours)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof(char *));
		t->colours = xrealloc(t->colours, t->cap * t->ncols * sizeof(char *));
	}
	for (size_t i = 0; i < t->ncols; i++) {
		const char *c = cells[i] && *cells[i] ? cells[i] : "-";
		char *copy = xstrdup(c);
		/* A cell is one line: tabs and newlines would break the alignment. */
		for (char *p = copy; *p; p++)
			if ((unsigned char)*p < 0x20)
				*p = ' ';
		t->cells[t->nrows * t->ncols + i] = copy;
		t->colours[t->nrows * t->ncols + i] =
		    colours && colours[i] ? xstrdup(colours[i]) : NULL;
		size_t w = width_of(copy);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
}

struct table *table_new(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->width = xcalloc(ncols, sizeof(size_t));
	add_row(t, headers, NULL);
	return t;
}

void table_add(struct table *t, const char *const *cells, const char *const *colours)
{
	add_row(t, cells, colours);
}

size_t table_rows(const struct table *t)
{
	return t->nrows - 1;
}

void table_print(const struct table *t, FILE *f, int colour)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			const char *col = t->colours[r * t->ncols + c];
			int on = colour && (r == 0 || col);
			if (on)
				fprintf(f, "\033[%sm", r == 0 ? "1" : col);
			fputs(s, f);
			if (on)
				fputs("\033[0m", f);
			if (c + 1 < t->ncols)
				fprintf(f, "%*s", (int)(t->width[c] - width_of(s) + 2), "");
		}
		fputc('\n', f);
	}
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		free(t->cells[i]);
		free(t->colours[i]);
	}
	free(t->cells), free(t->colours), free(t->width), free(t);
}

void csv_row(FILE *f, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		if (i)
			fputc(',', f);
		if (strpbrk(s, ",\"\r\n") || (*s && (*s == ' ' || s[strlen(s) - 1] == ' '))) {
			fputc('"', f);
			for (; *s; s++) {
				if (*s == '"')
					fputc('"', f);
				fputc(*s, f);
			}
			fputc('"', f);
		} else {
			fputs(s, f);
		}
	}
	fputs("\r\n", f);
}

int out_colour_ok(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(fileno(f));
}
