/* libmicrohttpd glue. Each worker thread has its own database connection. */
#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "db/db.h"
#include "util/clock.h"
#include "util/escape.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "web/dispatch.h"
#include "web/http.h"
#include "web/multipart.h"
#include "web/parse.h"
#include "web/ratelimit.h"
#include "web/route.h"

#define HEADER_LIMIT 8192
#define MAX_FORM_FIELDS 1000
#define MAX_QUERY_FIELDS 100

static const char *server_db_path;
static atomic_int in_flight;

/* Per-request state kept across libmicrohttpd's calls for one request. */
struct conn_state {
	struct buf body;
	size_t limit;
	int reject;            /* status to answer without dispatching, or 0 */
	int answered;          /* a response is queued; ignore anything more */
	int64_t start_us;
	char client[INET6_ADDRSTRLEN];
};

/* A pool of database connections: a request takes one for its duration and gives it back.
 * Connections are opened on demand (at most one per request in flight) and kept for reuse;
 * beyond DB_POOL_KEEP idle ones they are closed. */
#define DB_POOL_KEEP 64
static struct db *idle_dbs[DB_POOL_KEEP];
static size_t n_idle_dbs;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static struct db *db_pool_take(void)
{
	pthread_mutex_lock(&pool_lock);
	struct db *db = n_idle_dbs ? idle_dbs[--n_idle_dbs] : NULL;
	pthread_mutex_unlock(&pool_lock);
	if (db) return db;
	char err[512];
	db = db_open(server_db_path, err, sizeof err);
	if (!db) fatal("%s", err);
	return db;
}

static void db_pool_give(struct db *db)
{
	pthread_mutex_lock(&pool_lock);
	if (n_idle_dbs < DB_POOL_KEEP) { idle_dbs[n_idle_dbs++] = db; db = NULL; }
	pthread_mutex_unlock(&pool_lock);
	if (db) db_close(db);
}

static void db_pool_close_all(void)
{
	pthread_mutex_lock(&pool_lock);
	for (size_t i = 0; i < n_idle_dbs; i++) db_close(idle_dbs[i]);
	n_idle_dbs = 0;
	pthread_mutex_unlock(&pool_lock);
}

static void client_address(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, size, "unknown");
	if (!ci || !ci->client_addr) return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
}

struct header_walk {
	struct request *rq;
	size_t bytes;
	int hosts;                 /* Host headers seen */
	const char *length;        /* first Content-Length value */
	int length_conflict;       /* a second, different Content-Length */
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct header_walk *w = cls;
	size_t klen = strlen(key), vlen = value ? strlen(value) : 0;
	w->bytes += klen + vlen + 4;
	if (strcasecmp(key, "host") == 0) w->hosts++;
	if (strcasecmp(key, "content-length") == 0) {
		if (!w->length) w->length = value ? value : "";
		else if (strcmp(w->length, value ? value : "") != 0) w->length_conflict = 1;
	}
	if (!w->rq) return MHD_YES;
	char *lower = arena_strndup(w->rq->arena, key, klen);
	for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
	kv_add(w->rq->arena, &w->rq->headers, lower, arena_strdup(w->rq->arena, value ? value : ""), vlen);
	return MHD_YES;
}

struct query_walk {
	struct request *rq;
	int bad;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct query_walk *w = cls;
	const char *v = value ? value : "";
	if (w->rq->query.count >= MAX_QUERY_FIELDS || !utf8_valid(key, strlen(key)) || !utf8_valid(v, strlen(v))) {
		w->bad = 1;
		return MHD_NO;
	}
	kv_add(w->rq->arena, &w->rq->query, arena_strdup(w->rq->arena, key), arena_strdup(w->rq->arena, v), strlen(v));
	return MHD_YES;
}

