/* Subject access: collect, redact, audit. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/audit.h"
#include "model/audit_search.h"
#include "model/case_vocab.h"
#include "model/sealed_text.h"
#include "model/subject_access.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define ADDRESS_WITHHELD "[address withheld: third-party information]"

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '\'';
}

/* Length of TERM matched at TEXT (ASCII case ignored, whole words), or 0. */
static size_t match_at(const char *text, size_t i, const char *term)
{
	size_t len = strlen(term);
	if (i > 0 && word_char((unsigned char)text[i - 1])) return 0;
	for (size_t k = 0; k < len; k++)
		if (!text[i + k] || tolower((unsigned char)text[i + k]) != tolower((unsigned char)term[k])) return 0;
	return word_char((unsigned char)text[i + len]) ? 0 : len;
}

const char *subject_access_redact(struct arena *a, const char *text, const char *const *terms, size_t n_terms)
{
	if (!text || !*text) return "";
	if (!n_terms) return arena_strdup(a, text);
	struct buf b = BUF_INIT;
	for (size_t i = 0; text[i];) {
		size_t best = 0;
		for (size_t t = 0; t < n_terms; t++) {
			size_t m = match_at(text, i, terms[t]);
			if (m > best) best = m;
		}
		if (best) {
			buf_puts(&b, SAR_REDACTED);
			i += best;
		} else {
			buf_putc(&b, text[i++]);
		}
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The state of one export while it is gathered. */
struct sar_build {
	struct db *db;
	struct arena *a;
	struct sar_export *out;
	int64_t ids[64];           /* the person and the records merged into them */
	size_t n_ids;
	const char **own_words;    /* the subject's own name words: never redacted */
	size_t n_own, cap_own;
	const char **terms;        /* other people's names, dates of birth, addresses */
	size_t n_terms, cap_terms;
	int64_t *case_ids, *referral_ids;
	size_t n_case_ids, n_referral_ids, cap_case_ids, cap_referral_ids;
};

static int is_subject(const struct sar_build *s, int64_t person_id)
{
	for (size_t i = 0; i < s->n_ids; i++)
		if (s->ids[i] == person_id) return 1;
	return 0;
}

static int is_own_word(const struct sar_build *s, const char *w)
{
	for (size_t i = 0; i < s->n_own; i++)
		if (!strcasecmp(s->own_words[i], w)) return 1;
	return 0;
}

/* Split TEXT into words (letters, digits, apostrophes, hyphens) and call ADD for each. */
static void each_word(struct sar_build *s, const char *text, void (*add)(struct sar_build *, const char *))
{
	const char *p = text;
	while (p && *p) {
		while (*p && !word_char((unsigned char)*p) && *p != '-') p++;
		const char *start = p;
		while (*p && (word_char((unsigned char)*p) || *p == '-')) p++;
		if (p - start >= 2) add(s, arena_strndup(s->a, start, (size_t)(p - start)));
	}
}

static void add_own(struct sar_build *s, const char *w)
{
	const char **slot = arena_array_push(s->a, &s->own_words, &s->n_own, &s->cap_own, sizeof *slot);
	*slot = w;
}

static void add_term(struct sar_build *s, const char *w)
{
	if (!w || strlen(w) < 2 || is_own_word(s, w)) return;
	for (size_t i = 0; i < s->n_terms; i++)
		if (!strcasecmp(s->terms[i], w)) return;
	const char **slot = arena_array_push(s->a, &s->terms, &s->n_terms, &s->cap_terms, sizeof *slot);
	*slot = w;
}

static const char *redact(struct sar_build *s, const char *text)
{
	return subject_access_redact(s->a, text, s->terms, s->n_terms);
}

/* Collect other people's identifiers from the people linked through SQL (one "?" = a record id). */
static void other_people_terms(struct sar_build *s, const char *sql, int64_t id)
{
	struct db_stmt *st = db_preparef(s->db, sql, "i", id);
	while (db_step(st) == DB_ROW) {
		if (is_subject(s, db_column_int(st, 0))) continue;
		for (int c = 1; c <= 3; c++) each_word(s, db_column_text(st, c), add_term);
		add_term(s, arena_strdup(s->a, db_column_text(st, 4)));   /* date of birth */
	}
	db_finalize(st);
}

static void push_id(struct sar_build *s, int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*ids)[i] == id) return;
	int64_t *slot = arena_array_push(s->a, ids, n, cap, sizeof *slot);
	*slot = id;
}

