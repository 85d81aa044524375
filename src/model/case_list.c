/* Case list: validated filters -> one WHERE clause used for the count and for the page. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/area.h"
#include "model/case_access.h"
#include "model/case_list.h"
#include "model/case_vocab.h"
#include "model/query.h"
#include "model/record_audit.h"
#include "model/search_terms.h"
#include "util/arena.h"

#define REFS_MAX 4
#define WORDS_MAX 8

struct filter {
	struct search_terms terms;
	char refs[REFS_MAX][32];          /* reference prefixes, upper case */
	int n_refs;
	char words[WORDS_MAX][32];        /* the other words, before folding */
	int n_words;
	const char *status;               /* NULL, a status, or "active" */
	int64_t type_id, area_id, worker_id, referring_agency_id;
	int area_is_ward, unassigned;
	const char *risk;                 /* NULL, a level or "none" */
	char from[11], to[11];
	const char *sort_sql;
	int sort_is_risk;
	int desc;
	int page, per_page;
};

/* Split Q on spaces: tokens with a digit and a '-' are case references; the rest are words. */
static void parse_search(const char *q, struct filter *f)
{
	search_terms_init(&f->terms);
	f->n_refs = 0;
	if (!q) return;
	const char *p = q;
	while (*p) {
		while (isspace((unsigned char)*p)) p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p)) p++;
		size_t len = (size_t)(p - start);
		if (!len) break;
		int digit = 0, dash = 0;
		for (size_t i = 0; i < len; i++) {
			digit |= isdigit((unsigned char)start[i]) != 0;
			dash |= start[i] == '-';
		}
		if (digit && dash && len < sizeof f->refs[0] && f->n_refs < REFS_MAX) {
			for (size_t i = 0; i < len; i++) f->refs[f->n_refs][i] = (char)toupper((unsigned char)start[i]);
			f->refs[f->n_refs][len] = 0;
			f->n_refs++;
		} else {
			/* words go through search_terms_add_query() below, which joins split postcodes */
			if (f->n_words < WORDS_MAX) {
				snprintf(f->words[f->n_words], sizeof f->words[0], "%.*s", (int)(len < 31 ? len : 31), start);
				f->n_words++;
			}
		}
	}
	char joined[WORDS_MAX * 33] = "";
	for (int i = 0; i < f->n_words; i++) {
		strcat(joined, f->words[i]);
		strcat(joined, " ");
	}
	search_terms_add_query(&f->terms, joined);
}

static int parse_int_range(struct field_errors *e, const char *field, const char *value, int dflt, int min, int max,
	const char *label)
{
	if (!value || !*value) return dflt;
	char *end;
	long v = strtol(value, &end, 10);
	if (*end || v < min || v > max) {
		field_errors_add(e, field, "%s must be a whole number from %d to %d", label, min, max);
		return dflt;
	}
	return (int)v;
}

