# Every target of ours builds warning-free; a warning is an error.
function(om_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic -Wshadow -Wnon-virtual-dtor)
endfunction()
