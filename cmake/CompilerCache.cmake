# Compiles through ccache when it is installed (scripts/install-deps.sh --test installs it), so a CI
# run on a clean clone does not recompile what an earlier run on the same machine already compiled:
# four build trees (normal, ASan, TSan, fuzz) and the demo's Release tree are most of a clean run.
#
# base_dir is the source tree and hash_dir is off, so two clones in different folders share one
# cache: ccache rewrites the clone's absolute paths to relative ones before hashing and compiling.
# The cost is that debug info names the folder relative to the build tree. ORDER_MANAGER_CCACHE=OFF
# turns it off; a build without ccache is the same build, only slower.
option(ORDER_MANAGER_CCACHE "Compile through ccache when it is installed" ON)
if(ORDER_MANAGER_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(ORDER_MANAGER_CCACHE_PROGRAM ccache)
  if(ORDER_MANAGER_CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=1
        ${ORDER_MANAGER_CCACHE_PROGRAM})
  endif()
endif()
