/* Importing crime data on the web (analysts and administrators):
 *   GET/POST /analytics/import — police.uk street, outcomes and stop-and-search CSVs, ward or
 *     LSOA boundaries (GeoJSON) and the LSOA -> ward lookup; several files at once.
 *   GET /analytics/incidents/import, POST /analytics/incidents/upload — an incident log is
 *     uploaded and staged, and its header offered as a column mapping form;
 *   POST /analytics/incidents/import — the mapping is applied and the staged file imported.
 * The importers (src/analytics) do all the checking: a file with any bad row is rejected
 * whole, with its problems listed by line and column, and importing a file twice adds nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/boundary_import.h"
#include "analytics/incident_import.h"
#include "analytics/policeuk_import.h"
#include "util/csv.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

#define MAX_FILES 24

static const struct choice KINDS[] = {
	{"policeuk", "police.uk crime, outcomes or stop and search (CSV)"},
	{"wards", "Ward boundaries (GeoJSON)"},
	{"lsoas", "LSOA boundaries (GeoJSON)"},
	{"lookup", "LSOA to ward lookup (CSV, from the ONS)"},
};

void analytics_import_summaries(struct response *rs, const struct import_summary *s, size_t n)
{
	html_printf(rs, "<table class=\"govuk-table ng-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">Import summary</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">File</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Rows read</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Added</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Already present</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Without location</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Rejected rows</th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		char nums[5][32];
		long long v[5] = {s[i].rows_read, s[i].problems_total ? 0 : s[i].rows_added, s[i].problems_total ? 0 : s[i].rows_present,
			s[i].rows_without_location, s[i].problems_total};
		for (int k = 0; k < 5; k++) snprintf(nums[k], sizeof nums[k], "%lld", v[k]);
		html_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%h</th>"
			"<td class=\"govuk-table__cell\">%h</td>", s[i].file, s[i].kind[0] ? s[i].kind : "not recognised");
		for (int k = 0; k < 5; k++) html_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%h</td>", nums[k]);
		html_printf(rs, "</tr>\n");
	}
	html_printf(rs, "</tbody>\n</table>\n");
	for (size_t i = 0; i < n; i++) {
		if (!s[i].problems_total) {
			if (s[i].note[0] || s[i].earlier_import)
				html_printf(rs, "<p class=\"govuk-body-s\">%h: %h%h</p>\n", s[i].file, s[i].note,
					s[i].earlier_import ? " The same file was imported before." : "");
			continue;
		}
		html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"problems-%z\">%h was rejected: nothing was imported from it</h2>\n"
			"<table class=\"govuk-table ng-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">Problems in %h</caption>\n"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Line</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Column</th><th scope=\"col\" class=\"govuk-table__header\">Problem</th></tr></thead>\n"
			"<tbody class=\"govuk-table__body\">\n", i, s[i].file, s[i].file);
		for (size_t k = 0; k < s[i].nproblems; k++) {
			const struct import_problem *p = &s[i].problems[k];
			char line[32], column[96];
			if (p->line) snprintf(line, sizeof line, "%ld", p->line);
			else snprintf(line, sizeof line, "whole file");
			if (p->column) snprintf(column, sizeof column, "%d%s%s%s", p->column, p->column_name[0] ? " (" : "", p->column_name,
				p->column_name[0] ? ")" : "");
			else snprintf(column, sizeof column, "%s", p->column_name);
			html_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%h</th>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n", line, column, p->reason);
		}
		html_printf(rs, "</tbody>\n</table>\n");
		if ((long long)s[i].nproblems < s[i].problems_total)
			html_printf(rs, "<p class=\"govuk-body\">… and %I more problems.</p>\n", (int64_t)(s[i].problems_total - (long long)s[i].nproblems));
		html_printf(rs, "<p class=\"govuk-body\">Fix the file (or ask for a clean copy) and upload it again.</p>\n");
	}
}

static void upload_form(struct request *rq, struct response *rs, const char *kind, const char *error)
{
	html_printf(rs, "<form method=\"post\" action=\"/analytics/import\" enctype=\"multipart/form-data\" novalidate>\n");
	layout_csrf_field(rq, rs);
	ui_radios(rs, "kind", "kind", "What are you importing?", NULL, KINDS, 4, kind ? kind : "policeuk", NULL, 0);
	html_printf(rs, "<div class=\"govuk-form-group%r\"><label class=\"govuk-label govuk-label--s\" for=\"file\">Files</label>\n"
		"<div id=\"file-hint\" class=\"govuk-hint\">One or more files of that kind, up to 64 MB in all. police.uk files are "
		"recognised by their header (street, outcomes or stop and search). Boundaries may be in longitude/latitude or on "
		"the British National Grid.</div>\n", error ? " govuk-form-group--error" : "");
	if (error) html_printf(rs, "<p id=\"file-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", error);
	html_printf(rs, "<input class=\"govuk-file-upload%r\" id=\"file\" name=\"file\" type=\"file\" multiple "
		"accept=\".csv,.geojson,.json,text/csv,application/geo+json,application/json\" aria-describedby=\"file-hint%r\">\n</div>\n",
		error ? " govuk-file-upload--error" : "", error ? " file-error" : "");
	ui_button(rs, "Import", NULL);
	html_printf(rs, "</form>\n");
}

static void import_intro(struct response *rs)
{
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Import crime data</h1>\n"
		"<p class=\"govuk-body\">Street-level crime, outcomes and stop and search files from data.police.uk, the borough's "
		"ward and LSOA boundaries from the ONS, and the ONS lookup from LSOAs to wards. The order does not matter: crimes "
		"get their ward and LSOA whenever the boundaries arrive.</p>\n"
		"<p class=\"govuk-body\">Each file is checked row by row. A file with any problem is rejected whole, with every "
		"problem listed, so the counts are never quietly wrong. Importing the same file again adds nothing.</p>\n");
}

void page_analytics_import_form(struct request *rq, struct response *rs)
{
	analytics_begin(rq, rs, "Import crime data", "/analytics/import");
	import_intro(rs);
	upload_form(rq, rs, NULL, NULL);
	analytics_end(rq, rs);
}

/* Import one uploaded file of KIND saved at PATH into S. */
static void import_one(struct request *rq, const char *kind, const char *path, struct import_summary *s)
{
	if (strcmp(kind, "policeuk") == 0) {
		policeuk_import_file(rq->db, &rq->actor, path, s);
	} else if (strcmp(kind, "lookup") == 0) {
		boundary_import_lookup(rq->db, &rq->actor, path, s);
	} else {
		struct boundary_options opt = {strcmp(kind, "wards") == 0 ? "ward" : "lsoa", NULL, NULL};
		boundary_import_geojson(rq->db, &rq->actor, path, &opt, s);
	}
}

