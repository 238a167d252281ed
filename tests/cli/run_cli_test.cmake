# Runs one CLI golden test:
#   cmake -DCORRIDOR=<exe> -DARGS=<args joined by @@> -DWORKDIR=<dir> -DEXPECT_RC=<n>
#         [-DGOLDEN=<file>] [-DSTDOUT_MATCH=<regex>] [-DSTDERR_MATCH=<regex>] [-DNO_FILE=<path>]
#         [-DCHECK_FILE=<path>] -P run_cli_test.cmake
# With CORRIDOR_UPDATE_GOLDEN=1 in the environment, GOLDEN is rewritten from the actual output.
string(REPLACE "@@" ";" ARGS "${ARGS}")
# The file to check is this run's: a stale one from an earlier run must not pass.
if(DEFINED CHECK_FILE)
  file(REMOVE "${CHECK_FILE}")
endif()
execute_process(COMMAND ${CORRIDOR} ${ARGS}
  WORKING_DIRECTORY "${WORKDIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE ";" " " shown "${ARGS}")
if(NOT rc STREQUAL EXPECT_RC)
  message(FATAL_ERROR "corridor ${shown}\nexit code ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED GOLDEN)
  if("$ENV{CORRIDOR_UPDATE_GOLDEN}" STREQUAL "1")
    file(WRITE "${GOLDEN}" "${out}")
  endif()
  file(READ "${GOLDEN}" want)
  if(NOT out STREQUAL want)
    file(WRITE "${GOLDEN}.actual" "${out}")
    message(FATAL_ERROR "corridor ${shown}\nstdout differs from ${GOLDEN}\n(see ${GOLDEN}.actual; "
                        "CORRIDOR_UPDATE_GOLDEN=1 rewrites it)\nstdout:\n${out}")
  endif()
endif()
if(DEFINED STDOUT_MATCH AND NOT out MATCHES "${STDOUT_MATCH}")
  message(FATAL_ERROR "corridor ${shown}\nstdout does not match '${STDOUT_MATCH}':\n${out}")
endif()
if(DEFINED STDERR_MATCH AND NOT err MATCHES "${STDERR_MATCH}")
  message(FATAL_ERROR "corridor ${shown}\nstderr does not match '${STDERR_MATCH}':\n${err}")
endif()
if(DEFINED NO_FILE AND EXISTS "${NO_FILE}")
  message(FATAL_ERROR "corridor ${shown}\nleft ${NO_FILE} behind")
endif()
if(DEFINED CHECK_FILE AND NOT EXISTS "${CHECK_FILE}")
  message(FATAL_ERROR "corridor ${shown}\ndid not write ${CHECK_FILE}")
endif()
