"""Issue 15, legacy tables: a table the earlier Python module created and filled, through boto3.

Debian's python3-boto3 creates the table exactly as the spec's module did (KeySchema order_id HASH;
customer_id_index, status_index and customer_name_index keyed on their attribute alone, projection
ALL; provisioned 10/10 and 5/5) and puts orders the way it did: numbers as Decimal(str(float)),
float noise included, naive datetime.now().isoformat() timestamps, None values, no status_history
/ version / created_sort. Then, through the order-manager binary: every read command answers as
documented in legacy mode, `check` names the layout and the command, upgrade-table converts the
table (killed half-way and started again, with CLI writes going on meanwhile), a second run does
nothing, and migrate copies such a table.

Run by CTest through with_dynamodb_local (which exports AWS_ENDPOINT_URL_DYNAMODB, dummy
credentials and AWS_REGION); argv[1] is the order-manager binary.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import unittest
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import boto3

CLI = None
INDEXES = {"customer_id_index": "customer_id", "status_index": "status", "customer_name_index": "customer_name"}
BASE = datetime(2024, 11, 22, 14, 0, 0, 123456)


def create_earlier_modules_table(resource, name):
    """The spec's module's CreateTable call."""
    table = resource.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "order_id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                              for a in ("order_id", "customer_id", "status", "customer_name")],
        GlobalSecondaryIndexes=[{"IndexName": index, "KeySchema": [{"AttributeName": attribute, "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"},
                                 "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}
                                for index, attribute in INDEXES.items()],
        ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 10})
    table.wait_until_exists()  # DescribeTable polling: the API's way to wait (immediate on DynamoDB Local)
    return table


def earlier_modules_order(order_id, customer_id, name, created_at, status, items, total, metadata=None):
    """The item the spec's module put: floats through Decimal(str(x)), None kept, no engine attributes."""
    item = {
        "order_id": order_id, "customer_id": customer_id, "customer_name": name,
        "total_price": Decimal(str(total)), "status": status,
        "created_at": created_at.isoformat(), "updated_at": created_at.isoformat(),
        "estimated_ready_time": None, "conversation_id": None,
        "items": [{"item_name": n, "quantity": q, "unit_price": Decimal(str(p)), "subtotal": Decimal(str(q * p))}
                  for n, q, p in items],
    }
    if metadata is not None:
        item["metadata"] = metadata
    return item


class Fixture:
    """The orders put, and what the interface says each query must answer."""

    def __init__(self):
        self.orders = []
        statuses = ["Pending", "Confirmed", "Pending", "Completed", "Cancelled", "Pending", "Being prepared", "Pending"]
        for i, status in enumerate(statuses):
            created = BASE + timedelta(minutes=7 * i)
            if i == 3:
                created = created.replace(microsecond=0)  # isoformat() then has no fraction at all
            # Float arithmetic's noise, as the module's float maths left it: 3 * 3.3 == 9.899999999999999,
            # 0.1 + 0.2 == 0.30000000000000004, 8.99 + 7.99 + 0.01 == 16.990000000000002.
            lines = [("Coffee", 3, 3.3), ("Cake", 1, 1.15)] if i % 2 == 0 else [("Tea", 1, 0.1 + 0.2), ("Scone", 1, 3.5)]
            total = sum(q * p for _, q, p in lines) if i != 5 else 8.99 + 7.99 + 0.01
            metadata = None if i == 1 else ({} if i == 2 else {"table": str(i)})
            self.orders.append(earlier_modules_order(f"LEG-{i:02d}", "CUST-1", "Ann Lee", created, status, lines,
                                                     total, metadata))
        # Two orders created in the same microsecond: the tie goes by order_id.
        tie = BASE + timedelta(hours=3)
        for order_id in ("LEG-T2", "LEG-T1"):
            self.orders.append(earlier_modules_order(order_id, "CUST-1", "Ann Lee", tie, "Pending",
                                                     [("Soup", 1, 4.25)], 4.25))
        # More than 1 MB for one customer: the partition takes several pages, Query and Scan alike.
        self.big = []
        for i in range(75):  # 75 x ~14 KB (metadata is at most 16 KB as JSON)
            order = earlier_modules_order(f"BIG-{i:02d}", "CUST-BIG", "Big Co", BASE - timedelta(days=1, minutes=i),
                                          "Pending", [("Tray", 1, 10.0)], 10.0, {"note": "x" * 14_000})
            self.big.append(order)

    @staticmethod
    def key(order):
        when = datetime.fromisoformat(order["created_at"]).replace(tzinfo=timezone.utc)
        return (when, order["order_id"])

    def all(self):
        return self.orders + self.big

    def customer(self, name, status=None, limit=None):
        chosen = sorted((o for o in self.all() if o["customer_name"] == name and status in (None, o["status"])),
                        key=self.key, reverse=True)
        return [o["order_id"] for o in chosen[:limit]]

    def by_status(self, status, limit=None):
        chosen = sorted((o for o in self.all() if o["status"] == status), key=self.key)
        return [o["order_id"] for o in chosen[:limit]]

    def last(self, customer_id):
        return max((o for o in self.all() if o["customer_id"] == customer_id), key=self.key)["order_id"]

    def stats(self):
        counted = [o for o in self.all()]
        breakdown = {}
        for o in counted:
            breakdown[o["status"]] = breakdown.get(o["status"], 0) + 1
        revenue = sum(round(float(o["total_price"]) * 100) for o in counted if o["status"] != "Cancelled")
        return {"total_orders": len(counted), "total_revenue": revenue / 100,
                "unique_customers": len({o["customer_id"] for o in counted}), "status_breakdown": breakdown}


