/* Charts: 1-2-5 ticks, every kind laid out and written as well-formed, escaped SVG,
 * suppressed values shown as text and never as bars, labels that do not overlap or leave
 * the image, colours with enough contrast, and numbers printed the same everywhere. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "report/chart.h"
#include "report/number_format.h"
#include "report/palette.h"
#include "report/report_text.h"
#include "xml_check.h"

#define HOSTILE "<script>alert('x')</script>&amp;\"quoted\" ]]> \x01\xff"

static void axis_ticks_step_by_one_two_or_five_times_a_power_of_ten(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int i = 0; i < 5000; i++) {
		seed = seed * 1103515245 + 12345;
		double scale = pow(10, (int)(seed >> 16) % 12 - 4);
		seed = seed * 1103515245 + 12345;
		double hi = scale * ((seed >> 8) % 10000) / 100.0;
		seed = seed * 1103515245 + 12345;
		double lo = (seed >> 20) % 3 == 0 ? -hi * ((seed >> 8) % 100) / 100.0 : 0;
		size_t target = 2 + (seed >> 12) % 7;
		int integers = (seed >> 4) & 1;
		struct chart_ticks t;
		chart_nice_ticks(lo, hi, target, integers, &t);
		double mantissa = t.step / pow(10, floor(log10(t.step) + 1e-9));
		assert_true(fabs(mantissa - 1) < 1e-6 || fabs(mantissa - 2) < 1e-6 || fabs(mantissa - 5) < 1e-6);
		assert_true(t.min <= lo + 1e-9 * scale && t.max >= hi - 1e-9 * scale);
		assert_true(t.min > lo - t.step + 1e-9 * t.step || lo == t.min);
		assert_true(t.max < hi + t.step);
		assert_int_equal(t.count, (size_t)llround((t.max - t.min) / t.step) + 1);
		if (integers) assert_true(t.step >= 1);
		/* the tick labels print exactly with the decimals given */
		double shown = round(t.step * pow(10, t.decimals)) / pow(10, t.decimals);
		assert_true(fabs(shown - t.step) < 1e-9 * t.step);
	}
	struct chart_ticks t;
	chart_nice_ticks(0, 28, 5, 1, &t);
	assert_true(t.step == 5 && t.min == 0 && t.max == 30 && t.count == 7);
	chart_nice_ticks(0, 0, 5, 1, &t);  /* an all-zero chart still has an axis */
	assert_true(t.max > t.min);
}

