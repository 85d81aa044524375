/* Shared pieces of the crime analytics pages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "util/escape.h"
#include "web/dispatch.h"
#include "web/html.h"
#include "web/layout.h"
#include "analytics/incident_selection.h"
#include "web/pages/analytics_ui.h"
#include "web/route.h"

static const struct { const char *path, *label; } SECTION[] = {
	{"/analytics", "Overview"},
	{"/analytics/trends", "Trends"},
	{"/analytics/hotspots", "Hot spots"},
	{"/analytics/peak-times", "Peak times"},
	{"/analytics/near-repeats", "Near repeats"},
	{"/analytics/cases", "Cases on the map"},
	{"/analytics/import", "Import crime data"},
	{"/analytics/incidents/import", "Import incidents"},
};

/* 1 when the signed-in user may open GET PATTERN. */
static int may_open(struct request *rq, const char *pattern)
{
	for (const struct route *r = routes; r->method; r++)
		if (strcmp(r->method, "GET") == 0 && strcmp(r->pattern, pattern) == 0) return route_allows(r, rq->actor.roles);
	return 0;
}

void analytics_begin(struct request *rq, struct response *rs, const char *title, const char *current)
{
	layout_begin(rq, rs, title);
	html_printf(rs, "<nav class=\"ng-subnav\" aria-label=\"Crime analytics\">\n<ul class=\"ng-subnav__list\">\n");
	for (size_t i = 0; i < sizeof SECTION / sizeof *SECTION; i++) {
		if (!may_open(rq, SECTION[i].path)) continue;
		int here = strcmp(SECTION[i].path, current) == 0;
		html_printf(rs, "<li class=\"ng-subnav__item\"><a class=\"govuk-link ng-subnav__link\" href=\"%h\"%r>%h</a></li>\n",
			SECTION[i].path, here ? " aria-current=\"page\"" : "", SECTION[i].label);
	}
	html_printf(rs, "</ul>\n</nav>\n");
}

void analytics_end(struct request *rq, struct response *rs)
{
	layout_end(rq, rs);
}

void analytics_args_from_query(struct request *rq, struct analysis_args *a)
{
	memset(a, 0, sizeof *a);
	for (size_t i = 0; i < rq->query.count; i++) analysis_args_add(a, rq->query.items[i].name, rq->query.items[i].value);
}

void analytics_error_summary(struct response *rs, const struct field_errors *e)
{
	if (!e || e->count == 0) return;
	struct form_error items[FIELD_ERRORS_MAX];
	for (int i = 0; i < e->count; i++) {
		items[i].field = *e->items[i].field ? e->items[i].field : "main-content";
		items[i].message = e->items[i].message;
	}
	form_error_summary(rs, items, e->count);
}

const char *analytics_field_error(struct response *rs, const struct field_errors *e, const char *field)
{
	const char *msg = e ? field_errors_for(e, field) : NULL;
	if (msg)
		html_printf(rs, "<p id=\"%h-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n",
			field, msg);
	return msg;
}

/* The opening of a form group with label and hint; returns the field's error or NULL. */
static const char *group_begin(struct response *rs, const char *name, const char *label, const char *hint,
	const struct field_errors *e)
{
	const char *err = e ? field_errors_for(e, name) : NULL;
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<label class=\"govuk-label govuk-label--s\" for=\"%h\">%h</label>\n",
		err ? " govuk-form-group--error" : "", name, label);
	if (hint) html_printf(rs, "<div id=\"%h-hint\" class=\"govuk-hint\">%h</div>\n", name, hint);
	analytics_field_error(rs, e, name);
	return err;
}

static void described_by(struct response *rs, const char *name, const char *hint, const char *err)
{
	if (!hint && !err) return;
	html_printf(rs, " aria-describedby=\"");
	if (hint) html_printf(rs, "%h-hint", name);
	if (err) html_printf(rs, "%r%h-error", hint ? " " : "", name);
	html_printf(rs, "\"");
}

