/* Test-only stand-in for `nestguard import cases` while the "import" command is not yet in
 * src/main.c's table (it belongs to the crime-import and cases work): runs the same
 * cmd_import_cases() with the same arguments. tests/evaluation uses the real command as soon
 * as `nestguard import cases --help` works, and this file can then be deleted. */
#include <stdlib.h>
#include "cli/cli.h"
#include "cli/cmd_import_cases.h"

int main(int argc, char **argv)
{
	/* argv: shim --db PATH cases FILE [OPTIONS] */
	if (argc < 4) return EXIT_USAGE;
	struct cli cli = {argv[2]};
	return cmd_import_cases(&cli, argc - 3, argv + 3);
}
