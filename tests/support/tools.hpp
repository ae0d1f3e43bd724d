// Test support shared by every stage's tests: whether an outside program (poppler, qpdf,
// LibreOffice, python3) is there, and what to do when it is not.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace test_support {

/// Returns true when `name` is a program on PATH.
inline bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

/// Returns true when the test must stop because `program` is missing: a skip with a message
/// on a developer's machine, a failure when THIDUA_REQUIRE_TOOLS=1 (CI installs every
/// program, so a skipped check there would hide a missing package).
inline bool missing_program(const std::string& program, const std::string& what) {
    if (have_program(program)) return false;
    const char* required = std::getenv("THIDUA_REQUIRE_TOOLS");
    if (required != nullptr && std::string(required) == "1") {
        FAIL_CHECK(program << " is not installed but THIDUA_REQUIRE_TOOLS=1: " << what
                           << " cannot run");
    } else {
        MESSAGE(program << " is not installed: " << what << " skipped");
    }
    return true;
}

}  // namespace test_support
