# install + export: find_package(corridor) gives corridor::core (header-only) and corridor::gis.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/corridor DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(_corridor_targets corridor_core)
if(CORRIDOR_BUILD_GIS)
  list(APPEND _corridor_targets corridor_gis)
  install(TARGETS corridor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(DIRECTORY src/gis/corridor DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
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
