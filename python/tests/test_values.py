"""Money in every input type and both output types, Unicode, and bad input: each field's rule
raises managers.ValidationError naming the field, and nothing is written."""

import decimal
from decimal import Decimal

import pytest

import managers
from managers import OrderStatus, ValidationError
from conftest import create_simple


def one_item(price, quantity=1):
    return [{"item_name": "Thing", "quantity": quantity, "unit_price": price}]


@pytest.mark.parametrize("given, cents", [
    (3.50, 350), (0.1, 10), (16.99, 1699), (0.125, 12), (0.135, 14), (7, 700), (0, 0),
    (Decimal("3.50"), 350), (Decimal("0.30"), 30), (Decimal("1E+2"), 10000), (Decimal("0.125"), 12),
    ("3.50", 350), ("16.99", 1699), (".5", 50), ("1000000.00", 100000000),
])
def test_money_inputs_are_exact_cents_in_float_and_decimal_output(make_manager, given, cents):
    floats, decimals = make_manager(), make_manager(decimal_money=True)
    for manager in (floats, decimals):
        assert manager.create_order("M-1", "C-1", "Ann", one_item(given, 3), given)
    as_float, as_decimal = floats.get_order("M-1"), decimals.get_order("M-1")
    exact = Decimal(cents).scaleb(-2)
    assert as_float["total_price"] == float(exact) and type(as_float["total_price"]) is float
    assert as_decimal["total_price"] == exact and as_decimal["total_price"].as_tuple().exponent == -2
    assert as_float["items"][0]["unit_price"] == float(exact)
    assert as_decimal["items"][0]["subtotal"] == exact * 3
    assert as_float["items"][0]["subtotal"] == float(exact * 3)
    assert decimals.get_order_statistics()["total_revenue"] == exact


def test_float_output_comes_from_exact_cents(manager):
    assert manager.create_order("D-1", "C-1", "Ann", one_item(0.1, 3), 0.3)
    order = manager.get_order("D-1")
    assert repr(order["items"][0]["subtotal"]) == "0.3"  # never 0.30000000000000004
    assert repr(order["total_price"]) == "0.3"


def test_decimal_output_on_every_money_field(make_manager):
    manager = make_manager(decimal_money=True)
    assert manager.decimal_money is True
    assert manager.create_order("D-1", "C-1", "Ann", one_item("0.10", 3), "0.30")
    for order in (manager.get_order("D-1"), manager.get_customer_orders("Ann")[0],
                  manager.get_customer_last_order("C-1"), manager.get_orders_by_status(OrderStatus.PENDING)[0]):
        assert order["total_price"] == Decimal("0.30") and str(order["total_price"]) == "0.30"
        assert str(order["items"][0]["unit_price"]) == "0.10" and str(order["items"][0]["subtotal"]) == "0.30"
    assert manager.get_order_statistics()["total_revenue"] == Decimal("0.30")


def test_unicode_round_trips(manager):
    name, item = "Zoë Ñúñez 李小龍 🍕", "Crème brûlée ☕"
    metadata = {"note": "sans oignons 🧅", "ключ": ["значение", 1, 2.5, True, None], "nested": {"深": {"x": 1}}}
    assert manager.create_order("ÜNI-1", "客户-1", name, one_item(4.20), 4.20, conversation_id="会話-1",
                                metadata=metadata)
    order = manager.get_order("ÜNI-1")
    assert (order["customer_id"], order["customer_name"], order["conversation_id"]) == ("客户-1", name, "会話-1")
    assert order["items"][0]["item_name"] == "Thing"
    assert order["metadata"] == metadata
    assert manager.create_order("ÜNI-2", "客户-1", name, [{"item_name": item, "quantity": 1, "unit_price": 1}], 1)
    assert manager.get_order("ÜNI-2")["items"][0]["item_name"] == item
    assert [o["order_id"] for o in manager.get_customer_orders(name)] == ["ÜNI-2", "ÜNI-1"]
    assert f"Customer: {name} (ID: 客户-1)" in manager.format_order_summary("ÜNI-1")


VALID = dict(order_id="BAD-1", customer_id="C-1", customer_name="Ann", items=one_item(1.0), total_price=1.0)

