#!/usr/bin/env bash
# scripts/install-python.sh as a user runs it, then the spec's Quick Start on what it installed
# (issue 12: "scripts/install-python.sh followed by any Python block of the spec works").
# Run by CTest (install_python_script_test); CI runs scripts/test.sh as root on Debian 12.
#
#   install_python_script_test.sh SOURCE_DIR BUILD_DIR SPEC
#
# It installs into the system Python (that is what the script is for), so it needs root; run
# by another user it is skipped (exit 77, CTest's SKIP_RETURN_CODE for it). The pip build
# configures and builds the extension in SOURCE_DIR/build/python-package (python/setup.py):
# from scratch that is a Release build of the library, several minutes on 2 cores; after that
# only what changed.
set -euo pipefail
source_dir=$1 build_dir=$2 spec=$3
if [[ $(id -u) -ne 0 ]]; then
  echo "skipped: scripts/install-python.sh installs into the system Python, which needs root"
  exit 77
fi
[[ -f $spec ]] || { echo "the spec is not at $spec (-DORDER_MANAGER_SPEC=...)" >&2; exit 1; }

started=$SECONDS
# Without PYTHONPATH (CTest's other Python tests set it to the build tree): nothing but the
# script's own work may make `import managers` succeed.
env -u PYTHONPATH "$source_dir/scripts/install-python.sh"
echo "scripts/install-python.sh took $((SECONDS - started)) s"

env -u PYTHONPATH /usr/bin/python3 "$source_dir/python/tests/installed_quick_start.py" "$spec" "$source_dir" "$build_dir"
