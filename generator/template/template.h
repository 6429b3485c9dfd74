// One parsed template: its names, its source (normalized as Jinja does) and
// its syntax tree. Immutable after parsing and shared by every render.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "template/ast.h"

namespace portal::tmpl {

struct Template {
    std::string name;    // store name, e.g. "partials/nav.html"
    std::string path;    // file path for messages, e.g. "themes/default/templates/partials/nav.html"
    std::string source;  // normalized source; the tree points into it
    ast::Body body;
    ast::FrameVars root_vars;  // see ast::FrameVars
    // Every `{% block %}` of the template, nested ones included, in order.
    std::vector<const ast::Block*> blocks;
    bool has_extends = false;

    const ast::Block* find_block(std::string_view block_name) const {
        for (const ast::Block* b : blocks)
            if (b->name == block_name) return b;
        return nullptr;
    }
};

}  // namespace portal::tmpl
