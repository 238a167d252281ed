# install + export: find_package(corridor) gives corridor::core (header-only), corridor::gis and
# corridor::analysis.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The header-only core; the compiled layers' public headers only with their libraries.
install(DIRECTORY include/corridor DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  PATTERN gis EXCLUDE PATTERN analysis EXCLUDE)
set(_corridor_targets corridor_core)
if(CORRIDOR_BUILD_GIS)
  list(APPEND _corridor_targets corridor_gis corridor_analysis)
  install(TARGETS corridor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(DIRECTORY include/corridor/gis include/corridor/analysis
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/corridor)
endif()
install(TARGETS ${_corridor_targets} EXPORT corridorTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/corridor)
install(EXPORT corridorTargets NAMESPACE corridor:: DESTINATION ${_cmake_dir})
set(CORRIDOR_WITH_GIS ${CORRIDOR_BUILD_GIS})
configure_package_config_file(cmake/corridorConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/corridorConfig.cmake INSTALL_DESTINATION ${_cmake_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/corridorConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/corridorConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/corridorConfigVersion.cmake DESTINATION ${_cmake_dir})
