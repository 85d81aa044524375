/* CSV import of past cases. One pass: each row is validated against lists cached in memory
 * (agencies, areas, exploitation types, intervention kinds) and, while no problem has been
 * found, inserted inside one transaction; any problem rolls the whole file back. */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/agency.h"
#include "model/case.h"
#include "model/case_import.h"
#include "model/case_vocab.h"
#include "model/property.h"
#include "model/record_audit.h"
#include "model/referral.h"
#include "model/validation.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* ---- text folding and lookups ------------------------------------------------------------ */

/* Lower-case letters and digits; "&" becomes "and"; anything else separates words by one space. */
static void fold(const char *in, char *out, size_t size)
{
	size_t n = 0;
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && n + 5 < size; p++) {
		if (isalnum(*p)) {
			if (space && n) out[n++] = ' ';
			space = 0;
			out[n++] = (char)tolower(*p);
		} else if (*p == '&') {
			if (n) out[n++] = ' ';
			memcpy(out + n, "and", 3);
			n += 3;
			space = 1;
		} else if (*p == '\'') {
			continue;            /* O'Brien, Children's */
		} else {
			space = 1;
		}
	}
	out[n] = 0;
}

struct lookup_item { char key[128]; int64_t id; const char *code; };
struct lookup { size_t n, cap; struct lookup_item *items; };

static void lookup_add(struct lookup *l, const char *text, int64_t id, const char *code)
{
	char key[128];
	fold(text, key, sizeof key);
	if (!key[0]) return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	struct lookup_item *it = &l->items[l->n++];
	memcpy(it->key, key, sizeof key);
	it->id = id;
	it->code = code;
}

/* Add the code, the label, and each part of the label split at "(", ")" and "/" (so
 * "Property takeover (cuckooing)" is also found as "cuckooing"). */
static void lookup_add_label(struct lookup *l, const char *code, const char *label, int64_t id, const char *stored_code)
{
	lookup_add(l, code, id, stored_code);
	lookup_add(l, label, id, stored_code);
	char part[128];
	size_t n = 0;
	for (const char *p = label;; p++) {
		if (!*p || *p == '(' || *p == ')' || *p == '/') {
			part[n] = 0;
			lookup_add(l, part, id, stored_code);
			n = 0;
			if (!*p) break;
		} else if (n < sizeof part - 1) {
			part[n++] = *p;
		}
	}
}

static const struct lookup_item *lookup_find(const struct lookup *l, const char *text)
{
	char key[128];
	fold(text, key, sizeof key);
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i].key, key)) return &l->items[i];
	return NULL;
}

