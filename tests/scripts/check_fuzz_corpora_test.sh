#!/usr/bin/env bash
# scripts/check-fuzz-corpora.sh, which scripts/fuzz.sh runs first: passes on the repository's fuzz/,
# and fails, naming the target, on copies of it where a target has lost its seed corpus, has an
# empty one, or a new target was declared without one.
#
#   check_fuzz_corpora_test.sh <project-source-dir>
set -euo pipefail
source_dir=$1
check="$source_dir/scripts/check-fuzz-corpora.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A copy of the project's fuzz/ (CMakeLists.txt and corpora) to break.
fresh_copy() {
  rm -rf "$work/project"
  mkdir -p "$work/project/fuzz"
  cp "$source_dir/fuzz/CMakeLists.txt" "$work/project/fuzz/"
  cp -r "$source_dir/fuzz/corpus" "$work/project/fuzz/"
}

# expect_refused <what> <text the error must contain>
expect_refused() {
  local status=0
  "$check" "$work/project" >"$work/out" 2>"$work/err" || status=$?
  if (( status == 0 )); then
    fail "$1: accepted (exit 0)"
  elif ! grep -q -- "$2" "$work/err"; then
    fail "$1: the error does not name '$2': $(cat "$work/err")"
  else
    echo "ok: $1 -> $(head -n 1 "$work/err")"
  fi
}

# The repository itself passes and lists every declared target.
if listed=$("$check" "$source_dir"); then
  declared=$(grep -c '^om_add_fuzzer(' "$source_dir/fuzz/CMakeLists.txt")
  [[ $(wc -l <<<"$listed") -eq $declared ]] || fail "lists $(wc -l <<<"$listed") targets, fuzz/CMakeLists.txt declares $declared"
  echo "ok: the repository's $declared targets all have a corpus"
else
  fail "the repository's own fuzz/ is refused"
fi

first=$(sed -n 's/^om_add_fuzzer(\([A-Za-z0-9_]*\) .*/\1/p' "$source_dir/fuzz/CMakeLists.txt" | head -n 1)

fresh_copy
rm -rf "$work/project/fuzz/corpus/$first"
expect_refused "a target whose corpus folder is gone" "$first"

fresh_copy
rm -rf "$work/project/fuzz/corpus/$first"/*
rm -rf "$work/project/fuzz/corpus/$first"/.[!.]* 2>/dev/null || true
expect_refused "a target with an empty corpus folder" "$first"

fresh_copy
echo 'om_add_fuzzer(new_fuzzer new_fuzzer.cpp)' >>"$work/project/fuzz/CMakeLists.txt"
expect_refused "a new target declared without a corpus" "new_fuzzer"

fresh_copy
mkdir -p "$work/project/fuzz/corpus/orphan_fuzzer" && echo seed >"$work/project/fuzz/corpus/orphan_fuzzer/seed"
expect_refused "a corpus folder without a target" "orphan_fuzzer"

if (( failures > 0 )); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
