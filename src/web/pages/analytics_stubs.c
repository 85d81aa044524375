/* temporary */
#include "web/pages/pages.h"
#define STUB(n) void n(struct request *rq, struct response *rs) { (void)rq; rs->status = 404; }
STUB(page_analytics_import_form)
STUB(page_analytics_import)
STUB(page_analytics_incidents_form)
STUB(page_analytics_incidents_upload)
STUB(page_analytics_incidents_import)