void analytics_select(struct response *rs, const char *name, const char *label, const char *hint,
	const char *const (*choices)[2], size_t n, const char *selected, const struct field_errors *e)
{
	const char *err = group_begin(rs, name, label, hint, e);
	html_printf(rs, "<select class=\"govuk-select%r\" id=\"%h\" name=\"%h\"", err ? " govuk-select--error" : "", name, name);
	described_by(rs, name, hint, err);
	html_printf(rs, ">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<option value=\"%h\"%r>%h</option>\n", choices[i][0],
			selected && strcmp(selected, choices[i][0]) == 0 ? " selected" : "", choices[i][1]);
	html_printf(rs, "</select>\n</div>\n");
}

void analytics_input(struct response *rs, const char *name, const char *label, const char *hint,
	const char *value, const char *width_class, const struct field_errors *e)
{
	const char *err = group_begin(rs, name, label, hint, e);
	html_printf(rs, "<input class=\"govuk-input %h%r\" id=\"%h\" name=\"%h\" type=\"text\" spellcheck=\"false\" value=\"%h\"",
		width_class ? width_class : "", err ? " govuk-input--error" : "", name, name, value ? value : "");
	described_by(rs, name, hint, err);
	html_printf(rs, ">\n</div>\n");
}

/* One <option> per area of LEVEL with a boundary. */
static void area_options(struct request *rq, struct response *rs, const char *level, const char *selected)
{
	struct db_stmt *st = db_preparef(rq->db, "SELECT code, name FROM geo_area WHERE level = ? AND geometry IS NOT NULL "
		"ORDER BY name, code", "t", level);
	while (db_step(st) == DB_ROW) {
		const char *code = db_column_text(st, 0), *name = db_column_text(st, 1);
		html_printf(rs, "<option value=\"%h\"%r>%h (%h)</option>\n", code,
			selected && strcmp(selected, code) == 0 ? " selected" : "", *name ? name : code, code);
	}
	db_finalize(st);
}

/* The months FIRST..LAST as options, the selected one marked. */
static void month_select(struct response *rs, const char *name, const char *label, const char *first, const char *last,
	const char *selected, const struct field_errors *e)
{
	const char *err = group_begin(rs, name, label, NULL, e);
	html_printf(rs, "<select class=\"govuk-select%r\" id=\"%h\" name=\"%h\"", err ? " govuk-select--error" : "", name, name);
	described_by(rs, name, NULL, err);
	html_printf(rs, ">\n");
	int a = crime_month_parse(first), b = crime_month_parse(last);
	for (int m = a; a >= 0 && m <= b; m++) {
		char ym[16], text[32];
		snprintf(ym, sizeof ym, "%04d-%02d", m / 12, m % 12 + 1);
		crime_month_label(ym, text, sizeof text);
		html_printf(rs, "<option value=\"%h\"%r>%h</option>\n", ym, selected && strcmp(selected, ym) == 0 ? " selected" : "", text);
	}
	html_printf(rs, "</select>\n</div>\n");
}

void analytics_area_field(struct request *rq, struct response *rs, const char *area, const struct field_errors *e, int lsoas)
{
	const char *hint = lsoas ? "The whole borough, one ward or one neighbourhood (LSOA)" : "The whole borough or one ward";
	const char *err = group_begin(rs, "area", "Area", hint, e);
	html_printf(rs, "<select class=\"govuk-select%r\" id=\"area\" name=\"area\"", err ? " govuk-select--error" : "");
	described_by(rs, "area", hint, err);
	html_printf(rs, ">\n<option value=\"borough\">The whole borough</option>\n<optgroup label=\"Wards\">\n");
	area_options(rq, rs, "ward", area);
	html_printf(rs, "</optgroup>\n");
	if (lsoas) {
		html_printf(rs, "<optgroup label=\"Neighbourhoods (LSOAs)\">\n");
		area_options(rq, rs, "lsoa", area);
		html_printf(rs, "</optgroup>\n");
	}
	html_printf(rs, "</select>\n</div>\n");
}

