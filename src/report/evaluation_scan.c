/* Counting the evaluation's figures in one pass over each table. The figures are defined by
 * the reference SQL in evaluation_sql.c (GROUP BY queries, readable, and what `--sql` prints);
 * run as they are, those joins take seconds at 100,000 cases, so here each table is read once
 * in a plain SELECT and the rows are counted in memory: the cohort's cases into a hash table,
 * then referrals, exploitation types and interventions looked up in it (the last two read
 * meanwhile on a second thread, evaluation_reader.c). A test checks that both give the same
 * figures (tests/evaluation/test_reference_sql.py). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "report/evaluation_internal.h"
#include "util/arena.h"
#include "util/xalloc.h"

/* ---- an id -> index map ------------------------------------------------------------- */

/* Record ids are rowids, nearly always dense: then the map is an array indexed by id - base.
 * Sparse ids (after erasures, say) fall back to open addressing with Fibonacci hashing. */
struct id_map {
	int64_t base;
	int32_t *direct;    /* id - base -> index + 1, or NULL */
	size_t span;
	int64_t *keys;      /* hashing: 0 = empty (ids are positive) */
	uint32_t *values;
	size_t mask;
	int shift;
};

/* A map of IDS[i] -> i for the N ids. */
static void id_map_build(struct id_map *m, const int64_t *ids, size_t n)
{
	memset(m, 0, sizeof *m);
	int64_t lo = 0, hi = -1;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || ids[i] < lo) lo = ids[i];
		if (i == 0 || ids[i] > hi) hi = ids[i];
	}
	if (n == 0 || (uint64_t)(hi - lo) <= 4 * (uint64_t)n + 4096) {
		m->base = lo;
		m->span = n ? (size_t)(hi - lo) + 1 : 0;
		m->direct = xcalloc(m->span + 1, sizeof *m->direct);
		for (size_t i = 0; i < n; i++) m->direct[ids[i] - lo] = (int32_t)i + 1;
		return;
	}
	size_t cap = 64;
	int bits = 6;
	while (cap < n * 2) { cap *= 2; bits++; }
	m->keys = xcalloc(cap, sizeof *m->keys);
	m->values = xcalloc(cap, sizeof *m->values);
	m->mask = cap - 1;
	m->shift = 64 - bits;
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)(((uint64_t)ids[i] * 0x9E3779B97F4A7C15ull) >> m->shift);
		while (m->keys[k] && m->keys[k] != ids[i]) k = (k + 1) & m->mask;
		m->keys[k] = ids[i];
		m->values[k] = (uint32_t)i;
	}
}

static void id_map_free(struct id_map *m)
{
	free(m->direct);
	free(m->keys);
	free(m->values);
}

/* The index of ID, or -1. */
static int64_t id_map_get(const struct id_map *m, int64_t id)
{
	if (m->direct) {
		if (id < m->base || (uint64_t)(id - m->base) >= m->span) return -1;
		return (int64_t)m->direct[id - m->base] - 1;
	}
	if (id <= 0) return -1;
	size_t k = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> m->shift);
	while (m->keys[k] && m->keys[k] != id) k = (k + 1) & m->mask;
	return m->keys[k] ? (int64_t)m->values[k] : -1;
}

/* Ids of a list into a new array (for id_map_build). */
#define LIST_IDS(list, n, out) do { \
		out = xcalloc((n) + 1, sizeof *out); \
		for (size_t i_ = 0; i_ < (n); i_++) out[i_] = (list)[i_].id; \
	} while (0)

/* ---- small reference lists --------------------------------------------------------- */

/* A row of a small list (agencies, localities, types, kinds, outcome lines) and its counts.
 * EXTRA and NUMBER hold one more column: a locality's kind and ward, a kind's outcome line,
 * a line's counts_moved. */
struct named {
	int64_t id;
	const char *code, *label, *extra;
	int64_t sort, number, count, records;
	int retired;
};

