#include "template/numbering.hpp"

#include "base/text.hpp"

namespace thidua::tpl {

namespace {

struct Spelling {
    std::string_view name, marker;
    NumberStyle style;
};

constexpr Spelling kSpellings[] = {
    {"roman", "I.", NumberStyle::roman},    {"arabic", "1.", NumberStyle::arabic},
    {"parent", "1.1.", NumberStyle::parent}, {"letter", "a)", NumberStyle::letter},
    {"paren", "(1)", NumberStyle::paren},   {"dash", "-", NumberStyle::dash},
    {"plus", "+", NumberStyle::plus},       {"none", "", NumberStyle::none},
};

}  // namespace

std::optional<NumberStyle> parse_number_style(std::string_view s) {
    if (s.empty()) return std::nullopt;
    for (const Spelling& sp : kSpellings) {
        if (s == sp.name || s == sp.marker) return sp.style;
    }
    return std::nullopt;
}

std::string number_style_list() {
    std::string out;
    for (const Spelling& sp : kSpellings) {
        if (!out.empty()) out += sp.style == NumberStyle::none ? " hoặc " : ", ";
        out += std::string(sp.name);
        if (!sp.marker.empty()) out += " (" + std::string(sp.marker) + ")";
    }
    return out;
}

std::string number_marker(NumberStyle style, int n, const std::string& letter) {
    switch (style) {
        case NumberStyle::roman: return text::roman(n) + ".";
        case NumberStyle::arabic: return std::to_string(n) + ".";
        case NumberStyle::letter: return letter + ")";
        case NumberStyle::paren: return "(" + std::to_string(n) + ")";
        case NumberStyle::dash: return "-";
        case NumberStyle::plus: return "+";
        case NumberStyle::parent:  // the caller joins the levels
        case NumberStyle::none: break;
    }
    return "";
}

}  // namespace thidua::tpl