void analytics_selection_fields(struct request *rq, struct response *rs, const struct crime_selection *s,
	const struct analysis_args *a, const struct field_errors *e, int lsoas)
{
	analytics_area_field(rq, rs, s && *s->area_code ? s->area_code : analysis_args_get(a, "area"), e, lsoas);
	char **names;
	size_t n = crime_type_names(rq->db, &names);
	const char *(*choices)[2] = arena_alloc(rq->arena, (n + 1) * sizeof *choices);
	choices[0][0] = "all";
	choices[0][1] = "All crime types";
	for (size_t i = 0; i < n; i++) {
		choices[i + 1][0] = arena_strdup(rq->arena, names[i]);
		choices[i + 1][1] = choices[i + 1][0];
	}
	crime_type_names_free(names, n);
	const char *type = s ? (s->ntypes ? s->types[0] : "all") : analysis_args_get(a, "type");
	analytics_select(rs, "type", "Crime type", NULL, (const char *const (*)[2])choices, n + 1, type, e);

	char first[8], last[8];
	if (crime_months_range(rq->db, first, last) == 0) {
		html_printf(rs, "<div class=\"ng-field-row\">\n");
		month_select(rs, "from", "From", first, last, s && *s->month_from ? s->month_from : analysis_args_get(a, "from"), e);
		month_select(rs, "to", "To", first, last, s && *s->month_to ? s->month_to : analysis_args_get(a, "to"), e);
		html_printf(rs, "</div>\n");
	}
}

void analytics_table(struct response *rs, const struct report_table *t)
{
	html_printf(rs, "<table class=\"govuk-table ng-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">%h</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">", t->title);
	for (size_t c = 0; c < t->column_count; c++)
		html_printf(rs, "<th scope=\"col\" class=\"govuk-table__header%r\">%h</th>",
			t->columns[c].numeric ? " govuk-table__header--numeric" : "", t->columns[c].heading);
	html_printf(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t r = 0; r < t->row_count; r++) {
		html_printf(rs, "<tr class=\"govuk-table__row%r\">", t->rows[r].total ? " ng-table__total" : "");
		for (size_t c = 0; c < t->column_count; c++) {
			char *text = report_table_cell_text(t, r, c);
			if (c == 0)
				html_printf(rs, "<th scope=\"row\" class=\"govuk-table__header\">%h</th>", text);
			else
				html_printf(rs, "<td class=\"govuk-table__cell%r\">%h</td>",
					t->columns[c].numeric ? " govuk-table__cell--numeric" : "", text);
			free(text);
		}
		html_printf(rs, "</tr>\n");
	}
	html_printf(rs, "</tbody>\n</table>\n");
	if (t->note && *t->note) html_printf(rs, "<p class=\"govuk-body-s\">%h</p>\n", t->note);
}

void analytics_figure(struct response *rs, const char *svg_html, const char *caption)
{
	html_printf(rs, "<figure class=\"ng-figure\">\n%r\n<figcaption class=\"govuk-body-s\">%h</figcaption>\n</figure>\n",
		svg_html, caption);
}

/* The current query without FORMAT, URL-encoded, each pair followed by '&'. */
static void query_without_format(struct request *rq, struct buf *b)
{
	for (size_t i = 0; i < rq->query.count; i++) {
		if (strcmp(rq->query.items[i].name, "format") == 0) continue;
		escape_url(b, rq->query.items[i].name);
		buf_putc(b, '=');
		escape_url(b, rq->query.items[i].value);
		buf_putc(b, '&');
	}
}

static const char *format_label(const char *f)
{
	if (strcmp(f, "csv") == 0) return "CSV (spreadsheet)";
	if (strcmp(f, "json") == 0) return "JSON";
	if (strcmp(f, "geojson") == 0) return "GeoJSON (for GIS)";
	if (strcmp(f, "svg") == 0) return "SVG image";
	if (strcmp(f, "png") == 0) return "PNG image";
	return f;
}

