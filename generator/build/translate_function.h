// `t("key", name=value, count=n)`: the template function for UI strings of
// one language (see i18n/ui_strings.h).
#pragma once

#include <string>

#include "i18n/ui_strings.h"
#include "template/value.h"

namespace portal::build {

// `strings` must outlive the returned function.
tmpl::Value translate_function(const i18n::UiStrings& strings, const std::string& lang);

// `t_in("en", "key", ...)`: a UI string in another language than the page's,
// e.g. to tell English readers, in English, that a page has no translation.
tmpl::Value translate_in_function(const i18n::UiStrings& strings);

}  // namespace portal::build
