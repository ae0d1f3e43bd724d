#include "doc/warnings.hpp"

#include <cmath>
#include <cstdio>

#include "base/text.hpp"

namespace thidua::doc {

void Warnings::note(const std::string& kind, const std::function<std::string()>& message) {
    auto [it, fresh] = seen_.try_emplace(kind);
    if (fresh) {
        order_.push_back(kind);
        it->second.message = message();
    } else {
        ++it->second.more;
    }
}

void Warnings::merge(const Warnings& other) {
    for (const std::string& kind : other.order_) {
        const Seen& theirs = other.seen_.at(kind);
        auto [it, fresh] = seen_.try_emplace(kind);
        if (fresh) {
            order_.push_back(kind);
            it->second = theirs;
        } else {
            it->second.more += 1 + theirs.more;
        }
    }
}

void Warnings::report(Diagnostics& diags) const {
    for (const std::string& kind : order_) {
        const Seen& s = seen_.at(kind);
        std::string m = s.message;
        if (s.more > 0) m += " (và " + std::to_string(s.more) + " chỗ khác)";
        diags.add({Severity::warning, "", 0, 0, "", std::move(m), ""});
    }
}

std::string shown(double v, const char* unit) {
    if (std::isnan(v)) return "không phải là số";
    if (std::isinf(v)) return v > 0 ? "vô hạn" : "âm vô hạn";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return *unit ? std::string(buf) + " " + unit : std::string(buf);
}

std::string excerpt(const Paragraph& p) {
    std::string out;
    std::vector<char32_t> cps = text::decode(p.text());
    for (std::size_t i = 0; i < cps.size() && i < 40; ++i) text::append_utf8(out, cps[i]);
    if (cps.size() > 40) out += "…";
    return out;
}

}  // namespace thidua::doc
