/* GOV.UK components for the case pages. Every value goes through %h. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "web/html.h"
#include "web/pages/case_ui.h"

void page_errors_from(struct request *rq, struct page_errors *pe, const struct field_errors *e,
	const char *prefix, const char *anchor)
{
	pe->n = 0;
	pe->form = prefix;
	for (int i = 0; i < e->count && pe->n < FIELD_ERRORS_MAX; i++) {
		const char *f = e->items[i].field;
		pe->items[pe->n].field = *f ? arena_printf(rq->arena, "%s%s", prefix, f) : anchor;
		pe->items[pe->n].message = arena_strdup(rq->arena, e->items[i].message);
		pe->n++;
	}
}

const char *page_error(const struct page_errors *pe, const char *id)
{
	return pe ? form_error_for(pe->items, pe->n, id) : NULL;
}

const char *page_value(struct request *rq, const struct page_errors *pe, const char *prefix, const char *name,
	const char *dflt)
{
	if (pe && pe->form && !strcmp(pe->form, prefix)) {
		const char *v = request_form(rq, name);
		return v ? v : "";
	}
	return dflt;
}

struct choice *choices_from_vocab(struct request *rq, const struct vocab *v, int *n)
{
	int count = 0;
	while (v[count].code) count++;
	struct choice *c = arena_alloc(rq->arena, (size_t)(count ? count : 1) * sizeof *c);
	for (int i = 0; i < count; i++) c[i] = (struct choice){v[i].code, v[i].label};
	*n = count;
	return c;
}

/* Opening of a form group with label/legend-less parts: error class, hint and error message. */
static void hint_and_error(struct response *rs, const char *id, const char *hint, const char *error)
{
	if (hint) html_printf(rs, "<div id=\"%h-hint\" class=\"govuk-hint\">%h</div>\n", id, hint);
	if (error) html_printf(rs, "<p id=\"%h-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> %h</p>\n", id, error);
}

static void described_by(struct response *rs, const char *id, const char *hint, const char *error)
{
	if (!hint && !error) return;
	html_printf(rs, " aria-describedby=\"");
	if (hint) html_printf(rs, "%h-hint", id);
	if (hint && error) html_printf(rs, " ");
	if (error) html_printf(rs, "%h-error", id);
	html_printf(rs, "\"");
}

void ui_text(struct response *rs, const char *id, const char *name, const char *label, const char *hint,
	const char *value, const char *error, const char *width_class)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<label class=\"govuk-label\" for=\"%h\">%h</label>\n",
		error ? " govuk-form-group--error" : "", id, label);
	hint_and_error(rs, id, hint, error);
	html_printf(rs, "<input class=\"govuk-input%r%r%h\" id=\"%h\" name=\"%h\" type=\"text\" value=\"%h\"",
		error ? " govuk-input--error" : "", width_class ? " " : "", width_class ? width_class : "", id, name, value ? value : "");
	described_by(rs, id, hint, error);
	html_printf(rs, ">\n</div>\n");
}

void ui_textarea(struct response *rs, const char *id, const char *name, const char *label, const char *hint,
	const char *value, const char *error, int rows)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<label class=\"govuk-label\" for=\"%h\">%h</label>\n",
		error ? " govuk-form-group--error" : "", id, label);
	hint_and_error(rs, id, hint, error);
	html_printf(rs, "<textarea class=\"govuk-textarea%r\" id=\"%h\" name=\"%h\" rows=\"%d\"",
		error ? " govuk-textarea--error" : "", id, name, rows);
	described_by(rs, id, hint, error);
	html_printf(rs, ">%h</textarea>\n</div>\n", value ? value : "");
}

void ui_select(struct response *rs, const char *id, const char *name, const char *label, const struct choice *c,
	int n, const char *selected, const char *error, const char *blank_label)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<label class=\"govuk-label\" for=\"%h\">%h</label>\n",
		error ? " govuk-form-group--error" : "", id, label);
	hint_and_error(rs, id, NULL, error);
	html_printf(rs, "<select class=\"govuk-select%r\" id=\"%h\" name=\"%h\"", error ? " govuk-select--error" : "", id, name);
	described_by(rs, id, NULL, error);
	html_printf(rs, ">\n");
	if (blank_label) html_printf(rs, "<option value=\"\">%h</option>\n", blank_label);
	for (int i = 0; i < n; i++)
		html_printf(rs, "<option value=\"%h\"%r>%h</option>\n", c[i].value,
			selected && !strcmp(selected, c[i].value) ? " selected" : "", c[i].label);
	html_printf(rs, "</select>\n</div>\n");
}