static void lookup_free(struct lookup *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- columns ------------------------------------------------------------------------------ */

enum col {
	COL_REFERENCE, COL_REFERRAL_DATE, COL_REFERRING_AGENCY, COL_TYPES, COL_AREA, COL_TENURE, COL_STATUS,
	COL_CLOSED_DATE, COL_RESOLVED, COL_STAYED, COL_MOVED, COL_OUTCOMES, COL_RISK, COL_WORKER, COL_ADDRESS,
	COL_POSTCODE, COL_SUMMARY, COL_COUNT
};

static const struct {
	const char *name;          /* documented name */
	int required;
	const char *aliases;       /* other accepted header names, '|' separated, folded */
} columns[COL_COUNT] = {
	[COL_REFERENCE] = {"reference", 1, "ref|case reference|case ref|case number|case id"},
	[COL_REFERRAL_DATE] = {"referral_date", 1, "referral date|date referred|referred on|date of referral|date received"},
	[COL_REFERRING_AGENCY] = {"referring_agency", 1, "referring agency|referred by|referrer agency|referral source|source"},
	[COL_TYPES] = {"exploitation_types", 0, "exploitation types|exploitation type|types|type|type of exploitation"},
	[COL_AREA] = {"area", 0, "ward|neighbourhood|estate|locality"},
	[COL_TENURE] = {"tenure", 0, "tenure type|housing tenure"},
	[COL_STATUS] = {"status", 1, "case status"},
	[COL_CLOSED_DATE] = {"closed_date", 0, "closed date|date closed|closure date|closed on"},
	[COL_RESOLVED] = {"positively_resolved", 0, "positively resolved|resolved|positive outcome"},
	[COL_STAYED] = {"stayed_in_tenancy", 0, "stayed in tenancy|tenancy sustained|remained in tenancy|tenancy maintained"},
	[COL_MOVED] = {"moved", 0, "victim moved|household moved|move"},
	[COL_OUTCOMES] = {"outcomes", 0, "outcome|interventions|interventions and outcomes|actions"},
	[COL_RISK] = {"risk", 0, "risk level|risk rating|current risk"},
	[COL_WORKER] = {"worker", 0, "worker email|assigned to|caseworker|officer"},
	[COL_ADDRESS] = {"address", 0, "address line 1|address line1|street address"},
	[COL_POSTCODE] = {"postcode", 0, "post code"},
	[COL_SUMMARY] = {"summary", 0, "notes|description|details"},
};

static int column_for_header(const char *header)
{
	char key[128], name[64];
	fold(header, key, sizeof key);
	for (int c = 0; c < COL_COUNT; c++) {
		fold(columns[c].name, name, sizeof name);
		if (!strcmp(key, name)) return c;
		const char *a = columns[c].aliases;
		while (*a) {
			const char *bar = strchr(a, '|');
			size_t len = bar ? (size_t)(bar - a) : strlen(a);
			if (strlen(key) == len && !strncmp(key, a, len)) return c;
			a += len + (bar ? 1 : 0);
		}
	}
	return -1;
}

/* ---- state ------------------------------------------------------------------------------- */

struct importer {
	struct db *db;
	const struct actor *who;
	const struct case_import_options *opt;
	struct case_import_result *res;
	int64_t owner;
	int pos[COL_COUNT];           /* field index of each column, -1 when absent */
	const char *header[COL_COUNT];
	struct lookup agencies, areas, types, kinds, tenures, moves, statuses, risks, workers;
	char today[11];
	int64_t now;
	long line;
	int row_ok;
	int64_t type_property_takeover;
};

static void problem(struct importer *im, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct importer *im, int col, const char *fmt, ...)
{
	struct case_import_result *r = im->res;
	im->row_ok = 0;
	if (r->n_problems >= CASE_IMPORT_MAX_PROBLEMS) {
		r->more_problems++;
		return;
	}
	struct case_import_problem *p = &r->problems[r->n_problems++];
	p->line = im->line;
	snprintf(p->column, sizeof p->column, "%s", col >= 0 ? (im->header[col] ? im->header[col] : columns[col].name) : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof p->message, fmt, ap);
	va_end(ap);
}

static void load_lookups(struct importer *im)
{
	struct db_stmt *st = db_prepare(im->db, "SELECT id, name FROM agency");
	while (db_step(st) == DB_ROW) lookup_add(&im->agencies, db_column_text(st, 1), db_column_int(st, 0), NULL);
	db_finalize(st);
	/* areas: "Ward", "Neighbourhood", "Ward / Neighbourhood", and ONS codes */
	st = db_prepare(im->db, "SELECT a.id, a.name, coalesce(a.ons_code, ''), coalesce(w.name, '') FROM locality a"
		" LEFT JOIN locality w ON w.id = a.ward_id ORDER BY a.kind = 'neighbourhood'");
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		lookup_add(&im->areas, db_column_text(st, 1), id, NULL);
		lookup_add(&im->areas, db_column_text(st, 2), id, NULL);
		if (*db_column_text(st, 3)) {
			char both[256];
			snprintf(both, sizeof both, "%s / %s", db_column_text(st, 3), db_column_text(st, 1));
			lookup_add(&im->areas, both, id, NULL);
		}
	}
	db_finalize(st);
	st = db_prepare(im->db, "SELECT id, code, label FROM exploitation_type");
	while (db_step(st) == DB_ROW)
		lookup_add_label(&im->types, db_column_text(st, 1), db_column_text(st, 2), db_column_int(st, 0), NULL);
	db_finalize(st);
	lookup_add(&im->types, "county lines", db_int(im->db, 0, "SELECT id FROM exploitation_type WHERE code = 'criminal'", ""), NULL);
	st = db_prepare(im->db, "SELECT id, code, label FROM intervention_kind");
	while (db_step(st) == DB_ROW)
		lookup_add_label(&im->kinds, db_column_text(st, 1), db_column_text(st, 2), db_column_int(st, 0), NULL);
	db_finalize(st);
	im->type_property_takeover = db_int(im->db, 0, "SELECT id FROM exploitation_type WHERE code = 'property_takeover'", "");

	for (const struct vocab *v = vocab_tenure; v->code; v++) lookup_add_label(&im->tenures, v->code, v->label, 1, v->code);
	static const char *const tenure_aliases[][2] = {
		{"council", "social"}, {"housing association", "social"}, {"social housing", "social"}, {"ha", "social"},
		{"registered provider", "social"}, {"private", "private_rented"}, {"prs", "private_rented"},
		{"private landlord", "private_rented"}, {"owner", "owner_occupied"}, {"owner occupier", "owner_occupied"},
		{"homeowner", "owner_occupied"}, {"supported housing", "supported"}, {"not recorded", "unknown"},
	};
	for (size_t i = 0; i < sizeof tenure_aliases / sizeof tenure_aliases[0]; i++)
		lookup_add(&im->tenures, tenure_aliases[i][0], 1, tenure_aliases[i][1]);

	for (const struct vocab *v = vocab_moved; v->code; v++) lookup_add_label(&im->moves, v->code, v->label, 1, v->code);
	static const char *const move_aliases[][2] = {
		{"none", "no"}, {"not moved", "no"}, {"within borough", "within_borough"}, {"in borough", "within_borough"},
		{"moved within borough", "within_borough"}, {"out of borough", "out_of_borough"},
		{"moved out of borough", "out_of_borough"}, {"out of area", "out_of_borough"},
	};
	for (size_t i = 0; i < sizeof move_aliases / sizeof move_aliases[0]; i++)
		lookup_add(&im->moves, move_aliases[i][0], 1, move_aliases[i][1]);

	for (const struct vocab *v = vocab_case_status; v->code; v++) lookup_add_label(&im->statuses, v->code, v->label, 1, v->code);
	lookup_add(&im->statuses, "active", 1, "open");
	lookup_add(&im->statuses, "ongoing", 1, "open");
	lookup_add(&im->statuses, "live", 1, "open");
	for (const struct vocab *v = vocab_risk; v->code; v++) lookup_add_label(&im->risks, v->code, v->label, 1, v->code);

	st = db_preparef(im->db, "SELECT id, email FROM user WHERE agency_id = ? AND (roles & 6) <> 0", "i", im->owner);
	while (db_step(st) == DB_ROW) {
		/* emails are matched exactly (lower case), not folded */
		struct lookup *l = &im->workers;
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->items = xrealloc(l->items, l->cap * sizeof *l->items);
		}
		struct lookup_item *it = &l->items[l->n++];
		snprintf(it->key, sizeof it->key, "%s", db_column_text(st, 1));
		for (char *p = it->key; *p; p++) *p = (char)tolower((unsigned char)*p);
		it->id = db_column_int(st, 0);
		it->code = NULL;
	}
	db_finalize(st);
}