/* Send RS on C; the body buffer is handed to libmicrohttpd. */
static enum MHD_Result send_response(struct MHD_Connection *c, struct response *rs)
{
	size_t len = rs->body.len;
	char *data = buf_detach(&rs->body);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r) { free(data); return MHD_NO; }
	MHD_add_response_header(r, "Content-Type", rs->content_type);
	for (size_t i = 0; i < rs->headers.count; i++)
		MHD_add_response_header(r, rs->headers.items[i].name, rs->headers.items[i].value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Body limit for the route this request will reach (uploads get more). */
static size_t body_limit_for(struct arena *a, const char *method, const char *path)
{
	int exists = 0;
	const struct route *r = route_match(a, method, path, NULL, &exists, NULL);
	return r && (r->flags & ROUTE_UPLOAD) ? BODY_LIMIT_UPLOAD : BODY_LIMIT_DEFAULT;
}

static void log_request(struct request *rq, struct response *rs, int64_t start_us)
{
	double ms = (double)(clock_monotonic_us() - start_us) / 1000.0;
	log_info("%s %s %d %.1fms user=%lld%s%s", rq->method, rq->route ? rq->route->pattern : "-",
		rs->status, ms, rq->user ? (long long)rq->user->who.id : 0LL,
		rq->incident ? " incident=" : "", rq->incident ? rq->incident : "");
}

static enum MHD_Result answer(struct MHD_Connection *c, struct conn_state *cs, const char *url, const char *method);

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
	const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct conn_state *cs = *con_cls;
	if (!cs) {
		cs = xcalloc(1, sizeof *cs);
		cs->start_us = clock_monotonic_us();
		*con_cls = cs;
		atomic_fetch_add(&in_flight, 1);
		client_address(c, cs->client, sizeof cs->client);
		struct header_walk hw = {NULL, strlen(url) + strlen(method) + 16, 0, NULL, 0};
		MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hw);
		struct arena *a = arena_new();
		cs->limit = body_limit_for(a, method, url);
		arena_free(a);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (hw.bytes > HEADER_LIMIT) cs->reject = 431;
		else if (hw.length_conflict || hw.hosts > 1 || (hw.hosts == 0 && strcmp(version, "HTTP/1.1") == 0))
			cs->reject = 400;   /* ambiguous framing or no Host: refuse rather than guess */
		else if (!ratelimit_allow(cs->client, cs->start_us)) cs->reject = 429;
		else if (cl && strtoull(cl, NULL, 10) > cs->limit) cs->reject = 413;
		/* answer at once, without reading a body we would refuse anyway */
		return cs->reject ? answer(c, cs, url, method) : MHD_YES;
	}
	if (cs->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!cs->reject) {
			if (cs->body.len + *upload_data_size > cs->limit) {
				cs->reject = 413;
				buf_free(&cs->body);
			} else {
				buf_append(&cs->body, upload_data, *upload_data_size);
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	return answer(c, cs, url, method);
}

/* Build the request, run it (or the rejection decided earlier) and queue the response. */
static enum MHD_Result answer(struct MHD_Connection *c, struct conn_state *cs, const char *url, const char *method)
{
	struct request rq = {0};
	struct response rs = {0};
	rq.arena = arena_new();
	rq.method = method;
	rq.client = cs->client;
	rq.tls = web_config.tls;
	rq.path = url;
	rq.db = db_pool_take();
	struct header_walk hw = {&rq, 0, 0, NULL, 0};
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hw);
	rq.is_api = strncmp(url, "/api/", 5) == 0;
	if (cs->reject) {
		if (cs->reject == 429) response_header(&rq, &rs, "Retry-After", "1");
		web_error(&rq, &rs, cs->reject, cs->reject == 413 ? "The request body is larger than this address accepts" :
			cs->reject == 431 ? "The request headers are too large" :
			cs->reject == 400 ? "The request is malformed: it needs exactly one Host header and at most one Content-Length" :
			"Too many requests: wait a moment and try again");
		rs.content_type = rq.is_api ? "application/json" : "text/html; charset=utf-8";
		web_security_headers(&rq, &rs);
		if (cs->reject == 413 || cs->reject == 431) response_header(&rq, &rs, "Connection", "close");
	} else {
		int bad = 0;
		const char *why = NULL;
		if (!utf8_valid(url, strlen(url)) || url[0] != '/') bad = 1, why = "The address is not valid";
		struct query_walk qw = {&rq, 0};
		if (!bad) MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &qw);
		if (!bad && qw.bad) bad = 1, why = "The address has too many or badly encoded parameters";
		const char *cookie = request_header(&rq, "cookie");
		if (!bad && cookie) parse_cookies(rq.arena, cookie, &rq.cookies, 50);
		rq.body = buf_str(&cs->body);
		rq.body_len = cs->body.len;
		const char *ctype = request_header(&rq, "content-type");
		if (!bad && cs->body.len && ctype && strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
			int rc = parse_urlencoded(rq.arena, cs->body.data, cs->body.len, &rq.form, MAX_FORM_FIELDS);
			if (rc != PARSE_OK) bad = 1, why = parse_result_message(rc);
		} else if (!bad && cs->body.len && ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0) {
			int rc = parse_multipart(rq.arena, ctype, cs->body.data, cs->body.len, &rq.form, MAX_FORM_FIELDS);
			if (rc != PARSE_OK) bad = 1, why = parse_result_message(rc);
		}
		if (bad) {
			web_error(&rq, &rs, 400, why);
			rs.content_type = rq.is_api ? "application/json" : "text/html; charset=utf-8";
			web_security_headers(&rq, &rs);
		} else {
			dispatch(&rq, &rs);
		}
	}
	log_request(&rq, &rs, cs->start_us);
	cs->answered = 1;
	enum MHD_Result ret = send_response(c, &rs);
	buf_free(&rs.body);
	arena_free(rq.arena);
	db_pool_give(rq.db);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_state *cs = *con_cls;
	if (!cs) return;
	buf_free(&cs->body);
	free(cs);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	struct buf b = BUF_INIT;
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_append(&b, tmp, n);
	fclose(f);
	return buf_detach(&b);
}

