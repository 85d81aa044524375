/* Pieces shared by the crime analytics pages: the section's own navigation, the form fields
 * that choose what to analyse (area, crime type, months), tables from report_table with
 * captions and scoped headers, figures holding a server-drawn chart or map, download links,
 * and sending a download. The analyses themselves live in src/analytics. */
#ifndef NESTGUARD_ANALYTICS_UI_H
#define NESTGUARD_ANALYTICS_UI_H
#include "analytics/analysis_output.h"
#include "analytics/crime_selection.h"
#include "model/validation.h"
#include "report/report_table.h"
#include "web/request.h"

/* Layout with the analytics navigation; CURRENT is this page's route pattern. */
void analytics_begin(struct request *rq, struct response *rs, const char *title, const char *current);
void analytics_end(struct request *rq, struct response *rs);

/* The query string as analysis arguments (strings stay in the request). */
void analytics_args_from_query(struct request *rq, struct analysis_args *a);

/* GOV.UK error summary for E (links to the fields' ids). */
void analytics_error_summary(struct response *rs, const struct field_errors *e);
/* An inline error paragraph for FIELD when E has one; returns the message or NULL. */
const char *analytics_field_error(struct response *rs, const struct field_errors *e, const char *field);

/* The area select (the borough, its wards and, with LSOAS, its LSOAs), the crime type select
 * and the first and last month selects, filled from S (or the arguments A when they did not
 * parse) and showing E's messages. */
void analytics_selection_fields(struct request *rq, struct response *rs, const struct crime_selection *s,
	const struct analysis_args *a, const struct field_errors *e, int lsoas);
/* The area select alone, AREA selected (NULL: the borough). */
void analytics_area_field(struct request *rq, struct response *rs, const char *area, const struct field_errors *e, int lsoas);
/* The fields choosing incidents (area, incident type, first and last date). */
void analytics_incident_fields(struct request *rq, struct response *rs, const struct analysis_args *a,
	const struct field_errors *e);
/* A select of CHOICES (value/label pairs, N of them) with label and hint. */
void analytics_select(struct response *rs, const char *name, const char *label, const char *hint,
	const char *const (*choices)[2], size_t n, const char *selected, const struct field_errors *e);
/* A text input for a number or short value. */
void analytics_input(struct response *rs, const char *name, const char *label, const char *hint,
	const char *value, const char *width_class, const struct field_errors *e);

/* A table with its title as caption, column headers scoped to columns and the first column's
 * cells as row headers; numbers right-aligned. */
void analytics_table(struct response *rs, const struct report_table *t);

/* A figure holding SVG_HTML (markup from src/report, which escapes everything it draws)
 * with a visible caption. */
void analytics_figure(struct response *rs, const char *svg_html, const char *caption);

/* "Download" links to EXPORT_PATH with the current query and format=... for each of the
 * FORMATS (a NULL-terminated list such as {"csv", "json", NULL}). */
void analytics_downloads(struct request *rq, struct response *rs, const char *export_path, const char *const *formats);

/* Send BODY as a file download named SLUG.EXT of FORMAT. */
void analytics_send(struct request *rq, struct response *rs, enum analysis_format format, const char *slug,
	const struct buf *body);
/* The export's format argument, or -1 after sending a 400 error page. ALLOWED lists the
 * format names this export offers (NULL-terminated). */
int analytics_export_format(struct request *rq, struct response *rs, const char *const *allowed);
/* Answer an export whose arguments did not parse: 400 with the messages. */
void analytics_export_invalid(struct request *rq, struct response *rs, const struct field_errors *e);

/* A notice when the database has no crimes or no boundaries yet, with a link to the import
 * page for those who may import. Returns 1 when there is nothing to analyse. */
int analytics_data_notice(struct request *rq, struct response *rs, int need_boundaries);

/* Uploads for the importers (analytics_upload.c): save BYTES as NAME (made safe) in a new
 * private directory, giving its TOKEN and PATH; find a saved file again by TOKEN for the same
 * user; remove a saved file and its directory. 0 or -1. */
int analytics_upload_save(struct request *rq, const char *name, const char *bytes, size_t len, char token[33],
	char *path, size_t size);
int analytics_upload_find(struct request *rq, const char *token, char *path, size_t size);
void analytics_upload_remove(const char *path);

struct import_summary;
/* The import summaries as a table (file, kind, rows read, added, already present, without
 * location, rejected) followed by the problems of each rejected file (line, column, reason). */
void analytics_import_summaries(struct response *rs, const struct import_summary *s, size_t n);

#endif
