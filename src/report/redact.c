/* Anonymising free text for export: known names and addresses by term, dates, postcodes,
 * emails, phone numbers and long numbers by pattern. See redact.h for the rules. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/redact.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/xalloc.h"

/* A term: its words as folded code points, and the label that replaces it. */
struct redact_term {
	uint32_t *cps;        /* every word's code points, one after another */
	size_t *word_len;     /* code points per word */
	size_t words, total;
	char *label;
};

struct redactor {
	struct redact_term *terms;   /* kept longest first, so the first match is the longest */
	size_t n, cap;
};

/* ---- code points --------------------------------------------------------------------- */

/* Decode the code point at S[I] of a string already made valid UTF-8; *LEN gets its size. */
static uint32_t cp_at(const char *s, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] < 0x80) { *len = 1; return u[0]; }
	if ((u[0] & 0xe0) == 0xc0) { *len = 2; return ((uint32_t)(u[0] & 0x1f) << 6) | (u[1] & 0x3f); }
	if ((u[0] & 0xf0) == 0xe0) { *len = 3; return ((uint32_t)(u[0] & 0x0f) << 12) | ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f); }
	*len = 4;
	return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3f) << 12) | ((uint32_t)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
}

/* Letters and digits of any script; not Latin-1 symbols (£, ©, «, ×) nor general punctuation
 * (curly quotes, dashes, the ellipsis), which separate words like ASCII punctuation does. */
static int is_word_cp(uint32_t c)
{
	if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c <= 0xbf || c == 0xd7 || c == 0xf7) return 0;
	if (c >= 0x2000 && c <= 0x206f) return 0;
	if (c == 0x3000 || c == 0xfeff || c == 0xfffd) return 0;
	return 1;
}

/* Case folding good enough for names: ASCII and the Latin-1 letters (À-Þ -> à-þ). */
static uint32_t fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z') return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
	return c;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* True when a word ends at S[I]: the end of the text or a code point that is not a letter or digit. */
static int boundary_at(const char *s, size_t i)
{
	if (!s[i]) return 1;
	size_t len;
	return !is_word_cp(cp_at(s, i, &len));
}

/* True when S[I] starts a word: nothing before it, or a non-word code point. */
static int word_starts_at(const char *s, size_t i)
{
	if (i == 0) return 1;
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80) j--;
	size_t len;
	return !is_word_cp(cp_at(s, j, &len));
}

/* Separators allowed between the words of a term in the text. */
static int is_term_separator(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '.' || c == '-' || c == '\'' || c == '/'
		|| c == 0xa0 || c == 0x2018 || c == 0x2019 || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014;
}

/* A copy of TEXT that is valid UTF-8 without control characters (newline and tab kept). */
static char *clean_text(const char *text)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, strlen(text) + 1);
	const unsigned char *u = (const unsigned char *)text;
	size_t avail = strlen(text);
	for (size_t i = 0; i < avail;) {
		if (u[i] < 0x80) {
			if (u[i] >= 0x20 && u[i] != 0x7f) buf_putc(&b, (char)u[i]);
			else if (u[i] == '\n' || u[i] == '\t') buf_putc(&b, (char)u[i]);
			i++;
			continue;
		}
		size_t n = utf8_sequence_length(u + i, avail - i);
		if (n == 0) {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		} else {
			buf_append(&b, u + i, n);
			i += n;
		}
	}
	buf_append(&b, "", 0);   /* terminated even when empty */
	return buf_detach(&b);
}

/* ---- terms --------------------------------------------------------------------------- */

struct redactor *redactor_new(void)
{
	return xcalloc(1, sizeof(struct redactor));
}

void redactor_free(struct redactor *r)
{
	if (!r) return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->terms[i].cps);
		free(r->terms[i].word_len);
		free(r->terms[i].label);
	}
	free(r->terms);
	free(r);
}