static void numbers_print_with_separators_fixed_decimals_and_units(void **state)
{
	(void)state;
	struct { double v; struct number_style st; const char *want; } cases[] = {
		{1234567.891, {2, NULL, NULL, 0}, "1,234,567.89"},
		{289113.8, {0, "\xC2\xA3", NULL, 0}, "\xC2\xA3" "289,114"},
		{4659.1, {2, "\xC2\xA3", NULL, 0}, "\xC2\xA3" "4,659.10"},
		{-27705, {0, "\xC2\xA3", NULL, 0}, "-\xC2\xA3" "27,705"},
		{-0.004, {2, NULL, NULL, 0}, "0.00"},
		{12.5, {1, NULL, "%", 0}, "12.5%"},
		{2024, {0, NULL, NULL, 1}, "2024"},
		{999, {0, NULL, NULL, 0}, "999"},
		{1000, {0, NULL, NULL, 0}, "1,000"},
		{0.125, {2, NULL, NULL, 0}, "0.13"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s = number_format_string(cases[i].v, &cases[i].st);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static struct chart *sample(enum chart_kind kind, enum chart_orientation o, size_t series, size_t categories,
                            const char *label_prefix)
{
	struct chart *c = chart_new(kind, "Referrals by agency and month, a title long enough to wrap onto a second line");
	chart_set_orientation(c, o);
	chart_set_axis_labels(c, "Agency", "Referrals");
	for (size_t s = 0; s < series; s++) {
		char name[64];
		snprintf(name, sizeof name, "Series %zu", s + 1);
		chart_new_series(c, name);
	}
	for (size_t k = 0; k < categories; k++) {
		char name[128];
		snprintf(name, sizeof name, "%s %zu", label_prefix, k + 1);
		chart_new_category(c, name);
		for (size_t s = 0; s < series; s++) {
			int v = (int)((k * 7 + s * 13) % 40);
			if (v > 0 && v < 5) chart_set_suppressed(c, s, k, NULL);
			else chart_set_value(c, s, k, v * 31);
		}
	}
	return c;
}

static void assert_svg_well_formed(const char *svg)
{
	char why[256] = "";
	if (!xml_well_formed(svg, why, sizeof why)) fail_msg("SVG is not well-formed: %s", why);
	assert_int_equal(xml_count_elements(svg, "svg"), 1);
	assert_int_equal(xml_count_elements(svg, "title"), 1);
	assert_int_equal(xml_count_elements(svg, "desc"), 1);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "href"));
}

static void every_chart_kind_gives_well_formed_svg(void **state)
{
	(void)state;
	enum chart_kind kinds[] = {CHART_BAR, CHART_GROUPED_BAR, CHART_STACKED_BAR, CHART_LINE};
	for (size_t i = 0; i < 4; i++)
		for (int o = 0; o < 2; o++)
			for (size_t n = 0; n < 3; n++) {
				size_t categories[] = {0, 4, 30};
				struct chart *c = sample(kinds[i], o ? CHART_HORIZONTAL : CHART_VERTICAL, kinds[i] == CHART_BAR ? 1 : 3,
				                         categories[n], n == 2 ? "Greater Manchester Police division" : "Agency");
				struct buf b = BUF_INIT;
				chart_write_svg(c, &b, "chart-1", i & 1);
				assert_svg_well_formed(buf_str(&b));
				assert_non_null(strstr(buf_str(&b), "role=\"img\" aria-labelledby=\"chart-1-title chart-1-desc\""));
				if (n == 0) assert_non_null(strstr(buf_str(&b), "No data to show"));
				buf_free(&b);
				chart_free(c);
			}
}

static void a_hostile_label_never_appears_raw_in_the_svg(void **state)
{
	(void)state;
	struct chart *c = chart_new(CHART_GROUPED_BAR, HOSTILE);
	chart_set_axis_labels(c, HOSTILE, HOSTILE);
	chart_set_summary(c, HOSTILE);
	chart_set_suppressed_label(c, HOSTILE);
	size_t s = chart_new_series(c, HOSTILE);
	chart_new_series(c, "<b>");
	size_t k = chart_new_category(c, HOSTILE);
	chart_set_value(c, s, k, 10);
	chart_set_suppressed(c, 1, k, HOSTILE);
	struct buf b = BUF_INIT;
	chart_write_svg(c, &b, "x", 1);
	assert_svg_well_formed(buf_str(&b));
	assert_null(strstr(buf_str(&b), "<b>"));
	assert_null(strstr(buf_str(&b), "]]>"));
	assert_non_null(strstr(buf_str(&b), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;&quot;quoted&quot;"));
	/* the control character is gone and the invalid byte became U+FFFD */
	assert_null(strchr(buf_str(&b), '\x01'));
	assert_non_null(strstr(buf_str(&b), "\xEF\xBF\xBD"));
	buf_free(&b);
	chart_free(c);
}

static size_t count_rects_of(const struct scene *sc, uint32_t colour)
{
	size_t n = 0;
	for (size_t i = 0; i < sc->count; i++)
		if (sc->items[i].kind == SCENE_RECT && sc->items[i].style.fill == colour) n++;
	return n;
}

static int has_text(const struct scene *sc, const char *s)
{
	for (size_t i = 0; i < sc->count; i++)
		if (sc->items[i].kind == SCENE_TEXT && strcmp(sc->items[i].u.text.s, s) == 0) return 1;
	return 0;
}

static void a_suppressed_value_is_its_label_and_never_a_bar(void **state)
{
	(void)state;
	for (int o = 0; o < 2; o++) {
		struct chart *c = chart_new(CHART_BAR, "Cases by ward");
		chart_set_orientation(c, o ? CHART_HORIZONTAL : CHART_VERTICAL);
		size_t s = chart_new_series(c, "Cases");
		int values[] = {14, 3, 28, 0, 2, 1234};
		size_t bars = 0;
		for (size_t i = 0; i < 6; i++) {
			char name[16];
			snprintf(name, sizeof name, "Ward %zu", i);
			size_t k = chart_new_category(c, name);
			if (values[i] > 0 && values[i] < 5) chart_set_suppressed(c, s, k, NULL);
			else { chart_set_value(c, s, k, values[i]); bars += values[i] != 0; }
		}
		struct scene *sc = chart_layout(c);
		assert_int_equal(count_rects_of(sc, palette_series(0)), bars);
		assert_true(has_text(sc, "fewer than 5"));
		assert_true(has_text(sc, "1,234"));
		assert_true(has_text(sc, "14"));
		assert_false(has_text(sc, "3"));
		scene_free(sc);
		char *d = chart_describe(c);
		assert_non_null(strstr(d, "Ward 1: fewer than 5"));
		assert_non_null(strstr(d, "Ward 5: 1,234"));
		free(d);
		chart_free(c);
	}
}

/* Bounding box of a text item, rotated ones by their rotated rectangle's extent. */
static void text_box(const struct scene_item *it, double box[4])
{
	double w = report_text_width(it->u.text.s, it->u.text.size, it->u.text.bold);
	double h = it->u.text.size;
	double x0 = it->u.text.anchor == SCENE_ANCHOR_MIDDLE ? -w / 2 : it->u.text.anchor == SCENE_ANCHOR_END ? -w : 0;
	double corners[4][2] = {{x0, -h * 0.75}, {x0 + w, -h * 0.75}, {x0, h * 0.2}, {x0 + w, h * 0.2}};
	double a = it->u.text.rotate * M_PI / 180;
	box[0] = box[1] = INFINITY;
	box[2] = box[3] = -INFINITY;
	for (int i = 0; i < 4; i++) {
		double x = it->u.text.x + corners[i][0] * cos(a) - corners[i][1] * sin(a);
		double y = it->u.text.y + corners[i][0] * sin(a) + corners[i][1] * cos(a);
		box[0] = fmin(box[0], x); box[1] = fmin(box[1], y);
		box[2] = fmax(box[2], x); box[3] = fmax(box[3], y);
	}
}

static void assert_text_fits_and_does_not_overlap(const struct scene *sc)
{
	for (size_t i = 0; i < sc->count; i++) {
		if (sc->items[i].kind != SCENE_TEXT) continue;
		double a[4];
		text_box(&sc->items[i], a);
		if (a[0] < -0.5 || a[1] < -0.5 || a[2] > sc->width + 0.5 || a[3] > sc->height + 0.5)
			fail_msg("'%s' leaves the image", sc->items[i].u.text.s);
		if (sc->items[i].u.text.rotate != 0) continue; /* rotated labels: boxes are too coarse */
		for (size_t j = i + 1; j < sc->count; j++) {
			if (sc->items[j].kind != SCENE_TEXT || sc->items[j].u.text.rotate != 0) continue;
			double b[4];
			text_box(&sc->items[j], b);
			if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5)
				fail_msg("'%s' overlaps '%s'", sc->items[i].u.text.s, sc->items[j].u.text.s);
		}
	}
}

static void labels_stay_inside_the_image_and_do_not_overlap(void **state)
{
	(void)state;
	enum chart_kind kinds[] = {CHART_BAR, CHART_GROUPED_BAR, CHART_STACKED_BAR, CHART_LINE};
	const char *prefixes[] = {"Ward", "Cheadle and Gatley with Heald Green and Bramhall", "Supercalifragilisticexpialidocious"};
	for (size_t i = 0; i < 4; i++)
		for (int o = 0; o < 2; o++)
			for (size_t p = 0; p < 3; p++) {
				size_t n = p == 0 ? 23 : 6;
				struct chart *c = sample(kinds[i], o ? CHART_HORIZONTAL : CHART_VERTICAL, i == 0 ? 1 : 3, n, prefixes[p]);
				struct scene *sc = chart_layout(c);
				assert_text_fits_and_does_not_overlap(sc);
				scene_free(sc);
				chart_free(c);
			}
}

static void rotated_category_labels_are_spaced_apart(void **state)
{
	(void)state;
	struct chart *c = sample(CHART_LINE, CHART_VERTICAL, 2, 48, "September 2024");
	struct scene *sc = chart_layout(c);
	double last = -INFINITY, min_gap = INFINITY;
	size_t rotated = 0;
	for (size_t i = 0; i < sc->count; i++) {
		const struct scene_item *it = &sc->items[i];
		if (it->kind != SCENE_TEXT || it->u.text.rotate != -45) continue;
		if (rotated++) min_gap = fmin(min_gap, it->u.text.x - last);
		last = it->u.text.x;
	}
	assert_true(rotated >= 6 && rotated < 48);  /* thinned out */
	/* parallel 45-degree lines this far apart in x are size * 1.2 apart */
	assert_true(min_gap * 0.7071 >= 12 * 1.2);
	scene_free(sc);
	chart_free(c);
}

static void colours_have_enough_contrast(void **state)
{
	(void)state;
	for (size_t i = 0; i < palette_series_count(); i++) {
		assert_true(palette_contrast(palette_series(i), PALETTE_WHITE) >= 3.0);
		assert_true(palette_contrast(palette_text_on(palette_series(i)), palette_series(i)) >= 4.5);
		if (i) assert_true(palette_series(i) != palette_series(i - 1));
	}
	assert_true(palette_contrast(PALETTE_TEXT, PALETTE_WHITE) >= 4.5);
	assert_true(palette_contrast(PALETTE_SECONDARY, PALETTE_WHITE) >= 4.5);
	assert_true(fabs(palette_contrast(0, 0xffffff) - 21) < 1e-9);
}

static void the_same_chart_renders_as_png_and_pdf(void **state)
{
	(void)state;
	struct chart *c = sample(CHART_STACKED_BAR, CHART_VERTICAL, 3, 5, "Quarter");
	struct buf b = BUF_INIT;
	assert_int_equal(chart_write_png(c, 2, &b), 0);
	assert_memory_equal(b.data, "\x89PNG\r\n\x1a\n", 8);
	/* IHDR width and height: 640 x 360 at twice the scale */
	assert_int_equal((b.data[16] & 0xff) << 24 | (b.data[17] & 0xff) << 16 | (b.data[18] & 0xff) << 8 | (b.data[19] & 0xff), 1280);
	assert_int_equal((b.data[20] & 0xff) << 24 | (b.data[21] & 0xff) << 16 | (b.data[22] & 0xff) << 8 | (b.data[23] & 0xff), 720);
	buf_reset(&b);
	assert_int_equal(chart_write_pdf(c, &b), 0);
	assert_memory_equal(b.data, "%PDF-", 5);
	buf_free(&b);
	chart_free(c);
}

static void text_is_wrapped_at_spaces_and_cut_only_when_a_word_is_too_long(void **state)
{
	(void)state;
	char **lines;
	size_t n = report_text_wrap("Brinnington and Stockport Central", 12, 0, 90, 5, &lines);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		assert_true(report_text_width(lines[i], 12, 0) <= 90);
		assert_true(lines[i][0] != ' ');
	}
	report_text_lines_free(lines, n);
	n = report_text_wrap("one two three four five six seven eight", 12, 0, 40, 2, &lines);
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[1], "\xE2\x80\xA6"));
	report_text_lines_free(lines, n);
	n = report_text_wrap("Supercalifragilisticexpialidocious", 12, 0, 50, 10, &lines);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) assert_true(report_text_width(lines[i], 12, 0) <= 50);
	report_text_lines_free(lines, n);
	char *clean = report_text_clean("a\tb\nc\x7f\xc2\x85" "d\xef\xbf\xbe" "e\xff");
	assert_string_equal(clean, "a b c d" "e\xEF\xBF\xBD");
	free(clean);
}

