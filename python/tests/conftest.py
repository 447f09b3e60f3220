"""Shared fixtures. Run through CTest (python/tests/CMakeLists.txt), which sets PYTHONPATH to the
built package and ORDER_MANAGER_SPEC to the spec. ``--engine=dynamodb`` runs the engine tests
on DynamoDB Local: start pytest under tests/support's ``with_dynamodb_local``, which exports
AWS_ENDPOINT_URL_DYNAMODB."""

import itertools
import os
import pathlib

import pytest

import managers


def pytest_addoption(parser):
    parser.addoption("--engine", choices=["sqlite", "dynamodb"], default="sqlite",
                     help="the storage engine the engine tests run on")


@pytest.fixture(scope="session")
def engine_name(request):
    name = request.config.getoption("--engine")
    if name == "dynamodb" and not os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"):
        pytest.fail("--engine=dynamodb needs AWS_ENDPOINT_URL_DYNAMODB (run under with_dynamodb_local)")
    return name


@pytest.fixture(scope="session")
def spec_path():
    path = os.environ.get("ORDER_MANAGER_SPEC")
    if not path:
        pytest.fail("ORDER_MANAGER_SPEC is not set: it names the spec whose Python blocks are tested")
    spec = pathlib.Path(path)
    if not spec.is_file():
        pytest.fail(f"the spec is missing: {spec} (ORDER_MANAGER_SPEC)")
    return spec


_table_numbers = itertools.count()


@pytest.fixture
def make_manager(engine_name, tmp_path):
    """make_manager(decimal_money=False) -> a manager on an empty store of the engine under test
    (a fresh SQLite file, or a fresh DynamoDB table)."""

    def make(decimal_money=False):
        if engine_name == "sqlite":
            return managers.OrderManager(db_path=str(tmp_path / f"orders-{next(_table_numbers)}.db"),
                                         decimal_money=decimal_money)
        table = f"py-{os.getpid()}-{next(_table_numbers)}"
        return managers.OrderManagerDynamoDB(table_name=table, region="us-east-1", decimal_money=decimal_money)

    return make


@pytest.fixture
def manager(make_manager):
    return make_manager()


SPEC_ITEMS = [
    {"item_name": "Coffee", "quantity": 2, "unit_price": 3.50},
    {"item_name": "Sandwich", "quantity": 1, "unit_price": 8.99},
]


def create_spec_order(manager, order_id="ORD-001"):
    """The spec's Quick Start order."""
    return manager.create_order(
        order_id=order_id,
        customer_id="CUST-001",
        customer_name="John Doe",
        items=SPEC_ITEMS,
        total_price=16.99,
        estimated_ready_time="2024-11-22T15:30:00",
        metadata={"table": "5"},
    )


def create_simple(manager, order_id, customer_id, customer_name, price=1.00):
    return manager.create_order(order_id=order_id, customer_id=customer_id, customer_name=customer_name,
                                items=[{"item_name": "Tea", "quantity": 1, "unit_price": price}],
                                total_price=price)


def ids(orders):
    return [order["order_id"] for order in orders]