/* ---- one row ----------------------------------------------------------------------------- */

#define LIST_MAX 16

struct row {
	const char *reference;
	char referral_date[11], closed_date[11];
	int64_t referring_agency, area, ward, neighbourhood, worker;
	int64_t types[LIST_MAX];
	size_t n_types;
	int64_t outcomes[LIST_MAX];
	size_t n_outcomes;
	const char *tenure, *status, *moved, *risk;
	int resolved, stayed;        /* 1, 0, -1 unknown */
	const char *address, *postcode_raw, *summary;
	struct property property;
	int has_property;
};

static const char *field(struct importer *im, struct csv *c, int col)
{
	if (im->pos[col] < 0) return "";
	const char *s = csv_field(c, (size_t)im->pos[col]);
	while (isspace((unsigned char)*s)) s++;
	return s;
}

/* Split a list cell at ';', '|' or ',' and look each item up in L. */
static size_t parse_list(struct importer *im, int col, const char *cell, const struct lookup *l, int64_t *out,
	const char *what)
{
	size_t n = 0;
	char item[256];
	const char *p = cell;
	while (*p) {
		size_t len = strcspn(p, ";|,");
		snprintf(item, sizeof item, "%.*s", (int)(len < 255 ? len : 255), p);
		p += len + (p[len] ? 1 : 0);
		char key[128];
		fold(item, key, sizeof key);
		if (!key[0]) continue;
		const struct lookup_item *it = lookup_find(l, item);
		if (!it) {
			problem(im, col, "\"%s\" is not a known %s", item, what);
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < n; i++) dup |= out[i] == it->id;
		if (!dup && n < LIST_MAX) out[n++] = it->id;
	}
	return n;
}

