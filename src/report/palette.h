/* Colours for charts and maps, taken from the GOV.UK Design System palette (govuk-frontend 6)
 * so that reports match the web pages. Colours are 0xRRGGBB. */
#ifndef NESTGUARD_PALETTE_H
#define NESTGUARD_PALETTE_H
#include <stddef.h>
#include <stdint.h>

#define PALETTE_TEXT       0x0b0c0cu  /* black: text, axes */
#define PALETTE_SECONDARY  0x484949u  /* black tint-25: secondary text (7.8:1 on white) */
#define PALETTE_GRID       0xcececeu  /* black tint-80: gridlines, empty areas */
#define PALETTE_LIGHT      0xf3f3f3u  /* black tint-95: backgrounds */
#define PALETTE_WHITE      0xffffffu
#define PALETTE_NO_DATA    0xffffffu
#define PALETTE_SUPPRESSED 0xcececeu

/* Colour of data series I (cycles). Every series colour has a contrast of at least 3:1
 * against white (WCAG 2.2 non-text contrast), black or white text on it reaches 4.5:1, and
 * neighbours differ in hue. */
uint32_t palette_series(size_t i);
size_t palette_series_count(void);

enum palette_ramp {
	PALETTE_RAMP_BLUES,    /* sequential, for counts per area (choropleth) */
	PALETTE_RAMP_DENSITY,  /* sequential yellow-orange-red, for density surfaces */
	PALETTE_RAMP_DIVERGING /* blue-grey-red, for z-scores (cold to hot) */
};
/* Colour at T in [0, 1] along RAMP (piecewise linear between GOV.UK palette anchors). */
uint32_t palette_ramp(enum palette_ramp ramp, double t);

/* WCAG relative-luminance contrast ratio of two colours (1 to 21). */
double palette_contrast(uint32_t a, uint32_t b);
/* Black or white, whichever reads better on BACKGROUND. */
uint32_t palette_text_on(uint32_t background);

#endif
