/* libFuzzer target: a whole request through dispatch() — method, path, headers, cookies,
 * query and form all come from the input, split on newlines:
 *   line 1 method, line 2 path, line 3 query string, line 4 Cookie header,
 *   line 5 Origin header, rest the form body.
 * The database is in memory with one administrator and one caseworker. Every response
 * must have a status and the security headers; no input may crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/agency.h"
#include "model/session_store.h"
#include "model/user.h"
#include "web/dispatch.h"
#include "web/parse.h"

static struct db *db;

static void setup(void)
{
	char err[200];
	db = db_open(":memory:", err, sizeof err);
	db_migrate(db);
	static const struct actor sys = {0, 0, 0, "fuzz"};
	const char *e = NULL;
	int64_t aid = agency_add(db, &sys, "Council", "council", &e);
	struct user_new nu = {"admin@example.org", "Admin", aid, ROLE_ADMIN, "fuzzing passphrase one"};
	struct user_errors ue;
	user_add(db, &sys, &nu, &ue);
	web_config.secure_cookies = 1;
}

static const char *next_line(const char **p, const char *end, struct arena *a)
{
	const char *s = *p;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	const char *e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	return arena_strndup(a, s, (size_t)(e - s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) setup();
	struct request rq = {0};
	struct response rs = {0};
	rq.arena = arena_new();
	rq.db = db;
	rq.client = "127.0.0.1";
	const char *p = (const char *)data, *end = p + size;
	rq.method = next_line(&p, end, rq.arena);
	rq.path = next_line(&p, end, rq.arena);
	const char *query = next_line(&p, end, rq.arena);
	const char *cookie = next_line(&p, end, rq.arena);
	const char *origin = next_line(&p, end, rq.arena);
	if (rq.path[0] != '/') rq.path = "/";
	parse_urlencoded(rq.arena, query, strlen(query), &rq.query, 100);
	parse_cookies(rq.arena, cookie, &rq.cookies, 50);
	kv_add(rq.arena, &rq.headers, "host", "127.0.0.1:8080", 14);
	if (*origin) kv_add(rq.arena, &rq.headers, "origin", origin, strlen(origin));
	if (parse_urlencoded(rq.arena, p, (size_t)(end - p), &rq.form, 1000) == PARSE_OK) {
		dispatch(&rq, &rs);
		if (rs.status < 200 || rs.status > 599) __builtin_trap();
		if (!kv_find(&rs.headers, "Content-Security-Policy")) __builtin_trap();
	}
	buf_free(&rs.body);
	arena_free(rq.arena);
	return 0;
}
