/* Search terms: the words of names and addresses folded to lower-case ASCII, stored in
 * person_search / property_search and matched by prefix. The same folding is applied to
 * what the user types, so "Zoë O'Brien" is found by "zoe obrien" and "o'brien". */
#ifndef NESTGUARD_SEARCH_TERMS_H
#define NESTGUARD_SEARCH_TERMS_H
#include <stddef.h>

#define SEARCH_TERMS_MAX 24
#define SEARCH_TERM_LEN 32

struct search_terms {
	size_t count;
	char term[SEARCH_TERMS_MAX][SEARCH_TERM_LEN];
};

void search_terms_init(struct search_terms *t);
/* Split TEXT into words (letters and digits; apostrophes are dropped so O'Brien is one word)
 * and add each folded word that is not already present. Words past the limit are ignored. */
void search_terms_add_text(struct search_terms *t, const char *text);
/* What a user typed into a search box: like search_terms_add_text(), except that a postcode
 * typed with its space ("SK5 7AA") becomes the one compact term "sk57aa", which is far more
 * selective than "sk5" and "7aa" apart. */
void search_terms_add_query(struct search_terms *t, const char *query);
/* Add one already-built term (e.g. a compact postcode "sk57aa"), folded. */
void search_terms_add_word(struct search_terms *t, const char *word);
/* Upper bound for a prefix range scan: TERM followed by a byte above every folded character. */
void search_terms_prefix_end(const char *term, char *out, size_t size);



struct query;
/* Append to Q, for each term T in TERMS, " AND ID_EXPR IN (SELECT ID_COL FROM TABLE WHERE term
 * >= T AND term < T~)": every word must prefix-match some term of the record. */
void search_terms_query(struct query *q, const char *id_expr, const char *table, const char *id_col,
	const struct search_terms *terms);
#endif
