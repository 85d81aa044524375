/* Per-field validation results shared by the model, the pages (GOV.UK error summary and
 * inline errors) and the JSON API ({"errors":[{"field":..,"message":..}]}), plus the
 * checks every form field goes through: text, dates, choices, postcodes, UPRNs, coordinates. */
#ifndef NESTGUARD_VALIDATION_H
#define NESTGUARD_VALIDATION_H
#include <stddef.h>
#include <stdint.h>

struct arena;

/* What a model operation returned. Callers map these to pages or HTTP statuses:
 * INVALID -> 400/422 with field errors, REFUSED -> 409 (an impossible transition, the
 * reason is the first error), NOT_FOUND -> 404 (also when the actor may not see the record),
 * FORBIDDEN -> 403 (the actor sees the record but their role may not do this). */
enum model_status {
	MODEL_OK = 0,
	MODEL_INVALID = 1,
	MODEL_REFUSED = 2,
	MODEL_NOT_FOUND = 3,
	MODEL_FORBIDDEN = 4
};

#define FIELD_ERRORS_MAX 32

/* FIELD names the form field / JSON member ("referred_on", "people[1].family_name"); an empty
 * field is a message about the whole request (refused transitions). */
struct field_error {
	char field[64];
	char message[240];
};

struct field_errors {
	int count;
	int dropped;                 /* errors beyond FIELD_ERRORS_MAX */
	struct field_error items[FIELD_ERRORS_MAX];
};

void field_errors_init(struct field_errors *e);
void field_errors_add(struct field_errors *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* First message for FIELD, or NULL. */
const char *field_errors_for(const struct field_errors *e, const char *field);
/* The first message (for refusals), or "" when there are none. */
const char *field_errors_first(const struct field_errors *e);
/* Convenience for refusals: add a whole-request message and return MODEL_REFUSED. */
int field_errors_refuse(struct field_errors *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Trim VALUE and check it: required (when REQUIRED), at most MAX_CHARS characters, valid
 * UTF-8 without control characters (newlines allowed when MULTILINE). LABEL is the noun phrase
 * for messages ("the family name"). Returns an arena copy of the trimmed text ("" when empty
 * and optional), or NULL after adding an error. */
const char *validate_text(struct arena *a, struct field_errors *e, const char *field, const char *value,
	const char *label, int required, size_t max_chars, int multiline);

/* A calendar date. Accepts YYYY-MM-DD, and the UK forms D/M/YYYY and D-M-YYYY. Writes
 * YYYY-MM-DD into OUT (11 bytes). NOT_AFTER ("YYYY-MM-DD" or NULL) refuses later dates.
 * Returns 1 when a date was written, 0 when empty and optional, -1 after adding an error. */
int validate_date(struct field_errors *e, const char *field, const char *value, const char *label,
	int required, const char *not_after, char out[11]);
/* Parse a date as validate_date does, without messages: 0 on success, -1 otherwise. */
int date_normalise(const char *value, char out[11]);
/* Today's date (by clock_now()) as YYYY-MM-DD. */
void date_today(char out[11]);

/* VALUE must equal one of CHOICES (NULL-terminated). Returns the index, -1 when empty and
 * optional, -2 after adding an error. */
int validate_choice(struct field_errors *e, const char *field, const char *value, const char *label,
	int required, const char *const *choices);

/* A UK postcode, normalised to upper case with one space before the inward code
 * ("sk57aa" -> "SK5 7AA"). Same return convention as validate_date; OUT holds 9 bytes. */
int validate_postcode(struct field_errors *e, const char *field, const char *value, int required, char out[9]);
/* Postcode without the space, upper case, or -1 when VALUE is not a postcode. */
int postcode_normalise(const char *value, char out[9]);

/* A Unique Property Reference Number: 1 to 12 digits. Returns 1/0/-1 as validate_date. */
int validate_uprn(struct field_errors *e, const char *field, const char *value, char out[13]);
/* A decimal number between MIN and MAX. Returns 1 with *OUT set, 0 when empty, -1 on error. */
int validate_number(struct field_errors *e, const char *field, const char *value, const char *label,
	double min, double max, double *out);
/* yes/no (also y/n, true/false, 1/0). Returns 1 or 0, -1 when empty and optional, -2 on error. */
int validate_yes_no(struct field_errors *e, const char *field, const char *value, const char *label, int required);
/* A positive record id written as decimal digits. Returns the id, 0 when empty, -1 on error. */
int64_t validate_id(struct field_errors *e, const char *field, const char *value, const char *label);

#endif
