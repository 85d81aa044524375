/* nestguard demo — a database to try nestguard with: fictional agencies and one account per
 * role, with passwords generated now (there are no default passwords anywhere). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/agency.h"
#include "model/demo_cases.h"
#include "model/governance_demo.h"
#include "model/password.h"
#include "model/setting.h"
#include "model/user.h"

static const char usage[] =
	"usage: nestguard [--db PATH] demo [--force] [--cases N]\n"
	"Create the schema and fictional demo data: agencies of the fictional Stockport partnership and one\n"
	"account per role, and print the sign-in details. Passwords are generated now and shown once.\n"
	"Also a fictional caseload of N cases (default 300) across Stockport's wards and estates.\n"
	"Refuses to touch a database that already has users unless --force is given.\n";

struct demo_agency { const char *name, *kind; };
static const struct demo_agency demo_agencies[] = {
	{"Stockport Council Exploitation Team (demo)", "council"},
	{"Greater Manchester Police (demo)", "police"},
	{"Stockport Homes (demo)", "housing"},
	{"Council ASB Team (demo)", "asb"},
	{"Adult Social Care (demo)", "adult_social_care"},
	{"Victim Services (demo)", "victim_services"},
	{"Stepping Hill A&E (demo)", "health"},
	{"Drug and Alcohol Service (demo)", "drug_alcohol"},
	{NULL, NULL}
};

struct demo_user { const char *email, *name; int agency; unsigned roles; };
static const struct demo_user demo_users[] = {
	{"admin@nestguard.example", "Alex Admin (demo)", 0, ROLE_ADMIN},
	{"teamleader@nestguard.example", "Tara Lead (demo)", 0, ROLE_TEAM_LEADER | ROLE_CASEWORKER},
	{"caseworker@nestguard.example", "Casey Worker (demo)", 0, ROLE_CASEWORKER},
	{"referrer@police.example", "PC Robin Referrer (demo)", 1, ROLE_REFERRER},
	{"partner@housing.example", "Pat Partner (demo)", 2, ROLE_PARTNER | ROLE_REFERRER},
	{"analyst@nestguard.example", "Ana Analyst (demo)", 0, ROLE_ANALYST},
	{NULL, NULL, 0, 0}
};

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	int force = 0;
	long n_cases = 300;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage, stdout); return EXIT_OK; }
		if (strcmp(argv[i], "--force") == 0) force = 1;
		else if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
			char *end;
			n_cases = strtol(argv[++i], &end, 10);
			if (*end || n_cases < 0 || n_cases > 1000000) return cli_usage_error("demo", "--cases takes a number from 0 to 1000000");
		}
		else return cli_usage_error("demo", "unknown argument '%s'", argv[i]);
	}
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	if (!force && db_int(db, 0, "SELECT count(*) FROM user", "") > 0) {
		db_close(db);
		return cli_error("%s already has users; use --force to add the demo data anyway", cli->db_path);
	}
	static const struct actor cli_actor = {0, 0, 0, "cli"};
	int64_t agency_ids[16] = {0};
	for (int i = 0; demo_agencies[i].name; i++) {
		const char *error = NULL;
		agency_ids[i] = agency_find_by_name(db, demo_agencies[i].name);
		if (!agency_ids[i]) agency_ids[i] = agency_add(db, &cli_actor, demo_agencies[i].name, demo_agencies[i].kind, &error);
		if (!agency_ids[i]) { db_close(db); return cli_error("cannot create demo agency: %s", error); }
	}
	printf("Demo data created in %s. Sign in with one of these accounts (passwords shown only now):\n\n", cli->db_path);
	for (int i = 0; demo_users[i].email; i++) {
		const struct demo_user *du = &demo_users[i];
		char password[21];
		password_generate(password, 20);
		int64_t id = user_find_by_email(db, du->email);
		if (id) {
			char *hash = password_hash(password);
			db_run(db, "UPDATE user SET password_hash=?, disabled=0 WHERE id=?", "ti", hash, id);
			free(hash);
		} else {
			struct user_new nu = {du->email, du->name, agency_ids[du->agency], du->roles, password};
			struct user_errors e;
			if (!user_add(db, &cli_actor, &nu, &e)) { db_close(db); return cli_error("cannot create demo user %s", du->email); }
		}
		printf("  %s  %s  ", du->email, password);
		int first = 1;
		for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1)
			if (du->roles & r) { printf("%s%s", first ? "" : ", ", role_label(r)); first = 0; }
		printf(" — %s\n", demo_agencies[du->agency].name);
	}
	int had_cases = (int)db_int(db, 0, "SELECT count(*) FROM case_file", "");
	if (n_cases > 0 && !had_cases) {
		demo_cases_create(db, (int)n_cases, 2026);
		governance_demo_create(db);   /* an agreement, and a few cases shared with the housing provider */
	}
	/* Keep the demo easy to try: two-factor is offered (Your account > Two-factor sign-in)
	 * but not demanded. A real deployment keeps the default, totp.enforce = 1. */
	setting_set(db, &cli_actor, "totp.enforce", "0");
	printf("\nTwo-factor sign-in is optional in this demo database. A real deployment requires it for\n"
	       "administrators and team leaders (the default); to try that here: nestguard --db %s setting set totp.enforce 1\n",
	       cli->db_path);
	if (n_cases > 0 && !had_cases)
		printf("\nA fictional caseload of %ld cases was created: every name, street and phone number in it is invented.\n", n_cases);
	printf("\nStart the server with: nestguard --db %s serve\n", cli->db_path);
	db_close(db);
	return EXIT_OK;
}
