# boxoffice_add_test(name SOURCES ... LIBS ...): one Catch2 executable per module, registered with CTest.
find_package(Catch2 2 REQUIRED)
include(Catch)

add_library(boxoffice_testmain STATIC ${CMAKE_SOURCE_DIR}/tests/support/CatchMain.cpp
                                      ${CMAKE_SOURCE_DIR}/tests/support/TestSupport.cpp
                                      ${CMAKE_SOURCE_DIR}/tests/support/CupsQueue.cpp)
target_include_directories(boxoffice_testmain PUBLIC ${CMAKE_SOURCE_DIR}/tests/support)
target_link_libraries(boxoffice_testmain PUBLIC Catch2::Catch2 boxoffice_allocator)
target_compile_definitions(boxoffice_testmain PUBLIC
  BOXOFFICE_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data"
  BOXOFFICE_ASSETS_DIR="${BOXOFFICE_ASSETS_DIR}"
  BOXOFFICE_BINARY_DIR="${CMAKE_BINARY_DIR}")
boxoffice_warnings(boxoffice_testmain)

function(boxoffice_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE boxoffice_testmain ${ARG_LIBS})
  boxoffice_warnings(${name})
  # --warn NoTests: a name Catch cannot match (CTest cuts names at a semicolon) fails instead of
  # passing without running anything.
  catch_discover_tests(${name} TEST_PREFIX "${name}: " EXTRA_ARGS --warn NoTests PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
