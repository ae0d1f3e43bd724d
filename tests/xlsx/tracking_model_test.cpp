// Tests for render/xlsx/tracking_model: what the workbook shows, read from the campaign
// JSON: header texts, indicators grouped and numbered as in the plan, unit targets,
// phases, the pinned date, content areas tracked when the plan has no indicator, and the
// errors that stop the workbook.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixture.hpp"
#include "render/xlsx/tracking_model.hpp"

using thidua::Diagnostics;
using thidua::Severity;
using thidua::text::Date;
using thidua::xlsx::detail::build_tracking_model;
using thidua::xlsx::detail::clean_title;
using thidua::xlsx::detail::plan_reference_text;
using thidua::xlsx::detail::TrackingMode;
using thidua::xlsx::detail::TrackingModel;

namespace {

std::vector<std::string> areas(const TrackingModel& m) {
    std::vector<std::string> out;
    for (const auto& a : m.areas) out.push_back(a.number + " " + a.title);
    return out;
}

std::vector<std::string> numbers(const TrackingModel& m) {
    std::vector<std::string> out;
    for (const auto& g : m.groups) {
        out.push_back("[" + g.number + "] " + g.title);
        for (const auto& i : g.indicators) out.push_back(i.number + " " + i.id);
    }
    return out;
}

}  // namespace

