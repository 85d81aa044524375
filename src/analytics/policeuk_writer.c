/* police.uk writer: the database thread's side of an import. Takes the reader's chunks of a
 * file and stores them with multi-row inserts, strings repeated on every row (crime type,
 * force, outcome, LSOA) mapped to ids through in-memory caches; a street row's class and
 * place are stored with the first row that needs them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/batch_insert.h"
#include "analytics/name_ids.h"
#include "analytics/policeuk_rows.h"
#include "analytics/row_queue.h"
#include "db/db.h"
#include "util/xalloc.h"

/* A street row class as the database thread knows it: given by the first row of the class,
 * stored with the first row of the class that is added (a class of rows that were all
 * present already is not stored). */
struct class_def {
	int64_t reported_by, falls_within, crime_type, outcome;
	char month[8];
	char group[8 + 128];   /* the row key group: month|force */
	size_t group_len;
	int stored;
};

struct writer {
	struct db *db;
	struct import_summary *s;   /* only rows_added and rows_present are written here */
	enum format fmt;
	struct row_keys *keys;
	struct batch_insert *insert;
	struct name_ids *forces, *types, *outcomes, *lsoas;
	const struct parsed_row *row;   /* the row being written */
	const char *bytes;              /* its chunk's text */
	/* street rows: */
	struct batch_insert *places;
	struct db_stmt *add_class;
	struct class_def *classes;      /* by class id - first_class */
	int64_t first_class;
	size_t nclasses, cap_classes;
};

/* Field C of the current row, NUL-terminated. */
static const char *text_of(const struct writer *w, int c) { return w->bytes + w->row->off[c]; }

static void add_field(struct writer *w, int c)
{
	batch_text(w->insert, text_of(w, c), w->row->len[c]);
}

static void add_opt_field(struct writer *w, int c)
{
	if (w->row->len[c]) add_field(w, c);
	else batch_null(w->insert);
}

static void add_id(struct writer *w, int64_t id)
{
	if (id) batch_int(w->insert, id);
	else batch_null(w->insert);
}

static int64_t dictionary_id(struct writer *w, struct name_ids *ni, int c)
{
	return w->row->len[c] ? name_ids_get(ni, text_of(w, c), w->row->len[c]) : 0;
}

static void add_location(struct writer *w)
{
	if (w->row->located) { batch_double(w->insert, w->row->lon); batch_double(w->insert, w->row->lat); }
	else { batch_null(w->insert); batch_null(w->insert); }
}

/* The LSOA (from the file's code) and its ward (from the lookup). */
static void add_areas(struct writer *w, int code_c, int name_c)
{
	int64_t lsoa = 0, ward = 0;
	if (w->row->len[code_c])
		lsoa = area_ids_get(w->lsoas, text_of(w, code_c), w->row->len[code_c], text_of(w, name_c), &ward);
	add_id(w, lsoa);
	add_id(w, ward);
}

/* The first three columns of every table: identity, import, line. */
static void add_provenance(struct writer *w)
{
	batch_blob(w->insert, w->row->key, IMPORT_KEY_BYTES);
	batch_int(w->insert, w->s->import_id);
	batch_int(w->insert, w->row->line);
}

static struct class_def *class_of(struct writer *w)
{
	size_t i = (size_t)(w->row->class_id - w->first_class);
	if (w->row->class_id < w->first_class || i >= w->nclasses) fatal("street row of unknown class %lld", (long long)w->row->class_id);
	return &w->classes[i];
}

/* The first row of a class or place (seen by the reader) defines it: the class is kept in
 * memory until a row of it is added, the place stored at once (a place is only new when
 * no stored row has its content, so the row is added too). */