static void check_row(struct importer *im, struct csv *c, struct arena *a, struct row *r)
{
	memset(r, 0, sizeof *r);
	struct field_errors e;

	r->reference = field(im, c, COL_REFERENCE);
	size_t rl = strlen(r->reference);
	while (rl && isspace((unsigned char)r->reference[rl - 1])) rl--;
	r->reference = arena_strndup(a, r->reference, rl);
	if (!rl) problem(im, COL_REFERENCE, "Enter the case reference");
	else if (rl > 40) problem(im, COL_REFERENCE, "The reference must be 40 characters or fewer");

	field_errors_init(&e);
	if (validate_date(&e, "", field(im, c, COL_REFERRAL_DATE), "the referral date", 1, im->today, r->referral_date) < 0)
		problem(im, COL_REFERRAL_DATE, "%s", field_errors_first(&e));

	const char *agency = field(im, c, COL_REFERRING_AGENCY);
	const struct lookup_item *ag = lookup_find(&im->agencies, agency);
	if (!*agency) problem(im, COL_REFERRING_AGENCY, "Enter the referring agency");
	else if (ag) r->referring_agency = ag->id;
	else if (im->opt->create_agencies) r->referring_agency = -1;    /* created when inserting */
	else problem(im, COL_REFERRING_AGENCY, "\"%s\" is not an agency in nestguard; add it first, or import with"
		" --create-agencies", agency);

	r->n_types = parse_list(im, COL_TYPES, field(im, c, COL_TYPES), &im->types, r->types, "exploitation type");
	if (!r->n_types && im->type_property_takeover && !*field(im, c, COL_TYPES))
		r->types[r->n_types++] = im->type_property_takeover;   /* the service's default case type */

	const char *area = field(im, c, COL_AREA);
	if (*area) {
		const struct lookup_item *it = lookup_find(&im->areas, area);
		if (!it) problem(im, COL_AREA, "\"%s\" is not a known ward or neighbourhood", area);
		else r->area = it->id;
	}

	const char *tenure = field(im, c, COL_TENURE);
	const struct lookup_item *tn = *tenure ? lookup_find(&im->tenures, tenure) : NULL;
	if (*tenure && !tn) problem(im, COL_TENURE, "\"%s\" is not a tenure: use council or housing association, private"
		" rented, owner occupied, supported, other or not known", tenure);
	r->tenure = tn ? tn->code : "unknown";

	const char *status = field(im, c, COL_STATUS);
	const struct lookup_item *stt = lookup_find(&im->statuses, status);
	if (!*status) problem(im, COL_STATUS, "Enter the status: open or closed");
	else if (!stt) problem(im, COL_STATUS, "\"%s\" is not a status: use open or closed", status);
	r->status = stt ? stt->code : "open";
	int closed = !strcmp(r->status, "closed");

	field_errors_init(&e);
	int has_closed = validate_date(&e, "", field(im, c, COL_CLOSED_DATE), "the closed date", 0, im->today, r->closed_date);
	if (has_closed < 0) problem(im, COL_CLOSED_DATE, "%s", field_errors_first(&e));
	else if (closed && !has_closed) problem(im, COL_CLOSED_DATE, "Enter the date a closed case was closed");
	else if (!closed && has_closed) problem(im, COL_CLOSED_DATE, "An open case has no closed date");
	else if (has_closed && r->referral_date[0] && strcmp(r->closed_date, r->referral_date) < 0)
		problem(im, COL_CLOSED_DATE, "The closed date is before the referral date");

	static const int yes_no_cols[] = {COL_RESOLVED, COL_STAYED};
	int *yes_no_out[] = {&r->resolved, &r->stayed};
	for (int i = 0; i < 2; i++) {
		field_errors_init(&e);
		int v = validate_yes_no(&e, "", field(im, c, yes_no_cols[i]), "", 0);
		if (v == -2) problem(im, yes_no_cols[i], "Enter yes, no, or leave it empty");
		else if (v >= 0 && !closed) problem(im, yes_no_cols[i], "Only a closed case records this; leave it empty");
		*yes_no_out[i] = v >= 0 ? v : -1;
	}
	const char *moved = field(im, c, COL_MOVED);
	if (*moved) {
		const struct lookup_item *mv = lookup_find(&im->moves, moved);
		if (!mv) problem(im, COL_MOVED, "\"%s\" is not one of: no, within borough, out of borough", moved);
		else if (!closed) problem(im, COL_MOVED, "Only a closed case records this; leave it empty");
		else r->moved = mv->code;
		if (mv && r->stayed == 1 && strcmp(mv->code, "no"))
			problem(im, COL_MOVED, "The household stayed in its tenancy, so it did not move");
	}

	r->n_outcomes = parse_list(im, COL_OUTCOMES, field(im, c, COL_OUTCOMES), &im->kinds, r->outcomes, "outcome or intervention");

	const char *risk = field(im, c, COL_RISK);
	if (*risk) {
		const struct lookup_item *rk = lookup_find(&im->risks, risk);
		if (!rk) problem(im, COL_RISK, "\"%s\" is not a risk level: use low, medium or high", risk);
		else r->risk = rk->code;
	}
	const char *worker = field(im, c, COL_WORKER);
	if (*worker) {
		char low[128];
		snprintf(low, sizeof low, "%s", worker);
		for (char *p = low; *p; p++) *p = (char)tolower((unsigned char)*p);
		size_t i = 0;
		for (; i < im->workers.n; i++) if (!strcmp(im->workers.items[i].key, low)) break;
		if (i == im->workers.n) problem(im, COL_WORKER, "\"%s\" is not the email of a caseworker or team leader of the"
			" owning agency", worker);
		else r->worker = im->workers.items[i].id;
	}

	const char *address = field(im, c, COL_ADDRESS), *postcode = field(im, c, COL_POSTCODE);
	if (*address || *postcode) {
		struct property_input pin = {0};
		pin.address_line1 = address;
		pin.postcode = postcode;
		pin.tenure = r->tenure;
		field_errors_init(&e);
		if (property_validate(im->db, a, &pin, "", &e, &r->property) != MODEL_OK) {
			for (int i = 0; i < e.count; i++)
				problem(im, !strcmp(e.items[i].field, "postcode") ? COL_POSTCODE : COL_ADDRESS, "%s", e.items[i].message);
		} else {
			r->has_property = 1;
		}
	}
	field_errors_init(&e);
	r->summary = validate_text(a, &e, "", field(im, c, COL_SUMMARY), "the summary", 0, 2000, 1);
	if (!r->summary) {
		problem(im, COL_SUMMARY, "%s", field_errors_first(&e));
		r->summary = "";
	}
	if (r->area) {
		r->ward = db_int(im->db, 0, "SELECT coalesce(ward_id, id) FROM locality WHERE id = ?", "i", r->area);
		r->neighbourhood = r->ward != r->area ? r->area : 0;
	}
}