void page_analytics_import(struct request *rq, struct response *rs)
{
	const char *kind = request_form(rq, "kind");
	int known = 0;
	for (size_t i = 0; kind && i < sizeof KINDS / sizeof *KINDS; i++) known |= strcmp(kind, KINDS[i].value) == 0;
	const struct kv *files[MAX_FILES];
	const char *names[MAX_FILES];
	size_t n = 0, too_many = 0;
	for (size_t i = 0; i < rq->form.count; i++) {
		const struct kv *f = &rq->form.items[i];
		if (strcmp(f->name, "file") != 0 || f->value_len == 0) continue;
		if (n == MAX_FILES) { too_many = 1; continue; }
		files[n] = f;
		/* the file's name follows its contents in the form */
		names[n] = i + 1 < rq->form.count && strcmp(rq->form.items[i + 1].name, "file.filename") == 0
			? rq->form.items[i + 1].value : "upload";
		n++;
	}
	const char *error = !known ? "Select what you are importing" : n == 0 ? "Select one or more files to import"
		: too_many ? "Import at most 24 files at a time" : NULL;
	if (error) {
		rs->status = 400;
		analytics_begin(rq, rs, "Error: Import crime data", "/analytics/import");
		struct form_error fe = {known ? "file" : "kind", error};
		form_error_summary(rs, &fe, 1);
		import_intro(rs);
		upload_form(rq, rs, known ? kind : NULL, error);
		analytics_end(rq, rs);
		return;
	}
	struct import_summary *sums = arena_alloc(rq->arena, n * sizeof *sums);
	size_t rejected = 0;
	for (size_t i = 0; i < n; i++) {
		char token[33], path[1024];
		if (analytics_upload_save(rq, names[i], files[i]->value, files[i]->value_len, token, path, sizeof path) != 0) {
			rs->status = 500;
			return;
		}
		import_one(rq, kind, path, &sums[i]);
		analytics_upload_remove(path);
		/* show the name the user knows, not the temporary path */
		snprintf(sums[i].file, sizeof sums[i].file, "%s", names[i]);
		rejected += sums[i].problems_total > 0;
	}
	if (rejected) rs->status = 400;
	analytics_begin(rq, rs, rejected ? "Error: Import crime data" : "Crime data imported", "/analytics/import");
	if (rejected) {
		struct form_error *fe = arena_alloc(rq->arena, rejected * sizeof *fe);
		int k = 0;
		for (size_t i = 0; i < n; i++)
			if (sums[i].problems_total) {
				fe[k].field = arena_printf(rq->arena, "problems-%zu", i);
				fe[k].message = arena_printf(rq->arena, "%s has problems: nothing was imported from it", sums[i].file);
				k++;
			}
		form_error_summary(rs, fe, k);
		html_printf(rs, "<h1 class=\"govuk-heading-xl\">Import crime data</h1>\n");
	} else {
		html_printf(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Imported</h1>"
			"<div class=\"govuk-panel__body\">%z file%r</div></div>\n", n, n == 1 ? "" : "s");
	}
	analytics_import_summaries(rs, sums, n);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Import more</h2>\n");
	upload_form(rq, rs, kind, NULL);
	analytics_end(rq, rs);
}

