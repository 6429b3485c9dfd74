// Encoders that must match markupsafe and Jinja byte for byte: HTML escaping,
// URL quoting (urlencode), tag stripping (striptags) and JSON (tojson).
#pragma once

#include <string>
#include <string_view>

namespace portal::tmpl {

class Value;

// markupsafe.escape: & < > ' " become &amp; &lt; &gt; &#39; &#34;.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escaped(std::string_view text);

// Jinja's url_quote: UTF-8 bytes, unreserved characters kept; '/' kept unless
// `for_query`, which also turns spaces into '+'.
std::string url_quote(std::string_view text, bool for_query);

// markupsafe's Markup.striptags(): drop comments and tags, collapse
// whitespace, then unescape entities (numeric ones and the common named ones).
std::string strip_tags(std::string_view html);
std::string html_unescape(std::string_view text);

// json.dumps(value, sort_keys=True, indent=...) followed by Jinja's
// htmlsafe escaping of < > & '. `indent` < 0 means no indentation. Returns
// false with `error` set for values JSON cannot hold (undefined, functions).
bool append_json(std::string& out, const Value& value, int indent, std::string& error);

}  // namespace portal::tmpl
