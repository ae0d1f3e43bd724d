// Stage: driver. The command line: parses arguments and runs the stages in order.
// Commands: check, dump, render (see `thidua --help` and README.md).
#pragma once

namespace thidua::driver {

/// Runs the `thidua` command; returns the process exit code: 0 ok, 1 input errors (nothing
/// written), 2 usage errors, 3 internal error (an exception was caught; nothing written).
/// Never throws.
int run_cli(int argc, char** argv);

}  // namespace thidua::driver
