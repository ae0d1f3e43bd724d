// Test helper: a small ND 30-style plan built directly as a doc::Document (header table
// with two borderless columns, centred bold title, justified body, a bordered table with
// a header row that runs over two pages, a signature table kept together).
#pragma once

#include <string>
#include <vector>

#include "doc/document.hpp"

namespace thidua::testing {

inline doc::Paragraph para(std::string text, double size, doc::Align align, bool bold = false,
                           bool italic = false) {
    doc::Paragraph p;
    p.runs.push_back({std::move(text), bold, italic, false});
    p.size = size;
    p.align = align;
    p.first_indent = 0;
    p.space_before = 0;
    p.line_spacing = 1.0;
    p.role = "header";
    return p;
}

inline doc::Paragraph body(std::string text) {
    doc::Paragraph p;
    p.runs.push_back({std::move(text), false, false, false});
    return p;  // the tree's defaults: 14 pt, justified, 10 mm indent, 6 pt before, 1.15
}

inline doc::Cell cell(std::vector<doc::Paragraph> ps, int column) {
    doc::Cell c;
    c.paragraphs = std::move(ps);
    c.column = column;
    return c;
}

inline doc::Document sample_document(int table_rows = 30) {
    using doc::Align;
    doc::Document d;
    d.title = "Kế hoạch phát động phong trào thi đua năm 2025";
    d.author = "Ban Chỉ đạo thi đua khen thưởng";
    d.subject = "Kế hoạch";
    d.created = "2025-03-05";
    doc::Section s;

    doc::Table header;
    header.widths = {55.0, 100.0};
    header.borders = false;
    header.space_before = 0;
    header.cell_padding = 0;
    header.role = "header";
    auto agency = para("BAN CHỈ ĐẠO THI ĐUA KHEN THƯỞNG", 13, Align::center, true);
    agency.rule = doc::Rule::short_;
    auto motto = para("Độc lập - Tự do - Hạnh phúc", 14, Align::center, true);
    motto.rule = doc::Rule::text;
    doc::Row r1;
    r1.cells.push_back(cell({para("UBND TỈNH THÁI BÌNH", 13, Align::center), agency}, 0));
    r1.cells.push_back(cell({para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, Align::center, true), motto}, 1));
    doc::Row r2;
    auto so = para("Số: 05/KH-BCĐ", 13, Align::center);
    so.space_before = 6;
    auto date = para("Thái Bình, ngày 05 tháng 3 năm 2025", 14, Align::center, false, true);
    date.space_before = 6;
    r2.cells.push_back(cell({so}, 0));
    r2.cells.push_back(cell({date}, 1));
    header.rows = {r1, r2};
    s.blocks.push_back(header);

    auto title = para("KẾ HOẠCH", 14, Align::center, true);
    title.space_before = 18;
    title.keep_with_next = true;
    title.role = "title";
    s.blocks.push_back(title);
    auto trich = para("Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ năm 2025", 14,
                      Align::center, true);
    trich.rule = doc::Rule::short_;
    trich.keep_with_next = true;
    s.blocks.push_back(trich);

    auto heading = body("I. MỤC ĐÍCH, YÊU CẦU");
    heading.runs[0].bold = true;
    heading.space_before = 12;
    heading.keep_with_next = true;
    heading.role = "heading1";
    heading.outline_level = 1;
    s.blocks.push_back(heading);
    s.blocks.push_back(body(
        "Nhằm động viên, khích lệ cán bộ, công chức, viên chức và người lao động trong toàn "
        "tỉnh thi đua lập thành tích xuất sắc, hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ "
        "phát triển kinh tế - xã hội năm 2025; kịp thời phát hiện, bồi dưỡng, biểu dương, "
        "khen thưởng và nhân rộng các điển hình tiên tiến, gương người tốt, việc tốt."));
    s.blocks.push_back(body(
        "Phong trào thi đua phải được triển khai sâu rộng, thiết thực, hiệu quả, tránh hình "
        "thức; gắn với việc thực hiện các nhiệm vụ chính trị của từng cơ quan, đơn vị, địa "
        "phương. Việc đánh giá, bình xét khen thưởng phải bảo đảm công khai, dân chủ, chính "
        "xác, kịp thời và đúng quy định của Luật Thi đua, khen thưởng năm 2022."));
    auto heading2 = heading;
    heading2.runs[0].text = "II. NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN";
    s.blocks.push_back(heading2);

