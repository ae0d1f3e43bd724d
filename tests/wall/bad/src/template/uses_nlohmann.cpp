// Fixture for the backend-wall test: nlohmann's JSON comes through base/json.hpp (thidua::Json),
// never directly (1).
#include <nlohmann/json.hpp>
#include "base/json.hpp"
