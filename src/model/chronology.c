/* Chronology: one query per source, merged and sorted by (date, recorded moment). */
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case_access.h"
#include "model/case_vocab.h"
#include "model/chronology.h"
#include "model/record_audit.h"
#include "model/sealed_text.h"
#include "model/validation.h"
#include "util/arena.h"
#include "util/clock.h"

struct collector {
	struct arena *a;
	struct chronology_entry *items;
	size_t n, cap;
};

static struct chronology_entry *add(struct collector *c, const char *date, int64_t at, const char *kind,
	const char *title, const char *detail, const char *by)
{
	struct chronology_entry *e = arena_array_push(c->a, &c->items, &c->n, &c->cap, sizeof *e);
	char d[11];
	if (!date || !*date) {
		clock_format_date(at, d, sizeof d);
		date = d;
	}
	e->date = arena_strdup(c->a, date);
	e->at = at;
	e->kind = kind;
	e->title = arena_strdup(c->a, title);
	e->detail = arena_strdup(c->a, detail ? detail : "");
	e->by_name = arena_strdup(c->a, by ? by : "");
	e->order = c->n;
	return e;
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct chronology_entry *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	if (c) return c;
	if (a->at != b->at) return (a->at > b->at) - (a->at < b->at);
	return (a->order > b->order) - (a->order < b->order);
}

/* Title for a case_event row. NAME is the person/property/user named by ref_id. */
static const char *event_title(struct arena *a, const char *kind, const char *name, const char *detail)
{
	if (!strcmp(kind, "opened")) return "Case opened";
	if (!strcmp(kind, "assigned")) return arena_printf(a, "Assigned to %s", name);
	if (!strcmp(kind, "person_added"))
		return arena_printf(a, "%s added as %s", name, vocab_label(vocab_person_role, detail));
	if (!strcmp(kind, "person_removed"))
		return arena_printf(a, "%s removed (was %s)", name, vocab_label(vocab_person_role, detail));
	if (!strcmp(kind, "person_merged")) return arena_printf(a, "Duplicate record merged into %s", name);
	if (!strcmp(kind, "property_added")) return arena_printf(a, "Property added: %s", name);
	if (!strcmp(kind, "types_changed")) return "Exploitation types changed";
	if (!strcmp(kind, "closure_requested")) return "Closure requested";
	if (!strcmp(kind, "closure_approved")) return "Closure approved; case closed";
	if (!strcmp(kind, "closure_declined")) return "Closure declined; case kept open";
	if (!strcmp(kind, "reopened")) return "Case reopened";
	return kind;
}

/* Details shown for an event: reasons yes (free text: only with the notes section), internal
 * codes no. */
static const char *event_detail(const char *kind, const char *detail, unsigned sections)
{
	if (!(sections & CASE_SECTION_NOTES)) return "";
	if (!strcmp(kind, "closure_requested") || !strcmp(kind, "closure_declined") || !strcmp(kind, "reopened"))
		return detail;
	return "";
}

/* The section an event belongs to: events naming a person or a property go with those. */
static unsigned event_section(const char *kind)
{
	if (!strncmp(kind, "person_", 7)) return CASE_SECTION_PEOPLE;
	if (!strcmp(kind, "property_added")) return CASE_SECTION_PROPERTY;
	return 0;
}

static const char *const withheld_title = "Special-category record withheld";

