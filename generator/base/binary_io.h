// A compact binary form for the build cache's own files (.portal-cache/):
// numbers in native byte order (the cache never leaves the machine that
// wrote it), text as a u32 length and its bytes. The reader never reads past
// the end: a damaged file reads as "not ok", which callers treat as absent.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace portal::binary {

inline void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
inline void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
inline void put_text(std::string& out, std::string_view text) {
    put_u32(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    bool ok() const { return ok_; }
    bool done() const { return at_ == bytes_.size(); }

    template <typename T>
    T number() {
        T v{};
        if (!need(sizeof v)) return v;
        std::memcpy(&v, bytes_.data() + at_, sizeof v);
        at_ += sizeof v;
        return v;
    }
    std::string text() {
        const auto size = number<std::uint32_t>();
        if (!need(size)) return {};
        std::string t(bytes_.substr(at_, size));
        at_ += size;
        return t;
    }

    // A text's bytes where they are, without a copy.
    std::string_view view() {
        const auto size = number<std::uint32_t>();
        if (!need(size)) return {};
        const std::string_view t = bytes_.substr(at_, size);
        at_ += size;
        return t;
    }

private:
    bool need(std::size_t n) {
        if (ok_ && bytes_.size() - at_ >= n) return true;
        ok_ = false;
        return false;
    }
    std::string_view bytes_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

}  // namespace portal::binary
