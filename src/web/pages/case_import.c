/* GET/POST /cases/import — a team leader uploads a CSV export of the old tracking spreadsheet;
 * every problem is listed by line and column and nothing is imported until the file is clean. */
#include <stdio.h>
#include <string.h>
#include "model/case_import.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

static void form(struct request *rq, struct response *rs, const char *error)
{
	html_printf(rs, "<form method=\"post\" action=\"/cases/import\" enctype=\"multipart/form-data\" novalidate>\n");
	layout_csrf_field(rq, rs);
	html_printf(rs, "<div class=\"govuk-form-group%r\"><label class=\"govuk-label\" for=\"file\">CSV file</label>\n"
		"<div id=\"file-hint\" class=\"govuk-hint\">Save the spreadsheet as CSV (UTF-8). The columns are described in the "
		"import guide: reference, referral date, referring agency, exploitation types, area, tenure, status, closed date, "
		"positively resolved, stayed in tenancy, moved, outcomes.</div>\n", error ? " govuk-form-group--error" : "");
	if (error) html_printf(rs, "<p id=\"file-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", error);
	html_printf(rs, "<input class=\"govuk-file-upload%r\" id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" aria-describedby=\"file-hint%r\">\n</div>\n",
		error ? " govuk-file-upload--error" : "", error ? " file-error" : "");
	static const struct choice check[] = {{"1", "Only check the file, do not import it"}};
	const char *dry = request_form(rq, "dry_run");
	const char *sel[1] = {dry};
	ui_checkboxes(rs, "dry_run", "dry_run", "Check first", NULL, check, 1, sel, dry ? 1 : 0, NULL);
	ui_button(rs, "Upload", NULL);
	html_printf(rs, "</form>\n");
}

void page_case_import_form(struct request *rq, struct response *rs)
{
	layout_begin(rq, rs, "Import cases");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Import cases from a spreadsheet</h1>\n"
		"<p class=\"govuk-body\">Bring in the cases your team tracked before nestguard. The file is checked row by row; "
		"if anything is wrong, nothing is imported and every problem is listed so that you can fix the spreadsheet.</p>\n");
	form(rq, rs, NULL);
	layout_end(rq, rs);
}

void page_case_import(struct request *rq, struct response *rs)
{
	const struct kv *file = kv_find(&rq->form, "file");
	if (!file || file->value_len == 0) {
		rs->status = 400;
		layout_begin(rq, rs, "Error: Import cases");
		struct form_error fe = {"file", "Select a CSV file"};
		form_error_summary(rs, &fe, 1);
		html_printf(rs, "<h1 class=\"govuk-heading-l\">Import cases from a spreadsheet</h1>\n");
		form(rq, rs, fe.message);
		layout_end(rq, rs);
		return;
	}
	FILE *f = fmemopen((void *)file->value, file->value_len, "r");
	if (!f) {
		rs->status = 500;
		return;
	}
	struct case_import_options opt = {NULL, 0, request_form(rq, "dry_run") != NULL};
	struct case_import_result *res = arena_alloc(rq->arena, sizeof *res);
	int rc = case_import_csv(rq->db, &rq->actor, f, &opt, res);
	fclose(f);
	if (rc == -2) {
		rs->status = 403;
		return;
	}
	if (rc != 0) {
		rs->status = 400;
		layout_begin(rq, rs, "Error: Import cases");
		struct form_error fe = {"file", "The file has problems; nothing was imported"};
		form_error_summary(rs, &fe, 1);
		html_printf(rs, "<h1 class=\"govuk-heading-l\">Import cases from a spreadsheet</h1>\n"
			"<p class=\"govuk-body\">%I row%r read. Fix these problems in the spreadsheet and upload it again:</p>\n"
			"<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Problems in the file</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Line</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Column</th><th scope=\"col\" class=\"govuk-table__header\">Problem</th></tr></thead>"
			"<tbody class=\"govuk-table__body\">\n", res->rows, res->rows == 1 ? "" : "s");
		for (size_t i = 0; i < res->n_problems; i++)
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
				"<td class=\"govuk-table__cell\">%h</td></tr>\n",
				res->problems[i].line > 0 ? arena_printf(rq->arena, "%ld", res->problems[i].line) : "Whole file",
				res->problems[i].column, res->problems[i].message);
		html_printf(rs, "</tbody></table>\n");
		if (res->more_problems) html_printf(rs, "<p class=\"govuk-body\">… and %I more.</p>\n", res->more_problems);
		form(rq, rs, fe.message);
		layout_end(rq, rs);
		return;
	}
	layout_begin(rq, rs, "Import cases");
	int64_t count = opt.dry_run ? res->rows : res->imported;
	const char *plural_html = count == 1 ? "" : "s";
	html_printf(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">%h</h1>"
		"<div class=\"govuk-panel__body\">%I case%r</div></div>\n", opt.dry_run ? "The file is ready to import" : "Cases imported",
		count, plural_html);
	if (res->ignored_columns[0])
		html_printf(rs, "<p class=\"govuk-body\">These columns were not imported: %h.</p>\n", res->ignored_columns);
	if (opt.dry_run) form(rq, rs, NULL);
	else html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases\">Go to the cases</a></p>\n");
	layout_end(rq, rs);
}
