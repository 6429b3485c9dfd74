// `portal new --translate`: the text of a translation made from its
// original. Structured fields (dates, numbers, taxonomy keys) are copied as
// they are; text fields are kept in the original language with a comment
// marking them for translation; `translation_of_hash` records the original's
// version (content_hash) so `portal check` can tell when it changes.
#pragma once

#include <string>

#include "base/diagnostics.h"
#include "content/schema.h"

namespace portal::editing {

struct TranslationSource {
    std::string path;        // "content/cases/foo.ja.md", for messages and comments
    std::string text;        // the original file's bytes
    std::string section;     // "cases"
};

// The new file's text, in `lang`. Errors: the original's front matter does
// not parse (fix the original first).
Result<std::string> translation_text(const TranslationSource& source, const content::Schema& schema,
                                     const std::string& lang);

}  // namespace portal::editing
