// Answering corridor questions (from -> to, compared options), shared by `compare` and
// `scenario run`.
#pragma once

#include <string>
#include <vector>

#include "common.hpp"
#include "corridor/analysis/compare.hpp"

namespace corridor::cli {

// The analysis layer's question runner (see corridor/analysis/compare.hpp).
using analysis::default_options;
using analysis::study;
using analysis::study_of;

/// A file-name-safe slug: lower-case letters, digits and '-'.
[[nodiscard]] std::string slug(const std::string& s);

}  // namespace corridor::cli
