/* GET /assets/{name}: files embedded at build time, with ETags so browsers revalidate cheaply;
 * GET /healthz: a liveness probe. */
#include <string.h>
#include "util/embedded.h"
#include "web/pages/pages.h"

static const char *content_type_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot) return "application/octet-stream";
	if (strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0 || strcmp(dot, ".mjs") == 0) return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0) return "image/svg+xml";
	if (strcmp(dot, ".png") == 0) return "image/png";
	if (strcmp(dot, ".ico") == 0) return "image/x-icon";
	if (strcmp(dot, ".woff2") == 0) return "font/woff2";
	if (strcmp(dot, ".txt") == 0) return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

void page_assets(struct request *rq, struct response *rs)
{
	const struct embedded_file *f = embedded_find(embedded_assets, rq->params[0]);
	if (!f) { rs->status = 404; return; }
	rs->cacheable = 1;
	response_header(rq, rs, "ETag", f->etag);
	response_header(rq, rs, "Cache-Control", "no-cache");
	const char *inm = request_header(rq, "if-none-match");
	if (inm && strstr(inm, f->etag)) {
		rs->status = 304;
		rs->content_type = content_type_for(f->name);
		return;
	}
	rs->content_type = content_type_for(f->name);
	buf_append(&rs->body, f->data, f->len);
}

void page_healthz(struct request *rq, struct response *rs)
{
	rs->content_type = "text/plain; charset=utf-8";
	buf_puts(&rs->body, "ok\n");
}