TEST_SUITE("xlsx") {

TEST_CASE("tracking model: header texts from issuer and document") {
    Diagnostics d;
    const auto m = build_tracking_model(xlsx_test::campaign(), d);
    CHECK(d.all().empty());
    CHECK(m.agency_lines ==
          std::vector<std::string>{"ỦY BAN NHÂN DÂN HUYỆN BẮC QUANG", "BAN CHỈ ĐẠO 138"});
    CHECK(m.plan_reference ==
          "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 05 tháng 01 năm 2025 của Ban Chỉ đạo 138 "
          "huyện Bắc Quang)");
    CHECK(m.campaign_name == "Toàn dân bảo vệ an ninh Tổ quốc");
    CHECK(m.author == "Ban Chỉ đạo 138 huyện Bắc Quang");
    CHECK(m.created == Date{2025, 1, 5});
}

TEST_CASE("tracking model: a document number written as a string is printed as the office wrote it") {
    auto c = xlsx_test::campaign();
    c["document"]["number"] = "0125";
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(d.all().empty());
    CHECK(m.plan_reference.rfind("(Kèm theo Kế hoạch số 0125/KH-BCĐ ngày 05 tháng 01 năm 2025", 0) == 0);
}

TEST_CASE("tracking model: the plan reference keeps dots for what is not known yet") {
    CHECK(plan_reference_text(std::nullopt, "KH-BCĐ", Date{2024, 4, 0}, "") ==
          "(Kèm theo Kế hoạch số …/KH-BCĐ ngày … tháng 4 năm 2024)");
    CHECK(plan_reference_text("12", "KH-UBND", Date{2024, 0, 0}, "Ủy ban nhân dân xã Tân Thành") ==
          "(Kèm theo Kế hoạch số 12/KH-UBND ngày … tháng … năm 2024 của Ủy ban nhân dân xã "
          "Tân Thành)");
    CHECK(plan_reference_text("03", "KH-BCĐ", Date{2024, 9, 13}, "") ==
          "(Kèm theo Kế hoạch số 03/KH-BCĐ ngày 13 tháng 9 năm 2024)");
    CHECK(plan_reference_text("03", "KH-BCĐ", std::nullopt, "") ==
          "(Kèm theo Kế hoạch số 03/KH-BCĐ ngày … tháng … năm …)");
}

TEST_CASE("tracking model: null number, partial date, symbol from the short name") {
    auto c = xlsx_test::campaign();
    c["document"]["number"] = nullptr;
    c["document"]["date"] = "2024-04";
    c["document"].erase("symbol");
    c["issuer"].erase("parent");
    c["issuer"]["name"] = "BAN CHỈ ĐẠO\n138";
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(d.all().empty());
    CHECK(m.agency_lines == std::vector<std::string>{"BAN CHỈ ĐẠO 138"});
    CHECK(m.plan_reference ==
          "(Kèm theo Kế hoạch số …/KH-BCĐ ngày … tháng 4 năm 2024 của Ban Chỉ đạo 138 huyện "
          "Bắc Quang)");
    CHECK(m.created == Date{2000, 1, 1});
}

TEST_CASE("tracking model: indicators come from the areas, numbered as in the plan") {
    Diagnostics d;
    const auto m = build_tracking_model(xlsx_test::campaign(), d);
    CHECK(numbers(m) == std::vector<std::string>{
                            "[1] XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
                            "1.1 nguon-tin", "1.2 mo-hinh", "[2] PHÒNG NGỪA VI PHẠM PHÁP LUẬT",
                            "2.1 vu-vi-pham"});
    const auto& pct = m.groups[0].indicators[0];
    CHECK(pct.percent);
    CHECK_FALSE(pct.at_most);
    CHECK(pct.unit == "%");
    CHECK(pct.target == 80);
    CHECK(m.groups[1].indicators[0].at_most);
    CHECK_FALSE(m.groups[1].indicators[0].percent);
    CHECK(m.indicator_count() == 3);

    // An area without indicators keeps its place in the numbering.
    auto c = xlsx_test::campaign();
    c["campaign"]["areas"].insert(c["campaign"]["areas"].begin(),
                                  thidua::Json{{"title", "Tuyên truyền"}});
    const auto m2 = build_tracking_model(c, d);
    CHECK(numbers(m2) == std::vector<std::string>{
                             "[2] XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
                             "2.1 nguon-tin", "2.2 mo-hinh", "[3] PHÒNG NGỪA VI PHẠM PHÁP LUẬT",
                             "3.1 vu-vi-pham"});
}

TEST_CASE("tracking model: group titles lose the colon of a run-in heading") {
    auto c = xlsx_test::campaign();
    c["campaign"]["areas"][1]["title"] = "Phòng ngừa vi phạm pháp luật: ";
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(m.groups[1].title == "PHÒNG NGỪA VI PHẠM PHÁP LUẬT");
    c["campaign"]["areas"][1]["title"] = ":";
    CHECK(build_tracking_model(c, d).groups[1].title == "NỘI DUNG 2");
}

TEST_CASE("tracking model: a zero target that is not a ceiling gets a warning") {
    auto c = xlsx_test::campaign();
    c["campaign"]["areas"][1]["indicators"][0].erase("direction");
    c["campaign"]["areas"][1]["indicators"][0]["target"] = 0;
    Diagnostics d;
    build_tracking_model(c, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].pointer == "/campaign/areas/1/indicators/0/target");
    CHECK(d.all()[0].message ==
          "chỉ tiêu \"Vụ vi phạm pháp luật hình sự trên địa bàn\" có giá trị 0 nên kết quả "
          "nào cũng đạt; nếu đây là mức không được vượt quá (ví dụ số vụ vi phạm), ghi thêm "
          "\"direction\": \"at_most\"");
    c["campaign"]["areas"][1]["indicators"][0]["direction"] = "at_most";
    Diagnostics d2;
    build_tracking_model(c, d2);
    CHECK(d2.all().empty());
}

TEST_CASE("tracking model: campaign-wide indicators when no area has any") {
    auto c = xlsx_test::campaign();
    for (auto& a : c["campaign"]["areas"]) a.erase("indicators");
    c["units"][0].erase("targets");
    c["campaign"]["indicators"].push_back(
        {{"id", "hoa-giai"}, {"name", "Vụ việc hòa giải thành"}, {"target", 90}, {"unit", "%"}});
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(d.all().empty());
    CHECK(numbers(m) == std::vector<std::string>{"[] CHỈ TIÊU CHUNG CỦA PHONG TRÀO",
                                                 "1 khong-dung", "2 hoa-giai"});
}

