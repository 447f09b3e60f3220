"""get_order and create_order per second: through the Python package, the same calls in a C++
loop on the same engine in the same process (managers._core.timing), and the earlier pure-Python
design (a sqlite3 connection per call) for scale. Prints a Markdown table (docs/PERFORMANCE.md).

    PYTHONPATH=build/dev/python /usr/bin/python3 python/bench/bench_binding.py [--seconds 2] [--rounds 3]

Each figure is the best of --rounds runs of about --seconds each. "file" is a SQLite file with the
default durability (an fsync per commit); ":memory:" leaves the disk out to show the binding's cost.
"""

import argparse
import os
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import managers  # noqa: E402
from managers import _core  # noqa: E402
from legacy_sqlite_manager import LegacySqliteOrderManager  # noqa: E402

ITEMS = [{"item_name": "Coffee", "quantity": 2, "unit_price": 3.50},
         {"item_name": "Sandwich", "quantity": 1, "unit_price": 8.99}]
PRELOADED = 1000


def best_rate(run_batch, seconds, rounds):
    """run_batch() -> (calls, elapsed seconds); batches are repeated for `seconds` per round."""
    best = 0.0
    for _ in range(rounds):
        calls = elapsed = 0
        while elapsed < seconds:
            batch_calls, batch_seconds = run_batch()
            calls += batch_calls
            elapsed += batch_seconds
        best = max(best, calls / elapsed)
    return best


def python_loop(call, arguments):
    def run():
        start = time.perf_counter()
        for argument in arguments:
            call(argument)
        return len(arguments), time.perf_counter() - start
    return run


def preload(manager):
    ids = [f"PRE-{n}" for n in range(PRELOADED)]
    for order_id in ids:
        manager.create_order(order_id, f"CUST-{int(order_id[4:]) % 100}", "Customer", ITEMS, 16.99,
                             metadata={"table": "5"})
    return ids


def create_counter(prefix):
    counter = [0]

    def next_ids(count):
        start = counter[0]
        counter[0] += count
        return [f"{prefix}{n}" for n in range(start, start + count)]
    return next_ids


def measure(db_path, seconds, rounds, legacy_path=None):
    manager = managers.OrderManager(db_path=db_path)
    engine = manager._engine
    ids = preload(manager)
    rows = {}

    def python_create(order_id):
        manager.create_order(order_id, "CUST-1", "Customer 1", ITEMS, 16.99, metadata={"table": "5"})

    rows["get_order"] = (
        best_rate(python_loop(manager.get_order, ids), seconds, rounds),
        best_rate(lambda: (len(ids), _core.timing.time_get_order(engine, ids)), seconds, rounds))
    batch = 200 if db_path == ":memory:" else 20
    python_ids, cpp_ids = create_counter("PY-"), create_counter("CPP-")
    rows["create_order"] = (
        best_rate(lambda: python_loop(python_create, python_ids(batch))(), seconds, rounds),
        best_rate(lambda: (batch, _core.timing.time_create_order(engine, cpp_ids(batch)[0] + "-", batch)),
                  seconds, rounds))
    legacy = {}
    if legacy_path:
        old = LegacySqliteOrderManager(legacy_path)
        for order_id in ids:
            old.create_order(order_id, "CUST-1", "Customer", ITEMS, 16.99, metadata={"table": "5"})
        legacy_ids = create_counter("OLD-")
        legacy["get_order"] = best_rate(python_loop(old.get_order, ids), seconds, rounds)
        legacy["create_order"] = best_rate(
            lambda: python_loop(lambda i: old.create_order(i, "CUST-1", "C", ITEMS, 16.99, metadata={"t": "5"}),
                                legacy_ids(20))(), seconds, rounds)
    return rows, legacy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one round of one figure")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} ({sys.executable}), load average "
          f"{os.getloadavg()[0]:.1f}, {args.rounds} rounds of {args.seconds:g} s, best shown")
    print()
    print("| store | call | Python binding /s | C++ loop /s | binding cost (C++/Python time) "
          "| earlier pure-Python /s |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for label, path, legacy in ((":memory:", ":memory:", None),
                                    ("file", os.path.join(folder, "bench.db"), os.path.join(folder, "old.db"))):
            rows, legacy_rates = measure(path, args.seconds, args.rounds, legacy)
            for call, (python_rate, cpp_rate) in rows.items():
                old = f"{legacy_rates[call]:,.0f}" if call in legacy_rates else "-"
                print(f"| {label} | {call} | {python_rate:,.0f} | {cpp_rate:,.0f} | "
                      f"{cpp_rate / python_rate:.2f}x | {old} |")
                if python_rate <= 0 or cpp_rate <= 0:
                    sys.exit("a rate was zero")


if __name__ == "__main__":
    main()