/* The words of S as folded code points (CPS) and lengths (LENS). Returns the word count. */
static size_t split_words(const char *s, uint32_t **cps, size_t **lens, size_t *total)
{
	size_t n = strlen(s), words = 0, t = 0;
	*cps = xcalloc(n + 1, sizeof **cps);
	*lens = xcalloc(n + 1, sizeof **lens);
	int in_word = 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t c = cp_at(s, i, &len);
		i += len;
		if (is_word_cp(c)) {
			if (!in_word) words++;
			in_word = 1;
			(*cps)[t++] = fold(c);
			(*lens)[words - 1]++;
		} else {
			in_word = 0;
		}
	}
	*total = t;
	return words;
}

static int same_words(const struct redact_term *a, const uint32_t *cps, const size_t *lens, size_t words, size_t total)
{
	if (a->words != words || a->total != total) return 0;
	return memcmp(a->cps, cps, total * sizeof *cps) == 0 && memcmp(a->word_len, lens, words * sizeof *lens) == 0;
}

/* Add the term made of WORDS words; takes ownership of CPS and LENS. */
static void add_words(struct redactor *r, uint32_t *cps, size_t *lens, size_t words, size_t total, const char *label)
{
	if (words == 0 || total < 2) {
		free(cps);
		free(lens);
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		if (same_words(&r->terms[i], cps, lens, words, total)) {
			/* the same words for two different people: neither label is safe to keep */
			if (strcmp(r->terms[i].label, label) != 0) {
				free(r->terms[i].label);
				r->terms[i].label = xstrdup("[name]");
			}
			free(cps);
			free(lens);
			return;
		}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->terms = xrealloc(r->terms, r->cap * sizeof *r->terms);
	}
	/* keep longest first (more words, then more letters) */
	size_t at = r->n;
	while (at > 0 && (r->terms[at - 1].words < words || (r->terms[at - 1].words == words && r->terms[at - 1].total < total)))
		at--;
	memmove(&r->terms[at + 1], &r->terms[at], (r->n - at) * sizeof *r->terms);
	r->terms[at] = (struct redact_term){cps, lens, words, total, xstrdup(label)};
	r->n++;
}

void redactor_add_term(struct redactor *r, const char *text, const char *label)
{
	if (!text || !*text) return;
	char *clean = clean_text(text);
	uint32_t *cps;
	size_t *lens, total;
	size_t words = split_words(clean, &cps, &lens, &total);
	free(clean);
	add_words(r, cps, lens, words, total, label ? label : "[removed]");
}

/* Street types and their usual abbreviations; an address is also looked for with the other form. */
static const char *const street_types[][2] = {
	{"avenue", "ave"}, {"road", "rd"}, {"street", "st"}, {"lane", "ln"}, {"close", "cl"},
	{"drive", "dr"}, {"court", "ct"}, {"crescent", "cres"}, {"place", "pl"}, {"terrace", "terr"},
	{"grove", "gr"}, {"gardens", "gdns"}, {"square", "sq"}, {"park", "pk"}, {"way", "wy"},
};

/* The word I of a term (CPS/LENS) equals the ASCII word W. */
static int word_is(const uint32_t *cps, const size_t *lens, size_t i, const char *w)
{
	size_t off = 0;
	for (size_t k = 0; k < i; k++) off += lens[k];
	if (lens[i] != strlen(w)) return 0;
	for (size_t k = 0; k < lens[i]; k++)
		if (cps[off + k] != (uint32_t)(unsigned char)w[k]) return 0;
	return 1;
}

/* House numbers: "12", "12a", "3b". */
static int word_is_number(const uint32_t *cps, const size_t *lens, size_t i)
{
	size_t off = 0;
	for (size_t k = 0; k < i; k++) off += lens[k];
	if (lens[i] == 0 || cps[off] < '0' || cps[off] > '9') return 0;
	for (size_t k = 0; k < lens[i]; k++)
		if (!((cps[off + k] >= '0' && cps[off + k] <= '9') || (k == lens[i] - 1 && cps[off + k] >= 'a' && cps[off + k] <= 'z')))
			return 0;
	return 1;
}

