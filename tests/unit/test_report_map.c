/* Maps: classes that say exactly which values they hold, hot-spot bins, fitting to the
 * frame without distortion (also for longitude/latitude), holes, raster runs, scale bar,
 * and well-formed, escaped SVG. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/map.h"
#include "report/map_internal.h"
#include "report/report_text.h"
#include "xml_check.h"

static const double counts[] = {14, 1, 4, 28, 2, 13, 3, 1, 10, 2, 1, 7, 2, 2, 10, 18, 5, 7, 2, 15, 7, 3, 4};
#define N (sizeof counts / sizeof *counts)

static void square(struct map *m, size_t a, double x, double y, double size)
{
	double xy[8] = {x, y, x + size, y, x + size, y + size, x, y + size};
	map_area_add_ring(m, a, xy, 4);
}

/* Parse "lo to hi" or "v" into a whole-number range. */
static void label_range(const char *label, long *lo, long *hi)
{
	char *end;
	*lo = strtol(label, &end, 10);
	*hi = strncmp(end, " to ", 4) == 0 ? strtol(end + 4, NULL, 10) : *lo;
}

static void quantile_classes_of_counts_are_whole_number_ranges_holding_every_value(void **state)
{
	(void)state;
	for (size_t k = 2; k <= 7; k++) {
		struct map_classes cl;
		map_classes_build(&cl, counts, N, MAP_CLASSES_QUANTILE, k, NULL, 0, PALETTE_RAMP_BLUES, NULL);
		assert_true(cl.n >= 2 && cl.n <= k);
		long prev_hi = -1;
		size_t total = 0;
		for (size_t i = 0; i < cl.n; i++) {
			long lo, hi;
			label_range(cl.label[i], &lo, &hi);
			assert_true(lo <= hi);
			if (i) assert_true(lo > prev_hi);   /* ranges ascend and do not overlap */
			prev_hi = hi;
			assert_true(cl.count[i] > 0);        /* quantile classes are never empty */
			total += cl.count[i];
			if (i) assert_true(cl.colour[i] != cl.colour[i - 1]);
		}
		assert_int_equal(total, N);
		for (size_t v = 0; v < N; v++) {
			long lo, hi;
			label_range(cl.label[map_classes_index(&cl, counts[v])], &lo, &hi);
			assert_true(counts[v] >= lo && counts[v] <= hi);
		}
		map_classes_clear(&cl);
	}
}

static void fixed_breaks_and_equal_intervals_label_their_bounds(void **state)
{
	(void)state;
	struct map_classes cl;
	double breaks[] = {5, 10, 20};
	map_classes_build(&cl, counts, N, MAP_CLASSES_BREAKS, 0, breaks, 3, PALETTE_RAMP_BLUES, NULL);
	assert_int_equal(cl.n, 4);
	assert_string_equal(cl.label[0], "under 5");
	assert_string_equal(cl.label[1], "5 to 9");
	assert_string_equal(cl.label[2], "10 to 19");
	assert_string_equal(cl.label[3], "20 or more");
	assert_int_equal(map_classes_index(&cl, 4), 0);
	assert_int_equal(map_classes_index(&cl, 5), 1);
	assert_int_equal(map_classes_index(&cl, 28), 3);
	map_classes_clear(&cl);
	double fractions[] = {0.5, 1.25, 2.0, 3.75};
	struct number_style st = {2, NULL, NULL, 0};
	map_classes_build(&cl, fractions, 4, MAP_CLASSES_EQUAL, 2, NULL, 0, PALETTE_RAMP_DENSITY, &st);
	assert_int_equal(cl.n, 2);
	assert_string_equal(cl.label[0], "0.50 to under 2.13");
	assert_string_equal(cl.label[1], "2.13 to 3.75");
	map_classes_clear(&cl);
}

static void hot_spot_bins_have_seven_classes_from_cold_to_hot(void **state)
{
	(void)state;
	double bins[] = {-3, -2, -1, 0, 0, 1, 2, 3, 3};
	struct map_classes cl;
	map_classes_build(&cl, bins, 9, MAP_CLASSES_HOTSPOT, 7, NULL, 0, PALETTE_RAMP_DIVERGING, NULL);
	assert_int_equal(cl.n, 7);
	assert_string_equal(cl.label[0], "Cold spot, 99%");
	assert_string_equal(cl.label[3], "Not significant");
	assert_string_equal(cl.label[6], "Hot spot, 99%");
	for (int b = -3; b <= 3; b++) assert_int_equal(map_classes_index(&cl, b), (size_t)(b + 3));
	assert_int_equal(cl.count[6], 2);
	assert_int_equal(cl.count[3], 2);
	map_classes_clear(&cl);
}

