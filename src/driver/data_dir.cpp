#include "driver/data_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#ifndef THIDUA_DATA_DIR
#define THIDUA_DATA_DIR ""
#endif

namespace thidua::driver {

namespace {

namespace fs = std::filesystem;

bool has_schema(const std::string& root) {
    std::error_code ec;
    return !root.empty() && fs::is_regular_file(DataDir{root}.schema(), ec);
}

/// Returns the folder of the running executable, or "" when it cannot be told.
std::string executable_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty()) return {};
    return exe.parent_path().string();
}

}  // namespace

std::optional<DataDir> find_data_dir(Diagnostics& diags) {
    if (const char* env = std::getenv("THIDUA_DATA_DIR"); env != nullptr && *env != '\0') {
        if (has_schema(env)) return DataDir{env};
        diags.error_general("biến môi trường THIDUA_DATA_DIR=\"" + std::string(env) +
                            "\" không trỏ tới thư mục dữ liệu của thidua (thiếu tệp " +
                            DataDir{env}.schema() + ")");
        return std::nullopt;
    }
    std::vector<std::string> tried;
    auto attempt = [&](const std::string& root) -> bool {
        if (root.empty()) return false;
        tried.push_back(root);
        return has_schema(root);
    };
    if (attempt(THIDUA_DATA_DIR)) return DataDir{THIDUA_DATA_DIR};
    if (std::string exe = executable_dir(); !exe.empty()) {
        fs::path dir(exe);
        for (const fs::path& p : {dir, dir.parent_path(), dir.parent_path() / "share" / "thidua"}) {
            if (attempt(p.lexically_normal().string())) {
                return DataDir{p.lexically_normal().string()};
            }
        }
    }
    std::string where;
    for (const auto& t : tried) where += (where.empty() ? "" : ", ") + t;
    diags.error_general(
        "không tìm thấy thư mục dữ liệu của thidua (schemas/campaign.schema.json, templates/, "
        "fonts/); đã tìm ở: " +
        where + "; đặt biến môi trường THIDUA_DATA_DIR trỏ tới thư mục đó");
    return std::nullopt;
}

}  // namespace thidua::driver
