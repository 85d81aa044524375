/* Cleaning, measuring and wrapping text for the chart, map and PDF renderers.
 * Measurement uses a Pango context over a cairo font map with metric hinting off, which is
 * also how scene_cairo.c draws, so measured widths are drawn widths. */
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "report/report_text.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/xalloc.h"

char *report_text_clean(const char *s)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	for (size_t i = 0; i < len;) {
		if (p[i] < 0x80) {
			buf_putc(&b, p[i] < 0x20 || p[i] == 0x7f ? ' ' : (char)p[i]);
			i++;
			continue;
		}
		size_t n = utf8_sequence_length(p + i, len - i);
		if (!n) {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		/* U+FFFE and U+FFFF are not XML characters; C1 controls are not text. */
		int drop = (n == 3 && p[i] == 0xEF && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) ||
		           (n == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0);
		if (!drop) buf_append(&b, p + i, n);
		i += n;
	}
	return buf_detach(&b);
}

/* Widths already measured: a chart measures a label more than once (to lay it out, then to
 * place it) and labels repeat ("0", month and ward names), so an HTML evaluation asks for
 * ~1,000 widths of ~560 strings. Forgotten all at once when three quarters full. */
#define MEMO_SLOTS 1024

struct memo_entry {
	char *text;      /* NULL: empty slot */
	double size, width;
	int bold;
};

/* One measuring layout for the process, used under a lock (Pango objects may be used from any
 * thread, but not from two at once). One, rather than one per thread: a font map and its
 * fonts take milliseconds to load, which a server paid again on every connection's thread,
 * and which report_text_prepare_in_background() can now pay off the caller's thread. Lives
 * until the process ends. */
static struct {
	PangoLayout *layout;
	PangoFontDescription *font[2]; /* regular, bold */
	struct memo_entry memo[MEMO_SLOTS];
	size_t memo_count;
} measurer;
static pthread_mutex_t measurer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t measurer_once = PTHREAD_ONCE_INIT;

static void measurer_create(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(map);
	g_object_unref(map);   /* the context keeps it */
	cairo_font_options_t *opt = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, opt);
	cairo_font_options_destroy(opt);
	measurer.layout = pango_layout_new(ctx);
	g_object_unref(ctx);
	for (int i = 0; i < 2; i++) {
		measurer.font[i] = pango_font_description_from_string(REPORT_FONT_PANGO);
		pango_font_description_set_weight(measurer.font[i], i ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	}
}

static void memo_clear(void)
{
	for (size_t i = 0; i < MEMO_SLOTS; i++) free(measurer.memo[i].text);
	memset(measurer.memo, 0, sizeof measurer.memo);
	measurer.memo_count = 0;
}

