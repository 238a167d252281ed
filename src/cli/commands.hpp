// The subcommands: each adds itself to the app and returns the callback that runs it.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace corridor::cli {

using command = std::function<int()>;

command add_info(CLI::App& app);
command add_route(CLI::App& app);
command add_profile(CLI::App& app);
command add_compare(CLI::App& app);
command add_flow(CLI::App& app);
command add_mincost(CLI::App& app);
command add_assign(CLI::App& app);
command add_whatif(CLI::App& app);
command add_scenario(CLI::App& app);
command add_import(CLI::App& app);
command add_calibrate(CLI::App& app);
command add_check(CLI::App& app);

}  // namespace corridor::cli