/* The cases and referrals naming anyone in the subject's set, and the third parties on them. */
static void gather_records(struct sar_build *s)
{
	for (size_t i = 0; i < s->n_ids; i++) {
		struct db_stmt *st = db_preparef(s->db, "SELECT DISTINCT case_id FROM case_person WHERE person_id = ?"
			" UNION SELECT DISTINCT case_id FROM case_intervention WHERE person_id = ?", "ii", s->ids[i], s->ids[i]);
		while (db_step(st) == DB_ROW) push_id(s, &s->case_ids, &s->n_case_ids, &s->cap_case_ids, db_column_int(st, 0));
		db_finalize(st);
		st = db_preparef(s->db, "SELECT DISTINCT referral_id FROM referral_person WHERE person_id = ?", "i", s->ids[i]);
		while (db_step(st) == DB_ROW) push_id(s, &s->referral_ids, &s->n_referral_ids, &s->cap_referral_ids, db_column_int(st, 0));
		db_finalize(st);
	}
	/* third parties: everyone else on those cases and referrals, and addresses not the subject's */
	static const char *const people_sql[] = {
		"SELECT pe.id, pe.given_name, pe.family_name, pe.known_as, coalesce(pe.date_of_birth, '') FROM case_person cp"
		" JOIN person pe ON pe.id = cp.person_id WHERE cp.case_id = ?",
		"SELECT pe.id, pe.given_name, pe.family_name, pe.known_as, coalesce(pe.date_of_birth, '') FROM case_intervention i"
		" JOIN person pe ON pe.id = i.person_id WHERE i.case_id = ?",
	};
	for (size_t i = 0; i < s->n_case_ids; i++)
		for (size_t k = 0; k < 2; k++) other_people_terms(s, people_sql[k], s->case_ids[i]);
	for (size_t i = 0; i < s->n_referral_ids; i++)
		other_people_terms(s, "SELECT pe.id, pe.given_name, pe.family_name, pe.known_as, coalesce(pe.date_of_birth, '')"
			" FROM referral_person rp JOIN person pe ON pe.id = rp.person_id WHERE rp.referral_id = ?", s->referral_ids[i]);
}

/* The subject's role on case CASE_ID (the first, by precedence). */
static const char *subject_role(struct sar_build *s, const char *sql, int64_t record_id)
{
	const char *role = "";
	struct db_stmt *st = db_preparef(s->db, sql, "i", record_id);
	while (db_step(st) == DB_ROW)
		if (is_subject(s, db_column_int(st, 0)) && !*role) role = arena_strdup(s->a, db_column_text(st, 1));
	db_finalize(st);
	return role;
}

static int lived_there(const char *role)
{
	return !strcmp(role, "resident") || !strcmp(role, "other_occupant");
}

static const char *address_line(struct sar_build *s, struct db_stmt *st, int col)
{
	const char *line1 = db_column_text(st, col), *line2 = db_column_text(st, col + 1), *town = db_column_text(st, col + 2),
		*postcode = db_column_text(st, col + 3);
	return arena_printf(s->a, "%s%s%s%s%s%s%s", line1, *line2 ? ", " : "", line2, *town ? ", " : "", town,
		*postcode ? ", " : "", postcode);
}

