#include "check/page_links.h"

#include "check/resolve_url.h"
#include "html/scan.h"

namespace portal::check {

PageLinks read_page_links(std::string_view html, std::string_view output_path, const SiteAddress& address) {
    html::Document document = html::scan(html);
    const std::string served_url = std::string(address.base_path) + url_of_output(output_path);
    PageLinks links;
    links.references = document.references.size();
    TargetListWriter targets(document.references.size());
    for (const html::Reference& reference : document.references) {
        const Target target = resolve_on_site(reference.url, served_url, address.base_url, address.base_path);
        if (target.kind == Target::Kind::internal) targets.add(link_target_of(target));
    }
    links.record.targets = targets.finish();
    links.record.ids = std::move(document.ids);
    return links;
}

}  // namespace portal::check
