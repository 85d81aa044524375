/* Tasks on a case: a title, an owner (a caseworker or team leader of the case's agency) and a
 * due date; done or not. A worker's own queue lists their open tasks, overdue ones first. */
#ifndef NESTGUARD_TASK_H
#define NESTGUARD_TASK_H
#include <stddef.h>
#include <stdint.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct task_input {
	const char *title;
	const char *owner_user_id;   /* empty: the person creating it */
	const char *due_on;          /* today or later */
};

struct task {
	int64_t id, case_id, owner_user_id;
	const char *case_reference, *title, *owner_name, *due_on;
	int done;
	int overdue;                 /* not done and due before today */
	int64_t done_at, created_at;
};

int task_create(struct db *db, const struct actor *who, int64_t case_id, const struct task_input *in,
	struct field_errors *errs, int64_t *id_out);
/* Mark done (the case's workers); a task already done is refused. */
int task_complete(struct db *db, const struct actor *who, int64_t task_id, struct field_errors *errs);
/* A case's tasks: open ones by due date, then done ones. */
int task_list_for_case(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct task **out, size_t *n);
/* WHO's own open tasks on cases they may still work, by due date (overdue first), at most LIMIT. */
size_t task_queue(struct db *db, const struct actor *who, size_t limit, struct arena *a, struct task **out);
/* How many of WHO's open tasks are overdue. */
int64_t task_overdue_count(struct db *db, const struct actor *who);

#endif