/* Addresses of properties not the subject's home become redaction terms before any text is read. */
static void address_terms(struct sar_build *s)
{
	for (size_t i = 0; i < s->n_case_ids; i++) {
		const char *role = subject_role(s, "SELECT person_id, role FROM case_person WHERE case_id = ?", s->case_ids[i]);
		if (lived_there(role)) continue;
		struct db_stmt *st = db_preparef(s->db, "SELECT p.address_line1, p.postcode FROM case_property cp"
			" JOIN property p ON p.id = cp.property_id WHERE cp.case_id = ?", "i", s->case_ids[i]);
		while (db_step(st) == DB_ROW) {
			add_term(s, arena_strdup(s->a, db_column_text(st, 0)));
			add_term(s, arena_strdup(s->a, db_column_text(st, 1)));
		}
		db_finalize(st);
	}
	for (size_t i = 0; i < s->n_referral_ids; i++) {
		const char *role = subject_role(s, "SELECT person_id, role FROM referral_person WHERE referral_id = ?", s->referral_ids[i]);
		if (lived_there(role)) continue;
		struct db_stmt *st = db_preparef(s->db, "SELECT p.address_line1, p.postcode FROM referral r"
			" JOIN property p ON p.id = r.property_id WHERE r.id = ?", "i", s->referral_ids[i]);
		while (db_step(st) == DB_ROW) {
			add_term(s, arena_strdup(s->a, db_column_text(st, 0)));
			add_term(s, arena_strdup(s->a, db_column_text(st, 1)));
		}
		db_finalize(st);
	}
}

static void dated_push(struct sar_build *s, struct sar_dated_text **items, size_t *n, size_t *cap, const char *date,
	const char *title, const char *text, const char *by)
{
	struct sar_dated_text *d = arena_array_push(s->a, items, n, cap, sizeof *d);
	d->date = arena_strdup(s->a, date);
	d->title = arena_strdup(s->a, title);
	d->text = text;
	d->by = arena_strdup(s->a, by);
}