static int parse_filter(struct db *db, const struct case_filter_input *in, struct filter *f, struct field_errors *e)
{
	memset(f, 0, sizeof *f);
	parse_search(in->q, f);
	if (in->status && *in->status) {
		if (!strcmp(in->status, "active")) f->status = "active";
		else {
			int s = validate_choice(e, "status", in->status, "the status", 0, vocab_case_status_codes);
			if (s >= 0) f->status = vocab_case_status_codes[s];
		}
	}
	f->type_id = validate_id(e, "type_id", in->type_id, "an exploitation type");
	f->area_id = validate_id(e, "area_id", in->area_id, "an area");
	if (f->area_id > 0) {
		int64_t ward = area_ward_of(db, f->area_id);
		if (!ward) field_errors_add(e, "area_id", "Select an area from the list");
		f->area_is_ward = ward == f->area_id;
	}
	if (in->worker_id && !strcmp(in->worker_id, "unassigned")) f->unassigned = 1;
	else f->worker_id = validate_id(e, "worker_id", in->worker_id, "a worker");
	if (in->risk && *in->risk) {
		if (!strcmp(in->risk, "none")) f->risk = "none";
		else {
			int r = validate_choice(e, "risk", in->risk, "the risk level", 0, vocab_risk_codes);
			if (r >= 0) f->risk = vocab_risk_codes[r];
		}
	}
	f->referring_agency_id = validate_id(e, "referring_agency_id", in->referring_agency_id, "a referring agency");
	validate_date(e, "opened_from", in->opened_from, "the first date", 0, NULL, f->from);
	validate_date(e, "opened_to", in->opened_to, "the last date", 0, NULL, f->to);
	if (f->from[0] && f->to[0] && strcmp(f->from, f->to) > 0)
		field_errors_add(e, "opened_to", "The last date must be the same as or after the first date");

	static const struct { const char *name, *sql; } sorts[] = {
		{"opened", "c.opened_on"}, {"reference", "c.reference"}, {"updated", "c.updated_at"},
		{"risk", "CASE c.risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END"},
		{"status", "CASE c.status WHEN 'open' THEN 1 WHEN 'closure_requested' THEN 2 ELSE 3 END"},
	};
	f->sort_sql = sorts[0].sql;
	if (in->sort && *in->sort) {
		size_t i = 0;
		for (; i < sizeof sorts / sizeof sorts[0]; i++)
			if (!strcmp(in->sort, sorts[i].name)) break;
		if (i == sizeof sorts / sizeof sorts[0]) field_errors_add(e, "sort", "Sort by one of the listed columns");
		else {
			f->sort_sql = sorts[i].sql;
			f->sort_is_risk = !strcmp(sorts[i].name, "risk");
		}
	}
	f->desc = 1;
	if (in->order && *in->order) {
		if (!strcmp(in->order, "asc")) f->desc = 0;
		else if (strcmp(in->order, "desc")) field_errors_add(e, "order", "Order must be asc or desc");
	}
	f->page = parse_int_range(e, "page", in->page, 1, 1, 1000000, "The page");
	f->per_page = parse_int_range(e, "per_page", in->per_page, 25, 10, 100, "The number of cases per page");
	return e->count ? MODEL_INVALID : MODEL_OK;
}

/* " WHERE ..." for case_file c. Filters on a section (risk, names and addresses) or on a
 * special-category type match only where WHO may read that part: a search must not reveal
 * what a share left out. */
