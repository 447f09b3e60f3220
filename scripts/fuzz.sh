#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan+UBSan, in build/fuzz) and runs each
# for N seconds (default 20) over a copy of its seed corpus in a temporary folder, so a run
# never writes into the repository. Fails if a target has no seed corpus, and if any target
# finds a crash, a broken invariant, a leak, a timeout or runs out of memory; the input is then
# kept in build/fuzz/crashes/<target>/.
#
#   scripts/fuzz.sh [seconds-per-target]
#
# docs/FUZZING.md describes the targets and how to run one longer or reproduce a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
if [[ ! "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [seconds-per-target]   (a whole number >= 1, default 20)" >&2
  exit 2
fi
jobs=$(nproc)
build=build/fuzz

# The targets fuzz/CMakeLists.txt declares; each must have a seed corpus folder
# fuzz/corpus/<target>/, else the run fails here (scripts/check-fuzz-corpora.sh says which).
target_list=$(scripts/check-fuzz-corpora.sh .)
mapfile -t targets <<<"$target_list"

start=$(date +%s)
# No build type: cmake/Fuzzing.cmake then compiles with -O1 -gline-tables-only.
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE= -DORDER_MANAGER_BUILD_FUZZ=ON \
      -DORDER_MANAGER_BUILD_TESTS=OFF -DORDER_MANAGER_BUILD_BENCH=OFF >/dev/null
# The whole project, not only the fuzz targets: it must stay warning-free under clang too.
cmake --build "$build" -j"$jobs"
echo "fuzz build: $(( $(date +%s) - start )) s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=()
for target in "${targets[@]}"; do
  corpus="$work/corpus-$target"
  cp -r "fuzz/corpus/$target" "$corpus"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$work/$target-")
  [[ -f "fuzz/dict/$target.dict" ]] && options+=(-dict="fuzz/dict/$target.dict")
  log="$work/$target.log"
  status=0
  "$build/fuzz/$target" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  # The last status line: "#123456  DONE   cov: 332 ft: 949 corp: 129/2528b ..."
  progress=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  coverage=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$progress")
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$progress")
  entries=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$progress")
  if (( status == 0 )); then
    printf '%-26s ok     %9s runs %7s/s  cov %5s  ft %6s  corpus %5s\n' \
           "$target" "${runs:-?}" "${speed:-?}" "${coverage:-?}" "${features:-?}" "${entries:-?}"
  else
    failed+=("$target")
    printf '%-26s FAILED (exit %s) after %s runs\n' "$target" "$status" "${runs:-?}"
    kept="$build/crashes/$target"
    mkdir -p "$kept"
    cp "$work/$target-"* "$kept/" 2>/dev/null || true
    # The report: the broken invariant or sanitizer error and the top of its stack.
    grep -v -E '^(INFO|#[0-9]+|MS:|\*\*\*)' "$log" | head -n 40 | sed 's/^/    /'
    echo "    input kept in $kept/; reproduce: $build/fuzz/$target $kept/<file>"
  fi
done

if (( ${#failed[@]} > 0 )); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds} s each, nothing found ($(( $(date +%s) - start )) s in all)"
