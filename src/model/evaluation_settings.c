/* Evaluation settings and unit costs: load, validate, save (audited). See evaluation_settings.h. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/evaluation_settings.h"
#include "model/setting.h"
#include "util/arena.h"
#include "util/xalloc.h"

#define DEFAULT_VOID_COST_PENCE 465910
#define DEFAULT_SERVICE_COST_PENCE 2770500
#define DEFAULT_THRESHOLD 5
#define MAX_PENCE ((int64_t)100000000000)   /* £1 billion */

int money_parse(const char *text, int64_t *pence)
{
	if (!text) return -1;
	const char *p = text;
	while (isspace((unsigned char)*p)) p++;
	if (strncmp(p, "\xC2\xA3", 2) == 0) p += 2;          /* £ */
	int64_t pounds = 0;
	int digits = 0, since_comma = -1;
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			/* grouping commas: after 1-3 digits, then every three digits */
			if (digits == 0 || (since_comma >= 0 && since_comma != 3) || (since_comma < 0 && digits > 3)) return -1;
			since_comma = 0;
			continue;
		}
		pounds = pounds * 10 + (*p - '0');
		if (pounds > MAX_PENCE / 100) return -1;
		digits++;
		if (since_comma >= 0) since_comma++;
	}
	if (digits == 0 || (since_comma >= 0 && since_comma != 3)) return -1;
	int64_t pennies = 0;
	if (*p == '.') {
		p++;
		int d = 0;
		while (isdigit((unsigned char)*p)) {
			if (++d > 2) return -1;
			pennies = pennies * 10 + (*p++ - '0');
		}
		if (d == 0) return -1;
		if (d == 1) pennies *= 10;
	}
	while (isspace((unsigned char)*p)) p++;
	if (*p) return -1;
	*pence = pounds * 100 + pennies;
	return *pence > MAX_PENCE ? -1 : 0;
}

void money_format(int64_t pence, int always_pence, char *out, size_t size)
{
	char digits[32], grouped[48];
	uint64_t v = pence < 0 ? (uint64_t)(-(pence + 1)) + 1 : (uint64_t)pence;
	snprintf(digits, sizeof digits, "%" PRIu64, v / 100);
	size_t n = strlen(digits), g = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = 0;
	if (always_pence || v % 100)
		snprintf(out, size, "%s\xC2\xA3%s.%02u", pence < 0 ? "-" : "", grouped, (unsigned)(v % 100));
	else
		snprintf(out, size, "%s\xC2\xA3%s", pence < 0 ? "-" : "", grouped);
}

static int64_t setting_pence(struct db *db, const char *name, int64_t dflt)
{
	char *v = setting_get(db, name, NULL);
	int64_t p;
	if (!v || money_parse(v, &p) != 0) p = dflt;
	free(v);
	return p;
}

void evaluation_settings_load(struct db *db, struct evaluation_settings *out)
{
	out->void_cost_pence = setting_pence(db, "report.void_cost", DEFAULT_VOID_COST_PENCE);
	out->service_cost_pence = setting_pence(db, "report.service_cost", DEFAULT_SERVICE_COST_PENCE);
	int64_t t = setting_get_int(db, "report.suppression_threshold", DEFAULT_THRESHOLD);
	out->suppression_threshold = t >= 2 && t <= 100 ? (long)t : DEFAULT_THRESHOLD;
}

static int may_change(const struct actor *who)
{
	return who && (who->user_id == 0 || (who->roles & (ROLE_ADMIN | ROLE_TEAM_LEADER)));
}

/* Validate one money field into *PENCE; returns 1 when given and valid, 0 when not given. */
static int money_field(struct field_errors *errs, const char *field, const char *value, const char *label, int64_t *pence)
{
	if (!value) return 0;
	if (money_parse(value, pence) != 0) {
		field_errors_add(errs, field, "Enter %s in pounds, like 4659.10 or \xC2\xA3" "4,659.10", label);
		return -1;
	}
	return 1;
}

int evaluation_settings_save(struct db *db, const struct actor *who, const char *void_cost, const char *service_cost,
	const char *suppression_threshold, struct field_errors *errs)
{
	if (!may_change(who)) return MODEL_FORBIDDEN;
	int64_t void_p = 0, service_p = 0;
	int has_void = money_field(errs, "void_cost", void_cost, "the average void cost", &void_p);
	int has_service = money_field(errs, "service_cost", service_cost, "the cost of the service", &service_p);
	long threshold = 0;
	if (suppression_threshold) {
		char *end = NULL;
		const char *t = suppression_threshold;
		while (isspace((unsigned char)*t)) t++;
		long v = strtol(t, &end, 10);
		while (end && isspace((unsigned char)*end)) end++;
		if (!*t || !end || *end || v < 2 || v > 100)
			field_errors_add(errs, "suppression_threshold", "The suppression threshold must be a whole number from 2 to 100");
		else
			threshold = v;
	}
	if (errs->count) return MODEL_INVALID;
	db_begin(db);
	char v[32];
	if (has_void > 0) {
		snprintf(v, sizeof v, "%" PRId64 ".%02d", void_p / 100, (int)(void_p % 100));
		setting_set(db, who, "report.void_cost", v);
	}
	if (has_service > 0) {
		snprintf(v, sizeof v, "%" PRId64 ".%02d", service_p / 100, (int)(service_p % 100));
		setting_set(db, who, "report.service_cost", v);
	}
	if (threshold) {
		snprintf(v, sizeof v, "%ld", threshold);
		setting_set(db, who, "report.suppression_threshold", v);
	}
	db_commit(db);   /* setting_set() audits each change */
	return MODEL_OK;
}

