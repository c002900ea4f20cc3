# Third-party libraries, all from Debian 12 (installer/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(SQLiteCpp REQUIRED)          # target: SQLiteCpp
find_package(nlohmann_json 3.10 REQUIRED) # target: nlohmann_json::nlohmann_json
find_package(fmt REQUIRED)                # target: fmt::fmt
find_package(CLI11 REQUIRED)              # target: CLI11::CLI11
find_package(OpenSSL REQUIRED)            # targets: OpenSSL::Crypto, OpenSSL::SSL
find_package(CURL REQUIRED)               # target: CURL::libcurl
if(BOXOFFICE_MIMALLOC)
  find_package(mimalloc 2.0 REQUIRED CONFIG) # target: mimalloc (the shared library; apps/allocator)
endif()
# Boost.Beast and Boost.Asio, header-only (the LAN server's HTTP engine): Boost's own CMake
# package (BoostConfig.cmake, shipped since 1.70; CMake 3.30 dropped its FindBoost module).
find_package(Boost 1.74 REQUIRED CONFIG)  # target: Boost::headers
find_path(DATE_INCLUDE_DIR date/date.h REQUIRED)
add_library(boxoffice_date INTERFACE)
target_include_directories(boxoffice_date SYSTEM INTERFACE ${DATE_INCLUDE_DIR})
add_library(date::date ALIAS boxoffice_date)
# RapidJSON (header-only): only its Writer, for the server's large answers (model/JsonWriter.h).
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/writer.h REQUIRED)
add_library(boxoffice_rapidjson INTERFACE)
target_include_directories(boxoffice_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
add_library(rapidjson::rapidjson ALIAS boxoffice_rapidjson)

# cpp-httplib: the HTTP client of the tests and benchmarks (the server does not use it).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf)
pkg_check_modules(PANGO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler-glib)

if(BOXOFFICE_BUILD_GUI)
  # CMake 3.25's FindwxWidgets sets variables only; wrap them in an INTERFACE target.
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base adv)
  add_library(boxoffice_wx INTERFACE)
  target_include_directories(boxoffice_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
  target_compile_definitions(boxoffice_wx INTERFACE ${wxWidgets_DEFINITIONS})
  target_compile_options(boxoffice_wx INTERFACE ${wxWidgets_CXX_FLAGS})
  target_link_libraries(boxoffice_wx INTERFACE ${wxWidgets_LIBRARIES})
  add_library(wx::wx ALIAS boxoffice_wx)
endif()
