// Stage: template. The limits a template runs within, shared by the checker, the evaluator
// and the filters (docs/templates.md, section 16 "Giới hạn"). Each is far above what a
// real document needs; past one the template gets an error at its position instead of
// exhausting the memory, running for hours or handing absurd values to the layout.
#pragma once

#include <cstddef>
#include <cstdint>

namespace thidua::tpl {

/// The longest string value a template builds (by "~", a filter or a loop), in bytes.
inline constexpr std::size_t max_string_bytes = std::size_t{16} << 20;

/// The most text one document may hold (every run of every paragraph), in bytes.
inline constexpr std::size_t max_document_bytes = std::size_t{16} << 20;

/// The most work one rendering of a template may do, in steps: each statement, each loop
/// turn, each expression node, each element a filter walks over and each 16 bytes of text
/// built or copied is one step. The shipped templates take at most some 30 000 steps on
/// the samples; ten million is a few seconds of work.
inline constexpr std::uint64_t max_render_steps = 10'000'000;

/// Bytes of text that count as one step.
inline constexpr std::size_t bytes_per_step = 16;

/// The most files one template may read, counting a file once each time it is included
/// (the shipped templates include at most 12): a file that includes the next one twice,
/// thirty deep, would otherwise be parsed 2^30 times.
inline constexpr std::size_t max_include_files = 256;

/// The most text all the files of one template may hold together, counting a file each
/// time it is included, in bytes.
inline constexpr std::size_t max_included_bytes = std::size_t{16} << 20;

/// "#space N": N points, from 0 to this.
inline constexpr double max_space_pt = 500;

}  // namespace thidua::tpl
