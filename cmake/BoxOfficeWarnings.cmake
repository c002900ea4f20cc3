# boxoffice_warnings(target): the one set of warnings every target of the project is built with.
function(boxoffice_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wimplicit-fallthrough)
  if(BOXOFFICE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# boxoffice_module(name SOURCES ... LIBS ...): a module library with public headers in include/.
function(boxoffice_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(boxoffice_${name} STATIC ${ARG_SOURCES})
  add_library(boxoffice::${name} ALIAS boxoffice_${name})
  target_include_directories(boxoffice_${name}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(boxoffice_${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  set_target_properties(boxoffice_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  boxoffice_warnings(boxoffice_${name})
endfunction()
