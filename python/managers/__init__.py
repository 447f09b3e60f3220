"""managers: order management on SQLite or AWS DynamoDB (the C++ order-manager core).

    from managers import OrderManager, OrderManagerDynamoDB, OrderStatus
    from managers.order_manager_factory import OrderManagerFactory, OrderManagerType

Money is kept as exact cents. It comes back as float by default (converted from the exact
amount, so three items at 0.10 total 0.3) or as decimal.Decimal with decimal_money=True.
"""

from .errors import ConfigurationError, OrderManagerError, StorageError, ValidationError
from .order_managers import OrderManager, OrderManagerDynamoDB
from .order_status import OrderStatus

__all__ = [
    "OrderManager",
    "OrderManagerDynamoDB",
    "OrderStatus",
    "OrderManagerError",
    "ValidationError",
    "StorageError",
    "ConfigurationError",
]
