"""The package's names, module paths, enums, signatures, docstrings and errors, as the spec has them."""

import inspect
import pathlib
from enum import Enum

import pytest

import managers
from managers import ConfigurationError, OrderManager, OrderManagerDynamoDB, OrderStatus, StorageError
from managers.order_manager_factory import OrderManagerFactory, OrderManagerType

SPEC_SIGNATURES = {
    "create_order": "(self, order_id, customer_id, customer_name, items, total_price, conversation_id=None, "
                    "estimated_ready_time=None, metadata=None)",
    "get_order": "(self, order_id)",
    "get_customer_orders": "(self, customer_name, limit=None, status=None)",
    "get_customer_last_order": "(self, customer_id)",
    "update_order_status": "(self, order_id, status)",
    "update_order_ready_time": "(self, order_id, estimated_ready_time)",
    "get_orders_by_status": "(self, status, limit=None)",
    "get_order_statistics": "(self)",
    "delete_order": "(self, order_id)",
    "clear_all_orders": "(self)",
    "format_order_summary": "(self, order_id)",
}


def test_enums_are_the_specs():
    assert issubclass(OrderStatus, Enum) and issubclass(OrderManagerType, Enum)
    assert {m.name: m.value for m in OrderStatus} == {
        "PENDING": "Pending", "CONFIRMED": "Confirmed", "PREPARING": "Being prepared",
        "READY": "Ready for pickup", "COMPLETED": "Completed", "CANCELLED": "Cancelled"}
    assert [m.name for m in OrderManagerType] == ["SQLITE", "DYNAMODB"]


@pytest.mark.parametrize("cls", [OrderManager, OrderManagerDynamoDB])
def test_both_engines_have_the_specs_methods_and_docstrings(cls):
    for name, signature in SPEC_SIGNATURES.items():
        method = getattr(cls, name)
        assert str(inspect.signature(method)) == signature, name
        assert method.__doc__ and len(method.__doc__) > 30, name
    assert cls.__doc__


def test_constructor_signatures():
    assert str(inspect.signature(OrderManager)) == "(db_path='conversations.db', *, decimal_money=False)"
    assert str(inspect.signature(OrderManagerDynamoDB)) == \
        "(table_name='orders', region=None, *, decimal_money=False)"


def test_stubs_cover_the_public_names():
    package = pathlib.Path(managers.__file__).parent
    assert (package / "py.typed").is_file()
    stubs = (package / "__init__.pyi").read_text() + (package / "order_manager_factory.pyi").read_text()
    for name in list(SPEC_SIGNATURES) + managers.__all__ + ["OrderManagerFactory", "OrderManagerType",
                                                             "create_from_env", "decimal_money"]:
        assert name in stubs, name


def test_factory_builds_each_engine(tmp_path, monkeypatch):
    sqlite = OrderManagerFactory.create(OrderManagerType.SQLITE, db_path=tmp_path / "f.db")
    assert type(sqlite) is OrderManager and sqlite.db_path == str(tmp_path / "f.db")
    assert type(OrderManagerFactory.create("SQLite", db_path=str(tmp_path / "g.db"))) is OrderManager
    dynamodb = OrderManagerFactory.create(OrderManagerType.DYNAMODB, table_name="t-1", region="eu-west-1")
    assert type(dynamodb) is OrderManagerDynamoDB and (dynamodb.table_name, dynamodb.region) == ("t-1", "eu-west-1")
    decimal_manager = OrderManagerFactory.create(OrderManagerType.SQLITE, db_path=":memory:", decimal_money=True)
    assert decimal_manager.decimal_money is True

    monkeypatch.delenv("ORDER_MANAGER_TYPE", raising=False)
    monkeypatch.setenv("ORDER_DB_PATH", str(tmp_path / "env.db"))
    from_env = OrderManagerFactory.create_from_env()
    assert type(from_env) is OrderManager and from_env.db_path == str(tmp_path / "env.db")
    monkeypatch.setenv("ORDER_MANAGER_TYPE", "DynamoDB")
    monkeypatch.setenv("ORDER_TABLE_NAME", "env-table")
    from_env = OrderManagerFactory.create_from_env(region="us-west-2")
    assert type(from_env) is OrderManagerDynamoDB
    assert (from_env.table_name, from_env.region) == ("env-table", "us-west-2")


def test_configuration_errors(monkeypatch):
    monkeypatch.setenv("ORDER_MANAGER_TYPE", "mysql")
    with pytest.raises(ConfigurationError, match="ORDER_MANAGER_TYPE.*mysql.*sqlite, dynamodb"):
        OrderManagerFactory.create_from_env()
    with pytest.raises(ConfigurationError, match="manager_type"):
        OrderManagerFactory.create("oracle")
    with pytest.raises(ConfigurationError):
        OrderManager(db_path="")
    with pytest.raises(ConfigurationError):
        OrderManagerDynamoDB(table_name="bad name!")


def test_storage_errors_carry_backend_and_code(tmp_path):
    not_a_database = tmp_path / "junk.db"
    not_a_database.write_bytes(b"this is not a SQLite database, just some bytes" * 100)
    with pytest.raises(StorageError) as raised:
        OrderManager(db_path=str(not_a_database)).get_order("X")
    assert raised.value.backend == "sqlite" and raised.value.code.startswith("SQLITE_")
    assert isinstance(raised.value, managers.OrderManagerError) and not isinstance(raised.value, ValueError)


def test_unreachable_dynamodb_is_a_storage_error(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")  # discard port: refused
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "dummy")
    with pytest.raises(StorageError) as raised:
        OrderManagerDynamoDB(table_name="orders", region="us-east-1").get_order("X")
    assert raised.value.backend == "dynamodb" and raised.value.code


def test_repr_and_help():
    manager = OrderManager(":memory:")
    assert repr(manager) == "OrderManager(db_path=':memory:')"
    assert "Returns True if created" in inspect.getdoc(OrderManager.create_order)
