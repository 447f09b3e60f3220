"""Issue 17, items 2, 3 and 9: items that other clients write, with the real boto3.

Debian's python3-boto3 puts orders into DynamoDB Local the way the spec's own Python module (or
any script following the spec's "Order Record") would: no status_history / version /
created_sort, None stored as NULL, numbers as Decimal. The order-manager binary must read them as
valid orders, keep its statistics right when it writes to them, skip-and-report an item that is
not an order (export, migrate), name it in `check`, and write unset optional fields as NULL so
boto3 readers find every key of the spec's record.

Run by CTest through with_dynamodb_local (which exports AWS_ENDPOINT_URL_DYNAMODB, dummy
credentials and AWS_REGION); argv[1] is the order-manager binary.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import uuid
from decimal import Decimal

import boto3

CLI = None
SPEC_KEYS = {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at", "updated_at",
             "estimated_ready_time", "conversation_id", "metadata", "items"}


def spec_item(order_id, customer_id="CUST-9", name="Py Thon", status="Pending", total="7.00"):
    """An order as boto3 puts it following the spec's data structure (datetime.now().isoformat())."""
    return {
        "order_id": order_id, "customer_id": customer_id, "customer_name": name,
        "total_price": Decimal(total), "status": status,
        "created_at": "2026-12-02T14:38:48.229681", "updated_at": "2026-12-02T14:38:48.229681",
        "estimated_ready_time": None, "conversation_id": None, "metadata": {"table": "5"},
        "items": [{"item_name": "Coffee", "quantity": 2, "unit_price": Decimal("3.50"),
                   "subtotal": Decimal(total)}],
    }


