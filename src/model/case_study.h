/* Case studies: a caseworker's account of one case, written for the evaluation and for
 * funders. Stored as written (the case record is already confidential); exported only
 * anonymised (src/report/case_study_redact.h) and only once a team leader other than the
 * author has approved the anonymised text. Editing an approved study sends it back to draft.
 * Who may write: the case's caseworkers and team leaders (write access to the case). */
#ifndef NESTGUARD_CASE_STUDY_H
#define NESTGUARD_CASE_STUDY_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct case_study {
	int64_t id, case_id, author_id;
	const char *case_reference, *case_opened_on;
	const char *title, *body;
	const char *extra_terms;     /* more words to remove on export, one per line */
	const char *status;          /* draft, approved */
	const char *author_name, *approved_by_name;
	int64_t created_at, updated_at, approved_at;
};

/* Write a new study about the case with reference CASE_REFERENCE. MODEL_INVALID with field
 * errors (case_reference, title, body, extra_terms); a case WHO may not change is "not
 * found" like a reference that does not exist. */
int case_study_add(struct db *db, const struct actor *who, const char *case_reference, const char *title,
	const char *body, const char *extra_terms, struct field_errors *errs, int64_t *id_out);
/* Change a study (back to draft). MODEL_NOT_FOUND unless WHO may change its case. */
int case_study_update(struct db *db, const struct actor *who, int64_t id, const char *title, const char *body,
	const char *extra_terms, struct field_errors *errs);
/* Approve the anonymised text: a team leader who is not the author. MODEL_REFUSED with the
 * reason when already approved or WHO wrote it. */
int case_study_approve(struct db *db, const struct actor *who, int64_t id, struct field_errors *errs);

/* One study, audited as case_study.view; MODEL_NOT_FOUND unless WHO works the case (write
 * access): a share of a case with another agency does not include its case studies. */
int case_study_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_study *out);
/* The studies of the cases of WHO's agency, for its caseworkers and team leaders, newest first
 * (no bodies loaded: title, case, status). */
size_t case_study_list(struct db *db, const struct actor *who, struct arena *a, struct case_study **out);

#endif