/* Rows of SQL (id, code, label, sort, extra, retired, number) into an arena list. */
static size_t load_named(struct db *db, struct arena *a, const char *sql, struct named **out)
{
	size_t count = 0, cap = 16;
	struct named *list = arena_alloc(a, cap * sizeof *list);
	struct db_stmt *st = db_prepare(db, sql);
	while (db_step(st) == DB_ROW) {
		if (count == cap) {
			struct named *bigger = arena_alloc(a, 2 * cap * sizeof *list);
			memcpy(bigger, list, count * sizeof *list);
			list = bigger;
			cap *= 2;
		}
		struct named *x = &list[count++];
		memset(x, 0, sizeof *x);
		x->id = db_column_int(st, 0);
		x->code = arena_strdup(a, db_column_text(st, 1));
		x->label = arena_strdup(a, db_column_text(st, 2));
		x->sort = db_column_int(st, 3);
		x->extra = arena_strdup(a, db_column_text(st, 4));
		x->retired = (int)db_column_int(st, 5);
		x->number = db_column_int(st, 6);
	}
	db_finalize(st);
	*out = list;
	return count;
}

static int64_t index_of(const struct named *list, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id) return (int64_t)i;
	return -1;
}

/* ---- the cohort ------------------------------------------------------------------- */

enum { F_CLOSED = 1, F_MOVED = 2, F_REFERRAL = 4 };

/* Bits of the case query's closure column: closed by the end of the period, and then what was
 * recorded (literals in the SQL, hence macros). */
#define CLOSURE_CLOSED 1
#define CLOSURE_RESOLVED 2
#define CLOSURE_STAYED 4
#define CLOSURE_MOVED_WITHIN 8
#define CLOSURE_MOVED_OUT 16
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

struct cohort_case {
	uint8_t flags;
	int32_t month;       /* index into ev->months */
	int64_t agency, area, ward;
};