void analytics_downloads(struct request *rq, struct response *rs, const char *export_path, const char *const *formats)
{
	struct buf q = BUF_INIT;
	query_without_format(rq, &q);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Download</h2>\n<ul class=\"govuk-list ng-downloads\">\n");
	for (size_t i = 0; formats[i]; i++) {
		const char *url = arena_printf(rq->arena, "%s?%sformat=%s", export_path, buf_str(&q), formats[i]);
		html_printf(rs, "<li><a class=\"govuk-link\" href=\"%h\" download>%h</a></li>\n", url, format_label(formats[i]));
	}
	html_printf(rs, "</ul>\n");
	buf_free(&q);
}

void analytics_send(struct request *rq, struct response *rs, enum analysis_format format, const char *slug,
	const struct buf *body)
{
	rs->status = 200;
	rs->content_type = analysis_format_media_type(format);
	buf_reset(&rs->body);
	buf_append(&rs->body, body->data ? body->data : "", body->len);
	/* SLUG is made of [a-z0-9-] (crime_selection_slug), so the header needs no quoting rules */
	response_header(rq, rs, "Content-Disposition",
		arena_printf(rq->arena, "attachment; filename=\"%s.%s\"", slug, analysis_format_extension(format)));
}

int analytics_export_format(struct request *rq, struct response *rs, const char *const *allowed)
{
	const char *f = request_query(rq, "format");
	for (size_t i = 0; f && allowed[i]; i++)
		if (strcmp(f, allowed[i]) == 0) return analysis_format_parse(f);
	struct buf msg = BUF_INIT;
	buf_puts(&msg, "Choose a download format: ");
	for (size_t i = 0; allowed[i]; i++) buf_printf(&msg, "%s%s", i ? ", " : "", allowed[i]);
	web_error(rq, rs, 400, buf_str(&msg));
	buf_free(&msg);
	return -1;
}

void analytics_export_invalid(struct request *rq, struct response *rs, const struct field_errors *e)
{
	web_error(rq, rs, 400, e->count ? e->items[0].message : "The request is not valid");
}

int analytics_data_notice(struct request *rq, struct response *rs, int need_boundaries)
{
	int crimes = db_int(rq->db, 0, "SELECT 1 FROM crime LIMIT 1", "") != 0;
	int bounds = db_int(rq->db, 0, "SELECT 1 FROM geo_area WHERE geometry IS NOT NULL LIMIT 1", "") != 0;
	if (crimes && (bounds || !need_boundaries)) return 0;
	html_printf(rs, "<div class=\"govuk-inset-text\">\n<p class=\"govuk-body\">%h</p>\n",
		!crimes ? "No crime data has been imported yet." : "No ward or LSOA boundaries have been imported yet, so there is no map to draw.");
	if (may_open(rq, "/analytics/import"))
		html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/analytics/import\">Import police.uk files and boundaries</a></p>\n");
	else
		html_printf(rs, "<p class=\"govuk-body\">Ask an analyst or an administrator to import police.uk data and the ward boundaries.</p>\n");
	html_printf(rs, "</div>\n");
	return 1;
}

void analytics_incident_fields(struct request *rq, struct response *rs, const struct analysis_args *a,
	const struct field_errors *e)
{
	analytics_area_field(rq, rs, analysis_args_get(a, "area"), e, 1);
	char **names;
	size_t n = incident_type_names(rq->db, &names);
	const char *(*choices)[2] = arena_alloc(rq->arena, (n + 1) * sizeof *choices);
	choices[0][0] = "all";
	choices[0][1] = "All incident types";
	for (size_t i = 0; i < n; i++) {
		choices[i + 1][0] = arena_strdup(rq->arena, names[i]);
		choices[i + 1][1] = choices[i + 1][0];
	}
	crime_type_names_free(names, n);
	analytics_select(rs, "incident_type", "Incident type", NULL, (const char *const (*)[2])choices, n + 1,
		analysis_args_get(a, "incident_type"), e);
	html_printf(rs, "<div class=\"ng-field-row\">\n");
	analytics_input(rs, "start", "From date", "For example, 1/1/2016", analysis_args_get(a, "start"), "govuk-input--width-10", e);
	analytics_input(rs, "end", "To date", "For example, 30/6/2016", analysis_args_get(a, "end"), "govuk-input--width-10", e);
	html_printf(rs, "</div>\n");
}
