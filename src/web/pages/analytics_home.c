/* GET /analytics — the crime analytics overview: what data is loaded (crimes by month range,
 * boundaries, incidents) and what each analysis page does. Aggregate counts only. */
#include <stdio.h>
#include <string.h>
#include "analytics/crime_selection.h"
#include "db/db.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/pages.h"

static void summary_row(struct request *rq, struct response *rs, const char *key, const char *value)
{
	(void)rq;
	html_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%h</dt>"
		"<dd class=\"govuk-summary-list__value\">%h</dd></div>\n", key, value);
}

static void card(struct response *rs, const char *href, const char *title, const char *text)
{
	html_printf(rs, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\">"
		"<h2 class=\"govuk-summary-card__title\"><a class=\"govuk-link\" href=\"%h\">%h</a></h2></div>"
		"<div class=\"govuk-summary-card__content\"><p class=\"govuk-body\">%h</p></div></div>\n", href, title, text);
}

void page_analytics_home(struct request *rq, struct response *rs)
{
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "overview", NULL, NULL);
	analytics_begin(rq, rs, "Crime analytics", "/analytics");
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Crime analytics</h1>\n"
		"<p class=\"govuk-body-l\">Where and when crime happens in the borough, and whether it is rising or falling, "
		"from police.uk data and local incident logs. Every figure here is a count or a statistic: no person or "
		"address is shown.</p>\n");
	struct db *db = rq->db;
	char first[8], last[8], a[32], b[32], text[200];
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Data loaded</h2>\n<dl class=\"govuk-summary-list\">\n");
	long long crimes = (long long)db_int(db, 0, "SELECT count(*) FROM crime", "");
	if (crime_months_range(db, first, last) == 0) {
		crime_month_label(first, a, sizeof a);
		crime_month_label(last, b, sizeof b);
		snprintf(text, sizeof text, "%lld records; in the borough from %s to %s", crimes, a, b);
	} else {
		snprintf(text, sizeof text, "%lld records", crimes);
	}
	summary_row(rq, rs, "Street-level crime (police.uk)", text);
	snprintf(text, sizeof text, "%lld wards and %lld LSOAs with boundaries",
		(long long)db_int(db, 0, "SELECT count(*) FROM geo_area WHERE level = 'ward' AND geometry IS NOT NULL", ""),
		(long long)db_int(db, 0, "SELECT count(*) FROM geo_area WHERE level = 'lsoa' AND geometry IS NOT NULL", ""));
	summary_row(rq, rs, "Boundaries", text);
	snprintf(text, sizeof text, "%lld incidents with from and to times",
		(long long)db_int(db, 0, "SELECT count(*) FROM incident", ""));
	summary_row(rq, rs, "Incident logs", text);
	snprintf(text, sizeof text, "%lld records",
		(long long)db_int(db, 0, "SELECT count(*) FROM stop_search", ""));
	summary_row(rq, rs, "Stop and search (police.uk)", text);
	html_printf(rs, "</dl>\n");
	analytics_data_notice(rq, rs, 1);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">Analyses</h2>\n");
	card(rs, "/analytics/trends", "Trends", "Crimes by month for the borough, a ward or a neighbourhood; the 12-month total; "
		"change on the previous period and on the same period last year; whether the trend is significant.");
	card(rs, "/analytics/hotspots", "Hot spots", "Kernel density and Getis-Ord Gi* hot and cold spots on a grid or by "
		"ward, drawn over the ward boundaries, optionally with cuckooing cases per ward.");
	card(rs, "/analytics/peak-times", "Peak times", "When incidents happen: aoristic hour-of-week table from incident logs "
		"with from and to times.");
	card(rs, "/analytics/near-repeats", "Near repeats", "The Knox test: are crimes close in space also close in time more "
		"often than chance?");
	card(rs, "/analytics/cases", "Cases on the map", "Cuckooing cases counted by ward, with small numbers suppressed.");
	html_printf(rs, "<p class=\"govuk-body\">The analytics guide (docs/analytics-guide.md, with the program) explains "
		"each method, its defaults and its caveats.</p>\n");
	analytics_end(rq, rs);
}