/* Extent on screen of the first polygon in the scene. */
static void first_polygon_extent(const struct scene *sc, double *w, double *h)
{
	for (size_t i = 0; i < sc->count; i++) {
		if (sc->items[i].kind != SCENE_POLYGON) continue;
		double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
		size_t n = 0;
		for (size_t r = 0; r < sc->items[i].u.polygon.rings; r++) n += sc->items[i].u.polygon.ring_len[r];
		for (size_t k = 0; k < n; k++) {
			x0 = fmin(x0, sc->items[i].u.polygon.xy[2 * k]);
			x1 = fmax(x1, sc->items[i].u.polygon.xy[2 * k]);
			y0 = fmin(y0, sc->items[i].u.polygon.xy[2 * k + 1]);
			y1 = fmax(y1, sc->items[i].u.polygon.xy[2 * k + 1]);
		}
		*w = x1 - x0;
		*h = y1 - y0;
		return;
	}
	fail_msg("no polygon");
}

static void the_map_fits_its_frame_without_distortion(void **state)
{
	(void)state;
	/* metres: a square stays square, whatever the frame's shape */
	double sizes[][2] = {{640, 480}, {300, 600}, {900, 300}};
	for (size_t i = 0; i < 3; i++) {
		struct map *m = map_new(MAP_METRES, "Square");
		size_t a = map_add_area(m, "A");
		square(m, a, 389000, 386000, 2000);
		map_set_size(m, sizes[i][0], sizes[i][1]);
		struct scene *sc = map_layout(m);
		double w, h;
		first_polygon_extent(sc, &w, &h);
		assert_true(fabs(w - h) < 0.5);
		assert_true(w > 100);
		scene_free(sc);
		map_free(m);
	}
	/* longitude/latitude at 60 degrees north: a degree of longitude is half a degree of latitude */
	struct map *m = map_new(MAP_LONLAT, "Lon/lat");
	size_t a = map_add_area(m, "A");
	double ring[8] = {10, 59.5, 12, 59.5, 12, 60.5, 10, 60.5};
	map_area_add_ring(m, a, ring, 4);
	struct scene *sc = map_layout(m);
	double w, h;
	first_polygon_extent(sc, &w, &h);
	assert_true(fabs(w / h - 1) < 0.01);
	scene_free(sc);
	map_free(m);
}

static void holes_are_cut_out_of_areas(void **state)
{
	(void)state;
	struct map *m = map_new(MAP_METRES, "Hole");
	size_t a = map_add_area(m, "Ring-shaped");
	square(m, a, 0, 0, 1000);
	square(m, a, 400, 400, 200);
	map_area_set_value(m, a, 7);
	struct buf b = BUF_INIT;
	map_write_svg(m, &b, "m", 0);
	assert_non_null(strstr(buf_str(&b), "fill-rule=\"evenodd\""));
	/* one path with two subpaths */
	const char *d = strstr(buf_str(&b), "<path d=\"M");
	assert_non_null(d);
	const char *end = strchr(d + 9, '"');
	size_t moves = 0;
	for (const char *p = d + 9; p < end; p++) moves += *p == 'M';
	assert_int_equal(moves, 2);
	buf_free(&b);
	map_free(m);
}

static void a_grid_row_of_one_class_is_one_rectangle(void **state)
{
	(void)state;
	struct map *m = map_new(MAP_METRES, "Grid");
	double v[4 * 10];
	for (size_t r = 0; r < 4; r++)
		for (size_t c = 0; c < 10; c++) v[r * 10 + c] = r < 2 ? 3 : (c < 5 ? -3 : NAN);
	struct map_grid g = {0, 0, 100, 100, 10, 4, v, MAP_GRID_HOTSPOT, 0, NULL, {0, NULL, NULL, 0}};
	map_set_grid(m, &g);
	struct scene *sc = map_layout(m);
	size_t hot = 0, cold = 0;
	struct map_classes cl;
	map_grid_classes(m, &cl);
	for (size_t i = 0; i < sc->count; i++) {
		if (sc->items[i].kind != SCENE_RECT || !sc->items[i].style.crisp) continue;
		if (sc->items[i].style.fill == cl.colour[6]) hot++;
		if (sc->items[i].style.fill == cl.colour[0]) cold++;
	}
	assert_int_equal(hot, 2);   /* two full rows */
	assert_int_equal(cold, 2);  /* two half rows; NAN cells left clear */
	map_classes_clear(&cl);
	scene_free(sc);
	map_free(m);
}

