// Tests for campaign/district_tier: which mentions of huyện, quận, thị xã and thị trấn read
// as a live body (and which are a proper name, history or a citation), and the warnings a
// file gets for them by the date of the document that prints them. The corpus case
// tests/campaign/bad/76-district-tier shows the messages at file:line:col.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "campaign/campaign.hpp"
#include "campaign/district_tier.hpp"

using thidua::Diagnostics;
using thidua::detail::find_abolished_tier;

namespace {

/// The word found in `text`, or "" when none reads as live.
std::string found(const std::string& text) {
    auto m = find_abolished_tier(text);
    return m ? m->word : std::string();
}

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("district tier: an authority, a council, a header, a level are found") {
    CHECK(found("Chủ tịch UBND huyện") == "huyện");
    CHECK(found("Chủ tịch Ủy ban nhân dân huyện Ba Tơ") == "huyện");
    CHECK(found("UBND HUYỆN BA TƠ") == "HUYỆN");
    CHECK(found("Huyện ủy Ba Tơ") == "Huyện");
    CHECK(found("Thường trực Huyện ủy") == "Huyện");
    CHECK(found("Cách làm hay được cấp huyện, tỉnh biểu dương hoặc nhân rộng") == "huyện");
    CHECK(found("UBND Quận 1") == "Quận");
    CHECK(found("phường Bến Nghé, Quận 1") == "Quận");
    CHECK(found("Ủy ban nhân dân thị xã Sơn Tây") == "thị xã");
    CHECK(found("Hội đồng Thi đua - Khen thưởng thị trấn Ba Tơ") == "thị trấn");
    CHECK(found("Thị trấn Ba Tơ") == "Thị trấn");
    CHECK(find_abolished_tier("Ủy ban nhân dân thị trấn Ba Tơ")->town);
    CHECK_FALSE(find_abolished_tier("UBND thị xã Sơn Tây")->town);
    // The offset is the first byte of the word.
    CHECK(find_abolished_tier("Chủ tịch UBND huyện")->offset == std::string("Chủ tịch UBND ").size());
}

TEST_CASE("district tier: proper names, history and citations are not a live body") {
    CHECK(found("Tổ dân phố Huyện Long") == "");
    CHECK(found("Chợ Huyện") == "");
    CHECK(found("Ủy ban nhân dân tỉnh Quảng Ngãi") == "");
    CHECK(found("Giấy khen của Chủ tịch UBND xã") == "");
    CHECK(found("xã Ba Tơ (huyện Ba Tơ cũ)") == "");
    CHECK(found("nguyên Chủ tịch UBND huyện") == "");
    CHECK(found("Thực hiện theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND huyện") == "");
    CHECK(found("Căn cứ Kế hoạch số 46-CT/TW của Huyện ủy") == "");
    // A citation in one clause does not hide a live body in the next.
    CHECK(found("Theo Quyết định số 12/QĐ-UBND của UBND tỉnh; báo cáo UBND huyện") == "huyện");
    CHECK(found("huyênh") == "");
    CHECK(found("") == "");
}

TEST_CASE("district tier: a long clause of citations is read in one pass") {
    // 60 000 cited districts in one clause, then a live one after a ";": found without
    // looking back over the clause for each mention (which took minutes) or a regex (which
    // ran out of stack on a long clause).
    std::string text;
    for (int i = 0; i < 60000; ++i) text += "theo Quyết định số 12/QĐ-UBND của UBND huyện, ";
    const std::size_t live = text.size() + std::string("; báo cáo UBND ").size();
    text += "; báo cáo UBND huyện";
    auto m = find_abolished_tier(text);
    REQUIRE(m.has_value());
    CHECK(m->offset == live);
}

}  // TEST_SUITE
