#include "template/pyformat.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "template/unicode.h"

namespace portal::tmpl::py {

void append_float(std::string& out, double x) {
    if (std::isnan(x)) {
        out += "nan";
        return;
    }
    if (std::isinf(x)) {
        out += x < 0 ? "-inf" : "inf";
        return;
    }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    // sci is "-d.ddde+XX": split into sign, digits and exponent.
    std::size_t i = 0;
    if (sci[0] == '-') {
        out += '-';
        i = 1;
    }
    std::size_t e_pos = sci.find('e');
    std::string digits;
    for (std::size_t k = i; k < e_pos; ++k)
        if (sci[k] != '.') digits += sci[k];
    int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
    int ndigits = static_cast<int>(digits.size());
    if (exponent < -4 || exponent >= 16) {
        out += digits[0];
        if (ndigits > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += 'e';
        out += exponent < 0 ? '-' : '+';
        int a = exponent < 0 ? -exponent : exponent;
        if (a < 10) out += '0';
        out += std::to_string(a);
        return;
    }
    int decpt = exponent + 1;  // digits before the decimal point
    if (decpt <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-decpt), '0');
        out += digits;
    } else if (decpt >= ndigits) {
        out += digits;
        out.append(static_cast<std::size_t>(decpt - ndigits), '0');
        out += ".0";
    } else {
        out.append(digits, 0, static_cast<std::size_t>(decpt));
        out += '.';
        out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
    }
}

std::string float_repr(double x) {
    std::string s;
    append_float(s, x);
    return s;
}

void append_int(std::string& out, std::int64_t i) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, res.ptr);
}

void append_string_repr(std::string& out, std::string_view s) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char quote = has_single && !has_double ? '"' : '\'';
    static const char hex[] = "0123456789abcdef";
    out += quote;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t start = i;
        char32_t c = unicode::next(s, i);
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (unicode::is_printable(c)) {
            out.append(s.substr(start, i - start));
        } else if (c <= 0xFF) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else if (c <= 0xFFFF) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[(c >> shift) & 15];
        } else {
            out += "\\U";
            for (int shift = 28; shift >= 0; shift -= 4) out += hex[(c >> shift) & 15];
        }
    }
    out += quote;
}

double round_float(double x, std::int64_t ndigits) {
    if (!std::isfinite(x) || x == 0.0) return x;
    if (ndigits > 323) return x;
    if (ndigits < -308) return 0.0 * x;
    char buf[512];
    if (ndigits >= 0) {
        // glibc prints the exact binary value rounded half-to-even: the same
        // correctly rounded result Python gets from its dtoa.
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
        return std::strtod(buf, nullptr);
    }
    std::snprintf(buf, sizeof buf, "%.17e", x);
    int exponent = std::atoi(std::strchr(buf, 'e') + 1);
    std::int64_t keep = exponent + 1 + ndigits;  // significant digits to keep
    double scale = std::pow(10.0, static_cast<double>(-ndigits));
    if (keep < 0) return 0.0 * x;
    if (keep == 0) {
        double half = scale / 2;
        double a = std::fabs(x);
        double r = a > half ? scale : 0.0;  // a tie goes to the even 0
        return std::copysign(r, x);
    }
    std::snprintf(buf, sizeof buf, "%.*e", static_cast<int>(keep - 1), x);
    return std::strtod(buf, nullptr);
}

namespace {

// Python accepts full-width digits in int()/float(); Japanese text has them.
std::string ascii_digits(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = unicode::next(text, i);
        if (c >= 0xFF10 && c <= 0xFF19) {
            out += static_cast<char>('0' + (c - 0xFF10));
        } else {
            out.append(text.substr(start, i - start));
        }
    }
    return out;
}

bool is_digit_in(char c, int base) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else return false;
    return d < base;
}