/* Add words FIRST.. of CPS/LENS as a term, and again with the street type swapped. */
static void add_street_forms(struct redactor *r, const uint32_t *cps, const size_t *lens, size_t words, size_t first,
	const char *label)
{
	size_t off = 0, total = 0;
	for (size_t k = 0; k < first; k++) off += lens[k];
	for (size_t k = first; k < words; k++) total += lens[k];
	size_t n = words - first;
	if (n == 0) return;
	uint32_t *c1 = xcalloc(total + 1, sizeof *c1);
	size_t *l1 = xcalloc(n, sizeof *l1);
	memcpy(c1, cps + off, total * sizeof *c1);
	memcpy(l1, lens + first, n * sizeof *l1);
	for (size_t t = 0; t < sizeof street_types / sizeof *street_types; t++)
		for (int form = 0; form < 2; form++) {
			if (!word_is(c1, l1, n - 1, street_types[t][form])) continue;
			const char *other = street_types[t][1 - form];
			size_t keep = total - l1[n - 1], olen = strlen(other);
			uint32_t *c2 = xcalloc(keep + olen + 1, sizeof *c2);
			size_t *l2 = xcalloc(n, sizeof *l2);
			memcpy(c2, c1, keep * sizeof *c2);
			for (size_t k = 0; k < olen; k++) c2[keep + k] = (unsigned char)other[k];
			memcpy(l2, l1, n * sizeof *l2);
			l2[n - 1] = olen;
			add_words(r, c2, l2, n, keep + olen, label);
		}
	add_words(r, c1, l1, n, total, label);
}

void redactor_add_address(struct redactor *r, const char *line, const char *label)
{
	if (!line || !*line) return;
	if (!label) label = "[address]";
	char *clean = clean_text(line);
	uint32_t *cps;
	size_t *lens, total;
	size_t words = split_words(clean, &cps, &lens, &total);
	free(clean);
	/* the whole line, the line without "Flat 3", and the street alone */
	add_street_forms(r, cps, lens, words, 0, label);
	size_t first = 0;
	if (words > 2 && (word_is(cps, lens, 0, "flat") || word_is(cps, lens, 0, "apartment") || word_is(cps, lens, 0, "apt")
	                  || word_is(cps, lens, 0, "unit") || word_is(cps, lens, 0, "room"))) {
		first = 2;
		add_street_forms(r, cps, lens, words, first, label);
	}
	while (first < words && word_is_number(cps, lens, first)) first++;
	if (first > 0 && first < words) add_street_forms(r, cps, lens, words, first, label);
	free(cps);
	free(lens);
}

/* Where term T matches S at I (a word start): the end offset, or 0. */
static size_t match_term(const struct redact_term *t, const char *s, size_t i)
{
	size_t k = 0;
	for (size_t w = 0; w < t->words; w++) {
		if (w > 0) {
			/* one to eight separators between words */
			size_t seps = 0, len;
			while (s[i] && seps < 8 && is_term_separator(cp_at(s, i, &len))) { i += len; seps++; }
			if (seps == 0) return 0;
		}
		for (size_t c = 0; c < t->word_len[w]; c++, k++) {
			if (!s[i]) return 0;
			size_t len;
			uint32_t cp = cp_at(s, i, &len);
			if (fold(cp) != t->cps[k]) return 0;
			i += len;
		}
	}
	return boundary_at(s, i) ? i : 0;
}

/* ---- dates --------------------------------------------------------------------------- */

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

/* Case-insensitive ASCII prefix test of S at I for WORD, followed by a word boundary. */
static size_t word_at(const char *s, size_t i, const char *word)
{
	size_t n = strlen(word);
	for (size_t k = 0; k < n; k++)
		if (lower(s[i + k]) != word[k]) return 0;
	return boundary_at(s, i + n) ? i + n : 0;
}