    doc::Table tasks;
    tasks.widths = {12, 78, 35, 30};
    tasks.header_rows = 1;
    tasks.role = "tasks";
    doc::Row hr;
    const char* heads[] = {"STT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian"};
    for (int c = 0; c < 4; ++c) {
        auto h = para(heads[c], 13, Align::center, true);
        h.space_before = 0;
        hr.cells.push_back(cell({h}, c));
    }
    tasks.rows.push_back(hr);
    for (int i = 1; i <= table_rows; ++i) {
        doc::Row row;
        auto n = para(std::to_string(i), 13, Align::center);
        auto what = para(i == 3 ? "Tổ chức phát động, đăng ký thi đua và triển khai đến các cơ "
                                  "quan, đơn vị, địa phương"
                                : "Triển khai nội dung thi đua số " + std::to_string(i),
                         13, Align::left);
        auto who = para(i % 2 ? "Sở Nội vụ" : "Các xã, phường", 13, Align::center);
        auto when = para("Tháng " + std::to_string((i % 12) + 1), 13, Align::center);
        row.cells = {cell({n}, 0), cell({what}, 1), cell({who}, 2), cell({when}, 3)};
        tasks.rows.push_back(row);
    }
    s.blocks.push_back(tasks);

    auto heading3 = heading;
    heading3.runs[0].text = "III. TỔ CHỨC THỰC HIỆN";
    s.blocks.push_back(heading3);
    for (const char* t :
         {"Các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường căn cứ Kế hoạch "
          "này xây dựng kế hoạch cụ thể, phát động phong trào thi đua trong cơ quan, đơn vị, "
          "địa phương mình; tổ chức ký kết giao ước thi đua, đăng ký danh hiệu thi đua và "
          "hình thức khen thưởng gửi về Thường trực Hội đồng Thi đua - Khen thưởng tỉnh.",
          "Sở Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh) có trách nhiệm "
          "hướng dẫn, theo dõi, đôn đốc, kiểm tra việc thực hiện; tổng hợp kết quả, tham mưu "
          "sơ kết, tổng kết và đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất "
          "sắc trong phong trào thi đua theo đúng quy định hiện hành.",
          "Báo Thái Bình, Đài Phát thanh và Truyền hình tỉnh mở chuyên trang, chuyên mục tuyên "
          "truyền về phong trào thi đua; kịp thời đưa tin, phản ánh những cách làm hay, sáng "
          "tạo, các điển hình tiên tiến, gương người tốt, việc tốt trong các tầng lớp nhân dân.",
          "Kết quả thực hiện phong trào thi đua là một trong những căn cứ để đánh giá, xếp "
          "loại tổ chức cơ sở đảng, chính quyền, đoàn thể và bình xét các danh hiệu thi đua, "
          "hình thức khen thưởng cuối năm đối với tập thể và cá nhân."}) {
        s.blocks.push_back(body(t));
    }
    s.blocks.push_back(body(
        "Trên đây là Kế hoạch phát động phong trào thi đua năm 2025 của Ban Chỉ đạo thi đua "
        "khen thưởng tỉnh; đề nghị các cơ quan, đơn vị, địa phương tổ chức triển khai thực "
        "hiện nghiêm túc, báo cáo kết quả về Thường trực Ban Chỉ đạo đúng thời gian quy định./."));

    doc::Table sig;
    sig.widths = {60, 100};
    sig.borders = false;
    sig.keep_together = true;
    sig.cell_padding = 0;
    sig.space_before = 12;
    sig.role = "signature";
    doc::Row sr;
    auto nn = para("Nơi nhận:", 12, Align::left, true, true);
    std::vector<doc::Paragraph> left = {nn};
    for (const char* item : {"- Thường trực Tỉnh ủy;", "- Chủ tịch, các PCT UBND tỉnh;",
                             "- Các sở, ban, ngành;", "- Lưu: VT, BCĐ."}) {
        left.push_back(para(item, 11, Align::left));
    }
    std::vector<doc::Paragraph> right = {para("TM. BAN CHỈ ĐẠO", 14, Align::center, true),
                                         para("TRƯỞNG BAN", 14, Align::center, true)};
    for (int i = 0; i < 4; ++i) right.push_back(para("", 14, Align::center));
    right.push_back(para("Nguyễn Văn An", 14, Align::center, true));
    sr.cells = {cell(left, 0), cell(right, 1)};
    sig.rows = {sr};
    s.blocks.push_back(sig);

    d.sections.push_back(s);
    return d;
}

}  // namespace thidua::testing
