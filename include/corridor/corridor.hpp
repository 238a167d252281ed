// corridor: the header-only core. Include this one header, or the pieces you need.
// Needs Boost and Eigen headers and the C++20 standard library; nothing else.
#pragma once

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/error.hpp"
#include "corridor/flow/max_flow.hpp"
#include "corridor/geo.hpp"
#include "corridor/ids.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/modes.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/route.hpp"
#include "corridor/path/shortest_path.hpp"
#include "corridor/path/skim.hpp"
#include "corridor/path/weights.hpp"
#include "corridor/scenario/edits.hpp"
#include "corridor/units.hpp"
#include "corridor/version.hpp"
