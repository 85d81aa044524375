/* nestguard import cases FILE.csv — the "cases" subcommand of "import" (see cmd_import.c). */
#ifndef NESTGUARD_CMD_IMPORT_CASES_H
#define NESTGUARD_CMD_IMPORT_CASES_H

struct cli;

/* ARGV[0] is the subcommand name ("cases"); the rest are its arguments. */
int cmd_import_cases(struct cli *cli, int argc, char **argv);

#endif
