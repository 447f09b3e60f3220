#!/usr/bin/env bash
# Builds everything and passes every test: the normal build (all suites, both
# engines, DynamoDB Local started by the tests themselves on 127.0.0.1), then
# the ASan+UBSan build of all suites, then the TSan build of the concurrency suites, then
# every libFuzzer target for a bounded time (scripts/fuzz.sh; ORDER_MANAGER_FUZZ_SECONDS per
# target, default 20, 0 skips). ORDER_MANAGER_SKIP_SANITIZERS=1 runs only the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/install-deps.sh --test
scripts/fetch-dynamodb-local.sh

# Each stage's time, so a CI log shows where the minutes go (docs/RELIABILITY.md, "CI time").
stage() { echo "== test.sh: $1 at ${SECONDS}s"; }

run_suite() {  # <build dir> <ctest args...>
  local dir=$1; shift
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" "$@")
}

stage "normal build and every suite"
cmake -S . -B build/ci -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
run_suite build/ci

if [[ "${ORDER_MANAGER_SKIP_SANITIZERS:-0}" != "1" ]]; then
  stage "ASan+UBSan build and every suite"
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DORDER_MANAGER_SANITIZE=address \
        -DORDER_MANAGER_BUILD_BENCH=OFF >/dev/null
  run_suite build/asan -E '^install_'

  stage "TSan build and the concurrency suites"
  # TSan builds only the suites labelled "concurrency" (each test is named after its target).
  cmake -S . -B build/tsan -DCMAKE_BUILD_TYPE=Debug -DORDER_MANAGER_SANITIZE=thread \
        -DORDER_MANAGER_BUILD_BENCH=OFF >/dev/null
  mapfile -t concurrency_tests < <(cd build/tsan && ctest -N -L concurrency | sed -n 's/^ *Test *#[0-9]*: //p')
  cmake --build build/tsan -j"$jobs" --target "${concurrency_tests[@]}"
  (cd build/tsan && ctest --output-on-failure -j"$jobs" -L concurrency)

  # libFuzzer (clang, ASan+UBSan): every parser's fuzz target for ORDER_MANAGER_FUZZ_SECONDS
  # each (default 20; 0 skips) over a copy of its seed corpus (docs/FUZZING.md).
  stage "fuzzing"
  fuzz_seconds=${ORDER_MANAGER_FUZZ_SECONDS:-20}
  if [[ "$fuzz_seconds" != "0" ]]; then
    scripts/fuzz.sh "$fuzz_seconds"
  fi
fi
stage "the demo"
# The README's other command, the main job, as a user runs it (Release build).
demo_dir=$(mktemp -d)
demo_output=$(ORDER_DB_PATH="$demo_dir/conversations.db" scripts/demo.sh)
echo "$demo_output"
grep -q '^Total: \$16.99$' <<<"$demo_output"
rm -rf "$demo_dir"
echo "all tests passed in ${SECONDS}s"
