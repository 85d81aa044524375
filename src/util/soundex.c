/* American Soundex with accented-letter folding. */
#include <ctype.h>
#include <string.h>
#include "util/soundex.h"

/* Latin-1 Supplement letters U+00C0..U+00FF folded to ASCII; '\0' for non-letters. */
static const char latin1_fold[64] =
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"   /* U+00C0..U+00DF (0xD7 x, 0xDE thorn->t, 0xDF ss->s) */
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";  /* U+00E0..U+00FF (0xF7 divide) */

char fold_ascii_char(const char *s, int *len)
{
	unsigned char c = (unsigned char)s[0];
	*len = 1;
	if (c < 0x80) return isalnum(c) ? (char)tolower(c) : 0;
	if ((c == 0xC3) && ((unsigned char)s[1] & 0xC0) == 0x80) {
		*len = 2;
		return latin1_fold[(unsigned char)s[1] & 0x3F];
	}
	/* Latin Extended-A (U+0100..U+017F): pairs alternate upper/lower case; fold by table of bases. */
	if ((c == 0xC4 || c == 0xC5) && ((unsigned char)s[1] & 0xC0) == 0x80) {
		static const char ext_a[] =
			"aaaaaaccccccccdddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
			"llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
			"ww" "yyy" "zzzzzz" "s";
		_Static_assert(sizeof ext_a == 129, "one entry per code point U+0100..U+017F");
		int cp = ((c & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
		*len = 2;
		int i = cp - 0x100;
		return (i >= 0 && i < 128) ? ext_a[i] : 0;
	}
	/* Skip the rest of any other multi-byte sequence. */
	int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	for (int i = 1; i < n; i++)
		if (!s[i]) { n = i; break; }
	*len = n;
	return 0;
}

static char soundex_digit(char c)
{
	switch (c) {
	case 'b': case 'f': case 'p': case 'v': return '1';
	case 'c': case 'g': case 'j': case 'k': case 'q': case 's': case 'x': case 'z': return '2';
	case 'd': case 't': return '3';
	case 'l': return '4';
	case 'm': case 'n': return '5';
	case 'r': return '6';
	case 'h': case 'w': return 'h';   /* transparent: does not separate equal codes */
	default: return '0';              /* vowels and y: separate equal codes */
	}
}

void soundex(const char *name, char out[5])
{
	int n = 0;
	char last = 0;
	for (const char *p = name; *p && n < 4;) {
		int len;
		char c = fold_ascii_char(p, &len);
		p += len;
		if (!c || isdigit((unsigned char)c)) continue;
		char d = soundex_digit(c);
		if (n == 0) {
			out[n++] = (char)toupper((unsigned char)c);
			last = d;
			continue;
		}
		if (d == 'h') continue;
		if (d != '0' && d != last) out[n++] = d;
		last = d;
	}
	if (n == 0) {
		out[0] = 0;
		return;
	}
	while (n < 4) out[n++] = '0';
	out[4] = 0;
}