static void load_case(struct sar_build *s, int64_t id, struct sar_case *c)
{
	struct db *db = s->db;
	char day[11];
	c->id = id;
	c->role = subject_role(s, "SELECT person_id, role FROM case_person WHERE case_id = ?", id);
	if (!*c->role) c->role = "named in an intervention";
	struct db_stmt *st = db_preparef(db, "SELECT c.reference, ag.name, c.status, c.opened_on, coalesce(c.closed_on, ''), c.summary,"
		" coalesce((SELECT group_concat(t.label, ', ') FROM case_exploitation_type ct JOIN exploitation_type t ON t.id = ct.type_id"
		"  WHERE ct.case_id = c.id), '') FROM case_file c JOIN agency ag ON ag.id = c.agency_id WHERE c.id = ?", "i", id);
	if (db_step(st) == DB_ROW) {
		c->reference = arena_strdup(s->a, db_column_text(st, 0));
		c->agency = arena_strdup(s->a, db_column_text(st, 1));
		c->status = vocab_label(vocab_case_status, db_column_text(st, 2));
		c->opened_on = arena_strdup(s->a, db_column_text(st, 3));
		c->closed_on = arena_strdup(s->a, db_column_text(st, 4));
		c->summary = redact(s, sealed_text_open(s->a, "case_file.summary", id, db_column_text(st, 5)));
		c->types = arena_strdup(s->a, db_column_text(st, 6));
	}
	db_finalize(st);

	size_t cap = 0;
	st = db_preparef(db, "SELECT p.address_line1, p.address_line2, p.town, p.postcode FROM case_property cp"
		" JOIN property p ON p.id = cp.property_id WHERE cp.case_id = ? ORDER BY cp.id", "i", id);
	while (db_step(st) == DB_ROW) {
		const char **slot = arena_array_push(s->a, &c->addresses, &c->n_addresses, &cap, sizeof *slot);
		*slot = lived_there(c->role) ? address_line(s, st, 0) : ADDRESS_WITHHELD;
	}
	db_finalize(st);

	struct buf roles = BUF_INIT;
	int others = 0;
	st = db_preparef(db, "SELECT person_id, role FROM case_person WHERE case_id = ? ORDER BY id", "i", id);
	while (db_step(st) == DB_ROW) {
		if (is_subject(s, db_column_int(st, 0))) continue;
		buf_printf(&roles, "%s%s", others++ ? ", " : "", vocab_label(vocab_person_role, db_column_text(st, 1)));
	}
	db_finalize(st);
	c->other_people = others ? arena_printf(s->a, "%d other %s (%s); their details are withheld", others,
		others == 1 ? "person" : "people", buf_str(&roles)) : "";
	buf_free(&roles);

	cap = 0;
	st = db_preparef(db, "SELECT r.id, r.level, r.reason, r.assessed_at, coalesce(u.name, '') FROM case_risk r"
		" LEFT JOIN user u ON u.id = r.assessed_by WHERE r.case_id = ? ORDER BY r.assessed_at, r.id", "i", id);
	while (db_step(st) == DB_ROW) {
		clock_format_date(db_column_int(st, 3), day, sizeof day);
		dated_push(s, &c->risk, &c->n_risk, &cap, day, vocab_label(vocab_risk, db_column_text(st, 1)),
			redact(s, sealed_text_open(s->a, "case_risk.reason", db_column_int(st, 0), db_column_text(st, 2))), db_column_text(st, 4));
	}
	db_finalize(st);

	cap = 0;
	st = db_preparef(db, "SELECT i.id, i.occurred_on, k.label, i.details, coalesce(u.name, ''), coalesce(i.person_id, 0)"
		" FROM case_intervention i JOIN intervention_kind k ON k.id = i.kind_id LEFT JOIN user u ON u.id = i.recorded_by"
		" WHERE i.case_id = ? ORDER BY i.occurred_on, i.id", "i", id);
	while (db_step(st) == DB_ROW) {
		int64_t about = db_column_int(st, 5);
		if (about && !is_subject(s, about))
			dated_push(s, &c->interventions, &c->n_interventions, &cap, db_column_text(st, 1), "Withheld",
				"An intervention concerning another person", "");
		else
			dated_push(s, &c->interventions, &c->n_interventions, &cap, db_column_text(st, 1), db_column_text(st, 2),
				redact(s, sealed_text_open(s->a, "case_intervention.details", db_column_int(st, 0), db_column_text(st, 3))),
				db_column_text(st, 4));
	}
	db_finalize(st);

	cap = 0;
	st = db_preparef(db, "SELECT t.title, t.due_on, t.done_at IS NOT NULL, coalesce(u.name, '') FROM case_task t"
		" LEFT JOIN user u ON u.id = t.owner_user_id WHERE t.case_id = ? ORDER BY t.due_on, t.id", "i", id);
	while (db_step(st) == DB_ROW)
		dated_push(s, &c->tasks, &c->n_tasks, &cap, db_column_text(st, 1), db_column_int(st, 2) ? "Done" : "Open",
			redact(s, db_column_text(st, 0)), db_column_text(st, 3));
	db_finalize(st);

	cap = 0;
	st = db_preparef(db, "SELECT n.id, n.body, n.created_at, coalesce(u.name, ''), coalesce(sc.label, '') FROM case_note n"
		" LEFT JOIN user u ON u.id = n.author_id LEFT JOIN special_category sc ON sc.code = n.special_category"
		" WHERE n.case_id = ? ORDER BY n.created_at, n.id", "i", id);
	while (db_step(st) == DB_ROW) {
		clock_format_date(db_column_int(st, 2), day, sizeof day);
		const char *label = db_column_text(st, 4);
		dated_push(s, &c->notes, &c->n_notes, &cap, day, *label ? arena_printf(s->a, "Note (%s)", label) : "Note",
			redact(s, sealed_text_open(s->a, "case_note.body", db_column_int(st, 0), db_column_text(st, 1))), db_column_text(st, 3));
	}
	db_finalize(st);
}

