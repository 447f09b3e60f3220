"""The conformance behaviour of the C++ suite (tests/conformance), through Python, on the engine
chosen by --engine: the same results for every spec method."""

import json
import re

import pytest

from managers import OrderStatus
from conftest import SPEC_ITEMS, create_simple, create_spec_order, ids

STORED_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


def test_create_and_get_round_trip_the_spec_example(manager):
    assert create_spec_order(manager) is True
    order = manager.get_order("ORD-001")
    assert list(order) == ["order_id", "customer_id", "customer_name", "total_price", "status", "created_at",
                           "updated_at", "estimated_ready_time", "conversation_id", "metadata", "items",
                           "status_history"]
    assert order["order_id"] == "ORD-001"
    assert order["customer_id"] == "CUST-001"
    assert order["customer_name"] == "John Doe"
    assert order["total_price"] == 16.99 and type(order["total_price"]) is float
    assert order["status"] == "Pending" == OrderStatus.PENDING.value
    assert STORED_TIME.match(order["created_at"]) and order["updated_at"] == order["created_at"]
    assert order["estimated_ready_time"] == "2024-11-22T15:30:00"
    assert order["conversation_id"] is None
    assert order["metadata"] == {"table": "5"}
    assert order["items"] == [
        {"item_name": "Coffee", "quantity": 2, "unit_price": 3.5, "subtotal": 7.0},
        {"item_name": "Sandwich", "quantity": 1, "unit_price": 8.99, "subtotal": 8.99},
    ]
    assert order["status_history"] == [{"status": "Pending", "changed_at": order["created_at"]}]


def test_the_dict_is_the_cores_json_form(manager):
    # managers::to_json(Order) is the one copy of the record's shape; the dict mirrors it.
    assert create_spec_order(manager)
    manager.create_order("ORD-002", "C-2", "Ann", [{"item_name": "Dime", "quantity": 3, "unit_price": 0.1}], 0.3,
                         conversation_id="CONV-9", metadata={"nested": {"list": [1, 2.5, None, True, "x"]}})
    for order_id in ("ORD-001", "ORD-002"):
        assert manager.get_order(order_id) == json.loads(manager.get_order_json(order_id))
    assert manager.get_order_json("NOPE") is None


def test_create_with_only_the_required_fields_and_keywords(manager):
    assert manager.create_order("MIN-1", "C-1", "Ann", [{"item_name": "Tea", "quantity": 1, "unit_price": 2}], 2)
    order = manager.get_order("MIN-1")
    assert order["metadata"] == {} and order["estimated_ready_time"] is None and order["conversation_id"] is None
    assert manager.create_order(order_id="KW-1", customer_id="C-1", customer_name="Ann", items=[{"item_name": "Tea", "quantity": 1, "unit_price": 0}],
                                total_price=0, conversation_id="CONV-1")
    assert manager.get_order("KW-1")["conversation_id"] == "CONV-1"


def test_get_order_of_an_unknown_id_is_none(manager):
    assert manager.get_order("NOPE") is None


def test_duplicate_create_returns_false_and_changes_nothing(manager):
    assert create_spec_order(manager)
    before = manager.get_order("ORD-001")
    assert manager.create_order("ORD-001", "CUST-X", "Other", [{"item_name": "X", "quantity": 1,
                                                                  "unit_price": 1}], 1) is False
    assert manager.get_order("ORD-001") == before


def test_customer_orders_are_newest_first_with_full_items(manager):
    for i in range(1, 4):
        assert create_simple(manager, f"A-{i}", "CUST-A", "Alice", i)
    assert create_simple(manager, "B-1", "CUST-B", "Bob")
    orders = manager.get_customer_orders("Alice")
    assert ids(orders) == ["A-3", "A-2", "A-1"]
    for order in orders:
        assert order == manager.get_order(order["order_id"])
        assert order["items"][0]["subtotal"] == order["total_price"]
    assert ids(manager.get_customer_orders("Alice", limit=10)) == ["A-3", "A-2", "A-1"]
    assert ids(manager.get_customer_orders("Alice", 1)) == ["A-3"]
    assert manager.get_customer_orders("alice") == [] and manager.get_customer_orders("CUST-A") == []


