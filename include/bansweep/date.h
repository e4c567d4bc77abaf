/* Civil dates as days since 1970-01-01 (proleptic Gregorian), so that deadline arithmetic is
 * plain integer subtraction. No time zones: instruments are dated by day. */
#ifndef BANSWEEP_DATE_H
#define BANSWEEP_DATE_H

#include <stdint.h>

typedef int32_t bs_day;

#define BS_DAY_NONE INT32_MIN

enum bs_date_prec { BS_PREC_DAY = 3, BS_PREC_MONTH = 2, BS_PREC_YEAR = 1 };

bs_day bs_day_from_ymd(int y, int m, int d);
void bs_day_to_ymd(bs_day day, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD" with a valid calendar day. Returns 0 or -1. */
int bs_day_parse(const char *s, bs_day *out);
/* "YYYY", "YYYY-MM" or "YYYY-MM-DD"; *out is the first day of the period, *prec its precision. */
int bs_day_parse_partial(const char *s, bs_day *out, enum bs_date_prec *prec);
/* Last day of the period starting at day with precision prec (for "until 2020-11" style ends). */
bs_day bs_day_period_end(bs_day day, enum bs_date_prec prec);
/* Writes "YYYY-MM-DD" (11 bytes with NUL) into out. */
void bs_day_format(bs_day day, char out[static 11]);
/* Today in UTC. */
bs_day bs_day_today(void);

#endif
