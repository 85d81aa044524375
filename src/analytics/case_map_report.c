/* Cases by ward with disclosure control, and what is made from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/case_map_report.h"
#include "report/csv_writer.h"
#include "util/xalloc.h"

int case_map_params_parse(const struct analysis_args *a, struct case_map_params *out, struct field_errors *e)
{
	int before = e->count;
	memset(out, 0, sizeof *out);
	static const char *const KINDS[] = {"cuckooing", "all", NULL};
	static const char *const STATUSES[] = {"open", "all", "closed", NULL};
	int kind = analysis_args_choice(a, "kind", "the kind of case", KINDS, 0, e);
	out->cuckooing_only = kind != 1;
	int status = analysis_args_choice(a, "status", "which cases", STATUSES, 0, e);
	out->status = status == 1 ? CASES_ALL : status == 2 ? CASES_CLOSED : CASES_OPEN;
	validate_date(e, "opened_from", analysis_args_get(a, "opened_from"), "the first date", 0, NULL, out->opened_from);
	validate_date(e, "opened_to", analysis_args_get(a, "opened_to"), "the last date", 0, NULL, out->opened_to);
	if (*out->opened_from && *out->opened_to && strcmp(out->opened_from, out->opened_to) > 0)
		field_errors_add(e, "opened_to", "The last date must be the same as or after the first date");
	return e->count > before ? -1 : 0;
}

void case_map_params_describe(const struct case_map_params *p, char *out, size_t size)
{
	const char *status = p->status == CASES_OPEN ? "Open" : p->status == CASES_CLOSED ? "Closed" : "All";
	const char *kind = p->cuckooing_only ? "cuckooing (property takeover) cases" : "exploitation cases";
	size_t len = (size_t)snprintf(out, size, "%s %s", status, kind);
	if (len < size && *p->opened_from) len += (size_t)snprintf(out + len, size - len, " opened from %s", p->opened_from);
	if (len < size && *p->opened_to) snprintf(out + len, size - len, " opened up to %s", p->opened_to);
}

static void label_of(const struct disclosure_rules *rules, struct case_map_ward *w)
{
	if (w->status == DISCLOSURE_SHOWN) {
		snprintf(w->label, sizeof w->label, "%ld", w->count);
	} else {
		char *l = disclosure_label(rules, w->status);
		snprintf(w->label, sizeof w->label, "%s", l);
		free(l);
	}
}

int case_map_report_build(struct db *db, const struct case_map_params *p, struct case_map_report *out)
{
	memset(out, 0, sizeof *out);
	out->params = *p;
	if (area_shapes_load(db, "ward", &out->wards) == 0) return -1;
	struct case_count_filter f = {
		p->cuckooing_only ? "property_takeover" : NULL, p->status,
		*p->opened_from ? p->opened_from : NULL, *p->opened_to ? p->opened_to : NULL,
	};
	struct case_ward_counts c;
	if (case_counts_by_ward(db, &f, &c) != 0) {
		/* the type was retired or renamed: count every exploitation case rather than none */
		f.type_code = NULL;
		case_counts_by_ward(db, &f, &c);
	}
	out->n = out->wards.n + 1;
	out->rows = xcalloc(out->n, sizeof *out->rows);
	long placed = 0;
	for (size_t i = 0; i < out->wards.n; i++) {
		struct case_map_ward *w = &out->rows[i];
		snprintf(w->code, sizeof w->code, "%s", out->wards.areas[i].code);
		snprintf(w->name, sizeof w->name, "%s", out->wards.areas[i].name);
		w->count = case_ward_counts_get(&c, w->code);
		placed += w->count;
	}
	struct case_map_ward *rest = &out->rows[out->n - 1];
	snprintf(rest->name, sizeof rest->name, "Ward not known or not on the map");
	rest->count = c.total - placed;
	out->total.count = c.total;
	snprintf(out->total.name, sizeof out->total.name, "Total");
	case_ward_counts_free(&c);

	/* one column of counts with its total: suppress small ones and what would give them away */
	struct disclosure_rules rules;
	disclosure_rules_default(&rules);
	struct disclosure_table *d = disclosure_table_new(out->n, 1);
	for (size_t i = 0; i < out->n; i++) disclosure_table_set(d, i, 0, out->rows[i].count);
	out->unprotected = disclosure_protect(d, &rules);
	for (size_t i = 0; i < out->n; i++) {
		out->rows[i].status = disclosure_status(d, i, 0);
		label_of(&rules, &out->rows[i]);
	}
	out->total.status = disclosure_has_totals_row(d) ? disclosure_status(d, out->n, 0) : DISCLOSURE_SHOWN;
	label_of(&rules, &out->total);
	disclosure_table_free(d);
	char *note = disclosure_note(&rules);
	snprintf(out->note, sizeof out->note, "%s", note);
	free(note);
	return 0;
}

