/* Building scenes: every string and coordinate array lives in the scene's arena, so a scene
 * is freed in one call however many primitives the layout pass added. */
#include <stdlib.h>
#include <string.h>
#include "report/scene.h"
#include "report/report_text.h"
#include "util/arena.h"
#include "util/xalloc.h"

struct scene *scene_new(double width, double height)
{
	struct scene *s = xcalloc(1, sizeof *s);
	s->width = width;
	s->height = height;
	s->arena = arena_new();
	s->title = arena_strdup(s->arena, "");
	s->description = arena_strdup(s->arena, "");
	return s;
}

void scene_free(struct scene *s)
{
	if (!s) return;
	arena_free(s->arena);
	free(s->items);
	free(s);
}

static char *clean_copy(struct scene *s, const char *text)
{
	char *clean = report_text_clean(text);
	char *copy = arena_strdup(s->arena, clean);
	free(clean);
	return copy;
}

void scene_set_text(struct scene *s, const char *title, const char *description)
{
	s->title = clean_copy(s, title);
	s->description = clean_copy(s, description);
}

struct scene_style scene_fill(uint32_t colour)
{
	struct scene_style st = {colour, SCENE_NONE, 0, {0, 0}, 0};
	return st;
}

struct scene_style scene_stroke(uint32_t colour, double width)
{
	struct scene_style st = {SCENE_NONE, colour, width, {0, 0}, 0};
	return st;
}

static struct scene_item *add(struct scene *s, enum scene_kind kind, struct scene_style st)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->items = xrealloc(s->items, s->cap * sizeof *s->items);
	}
	struct scene_item *it = &s->items[s->count++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->style = st;
	return it;
}

void scene_rect(struct scene *s, double x, double y, double w, double h, struct scene_style st)
{
	if (w < 0) { x += w; w = -w; }
	if (h < 0) { y += h; h = -h; }
	struct scene_item *it = add(s, SCENE_RECT, st);
	it->u.rect.x = x;
	it->u.rect.y = y;
	it->u.rect.w = w;
	it->u.rect.h = h;
}

void scene_polyline(struct scene *s, const double *xy, size_t n, struct scene_style st)
{
	if (n < 2) return;
	struct scene_item *it = add(s, SCENE_POLYLINE, st);
	it->u.polyline.xy = arena_alloc(s->arena, 2 * n * sizeof(double));
	memcpy(it->u.polyline.xy, xy, 2 * n * sizeof(double));
	it->u.polyline.n = n;
}

void scene_line(struct scene *s, double x1, double y1, double x2, double y2, struct scene_style st)
{
	double xy[4] = {x1, y1, x2, y2};
	scene_polyline(s, xy, 2, st);
}

void scene_polygon(struct scene *s, const double *xy, const size_t *ring_len, size_t rings,
                   struct scene_style st)
{
	size_t total = 0;
	for (size_t i = 0; i < rings; i++) total += ring_len[i];
	if (!total) return;
	struct scene_item *it = add(s, SCENE_POLYGON, st);
	it->u.polygon.xy = arena_alloc(s->arena, 2 * total * sizeof(double));
	memcpy(it->u.polygon.xy, xy, 2 * total * sizeof(double));
	it->u.polygon.ring_len = arena_alloc(s->arena, rings * sizeof(size_t));
	memcpy(it->u.polygon.ring_len, ring_len, rings * sizeof(size_t));
	it->u.polygon.rings = rings;
}

void scene_circle(struct scene *s, double x, double y, double r, struct scene_style st)
{
	struct scene_item *it = add(s, SCENE_CIRCLE, st);
	it->u.circle.x = x;
	it->u.circle.y = y;
	it->u.circle.r = r;
}

struct scene_item *scene_text(struct scene *s, const char *text, double x, double y, double size,
                              enum scene_anchor anchor, uint32_t colour)
{
	struct scene_item *it = add(s, SCENE_TEXT, scene_fill(colour));
	it->u.text.s = clean_copy(s, text);
	it->u.text.x = x;
	it->u.text.y = y;
	it->u.text.size = size;
	it->u.text.anchor = anchor;
	return it;
}

static void append_range(struct scene *dst, const struct scene *src, size_t first, double dx, double dy, double scale)
{
	for (size_t i = first; i < src->count; i++) {
		const struct scene_item *it = &src->items[i];
		struct scene_style st = it->style;
		st.stroke_width *= scale;
		st.dash[0] *= scale;
		st.dash[1] *= scale;
		switch (it->kind) {
		case SCENE_RECT:
			scene_rect(dst, dx + it->u.rect.x * scale, dy + it->u.rect.y * scale,
			           it->u.rect.w * scale, it->u.rect.h * scale, st);
			break;
		case SCENE_CIRCLE:
			scene_circle(dst, dx + it->u.circle.x * scale, dy + it->u.circle.y * scale, it->u.circle.r * scale, st);
			break;
		case SCENE_POLYLINE:
		case SCENE_POLYGON: {
			int poly = it->kind == SCENE_POLYGON;
			size_t n = 0;
			if (poly) for (size_t r = 0; r < it->u.polygon.rings; r++) n += it->u.polygon.ring_len[r];
			else n = it->u.polyline.n;
			const double *from = poly ? it->u.polygon.xy : it->u.polyline.xy;
			double *xy = xmalloc(2 * n * sizeof *xy);
			for (size_t k = 0; k < n; k++) {
				xy[2 * k] = dx + from[2 * k] * scale;
				xy[2 * k + 1] = dy + from[2 * k + 1] * scale;
			}
			if (poly) scene_polygon(dst, xy, it->u.polygon.ring_len, it->u.polygon.rings, st);
			else scene_polyline(dst, xy, n, st);
			free(xy);
			break;
		}
		case SCENE_TEXT: {
			struct scene_item *t = scene_text(dst, it->u.text.s, dx + it->u.text.x * scale, dy + it->u.text.y * scale,
			                                  it->u.text.size * scale, it->u.text.anchor, it->style.fill);
			t->u.text.rotate = it->u.text.rotate;
			t->u.text.bold = it->u.text.bold;
			t->u.text.italic = it->u.text.italic;
			t->u.text.halo = it->u.text.halo;
			break;
		}
		case SCENE_TAG_BEGIN:
			scene_tag_begin(dst, it->u.tag.name);
			break;
		case SCENE_TAG_END:
			scene_tag_end(dst, it->u.tag.name);
			break;
		}
	}
}

static const char *tag_name(struct scene *s, const char *name)
{
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			fatal("scene: bad tag name");
	return arena_strdup(s->arena, name);
}

void scene_tag_begin(struct scene *s, const char *name)
{
	add(s, SCENE_TAG_BEGIN, scene_fill(SCENE_NONE))->u.tag.name = tag_name(s, name);
}

void scene_tag_end(struct scene *s, const char *name)
{
	add(s, SCENE_TAG_END, scene_fill(SCENE_NONE))->u.tag.name = tag_name(s, name);
}

void scene_append(struct scene *dst, const struct scene *src, double dx, double dy, double scale)
{
	append_range(dst, src, 0, dx, dy, scale);
}

void scene_move_tail(struct scene *dst, struct scene *src, size_t first, double dx, double dy)
{
	if (first > src->count) fatal("scene_move_tail: item %zu of %zu", first, src->count);
	append_range(dst, src, first, dx, dy, 1);
	src->count = first;
}
