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
#include "util/buf.h"

#define REFS_MAX 4
#define WORDS_MAX 8
/* A search word whose index range holds at most this many entries is matched through a list of
 * its cases gathered in one pass over consecutive index pages; a commoner word is probed case by
 * case (a page read each). Page reads are what a list costs here: every commit by another
 * connection (an audit row per page view) empties this connection's page cache, so the pages a
 * request touches are read again from the operating system. */
#define WORD_LIST_MAX 16000
/* With fewer matches than this, a search's page is chosen by reading every matching case;
 * with more, by reading the sort index in order until the page is full. */
#define ROWS_DRIVEN_MAX 256

struct filter {
	struct search_terms terms;
	char refs[REFS_MAX][32];          /* reference prefixes, upper case */
	int n_refs;
	char words[WORDS_MAX][32];        /* the other words, before folding */
	int n_words;
	const char *status;               /* NULL, a status, or "active" */
	int64_t type_id, area_id, worker_id, referring_agency_id;
	char type_category[64];           /* the type's special category, or "" (read once) */
	int area_is_ward, unassigned;
	const char *risk;                 /* NULL, a level or "none" */
	char from[11], to[11];
	const char *sort_sql;
	int sort_is_risk;
	int desc;
	int page, per_page;
	int rarest;                       /* index in terms of the word with the fewest cases, or -1 */
	int64_t entries[SEARCH_TERMS_MAX];  /* each word's index entries, counted up to WORD_LIST_MAX + 1 */
	/* words whose cases were collected here (sorted ids of WHO's agency), see collect_words() */
	int collected[SEARCH_TERMS_MAX];
	int64_t *word_ids[SEARCH_TERMS_MAX];
	size_t n_collected;
	int64_t *matches;                 /* with every word collected: the cases all words match */
	size_t n_matches;
	int shared_reader;                /* WHO reads cases shared with its agency (see add_conditions) */
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
	if (f->type_id > 0) {
		char *category = db_text(db, "SELECT special_category FROM exploitation_type WHERE id = ?", "i", f->type_id);
		snprintf(f->type_category, sizeof f->type_category, "%s", category ? category : "");
		free(category);
	}
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

/* How the search words join the conditions on case_file c (for the owning agency's staff,
 * whose words are all in case_search). */
enum term_form {
	TERMS_ROWS,     /* the rarest word's cases are looked up one by one; the other words filter */
	TERMS_ORDER,    /* every word filters the cases read in the sort index's order */
	TERMS_DRIVEN,   /* the rarest word is the outer table "s" of the query (a count); the others filter */
	TERMS_UNCOLLECTED,  /* only the words not collected by collect_words(); the caller checks the rest */
};

/* " AND ..." that word I of F matches the case ID_EXPR: as a list of the word's cases, gathered
 * once ("+" keeps the planner from looking cases up by it), or, for a very common word, as a
 * probe of case_search for each case. */
static void add_order(struct db *db, struct query *q, const struct actor *who, const struct filter *f);

static void add_word_filter(struct query *q, const struct filter *f, size_t i, const char *id_expr)
{
	if (f->entries[i] <= WORD_LIST_MAX) {
		char expr[32];
		snprintf(expr, sizeof expr, "+%s", id_expr);
		search_term_in(q, expr, "case_search", "case_id", f->terms.term[i]);
	} else {
		search_term_exists(q, id_expr, "case_search", "case_id", f->terms.term[i]);
	}
}

/* " AND ..." for case_file c: access, filters, references and search words (in FORM). Filters
 * on a section (risk, names and addresses) or on a special-category type match only where WHO
 * may read that part: a search must not reveal what a share left out. */
static void add_conditions(struct db *db, struct query *q, const struct actor *who, const struct filter *f,
	enum term_form form)
{
	char end[40];
	query_sql(q, " AND ");
	case_access_list_filter(db, who, q, "c");
	/* "active" as the two statuses (not "<> 'closed'"): a count then reads only active cases
	 * from case_list_status (62 pages instead of 235 for the active cases of one type) */
	if (f->status && !strcmp(f->status, "active")) query_sql(q, " AND c.status IN ('open', 'closure_requested')");
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
	if (f->type_category[0]) {
		query_sql(q, " AND ");
		case_access_list_part_filter(db, who, q, "c", 0, f->type_category);
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
	if (!f->shared_reader) {
		for (size_t i = 0; i < f->terms.count; i++) {
			if ((int)i == f->rarest && form == TERMS_DRIVEN) continue;
			if (form == TERMS_UNCOLLECTED && f->collected[i]) continue;
			if ((int)i == f->rarest && form == TERMS_ROWS) search_term_in(q, "c.id", "case_search", "case_id", f->terms.term[i]);
			else add_word_filter(q, f, i, "c.id");
		}
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

/* Count each search word's index entries (up to WORD_LIST_MAX + 1, or LIMIT when that is more:
 * past it every word is common and any can lead) and choose the rarest: sets f->entries and
 * f->rarest (-1 without words). */
static void choose_rarest_term(struct db *db, struct filter *f, int64_t limit)
{
	int64_t fewest = -1;
	f->rarest = -1;
	if (limit < WORD_LIST_MAX + 1) limit = WORD_LIST_MAX + 1;
	for (size_t i = 0; i < f->terms.count; i++) {
		struct query q;
		query_init(&q);
		query_sql(&q, "SELECT count(*) FROM (SELECT 1 FROM case_search WHERE ");
		search_term_range(&q, "term", f->terms.term[i]);
		query_sql(&q, " LIMIT ");
		query_int(&q, limit);
		query_sql(&q, ")");
		struct db_stmt *st = query_prepare(db, &q);
		int64_t n = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
		db_finalize(st);
		query_free(&q);
		f->entries[i] = n;
		if (fewest < 0 || n < fewest) {
			fewest = n;
			f->rarest = (int)i;
		}
	}
}

static int compare_ids(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* 1 when ID is in the sorted IDS. */
static int ids_contain(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id) lo = mid + 1;
		else if (ids[mid] > id) hi = mid;
		else return 1;
	}
	return 0;
}

/* For the owning agency's staff: read the cases of each search word with at most WORD_LIST_MAX
 * index entries into a sorted array (one pass over consecutive index pages), so that matching
 * cases are counted, intersected and checked here instead of by a page read per case; a commoner
 * word stays a probe in SQL. Sets f->entries and f->rarest like choose_rarest_term(), and, when
 * every word was collected, f->matches: the cases every word matches. Returns 0 (nothing
 * collected) where case_search cannot answer the access rule alone. */
static int collect_words(struct db *db, const struct actor *who, struct filter *f, struct arena *a)
{
	f->n_collected = 0;
	f->matches = NULL;
	f->n_matches = 0;
	if (f->shared_reader || f->n_refs || !f->terms.count) return 0;
	int64_t fewest = -1;
	f->rarest = -1;
	for (size_t i = 0; i < f->terms.count; i++) {
		struct query q;
		query_init(&q);
		query_sql(&q, "SELECT s.case_id FROM case_search s WHERE ");
		search_term_range(&q, "s.term", f->terms.term[i]);
		query_sql(&q, " AND ");
		if (!case_access_search_filter(db, who, &q, "s")) {
			query_free(&q);
			return 0;
		}
		query_sql(&q, " LIMIT ");
		query_int(&q, WORD_LIST_MAX + 1);
		size_t cap = 256, n = 0;
		int64_t *ids = arena_alloc(a, cap * sizeof *ids);
		struct db_stmt *st = query_prepare(db, &q);
		while (db_step(st) == DB_ROW) {
			if (n == cap) {
				int64_t *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
				memcpy(bigger, ids, n * sizeof *ids);
				ids = bigger;
				cap *= 2;
			}
			ids[n++] = db_column_int(st, 0);
		}
		db_finalize(st);
		query_free(&q);
		f->collected[i] = n <= WORD_LIST_MAX;
		if (f->collected[i]) {
			/* a prefix can match several words of one case */
			qsort(ids, n, sizeof *ids, compare_ids);
			size_t u = 0;
			for (size_t k = 0; k < n; k++)
				if (!u || ids[u - 1] != ids[k]) ids[u++] = ids[k];
			n = u;
			f->word_ids[i] = ids;
			f->entries[i] = (int64_t)n;
			f->n_collected++;
		} else {
			f->entries[i] = WORD_LIST_MAX + 1;
		}
		if (fewest < 0 || f->entries[i] < fewest) {
			fewest = f->entries[i];
			f->rarest = (int)i;
		}
	}
	if (f->n_collected == f->terms.count) {
		/* intersect, starting from the rarest word */
		int64_t *m = f->word_ids[f->rarest];
		size_t n = (size_t)f->entries[f->rarest], kept = 0;
		int64_t *out = arena_alloc(a, (n ? n : 1) * sizeof *out);
		for (size_t k = 0; k < n; k++) {
			int all = 1;
			for (size_t i = 0; all && i < f->terms.count; i++)
				if ((int)i != f->rarest) all = ids_contain(f->word_ids[i], (size_t)f->entries[i], m[k]);
			if (all) out[kept++] = m[k];
		}
		f->matches = out;
		f->n_matches = kept;
	}
	return f->n_collected > 0;
}

/* 1 when case ID is matched by every collected word of F. */
static int collected_words_match(const struct filter *f, int64_t id)
{
	if (f->matches) return ids_contain(f->matches, f->n_matches, id);
	for (size_t i = 0; i < f->terms.count; i++)
		if (f->collected[i] && !ids_contain(f->word_ids[i], (size_t)f->entries[i], id)) return 0;
	return 1;
}

/* The ids of page PAGE (PER_PAGE cases) read in the sort index's order, filtered here by the
 * collected words: the index is read until the page is full. Returns how many. */
static size_t page_ids_in_order(struct db *db, const struct actor *who, const struct filter *f, int64_t *ids)
{
	struct query q;
	query_init(&q);
	query_sql(&q, "SELECT c.id FROM case_file c WHERE 1 = 1");
	add_conditions(db, &q, who, f, TERMS_UNCOLLECTED);
	add_order(db, &q, who, f);
	struct db_stmt *st = query_prepare(db, &q);
	int64_t skip = (int64_t)(f->page - 1) * f->per_page;
	size_t n = 0;
	while (n < (size_t)f->per_page && db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		if (!collected_words_match(f, id)) continue;
		if (skip > 0) { skip--; continue; }
		ids[n++] = id;
	}
	db_finalize(st);
	query_free(&q);
	return n;
}

/* 1 when choosing the page's ids here (page_ids_in_order) costs less than letting SQL filter
 * the sort index by a list of the rarest word's cases: stepping a row out to this code costs
 * several times filtering it inside SQLite (about four, estimated from the postcode search,
 * which got slower here), while SQL first gathers every case of the word.
 * The rows read before the page is full are estimated from the share of all cases (the highest
 * case id, one index seek) that match. */
static int page_in_c_pays(struct db *db, const struct filter *f)
{
	int64_t matches = f->matches ? (int64_t)f->n_matches : f->entries[f->rarest];
	if (matches <= 0) return 0;
	int64_t cases = db_int(db, 0, "SELECT max(id) FROM case_file", "");
	int64_t rows = (int64_t)f->page * f->per_page * cases / matches;
	return 4 * rows < matches;
}

/* 1 when F has conditions on case_file besides the search words (and access). */
static int has_case_conditions(const struct filter *f)
{
	return f->status || f->type_id > 0 || f->area_id > 0 || f->unassigned || f->worker_id > 0 || f->risk
		|| f->referring_agency_id > 0 || f->from[0] || f->to[0] || f->n_refs;
}

/* The count of a list filtered by exploitation type, and status or none, alone, for the owning
 * agency's staff: one index range of case_type_list (migration 017) instead of every case of
 * the status with the type's bit tested. Stops at LIMIT; -1 when F is not of that shape. */
static int64_t count_by_type(struct db *db, const struct actor *who, const struct filter *f, int64_t limit)
{
	if (f->type_id <= 0 || f->terms.count || f->n_refs || f->shared_reader || f->area_id > 0 || f->unassigned
	    || f->worker_id > 0 || f->risk || f->referring_agency_id > 0 || f->from[0] || f->to[0])
		return -1;
	if (!who || who->user_id <= 0 || !access_is_case_staff(who)) return -1;
	/* a special-category type is matched only where its category may be read: the general path */
	if (f->type_category[0]) return -1;
	const char *sql = !f->status
		? "SELECT count(*) FROM (SELECT 1 FROM case_type_list WHERE agency_id = ? AND type_id = ? LIMIT ?)"
		: !strcmp(f->status, "active")
		? "SELECT count(*) FROM (SELECT 1 FROM case_type_list WHERE agency_id = ? AND type_id = ?"
		  " AND status IN ('open', 'closure_requested') LIMIT ?)"
		: "SELECT count(*) FROM (SELECT 1 FROM case_type_list WHERE agency_id = ? AND type_id = ? AND status = ? LIMIT ?)";
	if (f->status && strcmp(f->status, "active"))
		return db_int(db, 0, sql, "iiti", who->agency_id, f->type_id, f->status, limit);
	return db_int(db, 0, sql, "iii", who->agency_id, f->type_id, limit);
}

/* Count the matching cases, stopping at LIMIT. A search is counted from its rarest word's
 * index range (each case once), so a common word costs at most LIMIT matches, not all of them;
 * a search with no other filter is counted in case_search alone. Without words the planner
 * counts from the covering index that fits the filters. */
static int64_t count_matches(struct db *db, const struct actor *who, const struct filter *f, int64_t limit)
{
	struct query q;
	query_init(&q);
	int counted_in_search = 0;
	if (f->rarest >= 0 && !f->shared_reader && !has_case_conditions(f)) {
		query_sql(&q, "SELECT count(*) FROM (SELECT DISTINCT s.case_id FROM case_search s WHERE ");
		search_term_range(&q, "s.term", f->terms.term[f->rarest]);
		query_sql(&q, " AND ");
		counted_in_search = case_access_search_filter(db, who, &q, "s");
		for (size_t i = 0; counted_in_search && i < f->terms.count; i++)
			if ((int)i != f->rarest) add_word_filter(&q, f, i, "s.case_id");
		if (!counted_in_search) {
			query_free(&q);
			query_init(&q);
		}
	}
	if (!counted_in_search && f->rarest >= 0 && !f->shared_reader && f->n_refs == 0) {
		/* CROSS JOIN keeps case_search outside: the words' range is the smaller side */
		query_sql(&q, "SELECT count(*) FROM (SELECT DISTINCT s.case_id FROM case_search s CROSS JOIN case_file c"
			" ON c.id = s.case_id WHERE ");
		search_term_range(&q, "s.term", f->terms.term[f->rarest]);
		add_conditions(db, &q, who, f, TERMS_DRIVEN);
	} else if (!counted_in_search) {
		query_sql(&q, "SELECT count(*) FROM (SELECT 1 FROM case_file c WHERE 1 = 1");
		add_conditions(db, &q, who, f, TERMS_ROWS);
	}
	query_sql(&q, " LIMIT ");
	query_int(&q, limit);
	query_sql(&q, ")");
	struct db_stmt *st = query_prepare(db, &q);
	int64_t n = db_step(st) == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	query_free(&q);
	return n;
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

/* Fill each row's types ("Property takeover (cuckooing), Financial") from its type_mask (MASKS,
 * one per row), with the labels read once in display order; a special-category type only where
 * WHO may see that category on the case. A type id of 63 or more has no bit in the mask: then
 * the types table is read for each row instead. */
static void load_types(struct db *db, const struct actor *who, struct arena *a, struct case_list *out,
	const int64_t *masks)
{
	if (!out->n) return;
	struct { int64_t id; const char *label, *category; } types[64];
	size_t n_types = 0;
	int beyond_mask = 0;
	struct db_stmt *st = db_prepare(db, "SELECT id, label, coalesce(special_category, '') FROM exploitation_type"
		" ORDER BY sort_order, id");
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		if (id < 0 || id >= 63 || n_types == sizeof types / sizeof types[0]) {
			beyond_mask = 1;
			continue;
		}
		types[n_types].id = id;
		types[n_types].label = arena_strdup(a, db_column_text(st, 1));
		types[n_types++].category = arena_strdup(a, db_column_text(st, 2));
	}
	db_finalize(st);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < out->n; i++) {
		int64_t id = out->rows[i].id;
		struct case_grant g;
		int have_grant = 0;
		buf_reset(&b);
		if (beyond_mask)
			st = db_preparef(db, "SELECT t.label, coalesce(t.special_category, '') FROM case_exploitation_type ct"
				" JOIN exploitation_type t ON t.id = ct.type_id WHERE ct.case_id = ? ORDER BY t.sort_order, t.id", "i", id);
		for (size_t t = 0;; t++) {
			const char *label, *category;
			if (beyond_mask) {
				if (db_step(st) != DB_ROW) break;
				label = db_column_text(st, 0);
				category = db_column_text(st, 1);
			} else {
				if (t == n_types) break;
				if (!(masks[i] & ((int64_t)1 << types[t].id))) continue;
				label = types[t].label;
				category = types[t].category;
			}
			if (*category) {
				if (!have_grant) case_access_grant(db, who, id, &g);
				have_grant = 1;
				if (!case_grant_allows_special(db, who, &g, category)) continue;
			}
			buf_printf(&b, "%s%s", b.len ? ", " : "", label);
		}
		if (beyond_mask) db_finalize(st);
		out->rows[i].types = arena_strdup(a, buf_str(&b));
	}
	buf_free(&b);
}

int case_list_query(struct db *db, const struct actor *who, const struct case_filter_input *in,
	struct arena *a, struct case_list *out, struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	struct filter f;
	if (parse_filter(db, in, &f, errs) != MODEL_OK) return MODEL_INVALID;
	out->page = f.page;
	out->per_page = f.per_page;

	db_read_begin(db);
	f.shared_reader = case_access_reads_shared_cases(db, who);
	/* count far enough to know whether this page and a next one exist */
	int64_t page_end = (int64_t)f.page * f.per_page;
	int64_t limit = (page_end > CASE_LIST_COUNT_CAP ? page_end : CASE_LIST_COUNT_CAP) + 1;
	int collected = collect_words(db, who, &f, a);
	if (!collected) choose_rarest_term(db, &f, limit);
	int64_t counted = f.matches && !has_case_conditions(&f) ? (int64_t)(f.n_matches < (size_t)limit ? f.n_matches : (size_t)limit)
		: count_by_type(db, who, &f, limit);
	if (counted < 0) counted = count_matches(db, who, &f, limit);
	out->total_exact = counted < limit;
	out->total = out->total_exact ? counted : limit - 1;
	out->pages = (int)((out->total + f.per_page - 1) / f.per_page);

	out->rows = arena_alloc(a, (size_t)f.per_page * sizeof *out->rows);
	if (out->total > (int64_t)(f.page - 1) * f.per_page) {
		struct query q;
		query_init(&q);
		/* the risk level and the resident's name only where those sections may be read */
		query_sql(&q, "SELECT c.id, c.reference, c.status, CASE WHEN ");
		case_access_list_part_filter(db, who, &q, "c", CASE_SECTION_RISK, NULL);
		query_sql(&q, " THEN coalesce(c.risk_level, '') ELSE '' END, c.opened_on,"
			" coalesce(c.closed_on, ''), coalesce(u.name, ''), coalesce(n.name, w.name, ''), c.updated_at,"
			" CASE WHEN ");
		case_access_list_part_filter(db, who, &q, "c", CASE_SECTION_PEOPLE, NULL);
		query_sql(&q, " THEN coalesce((SELECT pe.given_name || ' ' || pe.family_name FROM case_person cp JOIN person pe ON pe.id = cp.person_id"
			"   WHERE cp.case_id = c.id AND cp.role = 'resident' ORDER BY cp.id LIMIT 1), '') ELSE '' END, c.type_mask"
			" FROM case_file c LEFT JOIN user u ON u.id = c.assigned_user_id"
			" LEFT JOIN locality w ON w.id = c.ward_id LEFT JOIN locality n ON n.id = c.neighbourhood_id");
		/* choose the page's ids in a subquery the covering indexes answer without reading
		 * rows; only the rows shown are then read. A search with few matches, or sorted by a
		 * key no index holds in order (every match is sorted then), starts from its rarest
		 * word's cases; one with many reads cases in the sort index's order, filtered by the
		 * words, and stops at the page */
		int index_order = !strcmp(f.sort_sql, "c.opened_on") || !strcmp(f.sort_sql, "c.updated_at");
		int by_rows = !index_order || (out->total_exact && out->total < ROWS_DRIVEN_MAX);
		if (!by_rows && collected && page_in_c_pays(db, &f)) {
			/* the page's ids are chosen here, from the sort index and the collected words */
			int64_t *ids = arena_alloc(a, (size_t)f.per_page * sizeof *ids);
			size_t n = page_ids_in_order(db, who, &f, ids);
			query_sql(&q, " WHERE c.id IN (");
			for (size_t i = 0; i < n; i++) {
				if (i) query_sql(&q, ", ");
				query_int(&q, ids[i]);
			}
			query_sql(&q, n ? ")" : "NULL)");
		} else {
			query_sql(&q, " WHERE c.id IN (SELECT c.id FROM case_file c WHERE 1 = 1");
			add_conditions(db, &q, who, &f, by_rows ? TERMS_ROWS : TERMS_ORDER);
			add_order(db, &q, who, &f);
			query_sql(&q, " LIMIT ");
			query_int(&q, f.per_page);
			query_sql(&q, " OFFSET ");
			query_int(&q, (int64_t)(f.page - 1) * f.per_page);
			query_sql(&q, ")");
		}
		add_order(db, &q, who, &f);
		int64_t *masks = arena_alloc(a, (size_t)f.per_page * sizeof *masks);
		struct db_stmt *st = query_prepare(db, &q);
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
			masks[out->n - 1] = db_column_int(st, 10);
		}
		db_finalize(st);
		query_free(&q);
		load_types(db, who, a, out, masks);
	}
	db_read_end(db);
	char detail[64];
	snprintf(detail, sizeof detail, "results=%" PRId64 "%s page=%d%s", out->total, out->total_exact ? "" : "+", f.page,
		f.terms.count || f.n_refs ? " search" : "");
	/* outside any transaction: the row joins the group commit (audit.c), so concurrent views
	 * share one fsync instead of queueing for the write lock one fsync each */
	record_audit(db, who, "case.list", "case", 0, detail);
	return MODEL_OK;
}
