// Stage: template. The limits a template runs within, shared by the checker, the evaluator
// and the filters (docs/templates.md, section 16 "Giới hạn"). Each is far above what a
// real document needs; past one the template gets an error at its position instead of
// exhausting the memory, running for hours or handing absurd values to the layout.
#pragma once

#include <cstddef>
#include <cstdint>

namespace thidua::tpl {

/// "#space N": N points, from 0 to this.
inline constexpr double max_space_pt = 500;

}  // namespace thidua::tpl
