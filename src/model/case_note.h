/* Case notes: dated free text by a worker, never edited (a correction is a new note). */
#ifndef NESTGUARD_CASE_NOTE_H
#define NESTGUARD_CASE_NOTE_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct case_note {
	int64_t id;
	const char *body, *author_name;
	int64_t created_at;
	const char *special_category;   /* special_category code, "" when none */
	int withheld;                   /* 1: special-category note WHO may not read; BODY is "" */
};

int case_note_add(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	struct field_errors *errs, int64_t *id_out);
/* The same, marking the note as holding special-category details of SPECIAL_CATEGORY (a
 * special_category code; NULL or "" for none; an unknown code is a field error on
 * "special_category"). The body is stored encrypted. */
int case_note_add_marked(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	const char *special_category, struct field_errors *errs, int64_t *id_out);
/* Newest first. Special-category notes WHO may not see come back withheld. */
int case_note_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct case_note **out, size_t *n);

#endif