static void define_street_dictionaries(struct writer *w)
{
	const struct parsed_row *r = w->row;
	if (r->new_class) {
		size_t i = (size_t)(r->class_id - w->first_class);
		if (r->class_id < w->first_class || i != w->nclasses) fatal("street classes out of order");
		if (w->nclasses == w->cap_classes) {
			w->cap_classes = w->cap_classes ? 2 * w->cap_classes : 256;
			w->classes = xrealloc(w->classes, w->cap_classes * sizeof *w->classes);
		}
		struct class_def *k = &w->classes[w->nclasses++];
		memset(k, 0, sizeof *k);
		k->reported_by = dictionary_id(w, w->forces, S_REPORTED);
		k->falls_within = dictionary_id(w, w->forces, S_FALLS);
		k->crime_type = dictionary_id(w, w->types, S_TYPE);
		k->outcome = dictionary_id(w, w->outcomes, S_OUTCOME);
		memcpy(k->month, text_of(w, S_MONTH), 8);   /* checked: 7 characters and a NUL */
		k->group_len = (size_t)snprintf(k->group, sizeof k->group, "%s|%s", k->month, text_of(w, S_FALLS));
		if (k->group_len >= sizeof k->group) k->group_len = sizeof k->group - 1;
	}
	if (r->new_place) {
		struct batch_insert *insert = w->insert;
		w->insert = w->places;
		batch_int(w->insert, r->place_id);
		add_location(w);
		add_field(w, S_LOCATION);
		add_field(w, S_LSOA);
		add_areas(w, S_LSOA, S_LSOA_NAME);
		batch_row_end(w->insert);
		w->insert = insert;
	}
}

static void store_class(struct writer *w, int64_t id, struct class_def *k)
{
	struct db_stmt *st = w->add_class;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, w->s->import_id);
	db_bind_text(st, 3, k->month);
	int64_t ids[] = {k->reported_by, k->falls_within, k->crime_type, k->outcome};
	for (int i = 0; i < 4; i++) {
		if (ids[i]) db_bind_int(st, 4 + i, ids[i]);
		else db_bind_null(st, 4 + i);
	}
	if (db_step(st) != DB_DONE) fatal("cannot store a crime class");
	db_reset(st);
	k->stored = 1;
}

static void write_street(struct writer *w)
{
	const struct parsed_row *r = w->row;
	struct class_def *k = class_of(w);
	if (!k->stored) store_class(w, r->class_id, k);
	batch_blob(w->insert, w->row->key, IMPORT_KEY_BYTES);
	batch_int(w->insert, r->line);
	if (r->ref_decoded) batch_blob(w->insert, r->ref, CRIME_REF_BYTES);
	else add_opt_field(w, S_ID);
	batch_int(w->insert, r->class_id);
	batch_int(w->insert, r->place_id);
	add_field(w, S_CONTEXT);
}

static void write_outcome(struct writer *w)
{
	add_provenance(w);
	add_field(w, O_ID);
	add_field(w, O_MONTH);
	add_id(w, dictionary_id(w, w->forces, O_REPORTED));
	add_id(w, dictionary_id(w, w->forces, O_FALLS));
	add_location(w);
	add_field(w, O_LOCATION);
	add_areas(w, O_LSOA, O_LSOA_NAME);
	add_id(w, dictionary_id(w, w->outcomes, O_TYPE));
}

static void write_stop_search(struct writer *w)
{
	add_provenance(w);
	add_field(w, Q_TYPE);
	batch_int(w->insert, w->row->at);
	add_field(w, Q_DATE);
	batch_int(w->insert, w->row->date_only);
	add_field(w, Q_PART_OF_OP);
	add_field(w, Q_OPERATION);
	add_location(w);
	static const int rest[] = {Q_GENDER, Q_AGE, Q_SELF_ETH, Q_OFFICER_ETH, Q_LEGISLATION, Q_OBJECT, Q_OUTCOME,
		Q_LINKED, Q_REMOVAL};
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) add_field(w, rest[i]);
}

/* The group a row's key is kept in: month and force for crimes and outcomes (both part of
 * the identity), the month of the date for stop and search. */