class LegacyTable(unittest.TestCase):
    def setUp(self):
        self.table_name = "legacy-" + uuid.uuid4().hex[:12]
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.resource = boto3.resource("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL_DYNAMODB"],
                                       region_name=os.environ.get("AWS_REGION", "us-east-1"))
        self.table = create_earlier_modules_table(self.resource, self.table_name)
        self.fixture = Fixture()
        with self.table.batch_writer() as batch:
            for order in self.fixture.all():
                batch.put_item(Item=order)

    def env(self):
        return {k: v for k, v in os.environ.items() if not k.startswith("ORDER_")}

    def run_cli(self, args, expect=0):
        result = subprocess.run([CLI, "--backend", "dynamodb", "--table", self.table_name] + args,
                                capture_output=True, text=True, env=self.env(), cwd=self.dir.name, timeout=300,
                                stdin=subprocess.DEVNULL)
        if expect is not None:
            self.assertEqual(result.returncode, expect,
                             f"{args}: exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def ids(self, args):
        return [order["order_id"] for order in json.loads(self.run_cli(["--json"] + args).stdout)]

    def index_sort_keys(self):
        described = self.resource.meta.client.describe_table(TableName=self.table_name)["Table"]
        return {index["IndexName"]: [k["AttributeName"] for k in index["KeySchema"] if k["KeyType"] == "RANGE"]
                for index in described.get("GlobalSecondaryIndexes", [])}

    def assert_reads_answer_as_documented(self, extra=()):
        """Every read command, checked against the fixture (plus orders created by the test)."""
        f = self.fixture
        self.assertEqual(self.ids(["customer-orders", "Ann Lee"]), f.customer("Ann Lee"))
        self.assertEqual(self.ids(["customer-orders", "Ann Lee", "--limit", "3"]), f.customer("Ann Lee", limit=3))
        # The status filter comes before the limit.
        self.assertEqual(self.ids(["customer-orders", "Ann Lee", "--status", "pending", "--limit", "2"]),
                         f.customer("Ann Lee", "Pending", 2))
        self.assertEqual(self.ids(["customer-orders", "Big Co"]), f.customer("Big Co"))
        self.assertEqual(self.ids(["by-status", "pending"]), f.by_status("Pending"))
        self.assertEqual(self.ids(["by-status", "pending", "--limit", "4"]), f.by_status("Pending", 4))
        last = json.loads(self.run_cli(["--json", "last-order", "CUST-1"]).stdout)
        self.assertEqual(last["order_id"], f.last("CUST-1"))
        stats = json.loads(self.run_cli(["--json", "stats"]).stdout)
        self.assertEqual(stats, f.stats())

    # --- reading --------------------------------------------------------------------------

    def test_every_read_command_answers_in_legacy_mode_and_check_names_the_upgrade(self):
        raw = self.table.get_item(Key={"order_id": "LEG-00"})["Item"]
        self.assertEqual(raw["items"][0]["subtotal"], Decimal("9.899999999999999"))  # as the module stored it
        order = json.loads(self.run_cli(["--json", "get", "LEG-00"]).stdout)
        self.assertEqual(order["items"][0]["subtotal"], 9.9)
        self.assertEqual(order["total_price"], 11.05)  # Decimal("11.049999999999999")
        self.assertEqual(order["created_at"], "2024-11-22T14:00:00.123456Z")  # naive: UTC
        self.assertEqual(order["metadata"], {"table": "0"})
        self.assertEqual(order["status_history"], [{"status": "Pending", "changed_at": order["created_at"]}])
        odd = json.loads(self.run_cli(["--json", "get", "LEG-01"]).stdout)
        self.assertEqual((odd["items"][0]["unit_price"], odd["total_price"], odd["metadata"]), (0.3, 3.8, {}))
        self.assertEqual(json.loads(self.run_cli(["--json", "get", "LEG-05"]).stdout)["total_price"], 16.99)
        self.assertEqual(json.loads(self.run_cli(["--json", "get", "LEG-03"]).stdout)["created_at"],
                         "2024-11-22T14:21:00.000000Z")

        self.assert_reads_answer_as_documented()
        warned = self.run_cli(["customer-orders", "Ann Lee"])
        warnings = [line for line in warned.stderr.splitlines() if line.startswith("warning:")]
        self.assertEqual(len(warnings), 1, warned.stderr)
        self.assertIn("earlier module's layout", warnings[0])
        self.assertIn("order-manager upgrade-table --table " + self.table_name, warnings[0])
        self.assertNotIn("warning", self.run_cli(["customer-orders", "Ann Lee"]).stdout)

        check = self.run_cli(["check"], expect=3)
        self.assertIn("is in the earlier module's layout", check.stdout)
        self.assertIn("index customer_id_index has no sort key", check.stdout)
        self.assertIn("fix: upgrade it in place", check.stdout)
        self.assertIn("order-manager upgrade-table --table " + self.table_name, check.stdout)

        # A sub-cent amount that is not float noise is still refused, by its key.
        bad = dict(self.fixture.orders[0], order_id="BAD-1", total_price=Decimal("3.555"))
        self.table.put_item(Item=bad)
        failed = self.run_cli(["get", "BAD-1"], expect=3)
        self.assertIn("total_price", failed.stderr)

    def test_migrate_from_the_legacy_table_copies_every_order_exactly(self):
        migrate = self.run_cli(["migrate", "--from", "dynamodb:" + self.table_name, "--to", "sqlite:copy.db"])
        self.assertEqual(migrate.returncode, 0, migrate.stderr)
        copy = os.path.join(self.dir.name, "copy.db")
        stats = json.loads(subprocess.run([CLI, "--db", copy, "--json", "stats"], capture_output=True, text=True,
                                          check=True, env=self.env()).stdout)
        self.assertEqual(stats, self.fixture.stats())
        listed = json.loads(subprocess.run([CLI, "--db", copy, "--json", "customer-orders", "Ann Lee"],
                                           capture_output=True, text=True, check=True, env=self.env()).stdout)
        self.assertEqual([o["order_id"] for o in listed], self.fixture.customer("Ann Lee"))
        self.assertEqual(listed[-1]["created_at"], "2024-11-22T14:00:00.123456Z")

    # --- upgrading ------------------------------------------------------------------------

    def test_upgrade_killed_half_way_is_finished_by_a_rerun_with_writes_going_on(self):
        refused = self.run_cli(["upgrade-table"], expect=2)  # no --yes, no terminal
        self.assertIn("--yes", refused.stderr)
        self.assertEqual(self.index_sort_keys(), {name: [] for name in INDEXES})

        # Run 1: writes from the CLI in the middle of it (it is held with SIGSTOP while they run, so
        # they land between its requests of step 2 whatever the machine's speed), then SIGKILL as
        # soon as it announces building the second index (the old one is gone by then).
        upgrade = subprocess.Popen([CLI, "--backend", "dynamodb", "--table", self.table_name, "upgrade-table", "--yes"],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=self.env(), cwd=self.dir.name)
        seen = []
        killed = False
        for line in upgrade.stderr:
            seen.append(line)
            if line.startswith("step 2/"):
                upgrade.send_signal(signal.SIGSTOP)
                self.run_cli(["create", "--order-id", "NEW-1", "--customer-id", "CUST-1", "--customer-name", "Ann Lee",
                              "--item", "Pie:2:4.50", "--total", "9.00"])
                self.run_cli(["set-status", "LEG-00", "confirmed"])
                self.run_cli(["delete", "LEG-07"])
                upgrade.send_signal(signal.SIGCONT)
            if line.startswith("step 5/"):
                upgrade.send_signal(signal.SIGKILL)
                killed = True
                break
        upgrade.wait(timeout=120)
        upgrade.stdout.close()
        upgrade.stderr.close()
        self.assertTrue(killed, "the upgrade ended before step 5:\n" + "".join(seen))
        self.assertEqual(upgrade.returncode, -signal.SIGKILL)
        self.assertIn("build index customer_name_index", seen[-1])

        # Half-way: customer_id_index is ours, customer_name_index's old one is gone (its new one
        # not built yet, or just being created when the kill came), status_index is the old one.
        keys = self.index_sort_keys()
        self.assertEqual(keys["customer_id_index"], ["created_sort"])
        self.assertIn(keys.get("customer_name_index", []), ([], ["created_sort"]))
        self.assertEqual(keys["status_index"], [])
        # Every read still answers (the missing index is scanned around), writes included.
        new = dict(self.fixture.orders[0], order_id="NEW-1", status="Pending")
        new["created_at"] = json.loads(self.run_cli(["--json", "get", "NEW-1"]).stdout)["created_at"].rstrip("Z")
        new["total_price"] = Decimal("9.00")
        self.fixture.orders.append(new)
        self.fixture.orders[0]["status"] = "Confirmed"
        self.fixture.orders = [o for o in self.fixture.orders if o["order_id"] != "LEG-07"]
        self.assert_reads_answer_as_documented()
        check = self.run_cli(["check"], expect=3)
        self.assertIn("earlier module's layout", check.stdout)

        # Run 2 finishes the job, a write in the middle of it included: as it starts dropping
        # status_index, held with SIGSTOP again. (Not while an index is CREATING: DynamoDB Local,
        # unlike AWS, fails every write then with InternalFailure, "table ... has no column named
        # indexKey_3" in its log, until the new index is ACTIVE.)
        rerun = subprocess.Popen([CLI, "--backend", "dynamodb", "--table", self.table_name, "upgrade-table", "--yes"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=self.env(), cwd=self.dir.name)
        rerun_lines = []
        for line in rerun.stderr:
            rerun_lines.append(line)
            if line.startswith("step 3/"):
                self.assertIn("drop index status_index", line)
                rerun.send_signal(signal.SIGSTOP)
                self.run_cli(["set-status", "LEG-02", "cancelled"])
                rerun.send_signal(signal.SIGCONT)
        out, _ = rerun.communicate(timeout=300)
        self.assertEqual(rerun.returncode, 0, "".join(rerun_lines))
        self.assertIn("Upgraded", out)
        self.assertFalse(any("drop index customer_id_index" in line for line in rerun_lines), rerun_lines)
        self.fixture.orders[2]["status"] = "Cancelled"
        self.assertEqual(self.index_sort_keys(), {name: ["created_sort"] for name in INDEXES})

        # Upgraded: no warning, check OK, the same answers from the sorted indexes and the counters.
        self.assertNotIn("warning", self.run_cli(["customer-orders", "Ann Lee"]).stderr)
        self.assertEqual(self.run_cli(["check"]).stdout.splitlines()[-1], "OK")
        self.assert_reads_answer_as_documented()
        for item in self.table.scan()["Items"]:
            self.assertIn("created_sort", item)
            self.assertIn("version", item)

        # A second run does nothing, and says so.
        again = self.run_cli(["upgrade-table", "--yes"])
        self.assertIn("nothing to do", again.stdout)
        self.assertNotIn("step 1/", again.stderr)


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
