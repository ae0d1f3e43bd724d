#include "driver/batch.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "base/text.hpp"
#include "driver/messages.hpp"
#include "driver/pipeline.hpp"

namespace thidua::driver {

namespace {

namespace fs = std::filesystem;

bool ends_with_json(const std::string& s) {
    if (s.size() < 5) return false;
    std::string tail = s.substr(s.size() - 5);
    for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return tail == ".json";
}

/// The "*.json" files directly in `dir` (links to files count), sorted by name.
std::vector<std::string> campaigns_in(const std::string& dir, std::error_code& ec) {
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code fec;
        if (name.empty() || name[0] == '.' || !ends_with_json(name) || !it->is_regular_file(fec)) continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    const bool slash = !dir.empty() && dir.back() == '/';
    for (const auto& n : names) out.push_back(slash ? dir + n : dir + "/" + n);
    return out;
}

bool is_directory(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

/// Adds the campaign `path` (a file or a folder) named from `from`.
void add_path(const std::string& path, const std::string& from, std::vector<BatchItem>& out,
              bool& batch, std::vector<std::string>& errors) {
    if (!is_directory(path)) {
        out.push_back({path, batch_name(path), from});
        return;
    }
    batch = true;
    std::error_code ec;
    std::vector<std::string> files = campaigns_in(path, ec);
    if (ec) {
        errors.push_back("không đọc được thư mục " + in_quotes(path));
        return;
    }
    if (files.empty()) {
        errors.push_back("thư mục " + in_quotes(path) + " không có tệp chiến dịch nào (*.json)");
        return;
    }
    for (const auto& f : files) out.push_back({f, batch_name(f), path});
}

/// Adds the campaigns listed in the file `list` (the argument without its '@').
void add_list(const std::string& list, std::vector<BatchItem>& out, bool& batch,
              std::vector<std::string>& errors) {
    batch = true;
    std::ifstream in(list, std::ios::binary);
    if (list.empty() || is_directory(list) || !in) {
        errors.push_back("không đọc được tệp danh sách chiến dịch " + in_quotes(list));
        return;
    }
    const fs::path base = fs::path(list).parent_path();
    std::string line;
    std::size_t number = 0, added = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        line.erase(0, start);
        const std::string path = fs::path(line).is_absolute() || base.empty() ? line : (base / line).string();
        add_path(path, list + ":" + std::to_string(number), out, batch, errors);
        ++added;
    }
    if (added == 0) errors.push_back("tệp danh sách " + in_quotes(list) + " không ghi tệp chiến dịch nào");
}

}  // namespace

std::string batch_name(const std::string& path) {
    std::string name = fs::path(path).filename().string();
    if (ends_with_json(name)) name.resize(name.size() - 5);
    if (name.empty() || name[0] == '.') return {};
    return name;
}

std::vector<BatchItem> expand_campaigns(const std::vector<std::string>& args, bool& batch,
                                        std::vector<std::string>& errors) {
    std::vector<BatchItem> out;
    batch = args.size() > 1;
    for (const auto& a : args) {
        if (a.size() > 1 && a[0] == '@') {
            add_list(a.substr(1), out, batch, errors);
        } else {
            add_path(a, "", out, batch, errors);
        }
    }
    if (!batch) return out;
    for (const auto& item : out) {
        if (item.name.empty()) {
            errors.push_back("không đặt được tên thư mục kết quả cho tệp chiến dịch " +
                             in_quotes(item.path) + " (tên tệp không được rỗng hay bắt đầu bằng dấu chấm)");
        }
    }
    find_name_clashes(out, errors);
    return out;
}

void find_name_clashes(const std::vector<BatchItem>& items, std::vector<std::string>& errors) {
    std::map<std::string, std::size_t> first;  // folded name → index of its first campaign
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].name.empty()) continue;
        const std::string key = text::lower(text::nfc(items[i].name));
        auto [it, fresh] = first.emplace(key, i);
        if (fresh) continue;
        const BatchItem& a = items[it->second];
        const BatchItem& b = items[i];
        auto where = [](const BatchItem& x) {
            return in_quotes(x.path) + (x.from.empty() ? std::string() : " (từ " + in_quotes(x.from) + ")");
        };
        errors.push_back("hai tệp chiến dịch cùng ghi vào thư mục " + in_quotes(a.name) + ": " + where(a) +
                         " và " + where(b) + "; đổi tên một tệp");
    }
}

int batch_exit_code(const std::vector<Outcome>& outcomes) {
    int code = exit_ok;
    for (Outcome o : outcomes) {
        if (o == Outcome::internal_error) return exit_internal;
        if (o == Outcome::input_error) code = exit_input;
    }
    return code;
}

}  // namespace thidua::driver
