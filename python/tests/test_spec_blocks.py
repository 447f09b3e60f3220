"""Every ```python block of the spec, run verbatim in a fresh folder, in a fresh interpreter.

Each block is recognised by a line it holds and has an entry in SPEC_BLOCKS: the pass it runs in
(the SQLite pass or the DynamoDB Local pass), the output it must print, checks run in its namespace
afterwards, or — for the blocks that cannot work as written — the error it must fail with and why.
A block without an entry, or an entry without a block, fails the suite: a changed spec gets looked at.
"""

import json
import os
import pathlib
import re
import subprocess
import sys
import uuid

import pytest

import managers

HERE = pathlib.Path(__file__).resolve().parent
RUNNER = HERE / "spec_block_runner.py"

QUICK_START_SUMMARY = ("ORDER #ORD-001\nCustomer: John Doe (ID: CUST-001)\nStatus: Pending\n", "Items:\n"
                       "  - Coffee x2 @ $3.50 = $7.00\n  - Sandwich x1 @ $8.99 = $8.99\nTotal: $16.99\n"
                       "Estimated Ready: 2024-11-22T15:30:00\n")

# signature line -> what the block must do. "passes": which run(s) execute it.
SPEC_BLOCKS = {
    'order_manager = OrderManager(db_path="conversations.db")': dict(
        name="quick_start_sqlite", passes=["sqlite"], stdout=QUICK_START_SUMMARY,
        check='assert type(order_manager).__name__ == "OrderManager"\n'
              'assert order["metadata"] == {"table": "5"} and order["total_price"] == 16.99\n'
              'assert order_manager.db_path == "conversations.db"\n'),
    "order_manager = OrderManagerDynamoDB(": dict(
        name="quick_start_dynamodb", passes=["dynamodb"], stdout=QUICK_START_SUMMARY,
        check='assert type(order_manager).__name__ == "OrderManagerDynamoDB"\n'
              'assert (order_manager.table_name, order_manager.region) == ("orders", "us-east-1")\n'
              'assert order["customer_name"] == "John Doe" and order["items"][1]["unit_price"] == 8.99\n'),
    "sqlite_manager = OrderManagerFactory.create(": dict(
        name="factory", passes=["sqlite", "dynamodb"], stdout=(),
        check='from managers import OrderManager, OrderManagerDynamoDB\n'
              'assert type(sqlite_manager) is OrderManager and sqlite_manager.db_path == "conversations.db"\n'
              'assert type(dynamodb_manager) is OrderManagerDynamoDB\n'
              'assert (dynamodb_manager.table_name, dynamodb_manager.region) == ("orders", "us-east-1")\n'
              'assert sqlite_manager.get_order_statistics()["total_orders"] == 0\n'),
    "os.environ['ORDER_MANAGER_TYPE'] = 'dynamodb'": dict(
        name="create_from_env", passes=["dynamodb"], stdout=(),
        check='from managers import OrderManagerDynamoDB\n'
              'assert type(manager) is OrderManagerDynamoDB and manager.region == "us-west-2"\n'
              'assert manager.get_order("ORD-NONE") is None  # reaches DynamoDB Local in us-west-2\n'),
    "class OrderStatus(Enum):": dict(
        name="order_status_listing", passes=["sqlite"],
        fails="NameError: name 'Enum' is not defined",
        reason="a listing of the enum's definition: it uses Enum without `from enum import Enum`",
        context="from enum import Enum\n",
        check="import managers\n"
              "assert [(m.name, m.value) for m in OrderStatus] == "
              "[(m.name, m.value) for m in managers.OrderStatus]\n"),
    '"order_id": str,': dict(
        name="order_record_structure", passes=["sqlite"], stdout=(),
        check=None),  # a dict literal of types; test_order_record_structure_matches compares its keys
    'manager = OrderManagerDynamoDB(table_name="orders")': dict(
        name="capacity_settings", passes=["dynamodb"],
        fails="NameError: name 'OrderManagerDynamoDB' is not defined",
        reason="a fragment of the DynamoDB section: its import is in the blocks above it",
        context="from managers import OrderManagerDynamoDB\n",
        check='assert manager.table_name == "orders" and manager.region == "us-east-1"  # AWS_REGION\n'
              'assert manager.get_order("ORD-NONE") is None\n'),
    "response = sqlite_manager.table.query()": dict(
        name="migration_sketch", passes=["sqlite"],
        fails="AttributeError: 'OrderManager' object has no attribute 'table'",
        reason="a sketch: `.table.query()` belongs to the earlier module's boto3 internals, not to the "
               "spec's API (the order-manager CLI's `migrate` command does the migration)"),
    "import boto3": dict(
        name="troubleshooting_boto3", passes=["dynamodb"], stdout=(), exact_stdout="", boto3_endpoint=True,
        check=None),
    "manager = OrderManagerFactory.create_from_env()": dict(
        name="integration_example", passes=["sqlite", "dynamodb"],
        stdout=("ORDER #ORD-12345\nCustomer: Alice Johnson (ID: CUST-67890)\nStatus: Being prepared\n",
                "  - Espresso x1 @ $3.00 = $3.00\n  - Pastry x2 @ $4.50 = $9.00\nTotal: $12.00\n",
                "Total revenue: $12.0\n"),
        check='assert manager.get_order("ORD-12345")["status"] == "Being prepared"\n'),
}


