#include "outputs/page_dates.h"

#include "content/toml_dates.h"

namespace portal::outputs {

std::string last_modified(const content::Page& page) {
    for (const char* field : {"lastmod", "updated"})
        if (const toml::node* node = page.front_matter.get(field))
            if (auto iso = content::toml_date_to_iso(*node)) return *iso;
    return page.date;
}

}  // namespace portal::outputs
