#include "driver/cli.hpp"

#include <cstdio>

namespace thidua::driver {

int run_cli(int argc, char** argv) {
    (void)argc;
    (void)argv;
    std::fputs("thidua " THIDUA_VERSION "\n", stdout);
    return 0;
}

}  // namespace thidua::driver
