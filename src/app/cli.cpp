#include "app/cli.hpp"

namespace cds::app {
int run_cli(int, char**) { return 0; }
}  // namespace cds::app