TEST_CASE("tracking model: a unit's own target replaces the plan's") {
    Diagnostics d;
    const auto m = build_tracking_model(xlsx_test::campaign(), d);
    const auto& mo_hinh = m.groups[0].indicators[1];
    CHECK(m.units[0].target_for(mo_hinh) == 3);
    CHECK(m.units[1].target_for(mo_hinh) == 2);
    CHECK(m.units[0].target_for(m.groups[0].indicators[0]) == 80);
}

TEST_CASE("tracking model: a unit's own targets are found in every content area") {
    // The targets refer to the indicators by their ordinal across the groups, not by a copy
    // of the id.
    auto c = xlsx_test::campaign();
    c["units"][2]["targets"] = {{"vu-vi-pham", 0}, {"nguon-tin", 95.5}};
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(d.all().empty());
    const auto& nguon_tin = m.groups[0].indicators[0];
    const auto& mo_hinh = m.groups[0].indicators[1];
    const auto& vu_vi_pham = m.groups[1].indicators[0];
    CHECK(nguon_tin.ordinal == 0);
    CHECK(mo_hinh.ordinal == 1);
    CHECK(vu_vi_pham.ordinal == 2);
    CHECK(m.units[2].targets.size() == 2);
    CHECK(m.units[2].target_for(nguon_tin) == 95.5);
    CHECK(m.units[2].target_for(mo_hinh) == 2);
    CHECK(m.units[2].target_for(vu_vi_pham) == 0);
    CHECK(m.units[0].target_for(vu_vi_pham) == 1);
    CHECK(m.units[0].target_for(mo_hinh) == 3);
}

TEST_CASE("tracking model: a target for an indicator the sheets do not track is a warning") {
    auto c = xlsx_test::campaign();
    c["units"][1]["targets"] = {{"khong-co", 4}};
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::warning);
    CHECK(d.all()[0].pointer == "/units/1/targets/khong-co");
    CHECK(d.all()[0].message ==
          "chỉ tiêu riêng \"khong-co\" không có trong bảng theo dõi của kế hoạch nên bị bỏ qua");
    CHECK(m.units[1].targets.empty());
}

TEST_CASE("tracking model: phases become input columns with their dates") {
    Diagnostics d;
    const auto m = build_tracking_model(xlsx_test::campaign(), d);
    CHECK(m.phase_headers == std::vector<std::string>{"Đợt 1\n(05/01/2025 - 30/6/2025)",
                                                      "Đợt 2\n(01/7/2025 - 15/12/2025)"});
    auto c = xlsx_test::campaign();
    c["campaign"].erase("phases");
    CHECK(build_tracking_model(c, d).phase_headers.empty());
    // Monthly phases: twelve columns, names only.
    for (int month = 1; month <= 12; ++month) {
        const std::string mm = (month < 10 ? "0" : "") + std::to_string(month);
        c["campaign"]["phases"].push_back({{"name", "Tháng " + std::to_string(month)},
                                           {"start", "2025-" + mm + "-01"},
                                           {"end", "2025-" + mm + "-28"}});
    }
    const auto monthly = build_tracking_model(c, d).phase_headers;
    REQUIRE(monthly.size() == 12);
    CHECK(monthly[0] == "Tháng 1");
    CHECK(monthly[11] == "Tháng 12");
    CHECK(d.all().empty());
}

TEST_CASE("tracking model: units get their sheet names, and an unusable name is an error") {
    auto c = xlsx_test::campaign();
    Diagnostics d;
    auto m = build_tracking_model(c, d);
    std::vector<std::string> sheets;
    for (const auto& u : m.units) sheets.push_back(u.sheet);
    CHECK(sheets == std::vector<std::string>{"Tổ dân phố 1", "Tổ dân phố 2-3- chợ -cũ-",
                                             "Tổ dân phố số 12 phường Nguyễn",
                                             "TỔ DÂN PHỐ 1 (2)"});
    CHECK(m.units[1].name == "Tổ dân phố 2/3: chợ [cũ]");

    c["units"][2]["name"] = " ?? ";
    Diagnostics d2;
    build_tracking_model(c, d2);
    REQUIRE(d2.all().size() == 1);
    CHECK(d2.all()[0].pointer == "/units/2/name");
    CHECK(d2.all()[0].message == "đơn vị thứ 3 không có tên dùng được làm tên trang tính Excel "
                                 "(cần ít nhất một chữ cái hoặc chữ số)");
}