static void the_scale_bar_is_one_two_or_five_times_a_power_of_ten(void **state)
{
	(void)state;
	double spans[] = {800, 3000, 12000, 45000};
	for (size_t i = 0; i < 4; i++) {
		struct map *m = map_new(MAP_METRES, "Scale");
		size_t a = map_add_area(m, "A");
		square(m, a, 0, 0, spans[i]);
		struct scene *sc = map_layout(m);
		int found = 0;
		for (size_t k = 0; k < sc->count; k++) {
			if (sc->items[k].kind != SCENE_TEXT) continue;
			const char *s = sc->items[k].u.text.s;
			size_t len = strlen(s);
			if (len < 3 || (strcmp(s + len - 2, " m") && strcmp(s + len - 3, " km"))) continue;
			double v = strtod(s, NULL) * (strstr(s, "km") ? 1000 : 1);
			double mant = v / pow(10, floor(log10(v) + 1e-9));
			assert_true(fabs(mant - 1) < 1e-9 || fabs(mant - 2) < 1e-9 || fabs(mant - 5) < 1e-9);
			assert_true(v < spans[i] && v > spans[i] / 20);
			found = 1;
		}
		assert_true(found);
		scene_free(sc);
		map_free(m);
	}
}

static void map_svg_is_well_formed_and_escapes_hostile_names(void **state)
{
	(void)state;
	struct map *m = map_new(MAP_LONLAT, "<script>alert(1)</script>");
	map_set_value_title(m, "Cases & \"more\"");
	map_set_area_labels(m, 1);
	for (size_t i = 0; i < N; i++) {
		char name[64];
		snprintf(name, sizeof name, "<b>Ward %zu</b> & co", i);
		size_t a = map_add_area(m, name);
		double x = -2.2 + 0.02 * (double)(i % 6), y = 53.35 + 0.015 * (double)(i / 6);
		double ring[8] = {x, y, x + 0.02, y, x + 0.02, y + 0.015, x, y + 0.015};
		map_area_add_ring(m, a, ring, 4);
		if (counts[i] < 5) map_area_set_suppressed(m, a);
		else map_area_set_value(m, a, counts[i]);
	}
	map_add_point(m, -2.15, 53.37);
	struct buf b = BUF_INIT;
	map_write_svg(m, &b, "ward-map", 1);
	char why[256] = "";
	if (!xml_well_formed(buf_str(&b), why, sizeof why)) fail_msg("map SVG: %s", why);
	assert_null(strstr(buf_str(&b), "<script"));
	assert_null(strstr(buf_str(&b), "<b>"));
	assert_non_null(strstr(buf_str(&b), "&lt;b&gt;Ward 3&lt;/b&gt; &amp; co: 28"));  /* in the description */
	assert_non_null(strstr(buf_str(&b), ">fewer than 5<"));                          /* in the legend */
	assert_non_null(strstr(buf_str(&b), "aria-labelledby=\"ward-map-title ward-map-desc\""));
	buf_free(&b);
	assert_int_equal(map_write_png(m, 1, &b), 0);
	assert_memory_equal(b.data, "\x89PNG", 4);
	buf_free(&b);
	map_free(m);
}

static void an_empty_map_says_so(void **state)
{
	(void)state;
	struct map *m = map_new(MAP_METRES, "Nothing");
	struct buf b = BUF_INIT;
	map_write_svg(m, &b, "e", 0);
	assert_non_null(strstr(buf_str(&b), "No data to show"));
	assert_non_null(strstr(buf_str(&b), "There is no data."));
	buf_free(&b);
	map_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantile_classes_of_counts_are_whole_number_ranges_holding_every_value),
		cmocka_unit_test(fixed_breaks_and_equal_intervals_label_their_bounds),
		cmocka_unit_test(hot_spot_bins_have_seven_classes_from_cold_to_hot),
		cmocka_unit_test(the_map_fits_its_frame_without_distortion),
		cmocka_unit_test(holes_are_cut_out_of_areas),
		cmocka_unit_test(a_grid_row_of_one_class_is_one_rectangle),
		cmocka_unit_test(the_scale_bar_is_one_two_or_five_times_a_power_of_ten),
		cmocka_unit_test(map_svg_is_well_formed_and_escapes_hostile_names),
		cmocka_unit_test(an_empty_map_says_so),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
