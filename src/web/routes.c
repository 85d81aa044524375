/* The route table: every address nestguard answers and who may call it. Order matters
 * only for the navigation, which lists nav_label entries in this order. */
#include "web/pages/pages.h"
#include "web/route.h"

#define ANY_SIGNED_IN ROLE_ALL

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
	{0, 0, 0, 0, 0, 0}
};
