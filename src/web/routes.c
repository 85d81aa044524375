/* The route table: every address nestguard answers and who may call it. Order matters
 * only for the navigation, which lists nav_label entries in this order. */
#include "web/api/case_api.h"
#include "web/pages/case_pages.h"
#include "web/pages/governance_pages.h"
#include "web/pages/pages.h"
#include "web/route.h"

#define ANY_SIGNED_IN ROLE_ALL
/* Case management: staff work cases; partners read what is shared with them (issue 6); a
 * referrer reaches a case address only to be told it is not found (they see the status of their
 * referral instead). Record-level access is decided by model/case_access.c: 404, never 403. */
#define CASE_STAFF (ROLE_CASEWORKER | ROLE_TEAM_LEADER)
#define CASE_READERS (CASE_STAFF | ROLE_PARTNER | ROLE_REFERRER)
#define REFERRERS (ROLE_REFERRER | CASE_STAFF | ROLE_PARTNER)
/* Reports: team leaders, caseworkers and the board (analysts, administrators) see them. */
#define REPORT_READERS (CASE_STAFF | ROLE_ANALYST | ROLE_ADMIN)
#define REPORT_SETTERS (ROLE_ADMIN | ROLE_TEAM_LEADER)
/* Crime analytics: aggregates only, never a case's people or addresses. */
#define ANALYSTS (ROLE_ANALYST | ROLE_TEAM_LEADER | ROLE_ADMIN)
#define CRIME_IMPORTERS (ROLE_ANALYST | ROLE_ADMIN)
/* Information governance: administrators and team leaders keep the agreements register,
 * review retention and answer subject access requests. */
#define GOVERNANCE_LEADS (ROLE_ADMIN | ROLE_TEAM_LEADER)

