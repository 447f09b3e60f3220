#!/bin/sh
# Peak resident memory (and wall time) of `order-manager export` and
# `order-manager migrate --from sqlite:A --to sqlite:B` for stores of growing
# size. Streaming means the peak stays flat as the store grows.
#
#   bench/peak_rss.sh BUILD_DIR [WORK_DIR] [SIZES]
#
# BUILD_DIR holds src/cli/order-manager and bench/sqlite_populate (configure
# with -DORDER_MANAGER_BUILD_BENCH=ON). WORK_DIR (default: a new directory
# under /tmp) receives the databases and exports; it is removed at the end
# unless KEEP=1. SIZES defaults to "10000 100000". Needs GNU time (/usr/bin/time,
# Debian package "time").
set -eu

build=${1:?usage: bench/peak_rss.sh BUILD_DIR [WORK_DIR] [SIZES]}
work=${2:-}
sizes=${3:-"10000 100000"}
om="$build/src/cli/order-manager"
populate="$build/bench/sqlite_populate"
[ -x "$om" ] || { echo "missing $om" >&2; exit 1; }
[ -x "$populate" ] || { echo "missing $populate" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "$work" ]; then
  work=$(mktemp -d /tmp/om-peak-rss.XXXXXX)
  [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# measure LABEL COMMAND...: runs it under GNU time, prints "peak_kB wall_s".
measure() {
  label=$1
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/$label.err" || {
    echo "$label failed:" >&2
    cat "$work/$label.err" "$work/time.txt" >&2
    exit 1
  }
  peak=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  echo "$peak $wall"
}

printf '%-8s %10s %18s %11s %20s %12s %12s\n' orders "db MB" "export peak kB" "export wall" "migrate peak kB" \
  "migrate wall" "check peak kB"
for n in $sizes; do
  src="$work/source-$n.db"
  dst="$work/target-$n.db"
  [ -f "$src" ] || "$populate" --orders "$n" --db "$src" > /dev/null
  rm -f "$dst" "$dst-wal" "$dst-shm" "$work/export-$n.jsonl"
  base=$(measure "check-$n" "$om" --db "$src" check)
  exp=$(measure "export-$n" "$om" --db "$src" export --output "$work/export-$n.jsonl")
  mig=$(measure "migrate-$n" "$om" migrate --from "sqlite:$src" --to "sqlite:$dst")
  lines=$(wc -l < "$work/export-$n.jsonl")
  [ "$lines" -eq "$n" ] || { echo "export wrote $lines lines, expected $n" >&2; exit 1; }
  mb=$(du -m "$src" | cut -f1)
  printf '%-8s %10s %18s %11s %20s %12s %12s\n' "$n" "$mb" "${exp% *}" "${exp#* }" "${mig% *}" "${mig#* }" "${base% *}"
done