static void load_referral(struct sar_build *s, int64_t id, struct sar_referral *r)
{
	r->id = id;
	r->role = subject_role(s, "SELECT person_id, role FROM referral_person WHERE referral_id = ?", id);
	struct db_stmt *st = db_preparef(s->db, "SELECT r.referred_on, ag.name, r.status, r.urgency, r.observations,"
		" coalesce((SELECT group_concat(cs.label, '; ') FROM referral_sign rs JOIN cuckooing_sign cs ON cs.code = rs.sign_code"
		"  WHERE rs.referral_id = r.id), ''), p.address_line1, coalesce(p.address_line2, ''), coalesce(p.town, ''),"
		" coalesce(p.postcode, ''), p.id IS NOT NULL"
		" FROM referral r JOIN agency ag ON ag.id = r.referring_agency_id LEFT JOIN property p ON p.id = r.property_id"
		" WHERE r.id = ?", "i", id);
	if (db_step(st) == DB_ROW) {
		r->referred_on = arena_strdup(s->a, db_column_text(st, 0));
		r->referring_agency = arena_strdup(s->a, db_column_text(st, 1));
		r->status = vocab_label(vocab_referral_status, db_column_text(st, 2));
		r->urgency = vocab_label(vocab_urgency, db_column_text(st, 3));
		r->observations = redact(s, sealed_text_open(s->a, "referral.observations", id, db_column_text(st, 4)));
		r->signs = arena_strdup(s->a, db_column_text(st, 5));
		r->address = !db_column_int(st, 10) ? "" : lived_there(r->role) ? address_line(s, st, 6) : ADDRESS_WITHHELD;
	}
	db_finalize(st);
}

/* Audit rows that consulted or disclosed RECORD_TYPE/ID, appended to the export. */
static void load_views(struct sar_build *s, const char *record_type, int64_t id, size_t *cap)
{
	char rid[24];
	snprintf(rid, sizeof rid, "%" PRId64, id);
	struct db_stmt *st = db_preparef(s->db, "SELECT a.at, coalesce(u.name, ''), coalesce(ag.name, ''), a.action FROM (" AUDIT_TRAIL ") a"
		" LEFT JOIN user u ON u.id = a.user_id LEFT JOIN agency ag ON ag.id = u.agency_id"
		" WHERE a.record_type = ? AND a.record_id = ? ORDER BY a.at, a.log DESC, a.id", "tt", record_type, rid);
	while (db_step(st) == DB_ROW) {
		const char *action = db_column_text(st, 3);
		const char *category = audit_action_category(action);
		if (strcmp(category, "consultation") && strcmp(category, "disclosure")) continue;
		struct sar_view *v = arena_array_push(s->a, &s->out->views, &s->out->n_views, cap, sizeof *v);
		v->at = db_column_int(st, 0);
		v->user = *db_column_text(st, 1) ? arena_strdup(s->a, db_column_text(st, 1)) : "nestguard (system or command line)";
		v->agency = arena_strdup(s->a, db_column_text(st, 2));
		v->action = arena_strdup(s->a, action);
		v->category = category;
		v->record_type = arena_strdup(s->a, record_type);
		v->record_id = arena_strdup(s->a, rid);
	}
	db_finalize(st);
}

static int view_cmp(const void *pa, const void *pb)
{
	const struct sar_view *a = pa, *b = pb;
	return (a->at > b->at) - (a->at < b->at);
}

