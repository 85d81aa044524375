/* The evaluation report's settings, kept in the database so the report prints the figures
 * it used: the average void cost and the cost of the service (the cost-benefit), the
 * small-number threshold for board and public outputs, and the unit costs of the wider
 * cost-benefit view. Administrators and team leaders change them; every change is audited.
 * Money is held in pence, so the arithmetic is exact. */
#ifndef NESTGUARD_EVALUATION_SETTINGS_H
#define NESTGUARD_EVALUATION_SETTINGS_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct evaluation_settings {
	int64_t void_cost_pence;      /* average cost of a void property, per household kept in its tenancy */
	int64_t service_cost_pence;   /* the cost of the service over the period reported on */
	long suppression_threshold;   /* counts below it are hidden in board and public outputs (>= 2) */
};

/* The stored settings (the migration's defaults when a row is missing or unreadable). */
void evaluation_settings_load(struct db *db, struct evaluation_settings *out);

/* Change the settings given (NULL leaves one as it is). MODEL_INVALID with an error per bad
 * field (void_cost, service_cost, suppression_threshold) and nothing saved; MODEL_FORBIDDEN
 * unless WHO is an administrator or team leader (the CLI's system actor, user 0, may). */
int evaluation_settings_save(struct db *db, const struct actor *who, const char *void_cost, const char *service_cost,
	const char *suppression_threshold, struct field_errors *errs);

/* What a unit cost is applied to (report_unit_cost.basis). */
extern const char *const unit_cost_bases[];         /* NULL-terminated codes */
const char *unit_cost_basis_label(const char *basis);

struct unit_cost {
	int64_t id;
	const char *label, *basis, *basis_code, *assumption;
	int64_t amount_pence;                      /* 0: not set */
};

/* Every unit cost, in order. */
size_t unit_cost_list(struct db *db, struct arena *a, struct unit_cost **out);
/* Add (ID NULL or "") or change a unit cost. BASIS_CODE names the outcome line or intervention
 * kind for those bases. Validated; MODEL_INVALID/NOT_FOUND/FORBIDDEN as above. */
int unit_cost_save(struct db *db, const struct actor *who, const char *id, const char *label, const char *basis,
	const char *basis_code, const char *amount, const char *assumption, struct field_errors *errs, int64_t *id_out);
int unit_cost_delete(struct db *db, const struct actor *who, int64_t id);

/* Money as typed by people: "4659.10", "£4,659.10", "27705", " £27,705 ". Returns 0 with
 * *PENCE set, or -1 (negative, more than two decimals, misplaced commas, above £1 billion). */
int money_parse(const char *text, int64_t *pence);
/* "£4,659.10"; whole pounds without pence ("£27,705") unless ALWAYS_PENCE. Negative amounts
 * as "−£27,705" (U+2212 minus). */
void money_format(int64_t pence, int always_pence, char *out, size_t size);

#endif
