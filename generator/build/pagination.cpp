#include "build/pagination.h"

#include <algorithm>

#include "build/value_keys.h"

namespace portal::build {

using tmpl::Value;

namespace {

std::string page_url(const std::string& base_url, std::size_t number) {
    return number == 1 ? base_url : base_url + "page/" + std::to_string(number) + "/";
}

}  // namespace

Pagination paginate(const std::vector<Value>& items, const std::string& base_url, int page_size) {
    const auto size = static_cast<std::size_t>(std::max(1, page_size));
    const std::size_t total = std::max<std::size_t>(1, (items.size() + size - 1) / size);
    // One list of page links shared by every page; templates compare
    // `link.number == paginator.number` to mark the current one.
    std::vector<Value> link_items;
    for (std::size_t n = 1; n <= total; ++n)
        link_items.push_back(make_map(Entries{{"number", Value::integer(static_cast<std::int64_t>(n))},
                                                {"url", Value::string(page_url(base_url, n))}}));
    Pagination pagination;
    pagination.links = Value::list(std::move(link_items));
    std::vector<ListPage>& pages = pagination.pages;
    pages.reserve(total);
    for (std::size_t number = 1; number <= total; ++number) {
        const std::size_t begin = (number - 1) * size;
        const std::size_t end = std::min(items.size(), begin + size);
        std::vector<Value> slice(items.begin() + static_cast<std::ptrdiff_t>(begin),
                                 items.begin() + static_cast<std::ptrdiff_t>(end));
        Value paginator = make_map(Entries{
            {"pages", Value::list(std::move(slice))},
            {"number", Value::integer(static_cast<std::int64_t>(number))},
            {"total_pages", Value::integer(static_cast<std::int64_t>(total))},
            {"total_items", Value::integer(static_cast<std::int64_t>(items.size()))},
            {"page_size", Value::integer(static_cast<std::int64_t>(size))},
            {"first_item", Value::integer(static_cast<std::int64_t>(items.empty() ? 0 : begin + 1))},
            {"last_item", Value::integer(static_cast<std::int64_t>(end))},
            {"previous_url", number > 1 ? Value::string(page_url(base_url, number - 1)) : Value::none()},
            {"next_url", number < total ? Value::string(page_url(base_url, number + 1)) : Value::none()},
            {"first_url", Value::string(page_url(base_url, 1))},
            {"last_url", Value::string(page_url(base_url, total))},
            {"links", pagination.links},
        });
        pages.push_back({page_url(base_url, number), std::move(paginator)});
    }
    return pagination;
}

}  // namespace portal::build
