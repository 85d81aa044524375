/* American Soundex (the coding the US National Archives documents for census indexes):
 * first letter kept, then digits for consonant groups, same-coded letters separated only by
 * H or W coded once, vowels separating repeats, padded or cut to four characters.
 * Used for "possible duplicate person" warnings: Smith/Smyth, Jon/John, Rupert/Robert -> same code. */
#ifndef NESTGUARD_SOUNDEX_H
#define NESTGUARD_SOUNDEX_H

/* Code NAME (UTF-8; accented Latin letters are folded, other characters ignored) into OUT
 * (5 bytes). A name with no letters gives "". Multi-word names are coded as one word
 * without spaces or hyphens ("Mc Donald" == "McDonald"). */
void soundex(const char *name, char out[5]);

/* Fold one UTF-8 letter at S to a lower-case ASCII letter (a-z, digits unchanged), or 0 when it
 * is not a letter or digit; *LEN receives the bytes consumed (at least 1). */
char fold_ascii_char(const char *s, int *len);

#endif
