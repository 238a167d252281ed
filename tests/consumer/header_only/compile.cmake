# Compiles main.cpp with the bare compiler: -I<include> plus Boost and Eigen, nothing else.
set(flags -std=c++20 -Wall -Wextra -Werror -I${INCLUDE})
foreach(dir IN LISTS EXTRA)
  if(dir AND NOT dir STREQUAL "/usr/include")  # the default path: -isystem would break include_next
    list(APPEND flags -isystem ${dir})
  endif()
endforeach()
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CXX} ${flags} ${SRC} -o ${OUT}/header_only RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "header-only consumer failed to compile:\n${err}")
endif()
execute_process(COMMAND ${OUT}/header_only RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "header-only consumer exited with ${rc}")
endif()
