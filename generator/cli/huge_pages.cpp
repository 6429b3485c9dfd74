#include "cli/huge_pages.h"

#include "base/sanitizers.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace portal::cli {

namespace {

constexpr std::string_view kTunable = "glibc.malloc.hugetlb";

bool builds_a_site(int argc, char** argv) {
    if (argc < 2) return false;
    const std::string_view command = argv[1];
    return command == "build" || command == "check" || command == "serve";
}

// "always": huge pages come without asking; "never": asking is refused.
// Only under "madvise" (Debian's default) does the tunable change anything.
bool kernel_grants_when_asked() {
    std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    return std::getline(mode, line) && line.find("[madvise]") != std::string::npos;
}

bool sanitized() {
    return address_sanitizer;  // ASan has its own allocator: the tunable would do nothing
}

}  // namespace

void restart_with_huge_pages(int argc, char** argv) {
    if (sanitized() || !builds_a_site(argc, argv)) return;
    const char* given = std::getenv("GLIBC_TUNABLES");
    const std::string tunables = given ? given : "";
    if (tunables.find(kTunable) != std::string::npos) return;  // restarted already, or the user chose
    if (!kernel_grants_when_asked()) return;
    const std::string wanted = (tunables.empty() ? "" : tunables + ":") + std::string(kTunable) + "=1";
    if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Still here: exec failed (no /proc?). Go on as we are, as the user left it.
    if (given) setenv("GLIBC_TUNABLES", given, 1);
    else unsetenv("GLIBC_TUNABLES");
}

}  // namespace portal::cli