/* ---- inserting ---------------------------------------------------------------------------- */

struct statements {
	struct db_stmt *types, *outcome, *risk;
};

static int64_t agency_for(struct importer *im, struct csv *c)
{
	const char *name = field(im, c, COL_REFERRING_AGENCY);
	const struct lookup_item *it = lookup_find(&im->agencies, name);
	if (it) return it->id;
	const char *error = NULL;
	char *trimmed = xstrdup(name);
	size_t n = strlen(trimmed);
	while (n && isspace((unsigned char)trimmed[n - 1])) trimmed[--n] = 0;
	int64_t id = agency_add(im->db, im->who, trimmed, "other", &error);
	free(trimmed);
	if (!id) {
		problem(im, COL_REFERRING_AGENCY, "%s", error ? error : "The agency could not be added");
		return 0;
	}
	lookup_add(&im->agencies, name, id, NULL);
	im->res->agencies_created++;
	return id;
}

/* NG-YYYY-NNNNN references from the file move the counter past them. */
static void note_reference(struct db *db, const char *ref)
{
	int y;
	long n;
	char tail;
	if (sscanf(ref, "NG-%4d-%ld%c", &y, &n, &tail) != 2 || n <= 0) return;
	db_run(db, "INSERT INTO case_reference_counter(year, last) VALUES(?, ?)"
		" ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)", "ii", (int64_t)y, (int64_t)n);
}