/* A month name or abbreviation (with an optional full stop) at I: returns the end, month 1-12 in *M. */
static size_t month_at(const char *s, size_t i, int *m)
{
	static const char *const abbrev[12] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int k = 0; k < 12; k++) {
		char full[16];
		size_t n = strlen(month_names[k]);
		for (size_t c = 0; c <= n; c++) full[c] = lower(month_names[k][c]);
		size_t e = word_at(s, i, full);
		if (!e) e = word_at(s, i, abbrev[k]);
		if (!e && k == 8) e = word_at(s, i, "sept");
		if (e) {
			*m = k + 1;
			return e;
		}
	}
	return 0;
}

static size_t weekday_at(const char *s, size_t i)
{
	static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", NULL};
	for (int k = 0; days[k]; k++) {
		size_t e = word_at(s, i, days[k]);
		if (e) return s[e] == '.' && k >= 7 ? e + 1 : e;
	}
	return 0;
}

/* Digits at I: how many (up to MAX), their value in *V. */
static size_t digits_at(const char *s, size_t i, size_t max, int *v)
{
	size_t n = 0;
	*v = 0;
	while (n < max && is_digit(s[i + n])) *v = *v * 10 + (s[i + n++] - '0');
	return n;
}

static size_t skip_spaces(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || (s[i] == '\xC2' && s[i + 1] == '\xA0'))
		i += s[i] == '\xC2' ? 2 : 1;
	return i;
}

/* A day of the month at I ("3", "03", "3rd", "21st"), ending at a word boundary. */
static size_t day_at(const char *s, size_t i, int *d)
{
	size_t n = digits_at(s, i, 2, d);
	if (n == 0 || is_digit(s[i + n]) || *d < 1 || *d > 31) return 0;
	size_t e = i + n;
	static const char *const suffixes[] = {"st", "nd", "rd", "th", NULL};
	for (int k = 0; suffixes[k]; k++)
		if (lower(s[e]) == suffixes[k][0] && lower(s[e + 1]) == suffixes[k][1] && boundary_at(s, e + 2)) return e + 2;
	return boundary_at(s, e) ? e : 0;
}

/* A four-digit year 1900-2099 at I after an optional comma or full stop (of an abbreviated
 * month) and spaces. */
static size_t year_after(const char *s, size_t i, int *y)
{
	size_t j = i;
	if (s[j] == ',' || s[j] == '.') j++;
	j = skip_spaces(s, j);
	if (j == i) return 0;
	size_t n = digits_at(s, j, 4, y);
	if (n != 4 || !boundary_at(s, j + 4) || *y < 1900 || *y > 2099) return 0;
	return j + 4;
}

/* Numeric dates at I: Y-M-D, D/M/Y (M/D/Y when only that is possible), D/M/YY, DD/MM. */
static size_t numeric_date_at(const char *s, size_t i, int *month, int *year)
{
	int a, b, c;
	size_t na = digits_at(s, i, 4, &a);
	if (na == 0 || is_digit(s[i + na])) return 0;
	char sep = s[i + na];
	if (sep != '/' && sep != '-' && sep != '.') return 0;
	size_t j = i + na + 1;
	size_t nb = digits_at(s, j, 2, &b);
	if (nb == 0 || is_digit(s[j + nb])) return 0;
	j += nb;
	if (na == 4) {
		if (s[j] != sep) return 0;
		size_t nc = digits_at(s, j + 1, 2, &c);
		if (nc == 0 || is_digit(s[j + 1 + nc]) || !boundary_at(s, j + 1 + nc)) return 0;
		if (b < 1 || b > 12 || c < 1 || c > 31 || a < 1900 || a > 2099) return 0;
		*month = b;
		*year = a;
		return j + 1 + nc;
	}
	if (na > 2) return 0;
	if (s[j] == sep && is_digit(s[j + 1])) {
		size_t nc = digits_at(s, j + 1, 4, &c);
		if ((nc != 2 && nc != 4) || is_digit(s[j + 1 + nc]) || !boundary_at(s, j + 1 + nc)) return 0;
		int y = nc == 2 ? 2000 + c : c;
		if (a >= 1 && a <= 31 && b >= 1 && b <= 12) *month = b;
		else if (a >= 1 && a <= 12 && b >= 1 && b <= 31) *month = a;
		else return 0;
		*year = y;
		return j + 1 + nc;
	}
	/* day and month without a year, both written with two digits ("12/05"): not "3/4" */
	if (na == 2 && nb == 2 && boundary_at(s, j) && a >= 1 && a <= 31 && b >= 1 && b <= 12 && sep == '/') {
		*month = b;
		*year = 0;
		return j;
	}
	return 0;
}

