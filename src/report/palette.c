/* GOV.UK palette values, ramps between them, and the WCAG contrast formula used to
 * choose text colours and (in tests) to check that series colours are distinguishable. */
#include <math.h>
#include "report/palette.h"

static const uint32_t series[] = {
	0x1d70b8, /* blue */
	0xb7592a, /* orange shade-25 (orange itself is under 3:1 on white) */
	0x158187, /* teal */
	0xca357c, /* magenta */
	0x54319f, /* purple */
	0x0f7a52, /* green */
	0x806f00, /* yellow shade-50 (brown is under 4.5:1 with both black and white text) */
	0x484949, /* black tint-25 */
};

uint32_t palette_series(size_t i)
{
	return series[i % (sizeof series / sizeof series[0])];
}

size_t palette_series_count(void)
{
	return sizeof series / sizeof series[0];
}

static const uint32_t blues[] = {0xd2e2f1, 0x8eb8dc, 0x5694ca, 0x1d70b8, 0x16548a, 0x0f385c};
static const uint32_t density[] = {0xfff8cc, 0xffdd00, 0xf47738, 0xca3535, 0x651b1b};
static const uint32_t diverging[] = {0x0f385c, 0x1d70b8, 0x8eb8dc, 0xf3f3f3, 0xf7996a, 0xca3535, 0x651b1b};

static uint32_t mix(uint32_t a, uint32_t b, double t)
{
	uint32_t out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		double ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;
		out |= (uint32_t)lround(ca + (cb - ca) * t) << shift;
	}
	return out;
}

uint32_t palette_ramp(enum palette_ramp ramp, double t)
{
	const uint32_t *anchors;
	size_t n;
	switch (ramp) {
	case PALETTE_RAMP_DENSITY: anchors = density; n = sizeof density / sizeof *density; break;
	case PALETTE_RAMP_DIVERGING: anchors = diverging; n = sizeof diverging / sizeof *diverging; break;
	default: anchors = blues; n = sizeof blues / sizeof *blues; break;
	}
	if (!(t > 0)) return anchors[0];
	if (t >= 1) return anchors[n - 1];
	double pos = t * (double)(n - 1);
	size_t i = (size_t)pos;
	return mix(anchors[i], anchors[i + 1], pos - (double)i);
}

static double luminance(uint32_t c)
{
	double rgb[3];
	for (int k = 0; k < 3; k++) {
		double v = ((c >> (16 - 8 * k)) & 0xff) / 255.0;
		rgb[k] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

double palette_contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);
	if (la < lb) { double t = la; la = lb; lb = t; }
	return (la + 0.05) / (lb + 0.05);
}

uint32_t palette_text_on(uint32_t background)
{
	return palette_contrast(background, PALETTE_TEXT) >= palette_contrast(background, PALETTE_WHITE)
	       ? PALETTE_TEXT : PALETTE_WHITE;
}