// Removes '_' that sits between two digits; false for any other underscore.
bool strip_underscores(std::string_view digits, int base, std::string& out, bool allow_leading) {
    for (std::size_t k = 0; k < digits.size(); ++k) {
        char c = digits[k];
        if (c == '_') {
            bool before = k > 0 ? is_digit_in(digits[k - 1], base) : allow_leading;
            bool after = k + 1 < digits.size() && is_digit_in(digits[k + 1], base);
            if (!before || !after) return false;
            continue;
        }
        out += c;
    }
    return true;
}

}  // namespace

bool parse_int(std::string_view text, int base, std::int64_t& out) {
    std::string s = ascii_digits(unicode::strip(text));
    std::string_view v = s;
    bool negative = false;
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
        negative = v[0] == '-';
        v.remove_prefix(1);
    }
    bool prefixed = false;
    if (v.size() >= 2 && v[0] == '0') {
        char p = static_cast<char>(v[1] | 0x20);
        int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
            base = prefix_base;
            v.remove_prefix(2);
            prefixed = true;
        }
    }
    if (base == 0) {
        base = 10;
        // int("010", 0) is an error in Python: no leading zeros in base 0.
        if (v.size() > 1 && v[0] == '0' && v.find_first_not_of("0_") != std::string_view::npos) return false;
    }
    if (base < 2 || base > 36 || v.empty()) return false;
    std::string digits;
    if (!strip_underscores(v, base, digits, prefixed)) return false;
    if (digits.empty()) return false;
    std::uint64_t acc = 0;
    constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;  // |INT64_MIN|
    for (char c : digits) {
        if (!is_digit_in(c, base)) return false;
        auto d = static_cast<std::uint64_t>(c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        if (__builtin_mul_overflow(acc, static_cast<std::uint64_t>(base), &acc) || __builtin_add_overflow(acc, d, &acc) ||
            acc > kLimit)
            return false;
    }
    if (!negative && acc == kLimit) return false;
    out = negative ? static_cast<std::int64_t>(~acc + 1) : static_cast<std::int64_t>(acc);
    return true;
}

bool parse_float(std::string_view text, double& out) {
    std::string s = ascii_digits(unicode::strip(text));
    std::string_view v = s;
    bool negative = false;
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
        negative = v[0] == '-';
        v.remove_prefix(1);
    }
    std::string lowered;
    for (char c : v) lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lowered == "inf" || lowered == "infinity") {
        out = negative ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (lowered == "nan") {
        out = std::nan("");
        return true;
    }
    // digits [. digits] [e [sign] digits], at least one digit in the mantissa.
    std::string clean;
    std::size_t i = 0;
    auto digit_run = [&](bool& any) {
        std::size_t start = i;
        while (i < v.size() && ((v[i] >= '0' && v[i] <= '9') || v[i] == '_')) ++i;
        std::string part;
        if (!strip_underscores(v.substr(start, i - start), 10, part, false)) return false;
        any = !part.empty();
        clean += part;
        return true;
    };
    bool int_digits = false, frac_digits = false, exp_digits = false;
    if (!digit_run(int_digits)) return false;
    if (i < v.size() && v[i] == '.') {
        clean += '.';
        ++i;
        if (!digit_run(frac_digits)) return false;
    }
    if (!int_digits && !frac_digits) return false;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        clean += 'e';
        ++i;
        if (i < v.size() && (v[i] == '+' || v[i] == '-')) clean += v[i++];
        if (!digit_run(exp_digits) || !exp_digits) return false;
    }
    if (i != v.size()) return false;
    double d = 0;
    auto res = std::from_chars(clean.data(), clean.data() + clean.size(), d);
    if (res.ec == std::errc::result_out_of_range) {
        // Overflow is inf and underflow 0 in Python.
        d = clean.find('e') != std::string::npos && clean.find("e-") != std::string::npos ? 0.0 : HUGE_VAL;
    } else if (res.ec != std::errc()) {
        return false;
    }
    out = negative ? -d : d;
    return true;
}

}  // namespace portal::tmpl::py
