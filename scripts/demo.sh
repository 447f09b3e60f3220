#!/usr/bin/env bash
# Builds the order-manager CLI and runs the main job on the embedded SQLite
# default: the spec's Quick Start (create ORD-001, print its summary) in
# ./conversations.db (or $ORDER_DB_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release \
      -DORDER_MANAGER_BUILD_TESTS=OFF -DORDER_MANAGER_BUILD_BENCH=OFF >/dev/null
cmake --build build/release --target order-manager -j"$(nproc)"
build/release/src/cli/order-manager demo
