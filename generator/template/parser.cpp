#include "template/parser.h"

#include "base/text.h"
#include "template/lexer.h"
#include "template/parser_impl.h"
#include "template/scoping.h"

namespace portal::tmpl {

using parse_detail::Parser;

Result<std::shared_ptr<const Template>> parse_template(std::string name, std::string path, std::string_view source,
                                                       const ParseOptions& options) {
    auto tmpl = std::make_shared<Template>();
    tmpl->name = std::move(name);
    tmpl->path = std::move(path);
    if (auto bad = text::find_invalid_utf8(source)) {
        text::Position p = text::position_of(source, *bad);
        return make_error(tmpl->path, p.line, p.col, "the template is not valid UTF-8",
                          "save the file as UTF-8");
    }
    tmpl->source = normalize_source(source);
    try {
        std::vector<Token> tokens = tokenize(tmpl->source);
        Parser parser(tokens, *tmpl, options);
        tmpl->body = parser.parse();
        analyze_scopes(*tmpl);
    } catch (const SyntaxError& e) {
        text::Position p = text::position_of(tmpl->source, e.offset);
        return make_error(tmpl->path, p.line, p.col, e.message);
    }
    return std::shared_ptr<const Template>(std::move(tmpl));
}

}  // namespace portal::tmpl
