/* Near repeats: the Knox test (src/analytics/knox.h) on the located incidents of an incident
 * selection, behind the Near repeats page, `nestguard analyse near-repeats` and their
 * downloads. Each incident's date is the day of its "from" time (whole days, as the Near
 * Repeat Calculator takes dates). Arguments, besides incident_selection.h's:
 *   distance_bands  breaks in metres (default 0,0.1,200,400,600)
 *   time_bands      breaks in days (default 0,7,14,21)
 *   iterations      Monte Carlo permutations (default 999)
 *   metric          manhattan (default) or euclidean
 *   closed          left (default: bands [a,b)) or right ((a,b], the first [a,b])
 *   seed            random seed (default 1) */
#ifndef NESTGUARD_KNOX_REPORT_H
#define NESTGUARD_KNOX_REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "analytics/incident_selection.h"
#include "analytics/knox.h"
#include "report/report_table.h"
#include "util/buf.h"

struct db;

#define KNOX_REPORT_MAX_BREAKS 12

struct knox_report_params {
	struct incident_selection sel;
	double distance_breaks[KNOX_REPORT_MAX_BREAKS], time_breaks[KNOX_REPORT_MAX_BREAKS];
	size_t distance_count, time_count;
	unsigned iterations;
	enum knox_metric metric;
	enum knox_closure closure;
	uint64_t seed;
};

/* What a run may cost: close pairs x iterations (each permutation visits every close pair). */
struct knox_limits {
	double max_work;
	size_t max_events;
	unsigned threads;          /* 0: one per processor */
};
extern const struct knox_limits knox_web_limits, knox_cli_limits;

int knox_report_params_parse(struct db *db, const struct analysis_args *a, struct knox_report_params *out,
	struct field_errors *e);

struct knox_report {
	struct knox_report_params params;
	size_t located, unlocated;
	struct knox_result result;
	int ran;
};

/* Run the test. Returns 0; or -1 with a message in ERR for too few incidents, or a job beyond
 * LIMITS (the message says how to make it smaller and names the command line). */
int knox_report_build(struct db *db, const struct knox_report_params *p, const struct knox_limits *limits,
	struct knox_report *out, char *err, size_t errsize);
void knox_report_free(struct knox_report *r);

/* "[0,0.1)" or "0 to 0.1 m" style band labels; WHICH 'd' distance or 't' time. */
void knox_report_band_label(const struct knox_report_params *p, char which, size_t band, char *out, size_t size);
/* The observed counts, the Knox ratios (mean and median) and the p-values, each a distance x
 * time table. KIND: 'o' observed, 'e' expected (mean), 'r' ratio to the mean, 'm' ratio to the
 * median, 'p' p-values. Caller frees. */
struct report_table *knox_report_table(const struct knox_report *r, char kind);

/* CSV in the layout of `nestguard analyse knox`, and JSON likewise (plus the selection). */
void knox_report_csv(const struct knox_report *r, struct buf *out);
void knox_report_json(const struct knox_report *r, struct buf *out);

#endif
