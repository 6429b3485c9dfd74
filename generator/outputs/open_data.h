// Open data (docs/outputs.md): the case studies, seminars and measures as
// /data/<section>.json and /data/<section>.csv, one record per page and its
// translations, so the ja and en versions of one item sit in one row
// (`title_ja`, `title_en`, ...). Seminars use the field names of the 自治体標準
// オープンデータセット「イベント一覧」 where they apply (イベント名, 開始日, ...).
// A dataset is written when its section exists; records come in a fixed order
// (cases by id, measures newest fiscal year first, seminars by start).
#pragma once

#include <vector>

#include "base/diagnostics.h"
#include "content/site.h"
#include "outputs/outputs.h"
#include "outputs/table.h"

namespace portal::outputs {

// The three tables, for tests and for writing. Front matter fields of the
// wrong type are reported at their line; seminars whose dates cannot be read
// are left out (the calendar output reports those).
Result<Table> cases_table(const content::Site& site);
Result<Table> measures_table(const content::Site& site);
Result<Table> seminars_table(const content::Site& site);

// The datasets, in output order: cases, seminars, measures.
// open_dataset_count: in outputs.h (a group of extra outputs each).

// The section whose pages dataset `dataset` lists (its only input of the content).
const char* open_dataset_section(std::size_t dataset);

// Appends data/<name>.json and data/<name>.csv of dataset `dataset` (an index
// below open_dataset_count) when its section exists; errors of its pages go
// to `errors`. Datasets are independent: they can be made side by side.
void add_open_dataset(const content::Site& site, std::size_t dataset, std::vector<OutputFile>& files,
                      std::vector<Diagnostic>& errors);

}  // namespace portal::outputs
