# --report DIR never destroys what a user keeps in DIR (hand-checked sequence, each step's exit code
# and the files before and after):
#   cmake -DCORRIDOR=<exe> -DNETWORK=<network folder> -DWORKDIR=<scratch folder> -P report_folder_test.cmake
set(dir "${WORKDIR}/report_folder_test")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}/proj/src")
file(WRITE "${dir}/proj/src/main.c" "precious\n")
set(question compare ${NETWORK} --from kunming --to bangkok --map-format svg)

# Every file FOLDER/index.md links to exists (maps in --map-format: svg here, png by default).
function(check_links folder)
  file(READ "${dir}/${folder}/index.md" index)
  string(REGEX MATCHALL "\\(([0-9A-Za-z_.-]+\\.[a-z]+)\\)" links "${index}")
  list(LENGTH links n_links)
  if(n_links EQUAL 0)
    message(FATAL_ERROR "${folder}/index.md links to no file:\n${index}")
  endif()
  foreach(l ${links})
    string(REGEX REPLACE "^\\(|\\)$" "" target "${l}")
    if(NOT EXISTS "${dir}/${folder}/${target}")
      message(FATAL_ERROR "${folder}/index.md links to ${target}, which the report did not write")
    endif()
  endforeach()
endfunction()

function(run expect_rc)
  execute_process(COMMAND ${CORRIDOR} ${question} ${ARGN} WORKING_DIRECTORY "${dir}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL expect_rc)
    message(FATAL_ERROR "corridor ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(err "${err}" PARENT_SCOPE)
endfunction()
function(expect_content file want)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${file} is gone")
  endif()
  file(READ "${file}" got)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "${file} changed: '${got}'")
  endif()
endfunction()
function(expect_no_temporaries)
  file(GLOB_RECURSE all LIST_DIRECTORIES true "${dir}/*")
  list(FILTER all INCLUDE REGEX "/\\.corridor-tmp-")
  if(all)
    message(FATAL_ERROR "temporary files left behind: ${all}")
  endif()
endfunction()

# 1. A folder of someone else's: refused, exit 2, nothing touched, the error says what to do.
run(2 --report proj)
if(NOT err MATCHES "proj: the folder is not empty and holds no corridor report.*--force")
  message(FATAL_ERROR "unclear refusal: ${err}")
endif()
expect_content("${dir}/proj/src/main.c" "precious\n")
if(EXISTS "${dir}/proj/index.md")
  message(FATAL_ERROR "a refused report wrote index.md")
endif()

# 2. The working directory itself: refused too.
run(2 --report .)
expect_content("${dir}/proj/src/main.c" "precious\n")

# 3. A regular file given as DIR: refused, the file unchanged.
file(WRITE "${dir}/notes.txt" "mine\n")
run(2 --report notes.txt)
expect_content("${dir}/notes.txt" "mine\n")

# 4. --force writes the report's files into it and keeps everything else.
run(0 --report proj --force)
expect_content("${dir}/proj/src/main.c" "precious\n")
foreach(f index.md summary.csv .corridor-report)
  if(NOT EXISTS "${dir}/proj/${f}")
    message(FATAL_ERROR "--force did not write proj/${f}")
  endif()
endforeach()
file(READ "${dir}/proj/.corridor-report" marker)
if(marker MATCHES "main.c" OR NOT marker MATCHES "\nindex.md\n")
  message(FATAL_ERROR "the marker must list the report's files only:\n${marker}")
endif()
check_links(proj)

# 5. Again without --force: the marker makes it the report's folder. An earlier report's file that
#    this run does not write is removed; a marker line outside the folder is ignored.
file(WRITE "${dir}/proj/old-map.svg" "stale\n")
file(WRITE "${dir}/outside.txt" "keep\n")
file(APPEND "${dir}/proj/.corridor-report" "old-map.svg\n../outside.txt\nsrc/main.c/../../../outside.txt\n")
run(0 --report proj)
if(EXISTS "${dir}/proj/old-map.svg")
  message(FATAL_ERROR "the earlier report's old-map.svg was kept")
endif()
expect_content("${dir}/outside.txt" "keep\n")
expect_content("${dir}/proj/src/main.c" "precious\n")

# 6. A new folder (and its parents) and an empty folder are written whole.
run(0 --report new/deep/report)
file(MAKE_DIRECTORY "${dir}/empty")
run(0 --report empty)
foreach(f new/deep/report/index.md empty/index.md)
  if(NOT EXISTS "${dir}/${f}")
    message(FATAL_ERROR "did not write ${f}")
  endif()
endforeach()
# The default map format (png): the index links the png maps.
execute_process(COMMAND ${CORRIDOR} compare ${NETWORK} --from kunming --to bangkok --report pngreport
  WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the png report failed: exit ${rc}")
endif()
check_links(pngreport)
expect_no_temporaries()
file(REMOVE_RECURSE "${dir}")

