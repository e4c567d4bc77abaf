/* Output formats shared by every command: an aligned text table (colour only on a terminal),
 * CSV (RFC 4180); JSON Lines are written through jw.h. */
#ifndef BANSWEEP_OUT_H
#define BANSWEEP_OUT_H

#include <stddef.h>
#include <stdio.h>

/* OUT_ECS (Elastic Common Schema JSON) and OUT_SYSLOG (RFC 5424) are written for findings only. */
enum out_format { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_ECS, OUT_SYSLOG };

struct table;

/* headers: ncols column titles (copied). */
struct table *table_new(size_t ncols, const char *const *headers);
/* Adds a row (cells copied; NULL prints as "-"). colours: NULL or ncols ANSI SGR codes such as
 * "31" (NULL entries uncoloured), used only when printing with colour on. */
void table_add(struct table *t, const char *const *cells, const char *const *colours);
size_t table_rows(const struct table *t);
/* Prints with columns padded to their widest cell; the last column is not padded. */
void table_print(const struct table *t, FILE *f, int colour);
void table_free(struct table *t);

/* One CSV record. */
void csv_row(FILE *f, const char *const *cells, size_t n);

/* Should colour be used on f? Only on a terminal, and not when NO_COLOR is set. */
int out_colour_ok(FILE *f);

#endif
