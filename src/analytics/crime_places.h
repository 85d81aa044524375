/* The places street crimes were recorded at (table crime_place): an in-memory copy that gives
 * a row its place id without SQL, so the reader thread of an import can do it. It outlives
 * a file: one copy serves every file of an import command. */
#ifndef NESTGUARD_CRIME_PLACES_H
#define NESTGUARD_CRIME_PLACES_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct crime_places;

struct crime_places *crime_places_new(void);
void crime_places_free(struct crime_places *p);
/* Bring the copy up to date: load the places stored since the last call (by anyone), and
 * number new places after every stored one. */
void crime_places_sync(struct crime_places *p, struct db *db);
/* The id the next new place will get. */
int64_t crime_places_next(const struct crime_places *p);
/* Forget everything, e.g. after a rollback voided the ids handed out; the next sync reloads. */
void crime_places_reset(struct crime_places *p);
/* The id of the place (LON, LAT when LOCATED, the location text, the file's LSOA code).
 * A place not seen before gets the next free id and *IS_NEW = 1: the caller must then
 * store it in crime_place with that id before committing. */
int64_t crime_places_id(struct crime_places *p, int located, double lon, double lat, const char *location,
	size_t location_len, const char *lsoa_code, size_t lsoa_len, int *is_new);

#endif