static int is_loopback(const char *host)
{
	return strcmp(host, "127.0.0.1") == 0 || strcmp(host, "::1") == 0 || strcmp(host, "localhost") == 0 ||
	       strncmp(host, "127.", 4) == 0;
}

int http_serve(const struct http_options *opt)
{
	server_db_path = opt->db_path;
	/* Every request builds its page in buffers of tens to hundreds of kilobytes on its own
	 * thread's malloc arena. With glibc's defaults each such buffer above the dynamic mmap
	 * threshold is an mmap and munmap (page faults, TLB shootdowns across threads), and each
	 * arena grows and trims its heap around every request (mprotect). Keep the memory. */
	xalloc_keep_memory(8 << 20, 64 << 20, 1 << 20);
	web_config.tls = opt->tls_cert != NULL;
	web_config.secure_cookies = web_config.tls || is_loopback(opt->host);
	ratelimit_configure(opt->rate_limit);

	struct sockaddr_storage ss = {0};
	socklen_t sslen;
	int v6 = strchr(opt->host, ':') != NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(opt->port);
		if (inet_pton(AF_INET6, opt->host, &s6->sin6_addr) != 1) { fprintf(stderr, "nestguard: not an address: %s\n", opt->host); return 1; }
		sslen = sizeof *s6;
		flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(opt->port);
		const char *h = strcmp(opt->host, "localhost") == 0 ? "127.0.0.1" : opt->host;
		if (inet_pton(AF_INET, h, &s4->sin_addr) != 1) { fprintf(stderr, "nestguard: not an address: %s\n", opt->host); return 1; }
		sslen = sizeof *s4;
	}
	(void)sslen;
	char *cert = NULL, *key = NULL;
	if (opt->tls_cert) {
		cert = read_file(opt->tls_cert);
		key = read_file(opt->tls_key);
		if (!cert || !key) { fprintf(stderr, "nestguard: cannot read the TLS certificate or key\n"); return 1; }
		flags |= MHD_USE_TLS;
	}
	/* By default a thread per connection: a request waiting for its audit row to be
	 * committed (group commit, see model/audit.c) then holds up no other connection, and
	 * the more requests wait, the more rows one commit carries. --threads N uses a pool of N
	 * threads sharing the connections instead. */
	unsigned threads = opt->threads;
	if (threads == 0) flags = (flags & ~(unsigned)MHD_USE_EPOLL) | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;

	/* Block the stop signals in every thread; the main thread waits for them with sigwait. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_OptionItem options[16];
	int n = 0;
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &ss};
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, 30, NULL};
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL};
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, 1000, NULL};
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT, 200, NULL};
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL};
	if (threads > 0) {
		options[n++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, threads, NULL};
	} else {
		options[n++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_STACK_SIZE, 1024 * 1024, NULL};
	}
	if (cert) {
		options[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert};
		options[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key};
	}
	options[n++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_ARRAY, options, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "nestguard: cannot listen on %s:%u (in use, or not allowed)\n", opt->host, opt->port);
		free(cert);
		free(key);
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : opt->port;
	log_info("listening on %s://%s%s%s:%u (%s)", cert ? "https" : "http", v6 ? "[" : "", opt->host, v6 ? "]" : "", port,
		threads ? "thread pool" : "a thread per connection");
	if (!web_config.secure_cookies)
		log_warn("serving plain HTTP on a non-loopback address: use --tls-cert/--tls-key or a TLS proxy");

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("stopping: finishing requests in flight");
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 100 && atomic_load(&in_flight) > 0; i++) usleep(100000);
	MHD_stop_daemon(d);
	db_pool_close_all();
	free(cert);
	free(key);
	log_info("stopped");
	return 0;
}
