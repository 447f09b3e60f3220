"""Several Python threads sharing one manager: the GIL is released in every storage call, so the
calls overlap, and every write is present afterwards."""

import sqlite3
import threading
import time

import pytest

import managers

from managers import OrderStatus
from conftest import create_simple

THREADS = 8
ORDERS_PER_THREAD = 25


def run_threads(target):
    errors = []

    def guarded(n):
        try:
            target(n)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_threads_sharing_one_manager_lose_no_write(manager):
    def work(n):
        for i in range(ORDERS_PER_THREAD):
            order_id = f"T{n}-{i}"
            assert create_simple(manager, order_id, f"CUST-{n}", f"Customer {n}", 1.25)
            assert manager.get_order(order_id)["order_id"] == order_id
            assert manager.update_order_status(order_id, OrderStatus.CONFIRMED)

    run_threads(work)
    statistics = manager.get_order_statistics()
    assert statistics["total_orders"] == THREADS * ORDERS_PER_THREAD
    assert statistics["status_breakdown"] == {"Confirmed": THREADS * ORDERS_PER_THREAD}
    assert statistics["unique_customers"] == THREADS
    assert statistics["total_revenue"] == 1.25 * THREADS * ORDERS_PER_THREAD
    for n in range(THREADS):
        orders = manager.get_customer_orders(f"Customer {n}")
        assert sorted(order["order_id"] for order in orders) == sorted(f"T{n}-{i}" for i in range(ORDERS_PER_THREAD))


def test_racing_updates_of_one_order_lose_no_history_entry(manager):
    assert create_simple(manager, "RACE", "C-1", "Ann")
    cycle = [OrderStatus.CONFIRMED, OrderStatus.PREPARING]

    def work(n):
        for i in range(10):
            assert manager.update_order_status("RACE", cycle[(n + i) % 2])

    run_threads(work)
    history = manager.get_order("RACE")["status_history"]
    changes = sum(1 for before, after in zip(history, history[1:]) if before["status"] != after["status"])
    assert changes == len(history) - 1 and len(history) >= 2


def test_the_gil_is_released_while_a_call_waits_in_cpp(engine_name, tmp_path):
    # Another connection holds SQLite's write lock, so create_order waits inside C++ (the busy
    # timeout). Only if that wait releases the GIL can this thread run on and release the lock;
    # with the GIL held the create would time out with StorageError(SQLITE_BUSY) instead.
    if engine_name != "sqlite":
        pytest.skip("uses SQLite's file lock; runs in the SQLite pass")
    path = str(tmp_path / "locked.db")
    manager = managers.OrderManager(db_path=path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    outcome = {}

    def create():
        outcome["started"] = time.monotonic()
        outcome["created"] = create_simple(manager, "WAIT-1", "C-1", "Ann")
        outcome["finished"] = time.monotonic()

    worker = threading.Thread(target=create)
    worker.start()
    deadline = time.monotonic() + 10
    while "started" not in outcome or time.monotonic() < outcome["started"] + 0.3:  # Python code: needs the GIL
        assert time.monotonic() < deadline
    assert worker.is_alive() and "finished" not in outcome  # still waiting for the lock
    released = time.monotonic()
    blocker.execute("ROLLBACK")
    blocker.close()
    worker.join(timeout=10)
    assert outcome.get("created") is True
    assert outcome["finished"] >= released
    assert manager.get_order("WAIT-1") is not None
