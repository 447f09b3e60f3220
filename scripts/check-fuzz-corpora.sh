#!/usr/bin/env bash
# Lists the libFuzzer targets fuzz/CMakeLists.txt declares (om_add_fuzzer(<target> ...)), one per
# line, after checking that each has a non-empty seed corpus folder fuzz/corpus/<target>/ and that
# no corpus folder is left without a target. Exits 1 naming what is missing: scripts/fuzz.sh runs
# this first, so a target without a corpus fails the fuzz run instead of silently never being fuzzed.
#
#   scripts/check-fuzz-corpora.sh [project-root]
set -euo pipefail
root=${1:-"$(dirname "$0")/.."}

mapfile -t targets < <(sed -n 's/^[[:space:]]*om_add_fuzzer(\([A-Za-z0-9_]*\)[[:space:]].*/\1/p' \
                           "$root/fuzz/CMakeLists.txt")
if (( ${#targets[@]} == 0 )); then
  echo "check-fuzz-corpora: no om_add_fuzzer(<target> ...) in $root/fuzz/CMakeLists.txt" >&2
  exit 1
fi

problems=()
for target in "${targets[@]}"; do
  dir="$root/fuzz/corpus/$target"
  if [[ ! -d "$dir" ]]; then
    problems+=("fuzz target $target has no seed corpus folder fuzz/corpus/$target/")
  elif [[ -z "$(ls -A "$dir")" ]]; then
    problems+=("fuzz target $target has an empty seed corpus folder fuzz/corpus/$target/")
  fi
done
for dir in "$root"/fuzz/corpus/*/; do
  [[ -d "$dir" ]] || continue
  name=$(basename "$dir")
  [[ " ${targets[*]} " == *" $name "* ]] ||
    problems+=("corpus folder fuzz/corpus/$name/ belongs to no om_add_fuzzer target")
done

if (( ${#problems[@]} > 0 )); then
  printf 'check-fuzz-corpora: %s\n' "${problems[@]}" >&2
  exit 1
fi
printf '%s\n' "${targets[@]}"
