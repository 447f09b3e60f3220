#!/usr/bin/env bash
# Installs the build into a temporary prefix, then uses it as an outside
# project would: builds examples/consumer with find_package(OrderManager),
# builds it again with pkg-config alone, runs both, and runs the installed CLI.
#
#   check_install.sh BUILD_DIR SOURCE_DIR CXX_COMPILER [EXTRA_CXX_FLAGS]
#
# EXTRA_CXX_FLAGS carries the sanitizer flags of a sanitizer build (the
# installed static libraries need them at link time).
set -euo pipefail

BUILD_DIR=$1
SOURCE_DIR=$2
CXX=$3
EXTRA_FLAGS=${4:-}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/order-manager-install-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"

fail() { echo "check_install: $*" >&2; exit 1; }

echo "== cmake --install into a temporary prefix"
cmake --install "$BUILD_DIR" --prefix "$PREFIX" >"$WORK/install.log" || { cat "$WORK/install.log"; fail "install failed"; }
for path in include/managers/order_manager.hpp include/managers/order_manager_factory.hpp \
            include/managers/migration.hpp include/managers/version.hpp bin/order-manager; do
  [ -e "$PREFIX/$path" ] || fail "missing from the install: $path"
done
CONFIG=$(find "$PREFIX" -name OrderManagerConfig.cmake | head -n1)
[ -n "$CONFIG" ] || fail "no OrderManagerConfig.cmake installed"
PC_DIR=$(dirname "$(find "$PREFIX" -name order-manager.pc | head -n1)")
[ -f "$PC_DIR/order-manager.pc" ] || fail "no order-manager.pc installed"
if grep -rq -- "$SOURCE_DIR\|$BUILD_DIR" "$PREFIX/include" "$(dirname "$CONFIG")" "$PC_DIR/order-manager.pc"; then
  fail "the install refers to the source or build folder"
fi

echo "== the installed CLI"
"$PREFIX/bin/order-manager" --version | grep -q "order-manager " || fail "order-manager --version"
(cd "$WORK" && "$PREFIX/bin/order-manager" --db "$WORK/cli.db" demo >"$WORK/cli.out") || fail "order-manager demo"
grep -qx 'Total: \$16.99' "$WORK/cli.out" || fail "order-manager demo printed: $(cat "$WORK/cli.out")"

check_quickstart() {  # $1: binary, $2: label
  local out="$WORK/$2.out"
  "$1" "$WORK/$2.db" >"$out" || { cat "$out"; fail "$2: the quickstart failed"; }
  grep -qx 'ORDER #ORD-001' "$out" || fail "$2: no summary in: $(cat "$out")"
  grep -qx '  - Coffee x2 @ \$3.50 = \$7.00' "$out" || fail "$2: wrong item line in: $(cat "$out")"
  grep -qx 'Total: \$16.99' "$out" || fail "$2: wrong total in: $(cat "$out")"
  grep -q '^orders: 1 ' "$out" || fail "$2: the factory did not see the order: $(cat "$out")"
}

echo "== find_package(OrderManager): examples/consumer"
cmake -S "$SOURCE_DIR/examples/consumer" -B "$WORK/consumer" -DCMAKE_PREFIX_PATH="$PREFIX" \
      -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$EXTRA_FLAGS" -DCMAKE_EXE_LINKER_FLAGS="$EXTRA_FLAGS" \
      >"$WORK/consumer-configure.log" 2>&1 || { cat "$WORK/consumer-configure.log"; fail "configuring the consumer"; }
cmake --build "$WORK/consumer" >"$WORK/consumer-build.log" 2>&1 || { cat "$WORK/consumer-build.log"; fail "building the consumer"; }
check_quickstart "$WORK/consumer/quickstart" cmake

echo "== pkg-config --cflags --libs order-manager"
export PKG_CONFIG_PATH="$PC_DIR${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
FLAGS=$(pkg-config --cflags --libs order-manager) || fail "pkg-config cannot resolve order-manager"
echo "   $FLAGS"
# shellcheck disable=SC2086  # the flags are words
"$CXX" -std=c++20 $EXTRA_FLAGS "$SOURCE_DIR/examples/consumer/main.cpp" -o "$WORK/quickstart-pc" $FLAGS \
  || fail "building with the pkg-config flags"
check_quickstart "$WORK/quickstart-pc" pkgconfig

echo "install check passed"