void ui_radios(struct response *rs, const char *id, const char *name, const char *legend, const char *hint,
	const struct choice *c, int n, const char *selected, const char *error, int small)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<fieldset class=\"govuk-fieldset\"", error ? " govuk-form-group--error" : "");
	described_by(rs, id, hint, error);
	html_printf(rs, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%h</legend>\n", legend);
	hint_and_error(rs, id, hint, error);
	html_printf(rs, "<div class=\"govuk-radios%r\" data-module=\"govuk-radios\">\n", small ? " govuk-radios--small" : "");
	for (int i = 0; i < n; i++) {
		/* the first input carries the group's id so that the error summary link lands on it */
		char item[96];
		if (i == 0) snprintf(item, sizeof item, "%s", id);
		else snprintf(item, sizeof item, "%s-%d", id, i);
		html_printf(rs, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"%h\" name=\"%h\" type=\"radio\" value=\"%h\"%r>"
			"<label class=\"govuk-label govuk-radios__label\" for=\"%h\">%h</label></div>\n",
			item, name, c[i].value, selected && !strcmp(selected, c[i].value) ? " checked" : "", item, c[i].label);
	}
	html_printf(rs, "</div>\n</fieldset>\n</div>\n");
}

void ui_checkboxes(struct response *rs, const char *id, const char *name, const char *legend, const char *hint,
	const struct choice *c, int n, const char *const *selected, int n_selected, const char *error)
{
	html_printf(rs, "<div class=\"govuk-form-group%r\">\n<fieldset class=\"govuk-fieldset\"", error ? " govuk-form-group--error" : "");
	described_by(rs, id, hint, error);
	html_printf(rs, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%h</legend>\n", legend);
	hint_and_error(rs, id, hint, error);
	html_printf(rs, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">\n");
	for (int i = 0; i < n; i++) {
		int on = 0;
		for (int k = 0; k < n_selected; k++) on |= selected[k] && !strcmp(selected[k], c[i].value);
		char item[96];
		if (i == 0) snprintf(item, sizeof item, "%s", id);
		else snprintf(item, sizeof item, "%s-%d", id, i);
		html_printf(rs, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"%h\" name=\"%h\" type=\"checkbox\" value=\"%h\"%r>"
			"<label class=\"govuk-label govuk-checkboxes__label\" for=\"%h\">%h</label></div>\n",
			item, name, c[i].value, on ? " checked" : "", item, c[i].label);
	}
	html_printf(rs, "</div>\n</fieldset>\n</div>\n");
}

void ui_button(struct response *rs, const char *label, const char *extra_class)
{
	html_printf(rs, "<button type=\"submit\" class=\"govuk-button%r%h\" data-module=\"govuk-button\">%h</button>\n",
		extra_class ? " " : "", extra_class ? extra_class : "", label);
}

void ui_summary_begin(struct response *rs)
{
	html_printf(rs, "<dl class=\"govuk-summary-list\">\n");
}

void ui_summary_row(struct response *rs, const char *key, const char *value)
{
	html_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%h</dt>"
		"<dd class=\"govuk-summary-list__value\">%h</dd></div>\n", key, value && *value ? value : "Not recorded");
}

void ui_summary_end(struct response *rs)
{
	html_printf(rs, "</dl>\n");
}

void ui_status_tag(struct response *rs, const char *status)
{
	static const struct { const char *status, *colour_html, *label; } tags[] = {
		{"open", "govuk-tag--blue", "Open"}, {"closure_requested", "govuk-tag--yellow", "Closure requested"},
		{"closed", "govuk-tag--grey", "Closed"}, {"submitted", "govuk-tag--light-blue", "Awaiting triage"},
		{"accepted", "govuk-tag--green", "Accepted"}, {"signposted", "govuk-tag--grey", "Signposted"},
		{"passed_to_asb", "govuk-tag--purple", "Passed to ASB team"},
	};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (!strcmp(tags[i].status, status)) {
			const char *colour_html = tags[i].colour_html;
			html_printf(rs, "<strong class=\"govuk-tag %r\">%h</strong>", colour_html, tags[i].label);
			return;
		}
	html_printf(rs, "<strong class=\"govuk-tag\">%h</strong>", status);
}

void ui_risk_tag(struct response *rs, const char *level)
{
	if (!level || !*level) {
		html_printf(rs, "<strong class=\"govuk-tag govuk-tag--grey\">Risk not assessed</strong>");
		return;
	}
	const char *colour_html = !strcmp(level, "high") ? "govuk-tag--red" : !strcmp(level, "medium") ? "govuk-tag--orange" : "govuk-tag--green";
	html_printf(rs, "<strong class=\"govuk-tag %r\">%h risk</strong>", colour_html, vocab_label(vocab_risk, level));
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"};

const char *ui_date(struct request *rq, const char *ymd)
{
	int y, m, d;
	if (!ymd || !*ymd) return "";
	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) return ymd;
	return arena_printf(rq->arena, "%d %s %d", d, months[m - 1], y);
}

const char *ui_time(struct request *rq, int64_t t)
{
	if (t <= 0) return "";
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	return arena_printf(rq->arena, "%d %s %d at %02d:%02d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
		tm.tm_hour, tm.tm_min);
}
