#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs; with --test also what the
# tests need (Java for DynamoDB Local, npm to fetch it and the HTTP tests' tools, clang for the
# fuzzers, chromium for the board's browser tests). Safe to run again:
# apt-get is only called when something is missing.
set -euo pipefail

packages=(build-essential cmake pkg-config git
          libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev
          nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
          libgtest-dev libgmock-dev libbenchmark-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(openjdk-17-jre-headless gnuplot-nox)
  packages+=(clang libclang-rt-14-dev)  # scripts/fuzz.sh: clang 14 and its libFuzzer/sanitizer runtimes
  packages+=(chromium wrk)  # the board's browser tests (puppeteer-core drives Debian's chromium); bench/http_load.sh
  command -v npm >/dev/null 2>&1 || packages+=(npm)  # also brings nodejs: tests/http
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
