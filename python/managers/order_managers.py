"""OrderManager (SQLite) and OrderManagerDynamoDB: the spec's API on the C++ engines.

Both classes share every method (the spec: "Both implementations share the same interface").
Each method converts its arguments, calls the C++ engine with the GIL released, and converts
the result: orders are plain dicts in the spec's "Order Record" shape, plus "status_history".
"""

import os

from . import _core
from .order_status import OrderStatus


def _status_argument(status):
    # An OrderStatus member goes on as its value; a str (value or name, any case) is parsed by
    # the C++ core, which also refuses anything else with a ValidationError naming "status".
    return status.value if isinstance(status, OrderStatus) else status


class _OrderManagerBase:
    """The methods both engines share. Do not instantiate: use OrderManager,
    OrderManagerDynamoDB or OrderManagerFactory."""

    __slots__ = ("_engine",)

    @classmethod
    def _from_engine(cls, engine):
        manager = cls.__new__(cls)
        manager._engine = engine
        return manager

    @property
    def backend_name(self):
        """``"sqlite"`` or ``"dynamodb"``."""
        return self._engine.backend_name

    @property
    def decimal_money(self):
        """True if money comes back as ``decimal.Decimal`` instead of ``float``."""
        return self._engine.decimal_money

    def create_order(self, order_id, customer_id, customer_name, items, total_price,
                     conversation_id=None, estimated_ready_time=None, metadata=None):
        """Create a new order with status "Pending".

        items: ``[{"item_name": str, "quantity": int, "unit_price": float}]``; each item's
        subtotal is unit_price x quantity. Money (unit_price, total_price) may be a float, an
        int, a ``decimal.Decimal`` or a str such as ``"3.50"``; it is kept as exact cents.
        estimated_ready_time: an ISO-8601 timestamp. metadata: a dict of JSON data.

        Returns True if created, False (changing nothing) if order_id already exists.
        Raises ValidationError naming the field and the rule for bad input (nothing is
        written), StorageError if the storage fails.
        """
        return self._engine.create_order(order_id, customer_id, customer_name, items, total_price,
                                         conversation_id, estimated_ready_time, metadata)

    def get_order(self, order_id):
        """The complete order with its items as a dict, or None if not found."""
        return self._engine.get_order(order_id)

    def get_customer_orders(self, customer_name, limit=None, status=None):
        """The orders of the customer with this exact name, most recent first.

        status (an OrderStatus, its value or its name) filters before limit (a positive int)
        counts. Returns a list of order dicts.
        """
        return self._engine.get_customer_orders(customer_name, limit, _status_argument(status))

    def get_customer_last_order(self, customer_id):
        """The most recent order of the customer with this id, or None."""
        return self._engine.get_customer_last_order(customer_id)

    def update_order_status(self, order_id, status):
        """Move the order to status (an OrderStatus, its value or its name).

        Returns True if done or if the order already had that status; False if the order does
        not exist or is Completed or Cancelled (final statuses never change).
        """
        return self._engine.update_order_status(order_id, _status_argument(status))

    def update_order_ready_time(self, order_id, estimated_ready_time):
        """Set the estimated ready time (ISO-8601). False if the order does not exist."""
        return self._engine.update_order_ready_time(order_id, estimated_ready_time)

    def get_orders_by_status(self, status, limit=None):
        """The orders with this status (an OrderStatus, its value or its name), oldest first
        (a kitchen queue), at most limit when given. Returns a list of order dicts."""
        return self._engine.get_orders_by_status(_status_argument(status), limit)

    def get_order_statistics(self):
        """Aggregated statistics: a dict with total_orders, total_revenue (excluding cancelled
        orders), status_breakdown (status value -> count) and unique_customers."""
        return self._engine.get_order_statistics()

    def delete_order(self, order_id):
        """Delete the order and its items. Returns True if it existed."""
        return self._engine.delete_order(order_id)

    def clear_all_orders(self):
        """Delete all orders. Use with caution!"""
        self._engine.clear_all_orders()

    def format_order_summary(self, order_id):
        """The order as a readable summary string, or "Order not found." for a missing id."""
        return self._engine.format_order_summary(order_id)

    def get_order_json(self, order_id):
        """Beyond the spec: the order as the C++ core's JSON text (exact money as JSON
        numbers), or None if not found."""
        return self._engine.get_order_json(order_id)


class OrderManager(_OrderManagerBase):
    """Orders in a local SQLite database file (the spec's development engine).

    ``OrderManager(db_path="conversations.db")`` opens (and creates or upgrades) the file.
    ``decimal_money=True`` returns money as exact ``decimal.Decimal`` instead of ``float``.
    One instance may be shared by any number of threads.
    """

    __slots__ = ()

    def __init__(self, db_path=_core.DEFAULT_DB_PATH, *, decimal_money=False):
        self._engine = _core.create("sqlite", db_path=os.fspath(db_path), decimal_money=decimal_money)

    @property
    def db_path(self):
        """The database file."""
        return self._engine.location()["db_path"]

    def __repr__(self):
        return f"OrderManager(db_path={self.db_path!r})"


class OrderManagerDynamoDB(_OrderManagerBase):
    """Orders in an AWS DynamoDB table (the spec's production engine).

    ``OrderManagerDynamoDB(table_name="orders", region=None)``: without a region, AWS_REGION,
    AWS_DEFAULT_REGION or the profile's region is used, else "us-east-1". The endpoint is
    AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL when set (DynamoDB Local), else AWS's.
    Credentials come from the AWS SDKs' usual chain. The table (and its statistics companion)
    is created on first use when missing. ``decimal_money=True`` returns money as exact
    ``decimal.Decimal`` instead of ``float``. One instance may be shared by any number of threads.
    """

    __slots__ = ()

    def __init__(self, table_name=_core.DEFAULT_TABLE_NAME, region=None, *, decimal_money=False):
        self._engine = _core.create("dynamodb", table_name=table_name, region=region,
                                    decimal_money=decimal_money)

    @property
    def table_name(self):
        """The DynamoDB table."""
        return self._engine.location()["table_name"]

    @property
    def region(self):
        """The AWS region in use."""
        return self._engine.location()["region"]

    def __repr__(self):
        return f"OrderManagerDynamoDB(table_name={self.table_name!r}, region={self.region!r})"
