/* The route table: every URL nestguard answers, with its method, handler and who may call
 * it. The permission check runs in web/dispatch.c before any handler; a route that is not
 * in the table does not exist. */
#ifndef NESTGUARD_ROUTE_H
#define NESTGUARD_ROUTE_H
#include "web/request.h"

typedef void (*route_handler)(struct request *rq, struct response *rs);

enum route_flag {
	ROUTE_PUBLIC  = 1,   /* no sign-in needed (sign-in page, assets, health check) */
	ROUTE_UPLOAD  = 2,   /* body up to 64 MiB instead of 1 MiB */
	ROUTE_NO_CSRF = 4,   /* state change protected by its own check (the sign-in form) */
	ROUTE_BEFORE_SECOND_FACTOR = 8,  /* open to a session whose one-time code is still due */
	ROUTE_ENROLMENT = 16,            /* open to a user who must set up two-factor first */
};

struct route {
	const char *method;        /* "GET", "POST", ... */
	const char *pattern;       /* "/admin/users/{id}/disable": {x} matches one path segment */
	route_handler handler;
	unsigned roles;            /* roles allowed (any one suffices); ignored for ROUTE_PUBLIC */
	unsigned flags;
	const char *nav_label;     /* shown in the navigation to users allowed to call it, or NULL */
};

extern const struct route routes[];   /* ends with a zeroed entry; defined in web/routes.c */

/* Find the route for METHOD and PATH, filling PARAMS (up to 4) with arena copies of the
 * {x} segments. NULL when none: then *PATH_EXISTS says whether another method would match,
 * and ALLOW (if not NULL) receives the allowed methods, comma-separated. */
const struct route *route_match(struct arena *a, const char *method, const char *path,
	const char **params, int *path_exists, struct buf *allow);
/* 1 when a user holding ROLES may call R. */
int route_allows(const struct route *r, unsigned roles);

#endif
