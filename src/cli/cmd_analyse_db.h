/* The `nestguard analyse` subcommands that run on the database's imported crime, incidents
 * and cases (trends, hotspots, peak-times, near-repeats, cases) rather than on a point file.
 * They take the same arguments as the analytics pages, as --options, and write the same
 * downloads. */
#ifndef NESTGUARD_CMD_ANALYSE_DB_H
#define NESTGUARD_CMD_ANALYSE_DB_H
#include <stdio.h>

struct cli;

/* Run `analyse SUBCOMMAND ...` when argv[1] is one of these; returns the exit status, or -1
 * when SUBCOMMAND is not one of them. */
int analyse_db_run(struct cli *cli, int argc, char **argv);
/* One line per subcommand for the analyse help. */
void analyse_db_list(FILE *out);

#endif
