#include "cli/cli.h"

int main(int argc, char** argv) { return portal::cli::run(argc, argv); }
