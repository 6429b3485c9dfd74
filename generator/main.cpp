#include "cli/cli.h"

#if PORTAL_MIMALLOC
#include <mimalloc.h>
#else
#include "cli/huge_pages.h"
#endif

int main(int argc, char** argv) {
#if PORTAL_MIMALLOC
    // mimalloc is the allocator (CMakeLists.txt). Its memory in 2 MiB pages
    // where the kernel grants them (madvise): a build touches ~1 GB of fresh
    // memory, and in 4 KiB pages the faults were a sixth of its CPU time.
    // Set before the first large allocation; it applies to every later one.
    mi_option_enable(mi_option_large_os_pages);
#else
    portal::cli::restart_with_huge_pages(argc, argv);
#endif
    return portal::cli::run(argc, argv);
}
