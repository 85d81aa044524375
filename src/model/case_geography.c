/* Cases by ward: one grouped query over case_file, its properties and the ward list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/case_geography.h"
#include "util/xalloc.h"

int case_counts_by_ward(struct db *db, const struct case_count_filter *f, struct case_ward_counts *out)
{
	memset(out, 0, sizeof *out);
	int64_t type_id = 0;
	if (f->type_code) {
		type_id = db_int(db, 0, "SELECT id FROM exploitation_type WHERE code = ?", "t", f->type_code);
		if (!type_id) return -1;
	}
	int64_t mode = f->status == CASES_ALL ? 0 : f->status == CASES_OPEN ? 1 : 2;
	/* The ward: the case's own, else its first property's (a neighbourhood's ward counts). */
	struct db_stmt *st = db_preparef(db,
		"WITH c AS (SELECT coalesce(cf.ward_id, (SELECT p.ward_id FROM case_property cp JOIN property p ON p.id = cp.property_id "
		"  WHERE cp.case_id = cf.id AND p.ward_id IS NOT NULL ORDER BY cp.id LIMIT 1)) AS ward_id FROM case_file cf "
		"  WHERE (? = 0 OR EXISTS (SELECT 1 FROM case_exploitation_type t WHERE t.case_id = cf.id AND t.type_id = ?)) "
		"  AND (? = 0 OR (? = 1 AND cf.status <> 'closed') OR (? = 2 AND cf.status = 'closed')) "
		"  AND (? IS NULL OR cf.opened_on >= ?) AND (? IS NULL OR cf.opened_on <= ?)) "
		"SELECT coalesce(w.ons_code, ''), coalesce(w.name, ''), count(*) FROM c "
		"LEFT JOIN locality l ON l.id = c.ward_id LEFT JOIN locality w ON w.id = coalesce(l.ward_id, l.id) "
		"GROUP BY 1, 2 ORDER BY 1",
		"iiiiitttt", type_id, type_id, mode, mode, mode, f->opened_from, f->opened_from, f->opened_to, f->opened_to);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		const char *code = db_column_text(st, 0);
		long count = (long)db_column_int(st, 2);
		out->total += count;
		if (!*code) {
			out->without_ward += count;
			continue;
		}
		if (out->n == cap) {
			cap = cap ? 2 * cap : 32;
			out->wards = xrealloc(out->wards, cap * sizeof *out->wards);
		}
		struct case_ward_count *w = &out->wards[out->n++];
		snprintf(w->code, sizeof w->code, "%s", code);
		snprintf(w->name, sizeof w->name, "%s", db_column_text(st, 1));
		w->count = count;
	}
	db_finalize(st);
	return 0;
}

void case_ward_counts_free(struct case_ward_counts *c)
{
	free(c->wards);
	memset(c, 0, sizeof *c);
}

long case_ward_counts_get(const struct case_ward_counts *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->wards[i].code, code) == 0) return c->wards[i].count;
	return 0;
}