def test_customer_orders_filter_by_status_before_the_limit(manager):
    for i in range(1, 6):
        assert create_simple(manager, f"A-{i}", "CUST-A", "Alice")
    assert manager.update_order_status("A-5", OrderStatus.CANCELLED)
    assert manager.update_order_status("A-4", "Cancelled")
    assert ids(manager.get_customer_orders("Alice", limit=2, status=OrderStatus.PENDING)) == ["A-3", "A-2"]
    assert ids(manager.get_customer_orders("Alice", limit=2)) == ["A-5", "A-4"]
    assert ids(manager.get_customer_orders("Alice", status="CANCELLED")) == ["A-5", "A-4"]
    assert ids(manager.get_customer_orders("Alice", status="Pending")) == ["A-3", "A-2", "A-1"]
    assert manager.get_customer_orders("Alice", status=OrderStatus.COMPLETED) == []


def test_customer_last_order_looks_up_the_customer_id(manager):
    assert manager.get_customer_last_order("CUST-A") is None
    assert create_simple(manager, "A-1", "CUST-A", "Alice")
    assert create_simple(manager, "A-2", "CUST-A", "Alice")
    assert create_simple(manager, "B-1", "CUST-B", "Bob")
    assert manager.get_customer_last_order("CUST-A") == manager.get_order("A-2")
    assert manager.get_customer_last_order("Alice") is None


def test_orders_by_status_are_oldest_first_with_a_limit(manager):
    for i in range(1, 6):
        assert create_simple(manager, f"Q-{i}", f"CUST-{i}", "C")
    assert manager.update_order_status("Q-2", OrderStatus.PREPARING)
    assert manager.update_order_status("Q-4", "Being prepared")
    assert ids(manager.get_orders_by_status(OrderStatus.PENDING)) == ["Q-1", "Q-3", "Q-5"]
    assert ids(manager.get_orders_by_status(OrderStatus.PENDING, limit=2)) == ["Q-1", "Q-3"]
    assert ids(manager.get_orders_by_status("PREPARING")) == ["Q-2", "Q-4"]
    assert ids(manager.get_orders_by_status("being prepared", 1)) == ["Q-2"]
    assert manager.get_orders_by_status(OrderStatus.READY) == []


def test_updates_of_a_missing_order_return_false_and_create_nothing(manager):
    assert manager.update_order_status("NOPE", OrderStatus.READY) is False
    assert manager.update_order_ready_time("NOPE", "2024-11-22T15:30:00") is False
    assert manager.get_order("NOPE") is None
    assert manager.get_order_statistics()["total_orders"] == 0


def test_the_lifecycle_appends_every_change_and_final_states_refuse(manager):
    assert create_spec_order(manager)
    for status in (OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PREPARING):
        assert manager.update_order_status("ORD-001", status) is True
    assert manager.update_order_status("ORD-001", OrderStatus.PREPARING) is True  # already so: a no-op
    order = manager.get_order("ORD-001")
    assert [entry["status"] for entry in order["status_history"]] == [
        "Pending", "Confirmed", "Being prepared", "Ready for pickup", "Being prepared"]
    assert order["updated_at"] >= order["created_at"]
    assert manager.update_order_status("ORD-001", OrderStatus.COMPLETED) is True
    for status in OrderStatus:
        if status is not OrderStatus.COMPLETED:
            assert manager.update_order_status("ORD-001", status) is False
    assert manager.get_order("ORD-001")["status"] == "Completed"

    assert create_simple(manager, "ORD-002", "C-2", "Ann")
    assert manager.update_order_status("ORD-002", "cancelled") is True
    assert manager.update_order_status("ORD-002", OrderStatus.PENDING) is False
    assert manager.get_order("ORD-002")["status"] == "Cancelled"


def test_update_ready_time(manager):
    assert create_spec_order(manager)
    assert manager.update_order_ready_time("ORD-001", "2024-11-22T16:00:00+01:00") is True
    assert manager.get_order("ORD-001")["estimated_ready_time"] == "2024-11-22T16:00:00+01:00"
    assert manager.update_order_ready_time("ORD-001", "2024-11-22T16:00:00+01:00") is True  # unchanged