static void a_remembered_width_is_the_width_of_that_text_size_and_weight(void **state)
{
	(void)state;
	double regular = report_text_width("Brinnington", 12, 0);
	assert_true(regular > 30);
	assert_true(report_text_width("Brinnington", 12, 0) == regular);
	assert_true(report_text_width("Brinnington", 12, 1) > regular);             /* bold is wider */
	double large = report_text_width("Brinnington", 24, 0);                       /* about twice the size */
	assert_true(large > 1.8 * regular && large < 2.2 * regular);
	assert_true(report_text_width("Brinnington", 12, 7) == report_text_width("Brinnington", 12, 1));
	assert_true(report_text_width("Brinnington!", 12, 0) > regular);
	/* more texts than are remembered at once: the memory starts again, the widths stay right */
	char text[32];
	double first = 0;
	for (int i = 0; i < 3000; i++) {
		snprintf(text, sizeof text, "ward %d", i % 1500);
		double w = report_text_width(text, 11, 0);
		if (i == 0) first = w;
		if (i % 1500 == 0) assert_true(w == first);
	}
	assert_true(report_text_width("Brinnington", 12, 0) == regular);
}

static void *render_in_thread(void *arg)
{
	struct buf *out = arg;
	for (int i = 0; i < 5; i++) {
		struct chart *c = sample(CHART_GROUPED_BAR, CHART_HORIZONTAL, 3, 12, "Ward with a long name");
		buf_reset(out);
		chart_write_svg(c, out, "t", 0);
		chart_free(c);
	}
	return NULL;
}

