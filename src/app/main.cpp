// congdanso: the command-line entry (serve, migrate, seed, user, token).
#include "app/cli.hpp"

int main(int argc, char** argv) {
  return cds::app::run_cli(argc, argv);
}