TEST_CASE("tracking model: strings that are not UTF-8 are reported with their place") {
    auto c = xlsx_test::campaign();
    c["campaign"]["areas"][0]["indicators"][1]["name"] = "M\xC3\xB4 h\xECnh";
    c["units"][0]["name"] = "T\xE1\xBB";
    Diagnostics d;
    build_tracking_model(c, d);
    REQUIRE(d.all().size() == 2);
    CHECK(d.all()[0].pointer == "/campaign/areas/0/indicators/1/name");
    CHECK(d.all()[0].message == "chuỗi ký tự không đúng mã UTF-8 (byte thứ 6)");
    CHECK(d.all()[1].pointer == "/units/0/name");
    CHECK(d.all()[1].message == "chuỗi ký tự không đúng mã UTF-8 (byte thứ 2)");
}

TEST_CASE("tracking model: a string longer than an Excel cell holds is reported with its place") {
    auto c = xlsx_test::scored_campaign();
    // 32,767 characters fit (Vietnamese letters count one each, whatever their bytes)...
    std::string name;
    for (int i = 0; i < 32767; ++i) name += "ộ";
    c["units"][1]["name"] = name;
    // ...one more does not.
    std::string title(32768, 'x');
    c["campaign"]["scoring"]["groups"][0]["criteria"][0]["title"] = title;
    Diagnostics d;
    build_tracking_model(c, d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].pointer == "/campaign/scoring/groups/0/criteria/0/title");
    CHECK(d.all()[0].message == "chuỗi dài 32.768 ký tự, quá 32.767 ký tự mà một ô Excel chứa được");
}

TEST_CASE("tracking model: a plan without indicators tracks its content areas") {
    Diagnostics d;
    const auto m = build_tracking_model(xlsx_test::area_campaign(), d);
    CHECK(d.all().empty());
    CHECK(m.mode == TrackingMode::areas);
    CHECK(m.groups.empty());
    CHECK(m.indicator_count() == 0);
    // One row per area, numbered as the plan numbers them, the plan's wording without its
    // markers or the list punctuation at the end; not upper-cased (these are the rows).
    CHECK(areas(m) == std::vector<std::string>{
                          "1 Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
                          "2 Phòng ngừa vi phạm pháp luật",
                          "3 Triển khai Thông tư 124/2021/TT-BCA về khu dân cư *an toàn*."});
    CHECK(m.phase_headers == std::vector<std::string>{"Đợt 1\n(05/01/2025 - 30/6/2025)",
                                                      "Đợt 2\n(01/7/2025 - 31/8/2025)",
                                                      "Đợt 3\n(01/9/2025 - 15/12/2025)"});
    REQUIRE(m.units.size() == 4);
    CHECK(m.units[1].sheet == "Tổ dân phố 2-3- chợ -cũ-");
    // The header is the same as with indicators.
    CHECK(m.agency_lines.back() == "BAN CHỈ ĐẠO 138");
    CHECK(m.plan_reference ==
          "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 05 tháng 01 năm 2025 của Ban Chỉ đạo 138 "
          "huyện Bắc Quang)");
    CHECK(m.created == Date{2025, 1, 5});

    // Without phases: still one row per area (the sheet gets one "Kết quả" column).
    auto c = xlsx_test::area_campaign();
    c["campaign"].erase("phases");
    const auto single = build_tracking_model(c, d);
    CHECK(single.phase_headers.empty());
    CHECK(single.areas.size() == 3);
    // An empty indicator list is no indicator; a title with nothing left gets a name.
    c["campaign"]["indicators"] = thidua::Json::array();
    c["campaign"]["areas"][0]["indicators"] = thidua::Json::array();
    c["campaign"]["areas"][1]["title"] = " ** : ";
    const auto empty_lists = build_tracking_model(c, d);
    CHECK(empty_lists.mode == TrackingMode::areas);
    CHECK(empty_lists.areas[1].title == "Nội dung 2");
    CHECK(d.all().empty());
}

