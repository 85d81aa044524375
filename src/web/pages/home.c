/* GET / — the home page: what the signed-in user's roles let them do, as cards of links
 * built from the route table so that no one is offered a page they may not open. */
#include <string.h>
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"
#include "web/route.h"

struct role_intro {
	unsigned role;
	const char *text;
};

static const struct role_intro intros[] = {
	{ROLE_ADMIN, "Manage who can use nestguard: user accounts, agencies and settings."},
	{ROLE_TEAM_LEADER, "Triage new referrals, approve case closures and keep an eye on the team's work."},
	{ROLE_CASEWORKER, "Work your cases: people, properties, risk, interventions, tasks and notes."},
	{ROLE_REFERRER, "Refer someone you think is being exploited, and follow what happens to your referrals."},
	{ROLE_PARTNER, "See the cases your agency has been given access to."},
	{ROLE_ANALYST, "Analyse crime and exploitation across the borough. You see aggregate figures only."},
};

void page_home(struct request *rq, struct response *rs)
{
	const struct user_identity *u = &rq->user->who;
	audit_record(rq->db, &rq->actor, "page.view", "page", "home", NULL, NULL);
	layout_begin(rq, rs, "Home");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Welcome, %h</h1>\n"
		"<p class=\"govuk-body-l\">You are signed in as ", u->name);
	int first = 1;
	for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1) {
		if (!(u->roles & r)) continue;
		html_printf(rs, "%r<strong>%h</strong>", first ? "" : ", ", role_label(r));
		first = 0;
	}
	html_printf(rs, " at %h.</p>\n", u->agency_name);
	for (size_t i = 0; i < sizeof intros / sizeof intros[0]; i++) {
		if (!(u->roles & intros[i].role)) continue;
		html_printf(rs, "<h2 class=\"govuk-heading-m\">%h</h2>\n<p class=\"govuk-body\">%h</p>\n",
			role_label(intros[i].role), intros[i].text);
		html_printf(rs, "<ul class=\"govuk-list\">\n");
		int any = 0;
		for (const struct route *r = routes; r->method; r++) {
			if (!r->nav_label || strcmp(r->method, "GET") != 0 || strcmp(r->pattern, "/") == 0) continue;
			if (!(r->roles & intros[i].role)) continue;
			html_printf(rs, "<li><a class=\"govuk-link\" href=\"%h\">%h</a></li>\n", r->pattern, r->nav_label);
			any = 1;
		}
		if (!any) html_printf(rs, "<li>Nothing here yet.</li>\n");
		html_printf(rs, "</ul>\n");
	}
	layout_end(rq, rs);
}
