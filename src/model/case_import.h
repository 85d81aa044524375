/* Importing past cases from a spreadsheet export (CSV): the way a service moves off its
 * tracking spreadsheet. Every row is validated; problems are reported by line and column;
 * the import is all or nothing. The columns are documented in docs/import-cases.md. */
#ifndef NESTGUARD_CASE_IMPORT_H
#define NESTGUARD_CASE_IMPORT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "model/role.h"

struct db;

struct case_import_options {
	const char *agency_name;     /* the owning agency; NULL: the agency that receives referrals */
	int create_agencies;         /* add referring agencies that do not exist yet (kind "other") */
	int dry_run;                 /* validate only */
};

struct case_import_problem {
	long line;                   /* 1-based line in the file where the record starts */
	char column[40];             /* column name as in the header; "" for the whole row/file */
	char message[240];
};

#define CASE_IMPORT_MAX_PROBLEMS 200

struct case_import_result {
	int64_t rows;                /* data rows read */
	int64_t imported;            /* cases added (0 unless every row was valid and not a dry run) */
	int64_t agencies_created;
	size_t n_problems;
	int64_t more_problems;       /* problems beyond CASE_IMPORT_MAX_PROBLEMS */
	struct case_import_problem problems[CASE_IMPORT_MAX_PROBLEMS];
	char ignored_columns[512];   /* header names that are not import columns, comma-separated */
};

/* Read CSV from F and import it for WHO (a team leader or administrator; the CLI passes the
 * system actor, user_id 0). Returns 0 when every row was valid (and, unless a dry run, every
 * case was added in one transaction), -1 when there were problems (nothing added), -2 when
 * WHO may not import. RES is filled in either case. */
int case_import_csv(struct db *db, const struct actor *who, FILE *f, const struct case_import_options *opt,
	struct case_import_result *res);

#endif