TEST_CASE("tracking model: with any indicator the areas without one are not tracked") {
    // Ba Tơ, Bắc Quang: the indicators stay the single source of the workbook.
    auto c = xlsx_test::area_campaign();
    c["campaign"]["areas"][1]["indicators"] = xlsx_test::campaign()["campaign"]["areas"][1]["indicators"];
    Diagnostics d;
    const auto m = build_tracking_model(c, d);
    CHECK(d.all().empty());
    CHECK(m.mode == TrackingMode::indicators);
    CHECK(m.areas.empty());
    CHECK(numbers(m) == std::vector<std::string>{"[2] PHÒNG NGỪA VI PHẠM PHÁP LUẬT",
                                                 "2.1 vu-vi-pham"});
    // Indicators that are all unusable are errors, not a reason to track the areas.
    c["campaign"]["areas"][1]["indicators"][0].erase("target");
    Diagnostics d2;
    const auto bad = build_tracking_model(c, d2);
    CHECK(d2.has_errors());
    CHECK(bad.areas.empty());
}

TEST_CASE("tracking model: titles lose the plan's markers, keep its wording") {
    CHECK(clean_title("**Nhân dân và cán bộ xã, thị trấn.**") ==
          "Nhân dân và cán bộ xã, thị trấn.");
    CHECK(clean_title("***Đậm nghiêng*** và *nghiêng*") == "Đậm nghiêng và nghiêng");
    CHECK(clean_title("Khu dân cư \\*an toàn\\*") == "Khu dân cư *an toàn*");
    // A footnote is the plan's, not the sheet's.
    CHECK(clean_title("Phòng ngừa[^Theo Kế hoạch \\] số 5.] tội phạm \\[^x") == "Phòng ngừa tội phạm [^x");
    CHECK(clean_title("  Phòng ngừa\n vi phạm  pháp luật: ") == "Phòng ngừa vi phạm pháp luật");
    CHECK(clean_title("các đợt tấn công trấn áp tội phạm, tệ nạn xã hội;") ==
          "các đợt tấn công trấn áp tội phạm, tệ nạn xã hội");
    CHECK(clean_title("Thực hiện tốt công tác xây dựng Đảng.") ==
          "Thực hiện tốt công tác xây dựng Đảng.");
    CHECK(clean_title("** **").empty());
}

TEST_CASE("tracking model: nothing to track is an error") {
    SUBCASE("neither indicators nor content areas") {
        auto c = xlsx_test::campaign();
        c["campaign"].erase("areas");
        c["campaign"].erase("indicators");
        c["units"][0].erase("targets");
        Diagnostics d;
        build_tracking_model(c, d);
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].pointer == "/campaign");
        CHECK(d.all()[0].message ==
              "kế hoạch không có chỉ tiêu nào để lập bảng theo dõi (thêm \"indicators\" vào các "
              "nội dung thi đua hoặc vào \"campaign\")");
    }
    SUBCASE("no units") {
        auto c = xlsx_test::campaign();
        c["units"] = thidua::Json::array();
        Diagnostics d;
        build_tracking_model(c, d);
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].pointer == "/units");
        CHECK(d.all()[0].message ==
              "chưa có đơn vị tham gia nào (\"units\") để lập bảng theo dõi");
    }
    SUBCASE("wrong types never crash") {
        thidua::Json c = {{"issuer", 5}, {"document", "x"}, {"campaign", {{"areas", 3}}},
                            {"units", {{{"name", 7}}, 8}}};
        Diagnostics d;
        const auto m = build_tracking_model(c, d);
        CHECK(d.has_errors());
        CHECK(m.groups.empty());
        c["campaign"]["areas"] = {3, {{"title", 5}}};
        Diagnostics d2;
        const auto m2 = build_tracking_model(c, d2);
        CHECK(m2.mode == TrackingMode::areas);
        CHECK(areas(m2) == std::vector<std::string>{"1 Nội dung 1", "2 Nội dung 2"});
    }
}

}  // TEST_SUITE
