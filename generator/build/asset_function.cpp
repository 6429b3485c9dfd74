#include "build/asset_function.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

tmpl::Value asset_function(const AssetUrls& urls) {
    return Value::function(
        [&urls](const CallArgs& args) -> Result<Value> {
            if (args.positional.size() != 1 || !args.positional[0]->is_string())
                return make_error("", 0, 0, "asset() needs one path, e.g. asset(\"/css/main.css\")");
            const std::string& path = args.positional[0]->as_string();
            if (auto found = urls.fingerprinted.find(path); found != urls.fingerprinted.end())
                return Value::string(found->second);
            if (urls.plain.count(path)) return Value::string(path);
            std::string hint = "static files come from themes/<theme>/static/ and static/";
            if (!path.empty() && path.front() != '/') hint = "write the path from the site root: asset(\"/" + path + "\")";
            return make_error("", 0, 0, "asset(\"" + path + "\"): no such static file", hint);
        },
        "asset");
}

}  // namespace portal::build
