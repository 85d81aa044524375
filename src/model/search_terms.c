/* Word splitting and ASCII folding for search terms. */
#include <stdio.h>
#include <string.h>
#include "model/query.h"
#include "model/validation.h"
#include "model/search_terms.h"
#include "util/soundex.h"

void search_terms_init(struct search_terms *t)
{
	t->count = 0;
}

static void add_folded(struct search_terms *t, const char *w, size_t n)
{
	if (n == 0 || t->count >= SEARCH_TERMS_MAX) return;
	if (n >= SEARCH_TERM_LEN) n = SEARCH_TERM_LEN - 1;
	for (size_t i = 0; i < t->count; i++)
		if (strlen(t->term[i]) == n && memcmp(t->term[i], w, n) == 0) return;
	memcpy(t->term[t->count], w, n);
	t->term[t->count][n] = 0;
	t->count++;
}

void search_terms_add_text(struct search_terms *t, const char *text)
{
	char word[SEARCH_TERM_LEN];
	size_t n = 0;
	for (const char *p = text ? text : "";;) {
		if (!*p) {
			add_folded(t, word, n);
			return;
		}
		/* apostrophes (ASCII and U+2019) join the parts of a name */
		if (*p == '\'') { p++; continue; }
		if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x99) { p += 3; continue; }
		int len;
		char c = fold_ascii_char(p, &len);
		p += len;
		if (c) {
			if (n < sizeof word - 1) word[n++] = c;
		} else {
			add_folded(t, word, n);
			n = 0;
		}
	}
}

void search_terms_add_query(struct search_terms *t, const char *query)
{
	char tok[2][24];
	int have = 0;    /* tokens held back, waiting to see whether they form a postcode */
	const char *p = query ? query : "";
	for (;;) {
		while (*p == ' ' || *p == '\t') p++;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t') p++;
		size_t len = (size_t)(p - start);
		if (len) {
			char word[24];
			snprintf(word, sizeof word, "%.*s", (int)(len < 23 ? len : 23), start);
			if (have == 1) {
				char both[48], compact[9];
				snprintf(both, sizeof both, "%s%s", tok[0], word);
				if (strlen(word) == 3 && postcode_normalise(both, compact) == 0) {
					search_terms_add_word(t, compact);
					have = 0;
					continue;
				}
				search_terms_add_text(t, tok[0]);
				have = 0;
			}
			memcpy(tok[0], word, sizeof word);
			have = 1;
		}
		if (!*p) break;
	}
	if (have) search_terms_add_text(t, tok[0]);
}

void search_terms_add_word(struct search_terms *t, const char *word)
{
	char folded[SEARCH_TERM_LEN];
	size_t n = 0;
	for (const char *p = word; *p && n < sizeof folded - 1;) {
		int len;
		char c = fold_ascii_char(p, &len);
		p += len;
		if (c) folded[n++] = c;
	}
	add_folded(t, folded, n);
}

void search_terms_prefix_end(const char *term, char *out, size_t size)
{
	/* folded terms hold only [a-z0-9], all below '~' */
	snprintf(out, size, "%s~", term);
}

void search_terms_query(struct query *q, const char *id_expr, const char *table, const char *id_col,
	const struct search_terms *terms)
{
	char end[SEARCH_TERM_LEN + 2];
	for (size_t i = 0; i < terms->count; i++) {
		search_terms_prefix_end(terms->term[i], end, sizeof end);
		query_sql(q, " AND ");
		query_sql(q, id_expr);
		query_sql(q, " IN (SELECT ");
		query_sql(q, id_col);
		query_sql(q, " FROM ");
		query_sql(q, table);
		query_sql(q, " WHERE term >= ");
		query_text(q, terms->term[i]);
		query_sql(q, " AND term < ");
		query_text(q, end);
		query_sql(q, ")");
	}
}
