#include "search/index_format.h"

#include <cstdio>

namespace portal::search {

void append_varint(std::string& out, std::uint32_t value) {
    while (value >= 32) {
        out += varint_alphabet[(value & 31) | 32];
        value >>= 5;
    }
    out += varint_alphabet[value];
}

std::string encode_postings(const std::vector<Posting>& postings) {
    std::string out;
    out.reserve(postings.size() * 2);
    std::uint32_t previous = 0;
    for (std::size_t i = 0; i < postings.size(); ++i) {
        append_varint(out, i == 0 ? postings[i].page : postings[i].page - previous);
        append_varint(out, static_cast<std::uint32_t>(postings[i].level << 1 | (postings[i].in_title ? 1 : 0)));
        previous = postings[i].page;
    }
    return out;
}

std::vector<Posting> decode_postings(std::string_view encoded) {
    std::vector<std::uint32_t> numbers;
    std::uint32_t value = 0;
    int shift = 0;
    for (char c : encoded) {
        const auto digit = varint_alphabet.find(c);
        if (digit == std::string_view::npos || shift > 30) return {};
        value |= static_cast<std::uint32_t>(digit & 31) << shift;
        if (digit & 32) {
            shift += 5;
        } else {
            numbers.push_back(value);
            value = 0;
            shift = 0;
        }
    }
    if (shift != 0 || numbers.size() % 2 != 0) return {};
    std::vector<Posting> postings;
    std::uint32_t page = 0;
    for (std::size_t i = 0; i < numbers.size(); i += 2) {
        page = i == 0 ? numbers[i] : page + numbers[i];
        postings.push_back({page, static_cast<int>(numbers[i + 1] >> 1), (numbers[i + 1] & 1) != 0});
    }
    return postings;
}

std::uint32_t fnv1a32(std::string_view bytes) {
    std::uint32_t hash = 0x811c9dc5U;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x01000193U;
    }
    return hash;
}

std::string fnv1a64_hex(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

std::uint32_t shard_of(std::string_view token, std::uint32_t shard_count) {
    return fnv1a32(token) & (shard_count - 1);
}

}  // namespace portal::search
