/* GET /properties/{id} — a property and every case at that address the reader may see. */
#include "model/case_vocab.h"
#include "model/person.h"
#include "model/property.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

void page_property(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct property p;
	if (property_get(rq->db, &rq->actor, id, rq->arena, &p) != MODEL_OK) {
		rs->status = 404;
		return;
	}
	const char *line = property_one_line(rq->arena, &p);
	layout_begin(rq, rs, line);
	html_printf(rs, "<span class=\"govuk-caption-l\">Property</span><h1 class=\"govuk-heading-l\">%h</h1>\n", line);
	ui_summary_begin(rs);
	ui_summary_row(rs, "Address", arena_printf(rq->arena, "%s%s%s%s%s", p.address_line1, *p.address_line2 ? ", " : "",
		p.address_line2, *p.town ? ", " : "", p.town));
	ui_summary_row(rs, "Postcode", p.postcode);
	ui_summary_row(rs, "UPRN", p.uprn);
	ui_summary_row(rs, "Ward", p.ward_name);
	ui_summary_row(rs, "Neighbourhood or estate", p.neighbourhood_name);
	ui_summary_row(rs, "Tenure", vocab_label(vocab_tenure, p.tenure));
	if (p.has_coordinates)
		ui_summary_row(rs, "Coordinates", arena_printf(rq->arena, "%.5f, %.5f", p.latitude, p.longitude));
	ui_summary_end(rs);
	struct person_case *cases;
	size_t n = property_cases(rq->db, &rq->actor, id, rq->arena, &cases);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Cases at this address</h2>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<li><a class=\"govuk-link\" href=\"/cases/%I\">%h</a> (%h)</li>\n", cases[i].case_id, cases[i].reference,
			vocab_label(vocab_case_status, cases[i].status));
	if (!n) html_printf(rs, "<li>None you can see.</li>\n");
	html_printf(rs, "</ul>\n");
	layout_end(rq, rs);
}
