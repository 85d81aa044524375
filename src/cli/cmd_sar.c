/* nestguard sar --person ID --format json|pdf -o FILE — a subject access export. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/subject_access.h"
#include "report/subject_access_export.h"
#include "util/arena.h"

static const char usage[] =
	"usage: nestguard [--db PATH] sar --person ID --format json|pdf -o FILE [--reference REF]\n"
	"Export everything held about person ID (cases, referrals, notes, tasks, interventions, risk\n"
	"reviews, and who viewed them), with other people's personal data redacted, to FILE (created\n"
	"readable by its owner only). REF is your organisation's reference for the request (no names);\n"
	"the export is recorded in the audit as a disclosure under it.\n";

/* Write LEN bytes to PATH, mode 0600, replacing it. */
static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) return cli_error("cannot write %s: %s", path, strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n <= 0) {
			close(fd);
			return cli_error("cannot write %s: %s", path, strerror(errno));
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) return cli_error("cannot write %s: %s", path, strerror(errno));
	return EXIT_OK;
}

int cmd_sar(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	const char *person = NULL, *format = NULL, *path = NULL, *reference = "command line export";
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(arg, "--person") && value) person = argv[++i];
		else if (!strcmp(arg, "--format") && value) format = argv[++i];
		else if ((!strcmp(arg, "-o") || !strcmp(arg, "--output")) && value) path = argv[++i];
		else if (!strcmp(arg, "--reference") && value) reference = argv[++i];
		else return cli_usage_error("sar", "unknown or incomplete argument '%s'", arg);
	}
	if (!person) return cli_usage_error("sar", "--person ID is required");
	if (!format || (strcmp(format, "json") && strcmp(format, "pdf"))) return cli_usage_error("sar", "--format must be json or pdf");
	if (!path) return cli_usage_error("sar", "-o FILE is required");
	char *end;
	long long id = strtoll(person, &end, 10);
	if (*end || id <= 0) return cli_error("--person: enter a person's number, e.g. 42");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct arena *a = arena_new();
	struct sar_export s;
	struct field_errors e;
	field_errors_init(&e);
	struct actor system = {0, 0, 0, "cli"};
	int rc = subject_access_collect(db, &system, id, reference, format, a, &s, &e);
	int exit_code = EXIT_OK;
	if (rc == MODEL_NOT_FOUND) exit_code = cli_error("there is no person %lld", id);
	else if (rc != MODEL_OK) exit_code = cli_error("--reference: %s", field_errors_first(&e));
	else {
		struct buf out = BUF_INIT;
		if (!strcmp(format, "json")) subject_access_json(&s, &out);
		else if (subject_access_pdf(&s, &out) != 0) exit_code = cli_error("the PDF could not be drawn");
		if (exit_code == EXIT_OK) exit_code = write_file(path, out.data ? out.data : "", out.len);
		if (exit_code == EXIT_OK)
			printf("%s: %zu case%s, %zu referral%s, %zu record view%s\n", path, s.n_cases, s.n_cases == 1 ? "" : "s",
				s.n_referrals, s.n_referrals == 1 ? "" : "s", s.n_views, s.n_views == 1 ? "" : "s");
		buf_free(&out);
	}
	arena_free(a);
	db_close(db);
	return exit_code;
}
