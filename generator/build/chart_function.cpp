#include "build/chart_function.h"

namespace portal::build {

tmpl::Value chart_function(const content::Site& site, const std::string& lang) {
    (void)site;
    (void)lang;
    return tmpl::Value::function(
        [](const tmpl::CallArgs&) -> Result<tmpl::Value> {
            return make_error("", 0, 0, "chart() is not available yet");
        },
        "chart");
}

}  // namespace portal::build
