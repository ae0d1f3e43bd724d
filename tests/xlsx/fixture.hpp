// Shared by the xlsx tests: a small campaign (2 areas, 3 indicators of which one "%" and
// one at_most, 2 phases, 4 units whose names need cleaning), the same without indicators
// (3 areas, 3 phases), and helpers to run Python (openpyxl) and LibreOffice on the
// written workbooks.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "base/json.hpp"

#include "support/tools.hpp"

namespace xlsx_test {

inline thidua::Json campaign() {
    return thidua::Json::parse(R"JSON({
  "issuer": {
    "parent": "Ủy ban nhân dân huyện Bắc Quang",
    "name": "Ban Chỉ đạo 138",
    "short": "BCĐ",
    "place": "Bắc Quang",
    "full_name": "Ban Chỉ đạo 138 huyện Bắc Quang"
  },
  "document": {"number": 5, "symbol": "KH-BCĐ", "date": "2025-01-05",
               "title": "Phát động phong trào thi đua năm 2025"},
  "campaign": {
    "name": "Toàn dân bảo vệ an ninh Tổ quốc",
    "end": "2025-12-15",
    "phases": [
      {"start": "2025-01-05", "end": "2025-06-30"},
      {"name": "Đợt 2", "start": "2025-07-01", "end": "2025-12-15"}
    ],
    "areas": [
      {"title": "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
       "indicators": [
         {"id": "nguon-tin", "name": "Nguồn tin về an ninh, trật tự do Nhân dân cung cấp được xử lý",
          "target": 80, "unit": "%"},
         {"id": "mo-hinh", "name": "Mô hình tự quản về an ninh, trật tự",
          "target": 2, "unit": "mô hình"}
       ]},
      {"title": "Phòng ngừa vi phạm pháp luật",
       "indicators": [
         {"id": "vu-vi-pham", "name": "Vụ vi phạm pháp luật hình sự trên địa bàn",
          "target": 1, "unit": "vụ", "direction": "at_most"}
       ]}
    ],
    "indicators": [
      {"id": "khong-dung", "name": "Chỉ tiêu chung không được dùng khi nội dung có chỉ tiêu",
       "target": 1, "unit": "việc"}
    ]
  },
  "plan": {"sections": []},
  "signature": {"title": "TRƯỞNG BAN", "name": "Nguyễn Văn A"},
  "units": [
    {"name": "Tổ dân phố 1", "targets": {"mo-hinh": 3}},
    {"name": "Tổ dân phố 2/3: chợ [cũ]"},
    {"name": "Tổ dân phố số 12 phường Nguyễn Trãi thành phố Hà Giang"},
    {"name": "TỔ DÂN PHỐ 1"}
  ]
})JSON");
}

/// The same campaign as a plan without measurable indicators (like Phan Đình Phùng's):
/// no indicator anywhere, no unit targets, three phases, and three content areas whose
/// titles carry the plan's markers and list punctuation. The units' sheets track the areas.
inline thidua::Json area_campaign() {
    thidua::Json c = campaign();
    c["campaign"].erase("indicators");
    c["campaign"]["phases"].push_back({{"start", "2025-09-01"}, {"end", "2025-12-15"}});
    c["campaign"]["phases"][1]["end"] = "2025-08-31";
    c["campaign"]["areas"] = thidua::Json::parse(R"JSON([
      {"title": "Xây dựng phong trào **toàn dân bảo vệ an ninh Tổ quốc**;",
       "paragraphs": ["Mỗi tổ dân phố có ít nhất một mô hình tự quản."]},
      {"title": "Phòng ngừa vi phạm pháp luật:"},
      {"title": "Triển khai *Thông tư 124/2021/TT-BCA* về khu dân cư \\*an toàn\\*."}
    ])JSON");
    for (auto& u : c["units"]) u.erase("targets");
    return c;
}

/// The indicator campaign with a scoring table: group I (a criterion of 5 points, one of two
/// items of 3 and 2), group II (10 points, a deduction of up to 5), 20 points in all; rating
/// levels "Xuất sắc" from 18 and "Khá" from 10 (below: "Không xếp loại").
inline thidua::Json scored_campaign() {
    thidua::Json c = campaign();
    c["campaign"]["scoring"] = thidua::Json::parse(R"JSON({
      "groups": [
        {"title": "Công tác chỉ đạo", "criteria": [
          {"title": "Xây dựng kế hoạch", "points": 5, "guide": "Đúng hạn: 05 điểm."},
          {"title": "Tuyên truyền **chuyển đổi số**", "items": [
            {"title": "Trên loa truyền thanh", "points": 3},
            {"title": "Trên nhóm thông tin của thôn", "points": 2}]}]},
        {"title": "Kết quả thực hiện", "criteria": [
          {"title": "Mô hình chuyển đổi số", "points": 10},
          {"title": "Vụ lừa đảo qua mạng", "points": 5, "deduct": true}]}],
      "ratings": [{"label": "Xuất sắc", "min": 18}, {"label": "Khá", "min": 10}]
    })JSON");
    return c;
}

/// The sheet names of the workbooks written from these campaigns: the units' names made
/// valid and unique (U2 without "/:[]", U3 shortened to Excel's 31 characters, U4 told
/// apart from U1 since Excel ignores case), the summary S, the scoring sheet P and the
/// hidden list L. A test file takes them all with `using namespace xlsx_test::sheets;`.
namespace sheets {
inline const std::string U1 = "Tổ dân phố 1";
inline const std::string U2 = "Tổ dân phố 2-3- chợ -cũ-";
inline const std::string U3 = "Tổ dân phố số 12 phường Nguyễn";
inline const std::string U4 = "TỔ DÂN PHỐ 1 (2)";
inline const std::string S = "Tổng hợp";
inline const std::string P = "Chấm điểm";
inline const std::string L = "Danh mục";
}  // namespace sheets

/// A fresh path in the temporary folder, removed when the object goes away.
class TempFile {
public:
    explicit TempFile(const std::string& name) {
        path_ = (std::filesystem::temp_directory_path() /
                 ("thidua-xlsx-test-" + std::to_string(counter()++) + "-" + name))
                    .string();
        std::filesystem::remove(path_);
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    static int& counter() {
        static int n = static_cast<int>(::getpid()) * 100;
        return n;
    }
    std::string path_;
};

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// The Python that has Debian's openpyxl (a pyenv shim may come first on PATH).
inline std::string python() {
    return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

/// Runs `command` through the shell and returns its standard output (stderr goes to the
/// test log); `status` gets the exit status.
inline std::string run(const std::string& command, int* status = nullptr) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    const int st = ::pclose(p);
    if (status) *status = st;
    return out;
}

/// Runs a Python script (written to a temporary file) with `args`; returns its stdout.
inline std::string run_python(const std::string& script, const std::string& args,
                              int* status = nullptr) {
    TempFile py("script.py");
    std::ofstream(py.path()) << script;
    return run(python() + " " + py.path() + " " + args, status);
}

using test_support::have_program;
using test_support::missing_program;

}  // namespace xlsx_test
