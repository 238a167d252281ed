# corridor_require(<Package> [version] PACKAGE <debian-package> [find_package args...])
# Like find_package(... REQUIRED), but a missing package stops the configure step with the Debian
# package that provides it, so the fix is one `apt-get install` away.
include(GNUInstallDirs)
macro(corridor_require name)
  cmake_parse_arguments(_cr "" "PACKAGE" "" ${ARGN})
  find_package(${name} ${_cr_UNPARSED_ARGUMENTS} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "corridor needs ${name}, which was not found.\n"
      "On Debian 12 install it with:  sudo apt-get install ${_cr_PACKAGE}\n"
      "(or run scripts/install-deps, which installs everything corridor needs)")
  endif()
endmacro()
