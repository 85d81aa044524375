/* Which imported incidents (local logs with from/to times) an analysis runs on: the area
 * (the whole log, a ward or an LSOA), the incident type and the dates whose windows they
 * overlap. Arguments, shared by the pages and `nestguard analyse peak-times|near-repeats`:
 *   area            "borough" (default: every incident, located or not) or a ward/LSOA code
 *   incident_type   a type as imported; none or "all": every type
 *   start, end      dates (YYYY-MM-DD or D/M/YYYY), inclusive; default: all */
#ifndef NESTGUARD_INCIDENT_SELECTION_H
#define NESTGUARD_INCIDENT_SELECTION_H
#include <stddef.h>
#include "analytics/crime_query.h"
#include "analytics/crime_selection.h"

struct incident_selection {
	struct crime_selection area;    /* only the area fields are used */
	char type[128];                 /* "" for every type */
	char start[11], end[11];        /* YYYY-MM-DD, "" when not given */
	long long start_ts, end_ts;     /* wall-clock seconds; 0, 0 when no dates */
};

/* Returns 0 or -1 with errors in E. */
int incident_selection_parse(struct db *db, const struct analysis_args *a, struct incident_selection *out,
	struct field_errors *e);
/* The incidents selected (free with incident_windows_free). Returns 0 or -1 with ERR. */
int incident_selection_get(struct db *db, const struct incident_selection *s, struct incident_windows *out,
	char *err, size_t errsize);
/* "Incidents of type Burglary in Edgeley, 1 January 2016 to 30 June 2016". */
void incident_selection_describe(const struct incident_selection *s, char *out, size_t size);
/* "burglary-e05000797-2016-01-01-2016-06-30" */
void incident_selection_slug(const struct incident_selection *s, char *out, size_t size);
/* The incident types imported, ascending (free with crime_type_names_free). */
size_t incident_type_names(struct db *db, char ***out);
/* "1 January 2016" from "2016-01-01". */
void incident_date_label(const char *ymd, char *out, size_t size);

#endif
