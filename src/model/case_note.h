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
};

int case_note_add(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	struct field_errors *errs, int64_t *id_out);
/* Newest first. */
int case_note_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct case_note **out, size_t *n);

#endif
