// Jinja's compile-time name resolution, reproduced: which names start out
// undefined in each frame (template top level, loop body, macro, block,
// with, set/filter block). See ast::FrameVars.
#pragma once

#include "template/template.h"

namespace portal::tmpl {

// Fills every FrameVars of `t` (run once after parsing).
void analyze_scopes(Template& t);

}  // namespace portal::tmpl
