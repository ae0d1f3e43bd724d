// Helpers for the template stage's tests: reading and writing files, the repository's
// campaign schema, the golden-file folders under tests/template/ and compiling or
// rendering a template held in memory. UPDATE_GOLDEN=1 rewrites expected files (review
// the diff before committing).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"
#include "campaign/schema.hpp"
#include "doc/document.hpp"
#include "template/parser.hpp"
#include "template/template.hpp"

namespace tpl_test {

namespace fs = std::filesystem;
using thidua::Diagnostics;

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

/// Runs from the repository root so that paths in messages are the relative paths given.
inline void enter_source_dir() { fs::current_path(THIDUA_SOURCE_DIR); }

inline bool updating_golden() { return std::getenv("UPDATE_GOLDEN") != nullptr; }

/// The repository's campaign schema, loaded once.
inline const thidua::Schema& repo_schema() {
    static const thidua::Schema schema = [] {
        Diagnostics d;
        auto s = thidua::Schema::load(std::string(THIDUA_SOURCE_DIR) + "/schemas/campaign.schema.json", d);
        REQUIRE_MESSAGE(s.has_value(), d.format());
        return *s;
    }();
    return schema;
}

/// The case folders directly under `root` (relative to the repository root), sorted.
inline std::vector<fs::path> case_dirs(const fs::path& root) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(root)) {
        if (e.is_directory()) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Compares `actual` with the golden file `path`, or rewrites it under UPDATE_GOLDEN.
/// A missing golden file fails (and names the variable that creates it).
inline void check_golden(const fs::path& path, const std::string& actual) {
    if (updating_golden()) write_file(path, actual);
    CHECK_MESSAGE(fs::exists(path), "missing " << path.string() << " (run with UPDATE_GOLDEN=1)");
    CHECK(actual == read_file(path));
}

/// Compiles "main.tpl" (and whatever it includes) from in-memory files against the schema.
inline std::optional<thidua::tpl::Compiled> compile_memory(
    const std::vector<std::pair<std::string, std::string>>& files, Diagnostics& d) {
    thidua::tpl::MemorySource src;
    for (const auto& [path, text] : files) src.add(path, text);
    return thidua::tpl::compile(src, "main", repo_schema().root(), d);
}

/// Parses campaign JSON text (not validated against the schema: the evaluator takes any).
inline thidua::JsonDoc json_doc(const std::string& text, const std::string& path = "c.json") {
    Diagnostics d;
    auto doc = thidua::parse_json(path, text, d);
    REQUIRE_MESSAGE(doc.has_value(), d.format());
    return std::move(*doc);
}

/// Compiles `tpl` as main.tpl and renders it for `campaign`; returns the dump, or
/// "ERRORS\n" + the formatted diagnostics when compiling or rendering failed.
inline std::string render_text(const std::string& tpl, const std::string& campaign = "{}") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", tpl}}, d);
    if (!c) return "ERRORS\n" + d.format();
    thidua::JsonDoc doc = json_doc(campaign);
    auto out = thidua::tpl::render(*c, doc, nullptr, d);
    if (!out) return "ERRORS\n" + d.format();
    return thidua::doc::dump(*out);
}

}  // namespace tpl_test