static double measure(const char *s, double size, int bold)
{
	PangoFontDescription *fd = measurer.font[bold];
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(measurer.layout, fd);
	pango_layout_set_text(measurer.layout, s, -1);
	PangoRectangle logical;
	pango_layout_get_extents(measurer.layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

static size_t memo_slot(const char *s, double size, int bold)
{
	uint64_t h = 1469598103934665603ULL;     /* FNV-1a over the text, then the size and weight */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 1099511628211ULL;
	h = (h ^ (uint64_t)(size * 64)) * 1099511628211ULL;
	h = (h ^ (uint64_t)bold) * 1099511628211ULL;
	return (size_t)(h >> 32) & (MEMO_SLOTS - 1);
}

double report_text_width(const char *s, double size, int bold)
{
	if (!s || !*s) return 0;
	bold = bold != 0;
	pthread_once(&measurer_once, measurer_create);
	pthread_mutex_lock(&measurer_lock);
	size_t k = memo_slot(s, size, bold);
	double width = -1;
	for (struct memo_entry *e; width < 0 && (e = &measurer.memo[k])->text; k = (k + 1) & (MEMO_SLOTS - 1))
		if (e->size == size && e->bold == bold && strcmp(e->text, s) == 0) width = e->width;
	if (width < 0) {
		width = measure(s, size, bold);
		if (measurer.memo_count >= MEMO_SLOTS * 3 / 4) {
			memo_clear();
			k = memo_slot(s, size, bold);
		}
		measurer.memo[k] = (struct memo_entry){xstrdup(s), size, width, bold};
		measurer.memo_count++;
	}
	pthread_mutex_unlock(&measurer_lock);
	return width;
}

static void *load_fonts(void *unused)
{
	(void)unused;
	report_text_width("0", 12, 0);
	report_text_width("0", 12, 1);
	return NULL;
}

void report_text_prepare_in_background(void)
{
	pthread_t thread;
	if (pthread_create(&thread, NULL, load_fonts, NULL) == 0) pthread_detach(thread);
}

/* Append "…" to LINE, dropping characters from its end until it fits MAX_WIDTH. */
static char *ellipsize(const char *line, double size, int bold, double max_width)
{
	size_t len = strlen(line);
	for (;;) {
		while (len > 0 && line[len - 1] == ' ') len--;
		char *t = xmalloc(len + 4);
		memcpy(t, line, len);
		memcpy(t + len, "\xE2\x80\xA6", 4);
		if (len == 0 || report_text_width(t, size, bold) <= max_width) return t;
		free(t);
		do len--; while (len > 0 && ((unsigned char)line[len] & 0xC0) == 0x80);
	}
}

/* Longest prefix of WORD (whole UTF-8 characters, at least one) that fits MAX_WIDTH. */
static size_t fitting_prefix(const char *word, size_t len, double size, int bold, double max_width)
{
	size_t best = 0, i = 0;
	while (i < len) {
		size_t n = utf8_sequence_length((const unsigned char *)word + i, len - i);
		if (!n) n = 1;
		char *t = xstrndup(word, i + n);
		double w = report_text_width(t, size, bold);
		free(t);
		if (w > max_width && best > 0) break;
		i += n;
		best = i;
		if (w > max_width) break;
	}
	return best;
}

size_t report_text_wrap(const char *s, double size, int bold, double max_width,
                        size_t max_lines, char ***lines_out)
{
	char **lines = NULL;
	size_t n = 0;
	struct buf line = BUF_INIT;
	const char *p = s ? s : "";
	int truncated = 0;
	if (max_lines == 0) max_lines = 1;
	while (*p == ' ') p++;
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t wlen = end ? (size_t)(end - p) : strlen(p);
		struct buf trial = BUF_INIT;
		buf_append(&trial, buf_str(&line), line.len);
		if (line.len) buf_putc(&trial, ' ');
		buf_append(&trial, p, wlen);
		if (report_text_width(buf_str(&trial), size, bold) <= max_width || !line.len) {
			if (!line.len && report_text_width(buf_str(&trial), size, bold) > max_width) {
				/* a single word wider than the line: cut it */
				size_t k = fitting_prefix(p, wlen, size, bold, max_width);
				buf_free(&trial);
				if (n + 1 == max_lines) { buf_append(&line, p, wlen); truncated = 1; break; }
				lines = xrealloc(lines, (n + 1) * sizeof *lines);
				lines[n++] = xstrndup(p, k);
				p += k;
				continue;
			}
			buf_free(&line);
			line = trial;
			p += wlen;
		} else {
			buf_free(&trial);
			if (n + 1 == max_lines) { truncated = 1; break; }
			lines = xrealloc(lines, (n + 1) * sizeof *lines);
			lines[n++] = buf_detach(&line);
		}
		while (*p == ' ') p++;
	}
	if (line.len || n == 0) {
		lines = xrealloc(lines, (n + 1) * sizeof *lines);
		if (truncated) lines[n++] = ellipsize(buf_str(&line), size, bold, max_width);
		else lines[n++] = xstrdup(buf_str(&line));
	}
	buf_free(&line);
	*lines_out = lines;
	return n;
}

void report_text_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++) free(lines[i]);
	free(lines);
}
