// Runs a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer:
// the regression inputs in fuzz/regressions/ and the seed corpora are replayed
// by CTest with the ordinary compiler (and under ASan+UBSan in the sanitizer
// build), so a fixed crash stays fixed where clang is not installed.
//
//   fuzz_replay_<target> PATH...   files, or folders read recursively
//
// Exit code 0 when every input ran (a crash ends the process), 2 on misuse.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "fuzz_input.h"

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path path = argv[i];
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (const auto& entry : fs::recursive_directory_iterator(path))
                if (entry.is_regular_file()) files.push_back(entry.path());
        } else if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", path.c_str());
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        // Exactly the file's bytes in a buffer of that size, as libFuzzer gives them:
        // ASan sees any read past the end.
        std::vector<std::uint8_t> bytes(fs::file_size(file));
        std::FILE* in = std::fopen(file.c_str(), "rb");
        if (!in || std::fread(bytes.data(), 1, bytes.size(), in) != bytes.size()) {
            std::fprintf(stderr, "%s: cannot read\n", file.c_str());
            return 2;
        }
        std::fclose(in);
        LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    }
    std::printf("ran %zu inputs\n", files.size());
    return 0;
}