static size_t row_group(struct writer *w, char *group, size_t size)
{
	if (w->fmt == STOP_SEARCH) {
		memcpy(group, text_of(w, Q_DATE), 7);   /* the date was checked: at least 10 characters */
		return 7;
	}
	if (w->fmt == STREET) {
		const struct class_def *k = class_of((struct writer *)w);
		size_t n = k->group_len < size ? k->group_len : size;
		memcpy(group, k->group, n);
		return n;
	}
	size_t month = w->row->len[S_MONTH], force = w->row->len[S_FALLS];   /* month: 7 characters */
	if (month + 1 + force > size) force = size - month - 1;
	memcpy(group, text_of(w, S_MONTH), month);
	group[month] = '|';
	memcpy(group + month + 1, text_of(w, S_FALLS), force);
	return month + 1 + force;
}

/* Where each format's rows go: the table and columns written, and the table whose rows get
 * their LSOA and ward afterwards (street rows: their places). */
static const struct {
	const char *table, *columns;
	int n;
	void (*write)(struct writer *);
	const char *area_table;
} WRITES[NFORMATS] = {
	{"crime_row", "row_key, line, crime_ref, class_id, place_id, context", 6, write_street, "crime_place"},
	{"crime_outcome", "row_key, import_id, line, crime_ref, month, reported_by, falls_within, lon, lat, location, "
	 "lsoa_id, ward_id, outcome_id", 13, write_outcome, "crime_outcome"},
	{"stop_search", "row_key, import_id, line, search_type, searched_at, date_text, date_only, policing_operation, "
	 "operation_name, lon, lat, gender, age_range, self_defined_ethnicity, officer_defined_ethnicity, "
	 "legislation, object_of_search, outcome, outcome_linked, removal_of_clothing", 20, write_stop_search,
	 "stop_search"},
};

/* Take the reader's chunks of one file, from FIRST to the file's last: rows already stored are
 * counted, the others inserted in batches. */
static void write_rows(struct writer *w, struct row_queue *q, struct row_chunk *first)
{
	char group[160];
	size_t source = first->source;
	for (struct row_chunk *chunk = first;;) {
		w->bytes = chunk->bytes.data;
		for (size_t i = 0; i < chunk->nrows; i++) {
			w->row = (const struct parsed_row *)chunk->rows + i;
			if (w->fmt == STREET) define_street_dictionaries(w);
			size_t glen = row_group(w, group, sizeof group);
			if (!row_keys_claim(w->keys, group, glen, w->row->key)) {
				w->s->rows_present++;
				continue;
			}
			WRITES[w->fmt].write(w);
			batch_row_end(w->insert);
			w->s->rows_added++;
		}
		int last = chunk->last;
		row_queue_put_empty(q, chunk);
		if (last) return;
		if (!(chunk = row_queue_take_full(q)) || chunk->source != source) fatal("import: a file's rows ended early");
	}
}

void policeuk_write_file(struct db *db, struct job *j, struct row_queue *q, struct row_chunk *first,
	const struct policeuk_dictionaries *d)
{
	struct writer w = {.db = db, .s = j->s, .fmt = j->fmt};
	w.keys = row_keys_new(db, POLICEUK_FORMATS[j->fmt].table);   /* the table name is part of every key */
	w.insert = batch_insert_new(db, WRITES[j->fmt].table, WRITES[j->fmt].columns, WRITES[j->fmt].n);
	w.forces = d->forces;
	w.types = d->types;
	w.outcomes = d->outcomes;
	w.lsoas = d->lsoas;
	if (j->fmt == STREET) {
		w.places = batch_insert_new(db, "crime_place", "id, lon, lat, location, lsoa_code, lsoa_id, ward_id", 7);
		w.add_class = db_prepare(db, "INSERT INTO crime_class(id, import_id, month, reported_by, falls_within, "
			"crime_type_id, outcome_id) VALUES(?,?,?,?,?,?,?)");
		w.first_class = j->first_class;
	}
	write_rows(&w, q, first);
	batch_insert_free(w.places);   /* writes the last rows */
	batch_insert_free(w.insert);
	if (j->s->problems_total == 0) row_keys_save(w.keys);
	row_keys_free(w.keys);
	db_finalize(w.add_class);
	free(w.classes);
}

const char *policeuk_area_table(enum format fmt) { return WRITES[fmt].area_table; }
