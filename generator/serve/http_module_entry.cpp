// The HTTP module's entry point (serve/http_module.h): built into
// libportal_http.so with the dev server and the external link fetches, not
// into the portal binary.
#include "serve/http_module.h"

extern "C" __attribute__((visibility("default"))) const portal::serve::HttpModule* portal_http_module() {
    static constexpr portal::serve::HttpModule functions{&portal::serve::make_dev_server, &portal::check::fetch_external};
    return &functions;
}
