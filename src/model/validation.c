/* Field validation and the per-field error list. Messages follow the GOV.UK pattern:
 * "Enter the family name", "The date of referral must be a real date". LABEL arguments are
 * noun phrases with their article ("the family name"); they are capitalised when they
 * start a sentence. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/validation.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/escape.h"

void field_errors_init(struct field_errors *e)
{
	memset(e, 0, sizeof *e);
}

static void field_errors_vadd(struct field_errors *e, const char *field, const char *fmt, va_list ap)
{
	if (e->count >= FIELD_ERRORS_MAX) {
		e->dropped++;
		return;
	}
	struct field_error *fe = &e->items[e->count++];
	snprintf(fe->field, sizeof fe->field, "%s", field ? field : "");
	vsnprintf(fe->message, sizeof fe->message, fmt, ap);
}

void field_errors_add(struct field_errors *e, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	field_errors_vadd(e, field, fmt, ap);
	va_end(ap);
}

int field_errors_refuse(struct field_errors *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	field_errors_vadd(e, "", fmt, ap);
	va_end(ap);
	return MODEL_REFUSED;
}

const char *field_errors_for(const struct field_errors *e, const char *field)
{
	for (int i = 0; i < e->count; i++)
		if (strcmp(e->items[i].field, field) == 0) return e->items[i].message;
	return NULL;
}

const char *field_errors_first(const struct field_errors *e)
{
	return e->count ? e->items[0].message : "";
}

/* LABEL with its first letter in upper case, for the start of a sentence. */
static const char *capitalised(const char *label, char *out, size_t size)
{
	snprintf(out, size, "%s", label);
	if (out[0]) out[0] = (char)toupper((unsigned char)out[0]);
	return out;
}

/* Characters (code points) in a valid UTF-8 string. */
static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
	return n;
}

const char *validate_text(struct arena *a, struct field_errors *e, const char *field, const char *value,
	const char *label, int required, size_t max_chars, int multiline)
{
	char cap[96];
	if (!value) value = "";
	while (isspace((unsigned char)*value)) value++;
	size_t len = strlen(value);
	while (len && isspace((unsigned char)value[len - 1])) len--;
	if (len == 0) {
		if (required) {
			field_errors_add(e, field, "Enter %s", label);
			return NULL;
		}
		return "";
	}
	if (!utf8_valid(value, len)) {
		field_errors_add(e, field, "%s contains characters that are not allowed", capitalised(label, cap, sizeof cap));
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')) && c != '\t')) {
			field_errors_add(e, field, "%s contains characters that are not allowed", capitalised(label, cap, sizeof cap));
			return NULL;
		}
	}
	if (utf8_chars(value, len) > max_chars) {
		field_errors_add(e, field, "%s must be %zu characters or fewer", capitalised(label, cap, sizeof cap), max_chars);
		return NULL;
	}
	return arena_strndup(a, value, len);
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
	return days[m - 1];
}

/* Read 1..MAXD digits at *P into *OUT; advance *P. */
static int read_digits(const char **p, int maxd, int *out)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)**p) && n < maxd) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || isdigit((unsigned char)**p)) return -1;
	*out = v;
	return n;
}

int date_normalise(const char *value, char out[11])
{
	if (!value) return -1;
	while (isspace((unsigned char)*value)) value++;
	const char *p = value;
	int a, b, c, y, m, d;
	int na = read_digits(&p, 4, &a);
	if (na < 0) return -1;
	char sep = *p;
	if (sep != '-' && sep != '/' && sep != '.') return -1;
	p++;
	if (read_digits(&p, 2, &b) < 0 || *p != sep) return -1;
	p++;
	int nc = read_digits(&p, 4, &c);
	if (nc < 0) return -1;
	while (isspace((unsigned char)*p)) p++;
	if (*p) return -1;
	if (na == 4 && sep == '-') { y = a; m = b; d = c; }       /* 2026-03-01 */
	else if (nc == 4 && na <= 2) { d = a; m = b; y = c; }     /* 1/3/2026, UK order */
	else return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return -1;
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
	return 0;
}

void date_today(char out[11])
{
	clock_format_date(clock_now(), out, 11);
}

int validate_date(struct field_errors *e, const char *field, const char *value, const char *label,
	int required, const char *not_after, char out[11])
{
	char cap[96];
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	if (!*v) {
		if (required) {
			field_errors_add(e, field, "Enter %s", label);
			return -1;
		}
		out[0] = 0;
		return 0;
	}
	if (date_normalise(v, out) != 0) {
		field_errors_add(e, field, "%s must be a real date, like 2026-03-27 or 27/3/2026",
			capitalised(label, cap, sizeof cap));
		out[0] = 0;
		return -1;
	}
	if (not_after && strcmp(out, not_after) > 0) {
		field_errors_add(e, field, "%s must be today or in the past", capitalised(label, cap, sizeof cap));
		return -1;
	}
	return 1;
}

int validate_choice(struct field_errors *e, const char *field, const char *value, const char *label,
	int required, const char *const *choices)
{
	if (!value || !*value) {
		if (required) {
			field_errors_add(e, field, "Select %s", label);
			return -2;
		}
		return -1;
	}
	for (int i = 0; choices[i]; i++)
		if (strcmp(value, choices[i]) == 0) return i;
	char cap[96];
	field_errors_add(e, field, "%s must be one of the listed options", capitalised(label, cap, sizeof cap));
	return -2;
}

