/* Text shared by every renderer: cleaning caller strings to safe UTF-8, measuring them with
 * Pango (so the SVG and cairo outputs are laid out from the same numbers) and word wrapping.
 * The font is Liberation Sans, which has Arial's metrics, so browsers showing the SVG with
 * Arial and cairo drawing with Liberation Sans put text in the same places. */
#ifndef NESTGUARD_REPORT_TEXT_H
#define NESTGUARD_REPORT_TEXT_H
#include <stddef.h>

/* Font family lists: the first for Pango (cairo output), the second for SVG/CSS. */
#define REPORT_FONT_PANGO "Liberation Sans, Arial, DejaVu Sans"
#define REPORT_FONT_CSS "Arial, 'Liberation Sans', Helvetica, sans-serif"

/* A malloc'd copy of S fit for any output: invalid UTF-8 becomes U+FFFD, control
 * characters (tabs and newlines included) become spaces, U+FFFE/U+FFFF (not allowed in
 * XML) are dropped. NULL gives "". */
char *report_text_clean(const char *s);

/* Start loading what text is measured with (fontconfig's configuration, a font map, the
 * regular and bold fonts: ~8 ms) on a thread of its own, for a caller with other work to do
 * before it measures text (the command line's report reads the database first): the first
 * measurement then finds them ready. Nothing happens when no thread can be started; measuring
 * never depends on it. Measuring is safe from any thread. */
void report_text_prepare_in_background(void);

/* Width in px (= pt) of S set on one line at SIZE px, regular or bold. */
double report_text_width(const char *s, double size, int bold);

/* Break S into lines no wider than MAX_WIDTH, at spaces; a word longer than a line is cut
 * where it must be. At most MAX_LINES lines: the last one kept ends in "…" when text was
 * dropped. Returns the line count; LINES[i] are malloc'd (free with report_text_lines_free). */
size_t report_text_wrap(const char *s, double size, int bold, double max_width,
                        size_t max_lines, char ***lines);
void report_text_lines_free(char **lines, size_t n);

/* Ascent of capital letters as a fraction of the font size, for centring text vertically
 * on a point: baseline = centre + size * REPORT_CAP_HEIGHT / 2. */
#define REPORT_CAP_HEIGHT 0.716

#endif
