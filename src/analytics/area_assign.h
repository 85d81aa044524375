/* Giving imported rows (crimes, outcomes, stop and search, incidents) their LSOA and ward:
 * the LSOA from the file's LSOA code when it has one, else the LSOA polygon holding the
 * point; the ward from the LSOA -> ward lookup, else the ward polygon holding the point. */
#ifndef NESTGUARD_AREA_ASSIGN_H
#define NESTGUARD_AREA_ASSIGN_H
#include <stdint.h>

struct db;

/* Assign areas to rows of TABLE ("crime_place", "crime_outcome", "stop_search" or "incident";
 * anything else is a programmer error) with id >= FIRST_ID (an import's new rows: ids
 * only grow, so a range on the primary key finds them without another index), or to every
 * row when FIRST_ID is 0, in which case ward assignments are recomputed from scratch
 * (after a new lookup or new boundaries). Runs in the caller's transaction. Returns the
 * number of rows whose LSOA or ward was set by a polygon. */
long long area_assign(struct db *db, const char *table, int64_t first_id);
/* The id the next row of TABLE will get: pass it to area_assign() after inserting. */
int64_t area_assign_next_id(struct db *db, const char *table);
/* area_assign(db, T, 0) for every table. */
long long area_assign_all(struct db *db);

/* Areas of LEVEL ("lsoa" or "ward") that have boundaries, loaded for point lookups. */
struct area_set;
struct area_set *area_set_load(struct db *db, const char *level);
void area_set_free(struct area_set *set);
size_t area_set_count(const struct area_set *set);
/* Id of the area holding (LON, LAT), or 0 when none does. */
int64_t area_set_find(const struct area_set *set, double lon, double lat);

#endif
