/* Polygons: point in polygon with holes and several parts, the blob encoding, and the grid
 * index agreeing with a plain search over every polygon. */
#include "testutil.h"
#include "analytics/geometry.h"
#include "util/buf.h"

/* A 10 x 10 square with a 4 x 4 hole in the middle, as one polygon. */
static void square_with_hole(struct geometry *g)
{
	double shell[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0};
	double hole[] = {3, 3, 7, 3, 7, 7, 3, 7};
	geometry_init(g);
	geometry_add_ring(g, shell, 5, 1);
	geometry_add_ring(g, hole, 4, 0);
}

static void a_point_in_a_hole_is_outside_the_polygon(void **state)
{
	struct geometry g;
	square_with_hole(&g);
	assert_true(geometry_contains(&g, 1, 1));
	assert_true(geometry_contains(&g, 8, 5));
	assert_false(geometry_contains(&g, 5, 5));     /* in the hole */
	assert_false(geometry_contains(&g, 11, 5));    /* outside */
	assert_false(geometry_contains(&g, -0.5, 5));
	assert_int_equal(geometry_polygon_count(&g), 1);
	geometry_free(&g);
}

static void the_repeated_closing_point_is_dropped_and_the_box_kept(void **state)
{
	struct geometry g;
	square_with_hole(&g);
	assert_int_equal(g.rings[0].count, 4);
	assert_int_equal(g.rings[1].count, 4);
	assert_true(g.min_x == 0 && g.min_y == 0 && g.max_x == 10 && g.max_y == 10);
	geometry_free(&g);
}

static void every_part_of_a_multipolygon_counts(void **state)
{
	struct geometry g;
	square_with_hole(&g);
	/* an island inside the hole: a second polygon */
	double island[] = {4, 4, 6, 4, 6, 6, 4, 6};
	double far[] = {20, 20, 30, 20, 25, 30};
	geometry_add_ring(&g, island, 4, 1);
	geometry_add_ring(&g, far, 3, 1);
	assert_int_equal(geometry_polygon_count(&g), 3);
	assert_true(geometry_contains(&g, 5, 5));      /* on the island */
	assert_false(geometry_contains(&g, 3.5, 3.5)); /* in the hole, off the island */
	assert_true(geometry_contains(&g, 25, 22));
	assert_false(geometry_contains(&g, 21, 29));
	geometry_free(&g);
}

static void a_geometry_survives_its_blob_encoding(void **state)
{
	struct geometry g, back;
	square_with_hole(&g);
	double tri[] = {-2.1, 53.4, -2.0, 53.4, -2.05, 53.45};
	geometry_add_ring(&g, tri, 3, 1);
	struct buf b = BUF_INIT;
	geometry_encode(&g, &b);
	assert_int_equal(geometry_decode(b.data, b.len, &back), 0);
	assert_int_equal(back.nrings, g.nrings);
	assert_int_equal(back.npoints, g.npoints);
	for (size_t r = 0; r < g.nrings; r++) {
		assert_int_equal(back.rings[r].count, g.rings[r].count);
		assert_int_equal(back.rings[r].outer, g.rings[r].outer);
	}
	assert_memory_equal(back.xy, g.xy, 2 * g.npoints * sizeof *g.xy);
	geometry_free(&back);
	/* damaged blobs are refused, not read past their end */
	assert_int_equal(geometry_decode(b.data, b.len - 1, &back), -1);
	geometry_free(&back);
	assert_int_equal(geometry_decode("XXXX\1\0\0\0", 8, &back), -1);
	geometry_free(&back);
	((unsigned char *)b.data)[4] = 0xff;    /* absurd ring count */
	assert_int_equal(geometry_decode(b.data, b.len, &back), -1);
	geometry_free(&back);
	buf_free(&b);
	geometry_free(&g);
}

static unsigned next_random(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffff;
}

static void the_grid_index_finds_the_same_polygon_as_a_full_search(void **state)
{
	/* a 12 x 9 tiling of irregular quadrilaterals (shared jittered corners), with holes in some */
	enum { COLS = 12, ROWS = 9 };
	double cx[COLS + 1][ROWS + 1], cy[COLS + 1][ROWS + 1];
	unsigned seed = 7;
	for (int i = 0; i <= COLS; i++)
		for (int j = 0; j <= ROWS; j++) {
			double jx = (i == 0 || i == COLS) ? 0 : (next_random(&seed) / 65536.0 - 0.5) * 0.6;
			double jy = (j == 0 || j == ROWS) ? 0 : (next_random(&seed) / 65536.0 - 0.5) * 0.6;
			cx[i][j] = i + jx;
			cy[i][j] = j + jy;
		}
	struct geometry cells[COLS * ROWS];
	const struct geometry *ptrs[COLS * ROWS];
	for (int i = 0; i < COLS; i++)
		for (int j = 0; j < ROWS; j++) {
			struct geometry *g = &cells[i * ROWS + j];
			double ring[] = {cx[i][j], cy[i][j], cx[i + 1][j], cy[i + 1][j], cx[i + 1][j + 1], cy[i + 1][j + 1],
				cx[i][j + 1], cy[i][j + 1]};
			geometry_init(g);
			geometry_add_ring(g, ring, 4, 1);
			if ((i + j) % 3 == 0) {
				double hole[] = {i + 0.45, j + 0.45, i + 0.55, j + 0.45, i + 0.55, j + 0.55, i + 0.45, j + 0.55};
				geometry_add_ring(g, hole, 4, 0);
			}
			ptrs[i * ROWS + j] = g;
		}
	struct spatial_index *ix = spatial_index_new(ptrs, COLS * ROWS);
	int inside = 0;
	for (int k = 0; k < 20000; k++) {
		double x = next_random(&seed) / 65536.0 * (COLS + 2) - 1, y = next_random(&seed) / 65536.0 * (ROWS + 2) - 1;
		long brute = -1;
		for (int p = 0; p < COLS * ROWS && brute < 0; p++) if (geometry_contains(ptrs[p], x, y)) brute = p;
		assert_int_equal(spatial_index_find(ix, x, y), brute);
		inside += brute >= 0;
	}
	assert_true(inside > 10000);
	spatial_index_free(ix);
	for (int p = 0; p < COLS * ROWS; p++) geometry_free(&cells[p]);
}

static void an_empty_index_finds_nothing(void **state)
{
	struct spatial_index *ix = spatial_index_new(NULL, 0);
	assert_int_equal(spatial_index_find(ix, 0, 0), -1);
	spatial_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_point_in_a_hole_is_outside_the_polygon),
		cmocka_unit_test(the_repeated_closing_point_is_dropped_and_the_box_kept),
		cmocka_unit_test(every_part_of_a_multipolygon_counts),
		cmocka_unit_test(a_geometry_survives_its_blob_encoding),
		cmocka_unit_test(the_grid_index_finds_the_same_polygon_as_a_full_search),
		cmocka_unit_test(an_empty_index_finds_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
