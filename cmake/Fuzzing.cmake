# ORDER_MANAGER_BUILD_FUZZ=ON builds the libFuzzer targets of fuzz/ (clang only; scripts/fuzz.sh).
# Every target of the project is then compiled with coverage instrumentation for libFuzzer
# (-fsanitize=fuzzer-no-link) and ASan+UBSan, so the fuzzers see and check the library code;
# only the fuzz targets themselves link libFuzzer's main (om_add_fuzzer).
if(NOT ORDER_MANAGER_BUILD_FUZZ)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ORDER_MANAGER_BUILD_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
                      "configure a fresh build folder with CC=clang CXX=clang++ (Debian: clang, libclang-rt-14-dev)")
endif()
if(NOT ORDER_MANAGER_SANITIZE STREQUAL "")
  message(FATAL_ERROR "ORDER_MANAGER_BUILD_FUZZ brings its own sanitizers (ASan+UBSan): "
                      "leave ORDER_MANAGER_SANITIZE empty")
endif()

# Without a build type (scripts/fuzz.sh): -O1 -gline-tables-only, as OSS-Fuzz builds: fast to
# compile and run, stacks still symbolized, and assertions on (nlohmann's JSON_ASSERT among them).
if(NOT CMAKE_BUILD_TYPE)
  add_compile_options(-O1 -gline-tables-only)
endif()
# _GLIBCXX_ASSERTIONS: bounds checks in std::string / string_view / vector operator[], which
# ASan cannot see inside an allocation (a short string's in-object buffer, spare capacity).
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
add_link_options(-fsanitize=address,undefined)

# nlohmann/json.hpp is in nearly every file, and parsing it is a third of the compile time of
# this (instrumented) build: precompile it, in this configuration only, to keep the CI step short.
set(OM_FUZZ_PCH_HEADERS <nlohmann/json.hpp> <map> <optional> <string> <string_view> <vector>)
function(om_precompile_fuzz_headers)
  foreach(library order_manager order_manager_aws)
    target_precompile_headers(${library} PRIVATE ${OM_FUZZ_PCH_HEADERS})
  endforeach()
endfunction()

# om_add_fuzzer(<name> <sources...>): one libFuzzer executable linked to the library. It is
# compiled with the library's flags (fuzzer-no-link instruments as -fsanitize=fuzzer does); only
# the link adds libFuzzer's main(). The first fuzzer precompiles the headers for all of them
# (an executable's PCH is -fPIE, the libraries' -fPIC).
function(om_add_fuzzer name)
  add_executable(${name} ${ARGN})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/fuzz)
  target_link_libraries(${name} PRIVATE order_manager order_manager_aws)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  om_set_warnings(${name})
  get_property(pch_owner GLOBAL PROPERTY OM_FUZZ_PCH_OWNER)
  if(pch_owner)
    target_precompile_headers(${name} REUSE_FROM ${pch_owner})
  else()
    target_precompile_headers(${name} PRIVATE ${OM_FUZZ_PCH_HEADERS})
    set_property(GLOBAL PROPERTY OM_FUZZ_PCH_OWNER ${name})
  endif()
endfunction()