/* ---- incident logs ---- */

static void incident_intro(struct response *rs)
{
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Import an incident log</h1>\n"
		"<p class=\"govuk-body\">A council or local police log with one incident per row and the time it may have started "
		"and ended, for peak times and near repeats. First upload the file; then say which column holds what.</p>\n");
}

static void incident_upload_form(struct request *rq, struct response *rs, const char *error)
{
	html_printf(rs, "<form method=\"post\" action=\"/analytics/incidents/upload\" enctype=\"multipart/form-data\" novalidate>\n");
	layout_csrf_field(rq, rs);
	html_printf(rs, "<div class=\"govuk-form-group%r\"><label class=\"govuk-label govuk-label--s\" for=\"file\">CSV file</label>\n"
		"<div id=\"file-hint\" class=\"govuk-hint\">With a header row. Save spreadsheets as CSV (UTF-8).</div>\n",
		error ? " govuk-form-group--error" : "");
	if (error) html_printf(rs, "<p id=\"file-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", error);
	html_printf(rs, "<input class=\"govuk-file-upload%r\" id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" "
		"aria-describedby=\"file-hint%r\">\n</div>\n", error ? " govuk-file-upload--error" : "", error ? " file-error" : "");
	ui_button(rs, "Upload", NULL);
	html_printf(rs, "</form>\n");
}

void page_analytics_incidents_form(struct request *rq, struct response *rs)
{
	analytics_begin(rq, rs, "Import an incident log", "/analytics/incidents/import");
	incident_intro(rs);
	incident_upload_form(rq, rs, NULL);
	analytics_end(rq, rs);
}

/* The header of the staged file at PATH, as column choices (arena). Returns the count; 0 when
 * the file has no readable header. */
static int header_choices(struct request *rq, const char *path, struct choice **out)
{
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	struct csv *c = csv_open(f, ',');
	int n = 0;
	if (csv_next(c) == CSV_RECORD) {
		n = (int)csv_count(c);
		if (n > 200) n = 200;
		*out = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof **out);
		for (int i = 0; i < n; i++) {
			const char *h = csv_field(c, (size_t)i);
			/* columns go by number, so that any header text (even repeated or empty) works */
			(*out)[i].value = arena_printf(rq->arena, "%d", i + 1);
			(*out)[i].label = arena_printf(rq->arena, "%d: %s", i + 1, *h ? h : "(no name)");
		}
	}
	csv_close(c);
	fclose(f);
	return n;
}

static const struct { const char *field, *label, *hint; int required; } MAPPING[] = {
	{"from", "Start of the incident window", "Date and time it may have started (required)", 1},
	{"to", "End of the incident window", "Date and time it may have ended; if none, the start is used", 0},
	{"type", "Incident type", NULL, 0},
	{"x", "Easting (British National Grid)", "Give easting and northing, or longitude and latitude, or neither", 0},
	{"y", "Northing (British National Grid)", NULL, 0},
	{"lon", "Longitude (WGS84)", NULL, 0},
	{"lat", "Latitude (WGS84)", NULL, 0},
};

static void mapping_form(struct request *rq, struct response *rs, const char *token, const char *name,
	const struct choice *cols, int n, const struct field_errors *e)
{
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Columns of %h</h2>\n"
		"<form method=\"post\" action=\"/analytics/incidents/import\" novalidate>\n", name);
	layout_csrf_field(rq, rs);
	html_printf(rs, "<input type=\"hidden\" name=\"upload\" value=\"%h\">\n", token);
	for (size_t i = 0; i < sizeof MAPPING / sizeof *MAPPING; i++) {
		const char *sel = request_form(rq, MAPPING[i].field);
		ui_select(rs, MAPPING[i].field, MAPPING[i].field, MAPPING[i].label, cols, n, sel,
			e ? field_errors_for(e, MAPPING[i].field) : NULL, MAPPING[i].required ? NULL : "Not in the file");
		if (MAPPING[i].hint) html_printf(rs, "<p class=\"govuk-body-s\">%h</p>\n", MAPPING[i].hint);
	}
	analytics_input(rs, "date_format", "Date format (optional)",
		"Leave empty for 2024-03-05 14:30 or 05/03/2024 14:30. Otherwise a strptime format such as %d.%m.%Y %H:%M",
		request_form(rq, "date_format"), "govuk-input--width-20", e);
	ui_button(rs, "Import", NULL);
	html_printf(rs, "</form>\n");
}