/* Months since the period's first, from "YYYY-MM-DD" (called once per row: no atoi). */
static int month_number(const char *d)
{
	for (int k = 0; k < 7; k++)
		if (k != 4 && (d[k] < '0' || d[k] > '9')) return -1000000;
	return ((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0')) * 12
		+ (d[5] - '0') * 10 + (d[6] - '0');
}

static int month_index(const struct evaluation *ev, const char *day)
{
	int i = month_number(day) - month_number(ev->from);
	return i >= 0 && (size_t)i < ev->month_count ? i : -1;
}

/* DAY (an ISO date, or whatever text the column holds) falls within the period, compared as
 * the reference SQL's BETWEEN compares text: byte by byte. */
static int in_period(const struct evaluation *ev, const char *day)
{
	return strcmp(day, ev->from) >= 0 && strcmp(day, ev->to) <= 0;
}

static int by_count_then_label(const void *a, const void *b)
{
	const struct evaluation_count *x = a, *y = b;
	if (x->count != y->count) return x->count < y->count ? 1 : -1;
	return strcmp(x->label, y->label);
}

static int by_label_unknown_last(const void *a, const void *b)
{
	const struct evaluation_count *x = a, *y = b;
	if ((x->key == 0) != (y->key == 0)) return x->key == 0 ? 1 : -1;
	return strcmp(x->label, y->label);
}

void evaluation_scan(struct db *caller_db, struct evaluation *ev)
{
	struct arena *a = ev->arena;
	struct evaluation_reader reader;
	evaluation_reader_begin(&reader, caller_db, ev->to);
	struct db *db = reader.db;
	struct named *agencies, *localities, *types, *kinds, *groups;
	size_t n_agencies = load_named(db, a, "SELECT id, '', name, 0, '', 0, 0 FROM agency", &agencies);
	size_t n_localities = load_named(db, a, "SELECT id, coalesce(ons_code, ''), name, 0, kind, 0, coalesce(ward_id, 0) FROM locality",
		&localities);
	size_t n_types = load_named(db, a, "SELECT id, code, label, sort_order, '', retired, 0 FROM exploitation_type"
		" ORDER BY sort_order, label", &types);
	size_t n_kinds = load_named(db, a, "SELECT k.id, k.code, k.label, k.sort_order, coalesce(g.group_code, ''), 0, 0"
		" FROM intervention_kind k LEFT JOIN report_outcome_group_kind g ON g.kind_id = k.id ORDER BY k.sort_order, k.label", &kinds);
	size_t n_groups = load_named(db, a, "SELECT 0, code, label, sort_order, '', 0, counts_moved FROM report_outcome_group"
		" ORDER BY sort_order, label", &groups);
	struct id_map locality_index, agency_index;
	int64_t *ids;
	LIST_IDS(localities, n_localities, ids);
	id_map_build(&locality_index, ids, n_localities);
	free(ids);
	LIST_IDS(agencies, n_agencies, ids);
	id_map_build(&agency_index, ids, n_agencies);
	free(ids);
	int64_t *agency_count = arena_alloc(a, (n_agencies + 1) * sizeof *agency_count);   /* [n]: not recorded */
	int64_t *locality_count = arena_alloc(a, (n_localities + 1) * sizeof *locality_count);
	int64_t *ward_count = arena_alloc(a, (n_localities + 1) * sizeof *ward_count);

	/* 1. the cohort: cases opened in the period (the table read whole, as in evaluation_reader.c) */
	size_t cap = 1024, n = 0;
	struct cohort_case *cases = xcalloc(cap, sizeof *cases);
	int64_t *case_ids = xcalloc(cap, sizeof *case_ids);
	/* what the closure recorded, as bits in one column (fewer columns, fewer calls per row) */
	struct db_stmt *st = db_preparef(db,
		"SELECT c.id, c.opened_on,"
		" CASE WHEN c.status = 'closed' AND c.closed_on <= ?1 THEN " STRINGIFY(CLOSURE_CLOSED)
		"  + CASE WHEN c.positively_resolved = 1 THEN " STRINGIFY(CLOSURE_RESOLVED) " ELSE 0 END"
		"  + CASE WHEN c.stayed_in_tenancy = 1 THEN " STRINGIFY(CLOSURE_STAYED) " ELSE 0 END"
		"  + CASE c.moved WHEN 'within_borough' THEN " STRINGIFY(CLOSURE_MOVED_WITHIN)
		"   WHEN 'out_of_borough' THEN " STRINGIFY(CLOSURE_MOVED_OUT) " ELSE 0 END ELSE 0 END,"
		" coalesce(c.referring_agency_id, 0), coalesce(c.neighbourhood_id, 0), coalesce(c.ward_id, 0)"
		" FROM case_file c", "t", ev->to);
	while (db_step(st) == DB_ROW) {
		if (!in_period(ev, db_column_text(st, 1))) continue;
		if (n == cap) {
			cap *= 2;
			cases = xrealloc(cases, cap * sizeof *cases);
			case_ids = xrealloc(case_ids, cap * sizeof *case_ids);
		}
		struct cohort_case *c = &cases[n];
		memset(c, 0, sizeof *c);
		case_ids[n++] = db_column_int(st, 0);
		c->month = month_index(ev, db_column_text(st, 1));
		int64_t closure = db_column_int(st, 2);
		ev->cases_received++;
		if (closure & CLOSURE_CLOSED) {
			c->flags |= F_CLOSED;
			ev->closed++;
			ev->positively_resolved += (closure & CLOSURE_RESOLVED) != 0;
			ev->tenancy_sustained += (closure & CLOSURE_STAYED) != 0;
			if (closure & CLOSURE_MOVED_WITHIN) { ev->moved_within++; c->flags |= F_MOVED; }
			else if (closure & CLOSURE_MOVED_OUT) { ev->moved_out++; c->flags |= F_MOVED; }
		}
		c->agency = db_column_int(st, 3);
		int64_t hood = db_column_int(st, 4), ward = db_column_int(st, 5);
		c->area = hood ? hood : ward;
		if (!ward && hood) {
			int64_t h = id_map_get(&locality_index, hood);
			if (h >= 0) ward = localities[h].number;
		}
		c->ward = ward;
	}
	db_finalize(st);
	struct id_map cohort;
	id_map_build(&cohort, case_ids, n);
	free(case_ids);
	ev->ongoing = ev->cases_received - ev->closed;
	ev->closed_not_resolved = ev->closed - ev->positively_resolved;

	/* 2. which cases came from a referral (those count as referrals by the referral's date) */
	st = db_prepare(db, "SELECT case_id FROM referral WHERE case_id IS NOT NULL");
	while (db_step(st) == DB_ROW) {
		int64_t k = id_map_get(&cohort, db_column_int(st, 0));
		if (k >= 0) cases[k].flags |= F_REFERRAL;
	}
	db_finalize(st);

	/* 3. per case: received without a referral, area, ward */
	for (size_t i = 0; i < n; i++) {
		struct cohort_case *c = &cases[i];
		if (!(c->flags & F_REFERRAL)) {
			ev->referrals++;
			if (c->month >= 0) ev->months[c->month].referrals++;
			int64_t ai = id_map_get(&agency_index, c->agency);
			agency_count[ai >= 0 ? (size_t)ai : n_agencies]++;
		}
		int64_t li = id_map_get(&locality_index, c->area);
		locality_count[li >= 0 ? (size_t)li : n_localities]++;
		int64_t wi = id_map_get(&locality_index, c->ward);
		if (wi >= 0 && strcmp(localities[wi].extra, "ward") == 0) ward_count[wi]++;
		else ward_count[n_localities]++;
	}

	/* 4. referrals in the period */
	st = db_preparef(db, "SELECT r.referred_on, r.status, r.consent, coalesce(r.referring_agency_id, 0) FROM referral r"
		" WHERE r.referred_on BETWEEN ? AND ?", "tt", ev->from, ev->to);
	while (db_step(st) == DB_ROW) {
		ev->referrals++;
		int m = month_index(ev, db_column_text(st, 0));
		if (m >= 0) ev->months[m].referrals++;
		const char *status = db_column_text(st, 1);
		if (strcmp(status, "signposted") == 0) ev->signposted++;
		else if (strcmp(status, "passed_to_asb") == 0) ev->passed_to_asb++;
		else if (strcmp(status, "submitted") == 0) ev->awaiting_triage++;
		ev->refused_to_engage += strcmp(db_column_text(st, 2), "refused") == 0;
		int64_t ai = id_map_get(&agency_index, db_column_int(st, 3));
		agency_count[ai >= 0 ? (size_t)ai : n_agencies]++;
	}
	db_finalize(st);

	/* 5. exploitation types of the cohort's cases */
	evaluation_reader_links(&reader);
	for (size_t i = 0; i < reader.type_count; i++) {
		if (id_map_get(&cohort, reader.types[i].case_id) < 0) continue;
		int64_t t = index_of(types, n_types, reader.types[i].other);
		if (t >= 0) types[t].count++;
	}

	/* 6. interventions recorded by the end of the period: a bit per kind per case */
	size_t words = (n_kinds + 63) / 64 + 1;
	uint64_t *bits = xcalloc((n ? n : 1) * words, sizeof *bits);
	int64_t max_kind = 0;
	for (size_t k = 0; k < n_kinds; k++) if (kinds[k].id > max_kind) max_kind = kinds[k].id;
	int32_t *kind_pos = xcalloc((size_t)max_kind + 1, sizeof *kind_pos);   /* kind id -> index + 1 */
	for (size_t k = 0; k < n_kinds; k++) kind_pos[kinds[k].id] = (int32_t)k + 1;
	for (size_t i = 0; i < reader.intervention_count; i++) {
		int64_t c = id_map_get(&cohort, reader.interventions[i].case_id);
		int64_t kid = reader.interventions[i].other;
		if (c < 0 || kid <= 0 || kid > max_kind || !kind_pos[kid]) continue;
		size_t k = (size_t)kind_pos[kid] - 1;
		kinds[k].records++;
		uint64_t *w = &bits[(size_t)c * words + k / 64], bit = (uint64_t)1 << (k % 64);
		if (!(*w & bit)) {
			*w |= bit;
			kinds[k].count++;
		}
	}
	free(kind_pos);

	/* outcomes lines: a case once per line it has a kind of (or, for Moved, a recorded move) */
	int32_t *line_of = xcalloc(n_kinds + 1, sizeof *line_of);       /* kind index -> line index + 1 */
	for (size_t k = 0; k < n_kinds; k++)
		for (size_t g = 0; g < n_groups; g++)
			if (strcmp(kinds[k].extra, groups[g].code) == 0) line_of[k] = (int32_t)g + 1;
	uint8_t *seen = xcalloc(n_groups + 1, 1);
	for (size_t i = 0; i < n; i++) {
		memset(seen, 0, n_groups + 1);
		for (size_t w = 0; w < words; w++)
			for (uint64_t v = bits[i * words + w]; v; v &= v - 1) {
				size_t k = w * 64 + (size_t)__builtin_ctzll(v);
				if (k < n_kinds && line_of[k]) seen[line_of[k] - 1] = 1;
			}
		for (size_t g = 0; g < n_groups; g++) {
			if (groups[g].number && (cases[i].flags & (F_CLOSED | F_MOVED)) == (F_CLOSED | F_MOVED)) seen[g] = 1;
			groups[g].count += seen[g];
		}
	}
	free(seen);
	free(line_of);
	free(bits);

	/* ---- into the evaluation's lists ---- */
	size_t cnt = 0;
	ev->agencies = arena_alloc(a, (n_agencies + 1) * sizeof *ev->agencies);
	for (size_t i = 0; i <= n_agencies; i++) {
		if (!agency_count[i]) continue;
		struct evaluation_count *c = &ev->agencies[cnt++];
		c->key = i < n_agencies ? agencies[i].id : 0;
		c->label = i < n_agencies ? agencies[i].label : "Not recorded";
		c->code = "";
		c->count = agency_count[i];
	}
	qsort(ev->agencies, cnt, sizeof *ev->agencies, by_count_then_label);
	ev->agency_count = cnt;

	cnt = 0;
	ev->types = arena_alloc(a, (n_types + 1) * sizeof *ev->types);
	for (size_t i = 0; i < n_types; i++)
		if (types[i].count || !types[i].retired)
			ev->types[cnt++] = (struct evaluation_count){types[i].label, types[i].count, types[i].id, types[i].code, 0};
	ev->type_count = cnt;

	cnt = 0;
	ev->outcomes = arena_alloc(a, (n_groups + n_kinds + 1) * sizeof *ev->outcomes);
	for (size_t g = 0; g < n_groups; g++)
		ev->outcomes[cnt++] = (struct evaluation_count){groups[g].label, groups[g].count, 0, groups[g].code, 0};
	for (size_t k = 0; k < n_kinds; k++)
		if (!*kinds[k].extra && kinds[k].count)
			ev->outcomes[cnt++] = (struct evaluation_count){kinds[k].label, kinds[k].count, kinds[k].id, kinds[k].code, 0};
	ev->outcome_count = cnt;

	cnt = 0;
	ev->interventions = arena_alloc(a, (n_kinds + 1) * sizeof *ev->interventions);
	for (size_t k = 0; k < n_kinds; k++)
		if (kinds[k].records)
			ev->interventions[cnt++] = (struct evaluation_count){kinds[k].label, kinds[k].count, kinds[k].id, kinds[k].code,
				kinds[k].records};
	ev->intervention_count = cnt;

	cnt = 0;
	ev->areas = arena_alloc(a, (n_localities + 1) * sizeof *ev->areas);
	for (size_t i = 0; i <= n_localities; i++) {
		if (!locality_count[i]) continue;
		ev->areas[cnt++] = (struct evaluation_count){i < n_localities ? localities[i].label : "Not recorded", locality_count[i],
			i < n_localities ? localities[i].id : 0, "", 0};
	}
	qsort(ev->areas, cnt, sizeof *ev->areas, by_label_unknown_last);
	ev->area_count = cnt;

	cnt = 0;
	ev->wards = arena_alloc(a, (n_localities + 1) * sizeof *ev->wards);
	for (size_t i = 0; i < n_localities; i++)
		if (strcmp(localities[i].extra, "ward") == 0)
			ev->wards[cnt++] = (struct evaluation_ward){localities[i].label, localities[i].code, localities[i].id, ward_count[i],
				NULL, NULL, 0};
	qsort(ev->wards, cnt, sizeof *ev->wards, evaluation_ward_by_name);
	ev->ward_count = cnt;
	ev->ward_unknown = ward_count[n_localities];

	free(cases);
	id_map_free(&cohort);
	id_map_free(&locality_index);
	id_map_free(&agency_index);
	evaluation_reader_end(&reader);
}
