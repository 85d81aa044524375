/* GET /api/v1/me — who the caller is: user, agency and roles. */
#include "web/html.h"
#include "web/pages/pages.h"

void api_me(struct request *rq, struct response *rs)
{
	const struct user_identity *u = &rq->user->who;
	rs->content_type = "application/json";
	html_printf(rs, "{\"user\":{\"id\":%I,\"email\":\"%j\",\"name\":\"%j\"},\"agency\":{\"id\":%I,\"name\":\"%j\",\"kind\":\"%j\"},\"roles\":[",
		u->id, u->email, u->name, u->agency_id, u->agency_name, u->agency_kind);
	int first = 1;
	for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1)
		if (u->roles & r) { html_printf(rs, "%r\"%j\"", first ? "" : ",", role_name(r)); first = 0; }
	html_printf(rs, "]}\n");
}