int subject_access_collect(struct db *db, const struct actor *who, int64_t person_id, const char *request_reference,
	const char *format, struct arena *a, struct sar_export *out, struct field_errors *errs)
{
	memset(out, 0, sizeof *out);
	int64_t survivor = db_int(db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", person_id);
	if (survivor) person_id = survivor;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM person WHERE id = ?", "i", person_id);
	if (!owner || !who) return MODEL_NOT_FOUND;
	if (who->user_id != 0 && !((who->roles & (ROLE_TEAM_LEADER | ROLE_ADMIN)) && who->agency_id == owner))
		return MODEL_NOT_FOUND;
	const char *reference = validate_text(a, errs, "request_reference", request_reference,
		"the subject access request reference", 1, 60, 0);
	if (!reference) return MODEL_INVALID;

	struct sar_build s = {0};
	s.db = db;
	s.a = a;
	s.out = out;
	s.ids[s.n_ids++] = person_id;
	db_begin(db);
	struct db_stmt *st = db_preparef(db, "SELECT pe.given_name, pe.family_name, pe.known_as, coalesce(pe.date_of_birth, ''),"
		" ag.name FROM person pe JOIN agency ag ON ag.id = pe.agency_id WHERE pe.id = ?", "i", person_id);
	if (db_step(st) == DB_ROW) {
		out->given_name = arena_strdup(a, db_column_text(st, 0));
		out->family_name = arena_strdup(a, db_column_text(st, 1));
		out->known_as = arena_strdup(a, db_column_text(st, 2));
		out->date_of_birth = arena_strdup(a, db_column_text(st, 3));
		out->agency = arena_strdup(a, db_column_text(st, 4));
	}
	db_finalize(st);
	out->person_id = person_id;
	each_word(&s, out->given_name, add_own);
	each_word(&s, out->family_name, add_own);
	each_word(&s, out->known_as, add_own);
	size_t cap = 0;
	st = db_preparef(db, "SELECT id, given_name, family_name, known_as FROM person WHERE merged_into = ? ORDER BY id", "i", person_id);
	while (db_step(st) == DB_ROW && s.n_ids < 64) {
		s.ids[s.n_ids++] = db_column_int(st, 0);
		const char **slot = arena_array_push(a, &out->also_recorded_as, &out->n_also, &cap, sizeof *slot);
		*slot = arena_printf(a, "%s %s%s%s", db_column_text(st, 1), db_column_text(st, 2), *db_column_text(st, 3) ? " known as " : "",
			db_column_text(st, 3));
		for (int c = 1; c <= 3; c++) each_word(&s, db_column_text(st, c), add_own);
	}
	db_finalize(st);

	gather_records(&s);
	address_terms(&s);
	out->cases = arena_alloc(a, (s.n_case_ids ? s.n_case_ids : 1) * sizeof *out->cases);
	for (size_t i = 0; i < s.n_case_ids; i++) load_case(&s, s.case_ids[i], &out->cases[out->n_cases++]);
	out->referrals = arena_alloc(a, (s.n_referral_ids ? s.n_referral_ids : 1) * sizeof *out->referrals);
	for (size_t i = 0; i < s.n_referral_ids; i++) load_referral(&s, s.referral_ids[i], &out->referrals[out->n_referrals++]);
	cap = 0;
	for (size_t i = 0; i < s.n_ids; i++) load_views(&s, "person", s.ids[i], &cap);
	for (size_t i = 0; i < s.n_case_ids; i++) load_views(&s, "case", s.case_ids[i], &cap);
	for (size_t i = 0; i < s.n_referral_ids; i++) load_views(&s, "referral", s.referral_ids[i], &cap);
	if (out->n_views > 1) qsort(out->views, out->n_views, sizeof *out->views, view_cmp);

	out->generated_at = clock_now();
	out->request_reference = reference;
	out->generated_by = who->user_id ? db_text(db, "SELECT name FROM user WHERE id = ?", "i", who->user_id) : NULL;
	if (out->generated_by) {
		char *name = (char *)out->generated_by;
		out->generated_by = arena_strdup(a, name);
		free(name);
	} else {
		out->generated_by = "nestguard command line";
	}
	char detail[96], rid[24];
	snprintf(detail, sizeof detail, "format=%s cases=%zu referrals=%zu views=%zu", format ? format : "", out->n_cases,
		out->n_referrals, out->n_views);
	snprintf(rid, sizeof rid, "%" PRId64, person_id);
	audit_record(db, who, "person.sar", "person", rid, reference, detail);
	db_commit(db);
	return MODEL_OK;
}