class OutsideWrites(unittest.TestCase):
    def setUp(self):
        self.table_name = "boto3-" + uuid.uuid4().hex[:12]
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        # A command that adds orders creates the engine's two tables (read-only commands never do:
        # docs/DYNAMODB.md, "A missing table in another region"); the setup order is deleted at once.
        self.run_cli(["create", "--order-id", "SETUP-0", "--customer-id", "SETUP", "--customer-name", "Setup",
                      "--item", "Tea:1:1.00", "--total", "1.00"])
        self.run_cli(["delete", "SETUP-0"])
        resource = boto3.resource("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL_DYNAMODB"],
                                  region_name=os.environ.get("AWS_REGION", "us-east-1"))
        self.table = resource.Table(self.table_name)

    def run_cli(self, args, expect=0):
        env = {k: v for k, v in os.environ.items() if not k.startswith("ORDER_")}
        result = subprocess.run([CLI, "--backend", "dynamodb", "--table", self.table_name] + args,
                                capture_output=True, text=True, env=env, cwd=self.dir.name, timeout=120)
        if expect is not None:
            self.assertEqual(result.returncode, expect,
                             f"{args}: exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def stats(self):
        return json.loads(self.run_cli(["--json", "stats"]).stdout)

    # --- item 2: a spec-shaped item is a valid order ---------------------------------------

    def test_spec_shaped_item_reads_as_a_valid_order(self):
        self.table.put_item(Item=spec_item("BOTO-1"))
        order = json.loads(self.run_cli(["--json", "get", "BOTO-1"]).stdout)
        self.assertEqual(order["created_at"], "2026-12-02T14:38:48.229681Z")  # naive = UTC, stored form
        self.assertIsNone(order["estimated_ready_time"])
        self.assertIsNone(order["conversation_id"])
        self.assertEqual(order["total_price"], 7.0)
        self.assertEqual(order["items"][0]["subtotal"], 7.0)
        self.assertEqual(order["status_history"], [{"status": "Pending", "changed_at": order["created_at"]}])
        self.assertIn("Total: $7.00", self.run_cli(["summary", "BOTO-1"]).stdout)
        with open(os.path.join(self.dir.name, "out.jsonl"), "w"):
            pass
        self.run_cli(["export", "--output", "out.jsonl"])
        with open(os.path.join(self.dir.name, "out.jsonl")) as exported:
            self.assertIn('"order_id":"BOTO-1"', exported.read())

    def test_check_names_foreign_orders_and_recompute_adopts_them_into_the_indexes(self):
        self.table.put_item(Item=spec_item("BOTO-2"))
        check = self.run_cli(["check"], expect=3)
        self.assertIn("written by another client", check.stdout)
        self.assertIn("recompute-stats", check.stdout)
        # Without a sort key the index queries cannot find it yet.
        self.assertNotIn("BOTO-2", self.run_cli(["customer-orders", "Py Thon"]).stdout)
        recomputed = self.run_cli(["recompute-stats", "--json"])
        self.assertEqual(json.loads(recomputed.stdout)["total_orders"], 1)
        self.assertIn("BOTO-2", self.run_cli(["customer-orders", "Py Thon"]).stdout)
        self.assertIn("BOTO-2", self.run_cli(["last-order", "CUST-9"]).stdout)
        self.assertIn("BOTO-2", self.run_cli(["by-status", "Pending"]).stdout)
        self.assertEqual(self.run_cli(["check"]).stdout.splitlines()[-1], "OK")
        # Adopted orders are counted: writing to them moves counts, never doubles them.
        self.run_cli(["set-status", "BOTO-2", "confirmed"])
        self.assertEqual(self.stats()["total_orders"], 1)
        self.assertEqual(self.stats()["status_breakdown"], {"Confirmed": 1})

    # --- item 3: statistics never go negative ----------------------------------------------

    def test_writes_to_an_uncounted_order_keep_the_statistics_right(self):
        self.run_cli(["create", "--order-id", "ORD-1", "--customer-id", "CUST-1", "--customer-name", "Ann",
                      "--item", "Tea:1:2.00", "--total", "2.00"])
        self.table.put_item(Item=spec_item("BOTO-3"))
        self.run_cli(["set-status", "BOTO-3", "Being prepared"])
        stats = self.stats()
        self.assertEqual(stats["total_orders"], 2)
        self.assertEqual(stats["total_revenue"], 9.0)
        self.assertEqual(stats["status_breakdown"], {"Pending": 1, "Being prepared": 1})
        self.assertEqual(stats["unique_customers"], 2)
        self.run_cli(["delete", "BOTO-3"])
        stats = self.stats()
        self.assertEqual(stats["total_orders"], 1)
        self.assertEqual(stats["total_revenue"], 2.0)
        self.assertEqual(stats["unique_customers"], 1)
        # An uncounted order deleted straight away changes no count either.
        self.table.put_item(Item=spec_item("BOTO-4"))
        self.run_cli(["delete", "BOTO-4"])
        self.assertEqual(self.stats()["total_orders"], 1)
        self.assertEqual(self.run_cli(["check"]).stdout.splitlines()[-1], "OK")

    def test_check_names_counters_out_of_step_and_recompute_repairs_them(self):
        self.run_cli(["create", "--order-id", "ORD-2", "--customer-id", "CUST-1", "--customer-name", "Ann",
                      "--item", "Tea:1:2.00", "--total", "2.00"])
        # A statistics read removes the create's intent from its shard (it landed and is complete);
        # until then the reader would discount an order deleted around the engine by itself.
        self.stats()
        self.table.delete_item(Key={"order_id": "ORD-2"})  # around the engine
        check = self.run_cli(["check"], expect=3)
        self.assertIn("statistics counters are out of step", check.stdout)
        self.assertIn("order-manager recompute-stats", check.stdout)
        self.run_cli(["recompute-stats"])
        self.assertEqual(self.stats()["total_orders"], 0)
        self.assertEqual(self.run_cli(["check"]).stdout.splitlines()[-1], "OK")

    # --- item 2: a truly corrupt item is named, skipped, never a dead end ------------------

    def test_corrupt_item_is_named_by_check_and_skipped_by_export_and_migrate(self):
        self.run_cli(["create", "--order-id", "ORD-3", "--customer-id", "CUST-1", "--customer-name", "Ann",
                      "--item", "Tea:1:2.00", "--total", "2.00"])
        bad = spec_item("BAD-1")
        bad["total_price"] = "seven dollars"
        self.table.put_item(Item=bad)
        check = self.run_cli(["check"], expect=3)
        self.assertIn("order item BAD-1 cannot be read", check.stdout)
        self.assertIn("total_price", check.stdout)

        export = self.run_cli(["export", "--output", "all.jsonl"], expect=3)
        self.assertIn("BAD-1", export.stderr)
        self.assertIn("skipped 1", export.stderr)
        self.assertNotIn("run the same command again", export.stderr)
        with open(os.path.join(self.dir.name, "all.jsonl")) as exported:
            self.assertEqual([json.loads(line)["order_id"] for line in exported], ["ORD-3"])

        migrate = self.run_cli(["migrate", "--from", "dynamodb:" + self.table_name, "--to", "sqlite:copy.db"],
                               expect=None)
        self.assertNotEqual(migrate.returncode, 0)
        self.assertIn("BAD-1", migrate.stderr)
        self.assertNotIn("run the same command again", migrate.stderr)
        copied = subprocess.run([CLI, "--db", os.path.join(self.dir.name, "copy.db"), "--json", "stats"],
                                capture_output=True, text=True, check=True)
        self.assertEqual(json.loads(copied.stdout)["total_orders"], 1)

    # --- item 9: unset optional fields are NULL, so spec readers find every key ------------

    def test_engine_items_carry_every_key_of_the_spec_record(self):
        self.run_cli(["create", "--order-id", "ORD-4", "--customer-id", "CUST-1", "--customer-name", "Ann",
                      "--item", "Tea:1:2.00", "--total", "2.00"])
        item = self.table.get_item(Key={"order_id": "ORD-4"})["Item"]
        self.assertTrue(SPEC_KEYS <= set(item), SPEC_KEYS - set(item))
        self.assertIsNone(item["conversation_id"])  # a spec reader's item["conversation_id"] works
        self.assertIsNone(item["estimated_ready_time"])
        # And both forms read back: NULL (above) and absent.
        absent = spec_item("BOTO-5")
        del absent["conversation_id"], absent["estimated_ready_time"]
        self.table.put_item(Item=absent)
        order = json.loads(self.run_cli(["--json", "get", "BOTO-5"]).stdout)
        self.assertIsNone(order["conversation_id"])


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