static void charts_render_the_same_in_parallel_threads(void **state)
{
	(void)state;
	struct buf alone = BUF_INIT, out[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	render_in_thread(&alone);
	pthread_t threads[4];
	for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&threads[i], NULL, render_in_thread, &out[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(threads[i], NULL);
		assert_string_equal(buf_str(&out[i]), buf_str(&alone));
		buf_free(&out[i]);
	}
	buf_free(&alone);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(axis_ticks_step_by_one_two_or_five_times_a_power_of_ten),
		cmocka_unit_test(numbers_print_with_separators_fixed_decimals_and_units),
		cmocka_unit_test(every_chart_kind_gives_well_formed_svg),
		cmocka_unit_test(a_hostile_label_never_appears_raw_in_the_svg),
		cmocka_unit_test(a_suppressed_value_is_its_label_and_never_a_bar),
		cmocka_unit_test(labels_stay_inside_the_image_and_do_not_overlap),
		cmocka_unit_test(rotated_category_labels_are_spaced_apart),
		cmocka_unit_test(colours_have_enough_contrast),
		cmocka_unit_test(the_same_chart_renders_as_png_and_pdf),
		cmocka_unit_test(text_is_wrapped_at_spaces_and_cut_only_when_a_word_is_too_long),
		cmocka_unit_test(a_remembered_width_is_the_width_of_that_text_size_and_weight),
		cmocka_unit_test(charts_render_the_same_in_parallel_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
