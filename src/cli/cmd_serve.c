/* nestguard serve — run the web server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "web/http.h"

static const char usage[] =
	"usage: nestguard [--db PATH] serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]\n"
	"                              [--rate-limit N] [--threads N]\n"
	"Serve the web application and the JSON API.\n"
	"  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; [::1]:8080 for IPv6; port 0 picks a free one)\n"
	"  --tls-cert FILE     PEM certificate; with --tls-key, serve HTTPS (and send HSTS)\n"
	"  --tls-key FILE      PEM private key\n"
	"  --rate-limit N      requests per second per client address, bursts of 2N (default 50; 0 = off)\n"
	"  --threads N         a pool of N worker threads (default: a thread per connection)\n"
	"Stop with Ctrl-C or SIGTERM: requests in flight are finished first.\n";

/* Split "HOST:PORT" or "[V6]:PORT" into HOST (into buffer) and PORT. -1 when malformed. */
static int parse_listen(const char *s, char *host, size_t hostsize, unsigned short *port)
{
	const char *colon;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':') return -1;
		snprintf(host, hostsize, "%.*s", (int)(close - s - 1), s + 1);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon) return -1;
		snprintf(host, hostsize, "%.*s", (int)(colon - s), s);
	}
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || p < 0 || p > 65535 || !*host) return -1;
	*port = (unsigned short)p;
	return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"listen", required_argument, 0, 'l'}, {"tls-cert", required_argument, 0, 'c'},
		{"tls-key", required_argument, 0, 'k'}, {"rate-limit", required_argument, 0, 'r'},
		{"threads", required_argument, 0, 't'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	struct http_options opt = {0};
	char host[256] = "127.0.0.1";
	opt.port = 8080;
	opt.rate_limit = 50;
	opt.host = host;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'l':
			if (parse_listen(optarg, host, sizeof host, &opt.port) != 0)
				return cli_usage_error("serve", "--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
			break;
		case 'c': opt.tls_cert = optarg; break;
		case 'k': opt.tls_key = optarg; break;
		case 'r':
			opt.rate_limit = strtod(optarg, &end);
			if (*end || opt.rate_limit < 0) return cli_usage_error("serve", "--rate-limit takes a number of requests per second");
			break;
		case 't': {
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256) return cli_usage_error("serve", "--threads takes a number from 1 to 256");
			opt.threads = (unsigned)n;
			break;
		}
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: return cli_usage_error("serve", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc) return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	if (!opt.tls_cert != !opt.tls_key) return cli_usage_error("serve", "--tls-cert and --tls-key go together");
	struct db *db = cli_open_db(cli);   /* create and migrate before the workers open theirs */
	if (!db) return EXIT_USER;
	db_close(db);
	opt.db_path = cli->db_path;
	return http_serve(&opt) == 0 ? EXIT_OK : EXIT_USER;
}
