/* Anonymising a case study for export: a redactor (redact.h) loaded with everything the
 * database knows that identifies the case -- its people (full names, first names, family
 * names, "known as"), labelled by their role ("[Resident]", "[Perpetrator 1]"); the address
 * lines and postcodes of its properties; its reference; the names of its worker and its
 * referrer; and the study's own extra terms (one per line). */
#ifndef NESTGUARD_CASE_STUDY_REDACT_H
#define NESTGUARD_CASE_STUDY_REDACT_H
#include <stdint.h>
#include "report/redact.h"

struct db;

/* A redactor for case CASE_ID plus EXTRA_TERMS (may be NULL). Free with redactor_free(). */
struct redactor *case_study_redactor(struct db *db, int64_t case_id, const char *extra_terms);
/* Shorthand: TEXT anonymised for case CASE_ID. Malloc'd. */
char *case_study_redact_text(struct db *db, int64_t case_id, const char *extra_terms, const char *text);

#endif
