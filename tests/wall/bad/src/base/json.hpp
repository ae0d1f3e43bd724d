// Fixture for the backend-wall test: the one place nlohmann's header is included (0).
#pragma once
#include <nlohmann/json.hpp>
