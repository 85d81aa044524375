/* Anonymising free text (case studies) for export: the names and addresses a caller knows
 * about are replaced by labels ("[Resident]", "[address]"), and every date, postcode, email
 * address, phone number, long number and case reference is removed by pattern, so that a
 * case study can go to the board or the Home Office without identifying anyone.
 *
 *   struct redactor *r = redactor_new();
 *   redactor_add_term(r, "John Smith", "[Resident]");
 *   redactor_add_address(r, "Flat 3, 12 Acacia Avenue", "[address]");
 *   char *safe = redactor_apply(r, text);   // malloc'd
 *   redactor_free(r);
 *
 * Rules (one left-to-right pass; replaced text is never scanned again):
 *  - a term matches whole words only ("Ann" not in "Annual"), ignoring case (ASCII and
 *    Latin-1 letters) and whatever spaces, line breaks, commas, full stops, hyphens,
 *    apostrophes or slashes separate its words ("O'Brien" also matches "O Brien");
 *    the longest matching term wins; a term given twice with different labels gets the
 *    neutral label "[name]"; terms of one character are ignored (they would remove "a");
 *  - a date in any common form ("2019-04-03", "3/4/2019", "03.04.19", "Wednesday 3rd of
 *    April 2019", "April 3, 2019", "3 Apr") becomes its month and year ("April 2019"), or
 *    the month alone when no year is given; a numeric date that is impossible as day/month
 *    but possible as month/day ("4/13/2019") is taken as month/day;
 *  - UK postcodes in any case and spacing -> "[postcode]"; email addresses -> "[email]";
 *    NG-YYYY-NNNNN references -> "[reference]"; a phone number (a digit run starting with 0
 *    or +44, groups separated by single spaces) -> "[phone number]"; any other run of six
 *    or more digits (UPRNs, NHS and crime numbers) -> "[number]".
 * Invalid UTF-8 becomes U+FFFD and control characters other than newline and tab are
 * dropped. Over-redaction (a resident called Will removes "will") is preferred to leaking;
 * a person checks the result before a study is approved. */
#ifndef NESTGUARD_REDACT_H
#define NESTGUARD_REDACT_H
#include <stddef.h>

struct redactor;

struct redactor *redactor_new(void);
void redactor_free(struct redactor *r);

/* Replace TEXT (a name, a nickname, any phrase) by LABEL. Empty or one-character terms
 * are ignored. Both strings are copied. */
void redactor_add_term(struct redactor *r, const char *text, const char *label);
/* An address line: the line itself, and when it starts with a house number or a flat
 * ("12 Acacia Avenue", "Flat 3, 12a Acacia Avenue") the street alone, each also with the
 * street type abbreviated or spelt out (Avenue/Ave, Road/Rd, Street/St, ...). */
void redactor_add_address(struct redactor *r, const char *line, const char *label);

/* The redacted copy of TEXT (NULL gives ""). Malloc'd. */
char *redactor_apply(const struct redactor *r, const char *text);

/* "2019-04-03" -> "April 2019" into OUT; "" when DATE is not YYYY-MM-DD. */
void redact_month_year(const char *date, char *out, size_t size);

#endif
