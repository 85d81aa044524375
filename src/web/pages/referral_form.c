/* The referral form (GET /referrals/new) and its submission (POST /referrals): the address,
 * people of concern, the signs observed, consent and lawful basis, urgency. Up to three people
 * on the form; more are added to the case later. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/area.h"
#include "model/referral.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

#define FORM_PEOPLE 3

static const char *field(struct request *rq, const char *name)
{
	const char *v = request_form(rq, name);
	return v ? v : "";
}

static void render(struct request *rq, struct response *rs, const struct page_errors *pe)
{
	int n;
	layout_begin(rq, rs, pe && pe->n ? "Error: Make a referral" : "Make a referral");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Make a referral</h1>\n"
		"<p class=\"govuk-body\">Tell the exploitation team about someone you think is being exploited, or whose home "
		"may have been taken over (cuckooing). If someone is in immediate danger, call 999 first.</p>\n"
		"<form method=\"post\" action=\"/referrals\" novalidate>\n");
	layout_csrf_field(rq, rs);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">About you</h2>\n");
	ui_text(rs, "referring_team", "referring_team", "Your team (optional)", "For example, Neighbourhood policing team, Brinnington",
		field(rq, "referring_team"), page_error(pe, "referring_team"), NULL);
	ui_text(rs, "referrer_contact", "referrer_contact", "Phone number or email address for the team to contact you (optional)",
		NULL, field(rq, "referrer_contact"), page_error(pe, "referrer_contact"), NULL);
	ui_text(rs, "referred_on", "referred_on", "Date of the referral", "For example, 27/3/2026. Leave empty for today.",
		field(rq, "referred_on"), page_error(pe, "referred_on"), "govuk-input--width-10");

	html_printf(rs, "<h2 class=\"govuk-heading-m\">The address</h2>\n");
	ui_text(rs, "address_line1", "address_line1", "Address line 1", NULL, field(rq, "address_line1"), page_error(pe, "address_line1"), NULL);
	ui_text(rs, "address_line2", "address_line2", "Address line 2 (optional)", NULL, field(rq, "address_line2"), page_error(pe, "address_line2"), NULL);
	ui_text(rs, "town", "town", "Town (optional)", NULL, field(rq, "town"), page_error(pe, "town"), "govuk-!-width-two-thirds");
	ui_text(rs, "postcode", "postcode", "Postcode", NULL, field(rq, "postcode"), page_error(pe, "postcode"), "govuk-input--width-10");
	ui_text(rs, "uprn", "uprn", "UPRN (optional)", "The Unique Property Reference Number, if you know it",
		field(rq, "uprn"), page_error(pe, "uprn"), "govuk-input--width-20");
	struct area *areas;
	size_t na = area_list(rq->db, rq->arena, &areas);
	struct choice *ac = arena_alloc(rq->arena, (na ? na : 1) * sizeof *ac);
	for (size_t i = 0; i < na; i++)
		ac[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)areas[i].id),
			!strcmp(areas[i].kind, "ward") ? areas[i].name : arena_printf(rq->arena, "%s — %s", areas[i].ward_name, areas[i].name)};
	ui_select(rs, "area_id", "area_id", "Ward or estate (optional)", ac, (int)na, field(rq, "area_id"),
		page_error(pe, "area_id"), "Not known");
	struct choice *tc = choices_from_vocab(rq, vocab_tenure, &n);
	ui_radios(rs, "tenure", "tenure", "Who owns or manages the home?", NULL, tc, n,
		*field(rq, "tenure") ? field(rq, "tenure") : NULL, page_error(pe, "tenure"), 1);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">People of concern</h2>\n"
		"<p class=\"govuk-body\">Start with the resident. Add anyone else you know about, such as people using the home.</p>\n");
	struct choice *rc = choices_from_vocab(rq, vocab_person_role, &n);
	for (int i = 0; i < FORM_PEOPLE; i++) {
		char g[48], f[48], d[48], r[48];
		snprintf(g, sizeof g, "people[%d].given_name", i);
		snprintf(f, sizeof f, "people[%d].family_name", i);
		snprintf(d, sizeof d, "people[%d].date_of_birth", i);
		snprintf(r, sizeof r, "people[%d].role", i);
		html_printf(rs, "<fieldset class=\"govuk-fieldset govuk-!-margin-bottom-6\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
			"Person %d%r</legend>\n", i + 1, i ? " (optional)" : "");
		ui_text(rs, g, g, "Given name", NULL, field(rq, g), page_error(pe, g), "govuk-!-width-one-half");
		ui_text(rs, f, f, "Family name", NULL, field(rq, f), page_error(pe, f), "govuk-!-width-one-half");
		ui_text(rs, d, d, "Date of birth (optional)", "For example, 2/4/1961", field(rq, d), page_error(pe, d), "govuk-input--width-10");
		ui_select(rs, r, r, "Role", rc, n, *field(rq, r) ? field(rq, r) : (i ? "" : "resident"), page_error(pe, r), "Choose a role");
		html_printf(rs, "</fieldset>\n");
	}

	html_printf(rs, "<h2 class=\"govuk-heading-m\">What you saw</h2>\n");
	struct db_stmt *st = db_prepare(rq->db, "SELECT code, label FROM cuckooing_sign WHERE retired = 0 ORDER BY sort_order");
	struct choice sc[64];
	int ns = 0;
	while (db_step(st) == DB_ROW && ns < 64)
		sc[ns++] = (struct choice){arena_strdup(rq->arena, db_column_text(st, 0)), arena_strdup(rq->arena, db_column_text(st, 1))};
	db_finalize(st);
	const char *ticked[REFERRAL_MAX_SIGNS];
	int nt = (int)request_form_all(rq, "signs", ticked, REFERRAL_MAX_SIGNS);
	ui_checkboxes(rs, "signs", "signs", "Signs of cuckooing you noticed", "Select all that apply", sc, ns, ticked, nt,
		page_error(pe, "signs"));
	ui_textarea(rs, "observations", "observations", "What else did you see or hear?",
		"Describe what happened, when, and who was there. Do not guess.", field(rq, "observations"),
		page_error(pe, "observations"), 5);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">Consent and sharing</h2>\n");
	struct choice *cc = choices_from_vocab(rq, vocab_consent, &n);
	ui_radios(rs, "consent", "consent", "Did the resident consent to this referral?", NULL, cc, n,
		*field(rq, "consent") ? field(rq, "consent") : NULL, page_error(pe, "consent"), 1);
	struct choice *bc = choices_from_vocab(rq, vocab_lawful_basis, &n);
	ui_radios(rs, "lawful_basis", "lawful_basis", "Lawful basis for sharing this information",
		"Without consent, section 115 or a safeguarding duty can still allow sharing", bc, n,
		*field(rq, "lawful_basis") ? field(rq, "lawful_basis") : NULL, page_error(pe, "lawful_basis"), 1);
	struct choice *uc = choices_from_vocab(rq, vocab_urgency, &n);
	ui_radios(rs, "urgency", "urgency", "How urgent is it?", NULL, uc, n,
		*field(rq, "urgency") ? field(rq, "urgency") : NULL, page_error(pe, "urgency"), 1);
	ui_button(rs, "Send referral", NULL);
	html_printf(rs, "</form>\n");
	layout_end(rq, rs);
}

void page_referral_new(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_referral_create(struct request *rq, struct response *rs)
{
	struct referral_input in;
	memset(&in, 0, sizeof in);
	in.referring_team = request_form(rq, "referring_team");
	in.referrer_contact = request_form(rq, "referrer_contact");
	in.referred_on = request_form(rq, "referred_on");
	in.property.uprn = request_form(rq, "uprn");
	in.property.address_line1 = request_form(rq, "address_line1");
	in.property.address_line2 = request_form(rq, "address_line2");
	in.property.town = request_form(rq, "town");
	in.property.postcode = request_form(rq, "postcode");
	in.property.area_id = request_form(rq, "area_id");
	in.property.tenure = request_form(rq, "tenure");
	in.n_signs = request_form_all(rq, "signs", in.signs, REFERRAL_MAX_SIGNS);
	in.observations = request_form(rq, "observations");
	in.consent = request_form(rq, "consent");
	in.lawful_basis = request_form(rq, "lawful_basis");
	in.urgency = request_form(rq, "urgency");
	/* the first person is required; later rows left entirely empty are not people. MAP keeps
	 * each model row's number on the form so that errors point at the right inputs. */
	int map[FORM_PEOPLE];
	size_t k = 0;
	for (int i = 0; i < FORM_PEOPLE; i++) {
		char g[48], f[48], d[48], r[48];
		snprintf(g, sizeof g, "people[%d].given_name", i);
		snprintf(f, sizeof f, "people[%d].family_name", i);
		snprintf(d, sizeof d, "people[%d].date_of_birth", i);
		snprintf(r, sizeof r, "people[%d].role", i);
		const char *gv = request_form(rq, g), *fv = request_form(rq, f), *dv = request_form(rq, d);
		if (i > 0 && (!gv || !*gv) && (!fv || !*fv) && (!dv || !*dv)) continue;
		map[k] = i;
		in.people[k].person.given_name = gv;
		in.people[k].person.family_name = fv;
		in.people[k].person.date_of_birth = dv;
		in.people[k].role = request_form(rq, r);
		k++;
	}
	in.n_people = k;
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = referral_submit(rq->db, &rq->actor, &in, &e, &id);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/referrals/%lld?sent=1", (long long)id));
		return;
	}
	if (rc == MODEL_FORBIDDEN) {
		rs->status = 403;
		return;
	}
	/* renumber "people[k]." errors back to the form's rows */
	for (int i = 0; i < e.count; i++) {
		int idx;
		char rest[48];
		if (sscanf(e.items[i].field, "people[%d].%47s", &idx, rest) == 2 && idx >= 0 && (size_t)idx < k)
			snprintf(e.items[i].field, sizeof e.items[i].field, "people[%d].%s", map[idx], rest);
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "", "address_line1");
	rs->status = 400;
	render(rq, rs, &pe);
}