static void insert_row(struct importer *im, struct csv *c, struct row *r, struct statements *s)
{
	int64_t agency = r->referring_agency > 0 ? r->referring_agency : agency_for(im, c);
	if (!agency) return;
	struct case_open_input o = {0};
	o.agency_id = im->owner;
	o.referring_agency_id = agency;
	o.assigned_user_id = r->worker;
	o.reference = r->reference;
	o.opened_on = r->referral_date;
	o.ward_id = r->ward;
	o.neighbourhood_id = r->neighbourhood;
	o.tenure = r->tenure;
	o.source = "import";
	o.summary = r->summary;
	if (!strcmp(r->status, "closed")) {
		o.closed_on = r->closed_date;
		o.positively_resolved = r->resolved;
		o.stayed_in_tenancy = r->stayed;
		o.moved = r->moved;
	}
	for (size_t i = 0; i < r->n_types; i++)
		if (r->types[i] < 63) o.type_mask |= (int64_t)1 << r->types[i];
	int64_t id = case_insert(im->db, im->who, &o);
	if (!id) {
		problem(im, COL_REFERENCE, "The reference %s is already used by another case", r->reference);
		return;
	}
	note_reference(im->db, r->reference);
	for (size_t i = 0; i < r->n_types; i++) {
		db_bind_int(s->types, 1, id);
		db_bind_int(s->types, 2, r->types[i]);
		db_step(s->types);
		db_reset(s->types);
	}
	const char *outcome_date = r->closed_date[0] ? r->closed_date : r->referral_date;
	for (size_t i = 0; i < r->n_outcomes; i++) {
		db_bind_int(s->outcome, 1, id);
		db_bind_int(s->outcome, 2, r->outcomes[i]);
		db_bind_text(s->outcome, 3, outcome_date);
		db_bind_int(s->outcome, 4, im->now);
		db_step(s->outcome);
		db_reset(s->outcome);
	}
	if (r->risk) {
		db_bind_int(s->risk, 1, id);
		db_bind_text(s->risk, 2, r->risk);
		db_bind_int(s->risk, 3, im->now);
		db_step(s->risk);
		db_reset(s->risk);
	}
	if (r->has_property) {
		int64_t pid = property_store(im->db, im->who, im->owner, &r->property);
		case_link_property(im->db, NULL, id, pid);     /* search terms are built once at the end */
	}
	im->res->imported++;
}

static int map_header(struct importer *im, struct csv *c, struct arena *a)
{
	for (int i = 0; i < COL_COUNT; i++) im->pos[i] = -1;
	size_t ign = 0;
	for (size_t f = 0; f < csv_count(c); f++) {
		const char *h = csv_field(c, f);
		int col = column_for_header(h);
		if (col >= 0 && im->pos[col] < 0) {
			im->pos[col] = (int)f;
			im->header[col] = arena_strdup(a, h);
		} else if (col >= 0) {
			problem(im, col, "The column %s appears twice", h);
		} else if (*h) {
			int w = snprintf(im->res->ignored_columns + ign, sizeof im->res->ignored_columns - ign, "%s%s",
				ign ? ", " : "", h);
			if (w > 0 && ign + (size_t)w < sizeof im->res->ignored_columns) ign += (size_t)w;
		}
	}
	for (int col = 0; col < COL_COUNT; col++)
		if (columns[col].required && im->pos[col] < 0)
			problem(im, -1, "The file has no %s column (see docs/import-cases.md for the columns)", columns[col].name);
	return im->res->n_problems ? -1 : 0;
}

int case_import_csv(struct db *db, const struct actor *who, FILE *f, const struct case_import_options *opt,
	struct case_import_result *res)
{
	static const struct case_import_options defaults = {NULL, 0, 0};
	static const struct actor system_actor = {0, 0, 0, "cli"};
	if (!opt) opt = &defaults;
	if (!who) who = &system_actor;
	memset(res, 0, sizeof *res);
	struct importer im = {0};
	im.db = db;
	im.who = who;
	im.opt = opt;
	im.res = res;
	date_today(im.today);
	im.now = clock_now();

