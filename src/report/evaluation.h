/* The evaluation of the exploitation service for a period: every figure of the annual
 * evaluation report, computed in one place (evaluation.c with evaluation_scan.c, the figures
 * defined by the SQL in evaluation_sql.c) and rendered by evaluation_html.c, evaluation_pdf.c,
 * evaluation_csv.c and evaluation_xlsx.c from the same struct, so the four formats can never
 * disagree.
 *
 * Who is counted: the cases received in the period (opened on a date from FROM to TO
 * inclusive) -- the cohort. Their state is taken as at the end of the period: a case is
 * closed when it was closed on or before TO, otherwise ongoing; outcomes are the
 * interventions recorded on or before TO. Referrals received also count the referrals in the
 * period that did not become cases (signposted, passed to the ASB team, awaiting triage).
 * The definitions are printed in the report and in docs/reports-evaluation.md. */
#ifndef NESTGUARD_EVALUATION_H
#define NESTGUARD_EVALUATION_H
#include <stddef.h>
#include <stdint.h>
#include "model/evaluation_settings.h"
#include "model/role.h"
#include "util/buf.h"

struct db;
struct arena;

/* A labelled count. KEY identifies the category for links to the case list (an agency, type,
 * area or kind id, or a code); 0/"" when there is none (e.g. "Not recorded"). */
struct evaluation_count {
	const char *label;
	int64_t count;
	int64_t key;
	const char *code;
	int64_t records;         /* interventions: records of the kind; otherwise unused */
};

struct evaluation_month {
	char month[16];          /* "2019-04" */
	char label[24];          /* "Apr 2019" */
	int64_t referrals;       /* referrals received in the month */
};

struct evaluation_ward {
	const char *name, *ons_code;
	int64_t key;             /* locality id */
	int64_t count;           /* cases received from the ward */
	/* its boundary when one has been imported (`nestguard import boundaries --level ward`):
	 * RINGS rings of RING_LEN[i] points, longitude/latitude pairs in XY; 0 rings otherwise,
	 * and the map uses the boundaries compiled into nestguard */
	const double *xy;
	const size_t *ring_len;
	size_t rings;
};

/* One line of the wider cost-benefit view. */
struct evaluation_benefit {
	const char *label, *basis, *assumption;
	const char *basis_code;  /* the outcomes line or intervention kind, for those bases; "" */
	int64_t quantity;        /* what the unit cost is applied to */
	int64_t unit_pence;      /* 0: not set (listed, left out of the total) */
	int64_t amount_pence;    /* quantity x unit */
	const char *quantity_source;  /* which figure the quantity is: "Households kept in their tenancy" */
};

/* An approved case study, anonymised. */
struct evaluation_case_study {
	const char *title, *when, *body;   /* WHEN is the month and year the case was opened */
};

struct evaluation {
	struct arena *arena;                 /* owns everything below */
	char from[11], to[11];               /* the period, inclusive */
	char generated_on[11];
	int empty;                           /* no referral and no case in the period */
	struct evaluation_settings settings;

	/* totals */
	int64_t referrals;                   /* referrals received (cases + referrals not accepted) */
	int64_t cases_received, closed, positively_resolved, closed_not_resolved, ongoing;
	int64_t moved_within, moved_out, tenancy_sustained;
	int64_t signposted, passed_to_asb, awaiting_triage, refused_to_engage;

	struct evaluation_month *months;     size_t month_count;
	struct evaluation_count *agencies;   size_t agency_count;     /* referrals by referring agency */
	struct evaluation_count *types;      size_t type_count;       /* cases by exploitation type */
	struct evaluation_count *outcomes;   size_t outcome_count;    /* cases per outcomes line */
	struct evaluation_count *interventions; size_t intervention_count; /* every kind recorded */
	struct evaluation_count *areas;      size_t area_count;       /* cases by named area (estate or ward) */
	struct evaluation_ward *wards;       size_t ward_count;       /* cases by ward, every ward */
	int64_t ward_unknown;                                         /* cases with no ward */
	int wards_imported;                  /* how many wards have an imported boundary */

	/* cost-benefit: households kept in their tenancy x void cost - cost of the service */
	int64_t tenancy_value_pence, net_benefit_pence;
	struct evaluation_benefit *benefits; size_t benefit_count;   /* the wider view, void costs first */
	int64_t wider_total_pence;           /* benefits with a unit cost set, minus the service cost */

	struct evaluation_case_study *case_studies; size_t case_study_count;
};

/* Check and fill in the period. FROM/TO as typed (YYYY-MM-DD or D/M/YYYY; NULL or "" for the
 * defaults: the first referral, today). Returns 0, or -1 with a message naming the field in
 * ERROR and the field itself ("from" or "to") in *FIELD when FIELD is not NULL (a date that
 * is not a real date, FROM after TO, a date in the future, a period over twenty years). */
int evaluation_period(struct db *db, const char *from, const char *to, char out_from[11], char out_to[11],
	char *error, size_t error_size, const char **field);

/* Compute the evaluation for the period [FROM, TO] (both valid YYYY-MM-DD) with SETTINGS
 * (NULL: the stored ones). Reads only; the caller audits the view or export. */
void evaluation_compute(struct db *db, const char *from, const char *to, const struct evaluation_settings *settings,
	struct evaluation *ev);
void evaluation_free(struct evaluation *ev);

/* The cost-benefit arithmetic, exact in pence: HOUSEHOLDS x VOID - SERVICE. */
int64_t evaluation_net_benefit(int64_t households, int64_t void_cost_pence, int64_t service_cost_pence);
/* Pence rounded half away from zero to whole pounds (the published figure: £289,114). */
int64_t evaluation_round_pounds(int64_t pence);
/* The sentence stating the calculation: "68 households × £4,659.10 − £27,705 = £289,114". */
void evaluation_cost_benefit_statement(const struct evaluation *ev, struct buf *out);

/* Every query evaluation_compute() runs, as SQL text for the sqlite3 shell with the period
 * as ?1 and ?2 (for `nestguard report evaluation --sql` and the benchmark). */
void evaluation_sql(struct buf *out);

/* How the evaluation is printed: for the board and the public (small numbers hidden, the
 * default) or internal (exact counts; for those allowed to see the cases). */
struct evaluation_output {
	int public_version;
	const char *title;          /* NULL: "Exploitation service evaluation" */
	const char *organisation;   /* footer; NULL for none */
};

/* Renderers (one file each). HTML: a complete printable document (STANDALONE) or the page
 * body for the web layout; PDF, CSV (one file with a section per table) and XLSX bytes. Each
 * returns 0, or -1 when the library failed (message in ERROR when not NULL). */
int evaluation_write_html(const struct evaluation *ev, const struct evaluation_output *o, int standalone, struct buf *out);
int evaluation_write_pdf(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out);
int evaluation_write_csv(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out);
int evaluation_write_xlsx(const struct evaluation *ev, const struct evaluation_output *o, struct buf *out, struct buf *error);

/* Record an export or a view in the audit trail (counts only, never personal data). */
void evaluation_audit(struct db *db, const struct actor *who, const struct evaluation *ev, const char *format,
	int public_version);

#endif