static void add_where(struct db *db, struct query *q, const struct actor *who, const struct filter *f)
{
	char end[40];
	query_sql(q, " WHERE ");
	case_access_list_filter(db, who, q, "c");
	if (f->status && !strcmp(f->status, "active")) query_sql(q, " AND c.status <> 'closed'");
	else if (f->status) { query_sql(q, " AND c.status = "); query_text(q, f->status); }
	if (f->type_id > 0 && f->type_id < 63) {
		/* type_mask mirrors case_exploitation_type and is in the covering indexes */
		query_sql(q, " AND (c.type_mask & ");
		query_int(q, (int64_t)1 << f->type_id);
		query_sql(q, ") <> 0");
	} else if (f->type_id > 0) {
		query_sql(q, " AND c.id IN (SELECT case_id FROM case_exploitation_type WHERE type_id = ");
		query_int(q, f->type_id);
		query_sql(q, ")");
	}
	if (f->type_id > 0) {
		char *category = db_text(db, "SELECT special_category FROM exploitation_type WHERE id = ?", "i", f->type_id);
		if (category && *category) {
			query_sql(q, " AND ");
			case_access_list_part_filter(db, who, q, "c", 0, category);
		}
		free(category);
	}
	if (f->area_id > 0) {
		query_sql(q, f->area_is_ward ? " AND c.ward_id = " : " AND c.neighbourhood_id = ");
		query_int(q, f->area_id);
	}
	if (f->unassigned) query_sql(q, " AND c.assigned_user_id IS NULL");
	else if (f->worker_id > 0) { query_sql(q, " AND c.assigned_user_id = "); query_int(q, f->worker_id); }
	if (f->risk) {
		query_sql(q, " AND ");
		case_access_list_part_filter(db, who, q, "c", CASE_SECTION_RISK, NULL);
	}
	if (f->risk && !strcmp(f->risk, "none")) query_sql(q, " AND c.risk_level IS NULL");
	else if (f->risk) { query_sql(q, " AND c.risk_level = "); query_text(q, f->risk); }
	if (f->referring_agency_id > 0) { query_sql(q, " AND c.referring_agency_id = "); query_int(q, f->referring_agency_id); }
	if (f->from[0]) { query_sql(q, " AND c.opened_on >= "); query_text(q, f->from); }
	if (f->to[0]) { query_sql(q, " AND c.opened_on <= "); query_text(q, f->to); }
	for (int i = 0; i < f->n_refs; i++) {
		snprintf(end, sizeof end, "%s~", f->refs[i]);
		query_sql(q, " AND c.reference >= ");
		query_text(q, f->refs[i]);
		query_sql(q, " AND c.reference < ");
		query_text(q, end);
	}
	/* each word: a person on the case or a property of the case has a term starting with it.
	 * case_search holds both kinds of term, which is right for the owning agency (it sees every
	 * section); a reader of shared cases goes through people and properties separately, each
	 * only where that section was shared. */
	if (!case_access_reads_shared_cases(db, who)) {
		search_terms_query(q, "c.id", "case_search", "case_id", &f->terms);
		return;
	}
	for (size_t i = 0; i < f->terms.count; i++) {
		search_terms_prefix_end(f->terms.term[i], end, sizeof end);
		query_sql(q, " AND c.id IN (SELECT cp.case_id FROM case_person cp JOIN case_file cpc ON cpc.id = cp.case_id WHERE ");
		case_access_list_part_filter(db, who, q, "cpc", CASE_SECTION_PEOPLE, NULL);
		query_sql(q, " AND cp.person_id IN (SELECT person_id FROM person_search WHERE term >= ");
		query_text(q, f->terms.term[i]);
		query_sql(q, " AND term < ");
		query_text(q, end);
		query_sql(q, ") UNION SELECT cy.case_id FROM case_property cy JOIN case_file cyc ON cyc.id = cy.case_id WHERE ");
		case_access_list_part_filter(db, who, q, "cyc", CASE_SECTION_PROPERTY, NULL);
		query_sql(q, " AND cy.property_id IN (SELECT property_id FROM property_search WHERE term >= ");
		query_text(q, f->terms.term[i]);
		query_sql(q, " AND term < ");
		query_text(q, end);
		query_sql(q, "))");
	}
}

/* " ORDER BY ..." of the list; sorting by a risk level WHO may not see would reveal it. */
static void add_order(struct db *db, struct query *q, const struct actor *who, const struct filter *f)
{
	query_sql(q, " ORDER BY ");
	if (f->sort_is_risk) {
		query_sql(q, "CASE WHEN ");
		case_access_list_part_filter(db, who, q, "c", CASE_SECTION_RISK, NULL);
		query_sql(q, " THEN ");
		query_sql(q, f->sort_sql);
		query_sql(q, " ELSE 0 END");
	} else {
		query_sql(q, f->sort_sql);
	}
	query_sql(q, f->desc ? " DESC, c.id DESC" : " ASC, c.id ASC");
}

/* Fill each row's types ("Property takeover (cuckooing), Financial") with one query; a
 * special-category type only where WHO may see that category on the case. */
static void load_types(struct db *db, const struct actor *who, struct arena *a, struct case_list *out)
{
	if (!out->n) return;
	struct query q;
	query_init(&q);
	query_sql(&q, "SELECT ct.case_id, t.label, coalesce(t.special_category, '') FROM case_exploitation_type ct JOIN exploitation_type t ON t.id = ct.type_id"
		" WHERE ct.case_id IN (");
	for (size_t i = 0; i < out->n; i++) {
		if (i) query_sql(&q, ", ");
		query_int(&q, out->rows[i].id);
	}
	query_sql(&q, ") ORDER BY ct.case_id, t.sort_order");
	struct db_stmt *st = query_prepare(db, &q);
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		for (size_t i = 0; i < out->n; i++) {
			if (out->rows[i].id != id) continue;
			const char *category = db_column_text(st, 2);
			if (*category) {
				struct case_grant g;
				case_access_grant(db, who, id, &g);
				if (!case_grant_allows_special(db, who, &g, category)) continue;
			}
			const char *label = db_column_text(st, 1);
			out->rows[i].types = *out->rows[i].types ? arena_printf(a, "%s, %s", out->rows[i].types, label)
				: arena_strdup(a, label);
		}
	}
	db_finalize(st);
	query_free(&q);
}

