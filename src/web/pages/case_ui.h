/* GOV.UK form and display pieces used by the case-management pages (radios, checkboxes,
 * selects, textareas, summary lists, tags), and the bridge from the model's field errors to
 * the error summary. Inputs take an ID (unique on the page, the target of error links) and a
 * NAME (the form field the model knows). */
#ifndef NESTGUARD_CASE_UI_H
#define NESTGUARD_CASE_UI_H
#include <stdint.h>
#include "model/case_vocab.h"
#include "model/validation.h"
#include "web/layout.h"
#include "web/request.h"

/* Errors of one form on a page: model field errors whose ids are PREFIX + field
 * (whole-request refusals point at ANCHOR). */
struct page_errors {
	struct form_error items[FIELD_ERRORS_MAX];
	int n;
	const char *form;        /* which form on the page they belong to (its prefix) */
};

void page_errors_from(struct request *rq, struct page_errors *pe, const struct field_errors *e,
	const char *prefix, const char *anchor);
/* The message for input ID, or NULL. */
const char *page_error(const struct page_errors *pe, const char *id);
/* The submitted value of NAME when PE belongs to form PREFIX (to refill it), else DFLT. */
const char *page_value(struct request *rq, const struct page_errors *pe, const char *prefix, const char *name,
	const char *dflt);

/* Choices for radios, checkboxes and selects. */
struct choice { const char *value, *label; };
/* The vocabulary V as choices (arena). */
struct choice *choices_from_vocab(struct request *rq, const struct vocab *v, int *n);

void ui_text(struct response *rs, const char *id, const char *name, const char *label, const char *hint,
	const char *value, const char *error, const char *width_class);
void ui_textarea(struct response *rs, const char *id, const char *name, const char *label, const char *hint,
	const char *value, const char *error, int rows);
void ui_select(struct response *rs, const char *id, const char *name, const char *label, const struct choice *c,
	int n, const char *selected, const char *error, const char *blank_label);
void ui_radios(struct response *rs, const char *id, const char *name, const char *legend, const char *hint,
	const struct choice *c, int n, const char *selected, const char *error, int small);
/* SELECTED holds N_SELECTED values that are ticked. */
void ui_checkboxes(struct response *rs, const char *id, const char *name, const char *legend, const char *hint,
	const struct choice *c, int n, const char *const *selected, int n_selected, const char *error);
void ui_button(struct response *rs, const char *label, const char *extra_class);

void ui_summary_begin(struct response *rs);
void ui_summary_row(struct response *rs, const char *key, const char *value);
void ui_summary_end(struct response *rs);

/* A coloured tag for a case status, referral status or risk level. */
void ui_status_tag(struct response *rs, const char *status);
void ui_risk_tag(struct response *rs, const char *level);
/* "27 March 2026" from YYYY-MM-DD (the input when it is not a date); "" for "". */
const char *ui_date(struct request *rq, const char *ymd);
/* "27 March 2026 at 14:05" from a Unix time. */
const char *ui_time(struct request *rq, int64_t t);

#endif
