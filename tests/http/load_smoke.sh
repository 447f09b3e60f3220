#!/usr/bin/env bash
# A bounded load smoke test of `order-manager serve` (issue 14), run by CTest: wrk drives
# GET /orders/{id} and then POST /orders at 8 connections for a few seconds each against a
# SQLite store on 127.0.0.1, with bearer tokens on, through the same Lua scripts as
# bench/http_load.sh. It fails on any socket error (connect, read, write, timeout) and on any
# response other than 2xx: the ids GET asks for all exist and every POST has a new id, so not
# even a 404 or a 409 is expected. The rates are printed; they are not asserted (CI shares
# its 2 cores with the other tests), bench/http_load.sh is the benchmark.
#
#   load_smoke.sh ORDER_MANAGER BENCH_DIR [SECONDS]
set -euo pipefail
cli=$1
bench=$2            # bench/: http_get.lua, http_post.lua
seconds=${3:-3}
orders=200
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/install-deps.sh --test)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The ids http_get.lua asks for (ORD-00000000 .. ORD-00000199), imported in one command.
for ((n = 0; n < orders; n++)); do
  # Whole records, as export writes them (import takes complete orders).
  printf '{"order_id":"ORD-%08d","customer_id":"CUST-%d","customer_name":"Load %d","total_price":7.0,' "$n" $((n % 20)) $((n % 20))
  printf '"status":"Pending","created_at":"2026-12-01T10:00:00.000000Z","updated_at":"2026-12-01T10:00:00.000000Z",'
  printf '"estimated_ready_time":null,"conversation_id":null,"metadata":{},'
  printf '"items":[{"item_name":"Coffee","quantity":2,"unit_price":3.5,"subtotal":7.0}],'
  printf '"status_history":[{"status":"Pending","changed_at":"2026-12-01T10:00:00.000000Z"}]}\n'
done >"$work/orders.jsonl"
"$cli" --db "$work/orders.db" import "$work/orders.jsonl" >/dev/null

export TOKEN
TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf 'staff %s\n' "$TOKEN" >"$work/tokens.txt"
"$cli" --db "$work/orders.db" serve --listen 127.0.0.1:0 --tokens "$work/tokens.txt" >"$work/server.log" 2>&1 &
server_pid=$!
# Wait (bounded) for the line that says where it listens; a server that exits stops the wait.
url=
for _ in $(seq 1 300); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$work/server.log")
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[[ -n $url ]] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
[[ $url == http://127.0.0.1:* ]] || { echo "not on loopback: $url" >&2; exit 1; }

failed=0
# run <name> <lua script> <path>: one wrk run; checks its summary, prints the rate.
run() {
  local name=$1 script=$2 path=$3 out
  # --timeout 10s: a request slower than that is a failure, not load noise on a shared machine.
  out=$(ORDERS=$orders PREFIX="S$$" wrk -t2 -c8 -d"${seconds}s" --timeout 10s --latency -s "$script" "$url$path" 2>&1)
  local rate p99 requests non2xx socket_errors
  rate=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  socket_errors=$(grep 'Socket errors:' <<<"$out" || true)
  echo "$name at 8 connections: ${rate:-?} requests/s, p99 ${p99:-?}, ${requests:-?} requests, non-2xx ${non2xx:-0}"
  if [[ -z $requests || $requests -eq 0 ]]; then
    echo "FAIL: $name: no request completed"; echo "$out"; failed=1
  fi
  if [[ -n $socket_errors ]]; then
    echo "FAIL: $name: $socket_errors"; failed=1
  fi
  if [[ -n $non2xx && $non2xx != 0 ]]; then
    echo "FAIL: $name: $non2xx responses were not 2xx"; grep -m5 'unexpected status' <<<"$out" || true; failed=1
  fi
}
run "GET /orders/{id}" "$bench/http_get.lua" /
run "POST /orders" "$bench/http_post.lua" /orders

# The server stops cleanly after the load (exit 0 on SIGTERM), and the POSTs were stored.
kill "$server_pid"
server_exit=0
wait "$server_pid" || server_exit=$?
server_pid=
if (( server_exit != 0 )); then echo "FAIL: the server exited $server_exit"; cat "$work/server.log"; failed=1; fi
stored=$("$cli" --db "$work/orders.db" --json stats | sed -n 's/.*"total_orders": *\([0-9]*\).*/\1/p')
echo "orders stored after the run: $stored (imported $orders)"
if [[ -z $stored || $stored -le $orders ]]; then echo "FAIL: POST stored nothing"; failed=1; fi
if (( failed )); then echo "load smoke test failed"; exit 1; fi
echo "load smoke test passed"
