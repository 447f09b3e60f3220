# Every target of ours builds warning-free; a warning is an error.
function(om_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic -Wshadow -Wnon-virtual-dtor)
  # GCC 12 at -O3 reports -Wrestrict inside libstdc++'s std::string operator+
  # (GCC bug 105329, fixed in GCC 13): a false positive in the standard library,
  # not in our code, so only that warning is off, only on that compiler.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