int case_list_query(struct db *db, const struct actor *who, const struct case_filter_input *in,
	struct arena *a, struct case_list *out, struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct filter f;
	if (parse_filter(db, in, &f, errs) != MODEL_OK) return MODEL_INVALID;
	out->page = f.page;
	out->per_page = f.per_page;

	struct query q;
	query_init(&q);
	query_sql(&q, "SELECT count(*) FROM case_file c");
	add_where(db, &q, who, &f);
	struct db_stmt *st = query_prepare(db, &q);
	out->total = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	query_free(&q);
	out->pages = (int)((out->total + f.per_page - 1) / f.per_page);

	out->rows = arena_alloc(a, (size_t)f.per_page * sizeof *out->rows);
	if (out->total > (int64_t)(f.page - 1) * f.per_page) {
		query_init(&q);
		/* the risk level and the resident's name only where those sections may be read */
		query_sql(&q, "SELECT c.id, c.reference, c.status, CASE WHEN ");
		case_access_list_part_filter(db, who, &q, "c", CASE_SECTION_RISK, NULL);
		query_sql(&q, " THEN coalesce(c.risk_level, '') ELSE '' END, c.opened_on,"
			" coalesce(c.closed_on, ''), coalesce(u.name, ''), coalesce(n.name, w.name, ''), c.updated_at,"
			" CASE WHEN ");
		case_access_list_part_filter(db, who, &q, "c", CASE_SECTION_PEOPLE, NULL);
		query_sql(&q, " THEN coalesce((SELECT pe.given_name || ' ' || pe.family_name FROM case_person cp JOIN person pe ON pe.id = cp.person_id"
			"   WHERE cp.case_id = c.id AND cp.role = 'resident' ORDER BY cp.id LIMIT 1), '') ELSE '' END"
			" FROM case_file c LEFT JOIN user u ON u.id = c.assigned_user_id"
			" LEFT JOIN locality w ON w.id = c.ward_id LEFT JOIN locality n ON n.id = c.neighbourhood_id");
		/* choose the page's ids in a subquery the covering indexes answer without reading
		 * rows; only the rows shown are then read */
		query_sql(&q, " WHERE c.id IN (SELECT c.id FROM case_file c");
		add_where(db, &q, who, &f);
		add_order(db, &q, who, &f);
		query_sql(&q, " LIMIT ");
		query_int(&q, f.per_page);
		query_sql(&q, " OFFSET ");
		query_int(&q, (int64_t)(f.page - 1) * f.per_page);
		query_sql(&q, ")");
		add_order(db, &q, who, &f);
		st = query_prepare(db, &q);
		while (out->n < (size_t)f.per_page && db_step(st) == DB_ROW) {
			struct case_list_row *r = &out->rows[out->n++];
			r->id = db_column_int(st, 0);
			r->reference = arena_strdup(a, db_column_text(st, 1));
			r->status = arena_strdup(a, db_column_text(st, 2));
			r->risk_level = arena_strdup(a, db_column_text(st, 3));
			r->opened_on = arena_strdup(a, db_column_text(st, 4));
			r->closed_on = arena_strdup(a, db_column_text(st, 5));
			r->worker_name = arena_strdup(a, db_column_text(st, 6));
			r->area_name = arena_strdup(a, db_column_text(st, 7));
			r->updated_at = db_column_int(st, 8);
			r->resident_name = arena_strdup(a, db_column_text(st, 9));
			r->types = "";
		}
		db_finalize(st);
		query_free(&q);
		load_types(db, who, a, out);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "results=%" PRId64 " page=%d%s", out->total, f.page,
		f.terms.count || f.n_refs ? " search" : "");
	db_begin(db);
	record_audit(db, who, "case.list", "case", 0, detail);
	db_commit(db);
	return MODEL_OK;
}
