// Tests for campaign/scoring: campaign.scoring read as rows (points groups that make up the
// total, bonus groups counted apart, groups ranked by counts without points), the total
// row switch and the tie-break rules resolved to the rows they compare.
#include <doctest/doctest.h>

#include "base/json.hpp"

#include "campaign/scoring.hpp"

using thidua::ScoreGroupKind;
using thidua::ScoreRow;

namespace {

thidua::Json table(const char* scoring) {
    return {{"campaign", {{"scoring", thidua::Json::parse(scoring)}}}};
}

const char* const kKinds = R"JSON({
  "groups": [
    {"id": "chi-dao", "title": "Chỉ đạo", "criteria": [
      {"title": "Kế hoạch", "points": 10},
      {"id": "tuyen-truyen", "title": "Tuyên truyền", "items": [
        {"title": "Loa", "points": 5}, {"title": "Mạng", "points": 5}]},
      {"title": "Vi phạm", "points": 10, "deduct": true}]},
    {"title": "Điểm cộng", "kind": "bonus", "criteria": [
      {"title": "Cách làm hay", "points": 5}, {"title": "Mô hình", "points": 3}]},
    {"title": "Kết quả", "kind": "points", "criteria": [{"title": "Tỷ lệ", "points": 80}]},
    {"title": "Số lượng", "kind": "count", "criteria": [
      {"id": "vu-viec", "title": "Số vụ việc"},
      {"id": "phan-anh", "title": "Số phản ánh", "better": "less"}]}],
  "tie_break": [{"by": "tuyen-truyen"}, {"by": "phan-anh"}, {"text": "bỏ phiếu"},
                {"by": "khong-co"}, {"by": "chi-dao"}]
})JSON";

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("scoring: bonus groups are counted apart from the total, count groups have no points") {
    auto t = thidua::read_scoring(table(kKinds));
    REQUIRE(t.has_value());
    CHECK(t->total == 100);  // 10 + 10 (the deduction is not in it) + 80
    CHECK(t->bonus == 8);
    CHECK(t->has_bonus);
    CHECK(t->total_row);
    REQUIRE(t->rows.size() == 14);
    CHECK(t->rows[0].group_kind == ScoreGroupKind::points);
    CHECK(t->rows[0].points == 20);
    CHECK(t->rows[0].id == "chi-dao");
    CHECK(t->rows[6].kind == ScoreRow::Kind::group);
    CHECK(t->rows[6].group_kind == ScoreGroupKind::bonus);
    CHECK(t->rows[6].number == "II");
    CHECK(t->rows[6].points == 8);
    CHECK(t->rows[7].group_kind == ScoreGroupKind::bonus);
    CHECK(t->rows[9].number == "III");
    CHECK(t->rows[9].group_kind == ScoreGroupKind::points);
    CHECK(t->rows[11].group_kind == ScoreGroupKind::count);
    CHECK(t->rows[11].points == 0);
    CHECK(t->rows[12].title == "Số vụ việc");
    CHECK(t->rows[12].points == 0);
    CHECK_FALSE(t->rows[12].fewer_better);
    CHECK(t->rows[13].fewer_better);
}

TEST_CASE("scoring: tie-break rules name their rows, or keep their words") {
    auto t = thidua::read_scoring(table(kKinds));
    REQUIRE(t.has_value());
    REQUIRE(t->tie_break.size() == 5);
    CHECK(t->tie_break[0].row == 2);   // "tuyen-truyen", a criterion with items
    CHECK(t->tie_break[1].row == 13);  // "phan-anh", a count
    CHECK(t->tie_break[2].row == -1);
    CHECK(t->tie_break[2].text == "bỏ phiếu");
    CHECK(t->tie_break[3].row == -1);  // an id no row has: check_scoring_rules reports it
    CHECK(t->tie_break[4].row == 0);
    CHECK(t->tie_break[4].pointer == "/campaign/scoring/tie_break/4");
}

TEST_CASE("scoring: the total row is printed unless the plan says false") {
    auto t = thidua::read_scoring(table(R"JSON({"total_row": false, "groups": [
        {"title": "Chung", "criteria": [{"title": "A", "points": 5}]}]})JSON"));
    REQUIRE(t.has_value());
    CHECK_FALSE(t->total_row);
    CHECK_FALSE(t->has_bonus);
    CHECK(t->bonus == 0);
    CHECK(t->total == 5);
}

}  // TEST_SUITE