def spec_python_blocks(spec_path):
    text = spec_path.read_text(encoding="utf-8")
    blocks = re.findall(r"^[ \t]*```python[ \t]*\n(.*?)^[ \t]*```[ \t]*$", text, re.S | re.M)
    if not blocks:
        pytest.fail(f"no ```python block found in {spec_path}")
    return blocks


def entry_of(block):
    matches = [signature for signature in SPEC_BLOCKS if signature in block]
    assert len(matches) == 1, f"spec block matches {matches} of SPEC_BLOCKS, not exactly one:\n{block}"
    return SPEC_BLOCKS[matches[0]]


def block_named(spec_path, name):
    for block in spec_python_blocks(spec_path):
        if entry_of(block)["name"] == name:
            return block
    pytest.fail(f"the spec has no block {name!r}")


def clean_environment(engine_name):
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDER_")}
    if engine_name == "dynamodb":
        # The integration example builds from the environment: make that DynamoDB, in a table of its own.
        env["ORDER_MANAGER_TYPE"] = "dynamodb"
        env["ORDER_TABLE_NAME"] = f"integration-{uuid.uuid4().hex[:12]}"
        env["AWS_REGION"] = "us-east-1"
    return env


def run_block(block, entry, engine_name, folder):
    (folder / "block.py").write_text(block, encoding="utf-8")
    command = [sys.executable, str(RUNNER), "block.py"]
    if entry.get("check"):
        (folder / "check.py").write_text(entry["check"], encoding="utf-8")
        command.append("check.py")
    if entry.get("boto3_endpoint"):
        command.append("--boto3-endpoint")
    return subprocess.run(command, cwd=folder, env=clean_environment(engine_name), capture_output=True,
                          text=True, timeout=120)


def test_every_python_block_of_the_spec_has_an_entry(spec_path):
    blocks = spec_python_blocks(spec_path)
    names = [entry_of(block)["name"] for block in blocks]
    assert sorted(names) == sorted(entry["name"] for entry in SPEC_BLOCKS.values())


def block_cases():
    return [(entry["name"]) for entry in SPEC_BLOCKS.values()]


@pytest.mark.parametrize("name", block_cases())
def test_spec_block_runs_verbatim(spec_path, engine_name, tmp_path, name):
    block = block_named(spec_path, name)
    entry = entry_of(block)
    if engine_name not in entry["passes"]:
        pytest.skip(f"runs in the {' and '.join(entry['passes'])} pass")
    if name == "troubleshooting_boto3":
        # The block describes the table "orders" in us-east-1: make sure it exists, as after the
        # spec's DynamoDB quick start.
        assert managers.OrderManagerDynamoDB(table_name="orders", region="us-east-1").get_order("X") is None
    result = run_block(block, entry, engine_name, tmp_path)
    if "fails" in entry:
        assert result.returncode != 0, f"expected to fail ({entry['reason']}), but it ran:\n{result.stdout}"
        assert result.stderr.rstrip().splitlines()[-1] == entry["fails"], result.stderr
        if "context" not in entry:
            return
        # With the context it lacks (and nothing else changed) the block works.
        result = run_block(entry["context"] + block, entry, engine_name, tmp_path)
    assert result.returncode == 0, f"block {name} failed:\n{result.stdout}\n{result.stderr}"
    if "exact_stdout" in entry:
        assert result.stdout == entry["exact_stdout"], result.stdout
    for expected in entry.get("stdout", ()):
        assert expected in result.stdout, (expected, result.stdout)
    if entry.get("check"):
        assert result.stdout.endswith("CHECKS PASSED\n"), result.stdout


def test_quick_start_wrote_the_order_into_the_folders_database(spec_path, engine_name, tmp_path):
    if engine_name != "sqlite":
        pytest.skip("SQLite quick start")
    block = block_named(spec_path, "quick_start_sqlite")
    assert run_block(block, SPEC_BLOCKS['order_manager = OrderManager(db_path="conversations.db")'],
                     "sqlite", tmp_path).returncode == 0
    order = managers.OrderManager(db_path=str(tmp_path / "conversations.db")).get_order("ORD-001")
    assert order["customer_name"] == "John Doe" and order["estimated_ready_time"] == "2024-11-22T15:30:00"


def test_order_record_structure_matches(spec_path, make_manager):
    structure = eval(block_named(spec_path, "order_record_structure"))  # a dict literal of types
    manager = make_manager()
    assert manager.create_order("S-1", "C-1", "Ann", [{"item_name": "Tea", "quantity": 2, "unit_price": 1.5}], 3,
                                conversation_id="CONV", estimated_ready_time="2024-11-22T15:30:00",
                                metadata={"k": "v"})
    order = manager.get_order("S-1")
    assert list(order)[:len(structure)] == list(structure)  # the spec's keys, in its order
    assert set(order) - set(structure) == {"status_history"}  # plus what the C++ core adds
    for key, expected_type in structure.items():
        if key == "items":
            for item in order["items"]:
                assert {k: type(v) for k, v in item.items()} == expected_type[0]
        else:
            assert isinstance(order[key], expected_type), (key, order[key])
    assert json.loads(json.dumps(order)) == order  # plain JSON-able data
