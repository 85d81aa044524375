/* Special categories of personal data (Article 9 UK GDPR; criminal-offence data is handled by
 * the case rules themselves): health, drug or alcohol use, sexual exploitation. Records are
 * marked with a category code (migration 030 says which columns); the roles allowed to see
 * each category are kept here and edited by administrators. case_access.c applies them. */
#ifndef NESTGUARD_SPECIAL_CATEGORY_H
#define NESTGUARD_SPECIAL_CATEGORY_H
#include <stddef.h>
#include "model/role.h"
#include "model/validation.h"

struct db;
struct arena;

struct special_category {
	const char *code, *label;
	unsigned roles;      /* role bits that may see details in the category */
};

/* Every category, in order. */
size_t special_category_list(struct db *db, struct arena *a, struct special_category **out);
/* Set the roles allowed to see CODE (administrators; audited). ROLE_NAMES are role machine
 * names; none at all means nobody sees the details (they are still kept). */
int special_category_set_roles(struct db *db, const struct actor *who, const char *code, const char *const *role_names,
	size_t n, struct field_errors *errs);

#endif
