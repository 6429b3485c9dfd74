// The objects templates see as values: macros, loop, namespace(), imported
// modules, bound methods, cycler() and self — their attributes and repr().
#include "base/text.h"
#include "template/escape.h"
#include "template/interp.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl {

using namespace ast;

// ------------------------------------------------------------ objects

bool MacroObject::get_attr(std::string_view attr, Value& out) const {
    if (attr == "name") {
        out = Value::string(std::string(name));
        return true;
    }
    if (attr == "arguments") {
        std::vector<Value> names;
        for (const Param& p : info.params) names.push_back(Value::string(std::string(p.name)));
        out = Value::list(std::move(names), ListStyle::tuple);
        return true;
    }
    if (attr == "catch_kwargs" || attr == "catch_varargs" || attr == "caller") {
        out = Value::boolean(attr == "catch_kwargs" ? info.uses_kwargs
                             : attr == "catch_varargs" ? info.uses_varargs
                                                       : info.uses_caller);
        return true;
    }
    return false;
}

void MacroObject::append_repr(std::string& out) const {
    out += "<Macro ";
    if (is_caller) out += "anonymous";  // Jinja's caller macro has no name
    else py::append_string_repr(out, name);
    out += '>';
}

bool LoopObject::get_attr(std::string_view attr, Value& out) const {
    auto n = static_cast<std::int64_t>(count);
    auto i = static_cast<std::int64_t>(index0);
    if (attr == "index") out = Value::integer(i + 1);
    else if (attr == "index0") out = Value::integer(i);
    else if (attr == "revindex") out = Value::integer(n - i);
    else if (attr == "revindex0") out = Value::integer(n - i - 1);
    else if (attr == "first") out = Value::boolean(i == 0);
    else if (attr == "last") out = Value::boolean(i == n - 1);
    else if (attr == "length") out = Value::integer(n);
    else if (attr == "depth") out = Value::integer(1);
    else if (attr == "depth0") out = Value::integer(0);
    else if (attr == "previtem") out = i > 0 ? item(index0 - 1) : Value::undefined(nullptr);
    else if (attr == "nextitem") out = i + 1 < n ? item(index0 + 1) : Value::undefined(nullptr);
    else return false;
    return true;
}

void LoopObject::append_repr(std::string& out) const {
    out += "<LoopContext ";
    py::append_int(out, static_cast<std::int64_t>(index0 + 1));
    out += '/';
    py::append_int(out, static_cast<std::int64_t>(count));
    out += '>';
}

bool NamespaceObject::get_attr(std::string_view attr, Value& out) const {
    for (const auto& [k, v] : attrs) {
        if (k == attr) {
            out = v;
            return true;
        }
    }
    return false;
}

void NamespaceObject::set(std::string_view attr, Value v) {
    for (auto& [k, val] : attrs) {
        if (k == attr) {
            val = std::move(v);
            return;
        }
    }
    attrs.emplace_back(std::string(attr), std::move(v));
}

void NamespaceObject::append_repr(std::string& out) const {
    out += "<Namespace {";
    for (std::size_t i = 0; i < attrs.size(); ++i) {
        if (i) out += ", ";
        py::append_string_repr(out, attrs[i].first);
        out += ": ";
        attrs[i].second.append_repr(out);
    }
    out += "}>";
}

bool ModuleObject::get_attr(std::string_view attr, Value& out) const {
    for (const auto& [k, v] : exports) {
        if (k == attr) {
            out = v;
            return true;
        }
    }
    return false;
}

void ModuleObject::append_repr(std::string& out) const {
    out += "<TemplateModule ";
    py::append_string_repr(out, name);
    out += '>';
}

void MethodObject::append_repr(std::string& out) const {
    out += "<built-in method ";
    out += name;
    out += " of ";
    out += self.type_name();
    out += " object>";
}

bool CyclerObject::get_attr(std::string_view attr, Value& out) const {
    if (attr == "current") {
        out = items[pos];
        return true;
    }
    return false;
}

bool SelfObject::get_attr(std::string_view attr, Value& out) const {
    for (const BlockSlot& slot : ctx.blocks) {
        if (slot.name == attr) {
            out = Value::object(new BlockRefObject(slot));
            return true;
        }
    }
    return false;
}

}  // namespace portal::tmpl
