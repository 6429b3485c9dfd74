#pragma once

namespace portal::cli {

// Only for a binary built without mimalloc (-DPORTAL_MIMALLOC=OFF, or the
// sanitizer builds, where it returns at once); mimalloc is asked for huge
// pages in main.cpp instead.
// For the commands that build a whole site (build, check, serve): starts the
// process again, once, with glibc's malloc asking the kernel for transparent
// huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). A build at N = 10,000
// pages per language touches ~1.2 GB of fresh memory; in 4 KiB pages that is
// ~330,000 page faults, a sixth of its CPU time. glibc reads the setting only
// at start-up, hence the restart (same PID, ~2 ms). Returns, doing nothing,
// when it would not help or was decided already: another command, the
// kernel's THP mode not "madvise", GLIBC_TUNABLES naming hugetlb (so the
// user can say glibc.malloc.hugetlb=0), a sanitizer build, or exec failing.
// docs/performance.md, pass 4.
void restart_with_huge_pages(int argc, char** argv);

}  // namespace portal::cli
