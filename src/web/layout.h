/* The page frame in the GOV.UK Design System style (without the crown, logo or GDS
 * Transport font): head, header with the service name, navigation for the user's roles,
 * main content area, footer. Pages write their content between begin and end. */
#ifndef NESTGUARD_LAYOUT_H
#define NESTGUARD_LAYOUT_H
#include "web/request.h"

void layout_begin(struct request *rq, struct response *rs, const char *title);
void layout_end(struct request *rq, struct response *rs);
/* A hidden csrf_token input for forms of the signed-in user. */
void layout_csrf_field(struct request *rq, struct response *rs);

/* Form helpers following the GOV.UK patterns. */
struct form_error {
	const char *field;     /* input id/name the message belongs to */
	const char *message;
};
/* The error summary at the top of a page; nothing when N is 0. */
void form_error_summary(struct response *rs, const struct form_error *errors, int n);
/* A labelled text input with optional hint and inline error. TYPE is "text", "email", "password"... */
void form_text_input(struct response *rs, const char *name, const char *label, const char *hint,
	const char *value, const char *error, const char *type, const char *autocomplete);
/* The message for FIELD in ERRORS, or NULL. */
const char *form_error_for(const struct form_error *errors, int n, const char *field);

#endif
