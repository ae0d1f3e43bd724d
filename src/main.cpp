// CLI only: arguments → driver → exit code.
#include "driver/cli.hpp"

int main(int argc, char** argv) { return thidua::driver::run_cli(argc, argv); }
