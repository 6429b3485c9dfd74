#include "cli/cli.h"

// mimalloc is the allocator (CMakeLists.txt), in the kernel's ordinary 4 KiB
// pages. Huge pages are not asked for: on a virtual machine that hands freed
// memory back to its host (virtio-balloon's free page reporting, as here) a
// fresh 2 MiB page costs the host's faults and zeroing at first touch, and a
// cold build at N = 10,000 spent 0.3-0.9 s more wall time with them
// (docs/performance.md, pass 18). MIMALLOC_LARGE_OS_PAGES=1 asks for them.
int main(int argc, char** argv) { return portal::cli::run(argc, argv); }