/* Dates with the month in words, optionally after a weekday: "Wednesday 3rd of April 2019",
 * "3 Apr", "April 3rd, 2019", "April 2019". */
static size_t word_date_at(const char *s, size_t i, int *month, int *year)
{
	size_t j = i, e;
	int d, m, y;
	size_t wd = weekday_at(s, j);
	if (wd) {
		/* a weekday only goes with a date that follows it */
		j = wd;
		if (s[j] == ',') j++;
		size_t k = skip_spaces(s, j);
		if (k == j) return 0;
		j = k;
	}
	*year = 0;
	if ((e = day_at(s, j, &d))) {
		size_t k = skip_spaces(s, e);
		if (k == e) return 0;
		size_t of = word_at(s, k, "of");
		if (of) {
			k = skip_spaces(s, of);
			if (k == of) return 0;
		}
		size_t me = month_at(s, k, &m);
		if (!me) return 0;
		*month = m;
		size_t ye = year_after(s, me, &y);
		if (ye) *year = y;
		return ye ? ye : me;
	}
	if ((e = month_at(s, j, &m))) {
		size_t dot = s[e] == '.' ? e + 1 : e;     /* "Sept. 21st" */
		size_t k = skip_spaces(s, dot);
		size_t de;
		if (k > dot && (de = day_at(s, k, &d))) {
			*month = m;
			size_t ye = year_after(s, de, &y);
			if (ye) *year = y;
			return ye ? ye : de;
		}
		size_t ye = year_after(s, e, &y);
		if (ye && !wd) {
			*month = m;
			*year = y;
			return ye;
		}
	}
	return 0;
}

void redact_month_year(const char *date, char *out, size_t size)
{
	int y, m, d;
	if (size) out[0] = 0;
	if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) return;
	snprintf(out, size, "%s %d", month_names[m - 1], y);
}

/* ---- other patterns ------------------------------------------------------------------ */

