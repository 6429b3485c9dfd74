#include "cli/cli.h"
#include "cli/huge_pages.h"

int main(int argc, char** argv) {
    portal::cli::restart_with_huge_pages(argc, argv);
    return portal::cli::run(argc, argv);
}
