// Shared by the files that implement Jinja's built-in filters: helpers that
// follow Jinja's attribute paths and list results, and the filters over
// sequences (filters_sequence.cpp), which the table in filters.cpp names.
#pragma once

#include <string>
#include <vector>

#include "template/builtins.h"

namespace portal::tmpl::filter_impl {

// make_attrgetter: "a.b.0" looks up a, then b, then item 0 (item first).
struct AttrPath {
    std::vector<Value> parts;
};

// ignore_case(): strings compare lower-cased unless case_sensitive.
Value ignore_case(const Value& v);
AttrPath attr_path(const Value* attribute);
Value follow(Interp& in, const AttrPath& path, const Value& item, const Value* fallback = nullptr);
Value list_of(std::vector<Value> items);
Value generator_of(std::vector<Value> items);
std::vector<Value> elements(Interp& in, const Value& v);
void stable_sort_by(Interp& in, std::vector<std::size_t>& order, const std::vector<Value>& keys, bool reverse);

// ------------------------------------------------------------ sequence filters

Value f_batch(Interp& in, const Value& v, const CallArgs& args);
Value f_length(Interp& in, const Value& v, const CallArgs& args);
Value f_dictsort(Interp& in, const Value& v, const CallArgs& args);
Value f_first(Interp& in, const Value& v, const CallArgs& args);
Value f_last(Interp& in, const Value& v, const CallArgs& args);
Value f_items(Interp& in, const Value& v, const CallArgs& args);
Value f_join(Interp& in, const Value& v, const CallArgs& args);
Value f_list(Interp& in, const Value& v, const CallArgs& args);
Value f_map(Interp& in, const Value& v, const CallArgs& args);
Value f_select(Interp& in, const Value& v, const CallArgs& a);
Value f_reject(Interp& in, const Value& v, const CallArgs& a);
Value f_selectattr(Interp& in, const Value& v, const CallArgs& a);
Value f_rejectattr(Interp& in, const Value& v, const CallArgs& a);
Value f_min(Interp& in, const Value& v, const CallArgs& a);
Value f_max(Interp& in, const Value& v, const CallArgs& a);
Value f_reverse(Interp& in, const Value& v, const CallArgs& args);
Value f_slice(Interp& in, const Value& v, const CallArgs& args);
Value f_sort(Interp& in, const Value& v, const CallArgs& args);
Value f_sum(Interp& in, const Value& v, const CallArgs& args);
Value f_unique(Interp& in, const Value& v, const CallArgs& args);
Value f_groupby(Interp& in, const Value& v, const CallArgs& args);

}  // namespace portal::tmpl::filter_impl
