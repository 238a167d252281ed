// Exceptions thrown at input and construction boundaries (never for expected outcomes such as
// "no path", which are statuses).
#pragma once

#include <stdexcept>
#include <string>

namespace corridor {

/// Base class of every exception corridor throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Invalid input data: the message names the record (and field) at fault.
class input_error : public error {
 public:
  using error::error;
};

/// A name (node id, place name, mode, ...) that does not exist.
class lookup_error : public error {
 public:
  using error::error;
};

}  // namespace corridor