static int is_email_local(char c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static size_t email_at(const char *s, size_t i)
{
	size_t j = i;
	while (is_email_local(s[j])) j++;
	if (j == i || s[j] != '@') return 0;
	size_t k = j + 1, dots = 0, last_dot = 0;
	while (is_alpha(s[k]) || is_digit(s[k]) || s[k] == '-' || (s[k] == '.' && (is_alpha(s[k + 1]) || is_digit(s[k + 1])))) {
		if (s[k] == '.') { dots++; last_dot = k; }
		k++;
	}
	if (dots == 0 || k == last_dot + 1) return 0;
	return k;
}

/* NG-2026-00042 */
static size_t reference_at(const char *s, size_t i)
{
	if (lower(s[i]) != 'n' || lower(s[i + 1]) != 'g' || s[i + 2] != '-') return 0;
	int v;
	if (digits_at(s, i + 3, 4, &v) != 4 || s[i + 7] != '-') return 0;
	size_t n = digits_at(s, i + 8, 9, &v);
	return n && boundary_at(s, i + 8 + n) ? i + 8 + n : 0;
}

/* A UK postcode: outward A9, A99, A9A, AA9, AA99, AA9A; up to two spaces; inward 9AA. */
static size_t postcode_at(const char *s, size_t i)
{
	size_t j = i;
	if (!is_alpha(s[j])) return 0;
	j++;
	if (is_alpha(s[j])) j++;
	if (!is_digit(s[j])) return 0;
	j++;
	/* the outward code may end with one more digit or letter: try with it, then without */
	for (int extra = 1; extra >= 0; extra--) {
		size_t k = j;
		if (extra) {
			if (!is_digit(s[k]) && !is_alpha(s[k])) continue;
			k++;
		}
		int spaces = 0;
		while (s[k] == ' ' && spaces < 2) { k++; spaces++; }
		if (is_digit(s[k]) && is_alpha(s[k + 1]) && is_alpha(s[k + 2]) && boundary_at(s, k + 3)) return k + 3;
	}
	return 0;
}

/* A phone number: starts with 0, +44 or "(0"; digit groups separated by one space or hyphen
 * (and the closing bracket); at least nine digits. */
static size_t phone_at(const char *s, size_t i)
{
	size_t j = i;
	int bracket = 0;
	if (s[j] == '+' && s[j + 1] == '4' && s[j + 2] == '4') j += 3;
	else if (s[j] == '(' && s[j + 1] == '0') { bracket = 1; j++; }
	else if (s[j] != '0') return 0;
	size_t digits = j > i && s[i] == '+' ? 2 : 0, end = 0;
	for (;;) {
		if (is_digit(s[j])) {
			digits++;
			j++;
			end = j;
			continue;
		}
		if (bracket && s[j] == ')') {
			bracket = 0;
			j++;
			if (s[j] == ' ') j++;
			continue;
		}
		if ((s[j] == ' ' || s[j] == '-') && is_digit(s[j + 1])) { j++; continue; }
		break;
	}
	return digits >= 9 && end && boundary_at(s, end) ? end : 0;
}

/* A word of letters and digits holding six or more digits: the end, or 0. */
static size_t long_number_at(const char *s, size_t i)
{
	size_t j = i, digits = 0;
	while (is_digit(s[j]) || is_alpha(s[j])) digits += is_digit(s[j++]);
	return digits >= 6 && boundary_at(s, j) ? j : 0;
}

/* ---- the pass ------------------------------------------------------------------------ */

char *redactor_apply(const struct redactor *r, const char *text)
{
	char *s = clean_text(text ? text : "");
	struct buf out = BUF_INIT;
	buf_grow(&out, strlen(s) + 16);
	size_t i = 0;
	while (s[i]) {
		size_t len, e;
		uint32_t c = cp_at(s, i, &len);
		if ((c == '+' || c == '(') && (e = phone_at(s, i))) {
			buf_puts(&out, "[phone number]");
			i = e;
			continue;
		}
		if (!is_word_cp(c) || !word_starts_at(s, i)) {
			buf_append(&out, s + i, len);
			i += len;
			continue;
		}
		/* every rule that matches here; the longest match wins, a known term on a tie
		 * (so "3 May Street" is an address before it is a date) */
		int month = 0, year = 0;
		size_t term_end = 0;
		const char *term_label = NULL;
		for (size_t t = 0; t < r->n && !term_end; t++)
			if ((term_end = match_term(&r->terms[t], s, i))) term_label = r->terms[t].label;
		const char *fixed = NULL;
		int is_date = 0;
		if ((e = email_at(s, i))) fixed = "[email]";
		else if ((e = reference_at(s, i))) fixed = "[reference]";
		else if ((e = numeric_date_at(s, i, &month, &year)) || (e = word_date_at(s, i, &month, &year))) is_date = 1;
		else if ((e = phone_at(s, i))) fixed = "[phone number]";
		else if ((e = postcode_at(s, i))) fixed = "[postcode]";
		else if ((e = long_number_at(s, i))) fixed = "[number]";
		if (term_end && term_end >= e) {
			buf_puts(&out, term_label);
			e = term_end;
		} else if (is_date) {
			buf_puts(&out, month_names[month - 1]);
			if (year) buf_printf(&out, " %d", year);
		} else if (fixed) {
			buf_puts(&out, fixed);
		}
		if (e) {
			i = e;
			continue;
		}
		/* no pattern here: copy the whole word, so nothing matches inside it */
		while (s[i]) {
			c = cp_at(s, i, &len);
			if (!is_word_cp(c)) break;
			buf_append(&out, s + i, len);
			i += len;
		}
	}
	free(s);
	buf_append(&out, "", 0);
	return buf_detach(&out);
}
