// Text alternatives for images (WCAG 2.1 1.1.1, JIS X 8341-3 level A).
#include "base/text.h"
#include "check/checks.h"

namespace portal::check {

void check_alt_text(const ScannedSite& site, OriginFinder& origins, CheckReport& report) {
    // Markdown always writes alt="" (so the HTML check below passes), but an
    // empty ![](photo.jpg) is almost always a forgotten description.
    for (const content::Page& page : site.site().pages)
        for (const auto& link : page.content.links)
            if (link.is_image && text::trim(link.alt).empty())
                report.problems.push_back(make_error(
                    page.source_path, link.line, link.col, "image without alt text: " + link.url,
                    "describe the image between the brackets: ![what it shows](" + link.url +
                        "); for a purely decorative image use the figure shortcode with alt=\"\""));
    for (std::size_t page = 0; page < site.size(); ++page)
        for (const auto& image : site.document(page).images) {
            if (image.has_alt) continue;
            const Origin origin = origins.find(site.output(page), image.src);
            report.problems.push_back(make_error(origin.path, origin.line, origin.col,
                                                 "image without alt attribute: " + image.src,
                                                 "add alt=\"what it shows\" (alt=\"\" only for decoration); " +
                                                     OriginFinder::page_note(site.output(page))));
        }
}

}  // namespace portal::check