const char *const unit_cost_bases[] = {"tenancy_sustained", "positively_resolved", "case_received", "outcome_group",
	"intervention_kind", NULL};

const char *unit_cost_basis_label(const char *basis)
{
	static const char *const labels[] = {"per household kept in its tenancy", "per positively resolved case",
		"per case received", "per case on an outcomes line", "per case with an intervention of a kind"};
	for (int i = 0; unit_cost_bases[i]; i++)
		if (basis && strcmp(basis, unit_cost_bases[i]) == 0) return labels[i];
	return basis ? basis : "";
}

size_t unit_cost_list(struct db *db, struct arena *a, struct unit_cost **out)
{
	size_t n = (size_t)db_int(db, 0, "SELECT count(*) FROM report_unit_cost", "");
	*out = arena_alloc(a, (n + 1) * sizeof **out);
	struct db_stmt *st = db_prepare(db, "SELECT id, label, basis, basis_code, amount_pence, assumption"
		" FROM report_unit_cost ORDER BY sort_order, id");
	size_t i = 0;
	while (i < n && db_step(st) == DB_ROW) {
		struct unit_cost *u = &(*out)[i++];
		u->id = db_column_int(st, 0);
		u->label = arena_strdup(a, db_column_text(st, 1));
		u->basis = arena_strdup(a, db_column_text(st, 2));
		u->basis_code = arena_strdup(a, db_column_text(st, 3));
		u->amount_pence = db_column_int(st, 4);
		u->assumption = arena_strdup(a, db_column_text(st, 5));
	}
	db_finalize(st);
	return i;
}

int unit_cost_save(struct db *db, const struct actor *who, const char *id, const char *label, const char *basis,
	const char *basis_code, const char *amount, const char *assumption, struct field_errors *errs, int64_t *id_out)
{
	if (!may_change(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	int64_t uid = validate_id(errs, "id", id, "the unit cost");
	if (uid > 0 && !db_int(db, 0, "SELECT 1 FROM report_unit_cost WHERE id = ?", "i", uid)) {
		arena_free(a);
		return MODEL_NOT_FOUND;
	}
	const char *lbl = validate_text(a, errs, "label", label, "the name of the unit cost", 1, 100, 0);
	int b = validate_choice(errs, "basis", basis, "what the cost applies to", 1, unit_cost_bases);
	const char *code = "";
	if (b >= 0 && (strcmp(basis, "outcome_group") == 0 || strcmp(basis, "intervention_kind") == 0)) {
		int group = strcmp(basis, "outcome_group") == 0;
		code = validate_text(a, errs, "basis_code", basis_code, group ? "the outcomes line" : "the intervention kind", 1, 60, 0);
		if (code && !db_int(db, 0, group ? "SELECT 1 FROM report_outcome_group WHERE code = ?"
		                                 : "SELECT 1 FROM intervention_kind WHERE code = ?", "t", code))
			field_errors_add(errs, "basis_code", group ? "Choose an outcomes line from the list" : "Choose an intervention kind from the list");
	}
	int64_t pence = 0;
	if (money_field(errs, "amount", amount ? amount : "", "the amount", &pence) == 0)
		field_errors_add(errs, "amount", "Enter the amount in pounds");
	const char *why = validate_text(a, errs, "assumption", assumption, "the assumption behind the figure", 1, 1000, 1);
	if (lbl && db_int(db, 0, "SELECT 1 FROM report_unit_cost WHERE lower(label) = lower(?) AND id <> ?", "ti", lbl, uid > 0 ? uid : 0))
		field_errors_add(errs, "label", "There is already a unit cost called %s", lbl);
	if (errs->count) {
		arena_free(a);
		return MODEL_INVALID;
	}
	db_begin(db);
	if (uid > 0) {
		db_run(db, "UPDATE report_unit_cost SET label = ?, basis = ?, basis_code = ?, amount_pence = ?, assumption = ? WHERE id = ?",
			"tttiti", lbl, basis, code ? code : "", pence, why, uid);
	} else {
		db_run(db, "INSERT INTO report_unit_cost(label, basis, basis_code, amount_pence, assumption, sort_order)"
			" VALUES(?, ?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 10 FROM report_unit_cost))",
			"tttit", lbl, basis, code ? code : "", pence, why);
		uid = db_last_insert_id(db);
	}
	char rid[24];
	snprintf(rid, sizeof rid, "%" PRId64, uid);
	audit_record(db, who, id && *id ? "report.unit_cost.update" : "report.unit_cost.add", "report_unit_cost", rid, NULL, NULL);
	db_commit(db);
	if (id_out) *id_out = uid;
	arena_free(a);
	return MODEL_OK;
}

int unit_cost_delete(struct db *db, const struct actor *who, int64_t id)
{
	if (!may_change(who)) return MODEL_FORBIDDEN;
	db_begin(db);
	db_run(db, "DELETE FROM report_unit_cost WHERE id = ?", "i", id);
	int gone = db_changes(db);
	if (gone) {
		char rid[24];
		snprintf(rid, sizeof rid, "%" PRId64, id);
		audit_record(db, who, "report.unit_cost.delete", "report_unit_cost", rid, NULL, NULL);
	}
	db_commit(db);
	return gone ? MODEL_OK : MODEL_NOT_FOUND;
}
