// The command line: parses arguments and runs a subcommand.
#pragma once

namespace cds::app {

int run_cli(int argc, char** argv);

}  // namespace cds::app
