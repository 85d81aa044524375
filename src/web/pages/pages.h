/* Handlers of every screen and API call; the route table in web/routes.c points at them. */
#ifndef NESTGUARD_PAGES_H
#define NESTGUARD_PAGES_H
#include "web/request.h"

/* foundation */
void page_assets(struct request *rq, struct response *rs);
void page_healthz(struct request *rq, struct response *rs);
void page_signin_form(struct request *rq, struct response *rs);
void page_signin_submit(struct request *rq, struct response *rs);
void page_signout(struct request *rq, struct response *rs);
void page_home(struct request *rq, struct response *rs);
void page_account(struct request *rq, struct response *rs);
void page_admin_users(struct request *rq, struct response *rs);
void page_admin_users_create(struct request *rq, struct response *rs);
void page_admin_user_disable(struct request *rq, struct response *rs);
void page_admin_agencies(struct request *rq, struct response *rs);
void page_admin_agencies_create(struct request *rq, struct response *rs);
void api_me(struct request *rq, struct response *rs);
void page_admin_audit(struct request *rq, struct response *rs);
void page_two_factor_form(struct request *rq, struct response *rs);
void page_two_factor_submit(struct request *rq, struct response *rs);
void page_two_factor_enrol(struct request *rq, struct response *rs);
void page_two_factor_enrol_submit(struct request *rq, struct response *rs);
/* crime analytics (issue 5): aggregates only */
void page_analytics_home(struct request *rq, struct response *rs);
void page_analytics_trends(struct request *rq, struct response *rs);
void page_analytics_trends_export(struct request *rq, struct response *rs);
void page_analytics_hotspots(struct request *rq, struct response *rs);
void page_analytics_hotspots_export(struct request *rq, struct response *rs);
void page_analytics_peaks(struct request *rq, struct response *rs);
void page_analytics_peaks_export(struct request *rq, struct response *rs);
void page_analytics_knox(struct request *rq, struct response *rs);
void page_analytics_knox_export(struct request *rq, struct response *rs);
void page_analytics_cases(struct request *rq, struct response *rs);
void page_analytics_cases_export(struct request *rq, struct response *rs);
void page_analytics_import_form(struct request *rq, struct response *rs);
void page_analytics_import(struct request *rq, struct response *rs);
void page_analytics_incidents_form(struct request *rq, struct response *rs);
void page_analytics_incidents_upload(struct request *rq, struct response *rs);
void page_analytics_incidents_import(struct request *rq, struct response *rs);
/* A local path to return to after sign-in; anything else becomes "/". */
const char *signin_safe_next(const char *next);

/* evaluation and board reporting (issue 4) */
void page_report_evaluation(struct request *rq, struct response *rs);
void page_report_evaluation_export(struct request *rq, struct response *rs);
void page_dashboard(struct request *rq, struct response *rs);
void page_report_settings(struct request *rq, struct response *rs);
void page_report_settings_save(struct request *rq, struct response *rs);
void page_report_unit_cost_save(struct request *rq, struct response *rs);
void page_report_unit_cost_delete(struct request *rq, struct response *rs);
void page_case_studies(struct request *rq, struct response *rs);
void page_case_study_create(struct request *rq, struct response *rs);
void page_case_study(struct request *rq, struct response *rs);
void page_case_study_update(struct request *rq, struct response *rs);
void page_case_study_approve(struct request *rq, struct response *rs);

#endif
