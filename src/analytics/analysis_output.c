/* Shared output helpers for the analysis reports. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"

static const struct { const char *name, *extension, *media_type; } FORMATS[] = {
	[FORMAT_HTML] = {"html", "html", "text/html; charset=utf-8"},
	[FORMAT_CSV] = {"csv", "csv", "text/csv; charset=utf-8"},
	[FORMAT_JSON] = {"json", "json", "application/json"},
	[FORMAT_GEOJSON] = {"geojson", "geojson", "application/geo+json"},
	[FORMAT_SVG] = {"svg", "svg", "image/svg+xml"},
	[FORMAT_PNG] = {"png", "png", "image/png"},
};

int analysis_format_parse(const char *name)
{
	if (!name) return -1;
	for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++)
		if (strcmp(name, FORMATS[i].name) == 0) return (int)i;
	return -1;
}

const char *analysis_format_extension(enum analysis_format f) { return FORMATS[f].extension; }
const char *analysis_format_media_type(enum analysis_format f) { return FORMATS[f].media_type; }

json_t *analysis_json_number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static int dump_to_buf(const char *text, size_t size, void *data)
{
	buf_append(data, text, size);
	return 0;
}

void analysis_json_write(json_t *root, struct buf *out, int compact)
{
	size_t flags = JSON_REAL_PRECISION(15) | (compact ? JSON_COMPACT : JSON_INDENT(1));
	json_dump_callback(root, dump_to_buf, out, flags);
	buf_putc(out, '\n');
	json_decref(root);
}

void analysis_format_p(double p, char *out, size_t size)
{
	if (!isfinite(p)) snprintf(out, size, "n/a");
	else if (p < 0.001) snprintf(out, size, "< 0.001");
	else snprintf(out, size, "%.3f", p);
}

void analysis_format_change(double change, double percent, int small_base, char *out, size_t size)
{
	const char *note = small_base ? ", base under 10" : "";
	if (!isfinite(change)) snprintf(out, size, "n/a");
	else if (!isfinite(percent)) snprintf(out, size, "%+.0f (none before)", change);
	else if (change == 0) snprintf(out, size, "no change%s", small_base ? " (base under 10)" : "");
	else snprintf(out, size, "%+.0f (%+.1f%%%s)", change, percent, note);
}
