"""The earlier pure-Python design, for scale in bench_binding.py: the spec's module opened a
sqlite3 connection per call and kept money as REAL. Only the two benchmarked methods, on the
schema that module created (docs/SQLITE.md, "Upgrading a database of the earlier Python module")."""

import json
import sqlite3
from datetime import datetime


class LegacySqliteOrderManager:
    def __init__(self, db_path):
        self.db_path = db_path
        with sqlite3.connect(self.db_path) as conn:
            conn.executescript("""
                CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL,
                  customer_name TEXT NOT NULL, conversation_id TEXT, total_price REAL NOT NULL,
                  status TEXT NOT NULL DEFAULT 'Pending', created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                  estimated_ready_time TEXT, metadata TEXT);
                CREATE TABLE IF NOT EXISTS order_items (id INTEGER PRIMARY KEY AUTOINCREMENT,
                  order_id TEXT NOT NULL, item_name TEXT NOT NULL, quantity INTEGER NOT NULL,
                  unit_price REAL NOT NULL, subtotal REAL NOT NULL,
                  FOREIGN KEY (order_id) REFERENCES orders(order_id));
                CREATE INDEX IF NOT EXISTS idx_items_order ON order_items(order_id);
            """)

    def preload(self, order_ids, items):
        """The benchmark's stored orders, in one transaction (not a timed path)."""
        now = datetime.now().isoformat()
        with sqlite3.connect(self.db_path) as conn:
            conn.executemany("INSERT INTO orders (order_id, customer_id, customer_name, total_price, created_at,"
                             " updated_at, metadata) VALUES (?, 'CUST-1', 'Customer', 16.99, ?, ?, '{}')",
                             [(order_id, now, now) for order_id in order_ids])
            conn.executemany("INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal)"
                             " VALUES (?, ?, ?, ?, ?)",
                             [(order_id, item["item_name"], item["quantity"], item["unit_price"],
                               item["quantity"] * item["unit_price"]) for order_id in order_ids for item in items])

    def create_order(self, order_id, customer_id, customer_name, items, total_price, conversation_id=None,
                     estimated_ready_time=None, metadata=None):
        now = datetime.now().isoformat()
        try:
            with sqlite3.connect(self.db_path) as conn:
                conn.execute(
                    "INSERT INTO orders (order_id, customer_id, customer_name, conversation_id, total_price,"
                    " status, created_at, updated_at, estimated_ready_time, metadata)"
                    " VALUES (?, ?, ?, ?, ?, 'Pending', ?, ?, ?, ?)",
                    (order_id, customer_id, customer_name, conversation_id, total_price, now, now,
                     estimated_ready_time, json.dumps(metadata) if metadata else None))
                for item in items:
                    conn.execute(
                        "INSERT INTO order_items (order_id, item_name, quantity, unit_price, subtotal)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (order_id, item["item_name"], item["quantity"], item["unit_price"],
                         item["quantity"] * item["unit_price"]))
            return True
        except sqlite3.IntegrityError:
            return False

    def get_order(self, order_id):
        with sqlite3.connect(self.db_path) as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()
            if row is None:
                return None
            order = dict(row)
            order["metadata"] = json.loads(order["metadata"]) if order["metadata"] else {}
            order["items"] = [
                {"item_name": r["item_name"], "quantity": r["quantity"], "unit_price": r["unit_price"],
                 "subtotal": r["subtotal"]}
                for r in conn.execute("SELECT * FROM order_items WHERE order_id = ? ORDER BY id", (order_id,))]
            return order
