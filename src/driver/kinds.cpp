#include "driver/kinds.hpp"

#include <algorithm>
#include <set>

namespace thidua::driver {

const std::vector<DocumentKind>& document_kinds() {
    // To add a kind: a row here and templates/<name>.tpl.
    static const std::vector<DocumentKind> kinds = {
        {"ke-hoach", "ke-hoach.tpl", Each::campaign, OutputFormat::pdf, "",
         "Kế hoạch phát động phong trào thi đua (PDF)"},
        {"dang-ky", "dang-ky.tpl", Each::unit, OutputFormat::pdf, "",
         "bản đăng ký thi đua của từng đơn vị, và một tệp gộp tất cả để in (PDF); chỉ khi "
         "tệp có \"units\"",
         true, false},
        {"to-trinh", "to-trinh.tpl", Each::campaign, OutputFormat::pdf, "/nomination",
         "Tờ trình đề nghị khen thưởng (PDF); chỉ khi tệp có \"nomination\""},
        {"danh-sach", "danh-sach.tpl", Each::campaign, OutputFormat::pdf, "/nomination",
         "danh sách đề nghị khen thưởng kèm theo Tờ trình (PDF, khổ ngang)"},
        {"bien-ban", "bien-ban.tpl", Each::campaign, OutputFormat::pdf, "/nomination",
         "biên bản họp Hội đồng Thi đua - Khen thưởng (PDF)"},
        {"bao-cao-thanh-tich", "bao-cao-thanh-tich.tpl", Each::nominee, OutputFormat::pdf,
         "/nomination",
         "báo cáo thành tích của từng tập thể, cá nhân đủ số phiếu (PDF)", false, true},
        {"danh-muc-ho-so", "danh-muc-ho-so.tpl", Each::campaign, OutputFormat::pdf,
         "/nomination", "danh mục hồ sơ đề nghị khen thưởng, số bộ theo hình thức (PDF)"},
        {"theo-doi", "", Each::campaign, OutputFormat::xlsx, "/units",
         "bảng theo dõi kết quả của các đơn vị (Excel) theo chỉ tiêu, hoặc theo nội dung "
         "thi đua khi kế hoạch không có chỉ tiêu; chỉ khi tệp có \"units\" và chỉ tiêu hay "
         "nội dung thi đua"},
        {roster_kind, "", Each::campaign, OutputFormat::xlsx, "",
         "bảng tính để điền danh sách đơn vị, cá nhân đăng ký, tập thể và cá nhân đề nghị "
         "khen thưởng (Excel), đọc lại qua \"units_file\" và \"nomination.nominees_file\"; "
         "chỉ tạo khi chọn bằng --only",
         false, false, true},
    };
    return kinds;
}

const DocumentKind* find_kind(std::string_view name) {
    for (const auto& k : document_kinds()) {
        if (k.name == name) return &k;
    }
    return nullptr;
}

std::string kind_names() {
    std::string out;
    for (const auto& k : document_kinds()) {
        if (!out.empty()) out += ", ";
        out += k.name;
    }
    return out;
}

std::string_view each_pointer(Each each) {
    switch (each) {
        case Each::unit: return "/units";
        case Each::nominee: return "/nomination/nominees";
        case Each::campaign: break;
    }
    return "";
}

std::string_view each_variable(Each each) {
    switch (each) {
        case Each::unit: return "unit";
        case Each::nominee: return "nominee";
        case Each::campaign: break;
    }
    return "";
}

namespace {

bool safe_id(const std::string& id) {
    return !id.empty() && id.size() <= 64 && id.front() != '-' &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

}  // namespace

std::vector<std::string> output_file_names(const DocumentKind& kind, const Json* items) {
    const std::string ext = kind.format == OutputFormat::pdf ? ".pdf" : ".xlsx";
    const std::string base(kind.name);
    if (kind.each == Each::campaign) return {base + ext};
    std::vector<std::string> out;
    if (items == nullptr || !items->is_array()) return out;
    // Ids when every element has a distinct, file-name-safe one.
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& item : *items) {
        auto it = item.is_object() ? item.find("id") : item.end();
        if (it == item.end() || !it->is_string() || !safe_id(it->get<std::string>()) ||
            !seen.insert(it->get<std::string>()).second) {
            ids.clear();
            break;
        }
        ids.push_back(it->get<std::string>());
    }
    const std::size_t width = std::max<std::size_t>(2, std::to_string(items->size()).size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string suffix;
        if (!ids.empty()) {
            suffix = ids[i];
        } else {
            suffix = std::to_string(i + 1);
            if (suffix.size() < width) suffix.insert(0, width - suffix.size(), '0');
        }
        out.push_back(base + "-" + suffix + ext);
    }
    return out;
}

}  // namespace thidua::driver
