#include "search/index_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "search/index_format.h"
#include "search/tokenise.h"

namespace portal::search {

namespace {

constexpr double k1 = 1.2;
constexpr double b = 0.75;
constexpr int title_repeat = 3;  // a title token counts as three body tokens

struct TermCount {
    int title = 0;
    int text = 0;
};

struct PageTerms {
    std::vector<std::pair<std::string, TermCount>> terms;  // sorted by token
    std::size_t length = 0;                                 // tokens in title and text
};

PageTerms count_terms(const Document& document) {
    std::unordered_map<std::string, TermCount> counts;
    const auto title = analyse(document.title, CjkUnigrams::every_cjk_character);
    const auto text = analyse(document.text, CjkUnigrams::every_cjk_character);
    for (const auto& token : title) ++counts[token].title;
    for (const auto& token : text) ++counts[token].text;
    PageTerms page;
    page.length = title.size() + text.size();
    page.terms.assign(counts.begin(), counts.end());
    std::sort(page.terms.begin(), page.terms.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    return page;
}

struct RawPosting {
    std::uint32_t page;
    TermCount count;
};

std::uint32_t shard_count_for(std::size_t bytes, const IndexSettings& settings) {
    std::uint32_t count = 1;
    while (count < settings.max_shards && bytes > static_cast<std::size_t>(count) * settings.target_shard_bytes)
        count *= 2;
    return count;
}

}  // namespace

Index build_index(const std::vector<Document>& documents, const IndexSettings& settings, const WorkerPool& pool) {
    std::vector<PageTerms> pages(documents.size());
    pool.for_each_index(documents.size(), [&](std::size_t i) { pages[i] = count_terms(documents[i]); });

    // Pages in order, so every posting list comes out sorted by page.
    std::unordered_map<std::string, std::vector<RawPosting>> postings;
    double total_length = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        total_length += static_cast<double>(pages[p].length);
        for (const auto& [token, count] : pages[p].terms)
            postings[token].push_back({static_cast<std::uint32_t>(p), count});
    }
    const double average_length = pages.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(pages.size()));

    std::vector<const std::string*> tokens;
    tokens.reserve(postings.size());
    for (const auto& entry : postings) tokens.push_back(&entry.first);
    std::sort(tokens.begin(), tokens.end(), [](const std::string* x, const std::string* y) { return *x < *y; });

    std::vector<std::string> encoded(tokens.size());
    pool.for_each_index(tokens.size(), [&](std::size_t t) {
        const auto& list = postings.at(*tokens[t]);
        std::vector<Posting> quantised;
        quantised.reserve(list.size());
        for (const auto& raw : list) {
            const double tf = raw.count.title * title_repeat + raw.count.text;
            const double norm = 1.0 - b + b * static_cast<double>(pages[raw.page].length) / average_length;
            const double factor = tf * (k1 + 1.0) / (tf + k1 * norm);  // in (0, k1 + 1)
            const int level = std::clamp(static_cast<int>(std::lround(factor / (k1 + 1.0) * max_weight_level)), 1,
                                         max_weight_level);
            quantised.push_back({raw.page, level, raw.count.title > 0});
        }
        encoded[t] = encode_postings(quantised);
    });

    std::size_t bytes = 2;
    for (std::size_t t = 0; t < tokens.size(); ++t) bytes += tokens[t]->size() + encoded[t].size() + 6;
    Index index;
    index.shard_count = shard_count_for(bytes, settings);
    index.token_count = tokens.size();
    index.shards.assign(index.shard_count, "{");
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        std::string& shard = index.shards[shard_of(*tokens[t], index.shard_count)];
        if (shard.size() > 1) shard += ',';
        // Tokens are letters, marks and digits only: nothing JSON must escape.
        shard += '"' + *tokens[t] + "\":\"" + encoded[t] + '"';
    }
    std::string all;
    for (auto& shard : index.shards) {
        shard += "}\n";
        all += shard;
    }
    index.version = fnv1a64_hex(all).substr(0, 12);
    return index;
}

}  // namespace portal::search