const struct route routes[] = {
	/* method pattern               handler                     who may call        flags                         navigation */
	{"GET",  "/",                     page_home,                  ANY_SIGNED_IN,      0,                            "Home"},
	{"GET",  "/admin/users",          page_admin_users,           ROLE_ADMIN,         0,                            "Users"},
	{"POST", "/admin/users",          page_admin_users_create,    ROLE_ADMIN,         0,                            NULL},
	{"POST", "/admin/users/{id}/disable", page_admin_user_disable, ROLE_ADMIN,        0,                            NULL},
	{"GET",  "/admin/agencies",       page_admin_agencies,        ROLE_ADMIN,         0,                            "Agencies"},
	{"POST", "/admin/agencies",       page_admin_agencies_create, ROLE_ADMIN,         0,                            NULL},
	{"GET",  "/admin/audit",          page_admin_audit,           ROLE_ADMIN | ROLE_TEAM_LEADER, 0,             "Audit"},
	{"GET",  "/account",              page_account,               ANY_SIGNED_IN,      0,                            NULL},
	{"GET",  "/signin",               page_signin_form,           0,                  ROUTE_PUBLIC,                 NULL},
	{"POST", "/signin",               page_signin_submit,         0,                  ROUTE_PUBLIC | ROUTE_NO_CSRF, NULL},
	{"POST", "/signout",              page_signout,               ANY_SIGNED_IN,      ROUTE_BEFORE_SECOND_FACTOR | ROUTE_ENROLMENT, NULL},
	{"GET",  "/signin/two-factor",    page_two_factor_form,       ANY_SIGNED_IN,      ROUTE_BEFORE_SECOND_FACTOR,   NULL},
	{"POST", "/signin/two-factor",    page_two_factor_submit,     ANY_SIGNED_IN,      ROUTE_BEFORE_SECOND_FACTOR,   NULL},
	{"GET",  "/account/two-factor",   page_two_factor_enrol,      ANY_SIGNED_IN,      ROUTE_ENROLMENT,              NULL},
	{"POST", "/account/two-factor",   page_two_factor_enrol_submit, ANY_SIGNED_IN,    ROUTE_ENROLMENT,              NULL},
	{"GET",  "/assets/{name}",        page_assets,                0,                  ROUTE_PUBLIC,                 NULL},
	{"GET",  "/healthz",              page_healthz,               0,                  ROUTE_PUBLIC,                 NULL},
	{"GET",  "/api/v1/me",            api_me,                     ANY_SIGNED_IN,      0,                            NULL},

	/* referrals and case management: pages */
	{"GET",  "/referrals/new",        page_referral_new,          REFERRERS,          0,                            "Make a referral"},
	{"POST", "/referrals",            page_referral_create,       REFERRERS,          0,                            NULL},
	{"GET",  "/referrals",            page_referrals,             REFERRERS,          0,                            "Referrals"},
	{"GET",  "/referrals/{id}",       page_referral,              REFERRERS,          0,                            NULL},
	{"POST", "/referrals/{id}/triage", page_referral_triage,      CASE_STAFF,         0,                            NULL},
	{"GET",  "/cases",                page_cases,                 CASE_STAFF | ROLE_PARTNER, 0,                     "Cases"},
	{"GET",  "/cases/import",         page_case_import_form,      ROLE_TEAM_LEADER,   0,                            NULL},
	{"POST", "/cases/import",         page_case_import,           ROLE_TEAM_LEADER,   ROUTE_UPLOAD,                 NULL},
	{"GET",  "/cases/{id}",           page_case,                  CASE_READERS,       0,                            NULL},
	{"GET",  "/cases/{id}/chronology", page_case_chronology,      CASE_READERS,       0,                            NULL},
	{"POST", "/cases/{id}/people",    page_case_add_person,       CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/people/{link}/remove", page_case_remove_person, CASE_STAFF, 0,                            NULL},
	{"POST", "/cases/{id}/properties", page_case_add_property,    CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/types",     page_case_set_types,        CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/risk",      page_case_set_risk,         CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/assignment", page_case_assign,          CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/interventions", page_case_add_intervention, CASE_STAFF,     0,                            NULL},
	{"POST", "/cases/{id}/tasks",     page_case_add_task,         CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/notes",     page_case_add_note,         CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/closure-request", page_case_request_closure, CASE_STAFF,    0,                            NULL},
	{"POST", "/cases/{id}/closure-approval", page_case_approve_closure, ROLE_TEAM_LEADER, 0,                        NULL},
	{"POST", "/cases/{id}/closure-decline", page_case_decline_closure, ROLE_TEAM_LEADER, 0,                         NULL},
	{"POST", "/cases/{id}/reopen",    page_case_reopen,           CASE_STAFF,         0,                            NULL},
	{"POST", "/tasks/{id}/done",      page_task_done,             CASE_STAFF,         0,                            NULL},
	{"GET",  "/tasks",                page_tasks,                 CASE_STAFF,         0,                            "Your tasks"},
	{"GET",  "/people/{id}",          page_person,                CASE_READERS,       0,                            NULL},
	{"POST", "/people/{id}/merge",    page_person_merge,          ROLE_TEAM_LEADER,   0,                            NULL},
	{"GET",  "/properties/{id}",      page_property,              CASE_READERS,       0,                            NULL},

	/* evaluation and board reporting (issue 4): exact counts only for case staff (the pages decide) */
	{"GET",  "/dashboard",            page_dashboard,             REPORT_READERS,     0,                            "Dashboard"},
	{"GET",  "/reports/evaluation",   page_report_evaluation,     REPORT_READERS,     0,                            "Evaluation"},
	{"GET",  "/reports/evaluation/export", page_report_evaluation_export, REPORT_READERS, 0,                        NULL},
	{"GET",  "/reports/case-studies", page_case_studies,          CASE_STAFF,         0,                            "Case studies"},
	{"POST", "/reports/case-studies", page_case_study_create,     CASE_STAFF,         0,                            NULL},
	{"GET",  "/reports/case-studies/{id}", page_case_study,       CASE_STAFF,         0,                            NULL},
	{"POST", "/reports/case-studies/{id}", page_case_study_update, CASE_STAFF,        0,                            NULL},
	{"POST", "/reports/case-studies/{id}/approve", page_case_study_approve, ROLE_TEAM_LEADER, 0,                    NULL},
	{"GET",  "/reports/settings",     page_report_settings,       REPORT_SETTERS,     0,                            "Report settings"},
	{"POST", "/reports/settings",     page_report_settings_save,  REPORT_SETTERS,     0,                            NULL},
	{"POST", "/reports/unit-costs",   page_report_unit_cost_save, REPORT_SETTERS,     0,                            NULL},
	{"POST", "/reports/unit-costs/{id}/delete", page_report_unit_cost_delete, REPORT_SETTERS, 0,                    NULL},
	/* crime analytics (issue 5): aggregate figures for analysts, team leaders and administrators;
	 * importing data for analysts and administrators */
	{"GET",  "/analytics",            page_analytics_home,        ANALYSTS,           0,                            "Crime analytics"},
	{"GET",  "/analytics/trends",     page_analytics_trends,      ANALYSTS,           0,                            NULL},
	{"GET",  "/analytics/trends/export", page_analytics_trends_export, ANALYSTS,      0,                            NULL},
	{"GET",  "/analytics/hotspots",   page_analytics_hotspots,    ANALYSTS,           0,                            NULL},
	{"GET",  "/analytics/hotspots/export", page_analytics_hotspots_export, ANALYSTS,  0,                            NULL},
	{"GET",  "/analytics/peak-times", page_analytics_peaks,       ANALYSTS,           0,                            NULL},
	{"GET",  "/analytics/peak-times/export", page_analytics_peaks_export, ANALYSTS,   0,                            NULL},
	{"GET",  "/analytics/near-repeats", page_analytics_knox,      ANALYSTS,           0,                            NULL},
	{"GET",  "/analytics/near-repeats/export", page_analytics_knox_export, ANALYSTS,  0,                            NULL},
	{"GET",  "/analytics/cases",      page_analytics_cases,       ANALYSTS,           0,                            NULL},
	{"GET",  "/analytics/cases/export", page_analytics_cases_export, ANALYSTS,        0,                            NULL},
	{"GET",  "/analytics/import",     page_analytics_import_form, CRIME_IMPORTERS,    0,                            NULL},
	{"POST", "/analytics/import",     page_analytics_import,      CRIME_IMPORTERS,    ROUTE_UPLOAD,                 NULL},
	{"GET",  "/analytics/incidents/import", page_analytics_incidents_form, CRIME_IMPORTERS, 0,                      NULL},
	{"POST", "/analytics/incidents/upload", page_analytics_incidents_upload, CRIME_IMPORTERS, ROUTE_UPLOAD,         NULL},
	{"POST", "/analytics/incidents/import", page_analytics_incidents_import, CRIME_IMPORTERS, 0,                    NULL},

	/* referrals and case management: JSON API (docs/openapi.yaml) */
	{"POST", "/api/v1/referrals",     api_referrals_create,       REFERRERS,          0,                            NULL},
	{"GET",  "/api/v1/referrals",     api_referrals_list,         REFERRERS,          0,                            NULL},
	{"GET",  "/api/v1/referrals/{id}", api_referral_get,          REFERRERS,          0,                            NULL},
	{"POST", "/api/v1/referrals/{id}/accept", api_referral_accept, CASE_STAFF,        0,                            NULL},
	{"POST", "/api/v1/referrals/{id}/signpost", api_referral_signpost, CASE_STAFF,    0,                            NULL},
	{"POST", "/api/v1/referrals/{id}/pass-to-asb", api_referral_pass_to_asb, CASE_STAFF, 0,                         NULL},
	{"GET",  "/api/v1/cases",         api_cases_list,             CASE_STAFF | ROLE_PARTNER, 0,                     NULL},
	{"POST", "/api/v1/cases",         api_cases_create,           CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/cases/{id}",    api_case_get,               CASE_READERS,       0,                            NULL},
	{"PATCH", "/api/v1/cases/{id}",   api_case_update,            CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/cases/{id}/chronology", api_case_chronology, CASE_READERS,      0,                            NULL},
	{"POST", "/api/v1/cases/{id}/people", api_case_add_person,    CASE_STAFF,         0,                            NULL},
	{"DELETE", "/api/v1/cases/{id}/people/{link}", api_case_remove_person, CASE_STAFF, 0,                           NULL},
	{"POST", "/api/v1/cases/{id}/properties", api_case_add_property, CASE_STAFF,      0,                            NULL},
	{"PUT",  "/api/v1/cases/{id}/types", api_case_set_types,      CASE_STAFF,         0,                            NULL},
	{"POST", "/api/v1/cases/{id}/risk", api_case_set_risk,        CASE_STAFF,         0,                            NULL},
	{"PUT",  "/api/v1/cases/{id}/assignment", api_case_assign,    CASE_STAFF,         0,                            NULL},
	{"POST", "/api/v1/cases/{id}/interventions", api_case_add_intervention, CASE_STAFF, 0,                          NULL},
	{"POST", "/api/v1/cases/{id}/tasks", api_case_add_task,       CASE_STAFF,         0,                            NULL},
	{"POST", "/api/v1/cases/{id}/notes", api_case_add_note,       CASE_STAFF,         0,                            NULL},
	{"POST", "/api/v1/cases/{id}/closure-request", api_case_request_closure, CASE_STAFF, 0,                         NULL},
	{"POST", "/api/v1/cases/{id}/closure-approval", api_case_approve_closure, ROLE_TEAM_LEADER, 0,                  NULL},
	{"POST", "/api/v1/cases/{id}/closure-decline", api_case_decline_closure, ROLE_TEAM_LEADER, 0,                   NULL},
	{"POST", "/api/v1/cases/{id}/reopen", api_case_reopen,        CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/people",        api_people_list,            CASE_STAFF | ROLE_PARTNER, 0,                     NULL},
	{"POST", "/api/v1/people",        api_people_create,          CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/people/duplicates", api_people_duplicates,  CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/people/{id}",   api_person_get,             CASE_READERS,       0,                            NULL},
	{"POST", "/api/v1/people/{id}/merge", api_person_merge,       ROLE_TEAM_LEADER,   0,                            NULL},
	{"GET",  "/api/v1/properties",    api_properties_list,        CASE_STAFF | ROLE_PARTNER, 0,                     NULL},
	{"POST", "/api/v1/properties",    api_properties_create,      CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/properties/{id}", api_property_get,         CASE_READERS,       0,                            NULL},
	{"GET",  "/api/v1/tasks",         api_tasks_mine,             CASE_STAFF,         0,                            NULL},
	{"POST", "/api/v1/tasks/{id}/done", api_task_done,            CASE_STAFF,         0,                            NULL},
	{"GET",  "/api/v1/vocabularies",  api_vocabularies,           ANY_SIGNED_IN,      0,                            NULL},

	/* information governance (issue 6): shares, agreements, special categories, retention, subject access */
	{"POST", "/cases/{id}/shares",    page_case_share_create,     CASE_STAFF,         0,                            NULL},
	{"POST", "/cases/{id}/shares/{share}/revoke", page_case_share_revoke, CASE_STAFF, 0,                            NULL},
	{"GET",  "/agreements",           page_agreements,            ANY_SIGNED_IN,      0,                            "Agreements"},
	{"GET",  "/agreements/new",       page_agreement_new,         GOVERNANCE_LEADS,   0,                            NULL},
	{"POST", "/agreements",           page_agreement_create,      GOVERNANCE_LEADS,   0,                            NULL},
	{"GET",  "/agreements/{id}",      page_agreement,             ANY_SIGNED_IN,      0,                            NULL},
	{"POST", "/agreements/{id}",      page_agreement_update,      GOVERNANCE_LEADS,   0,                            NULL},
	{"GET",  "/admin/special-categories", page_special_categories, ROLE_ADMIN,        0,                            NULL},
	{"POST", "/admin/special-categories", page_special_categories_update, ROLE_ADMIN, 0,                            NULL},
	{"GET",  "/admin/retention",      page_retention,             GOVERNANCE_LEADS,   0,                            "Retention"},
	{"POST", "/admin/retention/rules", page_retention_rules_update, ROLE_ADMIN,       0,                            NULL},
	{"POST", "/admin/retention/hold", page_retention_hold,        GOVERNANCE_LEADS,   0,                            NULL},
	{"POST", "/admin/retention/purge", page_retention_purge,      ROLE_ADMIN,         0,                            NULL},
	{"GET",  "/subject-access",       page_subject_access_form,   GOVERNANCE_LEADS,   0,                            "Subject access"},
	{"POST", "/subject-access",       page_subject_access_export, GOVERNANCE_LEADS,   0,                            NULL},
	{0, 0, 0, 0, 0, 0}
};
