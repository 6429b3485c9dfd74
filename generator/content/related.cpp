#include "content/related.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "i18n/dates.h"

namespace portal::content {

namespace {

double day_of(const Page& page) {
    if (auto date = i18n::parse_iso(page.date)) return static_cast<double>(i18n::to_unix_seconds(*date)) / 86400.0;
    return 0;
}

struct Posting {
    std::vector<std::size_t> pages;  // sorted by date, oldest first, then source path
};

}  // namespace

void link_related_pages(Site& site, std::size_t window) {
    const auto& settings = site.config.related;
    auto in_scope = [&](const Page& page) {
        return !page.is_section_index &&
               std::find(settings.sections.begin(), settings.sections.end(), page.section) != settings.sections.end();
    };
    auto weight_of = [&](const std::string& taxonomy) {
        for (const auto& [name, weight] : settings.weights)
            if (name == taxonomy) return weight;
        return 0.0;
    };
    std::vector<double> days(site.pages.size());
    for (std::size_t i = 0; i < site.pages.size(); ++i) days[i] = day_of(site.pages[i]);

    // Inverted index: (language, taxonomy, key) → pages.
    std::map<std::tuple<std::string, std::string, std::string>, Posting> index;
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const Page& page = site.pages[i];
        if (!in_scope(page)) continue;
        for (const auto& terms : page.terms)
            if (weight_of(terms.taxonomy) > 0)
                for (const auto& key : terms.keys) index[{page.lang, terms.taxonomy, key}].pages.push_back(i);
    }
    auto older = [&](std::size_t a, std::size_t b) {
        if (days[a] != days[b]) return days[a] < days[b];
        return site.pages[a].source_path < site.pages[b].source_path;
    };
    for (auto& [key, posting] : index) std::sort(posting.pages.begin(), posting.pages.end(), older);

    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        Page& page = site.pages[i];
        if (!in_scope(page)) continue;
        std::unordered_map<std::size_t, double> scores;
        for (const auto& terms : page.terms) {
            const double weight = weight_of(terms.taxonomy);
            if (weight <= 0) continue;
            for (const auto& key : terms.keys) {
                const auto& list = index.at({page.lang, terms.taxonomy, key}).pages;
                const auto at = static_cast<std::size_t>(std::lower_bound(list.begin(), list.end(), i, older) - list.begin());
                const std::size_t from = at > window ? at - window : 0;
                const std::size_t to = std::min(list.size(), at + window + 1);
                for (std::size_t k = from; k < to; ++k)
                    if (list[k] != i) scores[list[k]] += weight;
            }
        }
        std::vector<std::pair<double, std::size_t>> ranked;
        ranked.reserve(scores.size());
        for (const auto& [other, score] : scores) {
            // Recency: up to one extra point for pages from the same time, fading over a year.
            const double recency = 1.0 / (1.0 + std::abs(days[other] - days[i]) / 365.0);
            ranked.emplace_back(score + recency, other);
        }
        const auto limit = static_cast<std::size_t>(settings.limit);
        auto better = [&](const auto& a, const auto& b) {
            if (a.first != b.first) return a.first > b.first;
            if (days[a.second] != days[b.second]) return days[a.second] > days[b.second];
            return site.pages[a.second].source_path < site.pages[b.second].source_path;
        };
        if (ranked.size() > limit) {
            std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(limit), ranked.end(), better);
            ranked.resize(limit);
        } else {
            std::sort(ranked.begin(), ranked.end(), better);
        }
        for (const auto& [score, other] : ranked) page.related.push_back(other);
    }
}

}  // namespace portal::content
