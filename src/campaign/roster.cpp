#include "campaign/roster.hpp"

#include "base/text.hpp"

namespace thidua::roster {

namespace {

using K = ValueKind;

std::vector<Table> make_tables() {
    std::vector<Table> t;
    t.push_back({TableId::units, "Đơn vị", "DANH SÁCH ĐƠN VỊ THAM GIA PHONG TRÀO", "đơn vị",
                 {
                     {"Mã đơn vị", "bắt buộc, không trùng; chữ thường không dấu, số, dấu -: tdp-01",
                      "/id", K::id, true, 16, "mã"},
                     {"Tên đơn vị", "bắt buộc, không trùng: Tổ dân phố 1", "/name", K::text,
                      true, 30, "đơn vị"},
                     {"Người đứng đầu", "họ và tên, ký bản đăng ký", "/head", K::text, false, 24},
                     {"Chức vụ người đứng đầu", "ví dụ Tổ trưởng tổ dân phố", "/head_title",
                      K::text, false, 24},
                     {"Ngày đăng ký thi đua", "ngày/tháng/năm", "/registration/date", K::date,
                      false, 14},
                     {"Danh hiệu tập thể đăng ký", "mỗi danh hiệu một dòng (Alt+Enter)",
                      "/registration/titles", K::lines, false, 28},
                     {"Hình thức khen thưởng tập thể đăng ký",
                      "mỗi hình thức một dòng, ghi như trong Kế hoạch", "/registration/awards",
                      K::lines, false, 32},
                     {"Cam kết thêm", "mỗi cam kết một dòng", "/registration/commitments",
                      K::lines, false, 30},
                     {"Tên đơn vị ở đầu văn bản",
                      "chữ in hoa, ví dụ UBND THỊ TRẤN VIỆT QUANG; bỏ trống: tên đơn vị", "/agency",
                      K::text, false, 28},
                     {"Cơ quan cấp trên ở đầu văn bản",
                      "dòng trên tên đơn vị, ví dụ UBND PHƯỜNG AN PHÚ", "/parent", K::text, false,
                      28},
                 }});
    t.push_back({TableId::registrants, "Cá nhân đăng ký", "DANH SÁCH CÁ NHÂN ĐĂNG KÝ THI ĐUA",
                 "cá nhân đăng ký",
                 {
                     {"Đơn vị", "bắt buộc; chọn trong trang \"Đơn vị\"", "/unit", K::unit, true,
                      26},
                     {"Họ và tên", "bắt buộc", "/name", K::text, true, 24},
                     {"Chức vụ", "", "/position", K::text, false, 26},
                     {"Danh hiệu đăng ký", "ví dụ Chiến sĩ thi đua cơ sở", "/title", K::text,
                      false, 26},
                     {"Hình thức khen thưởng đăng ký", "ghi như trong Kế hoạch", "/award",
                      K::text, false, 32},
                 }});
    t.push_back({TableId::nominees, "Đề nghị khen thưởng",
                 "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", "tập thể, cá nhân đề nghị",
                 {
                     {"Mã", "bắt buộc, không trùng; chữ thường không dấu, số, dấu -: ca-nhan-01",
                      "/id", K::id, true, 16},
                     {"Tập thể hay cá nhân", "bắt buộc: Tập thể hoặc Cá nhân", "/kind", K::kind,
                      true, 14, "loại"},
                     {"Tên tập thể hoặc họ và tên", "bắt buộc", "/name", K::text, true, 28,
                      "họ và tên|tên"},
                     {"Chức vụ", "cá nhân: bắt buộc", "/position", K::text, false, 24},
                     {"Đơn vị", "chọn trong trang \"Đơn vị\"", "/unit", K::unit, false, 24},
                     {"Nơi công tác khác", "khi không thuộc đơn vị nào trong danh sách",
                      "/unit", K::workplace, false, 24},
                     {"Hình thức khen thưởng đề nghị", "bắt buộc; ghi như trong Kế hoạch",
                      "/award", K::text, true, 32},
                     {"Danh hiệu thi đua đề nghị", "ví dụ Chiến sĩ thi đua cơ sở", "/title",
                      K::text, false, 24},
                     {"Số phiếu đồng ý", "bắt buộc; số thành viên Hội đồng đồng ý", "/votes",
                      K::count, true, 12},
                     {"Tóm tắt thành tích", "bắt buộc; in trong Danh sách đề nghị", "/summary",
                      K::text, true, 40},
                     {"Ghi chú", "in ở cột Ghi chú của Danh sách", "/note", K::text, false, 16},
                     {"Ngày báo cáo thành tích", "ngày/tháng/năm", "/report/date", K::date, false,
                      14},
                     {"Ngày sinh", "cá nhân: bắt buộc; ngày/tháng/năm", "/report/birth_date",
                      K::date, false, 14},
                     {"Giới tính", "cá nhân: bắt buộc; Nam hoặc Nữ", "/report/gender", K::gender,
                      false, 10},
                     {"Quê quán", "", "/report/hometown", K::text, false, 24},
                     {"Nơi ở hiện nay / trụ sở", "", "/report/residence", K::text, false, 28},
                     {"Trình độ chuyên môn", "cá nhân", "/report/qualification", K::text, false,
                      20},
                     {"Sơ lược đặc điểm, tình hình", "tập thể; mỗi đoạn một dòng",
                      "/report/overview", K::lines, false, 36},
                     {"Chức năng, nhiệm vụ", "mỗi đoạn một dòng", "/report/duties", K::lines,
                      false, 36},
                     {"Thành tích đạt được", "bắt buộc cho báo cáo; mỗi đoạn một dòng",
                      "/report/achievements", K::lines, false, 48},
                     {"Biện pháp, sáng kiến, kinh nghiệm", "mỗi đoạn một dòng",
                      "/report/measures", K::lines, false, 36},
                     {"Danh hiệu thi đua đã đạt",
                      "mỗi dòng: năm: danh hiệu; số, ngày quyết định", "/report/titles",
                      K::records, false, 40},
                     {"Hình thức khen thưởng đã nhận",
                      "mỗi dòng: năm: hình thức; số, ngày quyết định", "/report/awards",
                      K::records, false, 40},
                     {"Người ký báo cáo", "họ và tên", "/report/signer", K::text, false, 22},
                     {"Chức vụ người ký báo cáo", "", "/report/signer_title", K::text, false, 22},
                     {"Tài liệu chứng minh kèm theo",
                      "mỗi tài liệu một dòng; Danh mục hồ sơ liệt kê dưới báo cáo", "/attachments",
                      K::lines, false, 36},
                 }});
    return t;
}

}  // namespace

const std::vector<Table>& tables() {
    static const std::vector<Table> t = make_tables();
    return t;
}

const Table& table(TableId id) {
    for (const Table& t : tables()) {
        if (t.id == id) return t;
    }
    return tables().front();
}

std::string fold_header(std::string_view header) {
    std::string_view first = header.substr(0, header.find('\n'));
    std::string lower = text::lower(text::nfc(first));
    std::string out;
    bool space = false;
    for (char c : lower) {
        if (c == ' ' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    // Remarks people add at the end: "*", ":", "(bắt buộc)".
    for (bool changed = true; changed;) {
        changed = false;
        while (!out.empty() && (out.back() == '*' || out.back() == ':' || out.back() == ' ')) {
            out.pop_back();
            changed = true;
        }
        if (!out.empty() && out.back() == ')') {
            const std::size_t open = out.rfind('(');
            if (open != std::string::npos && open > 0) {
                out.erase(open);
                changed = true;
            }
        }
    }
    return out;
}

std::string target_header(std::string_view indicator_id) {
    return "Chỉ tiêu " + std::string(indicator_id);
}

std::string target_of_header(std::string_view header) {
    static const std::string prefix = "chỉ tiêu ";
    const std::string folded = fold_header(header);
    if (folded.rfind(prefix, 0) != 0) return {};
    // The code as written: codes are lower case already, and fold_header lowered the rest.
    std::string id = folded.substr(prefix.size());
    if (id.empty() || id.front() == '-') return {};
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return {};
    }
    return id;
}

std::string target_field(std::string_view indicator_id) {
    std::string out = "/targets/";
    for (char c : indicator_id) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

bool is_numbering_header(std::string_view folded) {
    return folded == "stt" || folded == "tt" || folded == "số tt" || folded == "số thứ tự";
}

}  // namespace thidua::roster