int chronology_for_case(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct chronology_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* each source below joins only when its own section may be read too (case_access.h) */
	struct case_grant grant;
	case_access_grant(db, who, case_id, &grant);
	if (grant.level < ACCESS_READ || !(grant.sections & CASE_SECTION_CHRONOLOGY)) return MODEL_NOT_FOUND;
	unsigned sections = grant.sections;
	struct collector c = {a, NULL, 0, 0};
	db_begin(db);

	struct db_stmt *st = db_preparef(db, "SELECT r.referred_on, r.created_at, ag.name, r.observations, r.referrer_name,"
		" coalesce(r.triaged_at, 0), r.status, coalesce(r.triage_reason, ''), coalesce(u.name, ''), r.id"
		" FROM referral r JOIN agency ag ON ag.id = r.referring_agency_id LEFT JOIN user u ON u.id = r.triaged_by"
		" WHERE r.case_id = ?", "i", case_id);
	int notes = (sections & CASE_SECTION_NOTES) != 0;
	while (db_step(st) == DB_ROW) {
		add(&c, db_column_text(st, 0), db_column_int(st, 1), "referral",
			arena_printf(a, "Referral from %s", db_column_text(st, 2)),
			notes ? sealed_text_open(a, "referral.observations", db_column_int(st, 9), db_column_text(st, 3)) : "",
			db_column_text(st, 4));
		if (db_column_int(st, 5))
			add(&c, NULL, db_column_int(st, 5), "referral", "Referral accepted", notes ? db_column_text(st, 7) : "",
				db_column_text(st, 8));
	}
	db_finalize(st);

	st = db_preparef(db, "SELECT e.kind, e.detail, e.at, coalesce(u.name, ''),"
		" CASE WHEN e.kind IN ('person_added', 'person_removed', 'person_merged')"
		"   THEN (SELECT given_name || ' ' || family_name FROM person WHERE id = e.ref_id)"
		" WHEN e.kind = 'property_added' THEN (SELECT address_line1 || ', ' || postcode FROM property WHERE id = e.ref_id)"
		" WHEN e.kind = 'assigned' THEN (SELECT name FROM user WHERE id = e.ref_id) END,"
		" c.opened_on"
		" FROM case_event e JOIN case_file c ON c.id = e.case_id LEFT JOIN user u ON u.id = e.user_id"
		" WHERE e.case_id = ?", "i", case_id);
	while (db_step(st) == DB_ROW) {
		const char *kind = db_column_text(st, 0);
		const char *detail = db_column_text(st, 1);
		if ((event_section(kind) & sections) != event_section(kind)) continue;
		/* an imported case was opened on the date in the spreadsheet, not when it was loaded */
		const char *date = !strcmp(kind, "opened") ? db_column_text(st, 5) : NULL;
		add(&c, date, db_column_int(st, 2), "event", event_title(a, kind, db_column_text(st, 4), detail),
			event_detail(kind, detail, sections), db_column_text(st, 3));
	}
	db_finalize(st);

	st = db_preparef(db, "SELECT r.level, r.reason, r.assessed_at, coalesce(u.name, ''), r.id FROM case_risk r"
		" LEFT JOIN user u ON u.id = r.assessed_by WHERE r.case_id = ?", "i", case_id);
	while ((sections & CASE_SECTION_RISK) && db_step(st) == DB_ROW)
		add(&c, NULL, db_column_int(st, 2), "risk",
			arena_printf(a, "Risk set to %s", vocab_label(vocab_risk, db_column_text(st, 0))),
			sealed_text_open(a, "case_risk.reason", db_column_int(st, 4), db_column_text(st, 1)), db_column_text(st, 3));
	db_finalize(st);

	st = db_preparef(db, "SELECT i.occurred_on, i.recorded_at, k.label, i.details, coalesce(u.name, ''),"
		" coalesce(pe.given_name || ' ' || pe.family_name, ''), i.id, coalesce(i.special_category, k.special_category, '')"
		" FROM case_intervention i JOIN intervention_kind k ON k.id = i.kind_id LEFT JOIN user u ON u.id = i.recorded_by"
		" LEFT JOIN person pe ON pe.id = i.person_id WHERE i.case_id = ?", "i", case_id);
	while ((sections & CASE_SECTION_INTERVENTIONS) && db_step(st) == DB_ROW) {
		if (!case_grant_allows_special(db, who, &grant, db_column_text(st, 7))) {
			add(&c, db_column_text(st, 0), db_column_int(st, 1), "intervention", withheld_title, "", db_column_text(st, 4));
			continue;
		}
		const char *person = sections & CASE_SECTION_PEOPLE ? db_column_text(st, 5) : "";
		add(&c, db_column_text(st, 0), db_column_int(st, 1), "intervention",
			*person ? arena_printf(a, "%s (%s)", db_column_text(st, 2), person) : db_column_text(st, 2),
			sealed_text_open(a, "case_intervention.details", db_column_int(st, 6), db_column_text(st, 3)), db_column_text(st, 4));
	}
	db_finalize(st);

	st = db_preparef(db, "SELECT t.title, t.due_on, t.created_at, coalesce(t.done_at, 0), coalesce(cu.name, ''),"
		" coalesce(du.name, ''), coalesce(ou.name, '') FROM case_task t LEFT JOIN user cu ON cu.id = t.created_by"
		" LEFT JOIN user du ON du.id = t.done_by LEFT JOIN user ou ON ou.id = t.owner_user_id WHERE t.case_id = ?",
		"i", case_id);
	while ((sections & CASE_SECTION_TASKS) && db_step(st) == DB_ROW) {
		const char *title = db_column_text(st, 0);
		add(&c, NULL, db_column_int(st, 2), "task", arena_printf(a, "Task set: %s", title),
			arena_printf(a, "For %s, due %s", db_column_text(st, 6), db_column_text(st, 1)), db_column_text(st, 4));
		if (db_column_int(st, 3))
			add(&c, NULL, db_column_int(st, 3), "task_done", arena_printf(a, "Task done: %s", title), "",
				db_column_text(st, 5));
	}
	db_finalize(st);

	st = db_preparef(db, "SELECT n.body, n.created_at, coalesce(u.name, ''), n.id, coalesce(n.special_category, '')"
		" FROM case_note n LEFT JOIN user u ON u.id = n.author_id WHERE n.case_id = ?", "i", case_id);
	while (notes && db_step(st) == DB_ROW) {
		if (!case_grant_allows_special(db, who, &grant, db_column_text(st, 4)))
			add(&c, NULL, db_column_int(st, 1), "note", withheld_title, "", db_column_text(st, 2));
		else
			add(&c, NULL, db_column_int(st, 1), "note", "Note",
				sealed_text_open(a, "case_note.body", db_column_int(st, 3), db_column_text(st, 0)), db_column_text(st, 2));
	}
	db_finalize(st);

	/* closed cases from an import have no events for their closure: show the recorded date */
	st = db_preparef(db, "SELECT closed_on, updated_at FROM case_file WHERE id = ? AND status = 'closed'"
		" AND source = 'import'", "i", case_id);
	if (db_step(st) == DB_ROW) add(&c, db_column_text(st, 0), db_column_int(st, 1), "event", "Case closed", "", "");
	db_finalize(st);

	if (c.n > 1) qsort(c.items, c.n, sizeof *c.items, entry_cmp);
	record_audit(db, who, "case.chronology.view", "case", case_id, NULL);
	db_commit(db);
	*out = c.items;
	*n = c.n;
	return MODEL_OK;
}