# (field the error must name, the create_order arguments that break its rule)
BAD_INPUTS = [
    ("order_id", dict(order_id="")),
    ("order_id", dict(order_id=None)),
    ("order_id", dict(order_id=42)),
    ("order_id", dict(order_id="x" * 129)),
    ("order_id", dict(order_id="bad\x00id")),
    ("order_id", dict(order_id="lone \ud800 surrogate")),
    ("customer_id", dict(customer_id="")),
    ("customer_name", dict(customer_name="   ")),
    ("customer_name", dict(customer_name=b"bytes")),
    ("items", dict(items=None)),
    ("items", dict(items={"item_name": "X"})),
    ("items[0]", dict(items=["not a dict"])),
    ("items[0].item_name", dict(items=[{"quantity": 1, "unit_price": 1}])),
    ("items[0].item_name", dict(items=[{"item_name": "", "quantity": 1, "unit_price": 1}])),
    ("items[0].quantity", dict(items=[{"item_name": "X", "quantity": 0, "unit_price": 1}])),
    ("items[0].quantity", dict(items=[{"item_name": "X", "quantity": -1, "unit_price": 1}])),
    ("items[0].quantity", dict(items=[{"item_name": "X", "quantity": 1.5, "unit_price": 1}])),
    ("items[0].quantity", dict(items=[{"item_name": "X", "quantity": True, "unit_price": 1}])),
    ("items[0].quantity", dict(items=[{"item_name": "X", "quantity": 10**30, "unit_price": 1}])),
    ("items[0].unit_price", dict(items=[{"item_name": "X", "quantity": 1, "unit_price": -1}])),
    ("items[0].unit_price", dict(items=[{"item_name": "X", "quantity": 1, "unit_price": float("nan")}])),
    ("items[0].unit_price", dict(items=[{"item_name": "X", "quantity": 1, "unit_price": "abc"}])),
    ("items[0].unit_price", dict(items=[{"item_name": "X", "quantity": 1, "unit_price": Decimal("NaN")}])),
    ("items[0].unit_price", dict(items=[{"item_name": "X", "quantity": 1, "unit_price": None}])),
    ("items[1].unit_price", dict(items=one_item(1.0) + [{"item_name": "Y", "quantity": 1, "unit_price": "1e5"}])),
    ("total_price", dict(total_price=float("inf"))),
    ("total_price", dict(total_price=-0.01)),
    ("total_price", dict(total_price=[1])),
    ("total_price", dict(total_price=10**40)),
    ("estimated_ready_time", dict(estimated_ready_time="tomorrow")),
    ("estimated_ready_time", dict(estimated_ready_time="2024-13-40T99:00:00")),
    ("conversation_id", dict(conversation_id=7)),
    ("metadata", dict(metadata=["not", "a", "dict"])),
    ("metadata", dict(metadata={1: "int key"})),
    ("metadata", dict(metadata={"when": object()})),
    ("metadata", dict(metadata={"x": float("nan")})),
    ("metadata", dict(metadata={"big": "x" * 20000})),
]


def deep(levels):
    value = {}
    for _ in range(levels):
        value = {"d": value}
    return value


def self_referencing():
    value = {}
    value["me"] = value
    return value


BAD_INPUTS += [("metadata", dict(metadata=deep(40))), ("metadata", dict(metadata=self_referencing()))]


@pytest.mark.parametrize("field, change", BAD_INPUTS, ids=[f"{field}-{i}" for i, (field, _) in enumerate(BAD_INPUTS)])
def test_bad_input_names_the_field_and_writes_nothing(manager, field, change):
    arguments = dict(VALID, **change)
    with pytest.raises(ValidationError) as raised:
        manager.create_order(**arguments)
    error = raised.value
    assert isinstance(error, ValueError) and isinstance(error, managers.OrderManagerError)
    assert error.field is not None and error.field.startswith(field), (error.field, str(error))
    assert error.rule and str(error) == f"{error.field}: {error.rule}"
    assert manager.get_order_statistics()["total_orders"] == 0


def test_bad_query_arguments_name_the_field(manager):
    assert create_simple(manager, "Q-1", "C-1", "Ann")
    cases = [
        ("limit", lambda: manager.get_customer_orders("Ann", limit=0)),
        ("limit", lambda: manager.get_customer_orders("Ann", limit=-(10**30))),
        ("limit", lambda: manager.get_customer_orders("Ann", limit="2")),
        ("limit", lambda: manager.get_orders_by_status(OrderStatus.PENDING, limit=True)),
        ("status", lambda: manager.get_orders_by_status("Shipped")),
        ("status", lambda: manager.get_orders_by_status(3)),
        ("status", lambda: manager.update_order_status("Q-1", "Done")),
        ("status", lambda: manager.get_customer_orders("Ann", status="nope")),
        ("order_id", lambda: manager.get_order(None)),
        ("order_id", lambda: manager.get_order("")),
        ("customer_id", lambda: manager.get_customer_last_order(5)),
        ("estimated_ready_time", lambda: manager.update_order_ready_time("Q-1", "soon")),
    ]
    for field, call in cases:
        with pytest.raises(ValidationError) as raised:
            call()
        assert raised.value.field == field, (field, str(raised.value))
    order = manager.get_order("Q-1")
    assert order["status"] == "Pending" and order["estimated_ready_time"] is None
    # A huge limit means "no limit", not an error.
    assert len(manager.get_customer_orders("Ann", limit=10**30)) == 1


def test_decimal_context_does_not_matter():
    with decimal.localcontext() as context:
        context.prec = 3
        assert Decimal("123456.78") + 0 != Decimal("123456.78")  # the context really rounds
        manager = managers.OrderManager(":memory:", decimal_money=True)
        assert manager.create_order("P-1", "C", "N", one_item(Decimal("123456.78")), Decimal("123456.78"))
        assert manager.get_order("P-1")["total_price"] == Decimal("123456.78")
