// The bytes of the search index that themes/default/static/js/search.js
// reads back (docs/search.md describes the format for people).
//
// A token's postings are one string: for each page that holds it, in page-id
// order, the page id (the first one as is, then the gap from the previous one)
// and a weight, each as a little-endian base-32 varint written with the
// 64-letter alphabet below (a letter's value & 31 is five bits of payload,
// & 32 says "more letters follow"). A weight is (q << 1) | in_title, where q
// in 1..15 is the page's BM25 term-frequency factor quantised, so it is
// always one letter. A token's shard is FNV-1a (32-bit) of its UTF-8 bytes
// modulo the shard count (a power of two).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portal::search {

inline constexpr std::string_view varint_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
inline constexpr int max_weight_level = 15;

struct Posting {
    std::uint32_t page = 0;  // page id: position in the index's page list
    int level = 1;           // quantised BM25 factor, 1..max_weight_level
    bool in_title = false;
};

// Appends `value` as a varint.
void append_varint(std::string& out, std::uint32_t value);

// Postings (sorted by page, no repeats) as one string.
std::string encode_postings(const std::vector<Posting>& postings);

// Inverse of encode_postings (for tests and tools); empty on malformed input.
std::vector<Posting> decode_postings(std::string_view encoded);

// 32-bit FNV-1a of the bytes of `token`.
std::uint32_t fnv1a32(std::string_view bytes);

// 64-bit FNV-1a as 16 hex digits: a version key for cache busting.
std::string fnv1a64_hex(std::string_view bytes);

// The shard that holds `token`; `shard_count` is a power of two.
std::uint32_t shard_of(std::string_view token, std::uint32_t shard_count);

}  // namespace portal::search
