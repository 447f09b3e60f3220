#!/usr/bin/env bash
# Load benchmark of `order-manager serve` on loopback with wrk: GET /orders/{id}
# and POST /orders at 1, 8 and 64 connections (throughput and p99 latency),
# next to the library's own get_order rate with 2 threads (bench/sqlite_threads)
# and its own create_order rate (bench/sqlite_methods_bench, durability FULL as the
# server's store) measured in the same run, so the server's overhead on GET and on
# POST is a ratio. SQLite engine,
# bearer tokens on (every request pays the token check). docs/PERFORMANCE.md
# ("HTTP server") has figures.
#
#   bench/http_load.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR must hold src/cli/order-manager and
# bench/{sqlite_populate,sqlite_threads,sqlite_methods_bench}
# (a build with -DORDER_MANAGER_BUILD_BENCH=ON; default build-bench). Not part of CI.
set -euo pipefail
build=${1:-build-bench}
seconds=${2:-10}
orders=${ORDERS:-20000}
here=$(cd "$(dirname "$0")" && pwd)
cli=$build/src/cli/order-manager
for program in "$cli" "$build/bench/sqlite_populate" "$build/bench/sqlite_threads" "$build/bench/sqlite_methods_bench"; do
  [[ -x $program ]] || { echo "missing $program (build with -DORDER_MANAGER_BUILD_BENCH=ON)" >&2; exit 64; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 64; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$build/bench/sqlite_populate" --orders "$orders" --db "$work/orders.db" >/dev/null
export TOKEN
TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf 'staff %s\n' "$TOKEN" > "$work/tokens.txt"
"$cli" --db "$work/orders.db" serve --listen 127.0.0.1:0 --tokens "$work/tokens.txt" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q 'listening on' "$work/server.log" && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$work/server.log")
[[ -n $url ]] || { cat "$work/server.log" >&2; exit 1; }

echo "order-manager serve at $url: SQLite, $orders orders, $seconds s per run, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
# wrk's summary: requests/s and the 99th percentile latency.
run_wrk() {  # <connections> <lua script> [path]
  local connections=$1 script=$2 path=${3:-/}
  local threads=$(( connections < 2 ? 1 : 2 ))
  local out
  out=$(ORDERS=$orders PREFIX="P$RANDOM$connections" wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
        -s "$script" "$url$path")
  local rate p99 errors
  rate=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  echo "$rate $p99 ${errors:-0}"
}

declare -A get_rate post_rate
printf '\n| request | connections | requests/s | p99 latency | non-2xx |\n|---|---:|---:|---:|---:|\n'
for c in 1 8 64; do
  read -r rate p99 errors < <(run_wrk "$c" "$here/http_get.lua")
  get_rate[$c]=$rate
  printf '| GET /orders/{id} | %d | %s | %s | %s |\n' "$c" "$rate" "$p99" "$errors"
done
# The server's ceiling on this machine: GET /healthz touches no store and sends 15 bytes, so its
# rate is what loopback TCP, wrk and the HTTP layer alone allow, whatever the store does.
read -r ceiling ceiling_p99 ceiling_errors < <(run_wrk 8 /dev/null /healthz)
printf '| GET /healthz (no store: the ceiling) | 8 | %s | %s | %s |\n' "$ceiling" "$ceiling_p99" "$ceiling_errors"
for c in 1 8 64; do
  read -r rate p99 errors < <(run_wrk "$c" "$here/http_post.lua" /orders)
  post_rate[$c]=$rate
  printf '| POST /orders | %d | %s | %s | %s |\n' "$c" "$rate" "$p99" "$errors"
done

# A reference ceiling from a server nobody here wrote, when Debian's nginx is installed
# (apt-get install nginx-light; not needed otherwise): the same 15-byte answer from nginx with one
# worker per CPU. Any GET must also pay for its store lookup on top of such an answer, so
# 1 / (1 + direct / nginx) bounds the GET ratio that any server can reach on this machine.
nginx_rate=
if command -v nginx >/dev/null; then
  nginx_port=$(( 20000 + RANDOM % 20000 ))
  mkdir -p "$work/nginx/logs"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /healthz { default_type application/json; return 200 '{"status":"ok"}'; }
  }
}
CONF
  if nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>/dev/null; then
    nginx_rate=$(wrk -t2 -c8 -d"${seconds}s" "http://127.0.0.1:$nginx_port/healthz" | awk '/^Requests\/sec:/ {printf "%.0f", $2}')
    kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
    printf '| nginx, the same answer (reference ceiling) | 8 | %s | | |\n' "$nginx_rate"
  fi
fi

kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
direct=$("$build/bench/sqlite_threads" --orders "$orders" --seconds 1 --rounds 3 --threads 2 2>/dev/null |
         awk '/^library \(one shared/ {printf "%.0f", $6}')
# The library's create_order on one thread, durability FULL (what `serve` uses: a create is
# durable before its 201), from Google Benchmark's JSON ("BM_create_order/0" is FULL).
direct_create=$("$build/bench/sqlite_methods_bench" --benchmark_filter='^BM_create_order/0/' \
                  --benchmark_min_time=1 --benchmark_format=json 2>/dev/null |
                awk -F: '/"items_per_second"/ {gsub(/[ ,]/, "", $2); printf "%.0f", $2; exit}')
[[ -n $direct_create ]] || { echo "sqlite_methods_bench gave no create_order rate" >&2; exit 1; }
echo
echo "library get_order, 2 threads, same machine, same run: $direct/s"
echo "library create_order, 1 thread, durability FULL, same machine, same run: $direct_create/s"
awk -v http="${get_rate[8]}" -v direct="$direct" 'BEGIN {
  printf "GET at 8 connections / direct 2-thread get_order: %.2f (target >= 0.50)\n", http / direct }'
awk -v http="$ceiling" -v direct="$direct" 'BEGIN {
  printf "GET /healthz (no store) at 8 connections / direct 2-thread get_order: %.2f (this server answering without a store)\n", http / direct }'
if [[ -n $nginx_rate ]]; then
  awk -v nginx="$nginx_rate" -v direct="$direct" -v http="${get_rate[8]}" 'BEGIN {
    bound = 1 / (1 + direct / nginx)
    printf "bound for any server (1 / (1 + direct / nginx)): %.2f; this server reaches %.0f%% of it\n", bound, 100 * (http / direct) / bound }'
fi
awk -v one="${post_rate[1]}" -v eight="${post_rate[8]}" -v direct="$direct_create" 'BEGIN {
  printf "POST at 1 connection / direct create_order: %.2f\n", one / direct
  printf "POST at 8 connections / direct create_order: %.2f\n", eight / direct }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
