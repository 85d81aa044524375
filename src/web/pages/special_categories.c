/* GET/POST /admin/special-categories — which roles see each special category (administrators);
 * and the select used on note and intervention forms to mark a record. */
#include <string.h>
#include "model/special_category.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

void ui_special_category_select(struct request *rq, struct response *rs, const char *id, const char *label,
	const char *value, const char *error)
{
	struct special_category *cats;
	size_t n = special_category_list(rq->db, rq->arena, &cats);
	struct choice *c = arena_alloc(rq->arena, (n ? n : 1) * sizeof *c);
	for (size_t i = 0; i < n; i++) c[i] = (struct choice){cats[i].code, cats[i].label};
	ui_select(rs, id, "special_category", label, c, (int)n, value, error, "No");
}

static const unsigned role_bits[] = {ROLE_REFERRER, ROLE_CASEWORKER, ROLE_TEAM_LEADER, ROLE_PARTNER, ROLE_ANALYST, ROLE_ADMIN};

static void render(struct request *rq, struct response *rs, const char *error)
{
	struct special_category *cats;
	size_t n = special_category_list(rq->db, rq->arena, &cats);
	layout_begin(rq, rs, error ? "Error: Special categories" : "Special categories");
	struct form_error fe = {"roles", error};
	form_error_summary(rs, &fe, error ? 1 : 0);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Special categories</h1>\n<p class=\"govuk-body\">Notes and interventions "
		"marked with a special category (and interventions of kinds that imply one, such as a referral to substance misuse "
		"treatment) are shown only to the roles ticked here. Another agency also needs a share that includes special-category "
		"details. Exploitation types marked as special (sexual exploitation) follow the same rule.</p>\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(rs, "<form method=\"post\" action=\"/admin/special-categories\" novalidate>\n");
		layout_csrf_field(rq, rs);
		html_printf(rs, "<input type=\"hidden\" name=\"code\" value=\"%h\">\n", cats[i].code);
		struct choice c[6];
		const char *ticked[6];
		int nt = 0;
		for (int r = 0; r < 6; r++) {
			c[r] = (struct choice){role_name(role_bits[r]), role_label(role_bits[r])};
			if (cats[i].roles & role_bits[r]) ticked[nt++] = role_name(role_bits[r]);
		}
		ui_checkboxes(rs, arena_printf(rq->arena, "roles-%s", cats[i].code), "roles", cats[i].label,
			"Roles that may see details in this category", c, 6, ticked, nt, NULL);
		ui_button(rs, arena_printf(rq->arena, "Save %s", cats[i].label), "govuk-button--secondary");
		html_printf(rs, "</form>\n");
	}
	layout_end(rq, rs);
}

void page_special_categories(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_special_categories_update(struct request *rq, struct response *rs)
{
	const char *roles[8];
	size_t n = request_form_all(rq, "roles", roles, 8);
	struct field_errors e;
	field_errors_init(&e);
	int rc = special_category_set_roles(rq->db, &rq->actor, request_form(rq, "code"), roles, n, &e);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, "/admin/special-categories");
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	rs->status = 400;
	render(rq, rs, field_errors_first(&e));
}
