"""Issue 17: the AWS CLI (Debian's awscli) as an outside client of the DynamoDB engine.

boto3_outside_writes_test.py covers a Python client; this one covers the tool an operator types:
`aws dynamodb put-item` writes an order in the spec's "Order Record" structure (no status_history,
version or created_sort; unset optional fields as NULL), our CLI reads and changes it, and
`aws dynamodb get-item` / `scan` read back what our CLI wrote, finding every key of the spec's
record (NULL where an optional field is unset).

Run by CTest through with_dynamodb_local (which exports AWS_ENDPOINT_URL_DYNAMODB, dummy
credentials and AWS_REGION). The endpoint is also passed as --endpoint-url, because Debian 12's
AWS CLI (2.9) predates the service-specific endpoint variable. argv[1] is the order-manager binary,
argv[2] the aws executable.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import uuid

CLI = None
AWS = None
SPEC_KEYS = {"order_id", "customer_id", "customer_name", "total_price", "status", "created_at", "updated_at",
             "estimated_ready_time", "conversation_id", "metadata", "items"}

# An order as `aws dynamodb put-item --item` takes it, following the spec's data structure:
# created with the spec's datetime.now().isoformat() (naive), unset optional fields as NULL.
SPEC_ORDER = {
    "order_id": {"S": "AWS-1"}, "customer_id": {"S": "CUST-7"}, "customer_name": {"S": "Cli User"},
    "total_price": {"N": "9.50"}, "status": {"S": "Pending"},
    "created_at": {"S": "2026-12-02T14:38:48.229681"}, "updated_at": {"S": "2026-12-02T14:38:48.229681"},
    "estimated_ready_time": {"NULL": True}, "conversation_id": {"NULL": True},
    "metadata": {"M": {"table": {"S": "3"}}},
    "items": {"L": [{"M": {"item_name": {"S": "Bagel"}, "quantity": {"N": "2"},
                           "unit_price": {"N": "2.50"}, "subtotal": {"N": "5.00"}}},
                    {"M": {"item_name": {"S": "Juice"}, "quantity": {"N": "1"},
                           "unit_price": {"N": "4.50"}, "subtotal": {"N": "4.50"}}}]},
}


class AwsCliOutsideClient(unittest.TestCase):
    def setUp(self):
        self.table_name = "awscli-" + uuid.uuid4().hex[:12]
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        # A command that adds orders creates the engine's two tables (read-only commands never do:
        # docs/DYNAMODB.md, "A missing table in another region"); the setup order is deleted at once.
        self.run_cli(["create", "--order-id", "SETUP-0", "--customer-id", "SETUP", "--customer-name", "Setup",
                      "--item", "Tea:1:1.00", "--total", "1.00"])
        self.run_cli(["delete", "SETUP-0"])

    def environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("ORDER_")}
        # Keep the AWS CLI away from any profile of the machine: only the dummy credentials count.
        env["AWS_CONFIG_FILE"] = os.path.join(self.dir.name, "no-config")
        env["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(self.dir.name, "no-credentials")
        env["AWS_PAGER"] = ""
        env.pop("AWS_PROFILE", None)
        return env

    def run_cli(self, args, expect=0):
        result = subprocess.run([CLI, "--backend", "dynamodb", "--table", self.table_name] + args,
                                capture_output=True, text=True, env=self.environment(), cwd=self.dir.name,
                                timeout=120)
        self.assertEqual(result.returncode, expect,
                         f"{args}: exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def aws(self, *args):
        result = subprocess.run([AWS, "dynamodb", *args, "--endpoint-url", os.environ["AWS_ENDPOINT_URL_DYNAMODB"],
                                 "--region", os.environ.get("AWS_REGION", "us-east-1"), "--output", "json"],
                                capture_output=True, text=True, env=self.environment(), cwd=self.dir.name,
                                timeout=120)
        self.assertEqual(result.returncode, 0, f"aws {args}: exit {result.returncode}\n{result.stderr}")
        return json.loads(result.stdout) if result.stdout.strip() else {}

    def aws_get(self, order_id):
        found = self.aws("get-item", "--table-name", self.table_name, "--consistent-read",
                         "--key", json.dumps({"order_id": {"S": order_id}}))
        self.assertIn("Item", found, f"aws get-item found no {order_id}")
        return found["Item"]

    def stats(self):
        return json.loads(self.run_cli(["--json", "stats"]).stdout)

    def test_an_order_put_by_the_aws_cli_is_read_and_changed_by_ours(self):
        self.aws("put-item", "--table-name", self.table_name, "--item", json.dumps(SPEC_ORDER))

        order = json.loads(self.run_cli(["--json", "get", "AWS-1"]).stdout)
        self.assertEqual(order["customer_name"], "Cli User")
        self.assertEqual(order["created_at"], "2026-12-02T14:38:48.229681Z")  # naive = UTC
        self.assertIsNone(order["estimated_ready_time"])  # NULL reads as unset
        self.assertIsNone(order["conversation_id"])
        self.assertEqual(order["total_price"], 9.5)
        self.assertEqual([(i["item_name"], i["quantity"], i["subtotal"]) for i in order["items"]],
                         [("Bagel", 2, 5.0), ("Juice", 1, 4.5)])
        self.assertEqual(order["metadata"], {"table": "3"})

        summary = self.run_cli(["summary", "AWS-1"]).stdout
        self.assertIn("Customer: Cli User", summary)
        self.assertIn("Total: $9.50", summary)

        self.run_cli(["set-status", "AWS-1", "Being prepared"])
        self.assertEqual(json.loads(self.run_cli(["--json", "get", "AWS-1"]).stdout)["status"], "Being prepared")
        # The order was written around the engine: recompute-stats counts it, and the counts the
        # write path keeps after that agree with it.
        self.assertEqual(json.loads(self.run_cli(["recompute-stats", "--json"]).stdout)["total_orders"], 1)
        stats = self.stats()
        self.assertEqual(stats["total_orders"], 1)
        self.assertEqual(stats["total_revenue"], 9.5)
        self.assertEqual(stats["status_breakdown"], {"Being prepared": 1})
        self.assertEqual(stats["unique_customers"], 1)
        self.assertIn("AWS-1", self.run_cli(["by-status", "Being prepared"]).stdout)

        # What our CLI wrote to the item is what the AWS CLI reads back: the new status, every
        # spec key still there, the unset optional fields still NULL.
        item = self.aws_get("AWS-1")
        self.assertTrue(SPEC_KEYS <= set(item), SPEC_KEYS - set(item))
        self.assertEqual(item["status"], {"S": "Being prepared"})
        self.assertEqual(item["estimated_ready_time"], {"NULL": True})
        self.assertEqual(item["conversation_id"], {"NULL": True})

    def test_what_our_cli_writes_the_aws_cli_reads_with_every_spec_key(self):
        self.run_cli(["create", "--order-id", "OURS-1", "--customer-id", "CUST-1", "--customer-name", "Ann",
                      "--item", "Tea:2:1.25", "--total", "2.50"])
        self.run_cli(["create", "--order-id", "OURS-2", "--customer-id", "CUST-2", "--customer-name", "Bo",
                      "--item", "Cake:1:3.00", "--total", "3.00", "--conversation-id", "CONV-9"])
        self.run_cli(["set-ready-time", "OURS-2", "2026-12-02T15:00:00Z"])

        item = self.aws_get("OURS-1")
        self.assertTrue(SPEC_KEYS <= set(item), SPEC_KEYS - set(item))
        self.assertEqual(item["order_id"], {"S": "OURS-1"})
        self.assertEqual(item["customer_id"], {"S": "CUST-1"})
        self.assertEqual(item["customer_name"], {"S": "Ann"})
        self.assertEqual(item["status"], {"S": "Pending"})
        self.assertEqual(float(item["total_price"]["N"]), 2.5)
        self.assertEqual(item["conversation_id"], {"NULL": True})
        self.assertEqual(item["estimated_ready_time"], {"NULL": True})
        self.assertEqual(len(item["items"]["L"]), 1)
        line = item["items"]["L"][0]["M"]
        self.assertEqual(line["item_name"], {"S": "Tea"})
        self.assertEqual(line["quantity"], {"N": "2"})
        self.assertEqual(float(line["unit_price"]["N"]), 1.25)
        self.assertEqual(float(line["subtotal"]["N"]), 2.5)

        # A scan (what an operator runs to see the table) finds both orders with their fields set.
        scanned = self.aws("scan", "--table-name", self.table_name, "--consistent-read")
        orders = {i["order_id"]["S"]: i for i in scanned["Items"] if "customer_name" in i}
        self.assertEqual(set(orders), {"OURS-1", "OURS-2"})
        for order_id, scanned_item in orders.items():
            self.assertTrue(SPEC_KEYS <= set(scanned_item), (order_id, SPEC_KEYS - set(scanned_item)))
        self.assertEqual(orders["OURS-2"]["conversation_id"], {"S": "CONV-9"})
        self.assertTrue(orders["OURS-2"]["estimated_ready_time"]["S"].startswith("2026-12-02T15:00:00"))


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    AWS = sys.argv.pop(1)
    unittest.main(verbosity=2)
