#include "base/suggest.hpp"

#include <algorithm>

#include "base/text.hpp"

namespace thidua {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<char32_t> x = text::decode(a), y = text::decode(b);
    std::size_t n = x.size(), m = y.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

std::string closest_name(std::string_view name, const std::vector<std::string>& known,
                         std::size_t max_distance) {
    std::string best;
    std::size_t best_d = max_distance + 1;
    for (const auto& k : known) {
        std::size_t dist = edit_distance(name, k);
        // A hint must be closer than the name is long, or "id" would suggest "ab".
        if (dist < best_d && dist < text::length(k) && dist < text::length(name)) {
            best_d = dist;
            best = k;
        }
    }
    return best;
}

}  // namespace thidua
