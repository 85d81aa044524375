/* The HTTP server: libmicrohttpd glue that turns bytes into a struct request, enforces the
 * transport limits (header size 431, body size 413, request rate 429, idle time), runs
 * dispatch() and sends the buffered response whole. Nothing else touches libmicrohttpd. */
#ifndef NESTGUARD_HTTP_H
#define NESTGUARD_HTTP_H

struct http_options {
	const char *db_path;
	const char *host;        /* address to listen on, e.g. "127.0.0.1" or "::1" or "0.0.0.0" */
	unsigned short port;
	const char *tls_cert;    /* PEM files, both or neither */
	const char *tls_key;
	double rate_limit;       /* requests per second per client; 0 = off */
	unsigned threads;        /* worker threads; 0 = number of cores */
};

/* Serve until SIGINT or SIGTERM, then finish in-flight requests and return 0.
 * Returns 1 with a message on stderr when the server cannot start. */
int http_serve(const struct http_options *opt);

#endif
