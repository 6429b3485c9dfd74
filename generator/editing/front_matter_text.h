// The front matter `portal new` writes: every field a section's pages need,
// each with the comments an editor needs to fill it in (what it means, which
// values it takes), all taken from the schema and the data files so the
// scaffold can never disagree with the validator.
#pragma once

#include <string>
#include <vector>

#include "content/data_files.h"
#include "content/schema.h"

namespace portal::editing {

// Comment lines ("# ...", no newline) describing `field` for an editor
// writing in `lang`: its description, whether it is required, its range and
// its valid values (a data file's keys with their names in `lang`).
std::vector<std::string> field_comments(const content::FieldSpec& field, const content::DataFiles& data,
                                        const std::string& lang);

// The TOML text (no fences, ends with a newline) of a new page of `section`:
// `title = ""` (to be written), `date = today`, `draft = true`, every
// required or recommended field with its example value; the other fields of
// the section, and the common fields that have an example, commented out.
std::string new_front_matter(const content::Schema& schema, const content::SectionSchema& section,
                             const content::DataFiles& data, const std::string& lang, const std::string& today);

}  // namespace portal::editing