void page_analytics_incidents_upload(struct request *rq, struct response *rs)
{
	const struct kv *file = kv_find(&rq->form, "file");
	const char *name = request_form(rq, "file.filename");
	const char *error = !file || file->value_len == 0 ? "Select a CSV file" : NULL;
	char token[33], path[1024];
	struct choice *cols = NULL;
	int n = 0;
	if (!error) {
		if (analytics_upload_save(rq, name ? name : "incidents.csv", file->value, file->value_len, token, path, sizeof path) != 0) {
			rs->status = 500;
			return;
		}
		n = header_choices(rq, path, &cols);
		if (n == 0) {
			analytics_upload_remove(path);
			error = "The file has no header row that can be read as CSV";
		}
	}
	if (error) {
		rs->status = 400;
		analytics_begin(rq, rs, "Error: Import an incident log", "/analytics/incidents/import");
		struct form_error fe = {"file", error};
		form_error_summary(rs, &fe, 1);
		incident_intro(rs);
		incident_upload_form(rq, rs, error);
		analytics_end(rq, rs);
		return;
	}
	analytics_begin(rq, rs, "Import an incident log: columns", "/analytics/incidents/import");
	incident_intro(rs);
	mapping_form(rq, rs, token, strrchr(path, '/') + 1, cols, n, NULL);
	analytics_end(rq, rs);
}

void page_analytics_incidents_import(struct request *rq, struct response *rs)
{
	char path[1024];
	const char *token = request_form(rq, "upload");
	if (analytics_upload_find(rq, token, path, sizeof path) != 0) {
		rs->status = 400;
		analytics_begin(rq, rs, "Error: Import an incident log", "/analytics/incidents/import");
		struct form_error fe = {"file", "The uploaded file has expired: upload it again"};
		form_error_summary(rs, &fe, 1);
		incident_intro(rs);
		incident_upload_form(rq, rs, fe.message);
		analytics_end(rq, rs);
		return;
	}
	struct field_errors e;
	field_errors_init(&e);
	struct incident_mapping m = {0};
	const char **slots[] = {&m.from, &m.to, &m.type, &m.x, &m.y, &m.lon, &m.lat};
	for (size_t i = 0; i < sizeof MAPPING / sizeof *MAPPING; i++) {
		const char *v = request_form(rq, MAPPING[i].field);
		*slots[i] = v && *v ? v : NULL;
	}
	const char *fmt = request_form(rq, "date_format");
	m.date_format = fmt && *fmt ? fmt : NULL;
	if (!m.from) field_errors_add(&e, "from", "Select the column with the start of the incident window");
	if (!m.x != !m.y) field_errors_add(&e, m.x ? "y" : "x", "Select both the easting and the northing, or neither");
	if (!m.lon != !m.lat) field_errors_add(&e, m.lon ? "lat" : "lon", "Select both the longitude and the latitude, or neither");
	if (m.x && m.lon) field_errors_add(&e, "lon", "Select either easting and northing or longitude and latitude, not both");
	struct choice *cols = NULL;
	int n = header_choices(rq, path, &cols);
	const char *name = strrchr(path, '/') + 1;
	if (e.count) {
		rs->status = 400;
		analytics_begin(rq, rs, "Error: Import an incident log: columns", "/analytics/incidents/import");
		analytics_error_summary(rs, &e);
		incident_intro(rs);
		mapping_form(rq, rs, token, name, cols, n, &e);
		analytics_end(rq, rs);
		return;
	}
	struct import_summary s;
	incident_import_file(rq->db, &rq->actor, path, &m, &s);
	snprintf(s.file, sizeof s.file, "%s", name);
	int rejected = s.problems_total > 0;
	if (!rejected) analytics_upload_remove(path);
	if (rejected) rs->status = 400;
	analytics_begin(rq, rs, rejected ? "Error: Import an incident log" : "Incidents imported", "/analytics/incidents/import");
	if (rejected) {
		struct form_error fe = {"problems-0", "The file has problems: nothing was imported from it"};
		form_error_summary(rs, &fe, 1);
		incident_intro(rs);
	} else {
		html_printf(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Incidents imported</h1>"
			"<div class=\"govuk-panel__body\">%I added</div></div>\n", (int64_t)s.rows_added);
	}
	analytics_import_summaries(rs, &s, 1);
	if (rejected) {
		/* the staged file stays (for an hour) so that another mapping can be tried */
		mapping_form(rq, rs, token, name, cols, n, NULL);
	} else {
		html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/analytics/peak-times\">See the peak times</a></p>\n");
	}
	analytics_end(rq, rs);
}
