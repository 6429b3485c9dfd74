#include "serve/http_module.h"

#include <dlfcn.h>

#include <string>

namespace portal::serve {

Result<HttpModule> load_http_module() {
    std::error_code ec;
    const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path file = (ec ? std::filesystem::path() : binary.parent_path()) / http_module_file;
    auto fail = [&](const std::string& why) {
        return make_error(file.generic_string(), 0, 0, "cannot load portal's HTTP module: " + why,
                          std::string(http_module_file) + " is built beside the portal binary (`make compile`); "
                                                          "keep the two together");
    };
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return fail(::dlerror());
    using Entry = const HttpModule* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, http_module_symbol));
    if (!entry) return fail(::dlerror());
    return *entry();
}

}  // namespace portal::serve