int postcode_normalise(const char *value, char out[9])
{
	char s[16];
	size_t n = 0;
	for (const char *p = value; *p; p++) {
		if (*p == ' ') continue;
		if (!isalnum((unsigned char)*p) || n >= 7) return -1;
		s[n++] = (char)toupper((unsigned char)*p);
	}
	s[n] = 0;
	/* Outward code (2-4: A9, A99, AA9, AA99, A9A, AA9A) then inward code 9AA. */
	if (n < 5) return -1;
	const char *in = s + n - 3;
	if (!isdigit((unsigned char)in[0]) || !isalpha((unsigned char)in[1]) || !isalpha((unsigned char)in[2])) return -1;
	size_t outlen = n - 3;
	if (!isalpha((unsigned char)s[0])) return -1;
	int digits = 0;
	for (size_t i = 1; i < outlen; i++) if (isdigit((unsigned char)s[i])) digits++;
	if (digits == 0) return -1;
	memcpy(out, s, n + 1);
	return 0;
}

int validate_postcode(struct field_errors *e, const char *field, const char *value, int required, char out[9])
{
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	if (!*v) {
		if (required) {
			field_errors_add(e, field, "Enter a postcode");
			return -1;
		}
		out[0] = 0;
		return 0;
	}
	char compact[9];
	char trimmed[32];
	snprintf(trimmed, sizeof trimmed, "%s", v);
	size_t tl = strlen(trimmed);
	while (tl && isspace((unsigned char)trimmed[tl - 1])) trimmed[--tl] = 0;
	if (strlen(v) > 16 || postcode_normalise(trimmed, compact) != 0) {
		field_errors_add(e, field, "Enter a real postcode, like SK1 3XE");
		out[0] = 0;
		return -1;
	}
	size_t n = strlen(compact);
	snprintf(out, 9, "%.*s %s", (int)(n - 3), compact, compact + n - 3);
	return 1;
}

int validate_uprn(struct field_errors *e, const char *field, const char *value, char out[13])
{
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	size_t n = strlen(v);
	while (n && isspace((unsigned char)v[n - 1])) n--;
	out[0] = 0;
	if (n == 0) return 0;
	int ok = n <= 12;
	for (size_t i = 0; ok && i < n; i++) ok = isdigit((unsigned char)v[i]) != 0;
	if (!ok) {
		field_errors_add(e, field, "The UPRN must be a number of up to 12 digits");
		return -1;
	}
	/* Leading zeros are not part of a UPRN; store the canonical digits. */
	while (n > 1 && *v == '0') v++, n--;
	memcpy(out, v, n);
	out[n] = 0;
	return 1;
}

int validate_number(struct field_errors *e, const char *field, const char *value, const char *label,
	double min, double max, double *out)
{
	char cap[96];
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	if (!*v) return 0;
	char *end = NULL;
	double d = strtod(v, &end);
	while (end && isspace((unsigned char)*end)) end++;
	if (!end || *end || d != d) {
		field_errors_add(e, field, "%s must be a number", capitalised(label, cap, sizeof cap));
		return -1;
	}
	if (d < min || d > max) {
		field_errors_add(e, field, "%s must be between %g and %g", capitalised(label, cap, sizeof cap), min, max);
		return -1;
	}
	*out = d;
	return 1;
}

int validate_yes_no(struct field_errors *e, const char *field, const char *value, const char *label, int required)
{
	static const char *const yes[] = {"yes", "y", "true", "1", NULL};
	static const char *const no[] = {"no", "n", "false", "0", NULL};
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	char low[8];
	size_t n = 0;
	while (v[n] && n < sizeof low - 1 && !isspace((unsigned char)v[n])) {
		low[n] = (char)tolower((unsigned char)v[n]);
		n++;
	}
	low[n] = 0;
	if (n == 0) {
		if (required) {
			field_errors_add(e, field, "Select whether %s", label);
			return -2;
		}
		return -1;
	}
	const char *rest = v + n;
	while (isspace((unsigned char)*rest)) rest++;
	if (!*rest) {
		for (int i = 0; yes[i]; i++) if (strcmp(low, yes[i]) == 0) return 1;
		for (int i = 0; no[i]; i++) if (strcmp(low, no[i]) == 0) return 0;
	}
	field_errors_add(e, field, "Answer yes or no to whether %s", label);
	return -2;
}

int64_t validate_id(struct field_errors *e, const char *field, const char *value, const char *label)
{
	const char *v = value ? value : "";
	while (isspace((unsigned char)*v)) v++;
	if (!*v) return 0;
	int64_t id = 0;
	const char *p = v;
	for (; isdigit((unsigned char)*p); p++) {
		if (id > (INT64_MAX - 9) / 10) break;
		id = id * 10 + (*p - '0');
	}
	while (isspace((unsigned char)*p)) p++;
	if (*p || id <= 0) {
		field_errors_add(e, field, "Select %s from the list", label);
		return -1;
	}
	return id;
}
