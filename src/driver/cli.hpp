// Stage: driver. The command line: parses arguments and runs the stages in order.
#pragma once

namespace thidua::driver {

/// Runs the `thidua` command; returns the process exit code (0 ok, 1 input errors,
/// 2 usage errors).
int run_cli(int argc, char** argv);

}  // namespace thidua::driver
