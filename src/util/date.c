/* Day counting after Howard Hinnant's "chrono-compatible low-level date algorithms". */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bansweep/date.h"
#include "util/banned.h"

bs_day bs_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void bs_day_to_ymd(bs_day z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = mm;
	*d = dd;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int bs_day_parse_partial(const char *s, bs_day *out, enum bs_date_prec *prec)
{
	size_t n = strlen(s);
	int y, m = 1, d = 1;
	if (n != 4 && n != 7 && n != 10)
		return -1;
	if (digits(s, 4, &y) < 0 || y < 1900 || y > 2999)
		return -1;
	if (n >= 7 && (s[4] != '-' || digits(s + 5, 2, &m) < 0 || m < 1 || m > 12))
		return -1;
	if (n == 10 &&
	    (s[7] != '-' || digits(s + 8, 2, &d) < 0 || d < 1 || d > days_in_month(y, m)))
		return -1;
	*out = bs_day_from_ymd(y, m, d);
	if (prec)
		*prec = n == 10 ? BS_PREC_DAY : n == 7 ? BS_PREC_MONTH : BS_PREC_YEAR;
	return 0;
}

int bs_day_parse(const char *s, bs_day *out)
{
	if (strlen(s) != 10)
		return -1;
	return bs_day_parse_partial(s, out, NULL);
}

bs_day bs_day_period_end(bs_day day, enum bs_date_prec prec)
{
	int y, m, d;
	bs_day_to_ymd(day, &y, &m, &d);
	if (prec == BS_PREC_YEAR)
		return bs_day_from_ymd(y, 12, 31);
	if (prec == BS_PREC_MONTH)
		return bs_day_from_ymd(y, m, days_in_month(y, m));
	return day;
}

void bs_day_format(bs_day day, char out[static 11])
{
	int y, m, d;
	bs_day_to_ymd(day, &y, &m, &d);
	/* Years outside 0..9999 do not occur in the catalogue; clamp so the text stays 10 bytes.
	 * Written digit by digit: reports format a date per finding and instrument. */
	unsigned uy = (unsigned)(y < 0      ? 0
	                         : y > 9999 ? 9999
	                                    : y),
	         um = (unsigned)m, ud = (unsigned)d;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10 % 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10 % 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = 0;
}

bs_day bs_day_today(void)
{
	return (bs_day)(time(NULL) / 86400);
}
