/* Page frame and GOV.UK form pieces. */
#include <string.h>
#include "web/html.h"
#include "web/layout.h"
#include "web/route.h"

/* Navigation items come from the route table: GET routes with a nav_label the user may call. */
static void navigation(struct request *rq, struct response *rs)
{
	if (!rq->user || !rq->user->second_factor_ok || rq->user->must_enrol) return;
	html_printf(rs, "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">\n"
		"<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">\n"
		"<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n"
		"<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>\n"
		"<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
	for (const struct route *r = routes; r->method; r++) {
		if (!r->nav_label || strcmp(r->method, "GET") != 0 || !route_allows(r, rq->user->who.roles)) continue;
		int current = strcmp(r->pattern, rq->path) == 0;
		html_printf(rs, "<li class=\"govuk-service-navigation__item%r\"><a class=\"govuk-service-navigation__link\" href=\"%h\"%r>%r%h%r</a></li>\n",
			current ? " govuk-service-navigation__item--active" : "", r->pattern,
			current ? " aria-current=\"page\"" : "",
			current ? "<strong class=\"govuk-service-navigation__active-fallback\">" : "", r->nav_label,
			current ? "</strong>" : "");
	}
	html_printf(rs, "</ul>\n</nav>\n</div></div>\n</section>\n");
}

void layout_begin(struct request *rq, struct response *rs, const char *title)
{
	rs->content_type = "text/html; charset=utf-8";
	html_printf(rs,
		"<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template govuk-template--rebranded\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<title>%h – nestguard</title>\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
		"<link rel=\"stylesheet\" href=\"/assets/nestguard.css\">\n"
		"<script type=\"module\" src=\"/assets/nestguard.js\"></script>\n"
		"</head>\n<body class=\"govuk-template__body\">\n"
		"<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
		"<header class=\"govuk-generic-header ng-header\">\n<div class=\"govuk-generic-header__container govuk-width-container ng-header__container\">\n"
		"<div class=\"govuk-generic-header__logo\"><a href=\"/\" class=\"govuk-generic-header__homepage-link ng-header__name\">nestguard</a></div>\n",
		title);
	if (rq->user) {
		html_printf(rs, "<div class=\"ng-header__account\"><span class=\"ng-header__who\">%h, %h</span>\n"
			"%r"
			"<form method=\"post\" action=\"/signout\" class=\"ng-header__signout\">", rq->user->who.name, rq->user->who.agency_name,
			rq->user->second_factor_ok && !rq->user->must_enrol ? "<a class=\"ng-header__link\" href=\"/account\">Your account</a>\n" : "");
		layout_csrf_field(rq, rs);
		html_printf(rs, "<button type=\"submit\" class=\"ng-header__button\">Sign out</button></form></div>\n");
	}
	html_printf(rs, "</div>\n</header>\n");
	navigation(rq, rs);
	html_printf(rs, "<div class=\"govuk-width-container\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void layout_end(struct request *rq, struct response *rs)
{
	html_printf(rs, "</main>\n</div>\n<footer class=\"govuk-footer\">\n<div class=\"govuk-width-container\">\n"
		"<div class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
		"<p class=\"govuk-body-s\">nestguard — protecting people from cuckooing and exploitation. "
		"Information here is confidential: use it only for the purpose it was shared for.</p>\n"
		"<p class=\"govuk-body-s\">Open source under the MIT licence. Crime data: contains public sector information "
		"licensed under the Open Government Licence v3.0. Boundaries: contains OS data © Crown copyright and database right.</p>\n"
		"</div></div>\n</div>\n</footer>\n</body>\n</html>\n");
}

void layout_csrf_field(struct request *rq, struct response *rs)
{
	if (rq->user && rq->user->csrf_token)
		html_printf(rs, "<input type=\"hidden\" name=\"csrf_token\" value=\"%h\">", rq->user->csrf_token);
}

void form_error_summary(struct response *rs, const struct form_error *errors, int n)
{
	if (n <= 0) return;
	html_printf(rs, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n<div role=\"alert\">\n"
		"<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n<div class=\"govuk-error-summary__body\">\n"
		"<ul class=\"govuk-list govuk-error-summary__list\">\n");
	for (int i = 0; i < n; i++)
		html_printf(rs, "<li><a href=\"#%h\">%h</a></li>\n", errors[i].field, errors[i].message);
	html_printf(rs, "</ul>\n</div>\n</div>\n</div>\n");
}

const char *form_error_for(const struct form_error *errors, int n, const char *field)
{
	for (int i = 0; i < n; i++)
		if (strcmp(errors[i].field, field) == 0) return errors[i].message;
	return NULL;
}

void form_text_input(struct response *rs, const char *name, const char *label, const char *hint,
	const char *value, const char *error, const char *type, const char *autocomplete)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<label class=\"govuk-label\" for=\"%h\">%h</label>\n",
		error ? " govuk-form-group--error" : "", name, label);
	if (hint) html_printf(rs, "<div id=\"%h-hint\" class=\"govuk-hint\">%h</div>\n", name, hint);
	if (error) html_printf(rs, "<p id=\"%h-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", name, error);
	html_printf(rs, "<input class=\"govuk-input%r\" id=\"%h\" name=\"%h\" type=\"%h\"", error ? " govuk-input--error" : "", name, name, type);
	if (value && strcmp(type, "password") != 0) html_printf(rs, " value=\"%h\"", value);
	if (autocomplete) html_printf(rs, " autocomplete=\"%h\"", autocomplete);
	if (strcmp(type, "email") == 0 || strcmp(type, "password") == 0) html_printf(rs, " spellcheck=\"false\"");
	if (hint || error)
		html_printf(rs, " aria-describedby=\"%r%h%r%r%h%r\"", hint ? "" : "", hint ? name : "", hint ? "-hint" : "",
			hint && error ? " " : "", error ? name : "", error ? "-error" : "");
	html_printf(rs, ">\n</div>\n");
}
