// The command line: a table of subcommands, argument parsing (CLI11) and
// printing diagnostics. Exit codes: 0 success, 1 content or template
// errors, 2 usage errors.
#pragma once

namespace portal::cli {

int run(int argc, char** argv);

}  // namespace portal::cli
