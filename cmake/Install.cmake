# `cmake --install` puts the headers, the libraries, the CLI, a CMake package
# (find_package(OrderManager) -> OrderManager::order_manager) and a pkg-config file in place.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/managers DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/generated/managers/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/managers)
install(TARGETS order_manager order_manager_aws
        EXPORT OrderManagerTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS order-manager RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT OrderManagerTargets
        NAMESPACE OrderManager::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OrderManager)

configure_package_config_file(cmake/OrderManagerConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/OrderManagerConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OrderManager)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/OrderManagerConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/OrderManagerConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/OrderManagerConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OrderManager)

# The .pc file finds its prefix relative to itself (${pcfiledir}), so it stays
# right for `cmake --install --prefix <elsewhere>` and for a moved install tree.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(ORDER_MANAGER_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _om_pc_up "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" _om_pc_up "${_om_pc_up}")
  set(ORDER_MANAGER_PC_PREFIX "\${pcfiledir}/${_om_pc_up}")
endif()
configure_file(cmake/order-manager.pc.in ${CMAKE_CURRENT_BINARY_DIR}/order-manager.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/order-manager.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