def test_statistics_count_revenue_exactly_and_exclude_cancelled(manager):
    assert manager.get_order_statistics() == {"total_orders": 0, "total_revenue": 0.0, "status_breakdown": {},
                                              "unique_customers": 0}
    assert create_simple(manager, "O-1", "C-1", "Ann", 10.00)
    assert create_simple(manager, "O-2", "C-1", "Ann", 5.50)
    assert create_simple(manager, "O-3", "C-2", "Ben", 2.25)
    assert create_simple(manager, "O-4", "C-3", "Cat", 100.00)
    assert manager.update_order_status("O-2", OrderStatus.PREPARING)
    assert manager.update_order_status("O-3", OrderStatus.COMPLETED)
    assert manager.update_order_status("O-4", OrderStatus.CANCELLED)
    statistics = manager.get_order_statistics()
    assert statistics == {"total_orders": 4, "total_revenue": 17.75,
                          "status_breakdown": {"Pending": 1, "Being prepared": 1, "Completed": 1, "Cancelled": 1},
                          "unique_customers": 3}
    assert list(statistics) == ["total_orders", "total_revenue", "status_breakdown", "unique_customers"]


def test_revenue_never_sums_binary_floats(manager):
    for i in range(10):
        assert manager.create_order(f"DIME-{i}", "C-1", "Ann", [{"item_name": "Dime", "quantity": 1,
                                                                  "unit_price": 0.1}], 0.1)
    assert manager.get_order_statistics()["total_revenue"] == 1.0  # not 0.9999999999999999


def test_delete_removes_the_order(manager):
    assert create_spec_order(manager)
    assert manager.delete_order("ORD-001") is True
    assert manager.get_order("ORD-001") is None
    assert manager.delete_order("ORD-001") is False
    assert manager.get_customer_orders("John Doe") == []
    assert manager.create_order("ORD-001", "CUST-002", "Other", [{"item_name": "Juice", "quantity": 1,
                                                                   "unit_price": 4.00}], 4.00)
    assert manager.get_order("ORD-001")["items"] == [{"item_name": "Juice", "quantity": 1, "unit_price": 4.0,
                                                      "subtotal": 4.0}]


def test_clear_all_orders_empties_the_store(manager):
    for i in range(5):
        assert create_simple(manager, f"C-{i}", f"CUST-{i}", "X")
    assert manager.clear_all_orders() is None
    assert manager.get_order_statistics()["total_orders"] == 0
    assert manager.get_order("C-0") is None and manager.get_customer_orders("X") == []
    manager.clear_all_orders()
    assert create_simple(manager, "C-0", "CUST-0", "X")


def test_format_order_summary_is_the_spec_layout(manager):
    assert create_spec_order(manager)
    created = manager.get_order("ORD-001")["created_at"]
    assert manager.format_order_summary("ORD-001") == (
        "ORDER #ORD-001\n"
        "Customer: John Doe (ID: CUST-001)\n"
        "Status: Pending\n"
        f"Created: {created}\n"
        "Items:\n"
        "  - Coffee x2 @ $3.50 = $7.00\n"
        "  - Sandwich x1 @ $8.99 = $8.99\n"
        "Total: $16.99\n"
        "Estimated Ready: 2024-11-22T15:30:00")
    assert manager.format_order_summary("NOPE") == "Order not found."


def test_items_are_not_aliased_to_the_input(manager):
    items = [dict(item) for item in SPEC_ITEMS]
    assert manager.create_order("ORD-9", "C", "N", items, 16.99)
    items[0]["quantity"] = 99
    assert manager.get_order("ORD-9")["items"][0]["quantity"] == 2
    first, second = manager.get_order("ORD-9"), manager.get_order("ORD-9")
    first["items"].clear()
    assert second["items"] and first is not second


@pytest.mark.parametrize("status", list(OrderStatus))
def test_every_status_is_accepted_as_member_value_and_name(manager, status):
    assert create_simple(manager, "S-1", "C-1", "Ann")
    for form in (status, status.value, status.name, status.name.lower()):
        manager.update_order_status("S-1", OrderStatus.PENDING)
        assert manager.update_order_status("S-1", form) is True
        assert manager.get_order("S-1")["status"] == status.value
        assert ids(manager.get_orders_by_status(form)) == ["S-1"]
        assert ids(manager.get_customer_orders("Ann", status=form)) == ["S-1"]
        if status in (OrderStatus.COMPLETED, OrderStatus.CANCELLED):
            assert manager.delete_order("S-1") and create_simple(manager, "S-1", "C-1", "Ann")
