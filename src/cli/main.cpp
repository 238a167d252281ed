// corridor: the command line. Exit codes: 0 ok, 1 no result (e.g. no path), 2 bad input/usage.
#include <cstdio>
#include <exception>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/error.hpp"
#include "corridor/version.hpp"

int main(int argc, char** argv) {
  namespace cli = corridor::cli;
  CLI::App app{"corridor: multimodal freight corridors - routes, throughput, what-if"};
  app.set_version_flag("--version", corridor::version_string);
  app.require_subcommand(1);
  std::vector<cli::command> commands{
      cli::add_info(app),    cli::add_route(app),  cli::add_compare(app),   cli::add_flow(app),
      cli::add_mincost(app), cli::add_assign(app), cli::add_whatif(app),    cli::add_scenario(app),
      cli::add_profile(app), cli::add_import(app), cli::add_calibrate(app), cli::add_check(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::exit_code::ok : cli::exit_code::bad_input;
  }
  try {
    for (const auto& run : commands) {
      if (const int code = run(); code >= 0) return code;
    }
  } catch (const corridor::error& e) {
    std::fprintf(stderr, "corridor: error: %s\n", e.what());
    return cli::exit_code::bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor: error: %s\n", e.what());
    return cli::exit_code::bad_input;
  }
  return cli::exit_code::ok;
}
