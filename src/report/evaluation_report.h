/* The evaluation laid out for printing, shared by the four renderers: sections of text,
 * tables and charts built once from a struct evaluation for one version (internal, or for
 * the board and the public with small numbers hidden). Deciding what is hidden happens only
 * here, so no format can show a figure another hides. */
#ifndef NESTGUARD_EVALUATION_REPORT_H
#define NESTGUARD_EVALUATION_REPORT_H
#include <stddef.h>
#include "report/chart.h"
#include "report/disclosure.h"
#include "report/evaluation.h"
#include "report/map.h"
#include "report/report_table.h"
#include "report/xlsx_workbook.h"

struct evaluation_section {
	const char *id;              /* "referrals-by-month": HTML anchors and CSV section names */
	const char *heading;
	const char *sheet;           /* XLSX worksheet name (at most 31 characters) */
	char **paragraphs;           /* before the table */
	size_t paragraph_count;
	struct report_table *table;  /* NULL for a text-only section; may have no rows */
	const char *empty_text;      /* shown instead of a table without rows */
	struct chart *chart;         /* drawn after the table; NULL for none */
	int has_xlsx_chart;          /* a native chart beside the table in the workbook, of */
	enum xlsx_chart_type xlsx_type;   /* column 1 against column 0 */
	const char *xlsx_category_axis, *xlsx_value_axis;
	int ward_map;                /* the report's ward map goes after this section's table */
	char **notes;                /* small print after the table (definitions, suppression) */
	size_t note_count;
	int case_studies;            /* the section lists the report's case studies */
};

struct evaluation_report {
	const struct evaluation *ev;
	int public_version;
	struct disclosure_rules rules;
	char *title;
	char *period;                /* "1 April 2019 to 31 March 2020" */
	char *period_end_text;       /* "31 March 2020" */
	char *version_note;          /* which version this is, and what is hidden */
	char *footer;
	char *statement;             /* the cost-benefit sentence, "68 households × ... = £289,114" (or why withheld) */
	struct evaluation_section *sections;
	size_t section_count;
	struct map *ward_map;        /* NULL when no boundaries match the wards */
};

struct evaluation_report *evaluation_report_build(const struct evaluation *ev, const struct evaluation_output *o);
void evaluation_report_free(struct evaluation_report *r);

/* "2019-04-01" -> "1 April 2019" into OUT. */
void evaluation_long_date(const char *date, char *out, size_t size);

#endif