void case_map_report_free(struct case_map_report *r)
{
	area_shapes_free(&r->wards);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

/* Add the wards' outlines (National Grid) to M, in the order of SHAPES; returns the first index. */
static void add_rings(struct map *m, size_t area, const struct area_shape *s)
{
	const struct geometry *g = &s->bng;
	for (size_t r = 0; r < g->nrings; r++)
		map_area_add_ring(m, area, g->xy + 2 * g->rings[r].start, g->rings[r].count);
}

struct map *case_map_report_map(const struct case_map_report *r)
{
	char what[300], title[400];
	case_map_params_describe(&r->params, what, sizeof what);
	snprintf(title, sizeof title, "%s by ward", what);
	struct map *m = map_new(MAP_METRES, title);
	map_set_size(m, 900, 0);
	map_set_draw_title(m, 0);
	map_set_value_title(m, "Cases");
	map_set_area_labels(m, 1);
	for (size_t i = 0; i < r->wards.n; i++) {
		size_t a = map_add_area(m, r->wards.areas[i].name);
		add_rings(m, a, &r->wards.areas[i]);
		if (r->rows[i].status == DISCLOSURE_SHOWN) map_area_set_value(m, a, (double)r->rows[i].count);
		else map_area_set_suppressed(m, a);
	}
	/* fixed classes: counts of 1-4 are never shown, so quantiles would make "0 to 4" of the zeros */
	static const double breaks[] = {1, 5, 10, 20};
	map_set_classes_breaks(m, breaks, 4);
	map_set_suppressed_label(m, "fewer than 5, or suppressed");
	return m;
}

void case_map_report_overlay(const struct case_map_report *r, struct map *m, const struct area_shapes *shapes)
{
	for (size_t i = 0; i < shapes->n; i++)
		for (size_t k = 0; k + 1 < r->n; k++)
			if (strcmp(r->rows[k].code, shapes->areas[i].code) == 0)
				map_area_set_note(m, i, r->rows[k].status == DISCLOSURE_SMALL ? "<5"
					: r->rows[k].status == DISCLOSURE_SECONDARY ? "*" : r->rows[k].label);
	char what[300], legend[400];
	case_map_params_describe(&r->params, what, sizeof what);
	snprintf(legend, sizeof legend, "%s in the ward (<5: fewer than 5; *: suppressed)", what);
	map_set_notes_legend(m, legend);
}

struct report_table *case_map_report_table(const struct case_map_report *r)
{
	char what[300], title[400];
	case_map_params_describe(&r->params, what, sizeof what);
	snprintf(title, sizeof title, "%s by ward", what);
	struct report_table *t = report_table_new(title);
	report_table_add_text_column(t, "Ward");
	report_table_add_text_column(t, "Code");
	report_table_add_number_column(t, "Cases", NULL);
	for (size_t i = 0; i <= r->n; i++) {
		const struct case_map_ward *w = i < r->n ? &r->rows[i] : &r->total;
		size_t row = report_table_add_row(t);
		report_table_set_text(t, row, 0, w->name);
		report_table_set_text(t, row, 1, w->code);
		if (w->status == DISCLOSURE_SHOWN) report_table_set_number(t, row, 2, (double)w->count);
		else report_table_set_suppressed(t, row, 2, w->label);
		if (i == r->n) report_table_mark_total(t, row);
	}
	report_table_set_note(t, r->note);
	return t;
}

void case_map_report_csv(const struct case_map_report *r, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out);
	const char *head[] = {"ward_code", "ward", "cases", "suppressed"};
	for (size_t i = 0; i < 4; i++) csv_writer_text(&w, head[i]);
	csv_writer_end_record(&w);
	for (size_t i = 0; i <= r->n; i++) {
		const struct case_map_ward *c = i < r->n ? &r->rows[i] : &r->total;
		csv_writer_text(&w, c->code);
		csv_writer_text(&w, c->name);
		if (c->status == DISCLOSURE_SHOWN) csv_writer_number(&w, (double)c->count, 0);
		else csv_writer_text(&w, c->label);
		csv_writer_text(&w, c->status == DISCLOSURE_SHOWN ? "no" : "yes");
		csv_writer_end_record(&w);
	}
}

static json_t *ward_json(const struct case_map_ward *w)
{
	json_t *o = json_object();
	json_object_set_new(o, "ward_code", json_string(w->code));
	json_object_set_new(o, "ward", json_string(w->name));
	json_object_set_new(o, "cases", w->status == DISCLOSURE_SHOWN ? json_integer(w->count) : json_null());
	json_object_set_new(o, "shown_as", json_string(w->label));
	return o;
}

static json_t *params_json(const struct case_map_params *p)
{
	char what[300];
	case_map_params_describe(p, what, sizeof what);
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "description", what, "kind", p->cuckooing_only ? "cuckooing" : "all",
		"status", p->status == CASES_OPEN ? "open" : p->status == CASES_CLOSED ? "closed" : "all",
		"opened_from", p->opened_from, "opened_to", p->opened_to);
}

void case_map_report_json(const struct case_map_report *r, struct buf *out)
{
	json_t *root = json_object();
	json_object_set_new(root, "analysis", json_string("cases by ward"));
	json_object_set_new(root, "selection", params_json(&r->params));
	json_t *rows = json_array();
	for (size_t i = 0; i < r->n; i++) json_array_append_new(rows, ward_json(&r->rows[i]));
	json_object_set_new(root, "wards", rows);
	json_object_set_new(root, "total", ward_json(&r->total));
	json_object_set_new(root, "note", json_string(r->note));
	analysis_json_write(root, out, 0);
}

void case_map_report_geojson(const struct case_map_report *r, struct buf *out)
{
	json_t *fc = analysis_geojson_collection();
	for (size_t i = 0; i < r->wards.n; i++)
		analysis_geojson_add(fc, analysis_geojson_multipolygon(&r->wards.areas[i].lonlat), ward_json(&r->rows[i]));
	analysis_json_write(fc, out, 1);
}
