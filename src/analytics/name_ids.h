/* Name -> id caches for the dictionary tables (crime types, forces, outcome categories) and
 * the areas, so that strings repeated on every row of a file cost one lookup in memory. */
#ifndef NESTGUARD_NAME_IDS_H
#define NESTGUARD_NAME_IDS_H
#include <stddef.h>
#include <stdint.h>

struct db;

/* A cache of name -> id for a dictionary table with columns (id, name). The row is
 * created on first use. SQL text is fixed by the caller, never user input. */
struct name_ids;
struct name_ids *name_ids_new(struct db *db, const char *table);
void name_ids_free(struct name_ids *ni);
int64_t name_ids_get(struct name_ids *ni, const char *name, size_t len);

/* Same for areas of one level: code -> area id, creating the area (with NAME when it has
 * none yet) on first use. For LSOAs, *WARD is set to the ward the lookup gives (0 when
 * none); WARD may be NULL. */
struct name_ids *area_ids_new(struct db *db, const char *level);
int64_t area_ids_get(struct name_ids *ni, const char *code, size_t len, const char *name, int64_t *ward);

#endif