	if (who->user_id > 0) {
		/* through the web: a team leader imports into their own agency */
		if (!(who->roles & ROLE_TEAM_LEADER)) return -2;
		im.owner = who->agency_id;
	} else if (opt->agency_name && *opt->agency_name) {
		im.owner = db_int(db, 0, "SELECT id FROM agency WHERE lower(name) = lower(?)", "t", opt->agency_name);
		if (!im.owner) {
			problem(&im, -1, "There is no agency called \"%s\"", opt->agency_name);
			return -1;
		}
	} else {
		im.owner = referral_receiving_agency(db);
		if (!im.owner) {
			problem(&im, -1, "No agency works cases yet: add one with a caseworker or team leader, or pass --agency");
			return -1;
		}
	}

	struct csv *c = csv_open(f, ',');
	struct arena *a = arena_new();
	int rc = csv_next(c);
	im.line = 1;
	if (rc != CSV_RECORD) {
		problem(&im, -1, rc == CSV_EOF ? "The file is empty" : "The file is not valid CSV: %s", csv_error(c));
		csv_close(c);
		arena_free(a);
		return -1;
	}
	if (map_header(&im, c, a) != 0) {
		csv_close(c);
		arena_free(a);
		return -1;
	}
	load_lookups(&im);

	db_begin(db);
	int64_t first_case = db_int(db, 0, "SELECT max(id) FROM case_file", "") + 1;
	case_type_list_defer(db, first_case);
	struct statements s;
	s.types = db_prepare(db, "INSERT OR IGNORE INTO case_exploitation_type(case_id, type_id) VALUES(?, ?)");
	s.outcome = db_prepare(db, "INSERT INTO case_intervention(case_id, kind_id, occurred_on, details, recorded_at)"
		" VALUES(?, ?, ?, 'Imported', ?)");
	s.risk = db_prepare(db, "INSERT INTO case_risk(case_id, level, reason, assessed_at)"
		" VALUES(?, ?, 'Imported', ?)");
	struct row r;
	while ((rc = csv_next(c)) == CSV_RECORD) {
		im.line = csv_line(c);
		if (csv_count(c) == 1 && !*csv_field(c, 0)) continue;     /* blank line */
		res->rows++;
		im.row_ok = 1;
		check_row(&im, c, a, &r);
		if (im.row_ok && res->n_problems == 0 && !opt->dry_run) insert_row(&im, c, &r, &s);
		if ((res->rows & 1023) == 0) {
			/* rows are independent: recycle the arena */
			arena_free(a);
			a = arena_new();
		}
	}
	if (rc == CSV_ERROR) {
		im.line = csv_line(c);
		problem(&im, -1, "The file is not valid CSV here: %s", csv_error(c));
	}
	if (res->rows == 0 && res->n_problems == 0) problem(&im, -1, "The file has a header but no cases");
	db_finalize(s.types);
	db_finalize(s.outcome);
	db_finalize(s.risk);

	int failed = res->n_problems > 0 || res->more_problems > 0;
	if (failed || opt->dry_run) {
		db_rollback(db);
		res->imported = 0;
		res->agencies_created = 0;
	} else {
		char detail[64];
		case_search_refresh_from(db, first_case);
		case_type_list_fill(db);
		snprintf(detail, sizeof detail, "import cases=%" PRId64, res->imported);
		record_audit(db, who, "case.import", "case", 0, detail);
		db_commit(db);
		/* a bulk load changes the shape of the tables: refresh the planner's statistics */
		if (res->imported >= 1000) db_analyze(db);
	}
	lookup_free(&im.agencies);
	lookup_free(&im.areas);
	lookup_free(&im.types);
	lookup_free(&im.kinds);
	lookup_free(&im.tenures);
	lookup_free(&im.moves);
	lookup_free(&im.statuses);
	lookup_free(&im.risks);
	lookup_free(&im.workers);
	csv_close(c);
	arena_free(a);
	return failed ? -1 : 0;
}
