// A plan with bonus points, a group ranked by counts and tie-break rules, rendered by the
// program (tests/campaign/good/scoring.json) and read back: the appendix's table with
// pdftotext (Tổng cộng of the points groups only, right after them; the bonus group with
// its maximum; the count group without points; the rules after the ratings) and the
// workbook with openpyxl (the scoring sheet's base total, bonus and final total rows).
#include <doctest/doctest.h>

#include "e2e.hpp"

using namespace e2e;

TEST_CASE("e2e: a scoring appendix with bonus points, counts and tie-break rules, in the PDF and the workbook") {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    TempDir out("scoring");
    Result r = run_thidua({"render", source("tests/campaign/good/scoring.json"), "-o", out.str(),
                           "--format", "pdf"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    Result text = run_shell("pdftotext -layout -enc UTF-8 -f 2 -l 2 " +
                            sh_quote((out / "ke-hoach.pdf").string()) + " -");
    REQUIRE(text.status == 0);
    // One table line per row, as printed: collapse the columns' spaces.
    std::vector<std::string> lines;
    {
        std::string line;
        for (char c : text.out + "\n") {
            if (c != '\n') {
                line += c;
                continue;
            }
            const std::string l = collapse_spaces(line);
            if (!l.empty()) lines.push_back(l);
            line.clear();
        }
    }
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    CAPTURE(all);
    CHECK(find_in_order(all, {
              "I CÔNG TÁC CHỈ ĐẠO 20\n",
              "II KẾT QUẢ THỰC HIỆN 60\n",
              "2 Để xảy ra găm hàng, tăng giá -10\n",
              "Tổng cộng 80\n",
              "III ĐIỂM CỘNG 10\n",
              "2 Mô hình chợ văn minh 5 Được công nhận: 05 điểm.\n",
              "IV XẾP HẠNG THEO SỐ",
              "2 Số phản ánh của người tiêu dùng\n",
              "- Trung bình: dưới 70 điểm.\n",
              "Trường hợp bằng điểm thì xét lần lượt: đơn vị có điểm tiêu chí “Tỷ lệ",
          }) == "");
    // Tổng cộng comes once, before the bonus; the count rows have no points.
    CHECK(all.find("Tổng cộng") == all.rfind("Tổng cộng"));
    CHECK(all.find("Tổng cộng 90") == std::string::npos);

    if (missing_program("/usr/bin/python3", "reading the workbook back")) return;
    Result wb = run_shell(
        "/usr/bin/python3 -c 'import sys, openpyxl\n"
        "ws = openpyxl.load_workbook(sys.argv[1])[\"Chấm điểm\"]\n"
        "for r in range(24, 28): print(ws.cell(r, 2).value, \"|\", ws.cell(r, 3).value)\n' " +
        sh_quote((out / "theo-doi.xlsx").string()));
    REQUIRE_MESSAGE(wb.status == 0, show(wb));
    CHECK(wb.out == "Tổng điểm | 80\nĐiểm cộng | 10\nTổng điểm cuối cùng | 90\nXếp loại | None\n");
}
