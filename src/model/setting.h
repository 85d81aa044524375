/* Settings stored in the database (Fossil's way): name -> text value, with typed getters.
 * Changes are audited. */
#ifndef NESTGUARD_SETTING_H
#define NESTGUARD_SETTING_H
#include <stdint.h>
#include "model/role.h"

struct db;

/* The value of NAME as a new string (caller frees), or a copy of DFLT when unset. */
char *setting_get(struct db *db, const char *name, const char *dflt);
int64_t setting_get_int(struct db *db, const char *name, int64_t dflt);
double setting_get_double(struct db *db, const char *name, double dflt);
/* Set NAME to VALUE (audited as setting.change with the name, never the value). */
void setting_set(struct db *db, const struct actor *who, const char *name, const char *value);

#endif
