// Stage: doc. Warnings a stage may earn many times over (a template repeating a bad value,
// a thousand lines taller than the page): each kind is reported once, with the first place
// it was seen and how many others there were.
// In: notes by kind; out: Vietnamese warnings in Diagnostics. Also the wording every
// stage uses to show a number or a paragraph in such a message.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"

namespace thidua::doc {

class Warnings {
public:
    /// Notes one occurrence of `kind`; `message` is called for the first one only.
    void note(const std::string& kind, const std::function<std::string()>& message);
    /// Adds one warning per kind noted, in the order first noted, with "(và N chỗ khác)".
    void report(Diagnostics& diags) const;
    /// Adds what `other` noted, as if each of its occurrences had been noted here after
    /// what this holds (a document laid out part by part warns as the whole would).
    void merge(const Warnings& other);
    bool empty() const { return order_.empty(); }

private:
    struct Seen {
        std::string message;
        std::size_t more = 0;
    };
    std::map<std::string, Seen> seen_;
    std::vector<std::string> order_;
};

/// Returns `v` for a message: "12.5 pt", "vô hạn", "không phải là số".
std::string shown(double v, const char* unit);

/// Returns the first 40 characters of a paragraph for messages, "…" when there are more.
std::string excerpt(const Paragraph& p);

}  // namespace thidua::doc
